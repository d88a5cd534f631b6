/**
 * The QR code on a licence page: it carries the link to this very page, so anyone who scans the printed
 * licence lands on its verification. The encoder loads only when a licence page shows one.
 */
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

import { licenceLink } from "../../lib/verify/licenceLink";

export function LicenceQrCode({ licenceId }: { licenceId: bigint }) {
  const { t } = useTranslation();
  const link = licenceLink(window.location.origin, licenceId);
  const svg = useQuery({
    queryKey: ["licence-qr", link],
    staleTime: Infinity,
    queryFn: async () => {
      const { default: encodeQR } = await import("@paulmillr/qr");
      return encodeQR(link, "svg", { ecc: "medium", border: 2 });
    },
  });
  return (
    <figure className="licence-qr">
      {svg.isSuccess ? (
        <img
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.data)}`}
          alt={t("verify.licence.page.qrAlt", { link })}
          width={176}
          height={176}
        />
      ) : (
        <div className="licence-qr__placeholder" aria-hidden="true" />
      )}
      <figcaption>
        {t("verify.licence.page.qrBody")}
        <br />
        <a href={link} className="licence-qr__link">
          {link}
        </a>
      </figcaption>
    </figure>
  );
}

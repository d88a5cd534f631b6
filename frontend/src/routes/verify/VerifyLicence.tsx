/**
 * Verify a licence: by its number (LicenseRegistry.licenseByNumber), or from a photo or screenshot of
 * its QR code, decoded in the browser (the decoder loads only when an image is chosen). Both lead to
 * the licence's page, which reads everything from the chain.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { PublicClient } from "viem";
import { usePublicClient } from "wagmi";

import { Notice } from "../../components/Notice";
import { HintedTextField, Loading, PrivacyNote, ReadError, VerifyFormHeader } from "../../components/verify/common";
import { FileDrop } from "../../components/verify/FileDrop";
import { config } from "../../config";
import { licenceIdByNumber, LicenceNotFoundError } from "../../hooks/verify/useLicence";
import { LICENCE_NUMBER_PATTERN, licencePath, parseLicenceReference } from "../../lib/verify/licenceLink";
import { readQrCode } from "../../lib/verify/qrImage";

type Problem =
  | {
      key: "numberEmpty" | "numberMalformed" | "qrUnreadable" | "imageUnreadable";
    }
  | { key: "notFound"; number: string }
  | { key: "qrNotLicence"; text: string }
  | { key: "chain"; error: unknown };

export function Component() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = usePublicClient({ chainId: config.chainId }) as PublicClient | undefined;
  const [number, setNumber] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState<"number" | "qr">();

  const openNumber = async (licenceNumber: string) => {
    if (client === undefined) return;
    try {
      const id = await licenceIdByNumber(client, licenceNumber);
      await navigate(licencePath(id));
    } catch (error) {
      setProblem(error instanceof LicenceNotFoundError ? { key: "notFound", number: licenceNumber } : { key: "chain", error });
    }
  };

  const submitNumber = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const text = number.trim().toUpperCase();
    if (text === "") return setProblem({ key: "numberEmpty" });
    if (!LICENCE_NUMBER_PATTERN.test(text)) return setProblem({ key: "numberMalformed" });
    setBusy("number");
    await openNumber(text);
    setBusy(undefined);
  };

  const readImage = async (image: File | undefined) => {
    setProblem(undefined);
    if (image === undefined) return;
    setBusy("qr");
    try {
      const decoded = await readQrCode(image);
      if (decoded === "unreadableImage") return setProblem({ key: "imageUnreadable" });
      if (decoded === "noCode") return setProblem({ key: "qrUnreadable" });
      const reference = parseLicenceReference(decoded, window.location.origin);
      if (reference === undefined) return setProblem({ key: "qrNotLicence", text: decoded.slice(0, 200) });
      if (reference.kind === "number") return await openNumber(reference.number);
      await navigate(licencePath(reference.id), {
        state: reference.host === undefined ? undefined : { scannedHost: reference.host },
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="container page verify-page">
      <VerifyFormHeader heading={t("verify.licence.heading")} intro={t("verify.licence.intro")} />
      <div className="verify-columns">
        <form className="panel verify-form" onSubmit={(event) => void submitNumber(event)} noValidate>
          <h2>{t("verify.licence.byNumber")}</h2>
          <HintedTextField
            id="licence-number"
            name="number"
            label={t("verify.licence.numberLabel")}
            hint={t("verify.licence.numberHint")}
            value={number}
            invalid={problem?.key === "numberMalformed" || problem?.key === "numberEmpty"}
            onChange={setNumber}
          />
          <div className="verify-actions">
            <button type="submit" className="button button--primary" disabled={busy !== undefined}>
              {t("verify.licence.submit")}
            </button>
          </div>
        </form>
        <div className="panel verify-form">
          <h2>{t("verify.licence.byQr")}</h2>
          <PrivacyNote>{t("verify.licence.qrPrivacy")}</PrivacyNote>
          <FileDrop
            name="qr"
            label={t("verify.licence.qrLabel")}
            hint={t("verify.licence.qrHint")}
            accept="image/*"
            file={undefined}
            onFile={(image) => void readImage(image)}
          />
        </div>
      </div>
      {busy === "qr" && <Loading>{t("verify.licence.qrReading")}</Loading>}
      {busy === "number" && <Loading>{t("verify.loading")}</Loading>}
      {problem !== undefined && problem.key === "chain" && <ReadError error={problem.error} />}
      {problem !== undefined && problem.key !== "chain" && (
        <Notice kind="warning" title={problem.key === "notFound" ? t("verify.licence.notFoundTitle") : t("verify.licence.errors.title")}>
          <p data-problem={problem.key}>
            {problem.key === "notFound"
              ? t("verify.licence.errors.notFound", { number: problem.number })
              : problem.key === "qrNotLicence"
                ? t("verify.licence.errors.qrNotLicence", {
                    text: problem.text,
                  })
                : t(`verify.licence.errors.${problem.key}`)}
          </p>
        </Notice>
      )}
    </div>
  );
}

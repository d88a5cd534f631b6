/** The verification services: a certificate (file or digest) or a licence (number or QR code). */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function Component() {
  const { t } = useTranslation();
  return (
    <div className="container page verify-page">
      <div>
        <h1>{t("verify.index.heading")}</h1>
        <p>{t("verify.index.intro")}</p>
      </div>
      <ul className="services verify-services">
        {(["certificate", "licence"] as const).map((service) => (
          <li key={service} className="service">
            <h2>{t(`verify.index.${service}.title`)}</h2>
            <p>{t(`verify.index.${service}.body`)}</p>
            <Link className="button button--primary" to={`/verify/${service}`}>
              {t(`verify.index.${service}.action`)}
            </Link>
          </li>
        ))}
      </ul>
      <p className="verify-source-note">{t("verify.index.trust")}</p>
    </div>
  );
}

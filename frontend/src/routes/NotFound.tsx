import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="container page page--narrow">
      <h1>{t("notFound.heading")}</h1>
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </div>
  );
}

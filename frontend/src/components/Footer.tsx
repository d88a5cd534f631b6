import { useTranslation } from "react-i18next";

import { config } from "../config";

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("footer.openSource")}</p>
        <p>{t("footer.source", { url: config.rpcUrl })}</p>
      </div>
    </footer>
  );
}

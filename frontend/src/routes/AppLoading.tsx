import { useTranslation } from "react-i18next";

/** Shown for the moment the first page's code loads: says so to screen readers, and nothing flashes for sighted readers. */
export function AppLoading() {
  const { t } = useTranslation();
  return (
    <p role="status" className="visually-hidden">
      {t("portal.loading")}
    </p>
  );
}

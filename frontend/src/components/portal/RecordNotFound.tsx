import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** An unknown tender, department or supplier: said plainly, with the way back to the list. */
export function RecordNotFound({ kind, id }: { kind: "tender" | "department" | "supplier"; id: string }) {
  const { t } = useTranslation();
  return (
    <div className="container page page--narrow">
      <h1>{t(`portal.notFound.${kind}`, { id })}</h1>
      <p>{t(`portal.notFound.${kind}Body`)}</p>
      <p>
        <Link to={kind === "tender" ? "/tenders" : "/"}>{kind === "tender" ? t("portal.notFound.toTenders") : t("notFound.back")}</Link>
      </p>
    </div>
  );
}

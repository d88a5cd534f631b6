import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** How the language separates the items of a short list. */
export const listSeparator = (language: string | undefined) => (language?.startsWith("zh") ? "、" : ", ");

/** A red flag's name by its code (codes the portal does not know yet are shown as they are). */
export function FlagName({ code }: { code: string }) {
  const { t } = useTranslation();
  return <>{t(`portal.flags.codes.${code}`, { defaultValue: code })}</>;
}

/** "⚑ 2" next to a tender in a list: how many red flags, with their names for everyone. */
export function FlagMarker({ codes }: { codes: string[] }) {
  const { t, i18n } = useTranslation();
  if (codes.length === 0) return null;
  const names = codes.map((code) => t(`portal.flags.codes.${code}`, { defaultValue: code })).join(listSeparator(i18n.resolvedLanguage));
  return (
    <span className="flag-marker" title={names}>
      <span aria-hidden="true">⚑ </span>
      <span className="visually-hidden">{t("portal.flags.heading")}: </span>
      {names}
    </span>
  );
}

/** Red flags of a group of tenders, by code, each linking to the tenders that raised it. */
export function FlagCodes({ byCode }: { byCode: Record<string, { tenders: number; tenderIds: string[] } | undefined> }) {
  const { t, i18n } = useTranslation();
  const entries = Object.entries(byCode).filter((entry): entry is [string, { tenders: number; tenderIds: string[] }] => entry[1] !== undefined);
  return (
    <ul className="flag-codes">
      {entries.map(([code, { tenderIds }]) => (
        <li key={code}>
          <span className="flag-codes__name">
            <span aria-hidden="true">⚑ </span>
            <FlagName code={code} />
          </span>{" "}
          {tenderIds.map((id, index) => (
            <span key={id}>
              {index > 0 && listSeparator(i18n.resolvedLanguage)}
              <Link to={`/tenders/${id}`}>{t("portal.tenders.number", { id })}</Link>
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

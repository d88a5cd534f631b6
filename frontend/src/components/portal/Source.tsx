import { useTranslation } from "react-i18next";

export type FactSource = "chain" | "service" | "store";

/** A small label naming where a fact comes from: read from the chain by this browser, or the data service. */
export function Source({ from }: { from: FactSource }) {
  const { t } = useTranslation();
  return <span className={`source source--${from}`}>{t(`portal.source.${from}`)}</span>;
}

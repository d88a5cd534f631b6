/** Small renderers of the portal's values: amounts, accounts, departments, states, hashes, times. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useDepartments, usePaymentToken } from "../../hooks/usePortalData";
import { formatDateTime, shortHex } from "../../lib/format";
import type { TenderState } from "../../lib/portal/api";
import { formatAmount, formatAmountCompact } from "../../lib/portal/format";

export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? "zh-CN";
}

/** An amount of the payment token, scaled by its decimals as read from the chain. */
export function Amount({ units, compact = false }: { units: string | bigint | null | undefined; compact?: boolean }) {
  const locale = useLocale();
  const { decimals, pending } = usePaymentToken();
  const { t } = useTranslation();
  if (units === null || units === undefined) return <span>{t("portal.none")}</span>;
  // a moment while the token's decimals are read from the chain: a placeholder, not a figure in the wrong unit
  if (decimals === undefined && pending) return <span className="amount amount--pending" aria-busy="true" title={t("portal.loading")}>…</span>;
  if (decimals === undefined) return <span className="tabular">{t("portal.units", { units: units.toString() })}</span>;
  return <span className="tabular amount">{(compact ? formatAmountCompact : formatAmount)(units, decimals, locale)}</span>;
}

/** An account: its short form linking to its supplier page, the full address on hover and for screen readers. */
export function Account({ address, link = true }: { address: string; link?: boolean }) {
  const { t } = useTranslation();
  const text = (
    <code className="hex" title={address} aria-label={t("portal.accountLabel", { address })}>
      {shortHex(address, 6)}
    </code>
  );
  return link ? <Link to={`/suppliers/${address.toLowerCase()}`}>{text}</Link> : text;
}

/** A department by id: its name in the reader's language, linking to its page. */
export function DepartmentLink({ id }: { id: number }) {
  const locale = useLocale();
  const { byId } = useDepartments();
  const department = byId.get(id);
  const name = department === undefined ? `#${id}` : locale.startsWith("zh") ? department.nameZh : department.nameEn;
  return <Link to={`/departments/${department?.code ?? id}`}>{name}</Link>;
}

export function StateBadge({ state }: { state: TenderState }) {
  const { t } = useTranslation();
  return <span className={`state-badge state-badge--${state.toLowerCase()}`}>{t(`portal.states.${state}`)}</span>;
}

/** A transaction or digest: short, with the whole value in a title and copyable by selection. */
export function Hash({ value, label }: { value: string; label?: string }) {
  return (
    <code className="hex" title={value} aria-label={label === undefined ? value : `${label} ${value}`}>
      {shortHex(value, 6)}
    </code>
  );
}

export function Time({ seconds }: { seconds: number }) {
  const locale = useLocale();
  return <time dateTime={new Date(seconds * 1000).toISOString()}>{formatDateTime(seconds, locale)}</time>;
}

/** Pieces every verification page uses: full hashes, where a fact comes from, the page's error states. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

import { ChainUnavailableError } from "../../hooks/verify/chain";
import { formatDateTime, formatInteger } from "../../lib/format";
import { CopyButton } from "../CopyButton";
import { Notice } from "../Notice";

/** The reader's locale for numbers and dates. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return i18n.resolvedLanguage ?? "zh-CN";
}

/** A full address or hash (never shortened where a citizen may compare it), with a copy button. */
export function FullHex({ value, label }: { value: string; label: string }) {
  return (
    <span className="verify-hex">
      <code>{value}</code>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/** "Block #1,234 · time": where and when a transaction was recorded. */
export function BlockRef({ blockNumber, timestamp }: { blockNumber: bigint; timestamp?: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span className="tabular">
      {t("verify.blockNumber", { block: formatInteger(blockNumber, locale) })}
      {timestamp !== undefined && timestamp > 0 && <> · {formatDateTime(timestamp, locale)}</>}
    </span>
  );
}

/** Says that the facts above were read from the chain in this browser, at which block. */
export function ChainSourceNote({ blockNumber, timestamp }: { blockNumber: bigint; timestamp: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <p className="verify-source-note">
      {t("verify.asOf", {
        block: formatInteger(blockNumber, locale),
        time: formatDateTime(timestamp, locale),
      })}
    </p>
  );
}

/** The state of a read that failed: chain unreachable or contracts missing get their own words. */
export function ReadError({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useTranslation();
  if (error instanceof ChainUnavailableError) {
    return error.reason === "unreachable" ? (
      <Notice kind="alert" title={t("verify.unreachable.title")}>
        <p data-problem="unreachable">{t("verify.unreachable.body")}</p>
      </Notice>
    ) : (
      <Notice kind="alert" title={t("verify.notDeployed.title")}>
        <p data-problem="notDeployed">{t("verify.notDeployed.body")}</p>
      </Notice>
    );
  }
  return (
    <Notice kind="alert" title={t("verify.failed.title")}>
      <p>{t("verify.failed.body")}</p>
      {children}
      <details>
        <summary>{t("verify.failed.details")}</summary>
        <pre>{error instanceof Error ? error.message : String(error)}</pre>
      </details>
    </Notice>
  );
}

/** A loading line that screen readers announce. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="verify-loading" role="status">
      <span className="verify-spinner" aria-hidden="true" />
      {children}
    </p>
  );
}

/** A department's name in the reader's language, with its code. */
export function departmentName(department: { code: string; nameZh: string; nameEn: string }, language: string): string {
  const name = language.startsWith("zh") ? department.nameZh || department.nameEn : department.nameEn || department.nameZh;
  return name === "" ? department.code : name;
}

/** "Nothing leaves your browser": the promise each form makes, with a padlock drawn in SVG (no emoji font needed). */
export function PrivacyNote({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <p className="verify-privacy" id={id}>
      <svg className="verify-privacy__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
        <path
          d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2h.5A1 1 0 0 1 13 8v6a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1zm1.5 0h4V5a2 2 0 0 0-4 0z"
          fill="currentColor"
        />
      </svg>
      <span>{children}</span>
    </p>
  );
}

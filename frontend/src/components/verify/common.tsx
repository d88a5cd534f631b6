/** Pieces every verification page uses: full hashes, where a fact comes from, the page's error states. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import { useChainStatus } from "../../hooks/useChainStatus";
import { ChainUnavailableError } from "../../hooks/verify/chain";
import { formatDateTime, formatInteger } from "../../lib/format";
import { ChainBanner } from "../ChainBanner";
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

/** A verification form page's top: the way back to the index, the heading and what to do, and the chain's state. */
export function VerifyFormHeader({ heading, intro }: { heading: string; intro: string }) {
  const { t } = useTranslation();
  const status = useChainStatus();
  return (
    <>
      <div>
        <p className="verify-breadcrumb">
          <Link to="/verify">{t("verify.index.heading")}</Link>
        </p>
        <h1>{heading}</h1>
        <p>{intro}</p>
      </div>
      <ChainBanner status={status} />
    </>
  );
}

/** A one-line text input with its label and hint (the hint describes the input for screen readers). */
export function HintedTextField({
  id,
  name,
  label,
  hint,
  value,
  invalid,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input
        id={id}
        name={name}
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={value}
        aria-describedby={`${id}-hint`}
        aria-invalid={invalid || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

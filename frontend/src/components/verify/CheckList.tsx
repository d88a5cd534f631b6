/** The certificate's checks, one line each, in plain words, with where each fact comes from. */
import { useTranslation } from "react-i18next";

import type { Check, CheckValue } from "../../lib/verify/certificateChecks";
import { formatDateTime } from "../../lib/format";
import { shortHex } from "../../lib/format";
import { useLocale } from "./common";

const TIME_VALUES = new Set(["validFrom", "validUntil", "issuedAt", "now"]);
const OUTCOME_MARK = { passed: "✓", failed: "✗", notApplicable: "–" } as const;

/** A check's values as the sentence shows them: times as dates, hashes shortened (the details list shows them in full). */
function sentenceValues(values: Readonly<Record<string, CheckValue>>, locale: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      TIME_VALUES.has(key) && typeof value === "number"
        ? formatDateTime(value, locale)
        : typeof value === "string"
          ? shortHex(value, 6)
          : String(value),
    ]),
  );
}

export function CheckList({ checks, extra }: { checks: readonly Check[]; extra: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <ol className="verify-checks">
      {checks.map((check) => (
        <li key={check.id} className={`verify-check verify-check--${check.outcome}`} data-check={check.id} data-outcome={check.outcome}>
          <span className="verify-check__mark" aria-hidden="true">
            {OUTCOME_MARK[check.outcome]}
          </span>
          <div className="verify-check__body">
            <p className="verify-check__title">
              <span>{t(`verify.certificate.checks.${check.id}.title`)}</span>
              <span className={`verify-outcome verify-outcome--${check.outcome}`}>{t(`verify.outcome.${check.outcome}`)}</span>
            </p>
            <p className="verify-check__text">
              {check.reason === "notChecked"
                ? t("verify.certificate.notChecked")
                : // The reason keys are the lib's; a missing one would show its key, which the catalogue test would catch first.
                  t(`verify.certificate.checks.${check.id}.${check.reason}` as never, { ...sentenceValues(check.values, locale), ...extra })}
            </p>
            {check.sources.length > 0 && (
              <p className="verify-check__source">
                {t("verify.source.label")}
                {new Intl.ListFormat(locale, { type: "conjunction" }).format(check.sources.map((source) => t(`verify.source.${source}`)))}
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}

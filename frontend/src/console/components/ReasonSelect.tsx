import { useConsoleT } from "../i18n";

/** The departments' catalogue of reasons (codes 1–5) for suspending or revoking a certificate or licence. */
export const REASON_CODES = [1, 2, 3, 4, 5] as const;

export function ReasonSelect({ label, value, onChange, testId }: { label: string; value: number; onChange: (code: number) => void; testId?: string }) {
  const { t } = useConsoleT();
  return (
    <label>
      {label}{" "}
      <select value={value} onChange={(event) => onChange(Number(event.target.value))} data-testid={testId}>
        {REASON_CODES.map((code) => (
          <option key={code} value={code}>
            {code} · {t(`certificates.reasons.${code}` as "certificates.reasons.1")}
          </option>
        ))}
      </select>
    </label>
  );
}

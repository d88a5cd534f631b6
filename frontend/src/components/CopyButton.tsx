import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

/** Copies `value` to the clipboard; its accessible name says what it copies, and it confirms. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  if (typeof navigator === "undefined" || navigator.clipboard === undefined) return null;
  return (
    <button
      type="button"
      className="copy-button"
      aria-label={label}
      onClick={() => {
        navigator.clipboard.writeText(value).then(
          () => setCopied(true),
          () => setCopied(false),
        );
      }}
    >
      <span aria-live="polite">{copied ? t("contracts.copied") : t("contracts.copy")}</span>
    </button>
  );
}

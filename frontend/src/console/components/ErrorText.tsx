/** A decoded error as a sentence in the reader's language, with the technical form on demand. */
import type { DecodedError } from "../errors/decode";
import { errorSentence, technicalForm } from "../errors/formatError";
import { useConsoleT } from "../i18n";
import { departmentName } from "../roles/RoleBadges";
import { useDepartments } from "../roles/useRoles";

export function useErrorSentence() {
  const { t, language } = useConsoleT();
  const { departments } = useDepartments();
  const name = (id: number) => {
    const department = departments?.find((d) => d.id === id);
    return department === undefined ? undefined : departmentName(department, language);
  };
  return (error: DecodedError): string => {
    switch (error.kind) {
      case "custom":
        return errorSentence(error.name, error.args, language, name) ?? t("error.unknown");
      case "reason":
        return t("error.reason", { reason: error.reason });
      case "panic":
        return t("error.panic", { code: `0x${error.code.toString(16)}` });
      case "unknown-revert":
        return t("error.unknown");
      case "rejected":
        return t("tx.cancelled");
      case "other":
        return t("error.other", { message: error.message });
    }
  };
}

export function ErrorText({ error }: { error: DecodedError }) {
  const { t } = useConsoleT();
  const sentence = useErrorSentence();
  return (
    <>
      <p className="console-error__sentence">{sentence(error)}</p>
      <details className="console-error__technical">
        <summary>{t("tx.technical")}</summary>
        <code>{technicalForm(error)}</code>
      </details>
    </>
  );
}

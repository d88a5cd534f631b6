import { useTranslation } from "react-i18next";

import { isApiError } from "../../lib/portal/api";
import { Notice } from "../Notice";

/** A failed data-service read as a plain message (the banner above says the service is down). */
export function QueryError({ error, what }: { error: unknown; what: string }) {
  const { t } = useTranslation();
  const kind = isApiError(error) ? error.kind : "server";
  return (
    <Notice kind="warning" title={t("portal.queryError.title", { what })}>
      <p>{t(`portal.queryError.${kind}`)}</p>
      {error instanceof Error && (
        <details>
          <summary>{t("error.details")}</summary>
          <pre>{error.message}</pre>
        </details>
      )}
    </Notice>
  );
}

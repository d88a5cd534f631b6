import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";

import { NotFound } from "./NotFound";

/** Any error while rendering a page: a plain message and the details on demand, never a blank page. */
export function RouteError() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
  const details = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <div className="container page page--narrow">
      <h1>{t("error.heading")}</h1>
      <p>{t("error.body")}</p>
      <details>
        <summary>{t("error.details")}</summary>
        <pre>{details}</pre>
      </details>
      <p>
        <Link to="/">{t("notFound.back")}</Link>
      </p>
    </div>
  );
}

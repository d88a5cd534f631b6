/** How to reuse the platform's public records: the API, the OCDS endpoints, a bulk download and the chain itself. */
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";

import { ContractsTable } from "../../components/ContractsTable";
import { config } from "../../config";
import { fetchAllRecords } from "../../lib/portal/bulkRecords";
import { saveFile } from "../../lib/portal/ocdsDownload";
import { PortalPage } from "./PortalPage";

const ROUTES = [
  { key: "tenders", path: "/tenders?state=Open&department=TAX&q=热线&limit=20" },
  { key: "tender", path: "/tenders/1" },
  { key: "departments", path: "/departments" },
  { key: "department", path: "/departments/TAX" },
  { key: "summary", path: "/stats/summary" },
  { key: "metrics", path: "/stats/metrics" },
  { key: "redflags", path: "/redflags" },
  { key: "health", path: "/health/chain" },
  { key: "releases", path: "/ocds/tenders/1/releases" },
  { key: "record", path: "/ocds/tenders/1/record" },
  { key: "records", path: "/ocds/records?limit=100" },
] as const;

export function Component() {
  const { t } = useTranslation();
  const [progress, setProgress] = useState(0);
  const bulk = useMutation({
    mutationFn: async () => {
      setProgress(0);
      const { package: all, count } = await fetchAllRecords(config.apiUrl, setProgress);
      const fileName = `ocds-${config.chainId}-all-records.json`;
      saveFile(JSON.stringify(all, null, 2), fileName);
      return { fileName, count };
    },
  });

  return (
    <PortalPage title={t("portal.openData.heading")} lead={t("portal.openData.lead")}>
      <section className="panel" aria-labelledby="api-heading">
        <h2 id="api-heading">{t("portal.openData.apiHeading")}</h2>
        {config.apiUrl === undefined ? (
          <p>{t("portal.openData.apiNotConfigured")}</p>
        ) : (
          <>
            <p>
              {t("portal.openData.apiBody")} <code>{config.apiUrl}</code>
            </p>
            <h3>{t("portal.openData.routesHeading")}</h3>
            <dl className="routes">
              {ROUTES.map((route) => (
                <div key={route.key}>
                  <dt>
                    <a href={`${config.apiUrl}${route.path}`} lang="en">
                      <code>GET {route.path}</code>
                    </a>
                  </dt>
                  <dd>{t(`portal.openData.routes.${route.key}`)}</dd>
                </div>
              ))}
            </dl>
            <p>
              {t("portal.openData.example")}: <code className="command">curl &apos;{config.apiUrl}/tenders?state=Active&amp;sort=-budget&apos;</code>
            </p>
          </>
        )}
      </section>

      <section className="panel" aria-labelledby="ocds-about">
        <h2 id="ocds-about">{t("portal.openData.ocdsHeading")}</h2>
        <p>{t("portal.openData.ocdsBody")}</p>
      </section>

      <section className="panel" aria-labelledby="bulk-heading">
        <h2 id="bulk-heading">{t("portal.openData.bulkHeading")}</h2>
        <p>{t("portal.openData.bulkBody")}</p>
        <button type="button" className="button button--primary" onClick={() => bulk.mutate()} disabled={bulk.isPending || config.apiUrl === undefined}>
          {t("portal.openData.bulkButton")}
        </button>
        <p role="status" className="ocds-status">
          {bulk.isPending
            ? t("portal.openData.bulkProgress", { count: progress })
            : bulk.isSuccess
              ? t("portal.openData.bulkDone", { file: bulk.data.fileName, count: bulk.data.count })
              : bulk.isError
                ? t("portal.openData.bulkFailed", { message: bulk.error.message })
                : ""}
        </p>
      </section>

      <section className="panel" aria-labelledby="chain-direct">
        <h2 id="chain-direct">{t("portal.openData.chainHeading")}</h2>
        <p>{t("portal.openData.chainBody", { url: config.rpcUrl })}</p>
      </section>
      <ContractsTable />
    </PortalPage>
  );
}

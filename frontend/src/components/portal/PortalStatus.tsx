import { useTranslation } from "react-i18next";

import { config } from "../../config";
import { useChainStatus } from "../../hooks/useChainStatus";
import { useDataServiceHealth } from "../../hooks/usePortalData";
import { formatInteger } from "../../lib/format";
import { Notice } from "../Notice";

/** Blocks the data service may trail the chain by before readers are told figures may be behind. */
export const LAG_WARNING_BLOCKS = 3;

/**
 * What a reader must know before trusting a portal page: which source is unavailable (the chain, the data
 * service) and which figures may therefore be stale, and how far the data service trails the chain.
 */
export function PortalStatus() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "zh-CN";
  const chain = useChainStatus();
  const service = useDataServiceHealth();
  const lag = service.health?.lag ?? undefined;
  const indexed = service.health?.indexedBlock ?? undefined;
  const head = service.health?.chainHead ?? undefined;

  return (
    <div className="portal-status">
      {chain.node === "down" && (
        <Notice kind="alert" title={t("portal.status.chainDownTitle")}>
          <p>{t("portal.status.chainDownBody", { url: config.rpcUrl })}</p>
        </Notice>
      )}
      {chain.node === "wrong-chain" && (
        <Notice kind="warning" title={t("banner.wrongChainTitle")}>
          <p>{t("banner.wrongChainBody", { expected: config.chainId, actual: chain.nodeChainId ?? "?", url: config.rpcUrl })}</p>
        </Notice>
      )}
      {service.state === "down" && (
        <Notice kind="alert" title={t("portal.status.serviceDownTitle")}>
          <p>{t("portal.status.serviceDownBody", { url: config.apiUrl ?? "" })}</p>
        </Notice>
      )}
      {service.health?.chainReset !== undefined && (
        <Notice kind="warning" title={t("portal.status.reindexingTitle")}>
          <p>{t("portal.queryError.reindexing")}</p>
        </Notice>
      )}
      {service.state === "not-configured" && (
        <Notice kind="warning" title={t("portal.status.serviceMissingTitle")}>
          <p>{t("portal.status.serviceMissingBody")}</p>
        </Notice>
      )}
      {service.state === "ok" && lag !== undefined && lag > LAG_WARNING_BLOCKS && (
        <Notice kind="warning" title={t("portal.status.lagTitle", { count: lag })}>
          <p>{t("portal.status.lagBody", { indexed: formatInteger(indexed ?? 0, locale), head: formatInteger(head ?? 0, locale) })}</p>
        </Notice>
      )}
      {service.state === "ok" && indexed !== undefined && (
        <p className="freshness" aria-live="polite">
          <span className={`freshness__dot${lag !== undefined && lag > LAG_WARNING_BLOCKS ? " freshness__dot--late" : ""}`} aria-hidden="true" />
          {lag === undefined || head === undefined
            ? t("portal.status.indexedOnly", { indexed: formatInteger(indexed, locale) })
            : lag === 0
              ? t("portal.status.inSync", { indexed: formatInteger(indexed, locale) })
              : t("portal.status.behind", { indexed: formatInteger(indexed, locale), count: lag })}
        </p>
      )}
    </div>
  );
}

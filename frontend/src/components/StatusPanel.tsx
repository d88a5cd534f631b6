import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

import { config } from "../config";
import type { ChainStatus, NodeState } from "../hooks/useChainStatus";
import { useGovchainRead } from "../hooks/useGovchainRead";
import { useNow } from "../hooks/useNow";
import { formatAgo, formatDateTime, formatInteger } from "../lib/format";

function Figure({ label, children, note }: { label: string; children: React.ReactNode; note?: React.ReactNode }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd>
        <span className="figure__value">{children}</span>
        {note !== undefined && <span className="figure__note">{note}</span>}
      </dd>
    </div>
  );
}

const NODE_STATE_TEXT: Record<NodeState, (t: TFunction) => string> = {
  checking: (t) => t("status.nodeChecking"),
  ok: (t) => t("status.nodeOk"),
  down: (t) => t("status.nodeDown"),
  "wrong-chain": (t) => t("status.nodeWrongChain"),
};

/** The chain's vital signs, read by the browser from the node. */
export function StatusPanel({ status }: { status: ChainStatus }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? "zh-CN";
  const now = useNow();
  const departments = useGovchainRead({ contract: "DepartmentDirectory", functionName: "departmentCount", watch: true });
  const unknown = t("status.notYetKnown");
  const stale = status.node === "down";

  return (
    <section className="panel" aria-labelledby="status-heading">
      <h2 id="status-heading">{t("status.heading")}</h2>
      <p className="panel__lead">{t("status.description")}</p>
      <dl className="figures">
        <Figure label={t("status.network")} note={`${t("status.chainId")} ${config.chainId}`}>
          {config.chainName}
        </Figure>
        <Figure
          label={t("status.blockHeight")}
          note={
            status.blockNumber === undefined ? undefined : stale ? (
              t("status.stale")
            ) : (
              <>
                <span className="live-dot" aria-hidden="true" />
                {t("status.live")}
                {status.blockTimestamp !== undefined && (
                  <>
                    {" · "}
                    <time dateTime={new Date(Number(status.blockTimestamp) * 1000).toISOString()} title={formatDateTime(status.blockTimestamp, locale)}>
                      {formatAgo(status.blockTimestamp, now, locale)}
                    </time>
                  </>
                )}
              </>
            )
          }
        >
          <span className="tabular">{status.blockNumber === undefined ? unknown : formatInteger(status.blockNumber, locale)}</span>
        </Figure>
        <Figure
          label={t("status.node")}
          note={status.node === "wrong-chain" ? t("status.nodeReports", { chainId: status.nodeChainId ?? "?" }) : undefined}
        >
          <span className={`node-state node-state--${status.node}`}>
            <span className="node-state__dot" aria-hidden="true" />
            {NODE_STATE_TEXT[status.node](t)}
          </span>
        </Figure>
        {departments.deployed && (
          <Figure label={t("status.departments")}>
            <span className="tabular">{departments.data === undefined ? unknown : formatInteger(departments.data, locale)}</span>
          </Figure>
        )}
      </dl>
      <dl className="endpoints">
        <div>
          <dt>{t("status.rpcUrl")}</dt>
          <dd>
            <code>{config.rpcUrl}</code>
          </dd>
        </div>
        <div>
          <dt>{t("status.apiUrl")}</dt>
          <dd>{config.apiUrl === undefined ? t("status.notConfigured") : <code>{config.apiUrl}</code>}</dd>
        </div>
        <div>
          <dt>{t("status.docsUrl")}</dt>
          <dd>{config.docsUrl === undefined ? t("status.notConfigured") : <code>{config.docsUrl}</code>}</dd>
        </div>
      </dl>
    </section>
  );
}

/**
 * A batch's lifecycle for the issuing department: find a batch by id or Merkle root, read it from the chain,
 * then suspend, reinstate or revoke one item (by its index in the batch file) or revoke the whole batch.
 * Which items changed status comes from the data service (the chain keeps them as bits in the type's status
 * lists; a holder's item is checked against the chain with its proof on the public verification page).
 */
import { type Hex, parseDigest } from "@lib/hashing";
import { useState } from "react";
import { useReadContract } from "wagmi";

import { config as appConfig } from "../../config";
import { useApi } from "../../hooks/usePortalData";
import { ReasonSelect } from "../components/ReasonSelect";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { formatTime } from "../lib/format";
import { requireContract } from "../lib/platform";
import { useTransaction } from "../tx/useTransaction";

const registry = requireContract("CertificateRegistry");

interface BatchItems {
  items: { index: number; status: "Issued" | "Suspended" | "Revoked" }[];
}

export function ManageBatch() {
  const { t, language } = useConsoleT();
  const tx = useTransaction();
  const [query, setQuery] = useState("");
  const [indexText, setIndexText] = useState("");
  const [reason, setReason] = useState<number>(1);
  const [confirmAll, setConfirmAll] = useState(false);
  const text = query.trim();
  const byId = /^[1-9][0-9]{0,18}$/.test(text);
  let root: Hex | undefined;
  try {
    root = byId || text === "" ? undefined : parseDigest(text);
  } catch {
    root = undefined;
  }
  const ofRoot = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "batchIdOfRoot",
    args: [root ?? `0x${"0".repeat(64)}`],
    query: { enabled: root !== undefined },
  });
  const batchId = byId ? BigInt(text) : ofRoot.data !== undefined && ofRoot.data !== 0n ? ofRoot.data : undefined;
  const batch = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "batch",
    args: [batchId ?? 0n],
    query: {
      enabled: batchId !== undefined,
      refetchInterval: 4_000,
      retry: false,
    },
  });
  const record = batch.data;
  const type = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "certificateType",
    args: [record?.typeId ?? 0],
    query: { enabled: record !== undefined },
  }).data;
  const changes = useApi<BatchItems>(record === undefined ? undefined : `/certificate-batches/${record.root}`, { refetchInterval: 4_000 });
  const index = /^(0|[1-9][0-9]{0,9})$/.test(indexText.trim()) ? Number(indexText.trim()) : undefined;
  const inRange = record !== undefined && index !== undefined && index < Number(record.count);
  const itemStatus = !inRange ? undefined : record.revoked ? "Revoked" : (changes.data?.data.items.find((item) => item.index === index)?.status ?? "Issued");
  const notFound = text !== "" && ((root !== undefined && ofRoot.data === 0n) || (byId && batch.isError) || (!byId && root === undefined));
  const refresh = () => Promise.all([batch.refetch(), changes.refetch()]);
  const item = (functionName: "suspendBatchItem" | "reinstateBatchItem" | "revokeBatchItem") =>
    void tx
      .send({
        ...registry,
        functionName,
        args: functionName === "reinstateBatchItem" ? [batchId!, index!] : [batchId!, index!, reason],
      })
      .then(refresh);

  return (
    <section className="panel" aria-labelledby="manage-batch-heading">
      <h3 id="manage-batch-heading">{t("batchLifecycle.heading")}</h3>
      <label className="console-field">
        {t("batchLifecycle.find")}
        <input value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t("batchLifecycle.findPlaceholder")} data-testid="batch-query" />
      </label>
      {notFound && <p role="status">{t("batchLifecycle.notFound", { query: text })}</p>}
      {record !== undefined && batchId !== undefined && (
        <>
          <dl className="console-facts" data-testid="batch-record" data-revoked={record.revoked}>
            <dt>{t("batchLifecycle.id")}</dt>
            <dd>{batchId.toString()}</dd>
            <dt>{t("batchLifecycle.root")}</dt>
            <dd>
              <code className="hex">{record.root}</code>
            </dd>
            <dt>{t("batchLifecycle.count")}</dt>
            <dd>{record.count}</dd>
            <dt>{t("batchLifecycle.anchored")}</dt>
            <dd>{formatTime(record.issuedAt, language)}</dd>
            <dt>{t("batchLifecycle.state")}</dt>
            <dd>
              <strong>{record.revoked ? t("batchLifecycle.revoked") : t("batchLifecycle.inForce")}</strong>
            </dd>
          </dl>
          {!record.revoked && (
            <>
              <div className="console-actions">
                <label>
                  {t("batchLifecycle.index", {
                    last: Number(record.count) - 1,
                  })}{" "}
                  <input value={indexText} onChange={(event) => setIndexText(event.target.value)} inputMode="numeric" size={8} data-testid="batch-index" />
                </label>
                <ReasonSelect label={t("batchLifecycle.reason")} value={reason} onChange={setReason} />
              </div>
              {indexText.trim() !== "" && !inRange && (
                <p role="status">
                  {t("batchLifecycle.indexOutOfRange", {
                    last: Number(record.count) - 1,
                  })}
                </p>
              )}
              {inRange && (
                <>
                  <p data-testid="batch-item-status" data-status={itemStatus}>
                    {t("batchLifecycle.itemStatus", { index })}:{" "}
                    <strong>{t(`batchLifecycle.statuses.${itemStatus!}` as "batchLifecycle.statuses.Issued")}</strong>{" "}
                    <span className="console-hint">{t("batchLifecycle.itemSource")}</span>
                  </p>
                  <div className="console-actions">
                    {itemStatus === "Suspended" ? (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={tx.busy}
                        onClick={() => item("reinstateBatchItem")}
                        data-testid="batch-item-reinstate"
                      >
                        {t("batchLifecycle.reinstateItem")}
                      </button>
                    ) : (
                      type?.suspendable === true && (
                        <button
                          type="button"
                          className="button button--secondary"
                          disabled={tx.busy || itemStatus === "Revoked"}
                          onClick={() => item("suspendBatchItem")}
                          data-testid="batch-item-suspend"
                        >
                          {t("batchLifecycle.suspendItem")}
                        </button>
                      )
                    )}
                    {type?.revocable === true && (
                      <button
                        type="button"
                        className="button button--secondary"
                        disabled={tx.busy || itemStatus === "Revoked"}
                        onClick={() => item("revokeBatchItem")}
                        data-testid="batch-item-revoke"
                      >
                        {t("batchLifecycle.revokeItem")}
                      </button>
                    )}
                  </div>
                  {type !== undefined && !type.suspendable && (
                    <p className="console-hint" data-testid="batch-not-suspendable">
                      {t("batchLifecycle.notSuspendable", { type: type.name })}
                    </p>
                  )}
                  {type !== undefined && !type.revocable && <p className="console-hint">{t("batchLifecycle.notRevocable", { type: type.name })}</p>}
                </>
              )}
              {type?.revocable === true && (
                <details>
                  <summary>{t("batchLifecycle.revokeAllHeading")}</summary>
                  <p className="console-hint">
                    {t("batchLifecycle.revokeAllIntro", {
                      count: record.count,
                    })}
                  </p>
                  <label className="checkbox">
                    <input type="checkbox" checked={confirmAll} onChange={(event) => setConfirmAll(event.target.checked)} data-testid="batch-revoke-confirm" />
                    {t("batchLifecycle.revokeAllConfirm", {
                      count: record.count,
                    })}
                  </label>
                  <button
                    type="button"
                    className="button"
                    disabled={!confirmAll || tx.busy}
                    onClick={() =>
                      void tx
                        .send({
                          ...registry,
                          functionName: "revokeBatch",
                          args: [batchId, reason],
                        })
                        .then(refresh)
                    }
                    data-testid="batch-revoke"
                  >
                    {t("batchLifecycle.revokeAll")}
                  </button>
                </details>
              )}
            </>
          )}
          <TxStatus state={tx.state} />
        </>
      )}
    </section>
  );
}

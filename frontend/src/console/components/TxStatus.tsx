/** Where a transaction (or a signature) stands, announced to screen readers as it changes. */
import type { SignatureState } from "../tx/useSignature";
import type { TransactionState } from "../tx/useTransaction";
import { useConsoleT } from "../i18n";
import { ErrorText } from "./ErrorText";

export function TxStatus({ state }: { state: TransactionState }) {
  const { t } = useConsoleT();
  if (state.status === "idle") return <div className="tx-status" role="status" aria-live="polite" />;
  const kind =
    state.status === "confirmed"
      ? "ok"
      : state.status === "failed" || state.status === "reverted"
        ? "error"
        : state.status === "cancelled"
          ? "warning"
          : "busy";
  return (
    <div className={`tx-status tx-status--${kind}`} role="status" aria-live="polite" data-tx-status={state.status}>
      {state.status === "simulating" && <p>{t("tx.simulating")}</p>}
      {state.status === "wallet" && <p>{t("tx.wallet")}</p>}
      {state.status === "pending" && (
        <p>
          {t("tx.pending")} <code className="tx-status__hash">{state.hash}</code>
        </p>
      )}
      {state.status === "confirmed" && (
        <p>
          {t("tx.confirmed", { block: state.blockNumber.toString() })} <code className="tx-status__hash">{state.hash}</code>
        </p>
      )}
      {state.status === "reverted" && (
        <>
          <p>{t("tx.reverted", { block: state.blockNumber.toString() })}</p>
          {state.error !== undefined && <ErrorText error={state.error} />}
        </>
      )}
      {state.status === "cancelled" && <p>{t("tx.cancelled")}</p>}
      {state.status === "failed" && (
        <>
          <p>{state.stage === "simulation" ? t("tx.refused") : t("tx.failed")}</p>
          <ErrorText error={state.error} />
        </>
      )}
    </div>
  );
}

export function SignatureStatus({ state }: { state: SignatureState }) {
  const { t } = useConsoleT();
  if (state.status === "idle") return <div className="tx-status" role="status" aria-live="polite" />;
  const kind = state.status === "signed" ? "ok" : state.status === "failed" ? "error" : state.status === "cancelled" ? "warning" : "busy";
  return (
    <div className={`tx-status tx-status--${kind}`} role="status" aria-live="polite" data-tx-status={state.status}>
      {state.status === "wallet" && <p>{t("tx.signWallet")}</p>}
      {state.status === "signed" && <p>{t("tx.signed")}</p>}
      {state.status === "cancelled" && <p>{t("tx.cancelled")}</p>}
      {state.status === "failed" && <ErrorText error={state.error} />}
    </div>
  );
}

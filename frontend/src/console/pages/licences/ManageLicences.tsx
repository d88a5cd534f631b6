/**
 * The licence lifecycle for the issuing department's officials: find a licence by its number (or id), read
 * its record and status from the chain, and suspend, reinstate or revoke it with a reason. Another
 * department's official sees the licence and, on trying, the registry's refusal before any wallet prompt.
 */
import { useState } from "react";
import { useReadContract } from "wagmi";

import { config as appConfig } from "../../../config";
import { ReasonSelect } from "../../components/ReasonSelect";
import { TxStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { formatTime, labelText } from "../../lib/format";
import { departmentName } from "../../roles/RoleBadges";
import { type Roles, useDepartments, useLicenceTypes } from "../../roles/useRoles";
import { useTransaction } from "../../tx/useTransaction";
import { registry } from "./useApplication";

/** LicenseStatus: None, Valid, Expired, Suspended, Revoked. */
const STATUS_KEYS = ["none", "valid", "expired", "suspended", "revoked"] as const;

export function ManageLicences({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const tx = useTransaction();
  const [query, setQuery] = useState("");
  const [reason, setReason] = useState<number>(1);
  const text = query.trim();
  const byId = /^[1-9][0-9]{0,18}$/.test(text);
  const byNumber = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "licenseByNumber",
    args: [text],
    query: { enabled: text !== "" && !byId },
  });
  const id = byId ? BigInt(text) : byNumber.data !== undefined && byNumber.data !== 0n ? byNumber.data : undefined;
  const read = {
    ...registry,
    chainId: appConfig.chainId,
    args: [id ?? 0n],
    query: { enabled: id !== undefined, refetchInterval: 4_000 },
  } as const;
  const licence = useReadContract({ ...read, functionName: "getLicense" });
  const status = useReadContract({ ...read, functionName: "licenseStatus" });
  const number = useReadContract({ ...read, functionName: "licenseNumber" });
  const { types } = useLicenceTypes();
  const { departments } = useDepartments();
  const record = licence.data;
  const known = record !== undefined && Number(record.typeId) !== 0;
  const type = known ? types?.find((x) => x.id === Number(record.typeId)) : undefined;
  const issuer = type === undefined ? undefined : departments?.find((d) => d.id === type.issuingDepartment);
  const mine = type !== undefined && roles?.seat?.department.id === type.issuingDepartment;
  const statusKey = status.data === undefined ? undefined : STATUS_KEYS[Number(status.data)];
  const notFound = text !== "" && ((!byId && byNumber.data === 0n) || (id !== undefined && record !== undefined && !known));
  const act = (functionName: "suspend" | "reinstate" | "revoke") =>
    void tx
      .send({
        ...registry,
        functionName,
        args: functionName === "reinstate" ? [id!] : [id!, reason],
      })
      .then(() => Promise.all([licence.refetch(), status.refetch()]));

  return (
    <section className="panel" aria-labelledby="manage-licences-heading">
      <h2 id="manage-licences-heading">{t("licenceLifecycle.heading")}</h2>
      <p className="console-hint">{t("licenceLifecycle.intro")}</p>
      <label className="console-field">
        {t("licenceLifecycle.find")}
        <input
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t("licenceLifecycle.findPlaceholder")}
          data-testid="licence-query"
        />
      </label>
      {notFound && <p role="status">{t("licenceLifecycle.notFound", { query: text })}</p>}
      {known && id !== undefined && (
        <>
          <dl className="console-facts" data-testid="licence-record" data-status={statusKey}>
            <dt>{t("licenceLifecycle.number")}</dt>
            <dd>{number.data ?? "…"}</dd>
            <dt>{t("licences.type")}</dt>
            <dd>{type?.name ?? "…"}</dd>
            <dt>{t("licenceLifecycle.holder")}</dt>
            <dd>
              <code>{record.holder}</code>
            </dd>
            <dt>{t("licences.subject")}</dt>
            <dd>{labelText(record.subjectId)}</dd>
            <dt>{t("licenceLifecycle.valid")}</dt>
            <dd>
              {formatTime(record.validFrom, language)} – {formatTime(record.validUntil, language)}
            </dd>
            <dt>{t("licenceLifecycle.status")}</dt>
            <dd>
              <strong>{statusKey === undefined ? "…" : t(`licenceLifecycle.statuses.${statusKey}`)}</strong>
            </dd>
            <dt>{t("licenceLifecycle.issuer")}</dt>
            <dd>{issuer === undefined ? (type?.issuingDepartment ?? "…") : departmentName(issuer, language)}</dd>
          </dl>
          <p className="console-hint">{t("licenceLifecycle.source")}</p>
          {!mine && <p className="console-hint">{t("licenceLifecycle.notIssuer")}</p>}
          {statusKey !== "revoked" && (
            <div className="console-actions">
              <ReasonSelect label={t("licenceLifecycle.reason")} value={reason} onChange={setReason} testId="licence-reason" />
              {statusKey === "suspended" ? (
                <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => act("reinstate")} data-testid="licence-reinstate">
                  {t("licenceLifecycle.reinstate")}
                </button>
              ) : (
                <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => act("suspend")} data-testid="licence-suspend">
                  {t("licenceLifecycle.suspend")}
                </button>
              )}
              <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => act("revoke")} data-testid="licence-revoke">
                {t("licenceLifecycle.revoke")}
              </button>
            </div>
          )}
          <TxStatus state={tx.state} />
        </>
      )}
    </section>
  );
}

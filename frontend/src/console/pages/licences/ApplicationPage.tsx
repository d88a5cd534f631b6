/**
 * One application, for the officials of its required departments and for whoever submits signed
 * approvals: its documents checked against the chain, each department's progress, the department's
 * decision (approve or reject by transaction, or sign an EIP-712 approval to share) and the queue of
 * collected signatures, which anyone may submit.
 */
import { documentDigest, type Hex } from "@lib/hashing";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { useConnection, useReadContract, useReadContracts } from "wagmi";

import { Notice } from "../../../components/Notice";
import { config as appConfig } from "../../../config";
import { useNow } from "../../../hooks/useNow";
import { SignatureStatus, TxStatus } from "../../components/TxStatus";
import { useConsoleT } from "../../i18n";
import { type DocumentCheckState, documentUrl, useDocumentCheck, useUploader } from "../../lib/documents";
import { formatTime, labelText, ZERO_BYTES32 } from "../../lib/format";
import { requireContract } from "../../lib/platform";
import { departmentName } from "../../roles/RoleBadges";
import { type Department, type Roles, useDepartments } from "../../roles/useRoles";
import { useSignature } from "../../tx/useSignature";
import { useTransaction } from "../../tx/useTransaction";
import { approvalTypedData, loadQueue, mergeQueue, parseShared, saveQueue, type SharedApproval, shareText, signatureMatches } from "./approvals";
import { registry, STAGE, useApplication } from "./useApplication";

/** How long a signed approval stays valid. */
const SIGNATURE_DAYS = 7;
const directory = requireContract("DepartmentDirectory");

export function ApplicationPage({ roles }: { roles: Roles | undefined }) {
  const { t } = useConsoleT();
  const params = useParams();
  const applicationId = /^\d+$/.test(params.applicationId ?? "") ? BigInt(params.applicationId!) : undefined;
  const view = useApplication(applicationId);
  const { departments } = useDepartments();

  if (applicationId === undefined || view.applicationError !== null)
    return (
      <Notice kind="warning" title={t("licences.unknown")}>
        {null}
      </Notice>
    );
  if (view.application === undefined || view.type === undefined || departments === undefined) return <p role="status">{t("licences.loading")}</p>;
  const { application } = view;
  if (application.stage === STAGE.None)
    return (
      <Notice kind="warning" title={t("licences.unknown")}>
        {null}
      </Notice>
    );

  const seatDepartment = roles?.seat?.department;
  // Any acting official sees the decision panel of a pending application: for a department the
  // application does not need, the simulation explains the refusal before any wallet opens.
  const canDecide = application.stage === STAGE.Pending && seatDepartment !== undefined;

  return (
    <article className="console-application" data-testid="application">
      <h2>{t("licences.application", { id: applicationId.toString() })}</h2>
      <ApplicationSummary view={view} />
      <SourceNote />
      <DocumentList documents={view.documents} />
      <DepartmentProgress view={view} departments={departments} applicationId={applicationId} />
      {canDecide && (
        <DecisionPanel
          applicationId={applicationId}
          round={application.round}
          department={seatDepartment}
          alreadyApproved={view.approvedDepartments.has(seatDepartment.id)}
          onDone={view.refetch}
        />
      )}
      {application.stage === STAGE.Pending && (
        <SignatureQueue
          applicationId={applicationId}
          round={application.round}
          required={view.required}
          approved={view.approvedDepartments}
          departments={departments}
          onDone={view.refetch}
        />
      )}
      {application.stage === STAGE.Issued && <IssuedLicence licenseId={application.licenseId} />}
      <p>
        <Link to="/console">{t("common.back")}</Link>
      </p>
    </article>
  );
}

function ApplicationSummary({ view }: { view: ReturnType<typeof useApplication> }) {
  const { t, language } = useConsoleT();
  const application = view.application!;
  return (
    <dl className="console-facts">
      <dt>{t("licences.type")}</dt>
      <dd>
        {view.type!.name} ({view.type!.code}){application.renewal && ` · ${t("licences.renewal")}`}
      </dd>
      <dt>{t("licences.applicant")}</dt>
      <dd>
        <code className="address">{application.applicant}</code>
      </dd>
      <dt>{t("licences.subject")}</dt>
      <dd>{labelText(application.subjectId)}</dd>
      <dt>{t("licences.submittedAt")}</dt>
      <dd>{formatTime(application.submittedAt, language)}</dd>
      <dt>{t("licences.round")}</dt>
      <dd>{application.round === 0 ? t("licences.firstRound") : t("licences.amendedRound", { count: application.round })}</dd>
      <dt>{t("licences.stage")}</dt>
      <dd data-testid="application-stage">{t(`licences.stages.${application.stage}` as "licences.stages.1")}</dd>
    </dl>
  );
}

function SourceNote() {
  const { t } = useConsoleT();
  return <p className="console-hint">{t("licences.source")}</p>;
}

function DocumentList({ documents }: { documents: readonly Hex[] | undefined }) {
  const { t } = useConsoleT();
  return (
    <section>
      <h3>{t("licences.documentsHeading")}</h3>
      <p className="console-hint">{t("licences.documentsSource")}</p>
      {documents === undefined ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <ul className="console-documents">
          {documents.map((digest) => (
            <DocumentRow key={digest} digest={digest} />
          ))}
        </ul>
      )}
    </section>
  );
}

const CHECK_LABEL: Record<
  DocumentCheckState,
  "licences.documentChecking" | "licences.documentOk" | "licences.documentMismatch" | "licences.documentMissing" | "licences.documentNoStore"
> = {
  checking: "licences.documentChecking",
  ok: "licences.documentOk",
  mismatch: "licences.documentMismatch",
  missing: "licences.documentMissing",
  "no-store": "licences.documentNoStore",
};

export function DocumentRow({ digest }: { digest: Hex }) {
  const { t } = useConsoleT();
  const state = useDocumentCheck(digest);
  const url = documentUrl(digest);
  return (
    <li className={`console-document console-document--${state}`} data-document-check={state}>
      <code className="console-digest">{digest}</code> <span className="console-document__state">{t(CHECK_LABEL[state])}</span>
      {state === "ok" && url !== undefined && (
        <>
          {" "}
          <a href={url} target="_blank" rel="noreferrer">
            {t("licences.download")}
          </a>
        </>
      )}
    </li>
  );
}

function DepartmentProgress({
  view,
  departments,
  applicationId,
}: {
  view: ReturnType<typeof useApplication>;
  departments: Department[];
  applicationId: bigint;
}) {
  const { t, language } = useConsoleT();
  const queued = new Set(useStoredQueue(applicationId).map((a) => a.departmentId));
  return (
    <section>
      <h3>{t("licences.departmentsHeading")}</h3>
      <p className="console-hint">{t("licences.departmentsIntro")}</p>
      <ul className="console-progress" data-testid="department-progress">
        {view.required.map((id) => {
          const department = departments.find((d) => d.id === id);
          const state = view.approvedDepartments.has(id) ? "approved" : queued.has(id) ? "signed" : "waiting";
          const label = state === "approved" ? t("licences.approvedOnChain") : state === "signed" ? t("licences.signatureCollected") : t("licences.waiting");
          return (
            <li key={id} className={`console-progress__item console-progress__item--${state}`} data-department={department?.code} data-state={state}>
              <span>{department === undefined ? `#${id}` : departmentName(department, language)}</span>
              <span className="badge">{label}</span>
            </li>
          );
        })}
      </ul>
      {view.decisions !== undefined && view.decisions.some((d) => d.kind === "rejected") && (
        <ul className="console-decisions">
          {view.decisions
            .filter((d) => d.kind === "rejected")
            .map((d) => {
              const department = departments.find((x) => x.id === d.departmentId);
              return (
                <li key={`${d.blockNumber}-${d.departmentId}`}>
                  {t("applicant.rejectedBy", {
                    department: department === undefined ? `#${d.departmentId}` : departmentName(department, language),
                    code: d.reasonCode,
                  })}
                  {" · "}
                  {t(`licences.reasons.${d.reasonCode}` as "licences.reasons.1")}
                </li>
              );
            })}
        </ul>
      )}
    </section>
  );
}

/** A comment's digest: the comment is uploaded to the document store first, so the applicant can read it. */
function useCommentDigest(signText: (message: string) => Promise<Hex | undefined>) {
  const connection = useConnection();
  const upload = useUploader(connection.address, signText);
  return async (comment: string): Promise<Hex | undefined> => {
    if (comment.trim() === "") return ZERO_BYTES32;
    const bytes = new TextEncoder().encode(comment.trim());
    const digest = await upload(bytes);
    return digest === undefined ? undefined : documentDigest(bytes);
  };
}

function DecisionPanel({
  applicationId,
  round,
  department,
  alreadyApproved,
  onDone,
}: {
  applicationId: bigint;
  round: number;
  department: Department;
  alreadyApproved: boolean;
  onDone: () => void;
}) {
  const { t, language } = useConsoleT();
  const connection = useConnection();
  const tx = useTransaction();
  const signature = useSignature();
  const commentDigest = useCommentDigest(signature.signText);
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState(1);
  const [shared, setShared] = useState<string | undefined>(undefined);
  const [copied, setCopied] = useState(false);

  const approve = async () => {
    const digest = await commentDigest(comment);
    if (digest === undefined) return;
    if (
      (await tx.send({
        ...registry,
        functionName: "approve",
        args: [applicationId, digest],
      })) !== undefined
    )
      onDone();
  };
  const reject = async () => {
    const digest = await commentDigest(comment);
    if (digest === undefined) return;
    if (
      (await tx.send({
        ...registry,
        functionName: "reject",
        args: [applicationId, reason, digest],
      })) !== undefined
    )
      onDone();
  };
  const sign = async () => {
    const digest = await commentDigest(comment);
    if (digest === undefined || connection.address === undefined) return;
    const approval = {
      applicationId,
      round,
      departmentId: department.id,
      commentDigest: digest,
      deadline: BigInt(Math.floor(Date.now() / 1000) + SIGNATURE_DAYS * 86_400),
    };
    const signed = await signature.signTyped(approvalTypedData(registry.address, approval));
    if (signed === undefined) return;
    const entry: SharedApproval = {
      ...approval,
      signer: connection.address,
      signature: signed,
    };
    saveQueue(registry.address, applicationId, mergeQueue(loadQueue(registry.address, applicationId), [entry]));
    setShared(shareText(registry.address, entry));
    onDone();
  };

  return (
    <section className="panel console-decision" aria-labelledby="decision-heading">
      <h3 id="decision-heading">
        {t("licences.decisionHeading")} · {departmentName(department, language)}
      </h3>
      {alreadyApproved && <p data-testid="already-approved">{t("licences.alreadyApproved")}</p>}
      {!alreadyApproved && (
        <>
          <label className="console-field">
            {t("licences.comment")}
            <textarea value={comment} onChange={(event) => setComment(event.target.value)} rows={2} />
          </label>
          <div className="console-actions">
            <button type="button" className="button" disabled={tx.busy} onClick={() => void approve()} data-testid="approve">
              {t("licences.approve")}
            </button>
            <label>
              {t("licences.rejectReason")}{" "}
              <select value={reason} onChange={(event) => setReason(Number(event.target.value))}>
                {[1, 2, 3, 4, 5].map((code) => (
                  <option key={code} value={code}>
                    {code} · {t(`licences.reasons.${code}` as "licences.reasons.1")}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => void reject()} data-testid="reject">
              {t("licences.reject")}
            </button>
          </div>
        </>
      )}
      <TxStatus state={tx.state} />
      {!alreadyApproved && (
        <>
          <h4>{t("licences.signHeading")}</h4>
          <p className="console-hint">{t("licences.signIntro", { days: SIGNATURE_DAYS })}</p>
          <button type="button" className="button" disabled={signature.state.status === "wallet"} onClick={() => void sign()} data-testid="sign-approval">
            {t("licences.sign")}
          </button>
        </>
      )}
      <SignatureStatus state={signature.state} />
      {shared !== undefined && (
        <div className="console-share">
          <h4>{t("licences.shareHeading")}</h4>
          <p className="console-hint">{t("licences.shareIntro")}</p>
          <textarea readOnly value={shared} rows={4} data-testid="shared-approval" aria-label={t("licences.shareHeading")} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() =>
              void navigator.clipboard.writeText(shared).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? t("licences.copied") : t("licences.copy")}
          </button>
        </div>
      )}
    </section>
  );
}

/** The approvals this browser has collected for an application (re-read: another panel may add one). */
function useStoredQueue(applicationId: bigint): SharedApproval[] {
  const [queue, setQueue] = useState<SharedApproval[]>(() => loadQueue(registry.address, applicationId));
  useEffect(() => {
    const timer = setInterval(() => {
      const stored = loadQueue(registry.address, applicationId);
      setQueue((current) => (shareKey(current) === shareKey(stored) ? current : stored));
    }, 1_000);
    return () => clearInterval(timer);
  }, [applicationId]);
  return queue;
}

const shareKey = (queue: readonly SharedApproval[]) => queue.map((a) => a.signature).join(",");

type QueueCheck = "valid" | "invalidSigner" | "signerNotOfficial" | "wrongRound" | "expired" | "notRequired";

function SignatureQueue({
  applicationId,
  round,
  required,
  approved,
  departments,
  onDone,
}: {
  applicationId: bigint;
  round: number;
  required: readonly number[];
  approved: ReadonlySet<number>;
  departments: Department[];
  onDone: () => void;
}) {
  const { t, language } = useConsoleT();
  const tx = useTransaction();
  const now = useNow(5_000);
  const stored = useStoredQueue(applicationId);
  const [queue, setQueue] = useState<SharedApproval[]>(stored);
  const [pasted, setPasted] = useState("");
  const [pasteError, setPasteError] = useState<string | undefined>(undefined);
  const [signatureOk, setSignatureOk] = useState<Record<string, boolean>>({});

  // Another panel of this page (the department's own signature) may have added to the stored queue.
  useEffect(() => setQueue((current) => mergeQueue(current, stored)), [stored]);
  useEffect(() => {
    let cancelled = false;
    void Promise.all(queue.map(async (a) => [a.signature, await signatureMatches(registry.address, a)] as const)).then((entries) => {
      if (!cancelled) setSignatureOk(Object.fromEntries(entries));
    });
    return () => {
      cancelled = true;
    };
  }, [queue]);
  const officials = useReadContracts({
    contracts: queue.map(
      (a) =>
        ({
          ...directory,
          chainId: appConfig.chainId,
          functionName: "isOfficial",
          args: [a.departmentId, a.signer],
        }) as const,
    ),
    query: { enabled: queue.length > 0, refetchInterval: 10_000 },
  });

  const check = (approval: SharedApproval, index: number): QueueCheck => {
    if (!required.includes(approval.departmentId)) return "notRequired";
    if (approval.round !== round) return "wrongRound";
    if (Number(approval.deadline) < now) return "expired";
    if (signatureOk[approval.signature] === false) return "invalidSigner";
    if (officials.data?.[index]?.result === false) return "signerNotOfficial";
    return "valid";
  };
  const submittable = queue.filter((a, i) => check(a, i) === "valid" && !approved.has(a.departmentId));

  const add = () => {
    try {
      const parsed = parseShared(pasted, registry.address, applicationId);
      const merged = mergeQueue(queue, parsed);
      setQueue(merged);
      saveQueue(registry.address, applicationId, merged);
      setPasted("");
      setPasteError(undefined);
    } catch (error) {
      setPasteError(error instanceof Error ? error.message : String(error));
    }
  };
  const remove = (approval: SharedApproval) => {
    const next = queue.filter((a) => a !== approval);
    setQueue(next);
    saveQueue(registry.address, applicationId, next);
  };
  const submit = async () => {
    const approvals = submittable.map((a) => ({
      signer: a.signer,
      departmentId: a.departmentId,
      round: a.round,
      commentDigest: a.commentDigest,
      deadline: Number(a.deadline),
      signature: a.signature,
    }));
    if (
      (await tx.send({
        ...registry,
        functionName: "submitApprovals",
        args: [applicationId, approvals],
      })) !== undefined
    )
      onDone();
  };

  return (
    <section className="panel console-queue" aria-labelledby="queue-heading">
      <h3 id="queue-heading">{t("licences.queueHeading")}</h3>
      <p className="console-hint">{t("licences.queueIntro")}</p>
      {queue.length === 0 ? (
        <p>{t("licences.queueEmpty")}</p>
      ) : (
        <table className="console-table" data-testid="queue">
          <thead>
            <tr>
              <th scope="col">{t("licences.department")}</th>
              <th scope="col">{t("licences.signer")}</th>
              <th scope="col">{t("licences.deadline")}</th>
              <th scope="col">{t("licences.check")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("licences.remove")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((approval, index) => {
              const department = departments.find((d) => d.id === approval.departmentId);
              const state = approved.has(approval.departmentId) ? "counted" : check(approval, index);
              return (
                <tr key={`${approval.departmentId}-${approval.signer}`} data-queue-state={state}>
                  <td>{department === undefined ? `#${approval.departmentId}` : departmentName(department, language)}</td>
                  <td>
                    <code className="address">{approval.signer}</code>
                  </td>
                  <td>{formatTime(approval.deadline, language)}</td>
                  <td>
                    {state === "counted"
                      ? t("licences.approvedOnChain")
                      : state === "wrongRound"
                        ? t("licences.wrongRound", { round: approval.round })
                        : t(`licences.${state}` as "licences.valid")}
                  </td>
                  <td>
                    <button type="button" className="button button--secondary" onClick={() => remove(approval)}>
                      {t("licences.remove")}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <label className="console-field">
        {t("licences.pasteLabel")}
        <textarea value={pasted} onChange={(event) => setPasted(event.target.value)} rows={3} data-testid="paste-approvals" />
      </label>
      <button type="button" className="button button--secondary" onClick={add} disabled={pasted.trim() === ""} data-testid="add-approvals">
        {t("licences.addSignatures")}
      </button>
      {pasteError !== undefined && (
        <p className="console-error__sentence" role="alert">
          {t("licences.pasteInvalid", { message: pasteError })}
        </p>
      )}
      <div className="console-actions">
        <button type="button" className="button" disabled={submittable.length === 0 || tx.busy} onClick={() => void submit()} data-testid="submit-approvals">
          {t("licences.submit", { count: submittable.length })}
        </button>
      </div>
      <TxStatus state={tx.state} />
    </section>
  );
}

export function IssuedLicence({ licenseId }: { licenseId: bigint }) {
  const { t } = useConsoleT();
  const number = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "licenseNumber",
    args: [licenseId],
    query: { enabled: licenseId > 0n },
  });
  return (
    <section className="panel" data-testid="issued-licence">
      <h3>{t("licences.decidedHeading")}</h3>
      <p>{t("licences.issued", { number: number.data ?? `#${licenseId}` })}</p>
      <p>
        <a href={`/licences/${licenseId}`}>{t("licences.viewPublic")}</a>
      </p>
    </section>
  );
}

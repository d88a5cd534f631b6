/**
 * The certificate official's page: issue by dropping a file (its SHA-256 computed here; the holder is a
 * salted commitment, the salt handed to the holder in a receipt); suspend, reinstate, revoke with a
 * reason, supersede with a corrected file; batch issue from a folder of files or a CSV of digests and
 * holders: the Merkle tree built here with lib/merkle.ts, its root anchored, and a zip of one proof
 * file per document to hand to the holders.
 */
import { type Hex, documentDigest, holderCommitment, parseDigest, randomSalt } from "@lib/hashing";
import { buildBatch, type Batch } from "@lib/merkle";
import { zipSync } from "fflate";
import { useState } from "react";
import { decodeEventLog } from "viem";
import { useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { ReasonSelect } from "../components/ReasonSelect";
import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { downloadFile } from "../lib/download";
import { formatTime } from "../lib/format";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import type { Roles } from "../roles/useRoles";
import { useTransaction } from "../tx/useTransaction";
import { ManageBatch } from "./ManageBatch";

const registry = requireContract("CertificateRegistry");

interface CertificateTypeRow {
  id: number;
  code: string;
  name: string;
  suspendable: boolean;
  revocable: boolean;
  active: boolean;
}

/** The types the official's department may issue now. */
function useIssuableTypes(departmentId: number | undefined) {
  const count = useReadContract({ ...registry, chainId: appConfig.chainId, functionName: "typeCount" });
  const ids = Array.from({ length: Number(count.data ?? 0) }, (_, i) => i + 1);
  const reads = useReadContracts({
    contracts: ids.flatMap((id) => [
      { ...registry, chainId: appConfig.chainId, functionName: "certificateType", args: [id] } as const,
      { ...registry, chainId: appConfig.chainId, functionName: "canIssue", args: [id, departmentId ?? 0] } as const,
    ]),
    query: { enabled: ids.length > 0 && departmentId !== undefined },
  });
  const types: CertificateTypeRow[] = [];
  ids.forEach((_, i) => {
    const type = reads.data?.[2 * i]?.result as CertificateTypeRow | undefined;
    if (type !== undefined && type.active && reads.data?.[2 * i + 1]?.result === true) types.push(type);
  });
  return types;
}

/** A file chosen or dropped, with its SHA-256. */
function FileDrop({ label, onFile, testId }: { label: string; onFile: (file: { name: string; digest: Hex } | undefined) => void; testId: string }) {
  const { t } = useConsoleT();
  const [chosen, setChosen] = useState<{ name: string; digest: Hex } | undefined>(undefined);
  const take = async (file: File | undefined) => {
    const value = file === undefined ? undefined : { name: file.name, digest: documentDigest(new Uint8Array(await file.arrayBuffer())) };
    setChosen(value);
    onFile(value);
  };
  return (
    <label
      className="console-drop"
      onDragOver={(event) => event.preventDefault()}
      onDrop={(event) => {
        event.preventDefault();
        void take(event.dataTransfer.files[0]);
      }}
    >
      <span>{label}</span>
      <input type="file" onChange={(event) => void take(event.target.files?.[0])} data-testid={testId} />
      {chosen !== undefined && (
        <span className="console-hint">
          {chosen.name} · {t("certificates.digest")} <code className="console-digest">{chosen.digest}</code>
        </span>
      )}
    </label>
  );
}

export function CertificatesPage({ roles }: { roles: Roles | undefined }) {
  const { t, language } = useConsoleT();
  const department = roles?.seat?.department;
  const types = useIssuableTypes(department?.id);
  if (roles === undefined) return <p role="status">{t("roles.loading")}</p>;
  if (department === undefined) return <p>{t("certificates.notOfficial")}</p>;
  return (
    <section className="console-application">
      <h2>{t("certificates.heading", { department: departmentName(department, language) })}</h2>
      {types.length === 0 ? <p>{t("certificates.noTypes")}</p> : <IssueForm types={types} />}
      <ManageForm />
      {types.length > 0 && <BatchForm types={types} />}
      <ManageBatch />
    </section>
  );
}

function TypeSelect({ types, value, onChange }: { types: CertificateTypeRow[]; value: number; onChange: (id: number) => void }) {
  const { t } = useConsoleT();
  return (
    <label className="console-field">
      {t("certificates.type")}
      <select value={value} onChange={(event) => onChange(Number(event.target.value))} data-testid="certificate-type">
        {types.map((type) => (
          <option key={type.id} value={type.id}>
            {type.name} ({type.code})
          </option>
        ))}
      </select>
    </label>
  );
}

function IssueForm({ types }: { types: CertificateTypeRow[] }) {
  const { t } = useConsoleT();
  const tx = useTransaction();
  const [typeId, setTypeId] = useState(types[0].id);
  const [file, setFile] = useState<{ name: string; digest: Hex } | undefined>(undefined);
  const [holderId, setHolderId] = useState("");
  const issue = async () => {
    if (file === undefined) return;
    const salt = randomSalt();
    const receipt = await tx.send({ ...registry, functionName: "issue", args: [typeId, file.digest, holderCommitment(holderId.trim(), salt), 0, 0, ""] });
    if (receipt === undefined) return;
    // The holder proves the certificate is theirs with this salt and their identifier: hand it over.
    downloadFile(
      `certificate-${file.digest.slice(2, 10)}-holder.json`,
      JSON.stringify(
        { format: "govchain-holder-receipt-1", chainId: appConfig.chainId, typeId, digest: file.digest, holderId: holderId.trim(), salt },
        null,
        2,
      ),
    );
  };
  return (
    <section className="panel" aria-labelledby="issue-heading">
      <h3 id="issue-heading">{t("certificates.issueHeading")}</h3>
      <TypeSelect types={types} value={typeId} onChange={setTypeId} />
      <FileDrop label={t("certificates.drop")} onFile={setFile} testId="issue-file" />
      <label className="console-field">
        {t("certificates.holderId")}
        <input value={holderId} onChange={(event) => setHolderId(event.target.value)} data-testid="issue-holder" />
      </label>
      <p className="console-hint">{t("certificates.holderHint")}</p>
      <button
        type="button"
        className="button"
        disabled={file === undefined || holderId.trim() === "" || tx.busy}
        onClick={() => void issue()}
        data-testid="issue"
      >
        {t("certificates.issue")}
      </button>
      <TxStatus state={tx.state} />
    </section>
  );
}

const STATUS_KEYS = ["unknown", "valid", "notYetValid", "expired", "suspended", "revoked", "superseded"] as const;

function ManageForm() {
  const { t, language } = useConsoleT();
  const tx = useTransaction();
  const [digestText, setDigestText] = useState("");
  const [reason, setReason] = useState(1);
  const [replacement, setReplacement] = useState<{ name: string; digest: Hex } | undefined>(undefined);
  const [holderId, setHolderId] = useState("");
  let digest: Hex | undefined;
  try {
    digest = digestText.trim() === "" ? undefined : parseDigest(digestText);
  } catch {
    digest = undefined;
  }
  const verification = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "verify",
    args: [digest ?? `0x${"0".repeat(64)}`],
    query: { enabled: digest !== undefined, refetchInterval: 4_000 },
  });
  const status = verification.data === undefined ? undefined : Number(verification.data.status);
  const act = (call: { functionName: string; args: readonly unknown[] }) => void tx.send({ ...registry, ...call }).then(() => verification.refetch());
  return (
    <section className="panel" aria-labelledby="manage-heading">
      <h3 id="manage-heading">{t("certificates.manageHeading")}</h3>
      <FileDrop label={t("certificates.dropExisting")} onFile={(file) => setDigestText(file?.digest ?? "")} testId="manage-file" />
      <label className="console-field">
        {t("certificates.digestLabel")}
        <input value={digestText} onChange={(event) => setDigestText(event.target.value)} data-testid="manage-digest" />
      </label>
      {digest !== undefined && status !== undefined && (
        <p data-testid="certificate-status" data-status={STATUS_KEYS[status]}>
          {t("certificates.status")}: <strong>{t(`certificates.statuses.${STATUS_KEYS[status]}`)}</strong>
          {status !== 0 && verification.data !== undefined && ` · ${t("certificates.issuedAt")} ${formatTime(verification.data.issuedAt, language)}`}
          {" · "}
          {t("certificates.source")}
        </p>
      )}
      {digest !== undefined && status !== undefined && status !== 0 && (
        <>
          <div className="console-actions">
            <ReasonSelect label={t("certificates.reason")} value={reason} onChange={setReason} />
            <button
              type="button"
              className="button button--secondary"
              disabled={tx.busy}
              onClick={() => act({ functionName: "suspend", args: [digest, reason] })}
            >
              {t("certificates.suspend")}
            </button>
            <button type="button" className="button button--secondary" disabled={tx.busy} onClick={() => act({ functionName: "reinstate", args: [digest] })}>
              {t("certificates.reinstate")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={tx.busy}
              onClick={() => act({ functionName: "revoke", args: [digest, reason] })}
            >
              {t("certificates.revoke")}
            </button>
          </div>
          <details>
            <summary>{t("certificates.supersedeHeading")}</summary>
            <FileDrop label={t("certificates.dropReplacement")} onFile={setReplacement} testId="replacement-file" />
            <label className="console-field">
              {t("certificates.holderId")}
              <input value={holderId} onChange={(event) => setHolderId(event.target.value)} />
            </label>
            <button
              type="button"
              className="button"
              disabled={replacement === undefined || holderId.trim() === "" || tx.busy}
              onClick={() => {
                if (replacement === undefined) return;
                const salt = randomSalt();
                void tx
                  .send({
                    ...registry,
                    functionName: "supersede",
                    args: [digest, replacement.digest, holderCommitment(holderId.trim(), salt), 0, 0, reason, ""],
                  })
                  .then((receipt) => {
                    if (receipt === undefined) return;
                    downloadFile(
                      `certificate-${replacement.digest.slice(2, 10)}-holder.json`,
                      JSON.stringify(
                        { format: "govchain-holder-receipt-1", chainId: appConfig.chainId, digest: replacement.digest, holderId: holderId.trim(), salt },
                        null,
                        2,
                      ),
                    );
                  });
              }}
            >
              {t("certificates.supersede")}
            </button>
          </details>
        </>
      )}
      <TxStatus state={tx.state} />
    </section>
  );
}

interface BatchRow {
  name: string;
  digest: Hex;
  holderId: string;
}

/** Rows of `digest,holder` (a header line and blank lines are skipped). */
function parseCsv(text: string): BatchRow[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !/^digest\s*,/i.test(line))
    .map((line, i) => {
      const [digest, holderId] = line.split(",").map((cell) => cell.trim());
      if (holderId === undefined || holderId === "") throw new Error(`line ${i + 1}: no holder`);
      return { name: digest, digest: parseDigest(digest), holderId };
    });
}

function BatchForm({ types }: { types: CertificateTypeRow[] }) {
  const { t } = useConsoleT();
  const tx = useTransaction();
  const [typeId, setTypeId] = useState(types[0].id);
  const [rows, setRows] = useState<BatchRow[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [built, setBuilt] = useState<{ batch: Batch; salts: Hex[] } | undefined>(undefined);

  const fromFolder = async (files: FileList | null) => {
    const list = [...(files ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    // The holder of each file is named by the file's name without its extension (e.g. 330102199001011234.pdf).
    setRows(
      await Promise.all(
        list.map(async (file) => ({
          name: file.name,
          digest: documentDigest(new Uint8Array(await file.arrayBuffer())),
          holderId: file.name.replace(/\.[^.]*$/, ""),
        })),
      ),
    );
    setBuilt(undefined);
  };
  const fromCsv = async (file: File | undefined) => {
    if (file === undefined) return;
    try {
      setRows(parseCsv(await file.text()));
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
    setBuilt(undefined);
  };
  const build = () => {
    try {
      const salts = rows.map(() => randomSalt());
      const batch = buildBatch(rows.map((row, i) => ({ digest: row.digest, holderCommitment: holderCommitment(row.holderId, salts[i]) })));
      setBuilt({ batch, salts });
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };
  const anchor = async () => {
    if (built === undefined) return;
    const receipt = await tx.send({ ...registry, functionName: "anchorBatch", args: [typeId, built.batch.root, built.batch.count, 0, 0, ""] });
    if (receipt === undefined) return;
    const anchored = receipt.logs
      .map((log) => {
        try {
          return decodeEventLog({ abi: registry.abi, data: log.data, topics: log.topics });
        } catch {
          return undefined;
        }
      })
      .find((event) => event?.eventName === "BatchAnchored");
    const batchId = (anchored?.args as { batchId?: bigint } | undefined)?.batchId;
    const files: Record<string, Uint8Array> = {};
    built.batch.proofs.forEach((proof, i) => {
      const proofFile = {
        format: "govchain-batch-proof-1",
        chainId: appConfig.chainId,
        registry: registry.address,
        batchId: batchId?.toString(),
        typeId,
        root: built.batch.root,
        index: proof.index,
        digest: proof.digest,
        holderCommitment: proof.holderCommitment,
        proof: proof.proof,
        holderId: rows[i].holderId,
        salt: built.salts[i],
      };
      files[`${String(i).padStart(5, "0")}-${rows[i].name.replace(/[^\w.-]+/g, "_")}.proof.json`] = new TextEncoder().encode(
        JSON.stringify(proofFile, null, 2),
      );
    });
    downloadFile(`batch-${batchId ?? built.batch.root.slice(2, 10)}-proofs.zip`, zipSync(files), "application/zip");
  };
  return (
    <section className="panel" aria-labelledby="batch-heading">
      <h3 id="batch-heading">{t("certificates.batchHeading")}</h3>
      <p className="console-hint">{t("certificates.batchIntro")}</p>
      <TypeSelect types={types} value={typeId} onChange={setTypeId} />
      <label className="console-field">
        {t("certificates.folder")}
        <input type="file" multiple {...{ webkitdirectory: "" }} onChange={(event) => void fromFolder(event.target.files)} data-testid="batch-folder" />
      </label>
      <label className="console-field">
        {t("certificates.csv")}
        <input type="file" accept=".csv,text/csv" onChange={(event) => void fromCsv(event.target.files?.[0])} data-testid="batch-csv" />
      </label>
      {rows.length > 0 && <p>{t("certificates.rows", { count: rows.length })}</p>}
      {problem !== undefined && (
        <p className="console-error__sentence" role="alert">
          {problem}
        </p>
      )}
      <button type="button" className="button button--secondary" disabled={rows.length === 0} onClick={build} data-testid="batch-build">
        {t("certificates.build")}
      </button>
      {built !== undefined && (
        <p>
          {t("certificates.root")}: <code className="console-digest">{built.batch.root}</code>
        </p>
      )}
      <button type="button" className="button" disabled={built === undefined || tx.busy} onClick={() => void anchor()} data-testid="batch-anchor">
        {t("certificates.anchor")}
      </button>
      <TxStatus state={tx.state} />
    </section>
  );
}

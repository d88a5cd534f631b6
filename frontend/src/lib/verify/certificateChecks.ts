/**
 * The verifier's check list for a certificate, built from what the chain answered (Blockcerts-style: each
 * step passed, failed or not applicable, with the values that explain it). Pure: the page reads the
 * chain (hooks/useCertificateVerification.ts), this decides, the i18n catalogue words it.
 */
import type { Address, Hex } from "viem";

import type { BatchProofFile } from "./proofFile";

/** ICertificateRegistry.Status, in the enum's order. */
export const CERTIFICATE_STATUSES = ["Unknown", "Valid", "NotYetValid", "Expired", "Suspended", "Revoked", "Superseded"] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

export function certificateStatus(code: number): CertificateStatus {
  const status = CERTIFICATE_STATUSES[code];
  if (status === undefined) throw new Error(`unknown certificate status ${code}`);
  return status;
}

/** Where a fact comes from: computed in the reader's browser, or read from a contract on the chain. */
export type FactSource = "browser" | "CertificateRegistry" | "DepartmentDirectory";

/** The log that recorded the issue (CertificateIssued, or BatchAnchored for a batch). */
export interface IssueEvent {
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
  readonly issuedBy: Address;
}

export interface CertificateTypeInfo {
  readonly id: number;
  readonly code: string;
  readonly name: string;
}

export interface DepartmentInfo {
  readonly id: number;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

/** A certificate's record as the registry reports it, the same for a single certificate and a batch item. */
export interface CertificateRecord {
  readonly status: CertificateStatus;
  readonly typeId: number;
  readonly departmentId: number;
  /** Unix seconds. */
  readonly issuedAt: number;
  readonly validFrom: number;
  /** Exclusive; 0: no end. */
  readonly validUntil: number;
  readonly statusIndex: bigint;
  /** The certificate this one corrected, if any. */
  readonly supersedes?: Hex;
  /** The corrected certificate that replaced this one, if any. */
  readonly supersededBy?: Hex;
  /** For a batch item: the batch, and whether the whole batch was revoked. */
  readonly batch?: {
    readonly id: bigint;
    readonly index: number;
    readonly wholeBatchRevoked: boolean;
  };
}

/** Everything the chain answered about one digest, read at one block. */
export interface CertificateAnswers {
  readonly digest: Hex;
  readonly digestSource: "file" | "pasted";
  readonly asOf: { readonly blockNumber: bigint; readonly timestamp: number };
  /** Only for a batch certificate: the proof file, the root it leads to, and the batch that anchored that root (0n: none). */
  readonly batchProof?: {
    readonly file: BatchProofFile;
    readonly computedRoot: Hex;
    readonly anchoredBatchId: bigint;
    readonly anchoredRoot?: Hex;
  };
  /** undefined: no such certificate (or the proof does not prove the item). */
  readonly record?: CertificateRecord;
  readonly issue?: IssueEvent;
  readonly type?: CertificateTypeInfo;
  readonly department?: DepartmentInfo;
  /** DepartmentDirectory.wasOfficialAt(department, issuer, issuedAt). */
  readonly issuerWasOfficial?: boolean;
  /** The certificate's bits in its type's W3C status lists. */
  readonly statusBits?: {
    readonly revocation: boolean;
    readonly suspension: boolean;
  };
}

export const CHECK_IDS = ["digest", "record", "merkle", "issuer", "validity", "suspension", "revocation", "statusList"] as const;
export type CheckId = (typeof CHECK_IDS)[number];
export type CheckOutcome = "passed" | "failed" | "notApplicable";

export type CheckValue = string | number | bigint | boolean;

export interface Check {
  readonly id: CheckId;
  readonly outcome: CheckOutcome;
  /** Which wording of the check applies (a key under the check in the catalogue). */
  readonly reason: string;
  readonly values: Readonly<Record<string, CheckValue>>;
  readonly sources: readonly FactSource[];
}

/** The one-line answer at the top of the result. */
export type Verdict = CertificateStatus;

export interface CertificateVerification {
  readonly verdict: Verdict;
  readonly checks: readonly Check[];
}

const check = (id: CheckId, outcome: CheckOutcome, reason: string, values: Record<string, CheckValue> = {}, sources: FactSource[] = []): Check => ({
  id,
  outcome,
  reason,
  values,
  sources,
});

function merkleCheck(answers: CertificateAnswers): Check {
  const proof = answers.batchProof;
  if (proof === undefined) return check("merkle", "notApplicable", "single");
  const { file, computedRoot, anchoredRoot } = proof;
  if (file.digest !== answers.digest) return check("merkle", "failed", "otherDocument", { proofDigest: file.digest }, ["browser"]);
  if (computedRoot !== file.root) return check("merkle", "failed", "rootMismatch", { computedRoot, fileRoot: file.root }, ["browser"]);
  if (anchoredRoot === undefined) return check("merkle", "notApplicable", "notChecked");
  if (answers.record === undefined) return check("merkle", "failed", "rejected", { item: file.index + 1 }, ["browser", "CertificateRegistry"]);
  return check("merkle", "passed", "valid", { root: computedRoot, item: file.index + 1, steps: file.proof.length }, [
    "browser",
    "CertificateRegistry",
  ]);
}

function recordCheck(answers: CertificateAnswers): Check {
  const proof = answers.batchProof;
  if (proof !== undefined) {
    if (proof.anchoredBatchId === 0n) return check("record", "failed", "rootNotAnchored", { root: proof.file.root }, ["CertificateRegistry"]);
    if (proof.anchoredBatchId !== proof.file.batchId) {
      return check("record", "failed", "batchMismatch", { fileBatch: proof.file.batchId, chainBatch: proof.anchoredBatchId }, [
        "CertificateRegistry",
      ]);
    }
    if (answers.record === undefined) return check("record", "failed", "notInBatch", { batch: proof.anchoredBatchId }, ["CertificateRegistry"]);
    // Items are counted from 1 for people; the proof file's index counts from 0.
    return check("record", "passed", "batch", { batch: proof.anchoredBatchId, item: proof.file.index + 1 }, ["CertificateRegistry"]);
  }
  if (answers.record === undefined) return check("record", "failed", "notFound", {}, ["CertificateRegistry"]);
  return check("record", "passed", "single", {}, ["CertificateRegistry"]);
}

/** Builds the check list and the verdict from the chain's answers. */
export function buildCertificateChecks(answers: CertificateAnswers): CertificateVerification {
  const digest = check("digest", "passed", answers.digestSource, { digest: answers.digest }, answers.digestSource === "file" ? ["browser"] : []);
  const record = recordCheck(answers);
  const merkle = merkleCheck(answers);
  const found = answers.record;
  if (found === undefined) {
    const rest = (["issuer", "validity", "suspension", "revocation", "statusList"] as const).map((id) => check(id, "notApplicable", "notChecked"));
    return { verdict: "Unknown", checks: [digest, record, merkle, ...rest] };
  }

  const issuer =
    answers.issue === undefined || answers.department === undefined || answers.issuerWasOfficial === undefined
      ? check("issuer", "failed", "noIssueEvent", { departmentId: found.departmentId }, ["CertificateRegistry"])
      : check(
          "issuer",
          answers.issuerWasOfficial ? "passed" : "failed",
          answers.issuerWasOfficial ? "authorised" : "notAuthorised",
          { official: answers.issue.issuedBy, issuedAt: found.issuedAt },
          ["CertificateRegistry", "DepartmentDirectory"],
        );

  const now = answers.asOf.timestamp;
  const window = {
    validFrom: found.validFrom,
    validUntil: found.validUntil,
    now,
  };
  const validity =
    now < found.validFrom
      ? check("validity", "failed", "notYetValid", window, ["CertificateRegistry"])
      : found.validUntil !== 0 && now >= found.validUntil
        ? check("validity", "failed", "expired", window, ["CertificateRegistry"])
        : check("validity", "passed", found.validUntil === 0 ? "withinNoEnd" : "within", window, ["CertificateRegistry"]);

  const final = found.status === "Revoked" || found.status === "Superseded";
  const suspension =
    found.status === "Suspended"
      ? check("suspension", "failed", "suspended", {}, ["CertificateRegistry"])
      : check("suspension", "passed", "notSuspended", {}, ["CertificateRegistry"]);

  const revocation =
    found.status === "Superseded"
      ? check("revocation", "failed", "superseded", { replacement: found.supersededBy ?? "" }, ["CertificateRegistry"])
      : found.status === "Revoked"
        ? check("revocation", "failed", found.batch?.wholeBatchRevoked ? "batchRevoked" : "revoked", {}, ["CertificateRegistry"])
        : check("revocation", "passed", "notRevoked", {}, ["CertificateRegistry"]);

  const statusList = statusListCheck(answers, found, final);
  return {
    verdict: found.status,
    checks: [digest, record, merkle, issuer, validity, suspension, revocation, statusList],
  };
}

/**
 * The W3C Bitstring Status List entry: the bits an off-chain verifier reads for this certificate. They
 * must say what the registry says (revocation bit for a revoked or superseded certificate, suspension
 * bit for a suspended one); a disagreement fails the check whatever the bits are.
 */
function statusListCheck(answers: CertificateAnswers, found: CertificateRecord, final: boolean): Check {
  const bits = answers.statusBits;
  const values = {
    index: found.statusIndex,
    type: answers.type?.code ?? String(found.typeId),
  };
  if (bits === undefined) return check("statusList", "notApplicable", "notChecked", values);
  const agrees = bits.revocation === final && bits.suspension === (found.status === "Suspended");
  if (!agrees) {
    return check("statusList", "failed", "disagrees", { ...values, revocation: bits.revocation, suspension: bits.suspension }, [
      "CertificateRegistry",
    ]);
  }
  if (bits.revocation) return check("statusList", "failed", "revocationSet", values, ["CertificateRegistry"]);
  if (bits.suspension) return check("statusList", "failed", "suspensionSet", values, ["CertificateRegistry"]);
  return check("statusList", "passed", "clear", values, ["CertificateRegistry"]);
}

/** The bit `index` of a status list from the 256-bit word that holds it (most significant bit first, as the W3C bitstring). */
export function statusBit(word: bigint, index: bigint): boolean {
  const offset = index % 256n;
  return ((word >> (255n - offset)) & 1n) === 1n;
}

import type { Hex } from "viem";
import { describe, expect, it } from "vitest";

import {
  buildCertificateChecks,
  type CertificateAnswers,
  type CertificateRecord,
  type Check,
  type CheckId,
  certificateStatus,
  statusBit,
} from "./certificateChecks";
import type { BatchProofFile } from "./proofFile";

const DIGEST = `0x${"ab".repeat(32)}` as Hex;
const OTHER = `0x${"cd".repeat(32)}` as Hex;
const ROOT = `0x${"ef".repeat(32)}` as Hex;
const NOW = 1_800_000_000;

const record: CertificateRecord = {
  status: "Valid",
  typeId: 2,
  departmentId: 4,
  issuedAt: NOW - 1000,
  validFrom: NOW - 1000,
  validUntil: 0,
  statusIndex: 300n,
};

/** A valid single certificate, as the chain answers for one; each test changes what it is about. */
function answers(overrides: Partial<CertificateAnswers> = {}): CertificateAnswers {
  return {
    digest: DIGEST,
    digestSource: "file",
    asOf: { blockNumber: 500n, timestamp: NOW },
    record,
    issue: {
      blockNumber: 120n,
      transactionHash: OTHER,
      issuedBy: "0x0000000000000000000000000000000000000007",
    },
    type: { id: 2, code: "PROPERTY", name: "不动产权证书" },
    department: {
      id: 4,
      code: "MNR",
      nameZh: "自然资源局",
      nameEn: "Natural Resources Bureau",
    },
    issuerWasOfficial: true,
    statusBits: { revocation: false, suspension: false },
    ...overrides,
  };
}

const outcomes = (checks: readonly Check[]) => Object.fromEntries(checks.map((c) => [c.id, `${c.outcome}:${c.reason}`])) as Record<CheckId, string>;

describe("the certificate check list", () => {
  it("passes every check of a valid single certificate, with the sources of each fact", () => {
    const { verdict, checks } = buildCertificateChecks(answers());
    expect(verdict).toBe("Valid");
    expect(outcomes(checks)).toEqual({
      digest: "passed:file",
      record: "passed:single",
      merkle: "notApplicable:single",
      issuer: "passed:authorised",
      validity: "passed:withinNoEnd",
      suspension: "passed:notSuspended",
      revocation: "passed:notRevoked",
      statusList: "passed:clear",
    });
    expect(checks.find((c) => c.id === "digest")!.sources).toEqual(["browser"]);
    expect(checks.find((c) => c.id === "issuer")!.sources).toEqual(["CertificateRegistry", "DepartmentDirectory"]);
    expect(checks.find((c) => c.id === "statusList")!.values).toEqual({
      index: 300n,
      type: "PROPERTY",
    });
  });

  it("says a pasted digest was not computed here", () => {
    const digest = buildCertificateChecks(answers({ digestSource: "pasted" })).checks[0];
    expect(digest).toMatchObject({
      outcome: "passed",
      reason: "pasted",
      sources: [],
    });
  });

  it("finds nothing to check past an unknown digest", () => {
    const { verdict, checks } = buildCertificateChecks(answers({ record: undefined, issue: undefined, statusBits: undefined }));
    expect(verdict).toBe("Unknown");
    expect(outcomes(checks)).toMatchObject({
      record: "failed:notFound",
      issuer: "notApplicable:notChecked",
      statusList: "notApplicable:notChecked",
    });
  });

  it("fails a revoked certificate on revocation and on the status list", () => {
    const { verdict, checks } = buildCertificateChecks(
      answers({
        record: { ...record, status: "Revoked" },
        statusBits: { revocation: true, suspension: false },
      }),
    );
    expect(verdict).toBe("Revoked");
    expect(outcomes(checks)).toMatchObject({
      revocation: "failed:revoked",
      statusList: "failed:revocationSet",
      suspension: "passed:notSuspended",
    });
  });

  it("names the certificate that replaced a superseded one", () => {
    const { verdict, checks } = buildCertificateChecks(
      answers({
        record: { ...record, status: "Superseded", supersededBy: OTHER },
        statusBits: { revocation: true, suspension: false },
      }),
    );
    expect(verdict).toBe("Superseded");
    expect(checks.find((c) => c.id === "revocation")).toMatchObject({
      outcome: "failed",
      reason: "superseded",
      values: { replacement: OTHER },
    });
  });

  it("fails a suspended certificate on suspension, even inside its validity window", () => {
    const { checks } = buildCertificateChecks(
      answers({
        record: { ...record, status: "Suspended" },
        statusBits: { revocation: false, suspension: true },
      }),
    );
    expect(outcomes(checks)).toMatchObject({
      suspension: "failed:suspended",
      validity: "passed:withinNoEnd",
      statusList: "failed:suspensionSet",
    });
  });

  it("reads the validity window against the chain's time", () => {
    const expired = buildCertificateChecks(answers({ record: { ...record, status: "Expired", validUntil: NOW } }));
    expect(outcomes(expired.checks).validity).toBe("failed:expired");
    const early = buildCertificateChecks(
      answers({
        record: { ...record, status: "NotYetValid", validFrom: NOW + 1 },
      }),
    );
    expect(outcomes(early.checks).validity).toBe("failed:notYetValid");
    const bounded = buildCertificateChecks(answers({ record: { ...record, validUntil: NOW + 1 } }));
    expect(outcomes(bounded.checks).validity).toBe("passed:within");
  });

  it("fails an issuer who was not an official of the department at the time", () => {
    expect(outcomes(buildCertificateChecks(answers({ issuerWasOfficial: false })).checks).issuer).toBe("failed:notAuthorised");
    expect(outcomes(buildCertificateChecks(answers({ issue: undefined })).checks).issuer).toBe("failed:noIssueEvent");
  });

  it("fails a status list that disagrees with the registry", () => {
    const { checks } = buildCertificateChecks(answers({ statusBits: { revocation: true, suspension: false } }));
    expect(outcomes(checks).statusList).toBe("failed:disagrees");
  });

  describe("for a batch item", () => {
    const file: BatchProofFile = {
      batchId: 3n,
      root: ROOT,
      index: 7,
      digest: DIGEST,
      holderCommitment: OTHER,
      proof: [OTHER],
    };
    const batchRecord: CertificateRecord = {
      ...record,
      batch: { id: 3n, index: 7, wholeBatchRevoked: false },
    };
    const proof = {
      file,
      computedRoot: ROOT,
      anchoredBatchId: 3n,
      anchoredRoot: ROOT,
    };

    it("passes the Merkle proof checked in the browser and on chain", () => {
      const { verdict, checks } = buildCertificateChecks(answers({ batchProof: proof, record: batchRecord }));
      expect(verdict).toBe("Valid");
      expect(outcomes(checks)).toMatchObject({
        record: "passed:batch",
        merkle: "passed:valid",
      });
      expect(checks.find((c) => c.id === "merkle")!.sources).toEqual(["browser", "CertificateRegistry"]);
      // People count items from 1; the proof file counts from 0.
      expect(checks.find((c) => c.id === "record")!.values).toEqual({
        batch: 3n,
        item: 8,
      });
    });

    it("fails a proof made for another document", () => {
      const { verdict, checks } = buildCertificateChecks(
        answers({
          batchProof: { ...proof, file: { ...file, digest: OTHER } },
          record: undefined,
        }),
      );
      expect(verdict).toBe("Unknown");
      expect(outcomes(checks)).toMatchObject({
        record: "failed:notInBatch",
        merkle: "failed:otherDocument",
      });
    });

    it("fails a proof that does not lead to its root, or a root no batch anchored", () => {
      const wrongRoot = buildCertificateChecks(
        answers({
          batchProof: { ...proof, computedRoot: OTHER },
          record: undefined,
        }),
      );
      expect(outcomes(wrongRoot.checks).merkle).toBe("failed:rootMismatch");
      const unanchored = buildCertificateChecks(
        answers({
          batchProof: {
            ...proof,
            anchoredBatchId: 0n,
            anchoredRoot: undefined,
          },
          record: undefined,
        }),
      );
      expect(outcomes(unanchored.checks)).toMatchObject({
        record: "failed:rootNotAnchored",
        merkle: "notApplicable:notChecked",
      });
      const otherBatch = buildCertificateChecks(
        answers({
          batchProof: { ...proof, anchoredBatchId: 4n },
          record: undefined,
        }),
      );
      expect(outcomes(otherBatch.checks).record).toBe("failed:batchMismatch");
    });

    it("says when the whole batch was revoked", () => {
      const { checks } = buildCertificateChecks(
        answers({
          batchProof: proof,
          record: {
            ...batchRecord,
            status: "Revoked",
            batch: { id: 3n, index: 7, wholeBatchRevoked: true },
          },
          statusBits: { revocation: true, suspension: false },
        }),
      );
      expect(outcomes(checks).revocation).toBe("failed:batchRevoked");
    });
  });
});

describe("status words", () => {
  it("hold bit i of the W3C bitstring most significant first", () => {
    expect(statusBit(1n << 255n, 0n)).toBe(true);
    expect(statusBit(1n << 255n, 1n)).toBe(false);
    expect(statusBit(1n, 255n)).toBe(true);
    expect(statusBit(1n << 250n, 256n + 5n)).toBe(true);
  });

  it("name the registry's statuses", () => {
    expect(certificateStatus(1)).toBe("Valid");
    expect(certificateStatus(6)).toBe("Superseded");
    expect(() => certificateStatus(7)).toThrow();
  });
});

/**
 * EIP-712 approvals of licence applications, shared by the dApp (viem/wagmi signTypedData), scripts and
 * tests (ethers signTypedData): one definition, so what officials sign is what the contract checks.
 *
 * An approval names the application's current `round` (0 at submission, +1 per amendment; read it with
 * `getApplication`). There is no nonce and no signing time: an approval counts once per department and
 * round, and only if its signer is an acting official of the department when it is submitted. Signed
 * approvals may be submitted by anyone, in any grouping and order; a department already counted is skipped.
 */
import type { Hex } from "./hashing.js";

export const LICENSE_DOMAIN_NAME = "govchain licences";
export const LICENSE_DOMAIN_VERSION = "1";

export const LICENSE_APPROVAL_TYPES = {
  LicenseApproval: [
    { name: "applicationId", type: "uint256" },
    { name: "round", type: "uint32" },
    { name: "departmentId", type: "uint32" },
    { name: "commentDigest", type: "bytes32" },
    { name: "deadline", type: "uint48" },
  ],
} as const;

export interface LicenseApprovalMessage {
  applicationId: bigint;
  /** The application's round under review (`getApplication(id).round`). */
  round: bigint;
  departmentId: bigint;
  commentDigest: Hex;
  /** The last second (unix time) at which the approval may be submitted. */
  deadline: bigint;
}

export function licenseApprovalDomain(chainId: bigint | number, verifyingContract: string) {
  return {
    name: LICENSE_DOMAIN_NAME,
    version: LICENSE_DOMAIN_VERSION,
    chainId: BigInt(chainId),
    verifyingContract: verifyingContract as Hex,
  };
}

/** A signed approval as `submitApprovals` takes it (any order). */
export interface SignedApproval extends Omit<LicenseApprovalMessage, "applicationId"> {
  signer: string;
  signature: string;
}

/** Licence numbers: `<type code>-<year, China Standard Time>-<sequence, 6 digits>`, e.g. BL-2026-000001. */
export function formatLicenseNumber(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence).padStart(6, "0")}`;
}

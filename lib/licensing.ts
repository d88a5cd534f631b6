/**
 * EIP-712 approvals of licence applications, shared by the dApp (viem/wagmi signTypedData), scripts and
 * tests (ethers signTypedData): one definition, so what officials sign is what the contract checks.
 */
import type { Hex } from "./hashing.js";

export const LICENSE_DOMAIN_NAME = "govchain licences";
export const LICENSE_DOMAIN_VERSION = "1";

export const LICENSE_APPROVAL_TYPES = {
  LicenseApproval: [
    { name: "applicationId", type: "uint256" },
    { name: "departmentId", type: "uint32" },
    { name: "commentDigest", type: "bytes32" },
    { name: "nonce", type: "uint64" },
    { name: "signedAt", type: "uint48" },
    { name: "deadline", type: "uint48" },
  ],
} as const;

export interface LicenseApprovalMessage {
  applicationId: bigint;
  departmentId: bigint;
  commentDigest: Hex;
  nonce: bigint;
  signedAt: bigint;
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

/** A signed approval as `submitApprovals` takes it. */
export interface SignedApproval extends Omit<LicenseApprovalMessage, "applicationId"> {
  signer: string;
  signature: string;
}

/** Signers must be strictly ascending by address (as Safe orders owners). */
export function sortBySigner<T extends { signer: string }>(approvals: readonly T[]): T[] {
  return [...approvals].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Licence numbers: `<type code>-<year, China Standard Time>-<sequence, 6 digits>`, e.g. BL-2026-000001. */
export function formatLicenseNumber(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence).padStart(6, "0")}`;
}

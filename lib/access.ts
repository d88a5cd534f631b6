/**
 * Which entry points of each platform contract the access manager opens to everyone (PUBLIC_ROLE).
 *
 * Every state-changing entry point of a platform contract is `restricted`, so that the guardian can
 * pause a contract by closing it in the manager (`setTargetClosed`). A restricted function that the
 * manager has not mapped to a role defaults to ADMIN_ROLE, so the functions anyone may call (officials,
 * applicants, suppliers, data subjects: the contract checks who they are itself, against the department
 * directory) must be mapped to PUBLIC_ROLE at deployment. The Ignition modules do it from these lists;
 * `test/AccessWiring.ts` checks them against every contract's ABI, so a new function can never fall to
 * the administrator-only default (or be opened) by accident.
 *
 * Pure data and keccak: bundles for the browser (the dApp shows which actions a pause stops).
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

import type { Hex } from "./hashing.js";

/** The manager's role that every account holds (OpenZeppelin AccessManager: 2^64 - 1). */
export const PUBLIC_ROLE = (1n << 64n) - 1n;

/** Restricted entry points mapped to PUBLIC_ROLE: closed when the contract is paused, open otherwise. */
export const PUBLIC_FUNCTIONS = {
  DepartmentDirectory: ["setTreasury(uint32,address)"],
  CertificateRegistry: [
    "issue(uint32,bytes32,bytes32,uint48,uint48,string)",
    "anchorBatch(uint32,bytes32,uint32,uint48,uint48,string)",
    "suspend(bytes32,uint16)",
    "reinstate(bytes32)",
    "revoke(bytes32,uint16)",
    "supersede(bytes32,bytes32,bytes32,uint48,uint48,uint16,string)",
    "suspendBatchItem(uint256,uint32,uint16)",
    "reinstateBatchItem(uint256,uint32)",
    "revokeBatchItem(uint256,uint32,uint16)",
    "revokeBatch(uint256,uint16)",
  ],
  ConsentRegistry: ["grant(uint32,bytes32,bytes32,uint48)", "revoke(uint256)", "recordAccess(uint256,bytes32,bytes32,bytes32)"],
  LicenseRegistry: [
    "submit(uint32,bytes32,bytes32[])",
    "submitRenewal(uint256,bytes32[])",
    "amend(uint256,bytes32[])",
    "withdraw(uint256)",
    "approve(uint256,bytes32)",
    "reject(uint256,uint16,bytes32)",
    "submitApprovals(uint256,(address,uint32,uint32,bytes32,uint48,bytes)[])",
    "suspend(uint256,uint16)",
    "reinstate(uint256)",
    "revoke(uint256,uint16)",
  ],
  TenderEscrow: [
    "publish((bytes32,string,bytes32,uint256,uint256,uint48,uint48,uint48,uint32,uint32,uint16[],bytes32[]))",
    "amend(uint256,bytes32,uint48,uint48)",
    "depositBond(uint256)",
    "commitBid(uint256,bytes32)",
    "withdrawBid(uint256)",
    "revealBid(uint256,uint256,bytes32)",
    "award(uint256,address[])",
    "complain(uint256,bytes32)",
    "resolveComplaint(uint256,bool,bytes32,address[])",
    "lapseComplaint(uint256)",
    "startContract(uint256)",
    "deliverMilestone(uint256,uint8,bytes32)",
    "acceptMilestone(uint256,uint8)",
    "rejectMilestone(uint256,uint8,uint16,bytes32)",
    "cancel(uint256,uint16,address[])",
    "proposeTermination(uint256)",
  ],
} as const satisfies Record<string, readonly string[]>;

/**
 * Entry points that are deliberately not `restricted`, so a pause never stops them: money goes out
 * (`withdraw`: a pause never locks anyone's funds), the one-time connection of the licence token by its
 * deployer, the access manager's own appointment hooks (so a compromised official can be removed while
 * the directory is paused). (`setAuthority` is a view that always reverts: authorities are fixed.)
 */
export const UNRESTRICTED_FUNCTIONS = {
  DepartmentDirectory: [
    "onDepartmentRoleGranted(uint64,address,address,uint48)",
    "onDepartmentRoleRevoked(uint64,address,address)",
  ],
  CertificateRegistry: [],
  ConsentRegistry: [],
  LicenseRegistry: ["setToken(address)"],
  TenderEscrow: ["withdraw()"],
} as const satisfies Record<keyof typeof PUBLIC_FUNCTIONS, readonly string[]>;

/**
 * Restricted entry points left to the manager's default role, ADMIN_ROLE (time-locked where the
 * administrators' execution delay is set). Listed so that a new function is a deliberate choice.
 */
export const ADMIN_FUNCTIONS = {
  DepartmentDirectory: [
    "registerDepartment(string,string,string,string)",
    "updateDepartment(uint32,string,string,string)",
    "setDepartmentActive(uint32,bool)",
  ],
  CertificateRegistry: [
    "registerType(string,string,uint32[],uint64,bool,bool)",
    "setTypeIssuer(uint32,uint32,bool)",
    "setTypeActive(uint32,bool)",
  ],
  ConsentRegistry: ["registerCategory(bytes32,string)", "setCategoryActive(bytes32,bool)"],
  LicenseRegistry: ["registerLicenseType(string,string,uint32,uint32[],uint64,bool,uint32[])", "setLicenseTypeActive(uint32,bool)"],
  TenderEscrow: ["setSupervisingDepartment(uint32)", "setComplaintResolutionPeriod(uint48)"],
} as const satisfies Record<keyof typeof PUBLIC_FUNCTIONS, readonly string[]>;

export type PlatformContract = keyof typeof PUBLIC_FUNCTIONS;

/** The 4-byte selector of a canonical function signature such as `"withdraw()"`. */
export function selectorOf(signature: string): Hex {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(signature)).slice(0, 4))}`;
}

/** The selectors the manager maps to PUBLIC_ROLE for `contract`. */
export function publicSelectors(contract: PlatformContract): Hex[] {
  return PUBLIC_FUNCTIONS[contract].map(selectorOf);
}

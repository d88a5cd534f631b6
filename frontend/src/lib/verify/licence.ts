/**
 * A licence as the portal shows it, from the chain's answers: its status word, each required
 * department's approval, and the subject's public identifier in readable form. Pure.
 */
import type { Address, Hex } from "viem";

/** ILicenseRegistry.LicenseStatus, in the enum's order. */
export const LICENCE_STATUSES = ["None", "Valid", "Expired", "Suspended", "Revoked"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export function licenceStatus(code: number): LicenceStatus {
  const status = LICENCE_STATUSES[code];
  if (status === undefined) throw new Error(`unknown licence status ${code}`);
  return status;
}

/** An ApplicationApproved log. */
export interface ApprovalEvent {
  readonly departmentId: number;
  readonly official: Address;
  readonly bySignature: boolean;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
}

export interface DepartmentApproval {
  readonly departmentId: number;
  /** The application's approval bit for this department (its current round). */
  readonly approved: boolean;
  /** The approval that counted: the department's last ApplicationApproved log (earlier rounds are cleared by an amendment). */
  readonly event?: ApprovalEvent;
}

/**
 * Each required department's approval of an application: bit i of `approvalMask` is the i-th required
 * department (ILicenseRegistry.Application), the log says who approved and in which transaction.
 */
export function requiredApprovals(required: readonly number[], approvalMask: number, events: readonly ApprovalEvent[]): DepartmentApproval[] {
  return required.map((departmentId, i) => {
    const approved = ((approvalMask >>> i) & 1) === 1;
    const event = approved ? events.findLast((e) => e.departmentId === departmentId) : undefined;
    return event === undefined ? { departmentId, approved } : { departmentId, approved, event };
  });
}

/**
 * A subject identifier (bytes32) as text when it is a short UTF-8 label (how the platform stores a
 * unified social credit code: lib/hashing.ts label32), else its hex.
 */
export function subjectText(subjectId: Hex): string {
  const hex = subjectId.slice(2).replace(/(00)+$/, "");
  if (hex.length === 0 || hex.length % 2 !== 0) return subjectId;
  const bytes = new Uint8Array(hex.match(/../g)!.map((pair) => parseInt(pair, 16)));
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return /^[\p{L}\p{N}\p{P}\p{Zs}]+$/u.test(text) && !text.includes("\0") ? text : subjectId;
  } catch {
    return subjectId;
  }
}

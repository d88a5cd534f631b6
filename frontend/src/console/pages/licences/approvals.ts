/**
 * Signed licence approvals (EIP-712, lib/licensing.ts) as the console shares them: a JSON text an
 * official copies to whoever submits, and the per-application queue this browser collects them in.
 */
import type { Hex } from "@lib/hashing";
import { LICENSE_APPROVAL_TYPES, licenseApprovalDomain } from "@lib/licensing";
import { type Address, getAddress, isAddress, isHex, recoverTypedDataAddress } from "viem";

import { config as appConfig } from "../../../config";

export const SHARE_FORMAT = "govchain-licence-approval-1";

export interface SharedApproval {
  applicationId: bigint;
  signer: Address;
  departmentId: number;
  round: number;
  commentDigest: Hex;
  deadline: bigint;
  signature: Hex;
}

export function approvalTypedData(registry: Address, approval: Omit<SharedApproval, "signer" | "signature">) {
  return {
    domain: licenseApprovalDomain(appConfig.chainId, registry),
    types: LICENSE_APPROVAL_TYPES,
    primaryType: "LicenseApproval" as const,
    message: {
      applicationId: approval.applicationId,
      round: approval.round,
      departmentId: approval.departmentId,
      commentDigest: approval.commentDigest,
      deadline: Number(approval.deadline),
    },
  };
}

/** The text an official shares: one JSON object per line (several lines paste as several approvals). */
export function shareText(registry: Address, approval: SharedApproval): string {
  return JSON.stringify({
    format: SHARE_FORMAT,
    chainId: appConfig.chainId,
    registry,
    applicationId: approval.applicationId.toString(),
    signer: approval.signer,
    departmentId: approval.departmentId,
    round: approval.round,
    commentDigest: approval.commentDigest,
    deadline: approval.deadline.toString(),
    signature: approval.signature,
  });
}

/** Reads pasted approvals (JSON objects, one per line, or a JSON array); throws with a reason. */
export function parseShared(text: string, registry: Address, applicationId: bigint): SharedApproval[] {
  const trimmed = text.trim();
  if (trimmed === "") return [];
  const values: unknown[] = trimmed.startsWith("[") ? (JSON.parse(trimmed) as unknown[]) : trimmed.split(/\n+/).map((line) => JSON.parse(line) as unknown);
  return values.map((value) => {
    const v = value as Record<string, unknown>;
    if (v.format !== SHARE_FORMAT) throw new Error(`not a ${SHARE_FORMAT} object`);
    if (Number(v.chainId) !== appConfig.chainId || typeof v.registry !== "string" || v.registry.toLowerCase() !== registry.toLowerCase()) {
      throw new Error("signed for another chain or registry");
    }
    if (BigInt(v.applicationId as string) !== applicationId) throw new Error(`signed for application ${String(v.applicationId)}`);
    if (typeof v.signer !== "string" || !isAddress(v.signer) || !isHex(v.signature) || !isHex(v.commentDigest))
      throw new Error("malformed signer, signature or comment");
    return {
      applicationId,
      signer: getAddress(v.signer),
      departmentId: Number(v.departmentId),
      round: Number(v.round),
      commentDigest: v.commentDigest,
      deadline: BigInt(v.deadline as string),
      signature: v.signature,
    };
  });
}

export async function signatureMatches(registry: Address, approval: SharedApproval): Promise<boolean> {
  try {
    const recovered = await recoverTypedDataAddress({
      ...approvalTypedData(registry, approval),
      signature: approval.signature,
    });
    return recovered === approval.signer;
  } catch {
    return false;
  }
}

const queueKey = (registry: Address, applicationId: bigint) => `govchain.console.approvals.${appConfig.chainId}.${registry.toLowerCase()}.${applicationId}`;

export function loadQueue(registry: Address, applicationId: bigint): SharedApproval[] {
  try {
    return parseShared(localStorage.getItem(queueKey(registry, applicationId)) ?? "", registry, applicationId);
  } catch {
    return [];
  }
}

export function saveQueue(registry: Address, applicationId: bigint, approvals: readonly SharedApproval[]) {
  try {
    localStorage.setItem(queueKey(registry, applicationId), approvals.map((a) => shareText(registry, a)).join("\n"));
  } catch {
    // Storage unavailable (private mode): the queue lives as long as the page.
  }
}

/** Adds approvals, one per signer and department (a newer one replaces the older). */
export function mergeQueue(queue: readonly SharedApproval[], added: readonly SharedApproval[]): SharedApproval[] {
  const key = (a: SharedApproval) => `${a.departmentId}:${a.signer}`;
  const merged = new Map(queue.map((a) => [key(a), a]));
  for (const a of added) merged.set(key(a), a);
  return [...merged.values()];
}

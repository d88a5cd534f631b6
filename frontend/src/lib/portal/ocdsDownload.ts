/**
 * Downloading a tender's OCDS release package or record package from the data service (which builds both
 * with lib/ocds.ts). Before saving, the browser checks that the package is about this tender on this
 * chain: every ocid must be the one lib/ocds.ts's `tenderOcid` gives for the chain id, the TenderEscrow
 * address from the deployments file and the tender id (whatever ocid prefix the publisher chose).
 */
import { tenderOcid } from "@lib/ocds.js";

import { apiGet } from "./api";

export type OcdsKind = "releases" | "record";

export interface OcdsTarget {
  chainId: number;
  escrow: string;
  tenderId: string;
}

export function ocdsPath(kind: OcdsKind, tenderId: string): string {
  return `/ocds/tenders/${encodeURIComponent(tenderId)}/${kind}`;
}

export function ocdsFileName(kind: OcdsKind, target: OcdsTarget): string {
  return `ocds-${target.chainId}-tender-${target.tenderId}-${kind === "releases" ? "release-package" : "record-package"}.json`;
}

/** The ocids a release package or record package names (its releases' and records'). */
export function packageOcids(pkg: unknown): string[] {
  const body = pkg as { releases?: { ocid?: unknown }[]; records?: { ocid?: unknown; releases?: { ocid?: unknown }[] }[] };
  const ocids: unknown[] = [];
  for (const release of body.releases ?? []) ocids.push(release.ocid);
  for (const record of body.records ?? []) {
    ocids.push(record.ocid);
    for (const release of record.releases ?? []) ocids.push(release.ocid);
  }
  return ocids.map((ocid) => (typeof ocid === "string" ? ocid : ""));
}

/** Why a package is not this tender's, or undefined when it is. */
export function packageProblem(kind: OcdsKind, pkg: unknown, target: OcdsTarget): string | undefined {
  const ocids = packageOcids(pkg);
  if (ocids.length === 0) return kind === "releases" ? "the package has no release" : "the package has no record";
  // tenderOcid with an empty prefix is the part every publisher's ocid ends with: "-{chainId}-{escrow}-{id}".
  const suffix = tenderOcid("", target.chainId, target.escrow, target.tenderId);
  const wrong = ocids.find((ocid) => !ocid.endsWith(suffix) || ocid.length === suffix.length);
  return wrong === undefined ? undefined : `the package names ${JSON.stringify(wrong)}, not tender ${target.tenderId} of TenderEscrow ${target.escrow} on chain ${target.chainId}`;
}

/** Fetches and checks a package; throws with the reason when it is not this tender's. */
export async function fetchOcdsPackage(apiUrl: string | undefined, kind: OcdsKind, target: OcdsTarget, fetchImpl?: typeof fetch): Promise<{ json: string; fileName: string }> {
  const { data } = await apiGet<unknown>(apiUrl, ocdsPath(kind, target.tenderId), { fetch: fetchImpl });
  const problem = packageProblem(kind, data, target);
  if (problem !== undefined) throw new Error(problem);
  return { json: JSON.stringify(data, null, 2), fileName: ocdsFileName(kind, target) };
}

/** Saves text as a file through a temporary link (a cross-origin URL cannot be saved with `download`). */
export function saveFile(text: string, fileName: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

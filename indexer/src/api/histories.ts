/**
 * Builds lib/ocds.ts's `TenderHistory` (the one shape OCDS, red flags and metrics read) and lib/metrics.ts's
 * `LicenseHistory` from the stored rows, many at a time (one query per table, not per tender), and keeps
 * each tender's red flags in memory keyed by the block of its last event, so a list page or the `flag=`
 * filter does not recompute unchanged tenders.
 */
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import { and, asc, eq, inArray, sql } from "ponder";
import { hexToString, type Hex } from "viem";
import type { BidderInfo, TenderHistory } from "../../../lib/ocds.js";
import type { LicenseHistory } from "../../../lib/metrics.js";
import { tenderRedFlags, type RedFlag, type RedFlagOptions } from "../../../lib/redflags.js";
import config from "../../ponder.config";

const { application, applicationEvent, license, tender, tenderEvent, tenderMetadata, department, departmentMember, setting } = schema;

export const escrowAddress = (config.contracts.TenderEscrow.address as string).toLowerCase();
export const chainId = config.chains.govchain.id as number;
export type TenderRow = typeof tender.$inferSelect;

// ===== the payment token =====

/** A route cannot answer now for want of something only the node can tell (503, not a 500). */
export class Unavailable extends Error {}

let token: { symbol: string; decimals: number } | null = null;
let tokenPending: Promise<{ symbol: string; decimals: number }> | null = null;
/**
 * The escrow's payment token's symbol and decimals, read once from the chain (they never change) and
 * asked for as the service starts, so that a node going down later does not stop the routes that need them.
 */
export function paymentToken(): Promise<{ symbol: string; decimals: number }> {
  if (token) return Promise.resolve(token);
  const erc20 = [
    { type: "function", name: "symbol", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
    { type: "function", name: "decimals", stateMutability: "view", inputs: [], outputs: [{ type: "uint8" }] },
  ] as const;
  tokenPending ??= (async () => {
    const client = publicClients.govchain;
    const address = (await client.readContract({
      address: escrowAddress as Hex,
      abi: [{ type: "function", name: "paymentToken", stateMutability: "view", inputs: [], outputs: [{ type: "address" }] }] as const,
      functionName: "paymentToken",
    })) as Hex;
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address, abi: erc20, functionName: "symbol" }),
      client.readContract({ address, abi: erc20, functionName: "decimals" }),
    ]);
    token = { symbol, decimals: Number(decimals) };
    return token;
  })()
    .catch((error) => {
      throw new Unavailable(`the payment token's symbol and decimals are not known yet and the node does not answer (${error instanceof Error ? error.message.split("\n")[0] : error})`);
    })
    .finally(() => {
      tokenPending = null;
    });
  return tokenPending;
}
paymentToken().catch(() => undefined);
/** The token if already known (no chain call), else null. */
export const knownPaymentToken = () => token;

// ===== licence subjects =====

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
/** A licence's public subject identifier (bytes32): a unified social credit code (org-id.guide CN-SAMR), another text label, or the raw hex. */
export function subjectIdentifier(subjectId: Hex): { scheme: string; id: string } {
  let text = "";
  try {
    text = hexToString(subjectId, { size: 32 }).replace(/\0+$/, "");
  } catch {}
  if (USCC.test(text)) return { scheme: "CN-SAMR", id: text };
  if (/^[\x20-\x7e]+$/.test(text)) return { scheme: "X-GOVCHAIN-LICENCE-SUBJECT", id: text };
  return { scheme: "X-GOVCHAIN-LICENCE-SUBJECT", id: subjectId };
}

/**
 * The licence subject of each account that holds a licence: the one of `preferType` when it holds one
 * (the tender's required licence), else its most recent.
 */
export async function licenceSubjects(accounts: readonly string[], preferType?: Map<string, number>): Promise<Record<string, BidderInfo>> {
  const list = [...new Set(accounts.map((a) => a.toLowerCase()))] as Hex[];
  if (list.length === 0) return {};
  const rows = await db
    .select({ holder: license.holder, typeId: license.typeId, id: license.id, subjectId: application.subjectId })
    .from(license)
    .innerJoin(application, eq(application.id, license.applicationId))
    .where(inArray(license.holder, list))
    .orderBy(asc(license.id));
  const chosen = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const holder = r.holder.toLowerCase();
    const known = chosen.get(holder);
    const preferred = preferType?.get(holder);
    // rows come oldest first: a later licence replaces an earlier one, unless only the earlier is of the preferred type
    if (known && preferred !== undefined && known.typeId === preferred && r.typeId !== preferred) continue;
    chosen.set(holder, r);
  }
  return Object.fromEntries([...chosen].map(([holder, r]) => [holder, { licenceSubject: subjectIdentifier(r.subjectId) }]));
}

// ===== tender histories =====

async function supervisingDepartment(): Promise<number | null> {
  const row = (await db.select().from(setting).where(eq(setting.key, "supervisingDepartment")))[0];
  return row ? Number(row.value) || null : null;
}

/** Seats: every department each account ever held a seat in (red flags' "former colleagues" link). */
export async function seats(): Promise<Record<string, number[]>> {
  const rows = await db.select({ account: departmentMember.account, departmentId: departmentMember.departmentId }).from(departmentMember);
  const out: Record<string, number[]> = {};
  for (const r of rows) {
    const a = r.account.toLowerCase();
    if (!(out[a] ??= []).includes(r.departmentId)) out[a].push(r.departmentId);
  }
  return out;
}

/** The histories of `tenders` (in their order), five queries whatever their number. */
export async function loadHistories(tenders: readonly TenderRow[]): Promise<TenderHistory[]> {
  if (tenders.length === 0) return [];
  const ids = tenders.map((t) => t.id);
  const [events, supervising, departments, tokenInfo] = await Promise.all([
    db
      .select()
      .from(tenderEvent)
      .where(ids.length === 1 ? eq(tenderEvent.tenderId, ids[0]!) : inArray(tenderEvent.tenderId, ids))
      .orderBy(asc(tenderEvent.tenderId), asc(tenderEvent.blockNumber), asc(tenderEvent.logIndex)),
    supervisingDepartment(),
    db.select().from(department),
    paymentToken(),
  ]);
  const byTender = new Map<bigint, typeof events>();
  for (const e of events) {
    const list = byTender.get(e.tenderId) ?? [];
    byTender.set(e.tenderId, list);
    list.push(e);
  }
  const digests = [...new Set(events.flatMap((e) => {
    const a = e.args as any;
    return [a.documentsDigest, a.params?.documentsDigest].filter((d): d is string => typeof d === "string");
  }))] as Hex[];
  const bidders = events.filter((e) => e.name === "BidCommitted").map((e) => String((e.args as any).bidder));
  const prefer = new Map<string, number>();
  for (const t of tenders) for (const e of byTender.get(t.id) ?? []) if (e.name === "BidCommitted") prefer.set(String((e.args as any).bidder).toLowerCase(), t.licenseTypeId);
  const [metadataRows, subjects] = await Promise.all([
    digests.length ? db.select().from(tenderMetadata).where(inArray(tenderMetadata.digest, digests)) : Promise.resolve([]),
    licenceSubjects(bidders, prefer),
  ]);
  const metadata = new Map(metadataRows.map((m) => [m.digest.toLowerCase(), m.document]));
  const deptById = new Map(departments.map((d) => [d.id, { id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn } }]));

  return tenders.map((t) => {
    const list = byTender.get(t.id) ?? [];
    const published = list.find((e) => e.name === "TenderPublished");
    if (!published) throw new Error(`tender ${t.id} has no TenderPublished row`);
    const pos = (e: (typeof list)[number]) => ({
      blockNumber: Number(e.blockNumber), blockTimestamp: e.blockTimestamp, transactionHash: e.transactionHash, logIndex: e.logIndex,
    });
    const pubArgs = published.args as any;
    const ownDigests = [...new Set(list.flatMap((e) => [(e.args as any).documentsDigest, (e.args as any).params?.documentsDigest].filter(Boolean)))] as string[];
    const deptIds = [...new Set([t.department, t.acceptingDepartment, ...(supervising ? [supervising] : [])])];
    const ownBidders = new Set(list.filter((e) => e.name === "BidCommitted").map((e) => String((e.args as any).bidder).toLowerCase()));
    return {
      chainId,
      escrow: escrowAddress,
      tenderId: t.id.toString(),
      published: { ...pos(published), department: pubArgs.department, treasury: pubArgs.treasury, publishedBy: pubArgs.publishedBy, params: pubArgs.params },
      departments: deptIds.map((id) => deptById.get(id)).filter((d) => d !== undefined),
      supervisingDepartment: supervising,
      paymentToken: tokenInfo,
      licenseType: { id: t.licenseTypeId },
      metadata: Object.fromEntries(ownDigests.map((d) => [d, (metadata.get(d.toLowerCase()) as any) ?? null])),
      bidders: Object.fromEntries([...ownBidders].filter((b) => subjects[b]).map((b) => [b, subjects[b]!])),
      events: list.filter((e) => e.name !== "TenderPublished").map((e) => ({ ...pos(e), name: e.name, args: e.args }) as any),
    };
  });
}

// ===== red flags, cached per tender =====

interface CachedFlags {
  updatedBlock: bigint;
  deadlinePassed: boolean;
  flags: RedFlag[];
}
const flagCache = new Map<bigint, CachedFlags>();

/**
 * Red flags of `tenders`, judged at `asOf` (the indexed chain time: a tender whose bidding has closed with
 * one bid is flagged even if nothing happened since). Cached per tender until its next event or until its
 * commit deadline passes.
 */
export async function redFlagsOf(tenders: readonly TenderRow[], asOf: number): Promise<Map<bigint, RedFlag[]>> {
  const out = new Map<bigint, RedFlag[]>();
  const stale: TenderRow[] = [];
  for (const t of tenders) {
    const c = flagCache.get(t.id);
    if (c && c.updatedBlock === t.updatedBlock && c.deadlinePassed === t.commitDeadline <= asOf) out.set(t.id, c.flags);
    else stale.push(t);
  }
  if (stale.length > 0) {
    const options: RedFlagOptions = { asOf, seats: await seats() };
    // in slices, so a first `flag=` query over many tenders does not hold every event in memory at once
    for (let i = 0; i < stale.length; i += 500) {
      const slice = stale.slice(i, i + 500);
      const histories = await loadHistories(slice);
      slice.forEach((t, k) => {
        const flags = tenderRedFlags(histories[k]!, options).flags;
        flagCache.set(t.id, { updatedBlock: t.updatedBlock, deadlinePassed: t.commitDeadline <= asOf, flags });
        out.set(t.id, flags);
      });
    }
  }
  return out;
}

// ===== licence histories =====

/** Every application as lib/metrics.ts's LicenseHistory (optionally only those submitted in [from, to]). */
export async function licenceHistories(from?: number, to?: number): Promise<LicenseHistory[]> {
  const where = [];
  if (from !== undefined) where.push(sql`${application.submittedAt} >= ${from}`);
  if (to !== undefined) where.push(sql`${application.submittedAt} <= ${to}`);
  const [apps, events] = await Promise.all([
    db.select().from(application).where(where.length ? and(...where) : undefined).orderBy(asc(application.id)),
    db.select().from(applicationEvent).orderBy(asc(applicationEvent.blockNumber), asc(applicationEvent.logIndex)),
  ]);
  const byApp = new Map<bigint, typeof events>();
  for (const e of events) {
    const list = byApp.get(e.applicationId) ?? [];
    byApp.set(e.applicationId, list);
    list.push(e);
  }
  return apps.map((a) => {
    const list = byApp.get(a.id) ?? [];
    const issued = list.find((e) => e.name === "LicenseIssued" || e.name === "LicenseRenewed");
    return {
      applicationId: a.id.toString(),
      typeId: a.typeId,
      renewal: a.renewalOf !== 0n,
      submittedAt: a.submittedAt,
      amendedAt: list.filter((e) => e.name === "ApplicationAmended").map((e) => e.blockTimestamp),
      decisions: list
        .filter((e) => e.name === "ApplicationApproved" || e.name === "ApplicationRejected")
        .map((e) => ({ departmentId: e.departmentId ?? 0, official: (e.account ?? "").toLowerCase(), at: e.blockTimestamp, approved: e.name === "ApplicationApproved" })),
      issuedAt: issued ? issued.blockTimestamp : null,
    };
  });
}

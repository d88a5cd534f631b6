/**
 * TenderEscrow indexing: a timeline row per event (lib/ocds.ts's TenderEvent shape), the tender's fields
 * (state, budget, counts, winner, price, paid) derived from its events, and bids, complaints, milestones
 * and payments kept from the events. No contract calls: logs alone rebuild everything.
 */
import { ponder, type Context } from "ponder:registry";
import { bid, complaint, milestone, payment, setting, tender, tenderEvent, tenderMetadata } from "ponder:schema";
import { hexToString, type Hex } from "viem";
import { digestToCid, verifyDocument } from "../../lib/cid.js";
import { parseTenderMetadata, type TenderMetadata } from "../../lib/metadata.js";
import { createReadAhead } from "./metadataReadAhead.js";

export const TENDER_STATES = ["None", "Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"] as const;

const DOCS_URL = (process.env.GOVCHAIN_DOCS_URL ?? "http://127.0.0.1:8546").replace(/\/+$/, "");
const FETCH_TIMEOUT_MS = Number(process.env.GOVCHAIN_DOCS_TIMEOUT_MS ?? 5000);
const RPC_URL = process.env.GOVCHAIN_RPC_URL ?? "http://127.0.0.1:8545";

/** A bytes32 label ("construction", "milestone payment") as text. */
export function label(value: Hex): string {
  try {
    return hexToString(value, { size: 32 }).replace(/\0+$/, "");
  } catch {
    return value;
  }
}

/** JSON-safe copy of decoded event args: bigint → decimal string (numbers for small uint types are set by the caller). */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Fetches a metadata document by its digest and checks it; never throws. */
async function fetchMetadata(digest: Hex): Promise<{ status: string; document: TenderMetadata | null }> {
  let cid: string;
  try {
    cid = digestToCid(digest);
  } catch {
    return { status: "unverified: malformed digest", document: null };
  }
  try {
    const response = await fetch(`${DOCS_URL}/ipfs/${cid}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (!response.ok) return { status: `unverified: document store answered ${response.status}`, document: null };
    const bytes = new Uint8Array(await response.arrayBuffer());
    const check = verifyDocument(bytes, digest);
    if (!check.match) return { status: "unverified: digest mismatch", document: null };
    return { status: "verified", document: parseTenderMetadata(bytes) };
  } catch (error) {
    return { status: `unverified: ${error instanceof Error ? error.message : String(error)}`, document: null };
  }
}

type Ctx = Context;
type Ev = {
  args: any;
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hex };
  log: { logIndex: number };
};

const position = (event: Ev) => ({
  blockNumber: event.block.number,
  blockTimestamp: Number(event.block.timestamp),
  transactionHash: event.transaction.hash,
  logIndex: event.log.logIndex,
});
/** The ABI comes from the artifact at run time (not `as const`), so event names and args are not typed here. */
const on = ponder.on.bind(ponder) as unknown as (name: string, handler: (args: { event: Ev; context: Ctx }) => Promise<void>) => void;

const eventId = (event: Ev) => `${event.block.number}-${event.log.logIndex}`;

async function timeline(context: Ctx, event: Ev, tenderId: bigint, name: string, args: Record<string, unknown>) {
  await context.db
    .insert(tenderEvent)
    .values({ id: eventId(event), tenderId, name, args: plain(args) as object, ...position(event) })
    .onConflictDoNothing();
}

type TenderRow = typeof tender.$inferSelect;

/**
 * Applies an event's effect on the tender row. Derived from events alone (not from `getTender` at the
 * event's block): a node restarted from a state dump (anvil --load-state, a pruned Besu) has no
 * historical state to call, only logs.
 */
async function touch(context: Ctx, event: Ev, tenderId: bigint, change: (row: TenderRow) => Partial<TenderRow> = () => ({})) {
  if (!(await context.db.find(tender, { id: tenderId }))) return;
  await context.db
    .update(tender, { id: tenderId })
    .set((row: TenderRow) => ({ ...change(row), updatedAt: Number(event.block.timestamp), updatedBlock: event.block.number }));
}

let readAhead: ReturnType<typeof createReadAhead<Awaited<ReturnType<typeof fetchMetadata>>>> | undefined;

async function storeMetadata(context: Ctx, event: Ev, digest: Hex) {
  const known = await context.db.find(tenderMetadata, { digest });
  if (known) return known;
  readAhead ??= createReadAhead({ rpcUrl: RPC_URL, escrow: context.contracts.TenderEscrow as any, fetchDocument: fetchMetadata });
  const fetched = await readAhead.get(digest, event.block.number);
  const row = { digest, status: fetched.status, document: fetched.document as object | null };
  await context.db.insert(tenderMetadata).values(row).onConflictDoNothing();
  return row;
}

function metadataColumns(row: { status: string; document: unknown }) {
  const m = row.document as TenderMetadata | null;
  return {
    metadataStatus: row.status,
    titleZh: m?.title.zh ?? null,
    titleEn: m?.title.en ?? null,
    descriptionZh: m?.description.zh ?? null,
    descriptionEn: m?.description.en ?? null,
  };
}

on("TenderEscrow:TenderPublished", async ({ event, context }) => {
  const { tenderId, department, treasury, publishedBy, params } = event.args;
  const meta = await storeMetadata(context, event, params.documentsDigest);
  await context.db.insert(tender).values({
    id: tenderId,
    department: Number(department),
    acceptingDepartment: Number(params.acceptingDepartment),
    licenseTypeId: Number(params.licenseTypeId),
    treasury,
    publishedBy,
    category: label(params.category),
    bidBond: params.bidBond,
    complaintWindow: Number(params.complaintWindow),
    metadataURI: params.metadataURI,
    publishedAt: Number(event.block.timestamp),
    publishedBlock: event.block.number,
    state: "Open",
    budget: params.budget,
    commitDeadline: Number(params.commitDeadline),
    revealDeadline: Number(params.revealDeadline),
    documentsDigest: params.documentsDigest,
    amendments: 0,
    bidCount: 0,
    revealedCount: 0,
    winner: null,
    price: null,
    awardedAt: null,
    paid: 0n,
    milestoneCount: (params.milestoneSharesBps as readonly number[]).length,
    acceptedCount: 0,
    ...metadataColumns(meta),
    updatedAt: Number(event.block.timestamp),
    updatedBlock: event.block.number,
  });
  const shares = params.milestoneSharesBps as readonly number[];
  const digests = params.milestoneDigests as readonly Hex[];
  for (let i = 0; i < shares.length; i++) {
    await context.db.insert(milestone).values({
      tenderId, index: i, shareBps: Number(shares[i]), descriptionDigest: digests[i]!, state: "pending", paid: 0n, rejections: 0,
    });
  }
  const p = {
    documentsDigest: params.documentsDigest, metadataURI: params.metadataURI, category: label(params.category),
    budget: params.budget, bidBond: params.bidBond, commitDeadline: Number(params.commitDeadline),
    revealDeadline: Number(params.revealDeadline), complaintWindow: Number(params.complaintWindow),
    acceptingDepartment: Number(params.acceptingDepartment), licenseTypeId: Number(params.licenseTypeId),
    milestoneSharesBps: shares.map(Number), milestoneDigests: digests,
  };
  await timeline(context, event, tenderId, "TenderPublished", { department: Number(department), treasury, publishedBy, params: p });
});

on("TenderEscrow:TenderAmended", async ({ event, context }) => {
  const a = event.args;
  const meta = await storeMetadata(context, event, a.documentsDigest);
  await timeline(context, event, a.tenderId, "TenderAmended", {
    amendment: Number(a.amendment), documentsDigest: a.documentsDigest, commitDeadline: Number(a.commitDeadline),
    revealDeadline: Number(a.revealDeadline), by: a.by,
  });
  await touch(context, event, a.tenderId, () => ({
    ...metadataColumns(meta), amendments: Number(a.amendment), documentsDigest: a.documentsDigest,
    commitDeadline: Number(a.commitDeadline), revealDeadline: Number(a.revealDeadline),
  }));
});

on("TenderEscrow:BidCommitted", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "BidCommitted", { bidder: a.bidder, commitment: a.commitment, sequence: Number(a.sequence), replaced: a.replaced });
  await context.db
    .insert(bid)
    .values({ tenderId: a.tenderId, bidder: a.bidder, sequence: Number(a.sequence), committedAt: Number(event.block.timestamp), revealed: false, price: null, withdrawn: false, passedOver: false })
    .onConflictDoUpdate({ sequence: Number(a.sequence), committedAt: Number(event.block.timestamp), withdrawn: false });
  await touch(context, event, a.tenderId, (t) => (a.replaced ? {} : { bidCount: t.bidCount + 1 }));
});

on("TenderEscrow:BidWithdrawn", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "BidWithdrawn", { bidder: a.bidder });
  await context.db.update(bid, { tenderId: a.tenderId, bidder: a.bidder }).set({ withdrawn: true });
  await touch(context, event, a.tenderId, (t) => ({ bidCount: t.bidCount - 1 }));
});

on("TenderEscrow:BidRevealed", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "BidRevealed", { bidder: a.bidder, price: a.price });
  await context.db.update(bid, { tenderId: a.tenderId, bidder: a.bidder }).set({ revealed: true, price: a.price });
  await touch(context, event, a.tenderId, (t) => ({ revealedCount: t.revealedCount + 1 }));
});

on("TenderEscrow:BidderPassedOver", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "BidderPassedOver", { bidder: a.bidder, credit: a.credit, bond: a.bond });
  const existing = await context.db.find(bid, { tenderId: a.tenderId, bidder: a.bidder });
  if (existing) await context.db.update(bid, { tenderId: a.tenderId, bidder: a.bidder }).set({ passedOver: true });
  await touch(context, event, a.tenderId);
});

on("TenderEscrow:ComplaintFiled", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "ComplaintFiled", { complaintId: a.complaintId, by: a.by, digest: a.digest, resolveBy: Number(a.resolveBy) });
  await context.db.insert(complaint).values({
    tenderId: a.tenderId, complaintId: a.complaintId, by: a.by, digest: a.digest, filedAt: Number(event.block.timestamp),
    resolveBy: Number(a.resolveBy), outcome: "pending",
  });
  await touch(context, event, a.tenderId, () => ({ state: "Disputed" }));
});

on("TenderEscrow:ComplaintResolved", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "ComplaintResolved", { complaintId: a.complaintId, upheld: a.upheld, by: a.by, resolutionDigest: a.resolutionDigest });
  await context.db
    .update(complaint, { tenderId: a.tenderId, complaintId: a.complaintId })
    .set({ outcome: a.upheld ? "upheld" : "dismissed", resolutionDigest: a.resolutionDigest, resolvedBy: a.by });
  // Upheld: the award is cancelled and re-made from the ranking (TenderAwarded or TenderFailed follow).
  await touch(context, event, a.tenderId, () => (a.upheld ? { state: "Awarded", winner: null, price: null } : { state: "Awarded" }));
});

on("TenderEscrow:ComplaintLapsed", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "ComplaintLapsed", { complaintId: a.complaintId, resolveBy: Number(a.resolveBy) });
  await context.db.update(complaint, { tenderId: a.tenderId, complaintId: a.complaintId }).set({ outcome: "lapsed" });
  await touch(context, event, a.tenderId, () => ({ state: "Awarded" }));
});

on("TenderEscrow:MilestoneDelivered", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "MilestoneDelivered", { milestone: Number(a.milestone), deliveryDigest: a.deliveryDigest });
  await context.db
    .update(milestone, { tenderId: a.tenderId, index: Number(a.milestone) })
    .set({ state: "delivered", deliveryDigest: a.deliveryDigest, deliveredAt: Number(event.block.timestamp) });
  await touch(context, event, a.tenderId);
});

on("TenderEscrow:MilestoneAccepted", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "MilestoneAccepted", { milestone: Number(a.milestone), by: a.by, amount: a.amount });
  await context.db
    .update(milestone, { tenderId: a.tenderId, index: Number(a.milestone) })
    .set({ state: "accepted", paid: a.amount, acceptedAt: Number(event.block.timestamp) });
  await touch(context, event, a.tenderId, (t) => ({ paid: t.paid + a.amount, acceptedCount: t.acceptedCount + 1 }));
});

on("TenderEscrow:MilestoneRejected", async ({ event, context }) => {
  const a = event.args;
  await timeline(context, event, a.tenderId, "MilestoneRejected", { milestone: Number(a.milestone), by: a.by, reasonCode: Number(a.reasonCode), commentDigest: a.commentDigest });
  await context.db
    .update(milestone, { tenderId: a.tenderId, index: Number(a.milestone) })
    .set((row) => ({ state: "pending", rejections: row.rejections + 1 }));
  await touch(context, event, a.tenderId);
});

/** Events that add a timeline row and set a few tender fields: [timeline args, tender change]. */
const simple: Record<string, [(a: any) => Record<string, unknown>, (a: any) => Partial<TenderRow>]> = {
  BondsForfeited: [(a) => ({ count: a.count, amount: a.amount }), () => ({})],
  TenderAwarded: [
    (a) => ({ winner: a.winner, price: a.price, awardedAt: Number(a.awardedAt), complaintDeadline: Number(a.complaintDeadline) }),
    (a) => ({ state: "Awarded", winner: a.winner, price: a.price, awardedAt: Number(a.awardedAt) }),
  ],
  PerformanceBondPosted: [(a) => ({ supplier: a.supplier, amount: a.amount }), () => ({})],
  TenderFailed: [() => ({}), () => ({ state: "Failed", winner: null, price: null })],
  ContractStarted: [(a) => ({ supplier: a.supplier, price: a.price, budgetReturned: a.budgetReturned }), () => ({ state: "Active" })],
  TenderCompleted: [(a) => ({ totalPaid: a.totalPaid }), (a) => ({ state: "Completed", paid: a.totalPaid })],
  TenderCancelled: [(a) => ({ by: a.by, reasonCode: Number(a.reasonCode) }), () => ({ state: "Cancelled" })],
  TerminationProposed: [(a) => ({ by: a.by }), () => ({})],
  TenderTerminated: [(a) => ({ totalPaid: a.totalPaid, budgetReturned: a.budgetReturned }), (a) => ({ state: "Terminated", paid: a.totalPaid })],
};
for (const [name, [args, change]] of Object.entries(simple)) {
  on(`TenderEscrow:${name}`, async ({ event, context }) => {
    await timeline(context, event, event.args.tenderId, name, args(event.args));
    await touch(context, event, event.args.tenderId, () => change(event.args));
  });
}

on("TenderEscrow:Credited", async ({ event, context }) => {
  const a = event.args;
  const reason = label(a.reason);
  await context.db.insert(payment).values({
    id: eventId(event), kind: "credit", account: a.account, tenderId: a.tenderId, amount: a.amount, reason,
    blockNumber: event.block.number, blockTimestamp: Number(event.block.timestamp), transactionHash: event.transaction.hash,
  });
  if (a.tenderId !== 0n && (await context.db.find(tender, { id: a.tenderId }))) {
    await timeline(context, event, a.tenderId, "Credited", { account: a.account, amount: a.amount, reason });
  }
});

on("TenderEscrow:Withdrawn", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(payment).values({
    id: eventId(event), kind: "withdrawal", account: a.account, tenderId: null, amount: a.amount, reason: null,
    blockNumber: event.block.number, blockTimestamp: Number(event.block.timestamp), transactionHash: event.transaction.hash,
  });
});

on("TenderEscrow:SupervisingDepartmentSet", async ({ event, context }) => {
  const value = String(event.args.departmentId);
  await context.db.insert(setting).values({ key: "supervisingDepartment", value }).onConflictDoUpdate({ value });
});

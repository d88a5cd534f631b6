/**
 * The public read API (custom Hono routes; GraphQL at /graphql). Every malformed input is a 400 JSON error,
 * every unknown id a 404 JSON error; nothing a client sends can crash a handler.
 *
 * Ponder reserves /health, /ready, /status and /metrics for itself, so the chain-aware health report is
 * GET /health/chain.
 */
import { db } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type Context } from "hono";
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, lte, or, sql, graphql } from "ponder";
import { recordPackage, recordsPackage, releasePackage, type OcdsOptions } from "../../../lib/ocds.js";
import { aggregateRedFlags, type RedFlag, type RedFlagCode } from "../../../lib/redflags.js";
import { approvalsPerOfficial, biddersPerTender, durationStats, licenceProcessingTimes, paymentTimes, procurementValue, savings } from "../../../lib/metrics.js";
import { chainReset, chainStatus, indexed, previousReset } from "./chain";
import { chainId, knownPaymentToken, Unavailable, licenceHistories, licenceSubjects, loadHistories, paymentToken, redFlagsOf, subjectIdentifier, type TenderRow } from "./histories";

const {
  application, applicationEvent, license, licenseEvent, certificate, certificateStatusChange, certificateBatch, batchStatusChange, consent, consentAccess,
  consentCategory, escrowBalance, tender, tenderEvent, bid, complaint, milestone, payment, department, departmentMember,
} = schema;

const STATES = ["Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];
const DOCS_URL = (process.env.GOVCHAIN_DOCS_URL ?? "http://127.0.0.1:8546").replace(/\/+$/, "");

class BadRequest extends Error {}
const bad = (message: string): never => {
  throw new BadRequest(message);
};

/** JSON with bigints as decimal strings. */
function json(c: Context, body: unknown, status: 200 | 400 | 404 | 500 | 503 = 200) {
  return c.body(JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)), status, {
    "content-type": "application/json; charset=utf-8",
  });
}

export const app = new Hono();

// ===== chain position on every response; a reset chain stops the data routes =====

app.use("*", async (c, next) => {
  const status = chainStatus().catch(() => null);
  const reset = chainReset();
  if (reset && !c.req.path.startsWith("/health")) {
    return json(c, { error: "chain_reset", message: `the chain was reset under the index (${reset.reason}); re-indexing`, ...reset }, 503);
  }
  await next();
  const s = await status;
  c.res.headers.set("X-Indexed-Block", String(s?.indexedBlock ?? ""));
  c.res.headers.set("X-Chain-Head", String(s?.chainHead ?? ""));
  c.res.headers.set("X-Lag-Blocks", String(s?.lag ?? ""));
  if (s?.rpcError) c.res.headers.set("X-Rpc-Error", s.rpcError.replace(/[^\x20-\x7e]/g, "?").slice(0, 200));
  // the portal (another origin) may read them
  c.res.headers.set("Access-Control-Expose-Headers", "X-Indexed-Block, X-Chain-Head, X-Lag-Blocks, X-Rpc-Error");
});

app.use("/graphql", graphql({ db, schema }));

app.onError((error, c) => {
  if (error instanceof BadRequest) return json(c, { error: "bad_request", message: error.message }, 400);
  if (error instanceof Unavailable) return json(c, { error: "unavailable", message: error.message }, 503);
  console.error(error);
  return json(c, { error: "internal", message: "internal error" }, 500);
});
app.notFound((c) => json(c, { error: "not_found", message: `no route ${c.req.method} ${c.req.path}` }, 404));

app.get("/health/chain", async (c) => {
  const status = await chainStatus();
  const reset = chainReset();
  return json(c, { ...status, ...(reset ? { chainReset: reset } : {}), ...(previousReset ? { lastReset: previousReset } : {}) });
});

// ===== parsing =====

const UINT = /^(0|[1-9][0-9]{0,77})$/;
function uintParam(name: string, value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  if (!UINT.test(value)) bad(`${name} must be a non-negative integer (token units), got ${JSON.stringify(value.slice(0, 80))}`);
  const n = BigInt(value);
  if (n >= 2n ** 256n) bad(`${name} is above 2^256 - 1`);
  return n;
}
function idParam(value: string): bigint {
  if (!/^[1-9][0-9]{0,77}$/.test(value)) bad(`an id must be a positive integer, got ${JSON.stringify(value.slice(0, 80))}`);
  const n = BigInt(value);
  if (n >= 2n ** 256n) bad("an id is above 2^256 - 1");
  return n;
}
/** A time: unix seconds or an ISO 8601 date/time. */
function timeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^[0-9]{1,12}$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  return bad(`${name} must be unix seconds or an ISO 8601 date, got ${JSON.stringify(value.slice(0, 80))}`);
}

const SORTS = {
  published: { column: tender.publishedAt, dir: "asc", key: (t: any) => String(t.publishedAt) },
  "-published": { column: tender.publishedAt, dir: "desc", key: (t: any) => String(t.publishedAt) },
  budget: { column: tender.budget, dir: "asc", key: (t: any) => String(t.budget) },
  "-budget": { column: tender.budget, dir: "desc", key: (t: any) => String(t.budget) },
} as const;
type SortName = keyof typeof SORTS;

function encodeCursor(sort: SortName, key: string, id: bigint): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key, i: id.toString() })).toString("base64url");
}
function decodeCursor(value: string, sort: SortName): { key: bigint; id: bigint } {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) throw new Error();
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return bad("cursor is malformed");
  }
  const p = parsed as { s?: unknown; k?: unknown; i?: unknown };
  if (typeof p !== "object" || p === null || typeof p.k !== "string" || typeof p.i !== "string" || !UINT.test(p.k) || !UINT.test(p.i)) {
    return bad("cursor is malformed");
  }
  if (p.s !== sort) bad(`cursor was made for sort ${JSON.stringify(p.s)}, not ${sort}`);
  return { key: BigInt(p.k), id: BigInt(p.i) };
}

const LIST_PARAMS = new Set(["state", "department", "category", "q", "minBudget", "maxBudget", "from", "to", "supplier", "flag", "sort", "cursor", "limit"]);
const FLAG_CODES: RedFlagCode[] = ["SINGLE_BID", "SHORT_SUBMISSION_PERIOD", "HEAVILY_DISCOUNTED_BID", "IDENTICAL_BID_PRICES", "CANCELLED_AFTER_REVEAL", "COMPLAINT_UPHELD", "LINKED_ACCEPTANCE"];

function addressParam(name: string, value: string | undefined): `0x${string}` | undefined {
  if (value === undefined) return undefined;
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) bad(`${name} must be an address: 0x and 40 hex digits`);
  return value.toLowerCase() as `0x${string}`;
}
/** Rejects parameters a route does not know and repeated ones; returns the first value of each. */
function params(c: Context, known: readonly string[]): (name: string) => string | undefined {
  const query = c.req.queries();
  for (const [name, values] of Object.entries(query)) {
    if (!known.includes(name)) bad(`unknown parameter ${JSON.stringify(name.slice(0, 40))}`);
    if (values.length > 1) bad(`parameter ${name} given more than once`);
  }
  return (name) => query[name]?.[0];
}
/** A department by id or code: its id, or null when there is none (an id or code that is well formed). */
async function departmentParam(value: string): Promise<number | null> {
  if (/^[1-9][0-9]{0,9}$/.test(value) && Number(value) < 2 ** 32) {
    const rows = await db.select({ id: department.id }).from(department).where(eq(department.id, Number(value)));
    return rows[0]?.id ?? null;
  }
  if (/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(value)) {
    const rows = await db.select({ id: department.id }).from(department).where(eq(department.code, value.toUpperCase()));
    return rows[0]?.id ?? null;
  }
  return bad("department must be a department id or code");
}
/** The time the index has reached (its latest block's time); red flags and statuses are judged then. */
async function indexedTime(): Promise<number> {
  return (await indexed())?.time ?? Math.floor(Date.now() / 1000);
}
const flagSummary = (flags: RedFlag[] | undefined) => ({ count: flags?.length ?? 0, codes: [...new Set((flags ?? []).map((f) => f.code))] });

function summary(t: typeof tender.$inferSelect) {
  return {
    id: t.id,
    state: t.state,
    department: t.department,
    category: t.category,
    budget: t.budget,
    title: t.metadataStatus === "verified" ? { zh: t.titleZh, en: t.titleEn } : null,
    metadataStatus: t.metadataStatus,
    publishedAt: t.publishedAt,
    commitDeadline: t.commitDeadline,
    revealDeadline: t.revealDeadline,
    bidCount: t.bidCount,
    winner: t.winner,
    price: t.price,
  };
}

// ===== tenders =====

app.get("/tenders", async (c) => {
  const query = c.req.queries();
  for (const [name, values] of Object.entries(query)) {
    if (!LIST_PARAMS.has(name)) bad(`unknown parameter ${JSON.stringify(name.slice(0, 40))}`);
    if (values.length > 1) bad(`parameter ${name} given more than once`);
  }
  const q = (name: string) => query[name]?.[0];
  const where = [];

  const state = q("state");
  if (state !== undefined) {
    const states = state.split(",").map((s) => STATES.find((x) => x.toLowerCase() === s.trim().toLowerCase()));
    if (states.some((s) => s === undefined)) bad(`state must be one of ${STATES.join(", ")} (comma-separated)`);
    where.push(inArray(tender.state, states as string[]));
  }
  const dept = q("department");
  if (dept !== undefined) {
    if (/^[1-9][0-9]{0,9}$/.test(dept) && Number(dept) < 2 ** 32) {
      where.push(eq(tender.department, Number(dept)));
    } else if (/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(dept)) {
      const rows = await db.select({ id: department.id }).from(department).where(eq(department.code, dept.toUpperCase()));
      where.push(eq(tender.department, rows[0]?.id ?? -1));
    } else bad("department must be a department id or code");
  }
  const category = q("category");
  if (category !== undefined) {
    if (category.length === 0 || new TextEncoder().encode(category).length > 31) bad("category must be 1 to 31 bytes");
    where.push(eq(tender.category, category));
  }
  const text = q("q");
  if (text !== undefined) {
    const trimmed = text.trim();
    if (trimmed.length === 0 || trimmed.length > 100) bad("q must be 1 to 100 characters");
    const pattern = `%${trimmed.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(and(eq(tender.metadataStatus, "verified"), or(ilike(tender.titleZh, pattern), ilike(tender.titleEn, pattern))));
  }
  const minBudget = uintParam("minBudget", q("minBudget"));
  const maxBudget = uintParam("maxBudget", q("maxBudget"));
  if (minBudget !== undefined) where.push(gte(tender.budget, minBudget));
  if (maxBudget !== undefined) where.push(lte(tender.budget, maxBudget));
  if (minBudget !== undefined && maxBudget !== undefined && minBudget > maxBudget) bad("minBudget is above maxBudget");
  const from = timeParam("from", q("from"));
  const to = timeParam("to", q("to"));
  if (from !== undefined) where.push(gte(tender.publishedAt, from));
  if (to !== undefined) where.push(lte(tender.publishedAt, to));
  // supplier: the tenders the account bid in (withdrawn bids included) or won
  const supplier = addressParam("supplier", q("supplier"));
  if (supplier !== undefined) {
    where.push(or(eq(tender.winner, supplier), inArray(tender.id, db.select({ id: bid.tenderId }).from(bid).where(eq(bid.bidder, supplier)))));
  }
  const flagText = q("flag");
  const asOf = await indexedTime();
  if (flagText !== undefined) {
    const codes = flagText.split(",").map((f) => FLAG_CODES.find((code) => code === f.trim().toUpperCase()));
    if (codes.some((code) => code === undefined)) bad(`flag must be one or more of ${FLAG_CODES.join(", ")} (comma-separated)`);
    // flags are computed (and cached per tender), not stored: judge every tender the other filters keep
    const candidates = await db.select().from(tender).where(where.length ? and(...where) : undefined);
    const flags = await redFlagsOf(candidates, asOf);
    const ids = candidates.filter((t) => flags.get(t.id)?.some((f) => codes.includes(f.code))).map((t) => t.id);
    where.push(ids.length ? inArray(tender.id, ids) : sql`false`);
  }

  const sortName = (q("sort") ?? "-published") as SortName;
  if (!(sortName in SORTS)) bad(`sort must be one of ${Object.keys(SORTS).join(", ")}`);
  const sort = SORTS[sortName];

  const limitText = q("limit") ?? "20";
  if (!/^[1-9][0-9]{0,2}$/.test(limitText) || Number(limitText) > 100) bad("limit must be an integer from 1 to 100");
  const limit = Number(limitText);

  const cursor = q("cursor");
  if (cursor !== undefined) {
    const { key, id } = decodeCursor(cursor, sortName);
    const k = sortName.endsWith("published") ? Number(key) : key;
    const [before, idBefore] = sort.dir === "asc" ? [gt(sort.column, k as any), gt(tender.id, id)] : [lt(sort.column, k as any), lt(tender.id, id)];
    where.push(or(before, and(eq(sort.column, k as any), idBefore)));
  }

  const order = sort.dir === "asc" ? [asc(sort.column), asc(tender.id)] : [desc(sort.column), desc(tender.id)];
  const rows = await db
    .select()
    .from(tender)
    .where(where.length ? and(...where) : undefined)
    .orderBy(...order)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const next = rows.length > limit && last ? encodeCursor(sortName, sort.key(last), last.id) : null;
  const flags = await redFlagsOf(page, asOf);
  return json(c, { tenders: page.map((t) => ({ ...summary(t), flags: flagSummary(flags.get(t.id)) })), next });
});

async function findTender(idText: string) {
  const id = idParam(idText);
  const rows = await db.select().from(tender).where(eq(tender.id, id));
  return rows[0] ?? null;
}
const unknownTender = (c: Context, id: string) => json(c, { error: "not_found", message: `no tender ${id}` }, 404);

app.get("/tenders/:id", async (c) => {
  const t = await findTender(c.req.param("id"));
  if (!t) return unknownTender(c, c.req.param("id"));
  const [events, bids, complaints, milestones, payments] = await Promise.all([
    db.select().from(tenderEvent).where(eq(tenderEvent.tenderId, t.id)).orderBy(asc(tenderEvent.blockNumber), asc(tenderEvent.logIndex)),
    db.select().from(bid).where(eq(bid.tenderId, t.id)).orderBy(asc(bid.sequence)),
    db.select().from(complaint).where(eq(complaint.tenderId, t.id)).orderBy(asc(complaint.complaintId)),
    db.select().from(milestone).where(eq(milestone.tenderId, t.id)).orderBy(asc(milestone.index)),
    db.select().from(payment).where(eq(payment.tenderId, t.id)).orderBy(asc(payment.blockNumber)),
  ]);
  const redFlags = (await redFlagsOf([t], await indexedTime())).get(t.id) ?? [];
  return json(c, {
    ...t,
    redFlags,
    title: t.metadataStatus === "verified" ? { zh: t.titleZh, en: t.titleEn } : null,
    description: t.metadataStatus === "verified" ? { zh: t.descriptionZh, en: t.descriptionEn } : null,
    // a price is public only once revealed (the row holds none before)
    bids: bids.map((b) => ({ ...b, price: b.revealed ? b.price : null })),
    complaints,
    milestones,
    payments,
    timeline: events.map((e) => ({
      name: e.name, args: e.args, blockNumber: e.blockNumber, blockTimestamp: e.blockTimestamp, transactionHash: e.transactionHash, logIndex: e.logIndex,
    })),
  });
});

// ===== departments =====

app.get("/departments", async (c) => {
  const [departments, members] = await Promise.all([
    db.select().from(department).orderBy(asc(department.id)),
    db.select().from(departmentMember).where(eq(departmentMember.active, true)),
  ]);
  return json(c, {
    departments: departments.map((d) => ({
      ...d,
      heads: members.filter((m) => m.departmentId === d.id && m.role === "head").map((m) => ({ account: m.account, since: m.since })),
      officials: members.filter((m) => m.departmentId === d.id && m.role === "official").map((m) => ({ account: m.account, since: m.since })),
    })),
  });
});

// ===== certificates =====

/** The status `verify` would give at `now` (seconds): a recorded status first, else validity in time. */
function certificateStatus(c: typeof certificate.$inferSelect, now: number): string {
  if (c.recordedStatus !== "Issued") return c.recordedStatus;
  if (now < c.validFrom) return "NotYetValid";
  if (c.validUntil !== 0 && now >= c.validUntil) return "Expired";
  return "Valid";
}

app.get("/certificates/:digest", async (c) => {
  const digest = c.req.param("digest");
  if (!/^0x[0-9a-fA-F]{64}$/.test(digest)) bad("a certificate is named by its digest: 0x and 64 hex digits");
  const key = digest.toLowerCase() as `0x${string}`;
  const row = (await db.select().from(certificate).where(eq(certificate.digest, key)))[0];
  if (!row) return json(c, { error: "not_found", message: `no singly issued certificate ${key} (a batch item is verified against its batch: /certificate-batches/:root)` }, 404);
  const history = await db
    .select()
    .from(certificateStatusChange)
    .where(eq(certificateStatusChange.digest, key))
    .orderBy(asc(certificateStatusChange.blockNumber), asc(certificateStatusChange.logIndex));
  const now = Math.floor(Date.now() / 1000);
  return json(c, { ...row, status: certificateStatus(row, now), statusAt: now, history });
});

// ===== licences and applications =====

/** LicenseStatus at `now`: Revoked outranks Suspended, which outranks Expired. */
function licenseStatus(l: typeof license.$inferSelect, now: number): string {
  if (l.revoked) return "Revoked";
  if (l.suspended) return "Suspended";
  if (l.validUntil !== 0 && now >= l.validUntil) return "Expired";
  return "Valid";
}

app.get("/licences/:id", async (c) => {
  const id = idParam(c.req.param("id"));
  const row = (await db.select().from(license).where(eq(license.id, id)))[0];
  if (!row) return json(c, { error: "not_found", message: `no licence ${id}` }, 404);
  const history = await db.select().from(licenseEvent).where(eq(licenseEvent.licenseId, id)).orderBy(asc(licenseEvent.blockNumber), asc(licenseEvent.logIndex));
  const now = Math.floor(Date.now() / 1000);
  return json(c, { ...row, status: licenseStatus(row, now), statusAt: now, history });
});

app.get("/applications/:id", async (c) => {
  const id = idParam(c.req.param("id"));
  const row = (await db.select().from(application).where(eq(application.id, id)))[0];
  if (!row) return json(c, { error: "not_found", message: `no application ${id}` }, 404);
  const history = await db
    .select()
    .from(applicationEvent)
    .where(eq(applicationEvent.applicationId, id))
    .orderBy(asc(applicationEvent.blockNumber), asc(applicationEvent.logIndex));
  return json(c, { ...row, history });
});

// ===== OCDS =====

const history = async (t: TenderRow) => (await loadHistories([t]))[0]!;

function ocdsOptions(c: Context): OcdsOptions {
  return {
    ocidPrefix: process.env.GOVCHAIN_OCID_PREFIX ?? "ocds-govchain",
    publisher: { name: process.env.GOVCHAIN_OCDS_PUBLISHER ?? "govchain" },
    uri: c.req.url,
    currency: process.env.GOVCHAIN_CURRENCY ?? "CNY",
    documentGateway: `${DOCS_URL}/ipfs`,
  };
}

app.get("/ocds/tenders/:id/releases", async (c) => {
  const t = await findTender(c.req.param("id"));
  if (!t) return unknownTender(c, c.req.param("id"));
  return json(c, releasePackage(await history(t), ocdsOptions(c)));
});

app.get("/ocds/tenders/:id/record", async (c) => {
  const t = await findTender(c.req.param("id"));
  if (!t) return unknownTender(c, c.req.param("id"));
  return json(c, recordPackage(await history(t), ocdsOptions(c)));
});

/** All tenders as record packages, by id, `limit` (1 to 50, default 20) a page, with OCDS `links.next`. */
app.get("/ocds/records", async (c) => {
  const query = c.req.queries();
  for (const [name, values] of Object.entries(query)) {
    if (name !== "cursor" && name !== "limit") bad(`unknown parameter ${JSON.stringify(name.slice(0, 40))}`);
    if (values.length > 1) bad(`parameter ${name} given more than once`);
  }
  const limitText = query.limit?.[0] ?? "20";
  if (!/^[1-9][0-9]?$/.test(limitText) || Number(limitText) > 50) bad("limit must be an integer from 1 to 50");
  const limit = Number(limitText);
  let after = 0n;
  const cursor = query.cursor?.[0];
  if (cursor !== undefined) {
    let parsed: unknown;
    try {
      if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) throw new Error();
      parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    } catch {
      return bad("cursor is malformed");
    }
    const p = parsed as { after?: unknown };
    if (typeof p !== "object" || p === null || typeof p.after !== "string" || !UINT.test(p.after)) bad("cursor is malformed");
    after = BigInt(p.after as string);
  }
  const rows = await db.select().from(tender).where(gt(tender.id, after)).orderBy(asc(tender.id)).limit(limit + 1);
  const page = rows.slice(0, limit);
  if (page.length === 0) return json(c, { error: "not_found", message: "no tenders on this page" }, 404);
  const histories = await loadHistories(page);
  let next: string | undefined;
  if (rows.length > limit) {
    const url = new URL(c.req.url);
    url.searchParams.set("cursor", Buffer.from(JSON.stringify({ after: page[page.length - 1]!.id.toString() })).toString("base64url"));
    next = url.toString();
  }
  return json(c, recordsPackage(histories, { ...ocdsOptions(c), ...(next ? { next } : {}) }));
});

// ===== statistics =====

const sumText = (column: any) => sql<string>`coalesce(sum(${column}), 0)::text`;
const countOf = sql<number>`count(*)::int`;

async function creditsByReason(where?: any): Promise<Record<string, string>> {
  const rows = await db
    .select({ reason: payment.reason, total: sumText(payment.amount) })
    .from(payment)
    .where(and(eq(payment.kind, "credit"), where))
    .groupBy(payment.reason);
  return Object.fromEntries(rows.map((r) => [r.reason ?? "", r.total]));
}

app.get("/stats/summary", async (c) => {
  params(c, []);
  const now = await indexedTime();
  const [states, escrow, credits, withdrawn, licences, processing, singles, batches, token] = await Promise.all([
    db.select({ state: tender.state, count: countOf, budget: sumText(tender.budget) }).from(tender).groupBy(tender.state),
    db.select().from(escrowBalance).where(eq(escrowBalance.id, "escrow")),
    creditsByReason(),
    db.select({ total: sumText(payment.amount) }).from(payment).where(eq(payment.kind, "withdrawal")),
    db
      .select({
        issued: countOf,
        inForce: sql<number>`(count(*) filter (where not ${license.revoked} and not ${license.suspended} and (${license.validUntil} = 0 or ${license.validUntil} > ${now})))::int`,
      })
      .from(license),
    db.select({ seconds: licenseEvent.processingTime }).from(licenseEvent).where(inArray(licenseEvent.name, ["LicenseIssued", "LicenseRenewed"])),
    db.select({ count: countOf }).from(certificate),
    db.select({ count: countOf, items: sql<number>`coalesce(sum(${certificateBatch.count}), 0)::int` }).from(certificateBatch),
    paymentToken().catch(() => knownPaymentToken()),
  ]);
  const byState = Object.fromEntries(STATES.map((s) => [s, states.find((r) => r.state === s)?.count ?? 0]));
  const e = escrow[0];
  const times = processing.map((p) => p.seconds).filter((s): s is number => s !== null);
  const stats = times.length ? durationStats(times) : null;
  const refunds = { budget: credits["budget refund"] ?? "0", bonds: credits["bond refund"] ?? "0" };
  return json(c, {
    asOf: now,
    token,
    tenders: { total: states.reduce((n, r) => n + r.count, 0), open: byState.Open, byState },
    // the payment token held by TenderEscrow (its Transfer events in and out): budgets, bonds and credits not yet withdrawn
    valueInEscrow: e ? (e.received - e.sent).toString() : "0",
    paidToSuppliers: credits["milestone payment"] ?? "0",
    refunds: { ...refunds, total: (BigInt(refunds.budget) + BigInt(refunds.bonds)).toString() },
    withdrawn: withdrawn[0]?.total ?? "0",
    licences: { issued: licences[0]?.issued ?? 0, inForce: licences[0]?.inForce ?? 0 },
    certificates: {
      single: singles[0]?.count ?? 0,
      batches: batches[0]?.count ?? 0,
      batchItems: batches[0]?.items ?? 0,
      anchored: (singles[0]?.count ?? 0) + (batches[0]?.items ?? 0),
    },
    licenceProcessingTime: stats ? { count: stats.count, median: stats.median, p90: stats.p90, mean: stats.mean } : null,
  });
});

/** Metrics are computed over every tender and application: cached per (indexed block, query). */
const metricsCache = new Map<string, unknown>();

app.get("/stats/metrics", async (c) => {
  const q = params(c, ["from", "to", "department"]);
  const from = timeParam("from", q("from"));
  const to = timeParam("to", q("to"));
  if (from !== undefined && to !== undefined && from > to) bad("from is after to");
  const deptText = q("department");
  const dept = deptText === undefined ? undefined : await departmentParam(deptText);
  if (dept === null) return json(c, { error: "not_found", message: `no department ${deptText}` }, 404);
  const block = (await indexed())?.block ?? 0;
  const key = JSON.stringify([block, from, to, dept]);
  const cached = metricsCache.get(key);
  if (cached) return json(c, cached);

  const where = [];
  if (from !== undefined) where.push(gte(tender.publishedAt, from));
  if (to !== undefined) where.push(lte(tender.publishedAt, to));
  if (dept !== undefined) where.push(eq(tender.department, dept));
  const tenders = await db.select().from(tender).where(where.length ? and(...where) : undefined).orderBy(asc(tender.id));
  const [histories, apps, token] = await Promise.all([loadHistories(tenders), licenceHistories(from, to), paymentToken()]);
  const decidedBy = dept === undefined ? apps : apps.filter((a) => a.decisions.some((d) => d.departmentId === dept));
  const processing = licenceProcessingTimes(decidedBy);
  const body = {
    asOf: { block, time: await indexedTime() },
    query: { from: from ?? null, to: to ?? null, department: dept ?? null },
    token,
    licenceProcessingTimes: dept === undefined ? processing : { ...processing, byDepartment: processing.byDepartment.filter((d) => d.key === dept) },
    approvalsPerOfficial: approvalsPerOfficial(decidedBy).filter((o) => dept === undefined || o.departmentId === dept),
    procurementValue: procurementValue(histories),
    savings: savings(histories),
    biddersPerTender: biddersPerTender(histories, await indexedTime()),
    paymentTimes: paymentTimes(histories),
  };
  if (metricsCache.size > 50) metricsCache.clear();
  metricsCache.set(key, body);
  return json(c, body);
});

// ===== red flags per department =====

async function allFlags(where?: any): Promise<{ tenders: TenderRow[]; flags: Map<bigint, RedFlag[]> }> {
  const tenders = await db.select().from(tender).where(where).orderBy(asc(tender.id));
  return { tenders, flags: await redFlagsOf(tenders, await indexedTime()) };
}

app.get("/redflags", async (c) => {
  const q = params(c, ["department"]);
  const deptText = q("department");
  const dept = deptText === undefined ? undefined : await departmentParam(deptText);
  if (dept === null) return json(c, { error: "not_found", message: `no department ${deptText}` }, 404);
  const { tenders, flags } = await allFlags(dept === undefined ? undefined : eq(tender.department, dept));
  const departments = aggregateRedFlags(tenders.map((t) => ({ tenderId: t.id.toString(), department: t.department, flags: flags.get(t.id) ?? [] })));
  return json(c, { asOf: await indexedTime(), departments });
});

// ===== one department =====

app.get("/departments/:idOrCode", async (c) => {
  params(c, []);
  const id = await departmentParam(c.req.param("idOrCode"));
  if (id === null) return json(c, { error: "not_found", message: `no department ${c.req.param("idOrCode")}` }, 404);
  const d = (await db.select().from(department).where(eq(department.id, id)))[0]!;
  const [members, states, awarded, credits, recentAwards, recentPayments, { tenders, flags }] = await Promise.all([
    db.select().from(departmentMember).where(eq(departmentMember.departmentId, id)).orderBy(asc(departmentMember.since)),
    db.select({ state: tender.state, count: countOf, budget: sumText(tender.budget) }).from(tender).where(eq(tender.department, id)).groupBy(tender.state),
    db.select({ count: countOf, total: sumText(tender.price), budget: sumText(tender.budget) }).from(tender).where(and(eq(tender.department, id), sql`${tender.winner} is not null`)),
    creditsByReason(inArray(payment.tenderId, db.select({ id: tender.id }).from(tender).where(eq(tender.department, id)))),
    db.select().from(tender).where(and(eq(tender.department, id), sql`${tender.winner} is not null`)).orderBy(desc(tender.awardedAt), desc(tender.id)).limit(50),
    db
      .select()
      .from(payment)
      .where(and(eq(payment.kind, "credit"), inArray(payment.tenderId, db.select({ id: tender.id }).from(tender).where(eq(tender.department, id)))))
      .orderBy(desc(payment.blockNumber), desc(payment.id))
      .limit(50),
    allFlags(eq(tender.department, id)),
  ]);
  const member = (m: (typeof members)[number]) => ({ account: m.account, since: m.since, appointedBy: m.appointedBy, removedAt: m.removedAt, removedBy: m.removedBy });
  return json(c, {
    ...d,
    heads: members.filter((m) => m.active && m.role === "head").map(member),
    officials: members.filter((m) => m.active && m.role === "official").map(member),
    formerMembers: members.filter((m) => !m.active).map((m) => ({ role: m.role, ...member(m) })),
    tenders: {
      total: states.reduce((n, r) => n + r.count, 0),
      byState: Object.fromEntries(STATES.map((s) => [s, states.find((r) => r.state === s)?.count ?? 0])),
      budget: states.reduce((n, r) => n + BigInt(r.budget), 0n),
    },
    awards: {
      count: awarded[0]?.count ?? 0,
      total: awarded[0]?.total ?? "0",
      budget: awarded[0]?.budget ?? "0",
      recent: recentAwards.map((t) => ({ tenderId: t.id, state: t.state, winner: t.winner, price: t.price, budget: t.budget, awardedAt: t.awardedAt, title: t.metadataStatus === "verified" ? { zh: t.titleZh, en: t.titleEn } : null })),
    },
    payments: { byReason: credits, recent: recentPayments },
    flags: {
      ...(aggregateRedFlags(tenders.map((t) => ({ tenderId: t.id.toString(), department: t.department, flags: flags.get(t.id) ?? [] })))[0] ?? { department: id, tenders: 0, flaggedTenders: 0, byCode: {} }),
    },
  });
});

// ===== one supplier =====

app.get("/suppliers/:address", async (c) => {
  params(c, []);
  const address = addressParam("address", c.req.param("address"))!;
  const [bids, won, credits, withdrawals, licences] = await Promise.all([
    db.select().from(bid).where(eq(bid.bidder, address)).orderBy(asc(bid.tenderId)),
    db.select().from(tender).where(eq(tender.winner, address)).orderBy(asc(tender.id)),
    db.select().from(payment).where(and(eq(payment.account, address), eq(payment.kind, "credit"))).orderBy(asc(payment.blockNumber), asc(payment.id)),
    db.select({ total: sumText(payment.amount), count: countOf }).from(payment).where(and(eq(payment.account, address), eq(payment.kind, "withdrawal"))),
    db
      .select({ id: license.id, typeId: license.typeId, licenseNumber: license.licenseNumber, validUntil: license.validUntil, suspended: license.suspended, revoked: license.revoked, subjectId: application.subjectId })
      .from(license)
      .innerJoin(application, eq(application.id, license.applicationId))
      .where(eq(license.holder, address))
      .orderBy(asc(license.id)),
  ]);
  if (bids.length === 0 && won.length === 0 && credits.length === 0 && licences.length === 0) {
    return json(c, { error: "not_found", message: `no bids, awards, payments or licences for ${address}` }, 404);
  }
  const tenderIds = [...new Set([...bids.map((b) => b.tenderId), ...won.map((t) => t.id)])];
  const tenders = tenderIds.length ? await db.select().from(tender).where(inArray(tender.id, tenderIds)) : [];
  const byId = new Map(tenders.map((t) => [t.id, t]));
  const flags = await redFlagsOf(tenders, await indexedTime());
  const subject = (await licenceSubjects([address]))[address]?.licenceSubject ?? null;
  const totals = new Map<string, bigint>();
  for (const p of credits) totals.set(p.reason ?? "", (totals.get(p.reason ?? "") ?? 0n) + p.amount);
  const title = (t: TenderRow | undefined) => (t && t.metadataStatus === "verified" ? { zh: t.titleZh, en: t.titleEn } : null);
  return json(c, {
    address,
    licenceSubject: subject,
    licences: licences.map((l) => ({ ...l, subject: subjectIdentifier(l.subjectId) })),
    bids: bids.map((b) => ({
      tenderId: b.tenderId, sequence: b.sequence, committedAt: b.committedAt, revealed: b.revealed, price: b.revealed ? b.price : null,
      withdrawn: b.withdrawn, passedOver: b.passedOver, tenderState: byId.get(b.tenderId)?.state ?? null, title: title(byId.get(b.tenderId)),
      won: byId.get(b.tenderId)?.winner === address,
    })),
    awards: won.map((t) => ({ tenderId: t.id, state: t.state, department: t.department, price: t.price, budget: t.budget, paid: t.paid, awardedAt: t.awardedAt, title: title(t) })),
    payments: {
      byReason: Object.fromEntries(totals),
      received: credits.map((p) => ({ tenderId: p.tenderId, amount: p.amount, reason: p.reason, blockNumber: p.blockNumber, blockTimestamp: p.blockTimestamp, transactionHash: p.transactionHash })),
      withdrawn: withdrawals[0]?.total ?? "0",
      withdrawals: withdrawals[0]?.count ?? 0,
    },
    flags: tenders
      .filter((t) => (flags.get(t.id) ?? []).length > 0)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((t) => ({ tenderId: t.id, ...flagSummary(flags.get(t.id)) })),
  });
});

// ===== consents and their access trail =====

function consentCursor(value: string): bigint {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) bad("cursor is malformed");
  let p: any;
  try {
    p = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return bad("cursor is malformed");
  }
  if (typeof p !== "object" || p === null || typeof p.g !== "string" || !UINT.test(p.g)) bad("cursor is malformed");
  return BigInt(p.g);
}
const label = (hex: string) => {
  try {
    const text = Buffer.from(hex.slice(2), "hex").toString("utf8").replace(/\0+$/, "");
    return /^[\x20-\x7e\u00a0-\uffff]+$/.test(text) && !text.includes("\ufffd") ? text : null;
  } catch {
    return null;
  }
};

app.get("/consents", async (c) => {
  const q = params(c, ["subject", "cursor", "limit"]);
  const subject = addressParam("subject", q("subject"));
  if (subject === undefined) bad("subject is required: the data subject's address");
  const limitText = q("limit") ?? "20";
  if (!/^[1-9][0-9]{0,2}$/.test(limitText) || Number(limitText) > 100) bad("limit must be an integer from 1 to 100");
  const limit = Number(limitText);
  const cursor = q("cursor");
  const after = cursor === undefined ? 0n : consentCursor(cursor);
  const rows = await db.select().from(consent).where(and(eq(consent.subject, subject!), gt(consent.grantId, after))).orderBy(asc(consent.grantId)).limit(limit + 1);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.grantId);
  const [accesses, categories, departments] = await Promise.all([
    ids.length ? db.select().from(consentAccess).where(inArray(consentAccess.grantId, ids)).orderBy(asc(consentAccess.blockNumber), asc(consentAccess.logIndex)) : Promise.resolve([]),
    db.select().from(consentCategory),
    db.select({ id: department.id, code: department.code, nameZh: department.nameZh, nameEn: department.nameEn }).from(department),
  ]);
  const now = await indexedTime();
  const next = rows.length > limit ? Buffer.from(JSON.stringify({ g: page[page.length - 1]!.grantId.toString() })).toString("base64url") : null;
  return json(c, {
    subject,
    asOf: now,
    consents: page.map((g) => {
      const cat = categories.find((k) => k.id === g.category);
      const d = departments.find((k) => k.id === g.departmentId);
      return {
        grantId: g.grantId,
        subject: g.subject,
        department: { id: g.departmentId, code: d?.code ?? null, name: d ? { zh: d.nameZh, en: d.nameEn } : null },
        category: { id: g.category, label: label(g.category), name: cat?.name ?? null },
        purpose: { id: g.purpose, label: label(g.purpose) },
        expiresAt: g.expiresAt,
        // as isGrantValid at the indexed block's time
        status: g.revokedAt !== null ? "Revoked" : now >= g.expiresAt ? "Expired" : "Active",
        granted: { at: g.grantedAt, blockNumber: g.grantedBlock, transactionHash: g.grantedTx },
        revoked: g.revokedAt === null ? null : { at: g.revokedAt, blockNumber: g.revokedBlock, transactionHash: g.revokedTx },
        accessCount: g.accessCount,
        accesses: accesses
          .filter((a) => a.grantId === g.grantId)
          .map((a) => ({
            official: a.official, departmentId: a.departmentId, requestRef: a.requestRef, requestRefLabel: label(a.requestRef),
            blockNumber: a.blockNumber, blockTimestamp: a.blockTimestamp, transactionHash: a.transactionHash, logIndex: a.logIndex,
          })),
      };
    }),
    next,
  });
});

// ===== certificate batches =====

/** An item's status from its batch's recorded changes: Revoked (item or batch) > Suspended; else null (the time-based status is the verifier's). */
function batchItems(changes: (typeof batchStatusChange.$inferSelect)[]) {
  const items = new Map<number, { index: number; status: string; history: typeof changes }>();
  for (const ch of changes) {
    if (ch.index === null) continue;
    const item = items.get(ch.index) ?? { index: ch.index, status: "Issued", history: [] };
    items.set(ch.index, item);
    item.history.push(ch);
    if (item.status !== "Revoked") item.status = ch.status === "Reinstated" ? "Issued" : ch.status;
  }
  return [...items.values()].sort((a, b) => a.index - b.index);
}

app.get("/certificate-batches", async (c) => {
  const q = params(c, ["department"]);
  const deptText = q("department");
  const dept = deptText === undefined ? undefined : await departmentParam(deptText);
  if (dept === null) return json(c, { error: "not_found", message: `no department ${deptText}` }, 404);
  const rows = await db.select().from(certificateBatch).where(dept === undefined ? undefined : eq(certificateBatch.departmentId, dept)).orderBy(asc(certificateBatch.batchId));
  return json(c, { batches: rows });
});

app.get("/certificate-batches/:root", async (c) => {
  params(c, []);
  const root = c.req.param("root");
  if (!/^0x[0-9a-fA-F]{64}$/.test(root)) bad("a batch is named by its Merkle root: 0x and 64 hex digits");
  const key = root.toLowerCase() as `0x${string}`;
  const row = (await db.select().from(certificateBatch).where(eq(certificateBatch.root, key)))[0];
  if (!row) return json(c, { error: "not_found", message: `no batch with root ${key}` }, 404);
  const changes = await db
    .select()
    .from(batchStatusChange)
    .where(eq(batchStatusChange.batchId, row.batchId))
    .orderBy(asc(batchStatusChange.blockNumber), asc(batchStatusChange.logIndex));
  const d = (await db.select().from(department).where(eq(department.id, row.departmentId)))[0];
  return json(c, {
    ...row,
    department: d ? { id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn } } : { id: row.departmentId },
    // only items whose status was ever changed; every other item is as anchored
    items: row.revoked ? batchItems(changes).map((i) => ({ ...i, status: "Revoked" })) : batchItems(changes),
    history: changes,
  });
});

export default app;

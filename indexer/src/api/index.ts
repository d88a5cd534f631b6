/**
 * The public read API (custom Hono routes; GraphQL at /graphql). Every malformed input is a 400 JSON error,
 * every unknown id a 404 JSON error; nothing a client sends can crash a handler.
 *
 * Ponder reserves /health, /ready, /status and /metrics for itself, so the chain-aware health report is
 * GET /health/chain.
 */
import { db, publicClients } from "ponder:api";
import schema from "ponder:schema";
import { Hono, type Context } from "hono";
import { and, asc, desc, eq, gt, gte, ilike, inArray, lt, lte, or, sql, graphql } from "ponder";
import { recordPackage, recordsPackage, releasePackage, type OcdsOptions, type TenderHistory } from "../../../lib/ocds.js";
import config from "../../ponder.config";

const { application, applicationEvent, license, licenseEvent, certificate, certificateStatusChange, tender, tenderEvent, tenderMetadata, bid, complaint, milestone, payment, department, departmentMember, setting } = schema;

const STATES = ["Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];
const DOCS_URL = (process.env.GOVCHAIN_DOCS_URL ?? "http://127.0.0.1:8546").replace(/\/+$/, "");
const escrowAddress = (config.contracts.TenderEscrow.address as string).toLowerCase();
const chainId = config.chains.govchain.id as number;

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

const app = new Hono();
app.use("/graphql", graphql({ db, schema }));

app.onError((error, c) => {
  if (error instanceof BadRequest) return json(c, { error: "bad_request", message: error.message }, 400);
  console.error(error);
  return json(c, { error: "internal", message: "internal error" }, 500);
});
app.notFound((c) => json(c, { error: "not_found", message: `no route ${c.req.method} ${c.req.path}` }, 404));

// ===== health =====

async function indexedBlock(): Promise<number | null> {
  const result = (await db.execute(sql`select latest_checkpoint from _ponder_checkpoint where chain_id = ${chainId}`)) as any;
  const rows = Array.isArray(result) ? result : result.rows;
  const checkpoint: string | undefined = rows?.[0]?.latest_checkpoint;
  // checkpoint: 10 digits of block time, 16 of chain id, 16 of block number, ...
  return checkpoint ? Number(checkpoint.slice(26, 42)) : null;
}

app.get("/health/chain", async (c) => {
  const indexed = await indexedBlock();
  let head: number | null = null;
  let rpcError: string | null = null;
  try {
    head = Number(await publicClients.govchain.getBlockNumber());
  } catch (error) {
    rpcError = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  }
  const lag = head !== null && indexed !== null ? Math.max(0, head - indexed) : null;
  return json(c, { chainId, indexedBlock: indexed, chainHead: head, lag, ...(rpcError ? { rpcError } : {}) });
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

const LIST_PARAMS = new Set(["state", "department", "category", "q", "minBudget", "maxBudget", "from", "to", "sort", "cursor", "limit"]);

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
  return json(c, { tenders: page.map(summary), next });
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
  return json(c, {
    ...t,
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
  if (!row) return json(c, { error: "not_found", message: `no certificate ${key} (batch certificates are not indexed yet)` }, 404);
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

let tokenInfo: Promise<{ symbol: string; decimals: number }> | null = null;
function paymentToken() {
  const erc20 = [
    { type: "function", name: "symbol", stateMutability: "view", inputs: [], outputs: [{ type: "string" }] },
    { type: "function", name: "decimals", stateMutability: "view", inputs: [], outputs: [{ type: "uint8" }] },
  ] as const;
  tokenInfo ??= (async () => {
    const client = publicClients.govchain;
    const address = (await client.readContract({
      address: escrowAddress as `0x${string}`,
      abi: [{ type: "function", name: "paymentToken", stateMutability: "view", inputs: [], outputs: [{ type: "address" }] }] as const,
      functionName: "paymentToken",
    })) as `0x${string}`;
    const [symbol, decimals] = await Promise.all([
      client.readContract({ address, abi: erc20, functionName: "symbol" }),
      client.readContract({ address, abi: erc20, functionName: "decimals" }),
    ]);
    return { symbol, decimals: Number(decimals) };
  })().catch((error) => {
    tokenInfo = null;
    throw error;
  });
  return tokenInfo;
}

async function history(t: typeof tender.$inferSelect): Promise<TenderHistory> {
  const events = await db.select().from(tenderEvent).where(eq(tenderEvent.tenderId, t.id)).orderBy(asc(tenderEvent.blockNumber), asc(tenderEvent.logIndex));
  const published = events.find((e) => e.name === "TenderPublished");
  if (!published) throw new Error(`tender ${t.id} has no TenderPublished row`);
  const supervising = (await db.select().from(setting).where(eq(setting.key, "supervisingDepartment")))[0];
  const supervisingDepartment = supervising ? Number(supervising.value) || null : null;
  const deptIds = [...new Set([t.department, t.acceptingDepartment, ...(supervisingDepartment ? [supervisingDepartment] : [])])];
  const departments = await db.select().from(department).where(inArray(department.id, deptIds));
  const digests = [...new Set(events.flatMap((e) => ((e.args as any).documentsDigest ?? (e.args as any).params?.documentsDigest ?? []) as string[] | string).flat())] as `0x${string}`[];
  const metadataRows = digests.length ? await db.select().from(tenderMetadata).where(inArray(tenderMetadata.digest, digests)) : [];
  const pos = (e: typeof published) => ({
    blockNumber: Number(e.blockNumber), blockTimestamp: e.blockTimestamp, transactionHash: e.transactionHash, logIndex: e.logIndex,
  });
  const pubArgs = published.args as any;
  return {
    chainId,
    escrow: escrowAddress,
    tenderId: t.id.toString(),
    published: { ...pos(published), department: pubArgs.department, treasury: pubArgs.treasury, publishedBy: pubArgs.publishedBy, params: pubArgs.params },
    departments: departments.map((d) => ({ id: d.id, code: d.code, name: { zh: d.nameZh, en: d.nameEn } })),
    supervisingDepartment,
    paymentToken: await paymentToken(),
    licenseType: { id: t.licenseTypeId },
    metadata: Object.fromEntries(digests.map((d) => [d, (metadataRows.find((m) => m.digest === d)?.document as any) ?? null])),
    events: events.filter((e) => e.name !== "TenderPublished").map((e) => ({ ...pos(e), name: e.name, args: e.args }) as any),
  };
}

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
  const histories = [];
  for (const t of page) histories.push(await history(t));
  let next: string | undefined;
  if (rows.length > limit) {
    const url = new URL(c.req.url);
    url.searchParams.set("cursor", Buffer.from(JSON.stringify({ after: page[page.length - 1]!.id.toString() })).toString("base64url"));
    next = url.toString();
  }
  return json(c, recordsPackage(histories, { ...ocdsOptions(c), ...(next ? { next } : {}) }));
});

export default app;

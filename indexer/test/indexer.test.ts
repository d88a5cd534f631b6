/**
 * The indexer against a running local platform (`npm start`): it starts its own indexer on a fresh PGlite
 * folder and a free port (or uses INDEXER_URL), waits until it has caught up with the chain, and checks
 * its answers against the contracts' views and the document store.
 *
 *   GOVCHAIN_RPC_URL   the platform's RPC (default http://127.0.0.1:8545)
 *   GOVCHAIN_DOCS_URL  its document store (default http://127.0.0.1:8546)
 *   GOVCHAIN_MANIFEST  its deployment manifest (default ../ignition/deployments/local-86086/manifest.json)
 *   INDEXER_URL        an indexer already running for that platform (then none is started)
 *   DATABASE_URL       run the started indexer on PostgreSQL (fresh schema) instead of a temporary PGlite
 *   OCDS_SCHEMA_DIR    the OCDS 1.1.5 schemas (default test/fixtures/ocds-1.1.5 in the repository)
 */
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { ValidateFunction } from "ajv";
import { createPublicClient, createWalletClient, defineChain, hexToString, http, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { localAccount } from "../../lib/localAccounts.js";
import { digestToCid, verifyDocument } from "../../lib/cid.js";
import { parseTenderMetadata } from "../../lib/metadata.js";
import { nearestRank } from "../../lib/metrics.js";
import { ocdsValidators } from "../../test/helpers/ocdsSchemas.js";
import { caughtUp, deployed, DOCS_URL, getFrom, manifest, removeStore, ROOT, RPC_URL, startIndexer, type Indexer } from "./support.ts";

const OCDS_DIR = path.resolve(ROOT, process.env.OCDS_SCHEMA_DIR ?? "test/fixtures/ocds-1.1.5");
const STATES = ["None", "Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];

const { address: escrowAddress, abi: escrowAbi } = deployed("TenderEscrow");
const { abi: certAbi, ...certRecord } = deployed("CertificateRegistry");
const CERT_STATUSES = ["Unknown", "Valid", "NotYetValid", "Expired", "Suspended", "Revoked", "Superseded"];
const { abi: licAbi, ...licRecord } = deployed("LicenseRegistry");
const { abi: consentAbi, ...consentRecord } = deployed("ConsentRegistry");
const { abi: directoryAbi, ...directoryRecord } = deployed("DepartmentDirectory");
const STAGES = ["None", "Pending", "Rejected", "Issued", "Withdrawn"];
const LICENCE_STATUSES = ["None", "Valid", "Expired", "Suspended", "Revoked"];
const chain = createPublicClient({ transport: http(RPC_URL) });
/** The local chain's well-known development mnemonic (lib/localAccounts.ts's accounts). */
const MNEMONIC = "test test test test test test test test test test test junk";

let base = process.env.INDEXER_URL ?? "";
let indexer: Indexer | undefined;
const timings: Record<string, number> = {};

const get = (pathAndQuery: string) => getFrom(base, pathAndQuery);

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {}
    indexer?.alive();
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function allTenders(query = "", limit = 100): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "";
    const r = await get(`/tenders?${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...r.body.tenders);
    cursor = r.body.next;
  } while (cursor);
  return out;
}

/** The chain's head, once the indexer has reached it (the chain keeps making blocks). */
async function syncedHead(): Promise<bigint> {
  const head = await chain.getBlockNumber();
  await waitFor("the head", 30_000, async () => ((await get("/health/chain")).body.indexedBlock >= Number(head) ? true : undefined));
  return head;
}

before(async () => {
  const started = Date.now();
  if (!base) {
    indexer = await startIndexer();
    base = indexer.url;
  }
  await waitFor("the HTTP server", 120_000, async () => ((await fetch(`${base}/health`)).ok ? true : undefined));
  timings.httpUpMs = Date.now() - started;
  if (indexer) await caughtUp(indexer);
  else await waitFor("/ready", 300_000, async () => ((await fetch(`${base}/ready`)).ok ? true : undefined));
  timings.readyMs = Date.now() - started;
  console.log(`indexer timings: ${JSON.stringify(timings)}`);
});

after(async () => {
  if (indexer) {
    await indexer.stop();
    removeStore(indexer);
  }
});

describe("indexer", () => {
  it("reports the chain id, the indexed block, the head and the lag", async () => {
    const r = await get("/health/chain");
    assert.equal(r.status, 200);
    assert.equal(r.body.chainId, manifest.chainId);
    assert.ok(Number.isInteger(r.body.indexedBlock) && Number.isInteger(r.body.chainHead));
    assert.ok(r.body.lag <= 2, `lag ${r.body.lag}`);
  });

  it("indexes every tender with the contract's state, budget, winner, price and counts", async () => {
    const count = Number(await chain.readContract({ address: escrowAddress, abi: escrowAbi, functionName: "tenderCount" }));
    assert.ok(count > 0, "the platform has seeded tenders");
    // The chain keeps making blocks: make sure the indexer saw the head we compare with.
    const head = await chain.getBlockNumber();
    await waitFor("the head", 30_000, async () => ((await get("/health/chain")).body.indexedBlock >= Number(head) ? true : undefined));
    const listed = await allTenders();
    assert.equal(listed.length, count);
    for (let id = 1; id <= count; id++) {
      const v = (await chain.readContract({ address: escrowAddress, abi: escrowAbi, functionName: "getTender", args: [BigInt(id)], blockNumber: head })) as any;
      const r = await get(`/tenders/${id}`);
      assert.equal(r.status, 200);
      const t = r.body;
      const where = `tender ${id}`;
      assert.equal(t.state, STATES[Number(v.state)], `${where} state`);
      assert.equal(t.budget, v.budget.toString(), `${where} budget`);
      assert.equal(t.department, Number(v.department), `${where} department`);
      assert.equal(t.documentsDigest, v.documentsDigest, `${where} documentsDigest`);
      assert.equal(t.commitDeadline, Number(v.commitDeadline), `${where} commitDeadline`);
      assert.equal(t.revealDeadline, Number(v.revealDeadline), `${where} revealDeadline`);
      assert.equal(t.amendments, Number(v.amendments), `${where} amendments`);
      assert.equal(t.revealedCount, Number(v.revealedCount), `${where} revealedCount`);
      assert.equal(t.acceptedCount, Number(v.acceptedCount), `${where} acceptedCount`);
      assert.equal(t.paid, v.paid.toString(), `${where} paid`);
      const zero = /^0x0{40}$/.test(v.winner);
      assert.equal(t.winner, zero ? null : v.winner.toLowerCase(), `${where} winner`);
      if (!zero) assert.equal(t.price, v.price.toString(), `${where} price`);
      // a timeline that starts with the publication, in chain order, every row placed on chain
      assert.equal(t.timeline[0].name, "TenderPublished");
      for (let i = 1; i < t.timeline.length; i++) {
        const [a, b] = [t.timeline[i - 1], t.timeline[i]];
        assert.ok(BigInt(a.blockNumber) < BigInt(b.blockNumber) || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex), `${where} timeline order`);
      }
      for (const e of t.timeline) assert.match(e.transactionHash, /^0x[0-9a-f]{64}$/);
      // a bid's price is public only once revealed
      for (const b of t.bids) if (!b.revealed) assert.equal(b.price, null);
    }
  });

  it("serves a tender's title from its verified metadata", async () => {
    const t = (await get("/tenders/1")).body;
    const bytes = new Uint8Array(await (await fetch(`${DOCS_URL}/ipfs/${digestToCid(t.documentsDigest)}`)).arrayBuffer());
    assert.equal(verifyDocument(bytes, t.documentsDigest).match, true);
    const metadata = parseTenderMetadata(bytes);
    assert.equal(t.metadataStatus, "verified");
    assert.deepEqual(t.title, metadata.title);
    assert.deepEqual(t.description, metadata.description);
  });

  it("filters, searches, sorts and pages", async () => {
    const all = await allTenders();
    const ids = (list: any[]) => list.map((t) => t.id);
    // pages of 2 walk the same list as pages of 100, newest first, no duplicates
    const paged = await allTenders("", 2);
    assert.deepEqual(ids(paged), ids(all));
    assert.equal(new Set(ids(all)).size, all.length);
    for (let i = 1; i < all.length; i++) {
      assert.ok(all[i - 1].publishedAt > all[i].publishedAt || (all[i - 1].publishedAt === all[i].publishedAt && BigInt(all[i - 1].id) > BigInt(all[i].id)));
    }
    // budget order, ascending, by pages of 3
    const byBudget = await allTenders("sort=budget", 3);
    assert.equal(byBudget.length, all.length);
    for (let i = 1; i < byBudget.length; i++) assert.ok(BigInt(byBudget[i - 1].budget) <= BigInt(byBudget[i].budget));
    // each filter returns exactly the matching tenders
    const same = async (query: string, keep: (t: any) => boolean) => {
      const expected = ids(all.filter(keep));
      assert.deepEqual(ids(await allTenders(query, 7)), expected, query);
      return expected.length;
    };
    const some = all[Math.floor(all.length / 2)];
    assert.ok((await same(`state=${some.state}`, (t) => t.state === some.state)) > 0);
    assert.ok((await same("state=open,completed", (t) => t.state === "Open" || t.state === "Completed")) > 0);
    assert.ok((await same(`department=${some.department}`, (t) => t.department === some.department)) > 0);
    assert.ok((await same(`category=${some.category}`, (t) => t.category === some.category)) > 0);
    const mid = [...all].map((t) => BigInt(t.budget)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor(all.length / 2)]!;
    await same(`minBudget=${mid}`, (t) => BigInt(t.budget) >= mid);
    await same(`maxBudget=${mid}`, (t) => BigInt(t.budget) <= mid);
    await same(`from=${some.publishedAt}`, (t) => t.publishedAt >= some.publishedAt);
    await same(`to=${some.publishedAt}`, (t) => t.publishedAt <= some.publishedAt);
    // title search, Chinese and English, case-insensitive
    const titled = all.find((t) => t.title);
    const zh = [...titled.title.zh].slice(0, 2).join("");
    const en = titled.title.en.split(" ")[0].toUpperCase();
    assert.ok((await same(`q=${encodeURIComponent(zh)}`, (t) => t.title?.zh.includes(zh) || t.title?.en.includes(zh))) > 0);
    assert.ok((await same(`q=${encodeURIComponent(en)}`, (t) => t.title?.zh.toLowerCase().includes(en.toLowerCase()) || t.title?.en.toLowerCase().includes(en.toLowerCase()))) > 0);
    assert.equal(await same("q=%25", (t) => t.title?.zh.includes("%") || t.title?.en.includes("%")), 0);
  });

  it("answers malformed input with 400 JSON and unknown ids with 404 JSON", async () => {
    const cursor = (await get("/tenders?limit=1")).body.next;
    const badRequests = [
      "/tenders?limit=0", "/tenders?limit=101", "/tenders?limit=abc", "/tenders?limit=1.5", "/tenders?cursor=%%%",
      "/tenders?cursor=eyJmb28iOjF9", `/tenders?sort=budget&cursor=${cursor}`, "/tenders?state=Bogus", "/tenders?department=-1",
      "/tenders?minBudget=-1", "/tenders?maxBudget=1e9", "/tenders?minBudget=9&maxBudget=1", "/tenders?from=yesterday",
      "/tenders?to=2026-13-45", "/tenders?sort=price", "/tenders?nope=1", "/tenders?q=", `/tenders?q=${"x".repeat(101)}`,
      "/tenders?limit=1&limit=2", "/tenders/abc", "/tenders/0", "/tenders/-1", `/tenders/${"9".repeat(100)}`,
      "/ocds/tenders/abc/releases", "/ocds/tenders/0x1/record", "/ocds/records?cursor=xyz", "/ocds/records?limit=51", "/ocds/records?x=1",
    ];
    for (const p of badRequests) {
      const r = await get(p);
      assert.equal(r.status, 400, `${p}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.match(r.type ?? "", /application\/json/, p);
      assert.equal(r.body.error, "bad_request", p);
    }
    for (const p of ["/tenders/999999", "/ocds/tenders/999999/releases", "/ocds/tenders/999999/record"]) {
      const r = await get(p);
      assert.equal(r.status, 404, p);
      assert.equal(r.body.error, "not_found", p);
    }
  });

  it("indexes every singly issued certificate with the status verify() reports, and its status history", async () => {
    const head = await chain.getBlockNumber();
    await waitFor("the head", 30_000, async () => ((await get("/health/chain")).body.indexedBlock >= Number(head) ? true : undefined));
    const issued = await chain.getContractEvents({ address: certRecord.address, abi: certAbi, eventName: "CertificateIssued", fromBlock: BigInt(certRecord.deployedBlock), toBlock: head });
    assert.ok(issued.length > 0, "the platform has seeded certificates");
    const seen = new Set<string>();
    for (const log of issued as any[]) {
      const digest = log.args.digest as Hex;
      const r = await get(`/certificates/${digest}`);
      assert.equal(r.status, 200, digest);
      const v = (await chain.readContract({ address: certRecord.address, abi: certAbi, functionName: "verify", args: [digest], blockNumber: head })) as any;
      assert.equal(r.body.status, CERT_STATUSES[Number(v.status)], `certificate ${digest} status`);
      assert.equal(r.body.typeId, Number(v.typeId));
      assert.equal(r.body.departmentId, Number(v.departmentId));
      assert.equal(r.body.validUntil, Number(v.validUntil));
      assert.equal(r.body.history[0].status, "Issued");
      if (r.body.supersededBy) assert.equal(r.body.supersededBy, v.supersededBy);
      seen.add(r.body.status);
    }
    console.log(`certificates: ${issued.length}, statuses ${[...seen].join(", ")}`);
    assert.equal((await get(`/certificates/0x${"0".repeat(64)}`)).status, 404);
    assert.equal((await get("/certificates/0x1234")).status, 400);
  });

  it("indexes every application's stage and every licence's status as the registry reports them", async () => {
    const head = await chain.getBlockNumber();
    await waitFor("the head", 30_000, async () => ((await get("/health/chain")).body.indexedBlock >= Number(head) ? true : undefined));
    const count = Number(await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "applicationCount", blockNumber: head }));
    assert.ok(count > 0, "the platform has seeded applications");
    const stages = new Set<string>();
    const statuses = new Set<string>();
    const licences = new Set<string>();
    for (let id = 1; id <= count; id++) {
      const v = (await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "getApplication", args: [BigInt(id)], blockNumber: head })) as any;
      const r = await get(`/applications/${id}`);
      assert.equal(r.status, 200, `application ${id}`);
      assert.equal(r.body.stage, STAGES[Number(v.stage)], `application ${id} stage`);
      assert.equal(r.body.round, Number(v.round), `application ${id} round`);
      assert.equal(r.body.typeId, Number(v.typeId));
      stages.add(r.body.stage);
      if (v.licenseId !== 0n) {
        assert.equal(r.body.licenseId, v.licenseId.toString());
        licences.add(v.licenseId.toString());
      }
    }
    for (const id of licences) {
      const status = await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "licenseStatus", args: [BigInt(id)], blockNumber: head });
      const l = (await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "getLicense", args: [BigInt(id)], blockNumber: head })) as any;
      const r = await get(`/licences/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.status, LICENCE_STATUSES[Number(status)], `licence ${id} status`);
      assert.equal(r.body.validUntil, Number(l.validUntil), `licence ${id} validUntil`);
      assert.equal(r.body.holder, l.holder.toLowerCase());
      assert.equal(r.body.history[0].name, "LicenseIssued");
      statuses.add(r.body.status);
    }
    console.log(`applications: ${count} (${[...stages].join(", ")}); licences: ${licences.size} (${[...statuses].join(", ")})`);
    assert.equal((await get("/applications/999999")).status, 404);
    assert.equal((await get("/licences/abc")).status, 400);
  });

  it("publishes every tender as valid, stable OCDS 1.1.5 release and record packages", async () => {
    const validators = makeValidators();
    const all = await allTenders();
    for (const t of all) {
      const releases = await get(`/ocds/tenders/${t.id}/releases`);
      assert.equal(releases.status, 200);
      assertValid(validators.releasePackage, releases.body, `tender ${t.id} release package`);
      const record = await get(`/ocds/tenders/${t.id}/record`);
      assert.equal(record.status, 200);
      assertValid(validators.recordPackage, record.body, `tender ${t.id} record package`);
      assert.equal(record.body.records[0].ocid, releases.body.releases[0].ocid);
    }
    // all tenders as record packages, page by page along links.next
    let url: string | undefined = "/ocds/records?limit=4";
    const ocids: string[] = [];
    while (url) {
      const page = await get(url.replace(base, ""));
      assert.equal(page.status, 200, JSON.stringify(page.body));
      assertValid(validators.recordPackage, page.body, url);
      ocids.push(...page.body.records.map((r: any) => r.ocid));
      url = page.body.links?.next;
    }
    assert.equal(ocids.length, all.length);
    assert.equal(new Set(ocids).size, all.length);
    const again = await get(`/ocds/tenders/${all[0].id}/releases`);
    assert.deepEqual(again.body, (await get(`/ocds/tenders/${all[0].id}/releases`)).body);
  });

  it("carries the indexed block, the chain head and the lag on every response", async () => {
    for (const p of ["/tenders?limit=1", "/tenders/1", "/stats/summary", "/tenders/abc", "/nope"]) {
      const r = await get(p);
      const [indexed, head, lag] = ["x-indexed-block", "x-chain-head", "x-lag-blocks"].map((h) => r.headers.get(h));
      assert.match(indexed ?? "", /^[0-9]+$/, `${p} X-Indexed-Block`);
      assert.match(head ?? "", /^[0-9]+$/, `${p} X-Chain-Head`);
      assert.equal(Number(lag), Math.max(0, Number(head) - Number(indexed)), `${p} X-Lag-Blocks`);
    }
  });

  it("summarises the platform as the chain does (tenders, escrow, payments, licences in force, certificates anchored)", async () => {
    const head = await syncedHead();
    const s = (await get("/stats/summary")).body;
    const read = (address: Hex, abi: any, functionName: string, args: unknown[] = []) => chain.readContract({ address, abi, functionName, args, blockNumber: head }) as Promise<any>;
    assert.equal(s.tenders.total, Number(await read(escrowAddress, escrowAbi, "tenderCount")));
    const [open] = await read(escrowAddress, escrowAbi, "tendersByState", [1, 0n, 200n]);
    assert.equal(s.tenders.open, open.length);
    const balanceAbi = [{ type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ type: "address" }], outputs: [{ type: "uint256" }] }];
    assert.equal(s.valueInEscrow, (await read(manifest.paymentToken, balanceAbi, "balanceOf", [escrowAddress])).toString());
    const credits = (await chain.getContractEvents({ address: escrowAddress, abi: escrowAbi, eventName: "Credited", fromBlock: 0n, toBlock: head })) as any[];
    const sum = (reason: string) => credits.filter((l) => hexToString(l.args.reason, { size: 32 }).replace(/\0+$/, "") === reason).reduce((n, l) => n + l.args.amount, 0n).toString();
    assert.equal(s.paidToSuppliers, sum("milestone payment"));
    assert.equal(s.refunds.budget, sum("budget refund"));
    assert.equal(s.refunds.bonds, sum("bond refund"));
    assert.deepEqual(s.token, { symbol: "tCNY", decimals: 2 });
    // licences: issued = LicenseIssued events; in force = licenseStatus Valid
    const issued = (await chain.getContractEvents({ address: licRecord.address, abi: licAbi, eventName: "LicenseIssued", fromBlock: 0n, toBlock: head })) as any[];
    assert.equal(s.licences.issued, issued.length);
    let valid = 0;
    for (const l of issued) if (Number(await read(licRecord.address, licAbi, "licenseStatus", [l.args.licenseId])) === 1) valid++;
    assert.equal(s.licences.inForce, valid);
    // licence processing time: the chain's processingTime of every issue and renewal, nearest-rank median
    const renewed = (await chain.getContractEvents({ address: licRecord.address, abi: licAbi, eventName: "LicenseRenewed", fromBlock: 0n, toBlock: head })) as any[];
    const times = [...issued, ...renewed].map((l) => Number(l.args.processingTime)).sort((a, b) => a - b);
    assert.equal(s.licenceProcessingTime.count, times.length);
    assert.equal(s.licenceProcessingTime.median, nearestRank(times, 50));
    assert.equal(s.licenceProcessingTime.p90, nearestRank(times, 90));
    // certificates: single issues + every batch's items
    const singles = await chain.getContractEvents({ address: certRecord.address, abi: certAbi, eventName: "CertificateIssued", fromBlock: 0n, toBlock: head });
    const batchCount = Number(await read(certRecord.address, certAbi, "batchCount"));
    let items = 0;
    for (let i = 1; i <= batchCount; i++) items += Number((await read(certRecord.address, certAbi, "batch", [BigInt(i)])).count);
    assert.deepEqual(s.certificates, { single: singles.length, batches: batchCount, batchItems: items, anchored: singles.length + items });
  });

  it("serves every certificate batch with its anchoring and its items' status changes", async () => {
    const head = await syncedHead();
    const count = Number(await chain.readContract({ address: certRecord.address, abi: certAbi, functionName: "batchCount", blockNumber: head }));
    assert.ok(count > 0, "the platform has a seeded batch");
    const revocations = (await chain.getContractEvents({ address: certRecord.address, abi: certAbi, eventName: "BatchItemRevoked", fromBlock: 0n, toBlock: head })) as any[];
    for (let id = 1; id <= count; id++) {
      const b = (await chain.readContract({ address: certRecord.address, abi: certAbi, functionName: "batch", args: [BigInt(id)], blockNumber: head })) as any;
      const r = await get(`/certificate-batches/${b.root}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.batchId, String(id));
      assert.equal(r.body.typeId, Number(b.typeId));
      assert.equal(r.body.departmentId, Number(b.departmentId));
      assert.equal(r.body.issuedBy, b.issuedBy.toLowerCase());
      assert.equal(r.body.count, Number(b.count));
      assert.equal(r.body.revoked, b.revoked);
      assert.match(r.body.transactionHash, /^0x[0-9a-f]{64}$/);
      const revokedHere = revocations.filter((l) => l.args.batchId === BigInt(id)).map((l) => Number(l.args.index));
      assert.deepEqual(r.body.items.filter((i: any) => i.status === "Revoked").map((i: any) => i.index), revokedHere);
    }
    assert.equal((await get(`/certificate-batches/0x${"0".repeat(64)}`)).status, 404);
  });

  it("serves every subject's consents, grants and revocations and every access, as the registry records them", async () => {
    const head = await syncedHead();
    const count = Number(await chain.readContract({ address: consentRecord.address, abi: consentAbi, functionName: "grantCount", blockNumber: head }));
    assert.ok(count > 0, "the platform has seeded consents");
    const accesses = (await chain.getContractEvents({ address: consentRecord.address, abi: consentAbi, eventName: "DataAccessed", fromBlock: 0n, toBlock: head })) as any[];
    const bySubject = new Map<string, any[]>();
    for (let id = 1; id <= count; id++) {
      const g = (await chain.readContract({ address: consentRecord.address, abi: consentAbi, functionName: "getGrant", args: [BigInt(id)], blockNumber: head })) as any;
      const list = bySubject.get(g.subject.toLowerCase()) ?? [];
      bySubject.set(g.subject.toLowerCase(), list);
      list.push({ id, ...g });
    }
    const statuses = new Set<string>();
    for (const [subject, grants] of bySubject) {
      // one consent a page: the cursor walks the subject's grants, oldest first
      const served: any[] = [];
      let cursor: string | null = null;
      do {
        const r = await get(`/consents?subject=${subject}&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        served.push(...r.body.consents);
        cursor = r.body.next;
      } while (cursor);
      assert.deepEqual(served.map((c) => Number(c.grantId)), grants.map((g) => g.id));
      for (const [i, g] of grants.entries()) {
        const c = served[i];
        assert.equal(c.department.id, Number(g.departmentId));
        assert.equal(c.category.id, g.category);
        assert.equal(c.purpose.id, g.purpose);
        assert.equal(c.expiresAt, Number(g.expiresAt));
        assert.equal(c.granted.at, Number(g.grantedAt));
        assert.equal(c.revoked?.at ?? 0, Number(g.revokedAt));
        assert.equal(c.accessCount, Number(g.accessCount));
        assert.deepEqual(
          c.accesses.map((a: any) => a.transactionHash),
          accesses.filter((l) => Number(l.args.grantId) === g.id).map((l) => l.transactionHash),
        );
        const validNow = await chain.readContract({ address: consentRecord.address, abi: consentAbi, functionName: "isGrantValid", args: [BigInt(g.id)], blockNumber: head });
        assert.equal(c.status === "Active", validNow, `grant ${g.id} status ${c.status}`);
        statuses.add(c.status);
      }
    }
    console.log(`consents: ${count} of ${bySubject.size} subjects, ${accesses.length} accesses (${[...statuses].join(", ")})`);
    assert.deepEqual((await get(`/consents?subject=0x${"0".repeat(40)}`)).body.consents, []);
  });

  it("serves each department with its head, officials, tenders, awards, payments and red flags", async () => {
    const head = await syncedHead();
    const all = await allTenders();
    const count = Number(await chain.readContract({ address: directoryRecord.address, abi: directoryAbi, functionName: "departmentCount", blockNumber: head }));
    for (let id = 1; id <= count; id++) {
      const d = (await chain.readContract({ address: directoryRecord.address, abi: directoryAbi, functionName: "department", args: [id], blockNumber: head })) as any;
      const byId = (await get(`/departments/${id}`)).body;
      const byCode = (await get(`/departments/${d.code.toLowerCase()}`)).body;
      assert.deepEqual(byId, byCode);
      assert.equal(byId.code, d.code);
      const treasury = (await chain.readContract({ address: directoryRecord.address, abi: directoryAbi, functionName: "treasuryOf", args: [id], blockNumber: head })) as Hex;
      assert.equal(byId.treasury, /^0x0{40}$/.test(treasury) ? null : treasury.toLowerCase());
      for (const h of byId.heads) assert.equal(await chain.readContract({ address: directoryRecord.address, abi: directoryAbi, functionName: "isHead", args: [id, h.account], blockNumber: head }), true);
      for (const o of byId.officials) assert.equal(await chain.readContract({ address: directoryRecord.address, abi: directoryAbi, functionName: "isOfficial", args: [id, o.account], blockNumber: head }), true);
      const own = all.filter((t) => t.department === id);
      assert.equal(byId.tenders.total, own.length);
      const won = own.filter((t) => t.winner);
      assert.equal(byId.awards.count, won.length);
      assert.equal(byId.awards.total, won.reduce((n, t) => n + BigInt(t.price), 0n).toString());
      const flagged = own.filter((t) => t.flags.count > 0).length;
      assert.equal(byId.flags.flaggedTenders, flagged);
    }
    assert.equal((await get("/departments/NOPE")).status, 404);
  });

  it("serves each supplier's licence subject, bids, awards and payments received", async () => {
    const head = await syncedHead();
    const all = await allTenders();
    const winners = [...new Set(all.filter((t) => t.winner).map((t) => t.winner as string))];
    assert.ok(winners.length > 0);
    const credits = (await chain.getContractEvents({ address: escrowAddress, abi: escrowAbi, eventName: "Credited", fromBlock: 0n, toBlock: head })) as any[];
    const commits = (await chain.getContractEvents({ address: escrowAddress, abi: escrowAbi, eventName: "BidCommitted", fromBlock: 0n, toBlock: head })) as any[];
    for (const w of winners) {
      const s = (await get(`/suppliers/${w}`)).body;
      assert.deepEqual(s.awards.map((a: any) => a.tenderId).sort(), all.filter((t) => t.winner === w).map((t) => t.id).sort());
      assert.deepEqual(
        [...new Set(s.bids.map((b: any) => b.tenderId))].sort(),
        [...new Set(commits.filter((l) => l.args.bidder.toLowerCase() === w).map((l) => l.args.tenderId.toString()))].sort(),
      );
      assert.equal(s.payments.received.length, credits.filter((l) => l.args.account.toLowerCase() === w).length);
      // the licence subject is the application's public subject identifier
      if (s.licences.length > 0) {
        const application = (await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "getLicense", args: [BigInt(s.licences[0].id)], blockNumber: head })) as any;
        assert.equal(s.licences[0].subjectId, application.subjectId);
        assert.equal(s.licences[0].subject.id.length > 0, true);
      }
      // the supplier filter: every tender it bid in or won
      assert.deepEqual((await allTenders(`supplier=${w}`)).map((t) => t.id).sort(), [...new Set([...s.bids.map((b: any) => b.tenderId), ...s.awards.map((a: any) => a.tenderId)])].sort());
    }
    // in OCDS, a winner with a licence is identified by its licence subject
    let identified = 0;
    for (const w of winners) {
      const s = (await get(`/suppliers/${w}`)).body;
      if (!s.licenceSubject) continue;
      const record = (await get(`/ocds/tenders/${s.awards[0].tenderId}/record`)).body;
      const party = record.records[0].compiledRelease.parties.find((p: any) => p.identifier?.id === w);
      assert.deepEqual(party.additionalIdentifiers, [s.licenceSubject]);
      identified++;
    }
    assert.ok(identified > 0, "a seeded winner holds a licence");
    assert.equal((await get(`/suppliers/0x${"0".repeat(39)}1`)).status, 404);
  });

  it("raises the red flags of the seeded cases, the same on the list, the detail, the flag filter and per department", async () => {
    const all = await allTenders();
    const seen = new Set<string>();
    const byCode = new Map<string, string[]>();
    for (const t of all) {
      const detail = (await get(`/tenders/${t.id}`)).body;
      const codes = [...new Set(detail.redFlags.map((f: any) => f.code))];
      assert.deepEqual(t.flags.codes, codes, `tender ${t.id} list flags`);
      assert.equal(t.flags.count, detail.redFlags.length);
      for (const f of detail.redFlags) {
        seen.add(f.code);
        assert.ok(f.reason.zh && f.reason.en && Object.keys(f.figures).length > 0, `${f.code} says why, with figures`);
        byCode.set(f.code, [...new Set([...(byCode.get(f.code) ?? []), t.id])]);
        // each flag checked against the tender's own facts
        if (f.code === "SINGLE_BID") assert.equal(detail.bidCount, 1);
        if (f.code === "IDENTICAL_BID_PRICES") assert.ok(detail.bids.filter((b: any) => b.price === f.figures.price).length >= 2);
        if (f.code === "COMPLAINT_UPHELD") assert.ok(detail.complaints.some((c: any) => c.outcome === "upheld"));
        if (f.code === "CANCELLED_AFTER_REVEAL") assert.ok(detail.state === "Cancelled" && detail.revealedCount > 0);
        if (f.code === "HEAVILY_DISCOUNTED_BID") assert.ok(BigInt(detail.price) < BigInt(f.figures.medianOthers));
        if (f.code === "SHORT_SUBMISSION_PERIOD") assert.ok(detail.commitDeadline - detail.publishedAt < 10 * 86400);
      }
    }
    console.log(`red flags on the seeded tenders: ${[...byCode].map(([code, ids]) => `${code} (${ids.join(",")})`).join("; ")}`);
    assert.ok(seen.size >= 4, `the seed raises several flags: ${[...seen].join(", ")}`);
    for (const [code, ids] of byCode) assert.deepEqual((await allTenders(`flag=${code.toLowerCase()}`)).map((t) => t.id).sort(), ids.sort(), `flag=${code}`);
    const both = [...byCode.keys()].slice(0, 2);
    assert.deepEqual((await allTenders(`flag=${both.join(",")}`)).map((t) => t.id).sort(), [...new Set(both.flatMap((c) => byCode.get(c)!))].sort());
    const perDepartment = (await get("/redflags")).body.departments;
    for (const d of perDepartment) {
      for (const [code, entry] of Object.entries(d.byCode) as [string, any][]) {
        assert.deepEqual(entry.tenderIds.sort(), byCode.get(code)!.filter((id) => all.find((t) => t.id === id).department === d.department).sort());
      }
    }
  });

  it("flags a tender published with a short bidding period, with the figures, and marks metadata it cannot verify", async () => {
    // constructed on the chain: SAMR's official publishes a small tender closing in 2 days (no time travel, so safe on a shared platform)
    const key = (predicate: (r: any) => boolean) => mnemonicToAccount(MNEMONIC, { addressIndex: localAccount(predicate).index });
    const official = key((r) => r.kind === "official" && r.department === "SAMR");
    const treasury = key((r) => r.kind === "treasury" && r.department === "SAMR");
    const chainDef = defineChain({ id: manifest.chainId, name: "govchain", nativeCurrency: { name: "ETH", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [RPC_URL] } } });
    const wallet = (account: typeof official) => createWalletClient({ account, chain: chainDef, transport: http(RPC_URL) });
    const free = { maxFeePerGas: 0n, maxPriorityFeePerGas: 0n }; // the local chain runs with a zero base fee
    const budget = 100_000n;
    const approve = await wallet(treasury).writeContract({
      ...free, address: manifest.paymentToken, functionName: "approve", args: [escrowAddress, budget],
      abi: [{ type: "function", name: "approve", stateMutability: "nonpayable", inputs: [{ type: "address" }, { type: "uint256" }], outputs: [{ type: "bool" }] }],
    });
    await chain.waitForTransactionReceipt({ hash: approve });
    const now = Number((await chain.getBlock()).timestamp);
    const digest = `0x${"ab".repeat(32)}` as Hex; // no such document in the store
    const publish = await wallet(official).writeContract({
      ...free, address: escrowAddress, abi: escrowAbi, functionName: "publish",
      args: [{
        documentsDigest: digest, metadataURI: "", category: `0x${Buffer.from("services").toString("hex").padEnd(64, "0")}`, budget, bidBond: 0n,
        commitDeadline: now + 2 * 86400, revealDeadline: now + 3 * 86400, complaintWindow: 86400, acceptingDepartment: 1, licenseTypeId: 1,
        milestoneSharesBps: [10000], milestoneDigests: [digest],
      }],
    });
    const receipt = await chain.waitForTransactionReceipt({ hash: publish });
    assert.equal(receipt.status, "success");
    const id = await chain.readContract({ address: escrowAddress, abi: escrowAbi, functionName: "tenderCount", blockNumber: receipt.blockNumber });
    await waitFor("the new tender", 30_000, async () => ((await get(`/tenders/${id}`)).status === 200 ? true : undefined));
    const t = (await get(`/tenders/${id}`)).body;
    assert.match(t.metadataStatus, /^unverified: /);
    assert.equal(t.title, null);
    const flag = t.redFlags.find((f: any) => f.code === "SHORT_SUBMISSION_PERIOD");
    assert.ok(flag, JSON.stringify(t.redFlags));
    assert.equal(flag.cardinal, "R003");
    assert.equal(flag.figures.periodSeconds, t.commitDeadline - t.publishedAt);
    assert.ok(flag.figures.periodSeconds < flag.figures.thresholdSeconds);
    assert.match(flag.reason.en, /days from publication to the commit deadline/);
    assert.ok((await allTenders("flag=SHORT_SUBMISSION_PERIOD")).some((x) => x.id === String(id)));
    assert.equal((await get(`/tenders?q=${encodeURIComponent("services")}&limit=100`)).body.tenders.some((x: any) => x.id === String(id)), false, "unverified metadata is not searchable");
  });

  it("computes the benefit metrics from the chain's timestamps and figures", async () => {
    const head = await syncedHead();
    const m = (await get("/stats/metrics")).body;
    const all = await allTenders();
    // procurement value and savings: the standing awards (the tender's winner and price now)
    const awarded = all.filter((t) => t.winner);
    assert.equal(m.procurementValue.total, awarded.reduce((n, t) => n + BigInt(t.price), 0n).toString());
    assert.equal(m.savings.total.budget, awarded.reduce((n, t) => n + BigInt(t.budget), 0n).toString());
    assert.equal(BigInt(m.savings.total.savings), BigInt(m.savings.total.budget) - BigInt(m.savings.total.awarded));
    // bidders per tender: live bids as the chain's bidCount
    for (const row of m.biddersPerTender.tenders) {
      const v = (await chain.readContract({ address: escrowAddress, abi: escrowAbi, functionName: "getTender", args: [BigInt(row.tenderId)], blockNumber: head })) as any;
      assert.equal(row.bids, Number(v.bidCount), `tender ${row.tenderId} bidders`);
    }
    // licence processing time per type: the chain's processingTime of each issue/renewal
    const issues = [
      ...((await chain.getContractEvents({ address: licRecord.address, abi: licAbi, eventName: "LicenseIssued", fromBlock: 0n, toBlock: head })) as any[]),
      ...((await chain.getContractEvents({ address: licRecord.address, abi: licAbi, eventName: "LicenseRenewed", fromBlock: 0n, toBlock: head })) as any[]),
    ];
    for (const type of m.licenceProcessingTimes.byType) {
      const times = [];
      for (const l of issues) {
        const licence = (await chain.readContract({ address: licRecord.address, abi: licAbi, functionName: "getLicense", args: [l.args.licenseId], blockNumber: head })) as any;
        if (Number(licence.typeId) === type.key) times.push(Number(l.args.processingTime));
      }
      times.sort((a, b) => a - b);
      assert.equal(type.overall.count, times.length, `type ${type.key} count`);
      assert.equal(type.overall.median, nearestRank(times, 50), `type ${type.key} median`);
      assert.equal(type.overall.p90, nearestRank(times, 90), `type ${type.key} p90`);
    }
    // approvals per official: ApplicationApproved events
    const approvals = (await chain.getContractEvents({ address: licRecord.address, abi: licAbi, eventName: "ApplicationApproved", fromBlock: 0n, toBlock: head })) as any[];
    assert.equal(m.approvalsPerOfficial.reduce((n: number, o: any) => n + o.approvals, 0), approvals.length);
    // payments: every accepted milestone, delivery ≤ acceptance ≤ payment
    assert.ok(m.paymentTimes.milestones.length > 0);
    for (const x of m.paymentTimes.milestones) assert.ok(x.deliveredAt <= x.acceptedAt && (x.paidAt === null || x.acceptedAt <= x.paidAt));
    // the department and time filters narrow the inputs
    const dept = awarded[0].department;
    const one = (await get(`/stats/metrics?department=${dept}`)).body;
    assert.deepEqual(one.procurementValue.byDepartment.map((d: any) => d.department), [dept]);
    const firstPublished = Math.min(...all.map((t) => t.publishedAt));
    const none = (await get(`/stats/metrics?to=${firstPublished - 1}`)).body;
    assert.equal(none.procurementValue.total, "0");
    assert.equal(none.biddersPerTender.tenders.length, 0);
  });

  it("answers malformed input on the new routes with 400 JSON, unknown ids with 404 JSON", async () => {
    const badRequests = [
      "/stats/summary?x=1", "/stats/metrics?from=soon", "/stats/metrics?from=2026-02-01&to=2026-01-01", "/stats/metrics?department=%2F",
      "/redflags?department=-1", "/redflags?x=1", "/departments/-1", "/departments/a%20b", "/suppliers/0x12", "/suppliers/abc",
      "/tenders?supplier=0xzz", "/tenders?flag=NOT_A_FLAG", "/tenders?flag=", "/consents", "/consents?subject=0x1", "/consents?subject=0x0000000000000000000000000000000000000001&cursor=%%",
      "/consents?subject=0x0000000000000000000000000000000000000001&cursor=eyJ4IjoxfQ", "/consents?subject=0x0000000000000000000000000000000000000001&limit=0",
      "/certificate-batches/0x12", "/certificate-batches?department=%24", "/certificates/xyz",
    ];
    for (const p of badRequests) {
      const r = await get(p);
      assert.equal(r.status, 400, `${p}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.match(r.type ?? "", /application\/json/, p);
      assert.equal(r.body.error, "bad_request", p);
      assert.ok(r.body.message, p);
    }
    for (const p of ["/departments/999", "/departments/NOSUCH", "/stats/metrics?department=999", "/redflags?department=NOSUCH", "/suppliers/0x0000000000000000000000000000000000000001", "/certificate-batches/0x" + "1".repeat(64), "/licences/999999"]) {
      const r = await get(p);
      assert.equal(r.status, 404, `${p}: ${r.status}`);
      assert.equal(r.body.error, "not_found", p);
    }
  });
});

// ===== OCDS validator (the approach of ../../test/ocds.ts: draft-04 schemas loaded into ajv 8) =====

const makeValidators = () => ocdsValidators(OCDS_DIR);
function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
  if (!validate(data)) assert.fail(`${what} is not valid: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

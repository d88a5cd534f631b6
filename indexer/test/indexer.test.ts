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
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";
import { createPublicClient, http, type Abi, type Hex } from "viem";
import { digestToCid, verifyDocument } from "../../lib/cid.js";
import { parseTenderMetadata } from "../../lib/metadata.js";
import { ocdsValidators } from "../../test/helpers/ocdsSchemas.js";

const INDEXER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = path.resolve(INDEXER_DIR, "..");
const RPC_URL = process.env.GOVCHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const DOCS_URL = (process.env.GOVCHAIN_DOCS_URL ?? "http://127.0.0.1:8546").replace(/\/+$/, "");
const MANIFEST = path.resolve(INDEXER_DIR, process.env.GOVCHAIN_MANIFEST ?? "../ignition/deployments/local-86086/manifest.json");
const OCDS_DIR = path.resolve(ROOT, process.env.OCDS_SCHEMA_DIR ?? "test/fixtures/ocds-1.1.5");
const STATES = ["None", "Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];

const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
const escrowRecord = manifest.contracts.TenderEscrow;
const [source, name] = escrowRecord.artifact.split(":");
const escrowAbi = JSON.parse(readFileSync(path.join(ROOT, "artifacts", source, `${name}.json`), "utf8")).abi as Abi;
const certRecord = manifest.contracts.CertificateRegistry;
const [certSource, certName] = certRecord.artifact.split(":");
const certAbi = JSON.parse(readFileSync(path.join(ROOT, "artifacts", certSource, `${certName}.json`), "utf8")).abi as Abi;
const CERT_STATUSES = ["Unknown", "Valid", "NotYetValid", "Expired", "Suspended", "Revoked", "Superseded"];
const licRecord = manifest.contracts.LicenseRegistry;
const [licSource, licName] = licRecord.artifact.split(":");
const licAbi = JSON.parse(readFileSync(path.join(ROOT, "artifacts", licSource, `${licName}.json`), "utf8")).abi as Abi;
const STAGES = ["None", "Pending", "Rejected", "Issued", "Withdrawn"];
const LICENCE_STATUSES = ["None", "Valid", "Expired", "Suspended", "Revoked"];
const chain = createPublicClient({ transport: http(RPC_URL) });

let base = process.env.INDEXER_URL ?? "";
let child: ChildProcess | undefined;
let dataDir: string | undefined;
const timings: Record<string, number> = {};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function get(pathAndQuery: string): Promise<{ status: number; body: any; type: string | null }> {
  const response = await fetch(base + pathAndQuery);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, type: response.headers.get("content-type") };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {}
    if (child?.exitCode != null) throw new Error(`the indexer exited (${child.exitCode}) while waiting for ${what}`);
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

before(async () => {
  const started = Date.now();
  if (!base) {
    const port = await freePort();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "govchain-indexer-test-"));
    child = spawn(process.execPath, [path.join(INDEXER_DIR, "node_modules/ponder/dist/esm/bin/ponder.js"), "start", "--schema", `test_${process.pid}_${Date.now()}`, "--port", String(port)], {
      cwd: INDEXER_DIR,
      env: {
        ...process.env,
        PONDER_TELEMETRY_DISABLED: "1",
        GOVCHAIN_RPC_URL: RPC_URL,
        GOVCHAIN_DOCS_URL: DOCS_URL,
        GOVCHAIN_MANIFEST: MANIFEST,
        GOVCHAIN_INDEXER_DATA: dataDir,
        // PostgreSQL when DATABASE_URL is set (a fresh schema per run), else PGlite in a temporary folder
        DATABASE_URL: process.env.DATABASE_URL ?? "",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let log = "";
    child.stdout!.on("data", (d) => (log = (log + d).slice(-20000)));
    child.stderr!.on("data", (d) => (log = (log + d).slice(-20000)));
    child.on("exit", (code) => code && console.error(log));
    base = `http://127.0.0.1:${port}`;
    await waitFor("the HTTP server", 120_000, async () => ((await fetch(`${base}/health`)).ok ? true : undefined));
    timings.httpUpMs = Date.now() - started;
  }
  await waitFor("/ready", 300_000, async () => ((await fetch(`${base}/ready`)).ok ? true : undefined));
  timings.readyMs = Date.now() - started;
  await waitFor("lag 0", 120_000, async () => {
    const r = await get("/health/chain");
    return r.status === 200 && r.body.lag === 0 ? true : undefined;
  });
  timings.lagZeroMs = Date.now() - started;
  console.log(`indexer timings: ${JSON.stringify(timings)}`);
});

after(async () => {
  if (child && child.exitCode === null) {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child!.once("exit", r));
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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
    const count = Number(await chain.readContract({ address: escrowRecord.address, abi: escrowAbi, functionName: "tenderCount" }));
    assert.ok(count > 0, "the platform has seeded tenders");
    // The chain keeps making blocks: make sure the indexer saw the head we compare with.
    const head = await chain.getBlockNumber();
    await waitFor("the head", 30_000, async () => ((await get("/health/chain")).body.indexedBlock >= Number(head) ? true : undefined));
    const listed = await allTenders();
    assert.equal(listed.length, count);
    for (let id = 1; id <= count; id++) {
      const v = (await chain.readContract({ address: escrowRecord.address, abi: escrowAbi, functionName: "getTender", args: [BigInt(id)], blockNumber: head })) as any;
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
});

// ===== OCDS validator (the approach of ../../test/ocds.ts: draft-04 schemas loaded into ajv 8) =====

const makeValidators = () => ocdsValidators(OCDS_DIR);
function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
  if (!validate(data)) assert.fail(`${what} is not valid: ${JSON.stringify(validate.errors?.slice(0, 5), null, 1)}`);
}

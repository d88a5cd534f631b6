/**
 * The indexer under faults, against a running platform (environment as indexer.test.ts): killed during its
 * backfill and restarted (no row missing or doubled, checked against the chain's logs and views); a store that
 * resumes but disagrees with the chain's events rebuilt by scripts/serve.ts; the node
 * down (the last state still served, the lag and the error visible) and back; the chain reset under it (a
 * second anvil with the same chain id behind the same URL: it notices, says so, and re-indexes).
 * Each indexer here reaches the node through a proxy the test controls, never by touching the platform.
 */
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { after, describe, it } from "node:test";
import { createPublicClient, http, type Abi } from "viem";
import { anvilBinary } from "../../scripts/platform/chain.ts";
import {
  caughtUp, deployed, freePort, manifest, getFrom, removeStore, rpc, rpcProxy, RPC_URL, startIndexer, tableCount, waitFor, type Indexer, type RpcProxy,
} from "./support.ts";

const chain = createPublicClient({ transport: http(RPC_URL) });
const escrow = deployed("TenderEscrow");
const licences = deployed("LicenseRegistry");
const certificates = deployed("CertificateRegistry");
const consents = deployed("ConsentRegistry");
const STATES = ["None", "Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function logsOf(contract: { address: `0x${string}`; deployedBlock: number; abi: Abi }, toBlock: bigint): Promise<any[]> {
  return (await chain.getContractEvents({ address: contract.address, abi: contract.abi, fromBlock: BigInt(contract.deployedBlock), toBlock })) as any[];
}

/** Every stored row the chain's logs up to `head` call for, each exactly once, and every tender as getTender reports it. */
async function assertMatchesChain(base: string, head: bigint): Promise<void> {
  const [escrowLogs, licenceLogs, certificateLogs, consentLogs] = await Promise.all([logsOf(escrow, head), logsOf(licences, head), logsOf(certificates, head), logsOf(consents, head)]);
  const count = (logs: any[], names: string[]) => logs.filter((l) => names.includes(l.eventName)).length;
  const expected: Record<string, number> = {
    // every TenderEscrow event naming a tender is on its timeline (Credited with tender 0 and Withdrawn are not)
    tenderEvents: escrowLogs.filter((l) => l.args.tenderId !== undefined && l.args.tenderId !== 0n).length,
    tenders: count(escrowLogs, ["TenderPublished"]),
    payments: count(escrowLogs, ["Credited", "Withdrawn"]),
    complaints: count(escrowLogs, ["ComplaintFiled"]),
    applications: count(licenceLogs, ["ApplicationSubmitted"]),
    applicationEvents: count(licenceLogs, ["ApplicationSubmitted", "ApplicationAmended", "ApplicationApproved", "ApplicationRejected", "ApplicationWithdrawn", "LicenseIssued", "LicenseRenewed"]),
    licenseEvents: count(licenceLogs, ["LicenseIssued", "LicenseRenewed", "LicenseSuspended", "LicenseReinstated", "LicenseRevoked"]),
    certificateStatusChanges: count(certificateLogs, ["CertificateIssued", "CertificateSuspended", "CertificateReinstated", "CertificateRevoked", "CertificateSuperseded"]),
    certificateBatchs: count(certificateLogs, ["BatchAnchored"]),
    batchStatusChanges: count(certificateLogs, ["BatchItemSuspended", "BatchItemReinstated", "BatchItemRevoked", "BatchRevoked"]),
    consents: count(consentLogs, ["ConsentGranted"]),
    consentAccesss: count(consentLogs, ["DataAccessed"]),
  };
  for (const [table, n] of Object.entries(expected)) assert.equal(await tableCount(base, table), n, `${table} rows vs the chain's logs`);
  // accumulated fields (bid counts, paid, escrow balance) would show a doubled event
  const tenderCount = Number(await chain.readContract({ address: escrow.address, abi: escrow.abi, functionName: "tenderCount", blockNumber: head }));
  for (let id = 1; id <= tenderCount; id++) {
    const v = (await chain.readContract({ address: escrow.address, abi: escrow.abi, functionName: "getTender", args: [BigInt(id)], blockNumber: head })) as any;
    const t = (await getFrom(base, `/tenders/${id}`)).body;
    assert.equal(t.state, STATES[Number(v.state)], `tender ${id} state`);
    assert.equal(t.bidCount, Number(v.bidCount), `tender ${id} bidCount`);
    assert.equal(t.revealedCount, Number(v.revealedCount), `tender ${id} revealedCount`);
    assert.equal(t.paid, v.paid.toString(), `tender ${id} paid`);
  }
  const token = manifest.paymentToken as `0x${string}`;
  const balance = (await chain.readContract({
    address: token, abi: [{ type: "function", name: "balanceOf", stateMutability: "view", inputs: [{ type: "address" }], outputs: [{ type: "uint256" }] }] as const,
    functionName: "balanceOf", args: [escrow.address], blockNumber: head,
  })) as bigint;
  assert.equal((await getFrom(base, "/stats/summary")).body.valueInEscrow, balance.toString(), "value in escrow vs the token's balanceOf");
}

/** Runs one SQL statement on a stopped indexer's store (its PGlite folder, or its PostgreSQL schema). */
async function execOnStore(indexer: Indexer, statement: (schema: string) => string): Promise<void> {
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(statement(indexer.schema));
    } finally {
      await client.end();
    }
    return;
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const db = new PGlite(indexer.dataDir);
  try {
    await db.exec(statement(indexer.schema));
  } finally {
    await db.close();
  }
}

/** A fresh anvil with the platform's chain id and a few empty blocks (another genesis; none of the platform's contracts). */
async function otherChain(): Promise<string> {
  const port = await freePort();
  const node: ChildProcess = spawn(anvilBinary(), ["--port", String(port), "--chain-id", String(manifest.chainId), "--silent"], { stdio: "ignore" });
  cleanups.push(async () => {
    node.kill("SIGTERM");
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor("the second node", 30_000, async () => ((await rpc<string>(url, "eth_chainId")) ? true : undefined));
  await rpc(url, "anvil_mine", ["0x40"]);
  return url;
}

/** The chain head the indexer reports it has reached, once it has reached `head`. */
async function reached(indexer: Indexer, head: bigint): Promise<void> {
  await waitFor(`block ${head}`, 60_000, async () => ((await getFrom(indexer.url, "/health/chain")).body.indexedBlock >= Number(head) ? true : undefined), indexer.alive);
}

describe("indexer faults", () => {
  it("killed (SIGKILL) during its backfill, restarts and resumes with no row missing or doubled", async () => {
    const proxy = await rpcProxy(RPC_URL);
    cleanups.push(() => proxy.close());
    // through scripts/serve.ts, as npm start runs it: a store that cannot resume is rebuilt (the next test)
    const first = await startIndexer({ rpcUrl: proxy.url, serve: true });
    cleanups.push(async () => {
      await first.kill();
      removeStore(first);
    });
    const head = await chain.getBlockNumber();
    const startBlock = Math.min(escrow.deployedBlock, licences.deployedBlock, certificates.deployedBlock, consents.deployedBlock);
    // kill once a third of the chain is indexed (before /ready)
    const killAt = startBlock + Math.floor((Number(head) - startBlock) / 3);
    const killedAt = await waitFor("a third of the backfill", 300_000, async () => {
      const r = await getFrom(first.url, "/health/chain");
      return r.body.indexedBlock >= killAt ? (r.body.indexedBlock as number) : undefined;
    }, first.alive);
    const wasReady = (await fetch(`${first.url}/ready`)).ok;
    await first.kill();
    console.log(`killed at indexed block ${killedAt} of ${head} (ready: ${wasReady})`);

    const second = await startIndexer({ rpcUrl: proxy.url, serve: true, dataDir: first.dataDir, schema: first.schema });
    cleanups.push(() => second.kill());
    await caughtUp(second);
    const now = await chain.getBlockNumber();
    await reached(second, now);
    await assertMatchesChain(second.url, now);
    console.log(/wiping the index/.test(second.log()) ? "the store could not resume: rebuilt" : "resumed from the store");
    await second.stop();
  });

  it("a store that resumes but disagrees with the chain's events (its checkpoint lost) is rebuilt, not restarted in a loop", async () => {
    const proxy = await rpcProxy(RPC_URL);
    cleanups.push(() => proxy.close());
    const first = await startIndexer({ rpcUrl: proxy.url, serve: true });
    cleanups.push(async () => {
      await first.kill();
      removeStore(first);
    });
    await caughtUp(first);
    await first.stop();
    // the rows stay, the record of how far they go is gone: Ponder replays from the start onto them
    await execOnStore(first, (schema) => `delete from "${schema}"."_ponder_checkpoint"`);

    const second = await startIndexer({ rpcUrl: proxy.url, serve: true, dataDir: first.dataDir, schema: first.schema });
    cleanups.push(() => second.kill());
    await waitFor("the store wiped", 120_000, async () => (/disagrees with the chain's events; wiping the index/.test(second.log()) ? true : undefined), second.alive);
    assert.match(second.log(), /UniqueConstraintError|DelayedInsertError/);
    await caughtUp(second);
    const now = await chain.getBlockNumber();
    await reached(second, now);
    await assertMatchesChain(second.url, now);
    await second.stop();
  });

  it("without scripts/serve.ts (no genesis given), notices from an indexed block's hash that the chain changed and stops serving it", async () => {
    const proxy = await rpcProxy(RPC_URL);
    cleanups.push(() => proxy.close());
    const indexer = await startIndexer({ rpcUrl: proxy.url, env: { GOVCHAIN_RESET_CHECK_MS: "1000" } });
    cleanups.push(async () => {
      await indexer.kill();
      removeStore(indexer);
    });
    await caughtUp(indexer);
    assert.equal((await getFrom(indexer.url, "/health/chain")).body.chainReset, undefined);
    const otherUrl = await otherChain();
    proxy.target(otherUrl);
    const health = await waitFor("the reset reported", 60_000, async () => {
      const r = await getFrom(indexer.url, "/health/chain");
      return r.body.chainReset ? r.body : undefined;
    });
    assert.match(health.chainReset.reason, /block \d+/);
    assert.match(indexer.log(), /CHAIN RESET detected/);
    for (const p of ["/tenders", "/tenders/1", "/stats/summary", "/ocds/records"]) {
      const r = await getFrom(indexer.url, p);
      assert.equal(r.status, 503, p);
      assert.equal(r.body.error, "chain_reset", p);
    }
  });

  describe("through scripts/serve.ts, as npm start runs it", () => {
    let proxy: RpcProxy;
    let indexer: Indexer;

    it("keeps serving the last state while the node is down, with the lag and the error visible, and catches up after", async () => {
      proxy = await rpcProxy(RPC_URL);
      cleanups.push(() => proxy.close());
      indexer = await startIndexer({ rpcUrl: proxy.url, serve: true, env: { GOVCHAIN_RESET_CHECK_MS: "1000" } });
      cleanups.push(async () => {
        await indexer.stop();
        removeStore(indexer);
      });
      await caughtUp(indexer);
      const before = await getFrom(indexer.url, "/tenders?limit=100");
      assert.ok(before.body.tenders.length > 0);
      assert.match(before.headers.get("x-indexed-block") ?? "", /^[0-9]+$/);
      assert.match(before.headers.get("x-chain-head") ?? "", /^[0-9]+$/);
      assert.match(before.headers.get("x-lag-blocks") ?? "", /^[0-9]+$/);

      proxy.target(null);
      const down = await waitFor("rpcError", 15_000, async () => {
        const r = await getFrom(indexer.url, "/health/chain");
        return r.body.rpcError ? r : undefined;
      });
      assert.equal(down.body.chainHead, null);
      assert.equal(down.body.lag, null);
      assert.ok(down.body.indexedBlock > 0);
      assert.ok(down.body.lastKnownHead >= down.body.indexedBlock);
      // 10 s without a node: every data route still answers from the index, quickly
      await new Promise((r) => setTimeout(r, 10_000));
      const started = Date.now();
      const during = await getFrom(indexer.url, "/tenders?limit=100");
      const took = Date.now() - started;
      assert.equal(during.status, 200);
      assert.deepEqual(during.body.tenders.map((t: any) => t.id), before.body.tenders.map((t: any) => t.id));
      assert.equal(during.headers.get("x-chain-head"), "");
      assert.ok(during.headers.get("x-rpc-error"), "X-Rpc-Error");
      assert.ok(took < 2000, `list answered in ${took} ms with the node down`);
      for (const p of ["/tenders/1", "/stats/summary", "/departments", "/redflags", "/ocds/tenders/1/record"]) {
        assert.equal((await getFrom(indexer.url, p)).status, 200, `${p} with the node down`);
      }

      proxy.target(RPC_URL);
      await waitFor("the node again", 60_000, async () => {
        const r = await getFrom(indexer.url, "/health/chain");
        return !r.body.rpcError && r.body.lag !== null && r.body.lag <= 2 ? true : undefined;
      });
    });

    it("notices a chain reset (another genesis behind the same URL), says so and re-indexes instead of serving the old chain", async () => {
      assert.ok(indexer, "the previous test started the indexer");
      const otherUrl = await otherChain();

      proxy.target(otherUrl);
      // the service says so in its log, then scripts/serve.ts wipes the store and starts it again
      await waitFor("the reset noticed", 60_000, async () => (/CHAIN RESET detected/.test(indexer.log()) ? true : undefined), indexer.alive);
      await waitFor("the store wiped", 30_000, async () => (/chain reset: .*; wiping the index/.test(indexer.log()) ? true : undefined), indexer.alive);
      // re-indexed from the new chain: no tender of the old one is served
      await waitFor("the re-indexed service", 120_000, async () => {
        const r = await getFrom(indexer.url, "/health/chain");
        return r.status === 200 && r.body.lastReset && !r.body.chainReset ? true : undefined;
      }, indexer.alive);
      await caughtUp(indexer);
      const health = (await getFrom(indexer.url, "/health/chain")).body;
      assert.match(health.lastReset.reason, /genesis|block/);
      assert.equal((await getFrom(indexer.url, "/tenders")).body.tenders.length, 0);
      assert.equal((await getFrom(indexer.url, "/tenders/1")).status, 404);

      // and back to the platform's chain: noticed again, re-indexed, every row as on the chain
      proxy.target(RPC_URL);
      await waitFor("the second reset", 120_000, async () => {
        const r = await getFrom(indexer.url, "/tenders?limit=1");
        return r.status === 200 && r.body.tenders.length === 1 ? true : undefined;
      }, indexer.alive);
      await caughtUp(indexer);
      const head = await chain.getBlockNumber();
      await reached(indexer, head);
      await assertMatchesChain(indexer.url, head);
    });
  });
});

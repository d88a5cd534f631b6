/**
 * `npm run test:platform`: starts the platform the way a user does (`npm start`) and checks it from the
 * outside, over HTTP:
 *   1. from a clean state it prints `ready`; the RPC answers with the platform's chain id; every seeded
 *      state exists on chain (a tender in each state, licences in each status, applications in each
 *      stage, certificates revoked, suspended and superseded, a revoked batch item, consents with an
 *      access trail); a seeded tender's metadata from the document store hashes to the digest on chain;
 *      a tampered upload is refused and stores nothing; `npm run seed -- --tenders N` adds N tenders;
 *   2. Ctrl-C stops everything and frees every port;
 *   3. a restart reuses the chain, the deployment and the seed (no transaction sent);
 *   4. a start interrupted while seeding, then started again, starts over and ends seeded;
 *   5. a taken port, or a node of another chain on the RPC port, stops `npm start` at once with a message
 *      saying what to do.
 * It runs beside a developer's own platform: its own ports and data folder (`--data`). Prints
 * "platform: N passed, M failed" last.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

import { digestToCid } from "../lib/cid.js";
import { DEPLOYMENTS_DIR, type DeploymentManifest, MANIFEST_FILE } from "../lib/deployments.js";
import { documentUploadMessage, SIGNATURE_HEADER, UPLOADER_HEADER } from "../lib/documents.js";
import { documentDigest } from "../lib/hashing.js";
import { parseTenderMetadata } from "../lib/metadata.js";
import { anvilBinary } from "./platform/chain.js";
import { waitForRpc } from "./processes.js";
import { connect } from "./seed/chain.js";
import { interrupt, type Running, scratchPlatform, startPlatform as start, waitFor } from "./platform/harness.js";
import { portFree, waitPortFree } from "./platform/ports.js";

const CHAIN_ID = 86086;
let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "  ✔" : "  ✘"} ${name}${ok || detail === "" ? "" : `\n      ${detail}`}`);
}

async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: T }).result;
}

async function checkSeeded(rpcUrl: string, docsUrl: string, manifest: DeploymentManifest) {
  const p = connect(rpcUrl, CHAIN_ID, manifest);
  const states = ["Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"];
  const missing: string[] = [];
  for (const [i, name] of states.entries()) {
    const [ids] = await p.tenders.tendersByState(i + 1, 0, 200);
    if (ids.length === 0) missing.push(name);
  }
  check("a tender in each state: open, awarded, disputed, active, completed, cancelled, failed, terminated", missing.length === 0, `missing ${missing.join(", ")}`);

  const stages = new Set<bigint>();
  for (let id = 1n; id <= (await p.licenses.applicationCount()); id++) stages.add((await p.licenses.getApplication(id)).stage);
  // Stage: 1 Pending, 2 Rejected, 3 Issued, 4 Withdrawn
  check("licence applications pending, rejected, issued and withdrawn", [1n, 2n, 3n, 4n].every((s) => stages.has(s)), [...stages].join(","));
  const statuses = new Set<bigint>();
  for (let id = 1n; id <= 1000n; id++) {
    const status = await p.licenses.licenseStatus(id);
    if (status === 0n) break;
    statuses.add(status);
  }
  // LicenseStatus: 1 Valid, 2 Expired, 3 Suspended, 4 Revoked
  check("licences valid, suspended, revoked and expired", [1n, 2n, 3n, 4n].every((s) => statuses.has(s)), [...statuses].join(","));

  const certificateStatuses = new Set<bigint>();
  for (const log of await p.certificates.queryFilter(p.certificates.filters.CertificateIssued())) {
    certificateStatuses.add((await p.certificates.verify(log.args.digest)).status);
  }
  // Status: 1 Valid, 3 Expired, 4 Suspended, 5 Revoked, 6 Superseded
  check(
    "certificates valid, expired, suspended, revoked and superseded",
    [1n, 3n, 4n, 5n, 6n].every((s) => certificateStatuses.has(s)),
    [...certificateStatuses].join(","),
  );
  const batchRevocations = await p.certificates.queryFilter(p.certificates.filters.BatchItemRevoked());
  check("a Merkle batch with a revoked item", (await p.certificates.batchCount()) >= 1n && batchRevocations.length >= 1);
  const accesses = await p.consents.queryFilter(p.consents.filters.DataAccessed());
  check("consents with an access trail", (await p.consents.grantCount()) >= 3n && accesses.length >= 3, `${accesses.length} accesses`);

  const tender = await p.tenders.getTender(1);
  const cid = digestToCid(tender.documentsDigest);
  const response = await fetch(`${docsUrl}/ipfs/${cid}`, { headers: { accept: "application/vnd.ipld.raw" } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let title = "";
  try {
    title = parseTenderMetadata(bytes).title.zh;
  } catch {
    // reported below
  }
  check(
    "a seeded tender's metadata from the document store hashes to its digest on chain",
    response.status === 200 && documentDigest(bytes) === tender.documentsDigest && title.length > 0,
    `status ${response.status}, title ${JSON.stringify(title)}`,
  );

  const wallet = p.account(23);
  const claimed = documentDigest("a genuine delivery report");
  const signature = await wallet.signMessage(documentUploadMessage(claimed));
  const put = await fetch(`${docsUrl}/ipfs/${digestToCid(claimed)}`, {
    method: "PUT",
    headers: { [UPLOADER_HEADER]: wallet.address, [SIGNATURE_HEADER]: signature, "content-type": "application/octet-stream" },
    body: new TextEncoder().encode("a tampered delivery report"),
  });
  const body = (await put.json().catch(() => ({}))) as { error?: string };
  const after = await fetch(`${docsUrl}/ipfs/${digestToCid(claimed)}`);
  check(
    "a tampered upload (bytes not matching the claimed digest) is refused with a JSON error and stores nothing",
    put.status === 422 && body.error === "digest_mismatch" && after.status === 404,
    `PUT ${put.status} ${JSON.stringify(body)}, GET ${after.status}`,
  );
  return Number(await p.tenders.tenderCount());
}

async function main() {
  const platform = await scratchPlatform("govchain-platform-");
  const { dataDir, deploymentId, rpcPort, docsPort, dappPort, apiPort } = platform;
  const args = [
    ...platform.args,
    "--block-time", "1",
  ];
  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  const docsUrl = `http://127.0.0.1:${docsPort}`;
  const ports = [rpcPort, docsPort, dappPort, apiPort];
  let running: Running | undefined;
  try {
    console.log("1. a clean start, as a user would:");
    running = start(["--reset", ...args]);
    const ready = await waitFor(running, /^ready$/m, 600_000);
    check(
      "npm start prints rpc, docs, dapp and api lines, the accounts table and ready",
      ready && /^rpc: /m.test(running.output()) && /^dapp: /m.test(running.output()) && /^api: http/m.test(running.output()) && /administrator/.test(running.output()),
      running.output().slice(-3000),
    );
    if (!ready) throw new Error("the platform did not start");
    check("the RPC answers with the platform's chain id", Number(await rpc<string>(rpcUrl, "eth_chainId")) === CHAIN_ID);
    const dapp = await fetch(`http://127.0.0.1:${dappPort}/tenders/1`);
    check("the dApp is served (any route gets the app)", dapp.status === 200 && /<div id="root">/.test(await dapp.text()));
    const manifest = JSON.parse(readFileSync(path.join(DEPLOYMENTS_DIR, deploymentId, MANIFEST_FILE), "utf8")) as DeploymentManifest;
    const tenders = await checkSeeded(rpcUrl, docsUrl, manifest);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const health = (await (await fetch(`${apiUrl}/health/chain`)).json().catch(() => ({}))) as { chainId?: number; indexedBlock?: number };
    let listed = 0;
    for (let cursor: string | null = null, pages = 0; pages < 20; pages++) {
      const page = (await (await fetch(`${apiUrl}/tenders?limit=50${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`)).json()) as {
        tenders: unknown[];
        next: string | null;
      };
      listed += page.tenders.length;
      cursor = page.next;
      if (cursor === null) break;
    }
    const badFilter = await fetch(`${apiUrl}/tenders?state=bogus`);
    check(
      "the data service answers: its chain, every seeded tender listed, a malformed filter refused with 400",
      health.chainId === CHAIN_ID && (health.indexedBlock ?? 0) > 0 && listed === tenders && badFilter.status === 400,
      `health ${JSON.stringify(health)}, listed ${listed} of ${tenders}, bad filter ${badFilter.status}`,
    );

    const seed = spawn(
      "npm",
      ["run", "seed", "--", "--tenders", "12", "--rpc", rpcUrl, "--docs", path.join(dataDir, "documents"), "--deployment", deploymentId, "--bidding-seconds", "20"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let seedOut = "";
    seed.stdout.on("data", (c: Buffer) => (seedOut += c.toString()));
    seed.stderr.on("data", (c: Buffer) => (seedOut += c.toString()));
    const seedCode = await new Promise<number | null>((resolve) => seed.once("exit", resolve));
    const p = connect(rpcUrl, CHAIN_ID, manifest);
    check(
      "npm run seed -- --tenders 12 adds 12 tenders to the running platform, with a rate",
      seedCode === 0 && Number(await p.tenders.tenderCount()) === tenders + 12 && /tx\/s/.test(seedOut),
      seedOut.slice(-1500),
    );

    console.log("2. Ctrl-C:");
    const code = await interrupt(running);
    const free = await Promise.all(ports.map((port) => waitPortFree(port, 10_000)));
    check("stops everything it started and frees every port", /^stopped$/m.test(running.output()) && free.every(Boolean), `exit ${code}, ports free ${free}`);

    console.log("3. a restart:");
    running = start(args);
    const again = await waitFor(running, /^ready$/m, 300_000);
    check(
      "reuses the chain, the deployment and the seed: nothing deployed or seeded again",
      again && /already seeded for this deployment/.test(running.output()) && !/ sent /.test(running.output()) && !/seed:\s+1\//.test(running.output()),
      running.output().slice(-2000),
    );
    check("the chain still holds every tender", Number(await p.tenders.tenderCount()) === tenders + 12);
    await interrupt(running);

    console.log("4. a start interrupted while seeding, then started again:");
    running = start(["--reset", ...args]);
    const seeding = await waitFor(running, /^seed:\s+11\//m, 600_000);
    await interrupt(running);
    running = start(args);
    const recovered = await waitFor(running, /^ready$/m, 600_000);
    const fresh = connect(rpcUrl, CHAIN_ID, JSON.parse(readFileSync(path.join(DEPLOYMENTS_DIR, deploymentId, MANIFEST_FILE), "utf8")) as DeploymentManifest);
    check(
      "says the seeding was interrupted, starts over and ends fully seeded",
      seeding && recovered && /seeding was interrupted/.test(running.output()) && Number(await fresh.tenders.tenderCount()) === tenders,
      running.output().slice(-2000),
    );
    await interrupt(running);
    running = undefined;

    console.log("5. a taken port:");
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(docsPort, "127.0.0.1", () => resolve()));
    const blocked = start(args);
    const blockedCode = await Promise.race([blocked.exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 60_000))]);
    blocker.close();
    check(
      "stops at once with what holds the port and what to do",
      blockedCode !== 0 && blockedCode !== "timeout" && new RegExp(`port ${docsPort} \\(docs\\) is in use.*--docs-port`).test(blocked.output()),
      blocked.output().slice(-800),
    );
    if (blockedCode === "timeout") await interrupt(blocked);

    const foreign = spawn(anvilBinary(), ["--host", "127.0.0.1", "--port", String(rpcPort), "--chain-id", "31337"], { stdio: "ignore" });
    await waitForRpc(rpcUrl, foreign, 15_000);
    const taken = start(args);
    const takenCode = await Promise.race([taken.exited, new Promise<string>((r) => setTimeout(() => r("timeout"), 60_000))]);
    foreign.kill("SIGTERM");
    await new Promise((r) => foreign.once("exit", r));
    check(
      "a node that is not ours on the RPC port: stops at once and names its chain id",
      takenCode !== 0 && takenCode !== "timeout" && new RegExp(`port ${rpcPort} \\(rpc\\) is in use: a node that is not ours \\(chain 31337\\)`).test(taken.output()),
      taken.output().slice(-800),
    );
    if (takenCode === "timeout") await interrupt(taken);
  } catch (error) {
    check("the platform run completes", false, (error as Error).stack ?? String(error));
  } finally {
    if (running !== undefined) await interrupt(running).catch(() => undefined);
    for (const port of ports) if (!(await portFree(port))) console.log(`  (port ${port} still held)`);
    platform.remove();
  }
  console.log(`\nplatform: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();

/**
 * The platform the API and portal benchmarks measure: `npm start` on its own folder (data-bench/, kept between
 * runs) and free ports, holding at least N tenders from the bulk seed. The first run seeds (about 40 minutes
 * for 10,000 tenders on two cores); later runs reuse the chain and only start it. Blocks come every 2 seconds
 * once it is ready, as on a QBFT network.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { DEPLOYMENTS_DIR, type DeploymentManifest, MANIFEST_FILE } from "../../lib/deployments.js";
import { freePort } from "../processes.js";
import { connect } from "../seed/chain.js";
import { interrupt, LOCAL_CHAIN_ID, type Running, startPlatform, waitFor } from "./harness.js";

export const BENCH_DATA = "data-bench";

export interface BenchPlatform {
  running: Running;
  rpcUrl: string;
  apiUrl: string;
  docsUrl: string;
  dappUrl: string;
  dataDir: string;
  deploymentId: string;
  manifestFile: string;
  manifest: DeploymentManifest;
  tenderCount: number;
  /** Seconds the bulk seed took in this run (0: the chain already had enough tenders). */
  seedSeconds: number;
  stop: () => Promise<void>;
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`))));
  });
}

/** Waits until the platform's data service has indexed up to the node's head. */
export async function waitIndexed(apiUrl: string, timeoutMs = 1_800_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const health = (await fetch(`${apiUrl}/health/chain`)
      .then((r) => r.json())
      .catch(() => undefined)) as { lag?: number } | undefined;
    if (health?.lag !== undefined && Number(health.lag) <= 1) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the data service at ${apiUrl} did not catch up with the chain`);
}

export async function benchPlatform(tenders: number, log: (line: string) => void): Promise<BenchPlatform> {
  const dataDir = path.resolve(BENCH_DATA);
  const deploymentId = `local-${LOCAL_CHAIN_ID}-${path.basename(dataDir).replace(/[^\w-]/g, "_")}`;
  const manifestFile = path.resolve(DEPLOYMENTS_DIR, deploymentId, MANIFEST_FILE);
  const [rpcPort, docsPort, dappPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const fresh = !existsSync(manifestFile);
  const args = ["--data", dataDir, "--rpc-port", String(rpcPort), "--docs-port", String(docsPort), "--dapp-port", String(dappPort), "--api-port", String(apiPort)];
  // A new chain seeds its demo city fastest with instant mining; the bulk seed below sets the pace after that.
  const running = startPlatform([...args, ...(fresh ? ["--instant"] : ["--block-time", "2"])]);
  log(`${fresh ? "starting a new" : "starting the kept"} benchmark platform in ${path.relative(process.cwd(), dataDir)}/`);
  const stop = async () => {
    await interrupt(running).catch(() => undefined);
  };
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  if (!(await waitFor(running, /^ready$/m, 1_800_000))) {
    await stop();
    throw new Error(`the platform did not start:\n${running.output().slice(-3000)}`);
  }
  const line = (name: string) => new RegExp(`^${name}: (https?://\\S+)`, "m").exec(running.output())?.[1] ?? "";
  const rpcUrl = line("rpc");
  // A failure from here on must not leave the platform running.
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as DeploymentManifest;
  const escrow = connect(rpcUrl, LOCAL_CHAIN_ID, manifest).tenders;
  let tenderCount = Number(await escrow.tenderCount());
  let seedSeconds = 0;
  if (tenderCount < tenders) {
    // The bulk seed waits for the chain's clock to pass its bidding deadlines: blocks every second meanwhile.
    await rpc(rpcUrl, "evm_setIntervalMining", [1]);
    const seedStart = Date.now();
    log(`seeding ${tenders - tenderCount} tenders (the chain has ${tenderCount})`);
    try {
      await run("npm", ["run", "seed", "--", "--tenders", String(tenders - tenderCount), "--rpc", rpcUrl, "--docs", path.join(dataDir, "documents"), "--deployment", deploymentId, "--seed", String(tenderCount)]);
    } catch (error) {
      await stop();
      throw error;
    }
    seedSeconds = (Date.now() - seedStart) / 1000;
    tenderCount = Number(await escrow.tenderCount());
  }
  await rpc(rpcUrl, "evm_setIntervalMining", [2]);
  const apiUrl = line("api");
  await waitIndexed(apiUrl);
  log(`platform ready: ${tenderCount} tenders, indexed, 2-second blocks`);
  return { running, rpcUrl, apiUrl, docsUrl: line("docs"), dappUrl: line("dapp"), dataDir, deploymentId, manifestFile, manifest, tenderCount, seedSeconds, stop };
}

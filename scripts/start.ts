/**
 * `npm start`: the whole platform on this machine with one command.
 *
 *   1. a local chain configured like the government PoA network (scripts/platform/chain.ts),
 *   2. the deployment through scripts/deploy.ts (reused on a restart when the chain still has it),
 *      which also regenerates the dApp's deployments file,
 *   3. the document store (files addressed by their SHA-256, IPFS trustless-gateway routes),
 *   4. the demo city's data, once per deployment (scripts/seed/),
 *   5. the public data service (indexer/, Ponder on an embedded PGlite in data/indexer),
 *   6. the dApp (frontend/dist, built if missing),
 * then one line per service, the table of local accounts and roles, and "ready". Ctrl-C (or SIGTERM)
 * stops everything it started; the chain writes its state so the next `npm start` continues it.
 *
 *   npm start -- [--reset] [--block-time <s>] [--instant] [--rpc-port <n>] [--docs-port <n>] [--dapp-port <n>] [--api-port <n>]
 *                [--data <folder>]   (a second platform beside the default one, e.g. for tests: its own
 *                                     chain, documents and deployment journal)
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

import { DAPP_DEPLOYMENTS_FILE, DEPLOYMENTS_DIR, LOCAL_TEST_MNEMONIC, MANIFEST_FILE, type DeploymentManifest } from "../lib/deployments.js";
import { LOCAL_ACCOUNTS } from "../lib/localAccounts.js";
import { rpc, setBlockTime, startChain, stateFile, type Chain } from "./platform/chain.js";
import { chainIdAt, portFree, waitPortFree } from "./platform/ports.js";
import { serveStatic } from "./platform/static.js";
import { hardhatCli } from "./processes.js";

export const LOCAL_CHAIN_ID = 86086;
const NETWORK = "local";
let DATA_DIR = "data";
let DEPLOYMENT_ID = `${NETWORK}-${LOCAL_CHAIN_ID}`;
let SEED_MARKER = path.join(DATA_DIR, "seed.json");
/** The demo city's year starts this long before the real now, so processing times look real. */
const HISTORY_SECONDS = 400 * 24 * 3600;

class StartStop extends Error {}

interface Options {
  reset: boolean;
  data: string;
  blockTime: number;
  rpcPort: number;
  docsPort: number;
  dappPort: number;
  apiPort: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      reset: { type: "boolean", default: false },
      instant: { type: "boolean", default: false },
      "block-time": { type: "string", default: "2" },
      "rpc-port": { type: "string", default: "8545" },
      "docs-port": { type: "string", default: "8546" },
      "dapp-port": { type: "string", default: "5173" },
      "api-port": { type: "string", default: "42069" },
      data: { type: "string", default: "data" },
    },
    strict: true,
  });
  const int = (name: string, text: string, min: number, max: number) => {
    if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
      throw new StartStop(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
    }
    return Number(text);
  };
  if (!/^[\w./-]+$/.test(values.data) || path.resolve(values.data) === path.resolve(".")) {
    throw new StartStop(`--data must name a folder for the platform's files (letters, digits, . _ / -), not "${values.data}"`);
  }
  return {
    reset: values.reset,
    data: values.data,
    blockTime: values.instant ? 0 : int("block-time", values["block-time"], 0, 3600),
    rpcPort: int("rpc-port", values["rpc-port"], 1, 65535),
    docsPort: int("docs-port", values["docs-port"], 1, 65535),
    dappPort: int("dapp-port", values["dapp-port"], 1, 65535),
    apiPort: int("api-port", values["api-port"], 1, 65535),
  };
}

function say(line: string) {
  console.log(line);
}

/** Refuses to start over something else: a port in use, with what holds it when it is a node. */
async function checkPorts(options: Options) {
  const ports: [string, number][] = [
    ["rpc", options.rpcPort],
    ["docs", options.docsPort],
    ["dapp", options.dappPort],
    ["api", options.apiPort],
  ];
  const seen = new Set<number>();
  for (const [name, port] of ports) {
    if (seen.has(port)) throw new StartStop(`--${name}-port ${port} is given to two services; choose different ports`);
    seen.add(port);
    if (await portFree(port)) continue;
    const chainId = name === "rpc" ? await chainIdAt(port) : undefined;
    const holder =
      chainId === LOCAL_CHAIN_ID
        ? `a govchain local node (chain ${chainId}) already runs there — is another \`npm start\` running? Stop it (Ctrl-C in its terminal)`
        : chainId !== undefined
          ? `a node that is not ours (chain ${chainId}) answers there — stop it`
          : "another program holds it — stop it";
    throw new StartStop(`port ${port} (${name}) is in use: ${holder}, or start with --${name}-port <free port>.`);
  }
}

/** Runs a command with its output prefixed; rejects with its tail on a non-zero exit. */
async function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let tail = "";
  const relay = (chunk: Buffer) => {
    const text = chunk.toString();
    tail = (tail + text).slice(-4000);
    for (const line of text.split("\n")) if (line.trim() !== "") say(`  ${label}: ${line}`);
  };
  child.stdout.on("data", relay);
  child.stderr.on("data", relay);
  const status = await new Promise<number | null>((resolve) => child.once("close", resolve));
  if (status !== 0) throw new StartStop(`${label} failed (exit ${status}):\n${tail}`);
}

function readManifest(): DeploymentManifest | undefined {
  const file = path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID, MANIFEST_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as DeploymentManifest) : undefined;
}

interface SeedMarker {
  deploymentId: string;
  /** The GovchainAccessManager's address: a new deployment has a new one. */
  manager: string;
  state: "started" | "complete";
  at: string;
}

function readSeedMarker(): SeedMarker | undefined {
  return existsSync(SEED_MARKER) ? (JSON.parse(readFileSync(SEED_MARKER, "utf8")) as SeedMarker) : undefined;
}

function resetData() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync(path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID), { recursive: true, force: true });
}

async function main() {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    say(`npm start: ${(error as Error).message}`);
    process.exit(2);
  }
  DATA_DIR = options.data;
  SEED_MARKER = path.join(DATA_DIR, "seed.json");
  if (path.resolve(DATA_DIR) !== path.resolve("data")) {
    DEPLOYMENT_ID = `${NETWORK}-${LOCAL_CHAIN_ID}-${path.basename(path.resolve(DATA_DIR)).replace(/[^\w-]/g, "_")}`;
  }
  const stops: (() => Promise<void>)[] = [];
  const ports = [options.rpcPort, options.docsPort, options.dappPort, options.apiPort];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("\nstopping…");
    for (const stop of [...stops].reverse()) await stop().catch((e) => say(`  (while stopping: ${(e as Error).message})`));
    const held = [];
    for (const port of ports) if (!(await waitPortFree(port, 5_000))) held.push(port);
    say(held.length === 0 ? "stopped" : `stopped, but port(s) ${held.join(", ")} are still held: check for a leftover process`);
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(130));
  process.on("SIGTERM", () => void stopAll(143));

  try {
    await checkPorts(options);
    if (options.reset) {
      say("--reset: discarding the local chain, its deployment, documents and seed");
      resetData();
    }
    // A seed that was interrupted left the chain half-seeded: start over rather than serve it.
    const marker = readSeedMarker();
    if (marker !== undefined && marker.state === "started") {
      say("the last seeding was interrupted before it finished: starting over with a new chain");
      resetData();
    }
    mkdirSync(DATA_DIR, { recursive: true });

    // 1. Chain
    const genesisTimestamp = Math.floor(Date.now() / 1000) - HISTORY_SECONDS;
    const chain: Chain = await startChain({
      dataDir: DATA_DIR,
      port: options.rpcPort,
      chainId: LOCAL_CHAIN_ID,
      blockTime: 0,
      genesisTimestamp,
    });
    stops.push(() => chain.stop());
    say(`chain: ${chain.fresh ? "new" : "restored from " + stateFile(DATA_DIR)} (chain ${LOCAL_CHAIN_ID}, log ${chain.logFile})`);
    if (chain.fresh) {
      // Nothing of an earlier chain survives: neither its deployment journal nor its seed.
      rmSync(path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID), { recursive: true, force: true });
      rmSync(SEED_MARKER, { force: true });
    }

    // 2. Deployment (Ignition resumes or reuses its journal; deploy.ts resets a journal the chain lacks)
    const deployerKey = (await import("ethers")).Wallet.fromPhrase(LOCAL_TEST_MNEMONIC).privateKey;
    try {
      await run("deploy", process.execPath, [hardhatCli(), "run", "scripts/deploy.ts", "--network", NETWORK], {
        GOVCHAIN_LOCAL_RPC_URL: chain.url,
        GOVCHAIN_LOCAL_DEPLOYER_KEY: deployerKey,
        GOVCHAIN_DEPLOYMENT_ID: DEPLOYMENT_ID,
        HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1",
      });
    } catch (error) {
      // The chain runs the contracts of an earlier build (the sources changed since it was deployed).
      if (error instanceof StartStop && /is not the compiled|bytecodes? (?:have|has) been changed|reconciliation/i.test(error.message)) {
        throw new StartStop(
          "the contracts changed since this local chain was deployed, and the chain keeps the old code. " +
            "Run `npm start -- --reset` to deploy the new contracts on a new chain and seed it again (this discards the local chain's data).",
        );
      }
      throw error;
    }
    const manifest = readManifest();
    if (manifest === undefined) throw new StartStop(`the deployment wrote no manifest in ${path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID)}`);
    const manager = manifest.contracts.GovchainAccessManager.address;

    // 3. Document store
    const { startDocumentStore } = await import("./docstore/server.js");
    const docs = await startDocumentStore({ root: path.join(DATA_DIR, "documents"), port: options.docsPort, host: "127.0.0.1" });
    stops.push(() => docs.close());

    // 4. Demo data, once per deployment
    const seeded = readSeedMarker();
    if (seeded?.state === "complete" && seeded.manager === manager) {
      say("seed: already seeded for this deployment");
    } else {
      const writeMarker = (state: SeedMarker["state"]) =>
        writeFileSync(SEED_MARKER, JSON.stringify({ deploymentId: DEPLOYMENT_ID, manager, state, at: new Date().toISOString() }, null, 2));
      writeMarker("started");
      const { seedPlatform } = await import("./seed/index.js");
      await seedPlatform({
        rpcUrl: chain.url,
        chainId: LOCAL_CHAIN_ID,
        manifest,
        store: docs.store,
        samplesDir: path.join(DATA_DIR, "samples"),
        log: say,
      });
      // Demo history is in the past: bring the chain's clock to the real now.
      const now = Math.floor(Date.now() / 1000);
      const latest = Number((await rpc<{ timestamp: string }>(chain.url, "eth_getBlockByNumber", ["latest", false])).timestamp);
      if (latest < now) {
        await rpc(chain.url, "evm_setNextBlockTimestamp", [now]);
        await rpc(chain.url, "evm_mine", []);
      }
      await rpc(chain.url, "anvil_dumpState", []).catch(() => undefined);
      writeMarker("complete");
    }
    await setBlockTime(chain.url, options.blockTime);

    // 5. The public data service: Ponder, one database schema per deployment (a new chain never reads an
    //    old chain's rows), ready once it has indexed the chain.
    if (!existsSync(path.join("indexer", "node_modules", "ponder"))) {
      throw new StartStop("the data service's packages are not installed: run `npm ci` (it installs indexer/ too), then `npm start` again.");
    }
    const apiUrl = `http://127.0.0.1:${options.apiPort}`;
    const indexerLog = path.join(DATA_DIR, "indexer.log");
    const indexerOut = openSync(indexerLog, "a");
    const indexer = spawn(
      process.execPath,
      // scripts/serve.ts runs `ponder start` and re-indexes when the chain was reset under it
      [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("scripts", "serve.ts"), "--schema", `gc_${manager.slice(2, 14).toLowerCase()}`, "--port", String(options.apiPort)],
      {
        cwd: "indexer",
        detached: true,
        stdio: ["ignore", indexerOut, indexerOut],
        env: {
          ...process.env,
          PONDER_TELEMETRY_DISABLED: "1",
          GOVCHAIN_CHAIN_ID: String(LOCAL_CHAIN_ID),
          GOVCHAIN_RPC_URL: chain.url,
          GOVCHAIN_DOCS_URL: docs.url,
          GOVCHAIN_MANIFEST: path.resolve(DEPLOYMENTS_DIR, DEPLOYMENT_ID, MANIFEST_FILE),
          GOVCHAIN_INDEXER_DATA: path.resolve(DATA_DIR, "indexer"),
        },
      },
    );
    const indexerExited = new Promise<void>((resolve) => indexer.once("exit", () => resolve()));
    stops.push(async () => {
      if (indexer.exitCode === null && indexer.signalCode === null) {
        process.kill(-indexer.pid!, "SIGTERM");
        const timer = setTimeout(() => {
          if (indexer.exitCode === null) process.kill(-indexer.pid!, "SIGKILL");
        }, 15_000);
        await indexerExited;
        clearTimeout(timer);
      }
      closeSync(indexerOut);
    });
    say(`indexer: indexing the chain for the data service (log ${indexerLog})…`);
    const indexedBy = Date.now() + 300_000;
    for (;;) {
      if (indexer.exitCode !== null) throw new StartStop(`the data service stopped (exit ${indexer.exitCode}); see ${indexerLog}`);
      const ready = await fetch(`${apiUrl}/ready`).then((r) => r.status === 200).catch(() => false);
      if (ready) break;
      if (Date.now() > indexedBy) throw new StartStop(`the data service was not ready within 5 minutes; see ${indexerLog}`);
      await new Promise((r) => setTimeout(r, 500));
    }

    // 6. dApp: built for this chain and these services; rebuilt when the deployment or the URLs change.
    const dist = path.join("frontend", "dist");
    const buildEnv = {
      VITE_CHAIN_ID: String(LOCAL_CHAIN_ID),
      VITE_RPC_URL: chain.url,
      VITE_DOCS_URL: docs.url,
      VITE_API_URL: apiUrl,
      VITE_CHAIN_NAME: "govchain local",
    };
    const stamp = createHash("sha256")
      .update(JSON.stringify(buildEnv))
      .update(existsSync(DAPP_DEPLOYMENTS_FILE) ? readFileSync(DAPP_DEPLOYMENTS_FILE) : "")
      .digest("hex");
    const stampFile = path.join(dist, ".govchain-build");
    if (!existsSync(path.join(dist, "index.html")) || !existsSync(stampFile) || readFileSync(stampFile, "utf8") !== stamp) {
      if (!existsSync(path.join("frontend", "node_modules"))) {
        throw new StartStop("the dApp's packages are not installed: run `npm ci` (it installs frontend/ too), then `npm start` again.");
      }
      say("dapp: building frontend/ for this chain (npm run build --prefix frontend)");
      await run("build", "npm", ["run", "build", "--prefix", "frontend"], buildEnv);
      writeFileSync(stampFile, stamp);
    }
    const dapp = await serveStatic(dist, options.dappPort);
    stops.push(() => dapp.close());

    say("");
    say(`rpc: ${chain.url}`);
    say(`docs: ${docs.url}`);
    say(`dapp: ${dapp.url}`);
    say(`api: ${apiUrl}`);
    say("");
    say("local test accounts (mnemonic \"test test … junk\"; local chain only):");
    for (const account of LOCAL_ACCOUNTS) say(`  #${String(account.index).padStart(2)}  ${account.label}`);
    say("");
    say("ready");
    chain.process.once("exit", (code) => {
      if (!stopping) {
        say(`the chain stopped unexpectedly (exit ${code}); see ${chain.logFile}`);
        void stopAll(1);
      }
    });
  } catch (error) {
    say(error instanceof StartStop ? `npm start: ${error.message}` : `npm start failed: ${(error as Error).stack ?? error}`);
    await stopAll(1);
  }
}

await main();

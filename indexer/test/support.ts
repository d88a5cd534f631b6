/**
 * What the indexer tests share: the platform they run against (environment, see indexer.test.ts), starting
 * an indexer of their own (Ponder directly, or through scripts/serve.ts as `npm start` does), HTTP helpers,
 * and a JSON-RPC proxy the fault tests can cut or point at another node.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Abi } from "viem";

export const INDEXER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ROOT = path.resolve(INDEXER_DIR, "..");
export const RPC_URL = process.env.GOVCHAIN_RPC_URL ?? "http://127.0.0.1:8545";
export const DOCS_URL = (process.env.GOVCHAIN_DOCS_URL ?? "http://127.0.0.1:8546").replace(/\/+$/, "");
export const MANIFEST = path.resolve(INDEXER_DIR, process.env.GOVCHAIN_MANIFEST ?? "../ignition/deployments/local-86086/manifest.json");
export const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));

/** A deployed contract's address, deployment block and ABI, from the manifest and the artifacts. */
export function deployed(name: string): { address: `0x${string}`; deployedBlock: number; abi: Abi } {
  const record = manifest.contracts[name];
  const [source, contractName] = record.artifact.split(":");
  const abi = JSON.parse(readFileSync(path.join(ROOT, "artifacts", source, `${contractName}.json`), "utf8")).abi as Abi;
  return { address: record.address, deployedBlock: record.deployedBlock, abi };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

export interface Reply {
  status: number;
  body: any;
  type: string | null;
  headers: Headers;
}
export async function getFrom(base: string, pathAndQuery: string): Promise<Reply> {
  const response = await fetch(base + pathAndQuery, { signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, type: response.headers.get("content-type"), headers: response.headers };
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, alive?: () => void): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {}
    alive?.();
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export interface Indexer {
  url: string;
  child: ChildProcess;
  log: () => string;
  /** Throws if the process has exited. */
  alive: () => void;
  /** SIGTERM to its process group, waits for the exit. */
  stop: () => Promise<void>;
  /** SIGKILL to its process group (no shutdown), waits for the exit. */
  kill: () => Promise<void>;
  dataDir: string;
  schema: string;
}

export interface IndexerOptions {
  rpcUrl?: string;
  /** Through scripts/serve.ts (reset detection and restarts, as `npm start`), else `ponder start` directly. */
  serve?: boolean;
  /** Reuse a store (crash-and-resume): its PGlite folder and schema. */
  dataDir?: string;
  schema?: string;
  env?: Record<string, string>;
}

/** Starts an indexer on a free port and a temporary PGlite folder (PostgreSQL when DATABASE_URL is set: a fresh schema). */
export async function startIndexer(options: IndexerOptions = {}): Promise<Indexer> {
  const port = await freePort();
  const dataDir = options.dataDir ?? path.join(mkdtempSync(path.join(os.tmpdir(), "govchain-indexer-test-")), "pglite");
  const schema = options.schema ?? `test_${process.pid}_${Date.now()}`;
  const entry = options.serve
    ? [path.join(INDEXER_DIR, "node_modules/tsx/dist/cli.mjs"), path.join(INDEXER_DIR, "scripts/serve.ts")]
    : [path.join(INDEXER_DIR, "node_modules/ponder/dist/esm/bin/ponder.js"), "start"];
  const child = spawn(process.execPath, [...entry, "--schema", schema, "--port", String(port)], {
    cwd: INDEXER_DIR,
    env: {
      ...process.env,
      PONDER_TELEMETRY_DISABLED: "1",
      GOVCHAIN_RPC_URL: options.rpcUrl ?? RPC_URL,
      GOVCHAIN_DOCS_URL: DOCS_URL,
      GOVCHAIN_MANIFEST: MANIFEST,
      GOVCHAIN_INDEXER_DATA: dataDir,
      DATABASE_URL: process.env.DATABASE_URL ?? "",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log = (log + d).slice(-200_000)));
  child.stderr!.on("data", (d) => (log = (log + d).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, name);
      } catch {}
      await exited;
    }
  };
  const indexer: Indexer = {
    url: `http://127.0.0.1:${port}`,
    child,
    log: () => log,
    alive: () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the indexer exited (${child.exitCode ?? child.signalCode}):\n${log.slice(-3000)}`);
    },
    stop: () => signal("SIGTERM"),
    kill: () => signal("SIGKILL"),
    dataDir,
    schema,
  };
  return indexer;
}

/** Waits until the indexer answers, is ready and has caught up with the chain (lag 0). */
export async function caughtUp(indexer: Indexer, timeoutMs = 300_000): Promise<void> {
  await waitFor("/ready", timeoutMs, async () => ((await fetch(`${indexer.url}/ready`)).ok ? true : undefined), indexer.alive);
  await waitFor("lag 0", 120_000, async () => {
    const r = await getFrom(indexer.url, "/health/chain");
    return r.status === 200 && r.body.lag === 0 ? true : undefined;
  }, indexer.alive);
}

export function removeStore(indexer: Indexer): void {
  rmSync(path.dirname(indexer.dataDir), { recursive: true, force: true });
}

/** A JSON-RPC forwarder: `target(url)` points it at a node, `target(null)` drops every request (the node is down). */
export interface RpcProxy {
  url: string;
  target: (url: string | null) => void;
  close: () => Promise<void>;
}
export async function rpcProxy(initial: string): Promise<RpcProxy> {
  let target: string | null = initial;
  const server: Server = createHttpServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (target === null) {
      req.socket.destroy();
      return;
    }
    try {
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: Buffer.concat(chunks) });
      res.writeHead(upstream.status, { "content-type": "application/json" });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      req.socket.destroy();
    }
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    target: (url) => (target = url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result as T;
}

/** Row counts of the indexer's tables, through its GraphQL. */
export async function tableCount(base: string, table: string): Promise<number> {
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: `{ ${table}(limit: 1) { totalCount } }` }),
  });
  const body = (await response.json()) as { data?: Record<string, { totalCount: number }>; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL ${table}: ${JSON.stringify(body.errors)}`);
  return body.data[table]!.totalCount;
}

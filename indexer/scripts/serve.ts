/**
 * Runs `ponder start` (arguments passed through, e.g. `--schema gc_x --port 42069`) and keeps the index true
 * to the chain it serves:
 * - before each start it asks the node for its genesis hash and compares it with the one the store was built
 *   from (a marker file beside the store, `<GOVCHAIN_INDEXER_DATA>.chain.json`); a different genesis means
 *   the chain was reset while the service was down: the store is wiped first;
 * - the service itself checks the chain while it runs (src/api/chain.ts) and exits with code 86 when a block
 *   it indexed is no longer on the chain: the store is wiped and Ponder restarted, which re-indexes;
 * - Ponder refusing the store because another version of the indexer built it ("previously used by a
 *   different Ponder app": the tables changed) also wipes it and re-indexes;
 * - an embedded (PGlite) store that cannot be opened any more is wiped and re-indexed;
 * - a store that Ponder resumed after an unclean stop ("Detected crash recovery") but whose rows disagree with
 *   the events replayed on top of them (a primary key already taken, a row missing) is wiped and re-indexed:
 *   seen once on PGlite after a SIGKILL during the backfill. A fresh index that fails the same way is a bug,
 *   not a damaged store, and is only restarted (below);
 * - any other crash restarts Ponder after 2 s (at most 5 crashes a minute, then it gives up).
 * Wiping means: PGlite, delete its folder (Ponder's RPC cache, ponder_sync, lives in it too); PostgreSQL,
 * drop the app's schema and delete this chain's rows from ponder_sync, which every app of the database
 * shares and which would otherwise serve the old chain's logs again.
 *
 * Signals: SIGINT and SIGTERM are passed to Ponder, and this process exits with its code.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const INDEXER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const EXIT_CHAIN_RESET = 86;
const rpcUrl = process.env.GOVCHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const chainId = Number(process.env.GOVCHAIN_CHAIN_ID ?? 86086);
const dataDir = path.resolve(INDEXER_DIR, process.env.GOVCHAIN_INDEXER_DATA ?? "../data/indexer");
const markerFile = `${dataDir}.chain.json`;
/** Where the service writes why it exited on a chain reset. */
const resetReport = `${dataDir}.reset.json`;
const databaseUrl = process.env.DATABASE_URL || undefined;
const args = process.argv.slice(2);
const schemaIndex = args.indexOf("--schema");
const schema = schemaIndex >= 0 ? args[schemaIndex + 1] : process.env.DATABASE_SCHEMA;

const log = (message: string) => console.log(`${new Date().toISOString()} govchain serve: ${message}`);

async function genesisHash(): Promise<string | null> {
  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      const response = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["0x0", false] }),
        signal: AbortSignal.timeout(2000),
      });
      const body = (await response.json()) as { result?: { hash: string } };
      if (body.result?.hash) return body.result.hash.toLowerCase();
    } catch {}
    if (attempt === 0) log(`the node at ${rpcUrl} does not answer; retrying for 30 s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  return null;
}

function readMarker(): { chainId: number; genesis: string } | null {
  try {
    return JSON.parse(readFileSync(markerFile, "utf8"));
  } catch {
    return null;
  }
}

/** Deletes the store; `chainReset` also deletes this chain's rows of Ponder's shared RPC cache (PostgreSQL). */
async function wipe(reason: string, chainReset = true): Promise<void> {
  log(`${chainReset ? "chain reset: " : ""}${reason}; wiping the index to re-index the chain`);
  if (!databaseUrl) {
    rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (!schema) throw new Error("no --schema (or DATABASE_SCHEMA): cannot tell which PostgreSQL schema to drop");
  // pg: Ponder's own PostgreSQL driver (a dependency of ponder), typed here as far as used
  const pg = (await import("pg" as string)) as {
    default: { Client: new (options: { connectionString: string }) => { connect(): Promise<void>; end(): Promise<void>; query(sql: string, values?: unknown[]): Promise<{ rows: unknown[] }> } };
  };
  const client = new pg.default.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, '""')}" cascade`);
    if (!chainReset) return;
    const tables = await client.query(
      "select table_name from information_schema.columns where table_schema = 'ponder_sync' and column_name = 'chain_id'",
    );
    for (const { table_name } of tables.rows as { table_name: string }[]) {
      await client.query(`delete from ponder_sync."${table_name.replace(/"/g, '""')}" where chain_id = $1`, [chainId]);
    }
  } finally {
    await client.end();
  }
}

let child: ChildProcess | null = null;
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal);
    else process.exit(0);
  });
}

const crashes: number[] = [];
let lastReset: { detectedAt: string; reason: string } | null = null;

for (;;) {
  const genesis = await genesisHash();
  const marker = readMarker();
  if (genesis && marker && (marker.genesis !== genesis || marker.chainId !== chainId)) {
    lastReset = { detectedAt: new Date().toISOString(), reason: `the node's genesis is ${genesis}, the index was built from ${marker.genesis}` };
    await wipe(lastReset.reason);
  }
  if (genesis) {
    mkdirSync(path.dirname(markerFile), { recursive: true });
    writeFileSync(markerFile, `${JSON.stringify({ chainId, genesis })}\n`);
  } else log("starting without the genesis check: the node did not answer");
  if (stopping) process.exit(0);

  child = spawn(process.execPath, [path.join(INDEXER_DIR, "node_modules", "ponder", "dist", "esm", "bin", "ponder.js"), "start", ...args], {
    cwd: INDEXER_DIR,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PONDER_TELEMETRY_DISABLED: "1",
      GOVCHAIN_EXIT_ON_RESET: "1",
      GOVCHAIN_RESET_REPORT: resetReport,
      ...(genesis ? { GOVCHAIN_GENESIS: genesis } : {}),
      ...(lastReset ? { GOVCHAIN_LAST_RESET: JSON.stringify(lastReset) } : {}),
    },
  });
  // passed through, the tail kept to tell why Ponder stopped
  let tail = "";
  let resumed = false;
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    if (/Detected crash recovery/.test(text)) resumed = true;
    tail = (tail + text).slice(-20_000);
  };
  child.stdout!.on("data", (chunk: Buffer) => (process.stdout.write(chunk), keep(chunk)));
  child.stderr!.on("data", (chunk: Buffer) => (process.stderr.write(chunk), keep(chunk)));
  const code = await new Promise<number>((resolve) => child!.once("exit", (c, s) => resolve(c ?? (s ? 128 : 1))));
  if (stopping) process.exit(code);
  if (/was previously used by a (different Ponder app|Ponder app with a different minor version)/.test(tail)) {
    await wipe(`the store was built by another version of the indexer`, false);
    continue;
  }
  if (!process.env.DATABASE_URL && /RuntimeError: Aborted\(\)/.test(tail) && /pglite/i.test(tail)) {
    // The embedded database's folder cannot be opened (e.g. the machine stopped in the middle of a write):
    // the chain holds everything it had, so start a new one and index again.
    await wipe("the embedded database's files could not be opened", false);
    continue;
  }
  if (resumed && /\b(UniqueConstraintError|DelayedInsertError|RecordNotFoundError|NotNullConstraintError|CheckConstraintError)\b/.test(tail)) {
    await wipe("the store resumed after an unclean stop disagrees with the chain's events", false);
    continue;
  }
  if (code === EXIT_CHAIN_RESET) {
    let report = { detectedAt: new Date().toISOString(), reason: "the service found an indexed block that is no longer on the chain" };
    try {
      report = JSON.parse(readFileSync(resetReport, "utf8"));
    } catch {}
    rmSync(resetReport, { force: true });
    lastReset = report;
    await wipe(report.reason);
    continue;
  }
  const now = Date.now();
  crashes.push(now);
  while (crashes.length && crashes[0]! < now - 60_000) crashes.shift();
  if (crashes.length > 5) {
    log(`Ponder exited ${code}, the 6th time within a minute: giving up`);
    process.exit(code || 1);
  }
  log(`Ponder exited ${code}; restarting in 2 s`);
  await new Promise((r) => setTimeout(r, 2000));
}

export {};

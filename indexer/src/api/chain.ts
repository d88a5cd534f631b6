/**
 * Where the index stands against the chain: the indexed block (Ponder's checkpoint), the chain's head (asked
 * of the node with a short timeout and cached briefly, so every response can carry it cheaply and a dead
 * node costs no request more than one timeout a few seconds) and the lag.
 *
 * Chain resets: at start and every GOVCHAIN_RESET_CHECK_MS (default 5 s) the service compares the node's
 * genesis hash with the one the store was built from (GOVCHAIN_GENESIS, set by scripts/serve.ts) and the
 * node's hash of the latest block Ponder synced at or below the indexed block with the stored one. A
 * mismatch means the rows describe a chain that no longer exists: the service says so (/health/chain
 * `chainReset`, 503 `chain_reset` on data routes, the log) and, under scripts/serve.ts
 * (GOVCHAIN_EXIT_ON_RESET=1), exits with code 86 so the supervisor wipes the store and re-indexes.
 */
import { writeFileSync } from "node:fs";
import { db } from "ponder:api";
import { sql } from "ponder";
import config from "../../ponder.config";
import { chainId } from "./histories";

// The config lists the node once per request lane (GOVCHAIN_RPC_LANES): any of them is the node.
const configuredRpc = (config.chains.govchain as { rpc: string | readonly string[] }).rpc;
const rpcUrl = typeof configuredRpc === "string" ? configuredRpc : configuredRpc[0]!;
const HEAD_TTL_MS = Number(process.env.GOVCHAIN_HEAD_TTL_MS ?? 1000);
const RPC_TIMEOUT_MS = Number(process.env.GOVCHAIN_RPC_TIMEOUT_MS ?? 800);
const RESET_CHECK_MS = Number(process.env.GOVCHAIN_RESET_CHECK_MS ?? 5000);
/** Not 75 or 1: Ponder exits 75 on a retryable crash and 1 on a fatal one. */
export const EXIT_CHAIN_RESET = 86;

/** One JSON-RPC call with a timeout (not Ponder's client: its retries would hold a response for seconds when the node is down). */
async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`the node answered HTTP ${response.status}`);
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result as T;
}
const message = (error: unknown) => (error instanceof Error ? (error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message) : String(error)).split("\n")[0]!;

// ===== indexed block =====

export interface Indexed {
  block: number;
  /** Block time of the indexed block (seconds). */
  time: number;
}
let indexedCache: { at: number; value: Indexed | null } | null = null;
/** Ponder's checkpoint for the chain: 10 digits of block time, 16 of chain id, 16 of block number, … (cached 200 ms). */
export async function indexed(): Promise<Indexed | null> {
  if (indexedCache && Date.now() - indexedCache.at < 200) return indexedCache.value;
  const result = (await db.execute(sql`select latest_checkpoint from _ponder_checkpoint where chain_id = ${chainId}`)) as any;
  const rows = Array.isArray(result) ? result : result.rows;
  const checkpoint: string | undefined = rows?.[0]?.latest_checkpoint;
  const value = checkpoint ? { block: Number(checkpoint.slice(26, 42)), time: Number(checkpoint.slice(0, 10)) } : null;
  indexedCache = { at: Date.now(), value };
  return value;
}

// ===== chain head =====

let head: { at: number; block: number | null; error: string | null } = { at: 0, block: null, error: null };
let headPending: Promise<void> | null = null;
let lastKnownHead: number | null = null;

async function refreshHead(): Promise<void> {
  try {
    const block = Number(BigInt(await rpc<string>("eth_blockNumber", [])));
    head = { at: Date.now(), block, error: null };
    lastKnownHead = block;
  } catch (error) {
    head = { at: Date.now(), block: null, error: message(error) };
  }
}
/** A cached head older than this is waited for (an idle service's first answer); younger, it is served and refreshed behind. */
const HEAD_WAIT_AFTER_MS = 10_000;
/**
 * The head (null and the error when the node does not answer). Older than HEAD_TTL_MS, it is asked for again
 * in the background and the cached one served, so no response waits for the node (a node busy writing its
 * state can take a second to answer); only when none is known, or the one known is older than 10 s, does the
 * answer wait (at most RPC_TIMEOUT_MS).
 */
export async function chainHead(): Promise<{ block: number | null; error: string | null; lastKnown: number | null }> {
  const age = Date.now() - head.at;
  if (age >= HEAD_TTL_MS) {
    headPending ??= refreshHead().finally(() => (headPending = null));
    if (age >= HEAD_WAIT_AFTER_MS) await headPending;
  }
  return { block: head.block, error: head.error, lastKnown: lastKnownHead };
}

export interface ChainStatus {
  chainId: number;
  indexedBlock: number | null;
  indexedTime: number | null;
  chainHead: number | null;
  lag: number | null;
  rpcError?: string;
  /** The head last seen, when the node does not answer now. */
  lastKnownHead?: number | null;
}
export async function chainStatus(): Promise<ChainStatus> {
  const [i, h] = await Promise.all([indexed(), chainHead()]);
  const lag = h.block !== null && i !== null ? Math.max(0, h.block - i.block) : null;
  return {
    chainId,
    indexedBlock: i?.block ?? null,
    indexedTime: i?.time ?? null,
    chainHead: h.block,
    lag,
    // The head seen last may be older than the last block indexed (the index polls the node on its own): the
    // chain had at least that block.
    ...(h.error ? { rpcError: h.error, lastKnownHead: h.lastKnown === null ? (i?.block ?? null) : Math.max(h.lastKnown, i?.block ?? 0) } : {}),
  };
}

// ===== chain reset =====

export interface ChainReset {
  detectedAt: string;
  reason: string;
}
let reset: ChainReset | null = null;
export const chainReset = () => reset;
/** The reset that made scripts/serve.ts re-index before this process started, if any. */
export const previousReset: ChainReset | null = (() => {
  try {
    return process.env.GOVCHAIN_LAST_RESET ? (JSON.parse(process.env.GOVCHAIN_LAST_RESET) as ChainReset) : null;
  } catch {
    return null;
  }
})();

async function checkReset(): Promise<void> {
  if (reset) return;
  let reason: string | null = null;
  try {
    const expectedGenesis = process.env.GOVCHAIN_GENESIS?.toLowerCase();
    if (expectedGenesis) {
      const genesis = await rpc<{ hash: string } | null>("eth_getBlockByNumber", ["0x0", false]);
      if (genesis && genesis.hash.toLowerCase() !== expectedGenesis) reason = `the node's genesis is ${genesis.hash}, the index was built from ${expectedGenesis}`;
    }
    const i = await indexed();
    if (!reason && i) {
      // the latest block Ponder synced (ponder_sync is shared by every app of the database, keyed by chain id)
      const result = (await db.execute(
        sql`select number, hash from ponder_sync.blocks where chain_id = ${chainId} and number <= ${i.block} order by number desc limit 1`,
      )) as any;
      const row = (Array.isArray(result) ? result : result.rows)?.[0] as { number: string | bigint; hash: string } | undefined;
      if (row) {
        const number = BigInt(row.number);
        const block = await rpc<{ hash: string } | null>("eth_getBlockByNumber", [`0x${number.toString(16)}`, false]);
        if (block === null) reason = `the node has no block ${number}, which the index holds (hash ${row.hash})`;
        else if (block.hash.toLowerCase() !== row.hash.toLowerCase()) reason = `block ${number} is ${block.hash} on the node, ${row.hash} in the index`;
      }
    }
  } catch {
    return; // node down or store busy: nothing can be concluded now; the next check tries again
  }
  if (!reason) return;
  reset = { detectedAt: new Date().toISOString(), reason };
  console.error(`govchain indexer: CHAIN RESET detected: ${reason}. The indexed data no longer describes the chain; data routes answer 503 until it is re-indexed.`);
  if (process.env.GOVCHAIN_EXIT_ON_RESET === "1") {
    if (process.env.GOVCHAIN_RESET_REPORT) writeFileSync(process.env.GOVCHAIN_RESET_REPORT, JSON.stringify(reset));
    console.error("govchain indexer: exiting so the supervisor (scripts/serve.ts) wipes the store and re-indexes");
    setTimeout(() => process.exit(EXIT_CHAIN_RESET), 200);
  }
}

let checking = false;
setInterval(() => {
  if (checking) return;
  checking = true;
  checkReset().finally(() => (checking = false));
}, RESET_CHECK_MS).unref();
setTimeout(() => void checkReset(), 1000).unref();

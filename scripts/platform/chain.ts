/**
 * The local chain of `npm start`: anvil (from its npm package) configured like the target PoA network —
 * its own chain id, zero gas price and base fee, Cancun, a block every 2 s by default, bound to
 * 127.0.0.1 — with its state in data/chain/ so that a restart continues the same chain (anvil dumps the
 * state on SIGINT/SIGTERM and every few seconds, blocks and logs included).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { LOCAL_TEST_MNEMONIC } from "../../lib/deployments.js";
import { LOCAL_ACCOUNT_COUNT } from "../../lib/localAccounts.js";
import { waitForRpc } from "../processes.js";

const require = createRequire(import.meta.url);

export interface ChainOptions {
  dataDir: string;
  port: number;
  chainId: number;
  /** Seconds between blocks; 0 mines a block per transaction. */
  blockTime: number;
  /** Genesis timestamp for a new chain (ignored when the state is restored). */
  genesisTimestamp?: number;
}

export interface Chain {
  url: string;
  /** Whether the chain was created now (no saved state was restored). */
  fresh: boolean;
  process: ChildProcess;
  logFile: string;
  /** Stops the node gracefully (it writes its state first) and waits for it to exit. */
  stop(): Promise<void>;
}

export function anvilBinary(): string {
  const arch = { x64: "amd64", arm64: "arm64" }[process.arch as string];
  const pkg = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const dir = path.dirname(require.resolve(`${pkg}/package.json`));
  return path.join(dir, "bin", process.platform === "win32" ? "anvil.exe" : "anvil");
}

export function stateFile(dataDir: string): string {
  return path.join(dataDir, "chain", "state.json");
}

/** Sends one JSON-RPC request; rejects on a transport error or an RPC error. */
export async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error !== undefined) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export async function startChain(options: ChainOptions): Promise<Chain> {
  const chainDir = path.join(options.dataDir, "chain");
  mkdirSync(chainDir, { recursive: true });
  const state = stateFile(options.dataDir);
  const fresh = !existsSync(state);
  const logFile = path.join(chainDir, "anvil.log");
  const log = openSync(logFile, "a");
  const args = [
    "--host", "127.0.0.1",
    "--port", String(options.port),
    "--chain-id", String(options.chainId),
    "--hardfork", "cancun",
    "--base-fee", "0",
    "--gas-price", "0",
    "--disable-min-priority-fee",
    "--mnemonic", LOCAL_TEST_MNEMONIC,
    "--accounts", String(LOCAL_ACCOUNT_COUNT),
    "--balance", "10000",
    "--state", state,
    // a dump blocks the node while it writes (1.4 s for the 300 MB state of the 10,000-tender benchmark chain):
    // every 30 s, and at every orderly stop (Ctrl-C)
    "--state-interval", "30",
    ...(options.blockTime > 0 ? ["--block-time", String(options.blockTime)] : []),
    ...(fresh && options.genesisTimestamp !== undefined ? ["--timestamp", String(options.genesisTimestamp)] : []),
  ];
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", log, log] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    try {
      closeSync(log);
    } catch {
      // already closed
    }
  };
  try {
    await waitForRpc(url, child, 30_000);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}; see ${logFile}`);
  }
  return { url, fresh, process: child, logFile, stop };
}

/** Switches the node between mining per transaction (seeding) and a block every `seconds`. */
export async function setBlockTime(url: string, seconds: number): Promise<void> {
  if (seconds > 0) {
    await rpc(url, "evm_setAutomine", [false]);
    await rpc(url, "evm_setIntervalMining", [seconds]);
  } else {
    await rpc(url, "evm_setIntervalMining", [0]);
    await rpc(url, "evm_setAutomine", [true]);
  }
}

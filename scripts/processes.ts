/** Helpers for scripts that start local nodes and Hardhat subprocesses (compat.ts, bench.ts). */
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import path from "node:path";

const require = createRequire(import.meta.url);

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Hardhat's CLI entry point, to run with `process.execPath` (the pinned Node 24) rather than through npx. */
export function hardhatCli(): string {
  return path.join(path.dirname(require.resolve("hardhat/package.json")), "dist", "src", "cli.js");
}

/** Waits until the node at `url` answers eth_chainId (and returns it), or fails if `child` exits or time runs out. */
export async function waitForRpc(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the node at ${url} exited with ${child.exitCode}`);
    const chainId = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    })
      .then(async (r) => (r.ok ? Number(((await r.json()) as { result: string }).result) : undefined))
      .catch(() => undefined);
    if (chainId !== undefined) return chainId;
    if (Date.now() > deadline) throw new Error(`the node at ${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Port checks for `npm start`: say who holds a port instead of failing later with EADDRINUSE. */
import { createServer } from "node:net";

/** Whether nothing listens on 127.0.0.1:`port` (we could bind it a moment ago). */
export async function portFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** What answers on a taken RPC port: a chain id, or undefined if it is not a JSON-RPC node. */
export async function chainIdAt(port: number): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await response.json()) as { result?: string };
    return body.result === undefined ? undefined : Number(body.result);
  } catch {
    return undefined;
  }
}

/** Waits until `port` is free again (after stopping what held it), up to `timeoutMs`. */
export async function waitPortFree(port: number, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await portFree(port)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/**
 * Runs `npm start` the way a terminal does, for the runners that test the platform from the outside
 * (test:platform, test:e2e, test:indexer): its own process group, its own data folder and free ports, so it
 * runs beside a developer's own platform, and Ctrl-C (SIGINT to the group) to stop it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DEPLOYMENTS_DIR, MANIFEST_FILE } from "../../lib/deployments.js";
import { freePort } from "../processes.js";

export const LOCAL_CHAIN_ID = 86086;

export interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs `npm start -- <args>` in its own process group, collecting what it prints. */
export function startPlatform(args: string[], env: NodeJS.ProcessEnv = process.env): Running {
  const child = spawn("npm", ["start", "--", ...args], { detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...env } });
  let out = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Waits until the output matches, the process exits, or the time is up. */
export async function waitFor(running: Running, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (pattern.test(running.output())) return true;
    if (running.child.exitCode !== null) return pattern.test(running.output());
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Ctrl-C: SIGINT to the whole process group, SIGKILL if it has not stopped in time. */
export async function interrupt(running: Running, timeoutMs = 60_000): Promise<number | null> {
  if (running.child.exitCode === null) process.kill(-running.child.pid!, "SIGINT");
  const timer = setTimeout(() => {
    if (running.child.exitCode === null) process.kill(-running.child.pid!, "SIGKILL");
  }, timeoutMs);
  const code = await running.exited;
  clearTimeout(timer);
  return code;
}

/** A throwaway platform's folder, ports and deployment id (`npm start --data` names the deployment after its folder). */
export interface ScratchPlatform {
  dataDir: string;
  deploymentId: string;
  manifestFile: string;
  rpcPort: number;
  docsPort: number;
  dappPort: number;
  apiPort: number;
  /** `npm start` arguments for it (add --reset, --block-time … as needed). */
  args: string[];
  /** Removes the data folder and the deployment files. */
  remove: () => void;
}

export async function scratchPlatform(prefix: string): Promise<ScratchPlatform> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const deploymentId = `local-${LOCAL_CHAIN_ID}-${path.basename(dataDir).replace(/[^\w-]/g, "_")}`;
  const [rpcPort, docsPort, dappPort, apiPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  return {
    dataDir,
    deploymentId,
    manifestFile: path.resolve(DEPLOYMENTS_DIR, deploymentId, MANIFEST_FILE),
    rpcPort,
    docsPort,
    dappPort,
    apiPort,
    args: ["--data", dataDir, "--rpc-port", String(rpcPort), "--docs-port", String(docsPort), "--dapp-port", String(dappPort), "--api-port", String(apiPort)],
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
      if (existsSync(path.join(DEPLOYMENTS_DIR, deploymentId))) rmSync(path.join(DEPLOYMENTS_DIR, deploymentId), { recursive: true, force: true });
    },
  };
}

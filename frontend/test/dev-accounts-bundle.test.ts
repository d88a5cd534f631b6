/**
 * The console's development accounts sign with public test keys: only a build for the local chain id may
 * carry them. This builds the app for chain id 1 and for the local chain, and greps every emitted file
 * for the test mnemonic, the first test account's private key and the connector's id. The local build must
 * contain the mnemonic and the connector (so the grep is known to find them; keys are derived at run
 * time), the chain-1 build none of the three.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";

import { LOCAL_CHAIN_ID } from "../src/lib/config.ts";

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MNEMONIC = "test test test test test test test test test test test junk";
const CONNECTOR_ID = "govchain-dev-accounts";
/** Account 0 of that mnemonic (Hardhat's and anvil's first account). */
const FIRST_KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const TELLTALES = [MNEMONIC, FIRST_KEY, CONNECTOR_ID];
const outDirs: string[] = [];

async function buildFor(chainId: number): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), `govchain-dapp-${chainId}-`));
  outDirs.push(outDir);
  const previous = process.env.VITE_CHAIN_ID;
  process.env.VITE_CHAIN_ID = String(chainId);
  try {
    await build({
      root: frontend,
      configFile: path.join(frontend, "vite.config.ts"),
      logLevel: "silent",
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    if (previous === undefined) delete process.env.VITE_CHAIN_ID;
    else process.env.VITE_CHAIN_ID = previous;
  }
  return outDir;
}

function telltalesIn(outDir: string): string[] {
  const found = new Set<string>();
  for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const text = readFileSync(path.join(entry.parentPath, entry.name), "latin1");
    for (const telltale of TELLTALES) if (text.includes(telltale)) found.add(telltale);
  }
  return [...found];
}

describe("development accounts in the bundle", () => {
  afterAll(() => {
    for (const dir of outDirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a build for the local chain carries them (the grep finds them)", async () => {
    expect(telltalesIn(await buildFor(LOCAL_CHAIN_ID)).sort()).toEqual([CONNECTOR_ID, MNEMONIC].sort());
  }, 180_000);

  it("a build for another chain id (1) contains no test key, mnemonic or connector", async () => {
    expect(telltalesIn(await buildFor(1))).toEqual([]);
  }, 180_000);
});

/**
 * Regenerates the dApp's deployments file (frontend/src/contracts/deployments.ts, git-ignored) from the
 * compiled artifacts and every manifest under ignition/deployments/: each ABI once, taken from the
 * artifacts now (never a copy kept in the repository), and per chain the address and deployment block
 * of each contract. `npm run deploy` calls it after each deployment; `npm run export` runs it alone
 * (after `npm run compile`, or after pulling a manifest of the government network). It needs no
 * deployment: with none, the file has every ABI and no chain, which is what the dApp type-checks against.
 *
 * It also keeps the committed stub (frontend/src/contracts/deployments.stub.ts, the same exports with no
 * chain and untyped ABIs, for a fresh clone) in step with the set of contracts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import {
  DAPP_DEPLOYMENTS_FILE,
  DAPP_DEPLOYMENTS_STUB_FILE,
  dappContractNames,
  DEPLOYMENTS_DIR,
  type DeploymentManifest,
  keccakHex,
  MANIFEST_FILE,
  renderDappDeployments,
  renderDappDeploymentsStub,
} from "../lib/deployments.js";
import { DEPLOYABLE_MODULES, moduleWork } from "./modules.js";

const ARTIFACTS_DIR = "artifacts/contracts";

interface Artifact {
  abi: unknown[];
  deployedBytecode: string;
}

/** Every artifact file under artifacts/contracts, by contract name (a name compiled twice is an error when used). */
function artifactFiles(): Map<string, string[]> {
  if (!existsSync(ARTIFACTS_DIR)) throw new Error(`no ${ARTIFACTS_DIR}: run \`npm run compile\` first`);
  const byName = new Map<string, string[]>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith(".json") && !entry.name.endsWith(".dbg.json")) {
        const name = entry.name.slice(0, -".json".length);
        byName.set(name, [...(byName.get(name) ?? []), file]);
      }
    }
  };
  walk(ARTIFACTS_DIR);
  return byName;
}

/** The manifests under ignition/deployments, one per chain: the newest wins, and the others are reported. */
export function readManifests(warn: (line: string) => void = () => {}): DeploymentManifest[] {
  const byChain = new Map<number, { manifest: DeploymentManifest; file: string }>();
  if (!existsSync(DEPLOYMENTS_DIR)) return [];
  for (const entry of readdirSync(DEPLOYMENTS_DIR).sort()) {
    const file = path.join(DEPLOYMENTS_DIR, entry, MANIFEST_FILE);
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, "utf8")) as DeploymentManifest;
    const earlier = byChain.get(manifest.chainId);
    if (earlier !== undefined) {
      const [kept, dropped] = earlier.manifest.writtenAt >= manifest.writtenAt ? [earlier, { manifest, file }] : [{ manifest, file }, earlier];
      warn(`chain ${manifest.chainId} has two deployments; the dApp gets the newer ${kept.file}, not ${dropped.file}`);
      byChain.set(manifest.chainId, kept);
    } else {
      byChain.set(manifest.chainId, { manifest, file });
    }
  }
  return [...byChain.values()].map(({ manifest }) => manifest);
}

/** Writes the dApp file (and the stub, if the set of contracts changed) and returns the dApp file's path. */
export async function exportDeployments(warn: (line: string) => void = (line) => console.warn(`export: ${line}`)): Promise<string> {
  const manifests = readManifests(warn);
  const names = dappContractNames(moduleWork(DEPLOYABLE_MODULES).contracts, manifests);
  const files = artifactFiles();
  const artifacts = new Map<string, Artifact>();
  for (const name of names) {
    // A manifest names the exact source; otherwise the name must be unique under contracts/.
    const recorded = manifests.map((m) => m.contracts[name]?.artifact).find((a) => a !== undefined);
    const candidates = recorded === undefined ? (files.get(name) ?? []) : [path.join("artifacts", recorded.split(":")[0], `${name}.json`)];
    if (candidates.length !== 1 || !existsSync(candidates[0])) {
      throw new Error(
        candidates.length > 1
          ? `${name} is compiled from more than one source (${candidates.join(", ")}): rename one`
          : `no artifact for ${name}: run \`npm run compile\` first`,
      );
    }
    artifacts.set(name, JSON.parse(readFileSync(candidates[0], "utf8")) as Artifact);
  }
  // One ABI per contract, from today's build: say so when a chain runs code from another build.
  for (const manifest of manifests) {
    for (const [name, record] of Object.entries(manifest.contracts)) {
      const artifact = artifacts.get(name);
      if (artifact !== undefined && keccakHex(artifact.deployedBytecode) !== record.artifactCodeHash) {
        warn(`${name} on chain ${manifest.chainId} was deployed from another build: the dApp uses today's ABI for it`);
      }
    }
  }

  mkdirSync(path.dirname(DAPP_DEPLOYMENTS_FILE), { recursive: true });
  writeFileSync(DAPP_DEPLOYMENTS_FILE, renderDappDeployments(manifests, names, (name) => artifacts.get(name)!.abi));
  const stub = renderDappDeploymentsStub(names);
  if (!existsSync(DAPP_DEPLOYMENTS_STUB_FILE) || readFileSync(DAPP_DEPLOYMENTS_STUB_FILE, "utf8") !== stub) {
    writeFileSync(DAPP_DEPLOYMENTS_STUB_FILE, stub);
    warn(`the set of contracts changed: rewrote ${DAPP_DEPLOYMENTS_STUB_FILE} (commit it)`);
  }
  return DAPP_DEPLOYMENTS_FILE;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = await exportDeployments();
  console.log(`export: wrote ${file}`);
}

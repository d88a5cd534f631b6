/**
 * Regenerates the dApp's deployments file (frontend/src/contracts/deployments.ts) from every manifest
 * under ignition/deployments/. `npm run deploy` calls it after each deployment; `npm run export` runs it
 * alone (e.g. after pulling a manifest of the government network).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { DAPP_DEPLOYMENTS_FILE, DEPLOYMENTS_DIR, type DeploymentManifest, MANIFEST_FILE, renderDappDeployments } from "../lib/deployments.js";

function abiOf(artifact: string): readonly unknown[] {
  const [sourceName, contractName] = artifact.split(":");
  const file = path.join("artifacts", sourceName, `${contractName}.json`);
  if (!existsSync(file)) throw new Error(`no artifact ${file}: run \`npm run compile\` first`);
  return (JSON.parse(readFileSync(file, "utf8")) as { abi: unknown[] }).abi;
}

/** Writes the dApp file and returns its path. */
export async function exportDeployments(): Promise<string> {
  const manifests: DeploymentManifest[] = [];
  if (existsSync(DEPLOYMENTS_DIR)) {
    for (const entry of readdirSync(DEPLOYMENTS_DIR).sort()) {
      const file = path.join(DEPLOYMENTS_DIR, entry, MANIFEST_FILE);
      if (existsSync(file)) manifests.push(JSON.parse(readFileSync(file, "utf8")) as DeploymentManifest);
    }
  }
  mkdirSync(path.dirname(DAPP_DEPLOYMENTS_FILE), { recursive: true });
  writeFileSync(DAPP_DEPLOYMENTS_FILE, renderDappDeployments(manifests, abiOf));
  return DAPP_DEPLOYMENTS_FILE;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const file = await exportDeployments();
  console.log(`export: wrote ${file}`);
}

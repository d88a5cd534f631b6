/**
 * Writes a Besu QBFT network kit from the validators' node PUBLIC keys: genesis.json and, per validator
 * department, a folder with config.toml and static-nodes.json, plus a README for the operators.
 *
 *   npm run qbft:genesis                               # chain/qbft.example.json → chain/example
 *   npm run qbft:genesis -- <input.json> <out folder>
 *
 * See chain/qbft.example.json for the input. Never reads or writes a private key. Files already in the
 * output folder are overwritten; nothing is deleted.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { parseQbftNetworkInput, planQbftNetwork, QbftConfigError } from "./qbft.js";

const args = process.argv.slice(2);
if (args.length !== 0 && args.length !== 2) {
  // With only an input, a default output folder would overwrite the committed example: ask for both.
  console.error("usage: npm run qbft:genesis -- [<input.json> <out folder>]");
  process.exit(1);
}
const [inputPath, outDir] = args.length === 2 ? args : ["chain/qbft.example.json", "chain/example"];

try {
  const input = parseQbftNetworkInput(JSON.parse(readFileSync(inputPath, "utf8")));
  const plan = planQbftNetwork(input);
  for (const [path, content] of Object.entries(plan.files)) {
    const target = join(outDir, ...path.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  for (const warning of plan.warnings) console.warn(`warning: ${warning}`);
  console.log(`QBFT network for chain ${plan.genesis.config.chainId} in ${outDir}:`);
  for (const node of plan.nodes) console.log(`  ${node.department.padEnd(8)} ${node.address}  ${node.enode}`);
  console.log(`  extraData ${plan.genesis.extraData}`);
} catch (error) {
  if (error instanceof QbftConfigError || error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ENOENT") {
    console.error(`${inputPath}: ${(error as Error).message}`);
    process.exit(1);
  }
  throw error;
}

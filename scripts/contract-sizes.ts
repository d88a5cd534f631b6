// Reports every contract's deployed (runtime) and creation code size from the build artifacts and fails
// if one is over the limits a chain enforces: 24,576 bytes of runtime code (EIP-170, also the QBFT kit's
// contractSizeLimit) and 49,152 bytes of initcode (EIP-3860). Interfaces and abstract contracts (no
// code) are skipped. Usage: node scripts/contract-sizes.ts   (run by `npm run sizes`, after a build)
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const RUNTIME_LIMIT = 24_576;
const INITCODE_LIMIT = 49_152;
const root = path.join("artifacts", "contracts");

function artifactFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return artifactFiles(full);
    return entry.endsWith(".json") && !entry.endsWith(".dbg.json") && entry !== "artifacts.d.ts" ? [full] : [];
  });
}

if (!existsSync(root)) {
  console.error("contract-sizes: no artifacts/contracts: run `npm run compile` first.");
  process.exit(1);
}
const rows: { name: string; source: string; runtime: number; initcode: number }[] = [];
for (const file of artifactFiles(root)) {
  const artifact = JSON.parse(readFileSync(file, "utf8")) as { contractName?: string; sourceName?: string; bytecode?: string; deployedBytecode?: string };
  if (artifact.contractName === undefined || artifact.deployedBytecode === undefined || artifact.deployedBytecode === "0x") continue;
  rows.push({
    name: artifact.contractName,
    source: artifact.sourceName ?? file,
    runtime: (artifact.deployedBytecode.length - 2) / 2,
    initcode: ((artifact.bytecode ?? "0x").length - 2) / 2,
  });
}
rows.sort((a, b) => b.runtime - a.runtime);
let over = 0;
console.log(`${"contract".padEnd(26)} ${"runtime".padStart(8)} ${"of 24,576".padStart(10)} ${"initcode".padStart(9)}  source`);
for (const row of rows) {
  const tooBig = row.runtime > RUNTIME_LIMIT || row.initcode > INITCODE_LIMIT;
  if (tooBig) over++;
  const share = `${((100 * row.runtime) / RUNTIME_LIMIT).toFixed(1)} %`;
  console.log(
    `${row.name.padEnd(26)} ${row.runtime.toLocaleString("en").padStart(8)} ${share.padStart(10)} ${row.initcode.toLocaleString("en").padStart(9)}  ${row.source}${tooBig ? "  OVER THE LIMIT" : ""}`,
  );
}
if (over > 0) {
  console.error(`contract-sizes: ${over} contract(s) over ${RUNTIME_LIMIT} bytes of runtime code or ${INITCODE_LIMIT} bytes of initcode.`);
  process.exit(1);
}
console.log(`contract-sizes: ${rows.length} contracts, all within ${RUNTIME_LIMIT.toLocaleString("en")} bytes of runtime code.`);

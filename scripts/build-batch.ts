/**
 * Builds a Merkle batch of certificates from a folder of files, for `CertificateRegistry.anchorBatch`.
 *
 *   npm run batch -- <folder> <holders.csv> [out.json]
 *
 * holders.csv has one line per file: `file name,holder commitment (0x…32 bytes)`. Files are taken in
 * name order; item i of the batch is the i-th file. Writes the root, the count and, for every file, its
 * digest (SHA-256, as sha256sum prints), holder commitment, index and proof: what the department gives
 * each holder with their document, and what anyone needs to verify it. A batch holds at most 65,536 files
 * (the registry's MAX_BATCH_SIZE): split a larger folder.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { documentDigest, type Hex } from "../lib/hashing.js";
import { MAX_BATCH_SIZE, buildBatch } from "../lib/merkle.js";

const [folder, holdersCsv, out = "batch.json"] = process.argv.slice(2);
if (folder === undefined || holdersCsv === undefined) {
  console.error("usage: npm run batch -- <folder> <holders.csv> [out.json]");
  process.exit(1);
}

const holders = new Map<string, Hex>();
for (const [n, line] of readFileSync(holdersCsv, "utf8").split(/\r?\n/).entries()) {
  if (line.trim() === "") continue;
  const [name, commitment] = line.split(",").map((s) => s.trim());
  if (!/^0x[0-9a-fA-F]{64}$/.test(commitment ?? "")) {
    console.error(`${holdersCsv}:${n + 1}: expected "file name,0x<64 hex>"`);
    process.exit(1);
  }
  holders.set(name, commitment as Hex);
}

const files = readdirSync(folder)
  .filter((name) => statSync(join(folder, name)).isFile())
  .sort();
if (files.length > MAX_BATCH_SIZE) {
  console.error(`${folder} has ${files.length} files; a batch holds at most ${MAX_BATCH_SIZE}: split the folder`);
  process.exit(1);
}
const missing = files.filter((name) => !holders.has(name));
if (files.length === 0 || missing.length > 0) {
  console.error(files.length === 0 ? `${folder} has no files` : `no holder commitment for: ${missing.join(", ")}`);
  process.exit(1);
}

const items = files.map((name) => ({ name, digest: documentDigest(readFileSync(join(folder, name))), holderCommitment: holders.get(name)! }));
const batch = buildBatch(items);
const result = {
  root: batch.root,
  count: batch.count,
  items: batch.proofs.map((p, i) => ({ file: items[i].name, ...p })),
};
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
console.log(`root ${batch.root} for ${batch.count} files; proofs in ${out}`);

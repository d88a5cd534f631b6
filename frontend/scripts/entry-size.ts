/**
 * The public entry's JavaScript, gzipped: what a reader's browser downloads before the home page runs
 * (the entry script and every chunk it imports statically, as dist/index.html lists them), after
 * `npm run build`. Lazily loaded chunks (the console, CCIP reads) are listed apart.
 *
 *   node scripts/entry-size.ts [--max-kb 250]     exits 1 above --max-kb (kB of 1000 bytes, as vite build prints)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const { values } = parseArgs({ options: { dist: { type: "string", default: "dist" }, "max-kb": { type: "string" } } });
const dist = path.resolve(values.dist);
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const entry = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/([^"]+\.js)"/g)].map((m) => m[1]);
if (entry.length === 0) throw new Error(`no script in ${path.join(dist, "index.html")}: run npm run build first`);

const kb = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length / 1000;
const all = readdirSync(path.join(dist, "assets"))
  .filter((file) => file.endsWith(".js"))
  .map((file) => `assets/${file}`);

let total = 0;
console.log("public entry (loaded by index.html):");
for (const file of entry) {
  total += kb(file);
  console.log(`  ${kb(file).toFixed(2).padStart(8)} kB gz  ${file}`);
}
console.log(`  ${total.toFixed(2).padStart(8)} kB gz  total`);
console.log("loaded on demand:");
for (const file of all.filter((f) => !entry.includes(f))) console.log(`  ${kb(file).toFixed(2).padStart(8)} kB gz  ${file}`);

const max = values["max-kb"] === undefined ? undefined : Number(values["max-kb"]);
if (max !== undefined && total > max) {
  console.error(`entry-size: the public entry is ${total.toFixed(1)} kB gzipped, above ${max} kB`);
  process.exit(1);
}

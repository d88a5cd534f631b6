// Enforces the line-coverage floor on contracts/ (mocks and benchmark peers excluded) from Hardhat's
// coverage/lcov.info.
// Usage: node scripts/check-coverage.ts [minimumPercent]   (run by `npm run coverage`)
import { readFileSync } from "node:fs";

const minimum = Number(process.argv[2] ?? process.env.COVERAGE_MIN ?? 95);
const lcov = readFileSync("coverage/lcov.info", "utf8");

// Test-only contracts, and the minimal peers `npm run bench` compares against (not part of the platform).
const EXCLUDED = ["contracts/mocks/", "contracts/bench/"];

let found = 0;
let hit = 0;
const rows: string[] = [];
for (const record of lcov.split("end_of_record")) {
  const file = /^SF:(.+)$/m.exec(record)?.[1]?.trim();
  if (file === undefined || !file.startsWith("contracts/") || EXCLUDED.some((dir) => file.startsWith(dir))) continue;
  const lf = Number(/^LF:(\d+)$/m.exec(record)?.[1] ?? 0);
  const lh = Number(/^LH:(\d+)$/m.exec(record)?.[1] ?? 0);
  found += lf;
  hit += lh;
  rows.push(`${file}: ${lh}/${lf} lines`);
}

if (found === 0) {
  console.error("check-coverage: no lines of contracts/ in coverage/lcov.info; did the tests run with --coverage?");
  process.exit(1);
}
const percent = (100 * hit) / found;
for (const row of rows) console.log(`  ${row}`);
console.log(`Line coverage of contracts/ (mocks and bench peers excluded): ${percent.toFixed(2)}% (${hit}/${found}), minimum ${minimum}%`);
if (percent < minimum) {
  console.error(`check-coverage: line coverage ${percent.toFixed(2)}% is below the ${minimum}% floor.`);
  process.exit(1);
}

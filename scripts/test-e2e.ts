/**
 * `npm run test:e2e`: the dApp end to end in a real Chromium against a freshly started, seeded platform.
 * Starts `npm start` on its own data folder and free ports (beside a developer's own platform), then runs
 * every `frontend/e2e/*.e2e.ts` with node's test runner, one file at a time, handing each the platform's
 * addresses in E2E_* variables (frontend/e2e/support.ts), and stops the platform.
 *
 *   npm run test:e2e [-- --only portal] [--keep]   (--keep: leave the platform's folder for a look afterwards)
 *
 * Screenshots land in frontend/screenshots/e2e/. Prints "e2e: N passed, M failed" last.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

import { interrupt, scratchPlatform, startPlatform, waitFor } from "./platform/harness.js";

const { values } = parseArgs({ options: { only: { type: "string" }, keep: { type: "boolean", default: false } } });
const E2E_DIR = path.resolve("frontend/e2e");
const SCREENSHOTS = path.resolve("frontend/screenshots/e2e");

const specs = readdirSync(E2E_DIR)
  .filter((f) => f.endsWith(".e2e.ts") && (values.only === undefined || f.startsWith(values.only)))
  .sort()
  .map((f) => path.join(E2E_DIR, f));

let passed = 0;
let failed = 0;

async function main() {
  if (specs.length === 0) {
    console.error(`test:e2e: no spec in ${E2E_DIR}${values.only ? ` starting with "${values.only}"` : ""}`);
    failed++;
    return;
  }
  const platform = await scratchPlatform("govchain-e2e-");
  // Two-second blocks, as a real QBFT network: the specs wait for confirmations like a user does.
  const running = startPlatform([...platform.args, "--reset", "--block-time", "2"]);
  try {
    console.log(`e2e: starting a platform in ${platform.dataDir}`);
    if (!(await waitFor(running, /^ready$/m, 900_000))) {
      console.error(running.output().slice(-4000));
      throw new Error("the platform did not start");
    }
    const line = (name: string) => new RegExp(`^${name}: (https?://\\S+)`, "m").exec(running.output())?.[1] ?? "";
    const env = {
      ...process.env,
      E2E_DAPP_URL: line("dapp"),
      E2E_RPC_URL: line("rpc"),
      E2E_API_URL: line("api"),
      E2E_DOCS_URL: line("docs"),
      E2E_DATA_DIR: platform.dataDir,
      E2E_MANIFEST: platform.manifestFile,
      E2E_SCREENSHOTS: SCREENSHOTS,
    };
    console.log(`e2e: dapp ${env.E2E_DAPP_URL}, api ${env.E2E_API_URL}; running ${specs.map((s) => path.basename(s)).join(", ")}`);
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    const tap = path.join(tmpdir(), `govchain-e2e-${process.pid}.tap`);
    writeFileSync(tap, "");
    const status = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        ["--test", "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap", `--test-reporter-destination=${tap}`, ...specs],
        { stdio: "inherit", env },
      );
      child.once("close", resolve);
    });
    const summary = readFileSync(tap, "utf8");
    rmSync(tap, { force: true });
    const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(summary)?.[1] ?? 0);
    passed += count("pass");
    failed += count("fail") + count("cancelled");
    if (status !== 0 && failed === 0) failed++;
    console.log(`e2e: screenshots in ${path.relative(process.cwd(), SCREENSHOTS)}/`);
  } catch (error) {
    console.error(`e2e: ${(error as Error).stack ?? error}`);
    failed++;
  } finally {
    await interrupt(running).catch(() => undefined);
    if (values.keep) console.log(`e2e: kept ${platform.dataDir}`);
    else platform.remove();
  }
}

await main();
console.log(`\ne2e: ${passed} passed, ${failed} failed`);
if (failed > 0) process.exitCode = 1;

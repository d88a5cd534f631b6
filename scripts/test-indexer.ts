/**
 * `npm run test:indexer`: the data service's tests (indexer/test/*.test.ts) against a platform of their own.
 * Starts `npm start` on a temporary data folder and free ports, runs the tests with an indexer on PGlite,
 * then again on PostgreSQL when GOVCHAIN_TEST_DATABASE_URL is set (a fresh database created for the run
 * and dropped after, or, without the right to create one, fresh schemas in the given database), stops
 * everything and prints "indexer: N passed, M failed" last.
 */
import { spawn } from "node:child_process";
import path from "node:path";

import { interrupt, scratchPlatform, startPlatform, waitFor } from "./platform/harness.js";
import { freshDatabase } from "./platform/postgres.js";

const INDEXER_DIR = path.resolve("indexer");
const TESTS = ["test/indexer.test.ts", "test/readAhead.test.ts", "test/faults.test.ts"];

interface Outcome {
  passed: number;
  failed: number;
}

/** Runs the test files under node:test (TAP, streamed through) and counts the top-level results' leaves. */
async function runTests(label: string, env: Record<string, string>): Promise<Outcome> {
  console.log(`\n== indexer tests on ${label}`);
  const child = spawn(
    process.execPath,
    [path.join(INDEXER_DIR, "node_modules/tsx/dist/cli.mjs"), "--test", "--test-concurrency=1", "--test-reporter=tap", ...TESTS],
    {
      cwd: INDEXER_DIR,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    process.stdout.write(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  // TAP summary: "# pass N" / "# fail M" count the tests (its), not the suites
  const pass = Number(/^# pass (\d+)$/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)$/m.exec(out)?.[1] ?? 0);
  if (code !== 0 && fail === 0) return { passed: pass, failed: 1 }; // crashed before reporting
  return { passed: pass, failed: fail };
}

async function main() {
  const started = Date.now();
  const scratch = await scratchPlatform("govchain-indexer-platform-");
  const { dataDir, rpcPort, docsPort, apiPort } = scratch;
  const total: Outcome = { passed: 0, failed: 0 };
  const add = (o: Outcome) => {
    total.passed += o.passed;
    total.failed += o.failed;
  };
  const platform = startPlatform(scratch.args);
  try {
    console.log(`platform: starting (npm start -- --data ${dataDir}, rpc ${rpcPort}, api ${apiPort})…`);
    if (!(await waitFor(platform, /^ready$/m, 1_800_000))) {
      throw new Error(`the platform did not start (exit ${platform.child.exitCode}):\n${platform.output().slice(-3000)}`);
    }
    console.log(`platform: ready after ${Math.round((Date.now() - started) / 1000)} s`);
    const env = {
      GOVCHAIN_RPC_URL: `http://127.0.0.1:${rpcPort}`,
      GOVCHAIN_DOCS_URL: `http://127.0.0.1:${docsPort}`,
      GOVCHAIN_MANIFEST: scratch.manifestFile,
      DATABASE_URL: "",
    };
    let t = Date.now();
    add(await runTests("PGlite", env));
    console.log(`(PGlite run: ${Math.round((Date.now() - t) / 1000)} s)`);
    const postgres = process.env.GOVCHAIN_TEST_DATABASE_URL;
    if (postgres) {
      t = Date.now();
      const database = await freshDatabase(postgres);
      try {
        add(await runTests("PostgreSQL", { ...env, DATABASE_URL: database.url }));
      } finally {
        await database.drop().catch((error) => console.log(`(could not drop the test database: ${(error as Error).message})`));
      }
      console.log(`(PostgreSQL run: ${Math.round((Date.now() - t) / 1000)} s)`);
    } else console.log("\n(GOVCHAIN_TEST_DATABASE_URL not set: PostgreSQL skipped)");
  } catch (error) {
    console.log((error as Error).stack ?? String(error));
    total.failed++;
  } finally {
    await interrupt(platform).catch(() => undefined);
    scratch.remove();
  }
  console.log(`(runner: ${Math.round((Date.now() - started) / 1000)} s)`);
  console.log(`\nindexer: ${total.passed} passed, ${total.failed} failed`);
  if (total.failed > 0) process.exitCode = 1;
}

await main();

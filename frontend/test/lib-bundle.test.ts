/**
 * The project's shared lib/ must bundle for the browser: each file (but the Node-only ones listed below,
 * which issue 12 moves behind a Node entry point) is imported as the app imports it (`@lib/<file>.js`)
 * and built with the app's own Vite config for the browser, and the build fails this test if anything
 * in it reaches for a Node built-in module.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { build, type Plugin, type Rollup } from "vite";
import { describe, expect, it } from "vitest";

const frontend = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const lib = path.resolve(frontend, "../lib");

/** Node-only today: lib/qbft.ts (ethers, the QBFT kit bound for scripts/qbft/), lib/statusList.ts (node:zlib, Buffer). */
const NODE_ONLY = new Set(["qbft.ts", "statusList.ts"]);

const files = readdirSync(lib).filter((file) => file.endsWith(".ts") && !NODE_ONLY.has(file));

/** Records every Node built-in that anything in the bundle imports. */
function nodeBuiltins(found: string[]): Plugin {
  return {
    name: "record-node-builtins",
    enforce: "pre",
    resolveId(id, importer) {
      if (isBuiltin(id)) found.push(`${id} (from ${path.relative(lib, importer ?? "?")})`);
      return null;
    },
  };
}

async function bundle(file: string) {
  const found: string[] = [];
  // An entry that imports the file the way the app does, through the @lib alias.
  const entry = path.join(frontend, "node_modules/.tmp/lib-bundle", `${file}`);
  mkdirSync(path.dirname(entry), { recursive: true });
  writeFileSync(entry, `export * from "@lib/${file.replace(/\.ts$/, ".js")}";\n`);
  const output = (await build({
    configFile: path.join(frontend, "vite.config.ts"),
    root: frontend,
    logLevel: "silent",
    plugins: [nodeBuiltins(found)],
    build: {
      write: false,
      minify: false,
      sourcemap: false,
      lib: { entry, formats: ["es"], fileName: "bundle" },
    },
  })) as Rollup.RollupOutput[];
  const code = output.flatMap((o) => o.output).map((chunk) => ("code" in chunk ? chunk.code : "")).join("\n");
  return { found, code };
}

describe("lib/ bundles for the browser", () => {
  it("has the files the dApp relies on", () => {
    expect(files).toEqual(expect.arrayContaining(["hashing.ts", "departments.ts", "deployments.ts"]));
  });

  it.each(files)("lib/%s imports no Node built-in", async (file) => {
    const { found, code } = await bundle(file);
    expect(found).toEqual([]);
    expect(code.length).toBeGreaterThan(0);
  }, 30_000);

  it("lib/hashing.ts computes in the bundle what it computes in Node", async () => {
    const { code } = await bundle("hashing.ts");
    const url = `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
    const bundled = (await import(/* @vite-ignore */ url)) as typeof import("../../lib/hashing.js");
    expect(bundled.documentDigest("govchain")).toBe(`0x${createHash("sha256").update("govchain").digest("hex")}`);
    expect(bundled.label32("SAMR")).toBe(`0x${Buffer.from("SAMR").toString("hex").padEnd(64, "0")}`);
  }, 30_000);
});

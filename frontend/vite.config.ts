/// <reference types="vitest/config" />
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import react from "@vitejs/plugin-react";
import { defineConfig, loadEnv, type Plugin } from "vite";

import { LOCAL_CHAIN_ID, parseConfig } from "./src/lib/config.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, "..");
const GENERATED_DEPLOYMENTS = path.join(here, "src/contracts/deployments.ts");
const DEPLOYMENTS_STUB = path.join(here, "src/contracts/deployments.stub.ts");

/**
 * `@deployments` is the generated deployments file when `npm run deploy` / `npm run export` has written
 * it, else the committed stub (no chain), like the `paths` entry in tsconfig.app.json.
 */
function deployments(): Plugin {
  return {
    name: "govchain-deployments",
    enforce: "pre",
    resolveId(id) {
      if (id !== "@deployments") return null;
      return existsSync(GENERATED_DEPLOYMENTS) ? GENERATED_DEPLOYMENTS : DEPLOYMENTS_STUB;
    },
    buildStart() {
      if (!existsSync(GENERATED_DEPLOYMENTS)) {
        this.warn("no src/contracts/deployments.ts: building with the stub (no contracts). Run `npm run export` at the root after compiling.");
      }
    },
  };
}

export default defineConfig(({ mode }) => {
  // Fail the build (and the dev server) on a bad VITE_* value, before a page is served.
  const appConfig = parseConfig(loadEnv(mode, here, "VITE_"));

  // The shared ../lib imports its own packages from the root install (in a worktree, a symlink).
  const rootModules = path.join(repository, "node_modules");
  const allow = [repository, ...(existsSync(rootModules) ? [realpathSync(rootModules)] : [])];

  return {
    plugins: [deployments(), react()],
    // The console's development-accounts connector (well-known test keys) exists only in a build for the
    // local chain id: elsewhere this constant is false and the bundler drops the module altogether.
    define: { __GOVCHAIN_DEV_ACCOUNTS__: JSON.stringify(appConfig.chainId === LOCAL_CHAIN_ID) },
    resolve: {
      alias: [{ find: /^@lib\//, replacement: `${path.join(repository, "lib")}/` }],
    },
    server: { host: "127.0.0.1", fs: { allow } },
    preview: { host: "127.0.0.1" },
    build: { target: "es2022", sourcemap: true },
    test: {
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    },
  };
});

// Hardhat's simulated network (EDR) ships its native binding as an optional, per-platform package
// whose `engines` asks for Node >= 22. When npm itself runs under an older Node (Debian's Node 20,
// say), npm silently skips that package and Hardhat later fails with HHE27. This postinstall runs
// under the Node 24 that the `node` devDependency puts in node_modules/.bin; if the binding does not
// load, it reruns the install with npm under that Node, which then installs the binding from the
// lockfile. On a machine whose npm already runs on Node >= 22, the first check passes and nothing runs.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function edrLoads() {
  try {
    require("@nomicfoundation/edr");
    return true;
  } catch {
    return false;
  }
}

if (process.env.GOVCHAIN_EDR_REINSTALL === "1") {
  // We are the nested install: report but never recurse.
  process.exit(0);
}

if (edrLoads()) process.exit(0);

const npmCli = process.env.npm_execpath;
if (!npmCli) {
  console.error("ensure-edr: the EDR native binding did not load and npm_execpath is unset; run `npm install` again with Node >= 22.13.");
  process.exit(1);
}

const command = process.env.npm_command === "ci" ? "ci" : "install";
console.log(`ensure-edr: EDR native binding missing (npm ran under ${process.env.npm_config_node_version ?? "an older Node"}); rerunning \`npm ${command}\` with Node ${process.version}`);
const result = spawnSync(process.execPath, [npmCli, command, "--no-audit", "--no-fund"], {
  stdio: "inherit",
  env: { ...process.env, GOVCHAIN_EDR_REINSTALL: "1" },
});
if (result.status !== 0) process.exit(result.status ?? 1);

// Check in a fresh process: this one's module cache remembers the failed load.
const check = spawnSync(process.execPath, ["-e", "require('@nomicfoundation/edr')"], { stdio: "inherit", cwd: process.cwd() });
if (check.status !== 0) {
  console.error("ensure-edr: the EDR native binding still does not load; see the messages above.");
  process.exit(1);
}
console.log("ensure-edr: EDR native binding installed.");

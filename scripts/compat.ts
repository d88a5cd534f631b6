/**
 * `npm run test:compat`: proof that the platform runs on a second, independent node. Starts anvil (from
 * its npm package) with a private chain's settings (own chain id, zero base fee and gas price, a block
 * every second, cancun), then through the same `scripts/deploy.ts` over HTTP:
 *   1. bad input stops before sending: wrong chain id, unreachable RPC, missing key, unfunded deployer
 *      on a chain that charges gas (the deployer's nonce must not move);
 *   2. deploys with legacy (type-0) transactions at gas price 0, then runs the deploy again and checks
 *      that it sends nothing;
 *   3. runs the smoke flow (scripts/compat-smoke.ts) with EIP-1559 transactions at zero fees.
 * Anvil is stopped at the end, also on failure. Prints "compat: N passed, M failed" last.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { JsonRpcProvider, Wallet } from "ethers";

import { anvilBinary } from "./platform/chain.js";
import { freePort, hardhatCli, waitForRpc } from "./processes.js";
import { DEPLOYMENTS_DIR, type DeploymentManifest, LOCAL_TEST_MNEMONIC as TEST_MNEMONIC, MANIFEST_FILE } from "../lib/deployments.js";

const CHAIN_ID = 202611;
const DEPLOYMENT_ID = `compat-${CHAIN_ID}`;

let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = "") {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "  ✔" : "  ✘"} ${name}${ok || detail === "" ? "" : `\n      ${detail}`}`);
}


/**
 * Runs scripts/deploy.ts against the govchain network with the given settings (undefined: unset). With
 * `killAt`, kills it (SIGKILL, as a crash or power cut would) once its output matches.
 */
async function runDeploy(env: Record<string, string | undefined>, killAt?: RegExp) {
  const childEnv: Record<string, string | undefined> = { ...process.env, ...env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete childEnv[key];
  const child = spawn(process.execPath, [hardhatCli(), "run", "scripts/deploy.ts", "--network", "govchain"], {
    env: childEnv as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
  let output = "";
  let killed = false;
  const watch = (chunk: Buffer) => {
    output += chunk.toString();
    if (killAt !== undefined && !killed && killAt.test(output)) {
      killed = true;
      child.kill("SIGKILL");
    }
  };
  child.stdout.on("data", watch);
  child.stderr.on("data", watch);
  const status = await new Promise<number | null>((resolve) => child.once("close", resolve));
  clearTimeout(timer);
  return { status, output, killed };
}

/** Starts anvil on a free port with `args`; its output goes to cache/<name>.log. */
async function startAnvil(name: string, args: string[], chainId: number) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  mkdirSync("cache", { recursive: true });
  const logFile = path.join("cache", `${name}.log`);
  const log = openSync(logFile, "w");
  const anvil = spawn(anvilBinary(), ["--host", "127.0.0.1", "--port", String(port), "--chain-id", String(chainId), ...args], {
    stdio: ["ignore", log, log],
  });
  const stop = () => {
    if (anvil.exitCode === null) anvil.kill("SIGTERM");
    closeSync(log);
  };
  const provider = new JsonRpcProvider(url, chainId, { staticNetwork: true, pollingInterval: 250, cacheTimeout: -1 });
  try {
    await waitForRpc(url, anvil, 10_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, provider, stop, logFile };
}

/** The QBFT kit's example genesis loads in an independent client (anvil ignores extraData and zeroBaseFee). */
async function checkGenesisLoads() {
  const genesisFile = path.join("chain", "example", "genesis.json");
  const genesis = JSON.parse(readFileSync(genesisFile, "utf8")) as {
    config: { chainId: number };
    gasLimit: string;
    alloc: Record<string, { balance: string }>;
  };
  const node = await startAnvil("anvil-genesis", ["--init", genesisFile, "--hardfork", "cancun"], genesis.config.chainId);
  try {
    const [address, { balance }] = Object.entries(genesis.alloc)[0];
    const block0 = await node.provider.getBlock(0);
    check(
      `the QBFT kit's genesis (${genesisFile}) loads in anvil: chain id, allocations and gas limit`,
      Number(await node.provider.send("eth_chainId", [])) === genesis.config.chainId &&
        (await node.provider.getBalance(`0x${address.replace(/^0x/, "")}`)) === BigInt(balance) &&
        block0?.gasLimit === BigInt(genesis.gasLimit),
    );
  } finally {
    node.stop();
  }
}

async function main() {
  const { url, provider, stop, logFile } = await startAnvil(
    "anvil-compat",
    [
      "--hardfork", "cancun",
      "--base-fee", "0", "--gas-price", "0", "--disable-min-priority-fee",
      "--block-time", "1",
      "--mnemonic", TEST_MNEMONIC, "--accounts", "20", "--balance", "1000",
    ],
    CHAIN_ID,
  );
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const version = await provider.send("web3_clientVersion", []);
    const block = await provider.getBlock("latest");
    console.log(`compat: ${version} on ${url}, chain ${CHAIN_ID}, base fee ${block?.baseFeePerGas}, log ${logFile}`);

    const deployer = Wallet.fromPhrase(TEST_MNEMONIC).connect(provider);
    const settings = {
      GOVCHAIN_RPC_URL: url,
      GOVCHAIN_CHAIN_ID: String(CHAIN_ID),
      GOVCHAIN_DEPLOYER_KEY: deployer.privateKey,
      GOVCHAIN_PARAMETERS: path.join("ignition", "parameters", "compat.json"),
      GOVCHAIN_DEPLOYMENT_ID: DEPLOYMENT_ID,
      GOVCHAIN_TX_TYPE: "legacy",
    };
    rmSync(path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID), { recursive: true, force: true });

    console.log("bad input stops before sending:");
    const nonce = () => provider.getTransactionCount(deployer.address, "latest");
    const stopsBeforeSending = async (name: string, env: Record<string, string | undefined>, message: RegExp, account = deployer.address) => {
      const before = await provider.getTransactionCount(account, "latest");
      const { status, output } = await runDeploy(env);
      const after = await provider.getTransactionCount(account, "latest");
      check(name, status === 1 && message.test(output) && after === before, `exit ${status}, nonce ${before}→${after}, output:\n${output.slice(-600)}`);
    };
    await stopsBeforeSending("a wrong chain id", { ...settings, GOVCHAIN_CHAIN_ID: "1" }, /is chain 202611, but network "govchain" is configured for chain 1/);
    await stopsBeforeSending("an unreachable RPC URL", { ...settings, GOVCHAIN_RPC_URL: `http://127.0.0.1:${await freePort()}` }, /cannot reach the node at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    await stopsBeforeSending("a missing deployer key", { ...settings, GOVCHAIN_DEPLOYER_KEY: undefined }, /the deployer key for network "govchain" is not configured.*keystore set GOVCHAIN_DEPLOYER_KEY/s);
    await stopsBeforeSending("a malformed deployer key", { ...settings, GOVCHAIN_DEPLOYER_KEY: "0x1234" }, /the deployer key \(GOVCHAIN_DEPLOYER_KEY\) is not a 32-byte hex private key/);
    await stopsBeforeSending("a chain id that is not a number", { ...settings, GOVCHAIN_CHAIN_ID: "govchain" }, /the chain id for network "govchain" is not a number: govchain/);
    await stopsBeforeSending("an unknown transaction type", { ...settings, GOVCHAIN_TX_TYPE: "eip2930" }, /GOVCHAIN_TX_TYPE must be "auto" or "legacy", not "eip2930"/);
    await stopsBeforeSending(
      "parameters with a placeholder left (the committed govchain.json)",
      { ...settings, GOVCHAIN_PARAMETERS: path.join("ignition", "parameters", "govchain.json") },
      /the parameters are incomplete.*Authority\.guardian is not set.*Procurement\.paymentToken is not set/s,
    );
    // A journal recording a contract the chain does not have (a reset chain, or another with this id).
    const staleId = `${DEPLOYMENT_ID}-stale`;
    mkdirSync(path.join(DEPLOYMENTS_DIR, staleId), { recursive: true });
    writeFileSync(
      path.join(DEPLOYMENTS_DIR, staleId, "deployed_addresses.json"),
      JSON.stringify({ "Authority#GovchainAccessManager": "0x000000000000000000000000000000000000dEaD" }),
    );
    await stopsBeforeSending(
      "a journal that records contracts this chain does not have",
      { ...settings, GOVCHAIN_DEPLOYMENT_ID: staleId },
      /records Authority#GovchainAccessManager at 0x0{36}dEaD, but there is no code there on chain 202611.*GOVCHAIN_DEPLOY_RESET=1/s,
    );
    rmSync(path.join(DEPLOYMENTS_DIR, staleId), { recursive: true, force: true });
    // A chain that charges gas: raise the base fee for one block, try an empty account, lower it again.
    const pauper = Wallet.createRandom();
    await provider.send("anvil_setNextBlockBaseFeePerGas", ["0x3b9aca00"]);
    await provider.send("evm_mine", []);
    await stopsBeforeSending(
      "a deployer without funds on a chain that charges gas",
      { ...settings, GOVCHAIN_DEPLOYER_KEY: pauper.privateKey },
      /the deployer 0x[0-9a-fA-F]{40} holds 0\.0 but the deployment may cost up to/,
      pauper.address,
    );
    await provider.send("anvil_setNextBlockBaseFeePerGas", ["0x0"]);
    await provider.send("evm_mine", []);
    check("nothing was sent by any of them", (await nonce()) === 0, `deployer nonce ${await nonce()}`);

    console.log("deploy with legacy transactions at gas price 0, interrupted and resumed:");
    const balanceBefore = await provider.getBalance(deployer.address);
    // Killed with transactions in flight: after the manager is deployed, at the next transaction sent.
    const crash = await runDeploy(settings, /done Authority#GovchainAccessManager\n[^]*sent /);
    const addressesFile = path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID, "deployed_addresses.json");
    const journaled = existsSync(addressesFile) ? (JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, string>) : {};
    check(
      "a deployment killed half-way leaves a journal with what was deployed",
      crash.killed && journaled["Authority#GovchainAccessManager"] !== undefined && !existsSync(path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID, MANIFEST_FILE)),
      crash.output.slice(-1500),
    );
    const first = await runDeploy(settings);
    check("running the command again resumes it and completes", first.status === 0 && /resuming ignition\/deployments\/compat-/.test(first.output), first.output.slice(-2000));
    const manifestFile = path.join(DEPLOYMENTS_DIR, DEPLOYMENT_ID, MANIFEST_FILE);
    check("the manifest is written", existsSync(manifestFile));
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as DeploymentManifest;
    const records = Object.values(manifest.contracts);
    check(
      "it records chain id, 8 contracts with blocks and code hashes, compiler and git commit",
      manifest.chainId === CHAIN_ID &&
        records.length === 8 &&
        records.every((r) => r.deployedBlock > 0 && /^0x[0-9a-f]{64}$/.test(r.codeHash)) &&
        manifest.compiler.evmVersion === "cancun" &&
        /^[0-9a-f]{40}$/.test(manifest.git.commit),
      JSON.stringify(manifest, null, 1).slice(0, 1500),
    );
    const legacy = await Promise.all(records.map(async (r) => (await provider.getTransaction(r.deploymentTransaction))!));
    check(
      "every deployment transaction is type 0 at gas price 0",
      legacy.every((tx) => tx.type === 0 && tx.gasPrice === 0n),
      legacy.map((tx) => `${tx.type}/${tx.gasPrice}`).join(" "),
    );
    check(
      "the resumed deployment kept what was deployed before the interruption",
      manifest.contracts.GovchainAccessManager.address === journaled["Authority#GovchainAccessManager"],
    );
    check("the deployer paid nothing", (await provider.getBalance(deployer.address)) === balanceBefore);
    const sent = await nonce();
    const again = await runDeploy(settings);
    check(
      "running the deploy again sends nothing and rewrites the same addresses",
      again.status === 0 &&
        (await nonce()) === sent &&
        JSON.stringify((JSON.parse(readFileSync(manifestFile, "utf8")) as DeploymentManifest).contracts) === JSON.stringify(manifest.contracts),
      again.output.slice(-1500),
    );

    console.log("deploy with EIP-1559 transactions (a second deployment on the same chain):");
    const eip1559Id = `${DEPLOYMENT_ID}-eip1559`;
    rmSync(path.join(DEPLOYMENTS_DIR, eip1559Id), { recursive: true, force: true });
    const dynamic = await runDeploy({ ...settings, GOVCHAIN_TX_TYPE: "auto", GOVCHAIN_DEPLOYMENT_ID: eip1559Id });
    const dynamicManifest = existsSync(path.join(DEPLOYMENTS_DIR, eip1559Id, MANIFEST_FILE))
      ? (JSON.parse(readFileSync(path.join(DEPLOYMENTS_DIR, eip1559Id, MANIFEST_FILE), "utf8")) as DeploymentManifest)
      : undefined;
    const dynamicTxs = await Promise.all(
      Object.values(dynamicManifest?.contracts ?? {}).map(async (r) => (await provider.getTransaction(r.deploymentTransaction))!),
    );
    check(
      "the deployment succeeds with type-2 transactions at zero fees (base fee 0)",
      dynamic.status === 0 && dynamicTxs.length === 8 && dynamicTxs.every((tx) => tx.type === 2 && tx.maxFeePerGas === 0n),
      `${dynamicTxs.map((tx) => `${tx.type}/${tx.maxFeePerGas}`).join(" ")}\n${dynamic.output.slice(-1500)}`,
    );

    console.log("smoke flow through the public interfaces (EIP-1559 transactions, zero fees):");
    const { runSmokeFlow } = await import("./compat-smoke.js");
    await runSmokeFlow(url, CHAIN_ID, manifest, check);
  } catch (error) {
    check("the compatibility run completes", false, (error as Error).stack ?? String(error));
  } finally {
    stop();
  }
  try {
    await checkGenesisLoads();
  } catch (error) {
    check("the QBFT genesis check completes", false, (error as Error).stack ?? String(error));
  }
  console.log(`\ncompat: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main();

/**
 * `npm run deploy -- --network <name>`: deploys the whole platform (ignition/modules/Platform.ts) to
 * one network and writes its manifest. The same script serves a local node (`--network localhost`),
 * the compatibility run on anvil and a government PoA chain (`--network govchain`).
 *
 * Before anything is sent it checks: the RPC URL and the deployer key are configured, the node answers,
 * its chain id is the configured one, the parameters file is complete, an earlier half-finished
 * deployment still matches the chain, and the deployer can pay for gas if the chain charges for it.
 * Any failure stops with a message saying what to do and exit code 1, having sent nothing.
 *
 * Ignition keeps a journal in ignition/deployments/<network>-<chainId>/: running the command again
 * resumes an interrupted deployment and sends nothing for one that is complete. Afterwards every
 * address must hold the compiled code, and the manifest (chain id, addresses, deployment blocks,
 * bytecode hashes, compiler settings, git commit) lands in that folder as manifest.json; the dApp's
 * deployments file is regenerated from all manifests.
 *
 * Settings (environment or Hardhat keystore, `npx hardhat keystore set NAME`):
 *   GOVCHAIN_RPC_URL, GOVCHAIN_CHAIN_ID, GOVCHAIN_DEPLOYER_KEY   the govchain network (hardhat.config.ts)
 *   GOVCHAIN_TX_TYPE        "auto" (default: EIP-1559 where the chain has a base fee) or "legacy" (type-0)
 * Environment only:
 *   GOVCHAIN_PARAMETERS     parameters file (default ignition/parameters/<network>.json)
 *   GOVCHAIN_DEPLOYMENT_ID  Ignition deployment id (default <network>-<chainId>)
 *   GOVCHAIN_DEPLOY_RESET=1 discard the journal of an earlier deployment to this id and start over
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import {
  errorDeploymentResultToExceptionMessage,
  HardhatArtifactResolver,
  readDeploymentParameters,
} from "@nomicfoundation/hardhat-ignition/helpers";
import {
  deploy,
  type DeploymentParameters,
  type DeploymentResult,
  DeploymentResultType,
  type EIP1193Provider,
  type ExecutionEventListener,
  type IgnitionModule,
  listTransactions,
} from "@nomicfoundation/ignition-core";
import { computeAddress, formatEther, keccak256 } from "ethers";
import hre from "hardhat";
import type { HttpNetworkConfig } from "hardhat/types/config";

import {
  codeMatchesArtifact,
  type ContractRecord,
  DEPLOYMENTS_DIR,
  type DeploymentManifest,
  deploymentGasBound,
  MANIFEST_FILE,
  parameterProblems,
  type TransactionMode,
} from "../lib/deployments.js";
import { exportDeployments } from "./export-deployments.js";
import { DevStablecoinModule, moduleWork, PlatformModule } from "./modules.js";

/** A stop before sending: the message says what to do. */
class DeployStop extends Error {}

const RPC_TIMEOUT_MS = 10_000;

function say(line: string) {
  console.log(`deploy: ${line}`);
}

/**
 * Progress, one line per transaction sent and per step completed (Ignition's own UI redraws a terminal
 * and repeats itself in CI logs). Every other event is ignored.
 */
const progress = new Proxy({} as ExecutionEventListener, {
  get: (_target, name) => async (event: { futureId?: string; hash?: string; result?: { type: string; error?: string } }) => {
    if (name === "transactionSend") say(`  sent ${event.futureId} (${event.hash})`);
    if (name === "deploymentExecutionStateComplete" || name === "callExecutionStateComplete") {
      const outcome = event.result?.type === "SUCCESS" ? "done" : `${event.result?.type}: ${event.result?.error ?? ""}`;
      say(`  ${outcome} ${event.futureId}`);
    }
  },
});

/** A JSON-RPC call straight to the node, before Hardhat opens a connection that could sign. */
async function rpc<T>(url: string, method: string, params: unknown[] = []): Promise<T> {
  const where = new URL(url).origin;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
      signal: AbortSignal.timeout(RPC_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new DeployStop(
      `cannot reach the node at ${where} (${cause?.code ?? cause?.message ?? (error as Error).message}). ` +
        "Check that the node is running and that the RPC URL is right; nothing was sent.",
    );
  }
  const body = (await response.json().catch(() => ({}))) as { result?: T; error?: { message: string } };
  if (!response.ok || body.error !== undefined || !("result" in body)) {
    throw new DeployStop(
      `the node at ${where} answered ${method} with ${body.error?.message ?? `HTTP ${response.status}`}; nothing was sent.`,
    );
  }
  return body.result as T;
}

/** A configuration variable from the environment, else the Hardhat keystore; `fallback` if neither has it. */
async function configurationValue(name: string, fallback?: string): Promise<string | undefined> {
  if (process.env[name] !== undefined) return process.env[name];
  try {
    return await hre.hooks.runHandlerChain("configurationVariables", "fetchValue", [{ _type: "ConfigurationVariable", name }], async () => {
      throw new Error("unset");
    });
  } catch {
    return fallback;
  }
}

async function resolveSetting(get: () => Promise<string>, name: string | undefined, what: string, network: string) {
  try {
    return await get();
  } catch (error) {
    const variable = name ?? "the variable named in hardhat.config.ts";
    throw new DeployStop(
      `${what} for network "${network}" is not configured (${(error as Error).message.split("\n")[0]}). ` +
        `Store it with \`npx hardhat keystore set ${variable}\` or export ${variable}=…; nothing was sent.`,
    );
  }
}

function gitState() {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).trim() !== "";
    return { commit, dirty };
  } catch {
    return { commit: "unknown", dirty: true };
  }
}

async function main() {
  const network = hre.globalOptions.network;
  if (network === undefined || hre.config.networks[network]?.type !== "http") {
    throw new DeployStop(
      `pass an HTTP network: \`npm run deploy -- --network localhost\` (a running \`npm run node\`) or ` +
        "`--network govchain` (see README, \"Deploy to a government PoA network\"). The in-process network keeps nothing.",
    );
  }
  const config = hre.config.networks[network] as HttpNetworkConfig;

  // 1. Settings: RPC URL, chain id, deployer key, transaction mode, parameters.
  const urlVariable = (config.url as { name?: string }).name;
  const url = await resolveSetting(() => config.url.getUrl(), urlVariable, "the RPC URL", network);
  const chainIdSetting = config.chainId?.toString() ?? (await configurationValue(`${network.toUpperCase()}_CHAIN_ID`));
  if (chainIdSetting === undefined || !/^[1-9][0-9]*$/.test(chainIdSetting)) {
    throw new DeployStop(
      `the chain id for network "${network}" is ${chainIdSetting === undefined ? "not configured" : `not a number: ${chainIdSetting}`}. ` +
        `Set ${network.toUpperCase()}_CHAIN_ID (environment or \`npx hardhat keystore set\`) to the chain id in the network's genesis; nothing was sent.`,
    );
  }
  const expectedChainId = Number(chainIdSetting);
  const mode = (await configurationValue(`${network.toUpperCase()}_TX_TYPE`, "auto")) as TransactionMode;
  if (mode !== "auto" && mode !== "legacy") {
    throw new DeployStop(`${network.toUpperCase()}_TX_TYPE must be "auto" or "legacy", not "${mode}"; nothing was sent.`);
  }

  let deployer: string | undefined;
  const keys = config.accounts;
  if (Array.isArray(keys)) {
    if (keys.length === 0) throw new DeployStop(`network "${network}" has no accounts configured; nothing was sent.`);
    const keyVariable = (keys[0] as { name?: string }).name;
    const key = await resolveSetting(() => keys[0].get(), keyVariable, "the deployer key", network);
    if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) {
      throw new DeployStop(`the deployer key (${keyVariable}) is not a 32-byte hex private key; nothing was sent.`);
    }
    deployer = computeAddress(key.startsWith("0x") ? key : `0x${key}`);
  }

  const parametersFile = process.env.GOVCHAIN_PARAMETERS ?? path.join("ignition", "parameters", `${network}.json`);
  if (!existsSync(parametersFile)) {
    throw new DeployStop(`no parameters file ${parametersFile}: copy ignition/parameters/govchain.json and fill it in; nothing was sent.`);
  }
  const parameters = (await readDeploymentParameters(parametersFile)) as Record<string, Record<string, unknown>>;
  const problems = parameterProblems(parameters, parametersFile);
  if (problems.length > 0) throw new DeployStop(`the parameters are incomplete; nothing was sent.\n  ${problems.join("\n  ")}`);

  // The artifacts Ignition deploys and the manifest records: built from this checkout, now.
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });

  // 2. The node: reachable, the right chain, and (if gas costs anything) a funded deployer.
  const chainId = Number(await rpc<string>(url, "eth_chainId"));
  if (chainId !== expectedChainId) {
    throw new DeployStop(
      `the node at ${new URL(url).origin} is chain ${chainId}, but network "${network}" is configured for chain ${expectedChainId}. ` +
        "Point the RPC URL at the right network or correct the chain id; nothing was sent.",
    );
  }
  if (deployer === undefined) {
    const accounts = await rpc<string[]>(url, "eth_accounts");
    if (accounts.length === 0) throw new DeployStop(`the node at ${new URL(url).origin} manages no accounts and no key is configured; nothing was sent.`);
    deployer = accounts[0];
  }
  say(`network ${network}, chain ${chainId}, deployer ${deployer}, ${mode === "legacy" ? "legacy (type-0)" : "automatic"} transactions`);

  const latest = await rpc<{ baseFeePerGas?: string }>(url, "eth_getBlockByNumber", ["latest", false]);
  const gasPrice = BigInt(await rpc<string>(url, "eth_gasPrice"));
  const baseFee = mode === "legacy" || latest.baseFeePerGas === undefined ? undefined : BigInt(latest.baseFeePerGas);
  // Ignition sends zero fees when the base fee is zero (Besu's zeroBaseFee); otherwise at most 2 × base + tip.
  const price = baseFee === undefined ? (config.ignition.gasPrice ?? gasPrice) : baseFee === 0n ? 0n : baseFee * 2n + gasPrice;
  const balance = BigInt(await rpc<string>(url, "eth_getBalance", [deployer, "latest"]));
  if (price > 0n) {
    const modules = parameters.DevStablecoin === undefined ? [PlatformModule] : [PlatformModule, DevStablecoinModule];
    const { contracts, calls } = moduleWork(modules as IgnitionModule[]);
    const artifacts = await Promise.all(contracts.map((name) => hre.artifacts.readArtifact(name)));
    const needed = deploymentGasBound(artifacts, calls) * price;
    if (balance < needed) {
      throw new DeployStop(
        `the deployer ${deployer} holds ${formatEther(balance)} but the deployment may cost up to ${formatEther(needed)} ` +
          `at ${price} wei per gas. Fund the account (or run the chain with zero gas price); nothing was sent.`,
      );
    }
  } else {
    say("gas is free on this chain (price 0)");
  }

  // 3. The Ignition journal: resume it, unless the chain no longer has what it recorded.
  const deploymentId = process.env.GOVCHAIN_DEPLOYMENT_ID ?? `${network}-${chainId}`;
  const deploymentDir = path.join(DEPLOYMENTS_DIR, deploymentId);
  if (process.env.GOVCHAIN_DEPLOY_RESET === "1" && existsSync(deploymentDir)) {
    say(`GOVCHAIN_DEPLOY_RESET=1: discarding ${deploymentDir}`);
    rmSync(deploymentDir, { recursive: true, force: true });
  }
  const addressesFile = path.join(deploymentDir, "deployed_addresses.json");
  if (existsSync(addressesFile)) {
    const recorded = JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, string>;
    for (const [futureId, address] of Object.entries(recorded)) {
      if ((await rpc<string>(url, "eth_getCode", [address, "latest"])) !== "0x") continue;
      // Hardhat's node (chain 31337) forgets everything on restart, as Ignition's own deploy task assumes.
      if (chainId !== 31337) {
        throw new DeployStop(
          `${deploymentDir} records ${futureId} at ${address}, but there is no code there on chain ${chainId}. ` +
            "The chain was reset, or another chain uses this id. Set GOVCHAIN_DEPLOY_RESET=1 to start a new deployment; nothing was sent.",
        );
      }
      say(`the local chain was restarted (no code at ${address}): starting a new deployment`);
      rmSync(deploymentDir, { recursive: true, force: true });
      break;
    }
    if (existsSync(deploymentDir)) say(`resuming ${deploymentDir}`);
  }

  // 4. Deploy. Ignition sends, waits, and journals each step; QBFT blocks are final, so one confirmation.
  const connection = await hre.network.getOrCreate();
  const provider: EIP1193Provider = {
    request: async (args) => {
      const result = await connection.provider.request(args as never);
      // Legacy mode: hide the base fee so Ignition prices type-0 transactions with eth_gasPrice.
      if (mode === "legacy" && args.method === "eth_getBlockByNumber" && result !== null && typeof result === "object") {
        const { baseFeePerGas: _hidden, ...block } = result as Record<string, unknown>;
        return block;
      }
      return result;
    },
  };
  const accounts = (await connection.provider.request({ method: "eth_accounts" })) as string[];
  const artifactResolver = new HardhatArtifactResolver(hre.artifacts);
  mkdirSync(deploymentDir, { recursive: true });

  const run = async (module: IgnitionModule, moduleParameters: DeploymentParameters) => {
    const result: DeploymentResult = await deploy({
      config: { ...hre.config.ignition, requiredConfirmations: hre.config.ignition.requiredConfirmations ?? 1 },
      provider,
      executionEventListener: progress,
      artifactResolver,
      deploymentDir,
      ignitionModule: module,
      deploymentParameters: moduleParameters,
      accounts,
      defaultSender: deployer,
      gasPrice: config.ignition.gasPrice,
      maxFeePerGasLimit: config.ignition.maxFeePerGasLimit,
      maxPriorityFeePerGas: config.ignition.maxPriorityFeePerGas,
      disableFeeBumping: config.ignition.disableFeeBumping,
    });
    if (result.type !== DeploymentResultType.SUCCESSFUL_DEPLOYMENT) {
      throw new Error(
        `${errorDeploymentResultToExceptionMessage(result)}\nFix the cause and run the same command again: ` +
          `Ignition resumes from ${deploymentDir}.`,
      );
    }
    return result.contracts;
  };

  const deployParameters = structuredClone(parameters) as DeploymentParameters;
  if (parameters.DevStablecoin !== undefined) {
    // Deployed once per deployment. Not re-run on resume: Ignition refuses to run one module while
    // another module's transactions are still pending in the same journal.
    const recorded = existsSync(addressesFile) ? (JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, string>) : {};
    let devToken = recorded["DevStablecoin#TestStablecoin"];
    if (devToken === undefined) {
      say("deploying the development payment token (DevStablecoin)");
      devToken = (await run(DevStablecoinModule as IgnitionModule, deployParameters))["DevStablecoin#TestStablecoin"].address;
    }
    deployParameters.Procurement = { ...(deployParameters.Procurement ?? {}), paymentToken: devToken };
  }
  say("deploying the Platform module");
  // Ignition reports every contract of the deployment (both modules), keyed by future id.
  const deployed = await run(PlatformModule as IgnitionModule, deployParameters);

  // 5. Check the chain holds the compiled code at every address, then write the manifest.
  const transactions = await listTransactions(deploymentDir, artifactResolver);
  const contracts: Record<string, ContractRecord> = {};
  for (const contract of Object.values(deployed) as { id: string; contractName: string; address: string }[]) {
    const artifact = await hre.artifacts.readArtifact(contract.contractName);
    const code = await rpc<string>(url, "eth_getCode", [contract.address, "latest"]);
    if (code === "0x") throw new Error(`no code at ${contract.address} (${contract.id}) after the deployment`);
    if (!codeMatchesArtifact(code, artifact)) {
      throw new Error(`the code at ${contract.address} (${contract.id}) is not the compiled ${contract.contractName}`);
    }
    const tx = transactions.find((t) => t.type === "DEPLOYMENT_EXECUTION_STATE" && t.address?.toLowerCase() === contract.address.toLowerCase());
    if (tx === undefined) throw new Error(`the journal has no deployment transaction for ${contract.id}`);
    const receipt = await rpc<{ blockNumber: string; type: string }>(url, "eth_getTransactionReceipt", [tx.txHash]);
    contracts[contract.contractName] = {
      futureId: contract.id,
      artifact: `${artifact.sourceName}:${artifact.contractName}`,
      address: contract.address,
      deploymentTransaction: tx.txHash,
      deployedBlock: Number(receipt.blockNumber),
      transactionType: Number(receipt.type),
      codeHash: keccak256(code),
      artifactCodeHash: keccak256(artifact.deployedBytecode),
    };
  }
  const paymentToken = deployParameters.Procurement?.paymentToken as string;
  const compiler = hre.config.solidity.profiles.default.compilers[0];
  const settings = compiler.settings as { evmVersion: string; optimizer: { enabled: boolean; runs: number } };
  const manifest: DeploymentManifest = {
    format: "govchain-deployment-1",
    network,
    chainId,
    deploymentId,
    deployer,
    transactionMode: mode,
    paymentToken,
    contracts,
    compiler: { version: compiler.version, evmVersion: settings.evmVersion, optimizer: settings.optimizer },
    git: gitState(),
    parameters: deployParameters as Record<string, Record<string, unknown>>,
    writtenAt: new Date().toISOString(),
  };
  const manifestFile = path.join(deploymentDir, MANIFEST_FILE);
  writeFileSync(manifestFile, `${JSON.stringify(manifest, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`);
  const dappFile = await exportDeployments();

  console.log();
  for (const [name, record] of Object.entries(contracts)) {
    console.log(`  ${name.padEnd(22)} ${record.address}  block ${record.deployedBlock}  type ${record.transactionType}`);
  }
  say(`code checked at ${Object.keys(contracts).length} addresses; manifest ${manifestFile}; dApp file ${dappFile}`);
}

try {
  await main();
} catch (error) {
  if (error instanceof DeployStop) {
    console.error(`deploy: stopped: ${error.message}`);
  } else {
    console.error(`deploy: failed: ${(error as Error).message}`);
  }
  process.exitCode = 1;
}

/**
 * The deployment manifest: what `npm run deploy` writes after a deployment and every later tool (the
 * dApp's generated deployments file, seeding, the compatibility run) reads. Pure functions only: the
 * scripts do the I/O. Browser-safe (no ethers, no Buffer, no Node module): the dApp may import it.
 */
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";

import { fromHex, type Hex, toHex } from "./hashing.js";

/** Hardhat's and anvil's well-known test mnemonic: for local and compatibility chains only, never a real one. */
export const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";

/** Where Ignition keeps deployments, and the manifest inside each one. */
export const DEPLOYMENTS_DIR = "ignition/deployments";
export const MANIFEST_FILE = "manifest.json";
/**
 * The dApp's generated file (git-ignored): each ABI once (`export const <name>Abi = [...] as const`) and
 * `deployments = { [chainId]: { <Name>: { address, deployedBlock } } } as const`.
 */
export const DAPP_DEPLOYMENTS_FILE = "frontend/src/contracts/deployments.ts";
/**
 * The committed stand-in the dApp compiles against until the generated file exists (a fresh clone): the
 * same exports, no chain, ABIs typed loosely. The exporter rewrites it when the set of contracts changes.
 */
export const DAPP_DEPLOYMENTS_STUB_FILE = "frontend/src/contracts/deployments.stub.ts";

export type TransactionMode = "auto" | "legacy";

export interface ContractRecord {
  /** Ignition future id, e.g. "Authority#GovchainAccessManager". */
  futureId: string;
  /** Fully qualified source name, e.g. "contracts/authority/DepartmentDirectory.sol:DepartmentDirectory". */
  artifact: string;
  address: string;
  deploymentTransaction: string;
  deployedBlock: number;
  /** Transaction type of the deployment transaction (0 legacy, 2 EIP-1559). */
  transactionType: number;
  /** keccak256 of the runtime code at `address`, immutables included. */
  codeHash: string;
  /** keccak256 of the compiled runtime code with immutables zeroed: equal for every deployment of a build. */
  artifactCodeHash: string;
}

export interface DeploymentManifest {
  format: "govchain-deployment-1";
  network: string;
  chainId: number;
  deploymentId: string;
  deployer: string;
  transactionMode: TransactionMode;
  /** The ERC-20 the tender budgets are paid in (deployed here only on development chains). */
  paymentToken: string;
  contracts: Record<string, ContractRecord>;
  compiler: { version: string; evmVersion: string; optimizer: { enabled: boolean; runs: number } };
  git: { commit: string; dirty: boolean };
  parameters: Record<string, Record<string, unknown>>;
  writtenAt: string;
}

export type ImmutableReferences = Record<string, readonly { start: number; length: number }[]>;

/** keccak256 of hex-encoded bytes, as 0x-prefixed hex. */
export function keccakHex(hex: string): Hex {
  return toHex(keccak_256(fromHex(hex)));
}

/** Whether `value` is a 20-byte hex address; a mixed-case one must carry a valid EIP-55 checksum. */
export function isAddress(value: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return false;
  const digits = value.slice(2);
  if (digits === digits.toLowerCase() || digits === digits.toUpperCase()) return true;
  return checksumAddress(value) === value;
}

/** The EIP-55 checksummed form of an address (throws on anything that is not 20 bytes of hex). */
export function checksumAddress(address: string): Hex {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw new Error(`not an address: ${JSON.stringify(address)}`);
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak_256(utf8ToBytes(lower)));
  let out = "0x";
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i];
  return out as Hex;
}

/** Runtime code with every immutable's bytes zeroed, so a deployed contract can be compared with its artifact. */
export function maskImmutables(code: string, references: ImmutableReferences | undefined): string {
  const bytes = fromHex(code);
  for (const ranges of Object.values(references ?? {})) {
    for (const { start, length } of ranges) bytes.fill(0, start, start + length);
  }
  return toHex(bytes);
}

/** Whether `onchainCode` is the artifact's runtime code (immutables aside). */
export function codeMatchesArtifact(
  onchainCode: string,
  artifact: { deployedBytecode: string; immutableReferences?: ImmutableReferences },
): boolean {
  if (onchainCode.length !== artifact.deployedBytecode.length) return false;
  return (
    keccakHex(maskImmutables(onchainCode, artifact.immutableReferences)) ===
    keccakHex(maskImmutables(artifact.deployedBytecode, artifact.immutableReferences))
  );
}

/**
 * Checks the parameters of a deployment before anything is sent: every placeholder ("SET-ME…") is
 * filled, every address is one, and the tender escrow has a payment token (or a dev token is deployed).
 * Returns the problems, one line each; empty when the parameters are usable.
 */
export function parameterProblems(parameters: Record<string, Record<string, unknown>>, file: string): string[] {
  const problems: string[] = [];
  for (const [module, values] of Object.entries(parameters)) {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (typeof value === "string" && value.startsWith("SET-ME")) {
        problems.push(`${file}: ${module}.${key} is not set (${value.slice("SET-ME:".length).trim()})`);
      } else if (typeof value === "string" && value.startsWith("0x") && !isAddress(value)) {
        problems.push(`${file}: ${module}.${key} is not a valid address: ${value}`);
      }
    }
  }
  const paymentToken = parameters.Procurement?.paymentToken;
  const devToken = parameters.DevStablecoin !== undefined;
  if (paymentToken === undefined && !devToken) {
    problems.push(`${file}: Procurement.paymentToken is missing (the ERC-20 the tender budgets are paid in)`);
  }
  if (paymentToken !== undefined && devToken) {
    problems.push(`${file}: give either Procurement.paymentToken or a DevStablecoin entry, not both`);
  }
  return problems;
}

/**
 * An upper bound on the gas a deployment needs, from the artifacts' code sizes: per contract, the
 * creation transaction (21,000 + 32,000 + 16 per initcode byte + 200 per runtime byte + constructor
 * work), plus a generous allowance per wiring call. Used to refuse an unfunded deployer up front.
 */
export function deploymentGasBound(contracts: readonly { bytecode: string; deployedBytecode: string }[], calls: number) {
  let gas = 0n;
  for (const { bytecode, deployedBytecode } of contracts) {
    const initBytes = BigInt((bytecode.length - 2) / 2);
    const runtimeBytes = BigInt((deployedBytecode.length - 2) / 2);
    gas += 21_000n + 32_000n + 16n * initBytes + 200n * runtimeBytes + 300_000n;
  }
  return gas + BigInt(calls) * 150_000n;
}

/** The identifier a contract's ABI is exported under: `TenderEscrow` → `tenderEscrowAbi`, `ERC20Mock` → `erc20MockAbi`. */
export function abiExportName(contractName: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(contractName)) throw new Error(`not a contract name: ${JSON.stringify(contractName)}`);
  return `${contractName.replace(/^[A-Z]+(?=[A-Z][a-z]|\d|$)|^[A-Z]/, (head) => head.toLowerCase())}Abi`;
}

const GENERATED_HEADER =
  "// Generated by `npm run deploy` / `npm run export` (scripts/export-deployments.ts) from the compiled\n" +
  "// artifacts and ignition/deployments/*/manifest.json. Do not edit: redeploy or run `npm run export`.\n";

/**
 * The contracts the dApp knows: every contract of the deployable modules (`contracts`, so the ABIs are
 * there before anything is deployed) and every contract some manifest records, by name, sorted.
 */
export function dappContractNames(contracts: readonly string[], manifests: readonly DeploymentManifest[]): string[] {
  const names = new Set(contracts);
  for (const manifest of manifests) for (const name of Object.keys(manifest.contracts)) names.add(name);
  return [...names].sort();
}

/**
 * Renders the dApp's generated deployments module (wagmi CLI's `xAbi` + addresses-per-chain shape):
 *
 *   export const tenderEscrowAbi = [...] as const;            // each ABI once, from the artifacts
 *   export const abis = { TenderEscrow: tenderEscrowAbi, ... } as const;
 *   export const deployments = { 202611: { TenderEscrow: { address, deployedBlock } } } as const;
 *
 * `contracts` are the contract names to emit an ABI for (see `dappContractNames`); `abiOf` returns a
 * contract's ABI from its compiled artifact at export time, so nothing here ever hard-codes one.
 */
export function renderDappDeployments(
  manifests: readonly DeploymentManifest[],
  contracts: readonly string[],
  abiOf: (contractName: string) => readonly unknown[],
): string {
  const names = [...contracts].sort();
  const byChain: Record<string, Record<string, { address: string; deployedBlock: number }>> = {};
  for (const manifest of [...manifests].sort((a, b) => a.chainId - b.chainId)) {
    if (!Number.isSafeInteger(manifest.chainId) || manifest.chainId <= 0) throw new Error(`manifest has a bad chain id: ${manifest.chainId}`);
    if (byChain[manifest.chainId] !== undefined) throw new Error(`two manifests for chain ${manifest.chainId}: keep one deployment per chain`);
    const entries: (typeof byChain)[string] = {};
    for (const [name, record] of Object.entries(manifest.contracts).sort(([a], [b]) => a.localeCompare(b))) {
      if (!names.includes(name)) throw new Error(`chain ${manifest.chainId} records ${name}, which has no ABI in the export`);
      entries[name] = { address: checksumAddress(record.address), deployedBlock: record.deployedBlock };
    }
    byChain[String(manifest.chainId)] = entries;
  }
  const abiBlocks = names.map((name) => `export const ${abiExportName(name)} = ${JSON.stringify(abiOf(name), null, 2)} as const;\n`);
  return (
    GENERATED_HEADER +
    "\n" +
    abiBlocks.join("\n") +
    "\n/** Every ABI by contract name (the error decoder looks an unknown selector up across all of them). */\n" +
    `export const abis = {\n${names.map((name) => `  ${name}: ${abiExportName(name)},\n`).join("")}} as const;\n\n` +
    "/** Per chain id, each deployed contract's address and the block it was deployed in (event queries start there). */\n" +
    `export const deployments = ${JSON.stringify(byChain, null, 2)} as const;\n`
  );
}

/**
 * Renders the committed stub (DAPP_DEPLOYMENTS_STUB_FILE): the generated module's exports with no chain
 * and ABIs typed `any`, so a fresh clone, which has no artifacts yet, type-checks and builds. Only the
 * contract names are in it: it changes when a contract is added or removed, not when an ABI changes.
 */
export function renderDappDeploymentsStub(contracts: readonly string[]): string {
  const names = [...contracts].sort();
  return (
    "// The stand-in for deployments.ts (generated, git-ignored) in a fresh clone: same exports, no chain.\n" +
    "// Rewritten by `npm run export` when the set of contracts changes. Do not edit.\n" +
    "//\n" +
    "// The ABIs are `any` on purpose: code written against the generated, fully typed ABIs must also compile\n" +
    "// here, and any narrower type (viem's `Abi`) would make every typed read fail to compile.\n" +
    "/* eslint-disable @typescript-eslint/no-explicit-any */\n" +
    "\n" +
    names.map((name) => `export const ${abiExportName(name)}: any = [];\n`).join("") +
    "\n" +
    `export const abis = {\n${names.map((name) => `  ${name}: ${abiExportName(name)},\n`).join("")}} as const;\n\n` +
    "export const deployments: {\n" +
    "  readonly [chainId: number]: { readonly [name: string]: { readonly address: `0x${string}`; readonly deployedBlock: number } };\n" +
    "} = {};\n"
  );
}

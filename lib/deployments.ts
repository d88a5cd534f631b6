/**
 * The deployment manifest: what `npm run deploy` writes after a deployment and every later tool (the
 * dApp's generated deployments file, seeding, the compatibility run) reads. Pure functions only: the
 * scripts do the I/O.
 */
import { getAddress, isAddress, keccak256 } from "ethers";

/** Hardhat's and anvil's well-known test mnemonic: for local and compatibility chains only, never a real one. */
export const LOCAL_TEST_MNEMONIC = "test test test test test test test test test test test junk";

/** Where Ignition keeps deployments, and the manifest inside each one. */
export const DEPLOYMENTS_DIR = "ignition/deployments";
export const MANIFEST_FILE = "manifest.json";
/** The dApp's generated file: `{ chainId: { Name: { address, abi, deployedBlock } } }`. */
export const DAPP_DEPLOYMENTS_FILE = "frontend/src/contracts/deployments.ts";

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

/** Runtime code with every immutable's bytes zeroed, so a deployed contract can be compared with its artifact. */
export function maskImmutables(code: string, references: ImmutableReferences | undefined): string {
  const bytes = Buffer.from(code.replace(/^0x/, ""), "hex");
  for (const ranges of Object.values(references ?? {})) {
    for (const { start, length } of ranges) bytes.fill(0, start, start + length);
  }
  return `0x${bytes.toString("hex")}`;
}

/** Whether `onchainCode` is the artifact's runtime code (immutables aside). */
export function codeMatchesArtifact(
  onchainCode: string,
  artifact: { deployedBytecode: string; immutableReferences?: ImmutableReferences },
): boolean {
  if (onchainCode.length !== artifact.deployedBytecode.length) return false;
  return (
    keccak256(maskImmutables(onchainCode, artifact.immutableReferences)) ===
    keccak256(maskImmutables(artifact.deployedBytecode, artifact.immutableReferences))
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

/** Renders the dApp's generated deployments module from the manifests and ABIs. */
export function renderDappDeployments(
  manifests: readonly DeploymentManifest[],
  abiOf: (artifact: string) => readonly unknown[],
): string {
  const byChain: Record<string, Record<string, { address: string; abi: readonly unknown[]; deployedBlock: number }>> = {};
  for (const manifest of [...manifests].sort((a, b) => a.chainId - b.chainId)) {
    const entries: (typeof byChain)[string] = {};
    for (const [name, record] of Object.entries(manifest.contracts).sort(([a], [b]) => a.localeCompare(b))) {
      entries[name] = { address: getAddress(record.address), abi: abiOf(record.artifact), deployedBlock: record.deployedBlock };
    }
    byChain[String(manifest.chainId)] = entries;
  }
  return (
    "// Generated by `npm run deploy` (scripts/export-deployments.ts) from ignition/deployments/*/manifest.json.\n" +
    "// Do not edit: redeploy or run `npm run export` instead.\n" +
    `export const deployments = ${JSON.stringify(byChain, null, 2)} as const;\n\n` +
    "export type DeployedChainId = keyof typeof deployments;\n"
  );
}

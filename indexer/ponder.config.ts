/**
 * The indexer's configuration: the chain from the environment, every contract (address, ABI, start block)
 * from the deployment manifest and the compiled artifacts, never typed by hand.
 *
 *   GOVCHAIN_CHAIN_ID   chain id (default 86086)
 *   GOVCHAIN_RPC_URL    JSON-RPC URL (default http://127.0.0.1:8545)
 *   GOVCHAIN_RPC_LANES  parallel request lanes to it (default 8; see README.md)
 *   GOVCHAIN_LOGS_RANGE blocks per eth_getLogs request (default 5000, Besu's default --rpc-max-logs-range)
 *   GOVCHAIN_MANIFEST   deployment manifest (default ../ignition/deployments/local-86086/manifest.json)
 *   GOVCHAIN_ARTIFACTS  Hardhat artifacts folder (default ../artifacts)
 *   DATABASE_URL        PostgreSQL; without it the embedded PGlite in GOVCHAIN_INDEXER_DATA (default ../data/indexer)
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { createConfig } from "ponder";
import type { Abi } from "viem";

const here = path.dirname(new URL(import.meta.url).pathname);
const fromHere = (p: string) => path.resolve(here, p);

const chainId = Number(process.env.GOVCHAIN_CHAIN_ID ?? 86086);
if (!Number.isSafeInteger(chainId) || chainId <= 0) throw new Error(`GOVCHAIN_CHAIN_ID is not a chain id: ${process.env.GOVCHAIN_CHAIN_ID}`);
const rpcUrl = process.env.GOVCHAIN_RPC_URL ?? "http://127.0.0.1:8545";
const rpcLanes = Number(process.env.GOVCHAIN_RPC_LANES ?? 8);
if (!Number.isSafeInteger(rpcLanes) || rpcLanes < 1 || rpcLanes > 64) throw new Error(`GOVCHAIN_RPC_LANES must be 1 to 64, not ${process.env.GOVCHAIN_RPC_LANES}`);
const logsRange = Number(process.env.GOVCHAIN_LOGS_RANGE ?? 5000);
if (!Number.isSafeInteger(logsRange) || logsRange < 1) throw new Error(`GOVCHAIN_LOGS_RANGE must be a positive number of blocks, not ${process.env.GOVCHAIN_LOGS_RANGE}`);
const manifestFile = fromHere(process.env.GOVCHAIN_MANIFEST ?? "../ignition/deployments/local-86086/manifest.json");
const artifactsDir = fromHere(process.env.GOVCHAIN_ARTIFACTS ?? "../artifacts");

interface ManifestContract {
  artifact: string;
  address: `0x${string}`;
  deployedBlock: number;
}
const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
  chainId: number;
  paymentToken: `0x${string}`;
  contracts: Record<string, ManifestContract>;
};
if (manifest.chainId !== chainId) {
  throw new Error(`${manifestFile} is for chain ${manifest.chainId}, GOVCHAIN_CHAIN_ID is ${chainId}`);
}

function contract(name: string) {
  const record = manifest.contracts[name];
  if (!record) throw new Error(`${manifestFile} has no ${name}`);
  // "contracts/procurement/TenderEscrow.sol:TenderEscrow" → artifacts/contracts/procurement/TenderEscrow.sol/TenderEscrow.json
  const [source, contractName] = record.artifact.split(":");
  const artifact = JSON.parse(readFileSync(path.join(artifactsDir, source!, `${contractName}.json`), "utf8")) as { abi: Abi };
  return { chain: "govchain" as const, abi: artifact.abi, address: record.address, startBlock: record.deployedBlock };
}

const erc20Transfer = [
  {
    type: "event",
    name: "Transfer",
    inputs: [
      { name: "from", type: "address", indexed: true },
      { name: "to", type: "address", indexed: true },
      { name: "value", type: "uint256", indexed: false },
    ],
  },
] as const;
const escrow = contract("TenderEscrow");
const paymentToken = { chain: "govchain" as const, abi: erc20Transfer, address: manifest.paymentToken, startBlock: escrow.startBlock };

export default createConfig({
  database: process.env.DATABASE_URL
    ? { kind: "postgres", connectionString: process.env.DATABASE_URL }
    : { kind: "pglite", directory: fromHere(process.env.GOVCHAIN_INDEXER_DATA ?? "../data/indexer") },
  chains: {
    govchain: { id: chainId, rpc: Array.from({ length: rpcLanes }, () => rpcUrl), pollingInterval: 500, ethGetLogsBlockRange: logsRange },
  },
  contracts: {
    TenderEscrow: escrow,
    DepartmentDirectory: contract("DepartmentDirectory"),
    CertificateRegistry: contract("CertificateRegistry"),
    LicenseRegistry: contract("LicenseRegistry"),
    ConsentRegistry: contract("ConsentRegistry"),
    // The payment token's transfers into and out of the escrow: the value it holds, from events alone (two
    // contracts, as Ponder 0.16 keeps only one of two filters on the same event of one contract).
    PaymentTokenIn: { ...paymentToken, filter: { event: "Transfer", args: { to: escrow.address } } },
    PaymentTokenOut: { ...paymentToken, filter: { event: "Transfer", args: { from: escrow.address } } },
  },
});

/**
 * What the verification pages share for reading the chain: one client on the configured chain, reads
 * pinned to one block (every fact on a page is from the same moment), and errors sorted into the states
 * a page shows (chain unreachable, contracts missing, a named revert).
 */
import { BaseError, ContractFunctionRevertedError, HttpRequestError, type PublicClient, TimeoutError } from "viem";

import { config } from "../../config";
import { abis, type ContractName, deploymentOf, deploymentTable } from "../../contracts";

/** The chain cannot be read: the page shows the unreachable banner rather than a result. */
export class ChainUnavailableError extends Error {
  constructor(
    readonly reason: "unreachable" | "notDeployed",
    cause?: unknown,
  ) {
    super(reason === "unreachable" ? "the chain's node does not answer" : `the platform's contracts are not deployed on chain ${config.chainId}`, {
      cause,
    });
    this.name = "ChainUnavailableError";
  }
}

export function deployed(name: ContractName) {
  const deployment = deploymentOf(deploymentTable, config.chainId, name);
  if (deployment === undefined) throw new ChainUnavailableError("notDeployed");
  return {
    address: deployment.address,
    abi: abis[name],
    fromBlock: BigInt(deployment.deployedBlock),
  };
}

/** The name of the custom error a read reverted with (e.g. "LicenseUnknown"), or undefined for any other failure. */
export function revertName(error: unknown): string | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
}

/** Rethrows a transport failure as ChainUnavailableError, so pages can tell "unreachable" from "not found". */
export function asChainError(error: unknown): unknown {
  if (error instanceof BaseError && error.walk((e) => e instanceof HttpRequestError || e instanceof TimeoutError) !== null) {
    return new ChainUnavailableError("unreachable", error);
  }
  if (error instanceof TypeError) return new ChainUnavailableError("unreachable", error); // fetch itself failed
  return error;
}

/** The latest block: every read of one verification is made at it. */
export async function pinnedBlock(client: PublicClient) {
  const block = await client.getBlock({ blockTag: "latest" });
  return { blockNumber: block.number, timestamp: Number(block.timestamp) };
}

/** The time of each block the given logs were in (each block read once), to date a record's history. */
export async function blockTimes(client: PublicClient, logs: readonly { blockNumber: bigint }[]): Promise<Map<bigint, number>> {
  const blocks = await Promise.all([...new Set(logs.map((log) => log.blockNumber))].map((blockNumber) => client.getBlock({ blockNumber })));
  return new Map(blocks.map((block) => [block.number, Number(block.timestamp)]));
}

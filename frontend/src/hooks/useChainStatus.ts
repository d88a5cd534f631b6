/**
 * Whether the configured chain answers, which chain the node is really on, and its latest block (live).
 * A node that is down or on another chain is a state to show, never an exception.
 */
import { useQuery } from "@tanstack/react-query";
import { hexToNumber } from "viem";
import { useBlock, useBlockNumber, useClient } from "wagmi";

import { config } from "../config";
import { POLLING_INTERVAL_MS } from "../wagmi";

/** "wrong-chain": the node answers, but for another chain id than the configured one. */
export type NodeState = "checking" | "ok" | "down" | "wrong-chain";

export interface ChainStatus {
  node: NodeState;
  /** The chain id the node reports (eth_chainId), once it has answered. */
  nodeChainId: number | undefined;
  blockNumber: bigint | undefined;
  /** Unix seconds of the latest block. */
  blockTimestamp: bigint | undefined;
}

/** How often the node's health is checked (its chain id: one cheap call). */
export const HEALTH_INTERVAL_MS = 5_000;

export function useChainStatus(): ChainStatus {
  const client = useClient({ chainId: config.chainId });
  const health = useQuery({
    queryKey: ["govchain", "eth_chainId", config.rpcUrl],
    queryFn: async () => {
      if (client === undefined) throw new Error(`no client for chain ${config.chainId}`);
      return hexToNumber(await client.request({ method: "eth_chainId" }));
    },
    refetchInterval: HEALTH_INTERVAL_MS,
    retry: false,
  });
  const blockNumber = useBlockNumber({ chainId: config.chainId, watch: { pollingInterval: POLLING_INTERVAL_MS }, query: { retry: false } });
  const block = useBlock({
    chainId: config.chainId,
    blockNumber: blockNumber.data,
    query: { enabled: blockNumber.data !== undefined, retry: false, staleTime: Infinity },
  });

  const node: NodeState = health.isError ? "down" : !health.isSuccess ? "checking" : health.data === config.chainId ? "ok" : "wrong-chain";
  return {
    node,
    nodeChainId: health.data,
    blockNumber: blockNumber.data,
    blockTimestamp: block.data?.timestamp,
  };
}

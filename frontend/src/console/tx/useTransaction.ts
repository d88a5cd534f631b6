/**
 * The one hook every write of the console goes through, in the order people know from the best dApps:
 * simulate first (a revert is shown before the wallet opens), then the wallet prompt, then pending with
 * the transaction hash, then confirmed with its block, or reverted. A rejection in the wallet is
 * "cancelled": nothing was sent.
 */
import { useCallback, useRef, useState } from "react";
import type { Abi, Address, Hash, TransactionReceipt } from "viem";
import { useConfig } from "wagmi";
import { getConnection, getPublicClient, simulateContract, switchChain, waitForTransactionReceipt, writeContract } from "wagmi/actions";

import { config as appConfig } from "../../config";
import { type DecodedError, decodeError } from "../errors/decode";

export type TransactionState =
  | { status: "idle" }
  | { status: "simulating" }
  | { status: "wallet" }
  | { status: "pending"; hash: Hash }
  | { status: "confirmed"; hash: Hash; blockNumber: bigint }
  | {
      status: "reverted";
      hash: Hash;
      blockNumber: bigint;
      error: DecodedError | undefined;
    }
  | { status: "cancelled" }
  /** `stage`: whether the simulation refused it (nothing was asked of the wallet) or the wallet / node failed. */
  | { status: "failed"; stage: "simulation" | "wallet"; error: DecodedError };

/** One contract call, as viem's simulateContract takes it. */
export interface ContractCall {
  address: Address;
  abi: Abi | readonly unknown[];
  functionName: string;
  args?: readonly unknown[];
}

export function useTransaction() {
  const wagmiConfig = useConfig();
  const [state, setState] = useState<TransactionState>({ status: "idle" });
  const running = useRef(false);

  const send = useCallback(
    async (call: ContractCall): Promise<TransactionReceipt | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      try {
        const connection = getConnection(wagmiConfig);
        if (connection.address === undefined) {
          setState({
            status: "failed",
            stage: "simulation",
            error: { kind: "other", message: "no wallet connected" },
          });
          return undefined;
        }
        setState({ status: "simulating" });
        let request;
        try {
          // Against the pending block: its timestamp is now, as the transaction's block's will be, not the
          // last block's (a scheduled operation just due, an award just after the reveal deadline).
          ({ request } = await simulateContract(wagmiConfig, {
            ...call,
            account: connection.address,
            chainId: appConfig.chainId,
            blockTag: "pending",
          }));
        } catch (error) {
          setState({
            status: "failed",
            stage: "simulation",
            error: decodeError(error),
          });
          return undefined;
        }
        setState({ status: "wallet" });
        let hash: Hash;
        try {
          if (connection.chainId !== appConfig.chainId) await switchChain(wagmiConfig, { chainId: appConfig.chainId });
          // the simulation's block tag is not part of the transaction
          const { blockTag: _pending, ...transaction } = request as typeof request & { blockTag?: string };
          hash = await writeContract(wagmiConfig, transaction as never);
        } catch (error) {
          const decoded = decodeError(error);
          setState(decoded.kind === "rejected" ? { status: "cancelled" } : { status: "failed", stage: "wallet", error: decoded });
          return undefined;
        }
        setState({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(wagmiConfig, {
          hash,
          chainId: appConfig.chainId,
        });
        if (receipt.status === "success") {
          setState({
            status: "confirmed",
            hash,
            blockNumber: receipt.blockNumber,
          });
          return receipt;
        }
        setState({
          status: "reverted",
          hash,
          blockNumber: receipt.blockNumber,
          error: await replayRevert(wagmiConfig, call, connection.address, receipt),
        });
        return undefined;
      } finally {
        running.current = false;
      }
    },
    [wagmiConfig],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  const busy = state.status === "simulating" || state.status === "wallet" || state.status === "pending";
  return { state, send, reset, busy };
}

/** Why a mined transaction reverted: the same call replayed on the state of the block before it. */
async function replayRevert(
  wagmiConfig: ReturnType<typeof useConfig>,
  call: ContractCall,
  account: Address,
  receipt: TransactionReceipt,
): Promise<DecodedError | undefined> {
  try {
    const client = getPublicClient(wagmiConfig, { chainId: appConfig.chainId });
    await client?.simulateContract({
      ...call,
      account,
      blockNumber: receipt.blockNumber - 1n,
    } as never);
    return undefined;
  } catch (error) {
    return decodeError(error);
  }
}

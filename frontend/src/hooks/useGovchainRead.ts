/**
 * A typed read of a platform contract by name (scaffold-eth-2's useScaffoldReadContract): the address
 * comes from the deployments file for the configured chain, the types from the contract's ABI, and the
 * query waits until the contract is deployed and every argument is defined. `watch` re-reads on each
 * new block.
 */
import { useEffect } from "react";
import type { ContractFunctionArgs, ContractFunctionName, ReadContractReturnType } from "viem";
import { useBlockNumber, useReadContract } from "wagmi";

import { config } from "../config";
import { abis, type ContractName, deploymentOf, deploymentTable } from "../contracts";

type AbiOf<N extends ContractName> = (typeof abis)[N];
type ReadFunction<N extends ContractName> = ContractFunctionName<AbiOf<N>, "pure" | "view">;
type ReadArgs<N extends ContractName, F extends ReadFunction<N>> = ContractFunctionArgs<AbiOf<N>, "pure" | "view", F>;
type IsAny<T> = 0 extends 1 & T ? true : false;
/**
 * The decoded result. Against the committed stub (a fresh clone, ABIs typed `any`) viem would infer
 * `unknown`, and code written against the generated ABIs would not compile there; so the result is
 * `any` then, and fully typed whenever the generated file exists (CI type-checks with it).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReadData<N extends ContractName, F extends ReadFunction<N>> = IsAny<AbiOf<N>> extends true ? any : ReadContractReturnType<AbiOf<N>, F, ReadArgs<N, F>>;

export function useGovchainRead<const N extends ContractName, const F extends ReadFunction<N>>(parameters: {
  contract: N;
  functionName: F;
  args?: ReadArgs<N, F>;
  watch?: boolean;
}) {
  const { contract, functionName, args, watch = false } = parameters;
  const deployment = deploymentOf(deploymentTable, config.chainId, contract);
  const argumentsReady = !((args ?? []) as readonly unknown[]).some((value) => value === undefined);
  // wagmi cannot check parameters whose ABI is still a type parameter (its conditional types do not
  // resolve for a generic N); the public signature above is what keeps callers typed, as in scaffold-eth-2.
  const result = useReadContract({
    chainId: config.chainId,
    address: deployment?.address,
    abi: abis[contract] as AbiOf<N>,
    functionName,
    args,
    query: { enabled: deployment !== undefined && argumentsReady },
  } as never) as ReturnType<typeof useReadContract<AbiOf<N>, F, ReadArgs<N, F>>>;
  const { data: blockNumber } = useBlockNumber({ chainId: config.chainId, watch, query: { enabled: watch } });
  const { refetch } = result;
  useEffect(() => {
    if (watch && blockNumber !== undefined && deployment !== undefined) void refetch();
  }, [watch, blockNumber, deployment, refetch]);
  return { ...result, data: result.data as ReadData<N, F> | undefined, deployed: deployment !== undefined };
}

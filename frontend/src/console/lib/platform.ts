/** The platform's contracts on the configured chain, for the console's reads and writes. */
import type { Address } from "viem";

import { config as appConfig } from "../../config";
import { abis, type ContractName, deploymentOf, deploymentTable } from "../../contracts";

/** A deployed contract's address and ABI; undefined when the configured chain has no such deployment. */
export function platformContract<const N extends ContractName>(name: N): { address: Address; abi: (typeof abis)[N] } | undefined {
  const deployment = deploymentOf(deploymentTable, appConfig.chainId, name);
  return deployment === undefined ? undefined : { address: deployment.address, abi: abis[name] };
}

/** Like platformContract, for code that runs only once the console has checked the deployment exists. */
export function requireContract<const N extends ContractName>(name: N): { address: Address; abi: (typeof abis)[N] } {
  const contract = platformContract(name);
  if (contract === undefined) throw new Error(`${name} is not deployed on chain ${appConfig.chainId}`);
  return contract;
}

import { config } from "../config";
import { contractsOn, deployedChainIds, deploymentTable } from "../contracts";

/** The contracts deployed on the configured chain (undefined: none), and every chain the file knows. */
export function useDeployedContracts() {
  return {
    contracts: contractsOn(deploymentTable, config.chainId),
    knownChains: deployedChainIds(deploymentTable),
  };
}

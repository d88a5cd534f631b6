/**
 * The contracts the dApp knows, from the generated deployments file (or, in a fresh clone, its committed
 * stub): ABIs by name, and per chain each contract's address and deployment block. No address is ever
 * typed by hand.
 */
import { abis, deployments } from "@deployments";
import type { Address } from "viem";

export { abis };

export type ContractName = keyof typeof abis;

export interface ContractDeployment {
  readonly address: Address;
  readonly deployedBlock: number;
}

/** The deployments file's shape, whatever chains it holds (the generated one is a narrower literal type). */
export type DeploymentTable = {
  readonly [chainId: string | number]: { readonly [name: string]: ContractDeployment } | undefined;
};

export interface DeployedContract extends ContractDeployment {
  readonly name: string;
}

export const deploymentTable: DeploymentTable = deployments;

/** The contracts deployed on `chainId`, sorted by name; undefined when the file has no such chain. */
export function contractsOn(table: DeploymentTable, chainId: number): DeployedContract[] | undefined {
  const chain = Object.hasOwn(table, chainId) ? table[chainId] : undefined;
  if (chain === undefined) return undefined;
  return Object.entries(chain)
    .map(([name, { address, deployedBlock }]) => ({ name, address, deployedBlock }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The chain ids the file has a deployment for, ascending. */
export function deployedChainIds(table: DeploymentTable): number[] {
  return Object.keys(table)
    .map(Number)
    .sort((a, b) => a - b);
}

/** One contract's deployment on `chainId`, or undefined. */
export function deploymentOf(table: DeploymentTable, chainId: number, name: string): ContractDeployment | undefined {
  const chain = Object.hasOwn(table, chainId) ? table[chainId] : undefined;
  return chain !== undefined && Object.hasOwn(chain, name) ? chain[name] : undefined;
}

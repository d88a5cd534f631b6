import { describe, expect, it } from "vitest";

import { contractsOn, deployedChainIds, type DeploymentTable, deploymentOf, deploymentTable } from ".";

const table = {
  31337: { TenderEscrow: { address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", deployedBlock: 3 } },
  202611: {
    TenderEscrow: { address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", deployedBlock: 14 },
    DepartmentDirectory: { address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", deployedBlock: 9 },
  },
} as const satisfies DeploymentTable;

describe("deployments lookup", () => {
  it("lists a chain's contracts by name with address and deployment block", () => {
    expect(contractsOn(table, 202611)).toEqual([
      { name: "DepartmentDirectory", address: "0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", deployedBlock: 9 },
      { name: "TenderEscrow", address: "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512", deployedBlock: 14 },
    ]);
  });

  it("says undefined for a chain the file does not have, and never reads inherited keys", () => {
    expect(contractsOn(table, 1)).toBeUndefined();
    expect(contractsOn({}, 202611)).toBeUndefined();
    expect(deploymentOf(table, 202611, "constructor")).toBeUndefined();
    expect(deploymentOf(table, 202611, "toString")).toBeUndefined();
  });

  it("finds one contract on one chain", () => {
    expect(deploymentOf(table, 31337, "TenderEscrow")).toEqual({ address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", deployedBlock: 3 });
    expect(deploymentOf(table, 31337, "DepartmentDirectory")).toBeUndefined();
    expect(deploymentOf(table, 5, "TenderEscrow")).toBeUndefined();
  });

  it("lists the chains the file knows, in order", () => {
    expect(deployedChainIds(table)).toEqual([31337, 202611]);
    expect(deployedChainIds({})).toEqual([]);
  });

  it("the app's file (generated, or the stub) has that shape", () => {
    for (const chainId of deployedChainIds(deploymentTable)) {
      for (const contract of contractsOn(deploymentTable, chainId) ?? []) {
        expect(contract.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
        expect(Number.isInteger(contract.deployedBlock) && contract.deployedBlock >= 0).toBe(true);
      }
    }
  });
});

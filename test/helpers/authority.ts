import type { NetworkConnection } from "hardhat/types/network";

import AuthorityModule from "../../ignition/modules/Authority.js";
import { ADMIN_ROLE, DEMO_DEPARTMENTS, headRole, officialRole } from "../../lib/departments.js";
import type { DepartmentDirectory, GovchainAccessManager } from "../../types/ethers-contracts/index.js";

export type Connection = NetworkConnection;

export interface AuthorityParameters {
  minSetback?: number;
  adminGrantDelay?: number;
  adminExecutionDelay?: number;
}

/**
 * Deploys the authority layer through its Ignition module, the same path as a real deployment. An
 * `adminExecutionDelay` is then applied to the administrator as the Platform module's last step does.
 */
export async function deployAuthority(connection: Connection, parameters: AuthorityParameters = {}) {
  const { ethers, ignition } = connection;
  const [admin, guardian] = await ethers.getSigners();
  const { adminExecutionDelay, ...authorityParameters } = parameters;
  const { manager, directory } = await ignition.deploy(AuthorityModule, {
    parameters: { Authority: { guardian: guardian.address, ...authorityParameters } },
    displayUi: false,
  });
  if (adminExecutionDelay !== undefined) {
    await (manager as unknown as GovchainAccessManager).grantRole(ADMIN_ROLE, admin.address, adminExecutionDelay);
  }
  return {
    admin,
    guardian,
    manager: manager as unknown as GovchainAccessManager,
    directory: directory as unknown as DepartmentDirectory,
  };
}

/**
 * Registers the first `count` demo departments, each with a head and one official.
 * Signers: 0 admin, 1 guardian, then (head, official) per department, then the outsider and spares.
 */
export async function appointDemoDepartments(
  connection: Connection,
  authority: { manager: GovchainAccessManager; directory: DepartmentDirectory },
  count = 2,
) {
  const { manager, directory } = authority;
  const signers = await connection.ethers.getSigners();
  const departments = [];
  for (const [i, dept] of DEMO_DEPARTMENTS.slice(0, count).entries()) {
    await directory.registerDepartment(dept.code, dept.nameZh, dept.nameEn, "");
    const id = BigInt(i + 1);
    const head = signers[2 + i * 2];
    const official = signers[3 + i * 2];
    await manager.grantRole(headRole(id), head.address, 0);
    await manager.connect(head).grantRole(officialRole(id), official.address, 0);
    departments.push({ id, code: dept.code, head, official });
  }
  const outsider = signers[2 + count * 2];
  const spare = signers.slice(3 + count * 2);
  return { departments, outsider, spare, signers };
}

/** The authority layer with the first `count` demo departments staffed (see appointDemoDepartments). */
export async function deployAuthorityWithDepartments(connection: Connection, count = 2) {
  const deployed = await deployAuthority(connection);
  return { ...deployed, ...(await appointDemoDepartments(connection, deployed, count)) };
}

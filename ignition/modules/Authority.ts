import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ADMIN_ROLE, GUARDIAN_ROLE } from "../../lib/departments.js";
import { openToPublic } from "./access.js";

/**
 * The authority layer: the platform's AccessManager and the department directory, wired together.
 *
 * The deploying account becomes the first platform administrator (it must be, to wire the roles).
 * Parameters (ignition/parameters/<network>.json, key "Authority"):
 * - guardian: the account that may cancel scheduled admin operations (required: a real network has
 *   only the deployer's key, so there is no "second account" to default to).
 * - minSetback: seconds before a reduced delay applies (default 0 for local chains).
 * - adminGrantDelay: seconds before a newly granted administrator can act.
 *
 * The administrators' execution delay is applied by the Platform module as the deployment's last step,
 * after every unit has wired its public functions (an administrator call).
 */
export default buildModule("Authority", (m) => {
  const deployer = m.getAccount(0);
  const guardian = m.getParameter<string>("guardian");
  const minSetback = m.getParameter("minSetback", 0n);
  const adminGrantDelay = m.getParameter("adminGrantDelay", 0n);

  const manager = m.contract("GovchainAccessManager", [deployer, minSetback]);
  const directory = m.contract("DepartmentDirectory", [manager]);

  const setDirectory = m.call(manager, "setDepartmentDirectory", [directory]);
  m.call(manager, "labelRole", [GUARDIAN_ROLE, "GUARDIAN"]);
  m.call(manager, "grantRole", [GUARDIAN_ROLE, guardian, 0n], { id: "grantGuardian", after: [setDirectory] });
  m.call(manager, "setGrantDelay", [ADMIN_ROLE, adminGrantDelay]);
  openToPublic(m, manager, directory);

  return { manager, directory };
});

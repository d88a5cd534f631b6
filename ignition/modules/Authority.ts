import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ADMIN_ROLE, GUARDIAN_ROLE } from "../../lib/departments.js";

/**
 * The authority layer: the platform's AccessManager and the department directory, wired together.
 *
 * The deploying account becomes the first platform administrator (it must be, to wire the roles).
 * Parameters (ignition/parameters/<network>.json, key "Authority"):
 * - guardian: the account that may cancel scheduled admin operations (required: a real network has
 *   only the deployer's key, so there is no "second account" to default to).
 * - minSetback: seconds before a reduced delay applies (default 0 for local chains).
 * - adminGrantDelay: seconds before a newly granted administrator can act.
 * - adminExecutionDelay: seconds every administrator action waits between schedule and execute,
 *   applied to the deployer last, once the wiring is done (0: admin actions are immediate).
 */
export default buildModule("Authority", (m) => {
  const deployer = m.getAccount(0);
  const guardian = m.getParameter<string>("guardian");
  const minSetback = m.getParameter("minSetback", 0n);
  const adminGrantDelay = m.getParameter("adminGrantDelay", 0n);
  const adminExecutionDelay = m.getParameter("adminExecutionDelay", 0n);

  const manager = m.contract("GovchainAccessManager", [deployer, minSetback]);
  const directory = m.contract("DepartmentDirectory", [manager]);

  const setDirectory = m.call(manager, "setDepartmentDirectory", [directory]);
  const label = m.call(manager, "labelRole", [GUARDIAN_ROLE, "GUARDIAN"]);
  const grantGuardian = m.call(manager, "grantRole", [GUARDIAN_ROLE, guardian, 0n], { id: "grantGuardian" });
  const grantDelay = m.call(manager, "setGrantDelay", [ADMIN_ROLE, adminGrantDelay]);
  m.call(manager, "grantRole", [ADMIN_ROLE, deployer, adminExecutionDelay], {
    id: "timeLockAdmin",
    after: [setDirectory, label, grantGuardian, grantDelay],
  });

  return { manager, directory };
});

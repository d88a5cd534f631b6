import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { ADMIN_ROLE } from "../../lib/departments.js";
import ProcurementModule from "./Procurement.js";
import RegistriesModule from "./Registries.js";

/**
 * The whole platform in one deployment: the authority layer, the certificate and consent registries,
 * licence issuance and the tender escrow. Each unit keeps its own module (and its own parameters key:
 * Authority, Procurement); Ignition deploys the shared authority layer once.
 *
 * Deploy it with `npm run deploy -- --network <name>` (scripts/deploy.ts), which reads
 * ignition/parameters/<name>.json, checks the chain before sending anything and writes the manifest.
 * Parameters (key "Platform"): adminExecutionDelay, the seconds every administrator action waits
 * between schedule and execute (0: immediate). It is applied to the deployer as the deployment's last
 * step, after every unit has wired its public functions, so the time lock is in force when it ends.
 */
export default buildModule("Platform", (m) => {
  const { manager, directory, certificates, consents } = m.useModule(RegistriesModule);
  const { licenses, licenseToken, tenders } = m.useModule(ProcurementModule);
  const adminExecutionDelay = m.getParameter("adminExecutionDelay", 0n);
  m.call(manager, "grantRole", [ADMIN_ROLE, m.getAccount(0), adminExecutionDelay], {
    id: "timeLockAdmin",
    after: [RegistriesModule, ProcurementModule],
  });
  return { manager, directory, certificates, consents, licenses, licenseToken, tenders };
});

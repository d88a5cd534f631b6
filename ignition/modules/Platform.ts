import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import ProcurementModule from "./Procurement.js";
import RegistriesModule from "./Registries.js";

/**
 * The whole platform in one deployment: the authority layer, the certificate and consent registries,
 * licence issuance and the tender escrow. Each unit keeps its own module (and its own parameters key:
 * Authority, Procurement); Ignition deploys the shared authority layer once.
 *
 * Deploy it with `npm run deploy -- --network <name>` (scripts/deploy.ts), which reads
 * ignition/parameters/<name>.json, checks the chain before sending anything and writes the manifest.
 * The Authority module applies the administrators' execution delay as its last step; no unit here
 * needs an administrator call after it, so the time lock is in force when the deployment ends.
 */
export default buildModule("Platform", (m) => {
  const { manager, directory, certificates, consents } = m.useModule(RegistriesModule);
  const { licenses, licenseToken, tenders } = m.useModule(ProcurementModule);
  return { manager, directory, certificates, consents, licenses, licenseToken, tenders };
});

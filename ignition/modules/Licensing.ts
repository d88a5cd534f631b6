import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { openToPublic } from "./access.js";
import AuthorityModule from "./Authority.js";

/**
 * Licence issuance: the registry and its non-transferable token. The token names the registry as its
 * only minter; `setToken` connects them (once, only by the account that deployed the registry, and only
 * with a token that names this registry), so no administrator action is needed; `setToken` is not
 * `restricted`, so a pause can never leave the registry without its token. Licence types are registered
 * later by the administrator (`registerLicenseType` and `setLicenseTypeActive` keep the manager's default,
 * ADMIN_ROLE); the registry's other entry points are opened to PUBLIC_ROLE (lib/access.ts), where the
 * registry itself checks who may act, and a guardian's pause closes them all.
 */
export default buildModule("Licensing", (m) => {
  const { manager, directory } = m.useModule(AuthorityModule);
  const licenses = m.contract("LicenseRegistry", [manager, directory]);
  const licenseToken = m.contract("LicenseToken", [licenses]);
  m.call(licenses, "setToken", [licenseToken]);
  openToPublic(m, manager, licenses);
  return { manager, directory, licenses, licenseToken };
});

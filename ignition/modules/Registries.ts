import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import AuthorityModule from "./Authority.js";

/**
 * The permissioned registries: electronic certificates and consent-based data sharing.
 * Their administrative functions (certificate types, data categories) are `restricted`; the manager's
 * default maps every restricted function to ADMIN_ROLE, so there is nothing to wire. Department-scoped
 * actions (issue, suspend, revoke, record an access) are checked against the department directory.
 */
export default buildModule("Registries", (m) => {
  const { manager, directory } = m.useModule(AuthorityModule);
  const certificates = m.contract("CertificateRegistry", [manager, directory]);
  const consents = m.contract("ConsentRegistry", [manager, directory]);
  return { manager, directory, certificates, consents };
});

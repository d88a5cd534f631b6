import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { openToPublic } from "./access.js";
import AuthorityModule from "./Authority.js";

/**
 * The permissioned registries: electronic certificates and consent-based data sharing.
 * Every state-changing function is `restricted` (so the guardian can pause a registry). The
 * administrative ones (certificate types, data categories) keep the manager's default, ADMIN_ROLE; the
 * rest are opened to PUBLIC_ROLE (lib/access.ts), and the registries check the caller's department in
 * the directory themselves.
 */
export default buildModule("Registries", (m) => {
  const { manager, directory } = m.useModule(AuthorityModule);
  const certificates = m.contract("CertificateRegistry", [manager, directory]);
  const consents = m.contract("ConsentRegistry", [manager, directory]);
  openToPublic(m, manager, certificates);
  openToPublic(m, manager, consents);
  return { manager, directory, certificates, consents };
});

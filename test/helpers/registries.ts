import RegistriesModule from "../../ignition/modules/Registries.js";
import type {
  CertificateRegistry,
  ConsentRegistry,
  DepartmentDirectory,
  GovchainAccessManager,
} from "../../types/ethers-contracts/index.js";
import { appointDemoDepartments, type Connection } from "./authority.js";

/**
 * The registries deployed through their Ignition module (which deploys the Authority module under it),
 * then the first `departmentCount` demo departments staffed (see appointDemoDepartments).
 *
 * Why not deployAuthorityWithDepartments followed by the Registries module: on the simulated network
 * Ignition deployments are ephemeral, so a second `ignition.deploy` would not reuse the first one's
 * Authority futures; it would deploy a second, empty manager and directory.
 */
export async function deployRegistries(connection: Connection, departmentCount = 2) {
  const [admin, guardian] = await connection.ethers.getSigners();
  const deployed = await connection.ignition.deploy(RegistriesModule, {
    parameters: { Authority: { guardian: guardian.address } },
    displayUi: false,
  });
  const manager = deployed.manager as unknown as GovchainAccessManager;
  const directory = deployed.directory as unknown as DepartmentDirectory;
  const certificates = deployed.certificates as unknown as CertificateRegistry;
  const consents = deployed.consents as unknown as ConsentRegistry;
  const staff = await appointDemoDepartments(connection, { manager, directory }, departmentCount);
  return { admin, guardian, manager, directory, certificates, consents, ...staff };
}

import LicensingModule from "../../ignition/modules/Licensing.js";
import {
  LICENSE_APPROVAL_TYPES,
  licenseApprovalDomain,
  type LicenseApprovalMessage,
  type SignedApproval,
} from "../../lib/licensing.js";
import type {
  DepartmentDirectory,
  GovchainAccessManager,
  LicenseRegistry,
  LicenseToken,
} from "../../types/ethers-contracts/index.js";
import { appointDemoDepartments, type Connection } from "./authority.js";

/**
 * The licence registry and token deployed through their Ignition module (with the Authority module
 * under it), then the first `departmentCount` demo departments staffed (see appointDemoDepartments:
 * signers 0 admin, 1 guardian, then (head, official) per department, then outsider and spares).
 */
export async function deployLicensing(connection: Connection, departmentCount = 3) {
  const [admin, guardian] = await connection.ethers.getSigners();
  const deployed = await connection.ignition.deploy(LicensingModule, {
    parameters: { Authority: { guardian: guardian.address } },
    displayUi: false,
  });
  const manager = deployed.manager as unknown as GovchainAccessManager;
  const directory = deployed.directory as unknown as DepartmentDirectory;
  const licenses = deployed.licenses as unknown as LicenseRegistry;
  const licenseToken = deployed.licenseToken as unknown as LicenseToken;
  const staff = await appointDemoDepartments(connection, { manager, directory }, departmentCount);
  return { admin, guardian, manager, directory, licenses, licenseToken, ...staff };
}

interface Signer {
  address: string;
  signTypedData(
    domain: ReturnType<typeof licenseApprovalDomain>,
    types: Record<string, Array<{ name: string; type: string }>>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

/** Signs one department's approval of `applicationId` with `official`'s key (EIP-712). */
export async function signApproval(
  licenses: LicenseRegistry,
  official: Signer,
  message: LicenseApprovalMessage,
  chainId = 31337n,
): Promise<SignedApproval> {
  const domain = licenseApprovalDomain(chainId, await licenses.getAddress());
  const types = { LicenseApproval: LICENSE_APPROVAL_TYPES.LicenseApproval.map((f) => ({ ...f })) };
  const signature = await official.signTypedData(domain, types, { ...message });
  const { applicationId: _, ...rest } = message;
  return { signer: official.address, ...rest, signature };
}

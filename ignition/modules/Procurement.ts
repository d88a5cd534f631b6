import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { openToPublic } from "./access.js";
import LicensingModule from "./Licensing.js";

/**
 * The tender escrow, on top of the authority layer and the licence registry (bidders must hold a valid
 * licence of each tender's licence type).
 * Parameters (key "Procurement"): paymentToken (the ERC-20 the budgets are in, required),
 * supervisingDepartment (the department whose officials resolve complaints, e.g. FIN; 0 = set later
 * with the restricted setSupervisingDepartment).
 */
export default buildModule("Procurement", (m) => {
  const { manager, directory, licenses, licenseToken } = m.useModule(LicensingModule);
  const paymentToken = m.getParameter<string>("paymentToken");
  const supervisingDepartment = m.getParameter("supervisingDepartment", 0n);
  const tenders = m.contract("TenderEscrow", [manager, directory, licenses, paymentToken, supervisingDepartment]);
  openToPublic(m, manager, tenders);
  return { manager, directory, licenses, licenseToken, tenders };
});

import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import { openToPublic } from "./access.js";
import LicensingModule from "./Licensing.js";

/** 30 days, in seconds: the default time limit for deciding a tender complaint. */
export const DEFAULT_COMPLAINT_RESOLUTION_PERIOD = 30n * 24n * 3600n;

/**
 * The tender escrow, on top of the authority layer and the licence registry (bidders must hold a valid
 * licence of each tender's licence type).
 * Parameters (key "Procurement"): paymentToken (the ERC-20 the budgets are in, required),
 * supervisingDepartment (the department whose officials resolve complaints, e.g. FIN; 0 = set later
 * with the restricted setSupervisingDepartment; it can never publish tenders itself),
 * complaintResolutionPeriod (seconds the supervising department has to decide a complaint before it
 * lapses and the award stands; 1 to 365 days, default 30 days; the administrator can change it later).
 */
export default buildModule("Procurement", (m) => {
  const { manager, directory, licenses, licenseToken } = m.useModule(LicensingModule);
  const paymentToken = m.getParameter<string>("paymentToken");
  const supervisingDepartment = m.getParameter("supervisingDepartment", 0n);
  const complaintResolutionPeriod = m.getParameter("complaintResolutionPeriod", DEFAULT_COMPLAINT_RESOLUTION_PERIOD);
  const tenders = m.contract("TenderEscrow", [
    manager,
    directory,
    licenses,
    paymentToken,
    supervisingDepartment,
    complaintResolutionPeriod,
  ]);
  openToPublic(m, manager, tenders);
  return { manager, directory, licenses, licenseToken, tenders };
});

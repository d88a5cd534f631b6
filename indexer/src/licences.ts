/** LicenseRegistry indexing: applications with each department's decision, licences with their status history. */
import { ponder } from "ponder:registry";
import { application, applicationEvent, license, licenseEvent } from "ponder:schema";

type Any = { event: any; context: any };
/** The ABI comes from the artifact at run time (not `as const`), so event names and args are not typed here. */
const on = ponder.on.bind(ponder) as unknown as (name: string, handler: (args: Any) => Promise<void>) => void;

const place = (event: any) => ({
  id: `${event.block.number}-${event.log.logIndex}`,
  blockNumber: event.block.number,
  blockTimestamp: Number(event.block.timestamp),
  transactionHash: event.transaction.hash,
  logIndex: event.log.logIndex,
});

async function appEvent(event: any, context: any, name: string, fields: Record<string, unknown> = {}) {
  await context.db.insert(applicationEvent).values({ ...place(event), applicationId: event.args.applicationId, name, ...fields });
}
async function setApp(context: any, id: bigint, set: Record<string, unknown>) {
  if (await context.db.find(application, { id })) await context.db.update(application, { id }).set(set);
}

on("LicenseRegistry:ApplicationSubmitted", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(application).values({
    id: a.applicationId, typeId: Number(a.typeId), applicant: a.applicant, subjectId: a.subjectId, renewalOf: a.renewalOf,
    stage: "Pending", round: 0, submittedAt: Number(event.block.timestamp), decidedAt: null, licenseId: null,
  });
  await appEvent(event, context, "ApplicationSubmitted", { account: a.applicant });
});
on("LicenseRegistry:ApplicationAmended", async ({ event, context }) => {
  await appEvent(event, context, "ApplicationAmended", { round: Number(event.args.round) });
  await setApp(context, event.args.applicationId, { stage: "Pending", round: Number(event.args.round) });
});
on("LicenseRegistry:ApplicationApproved", async ({ event, context }) => {
  const a = event.args;
  await appEvent(event, context, "ApplicationApproved", { departmentId: Number(a.departmentId), account: a.official, commentDigest: a.commentDigest });
});
on("LicenseRegistry:ApplicationRejected", async ({ event, context }) => {
  const a = event.args;
  await appEvent(event, context, "ApplicationRejected", {
    departmentId: Number(a.departmentId), account: a.official, reasonCode: Number(a.reasonCode), commentDigest: a.commentDigest,
  });
  await setApp(context, a.applicationId, { stage: "Rejected", decidedAt: Number(event.block.timestamp) });
});
on("LicenseRegistry:ApplicationWithdrawn", async ({ event, context }) => {
  await appEvent(event, context, "ApplicationWithdrawn");
  await setApp(context, event.args.applicationId, { stage: "Withdrawn", decidedAt: Number(event.block.timestamp) });
});

on("LicenseRegistry:LicenseIssued", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(license).values({
    id: a.licenseId, applicationId: a.applicationId, typeId: Number(a.typeId), holder: a.holder, licenseNumber: a.licenseNumber,
    validFrom: Number(a.validFrom), validUntil: Number(a.validUntil), issuedAt: Number(event.block.timestamp), suspended: false, revoked: false,
  });
  await context.db.insert(licenseEvent).values({
    ...place(event), licenseId: a.licenseId, name: "LicenseIssued", applicationId: a.applicationId, validUntil: Number(a.validUntil), processingTime: Number(a.processingTime),
  });
  await appEvent(event, context, "LicenseIssued");
  await setApp(context, a.applicationId, { stage: "Issued", decidedAt: Number(event.block.timestamp), licenseId: a.licenseId });
});
on("LicenseRegistry:LicenseRenewed", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(licenseEvent).values({
    ...place(event), licenseId: a.licenseId, name: "LicenseRenewed", applicationId: a.applicationId, validUntil: Number(a.validUntil), processingTime: Number(a.processingTime),
  });
  if (await context.db.find(license, { id: a.licenseId })) await context.db.update(license, { id: a.licenseId }).set({ validUntil: Number(a.validUntil) });
  await appEvent(event, context, "LicenseRenewed");
  await setApp(context, a.applicationId, { stage: "Issued", decidedAt: Number(event.block.timestamp), licenseId: a.licenseId });
});
for (const [name, set] of [
  ["LicenseSuspended", { suspended: true }],
  ["LicenseReinstated", { suspended: false }],
  ["LicenseRevoked", { revoked: true }],
] as const) {
  on(`LicenseRegistry:${name}`, async ({ event, context }) => {
    const a = event.args;
    await context.db.insert(licenseEvent).values({
      ...place(event), licenseId: a.licenseId, name, account: a.by, reasonCode: a.reasonCode === undefined ? null : Number(a.reasonCode),
    });
    if (await context.db.find(license, { id: a.licenseId })) await context.db.update(license, { id: a.licenseId }).set(set);
  });
}

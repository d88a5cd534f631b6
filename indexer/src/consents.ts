/** ConsentRegistry indexing: data categories, each consent with its revocation, and every recorded access (the subject's trail). */
import { ponder } from "ponder:registry";
import { consent, consentAccess, consentCategory } from "ponder:schema";

type Any = { event: any; context: any };
/** The ABI comes from the artifact at run time (not `as const`), so event names and args are not typed here. */
const on = ponder.on.bind(ponder) as unknown as (name: string, handler: (args: Any) => Promise<void>) => void;

on("ConsentRegistry:CategoryRegistered", async ({ event, context }) => {
  await context.db.insert(consentCategory).values({ id: event.args.category, name: event.args.name, active: true });
});
on("ConsentRegistry:CategoryActiveSet", async ({ event, context }) => {
  if (await context.db.find(consentCategory, { id: event.args.category })) {
    await context.db.update(consentCategory, { id: event.args.category }).set({ active: event.args.active });
  }
});

on("ConsentRegistry:ConsentGranted", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(consent).values({
    grantId: a.grantId, subject: a.subject, departmentId: Number(a.departmentId), category: a.category, purpose: a.purpose,
    expiresAt: Number(a.expiresAt), grantedAt: Number(event.block.timestamp), grantedBlock: event.block.number,
    grantedTx: event.transaction.hash, revokedAt: null, revokedBlock: null, revokedTx: null, accessCount: 0,
  });
});
on("ConsentRegistry:ConsentRevoked", async ({ event, context }) => {
  if (await context.db.find(consent, { grantId: event.args.grantId })) {
    await context.db
      .update(consent, { grantId: event.args.grantId })
      .set({ revokedAt: Number(event.block.timestamp), revokedBlock: event.block.number, revokedTx: event.transaction.hash });
  }
});
on("ConsentRegistry:DataAccessed", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(consentAccess).values({
    id: `${event.block.number}-${event.log.logIndex}`, grantId: a.grantId, subject: a.subject, departmentId: Number(a.departmentId),
    official: a.official, category: a.category, purpose: a.purpose, requestRef: a.requestRef,
    blockNumber: event.block.number, blockTimestamp: Number(event.block.timestamp), transactionHash: event.transaction.hash, logIndex: event.log.logIndex,
  });
  if (await context.db.find(consent, { grantId: a.grantId })) {
    await context.db.update(consent, { grantId: a.grantId }).set((row: { accessCount: number }) => ({ accessCount: row.accessCount + 1 }));
  }
});

/** CertificateRegistry indexing: single certificates with their status history, Merkle batches with their items' status changes. */
import { ponder } from "ponder:registry";
import { batchStatusChange, certificate, certificateBatch, certificateStatusChange } from "ponder:schema";

type Any = { event: any; context: any };
/** The ABI comes from the artifact at run time (not `as const`), so event names and args are not typed here. */
const on = ponder.on.bind(ponder) as unknown as (name: string, handler: (args: Any) => Promise<void>) => void;

async function change(event: any, context: any, digest: `0x${string}`, status: string, by: `0x${string}`, reasonCode: number | null, replacement: `0x${string}` | null = null) {
  await context.db.insert(certificateStatusChange).values({
    id: `${event.block.number}-${event.log.logIndex}`, digest, status, by, reasonCode, replacement,
    blockNumber: event.block.number, blockTimestamp: Number(event.block.timestamp), transactionHash: event.transaction.hash, logIndex: event.log.logIndex,
  });
  if (await context.db.find(certificate, { digest })) {
    await context.db.update(certificate, { digest }).set({ recordedStatus: status, ...(replacement ? { supersededBy: replacement } : {}) });
  }
}

on("CertificateRegistry:CertificateIssued", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(certificate).values({
    digest: a.digest, typeId: Number(a.typeId), departmentId: Number(a.departmentId), issuedBy: a.issuedBy,
    holderCommitment: a.holderCommitment, validFrom: Number(a.validFrom), validUntil: Number(a.validUntil),
    statusIndex: Number(a.statusIndex), metadataURI: a.metadataURI, issuedAt: Number(event.block.timestamp),
    issuedBlock: event.block.number, recordedStatus: "Issued", supersededBy: null,
  });
  await change(event, context, a.digest, "Issued", a.issuedBy, null);
});
on("CertificateRegistry:CertificateSuspended", async ({ event, context }) => {
  await change(event, context, event.args.digest, "Suspended", event.args.by, Number(event.args.reasonCode));
});
on("CertificateRegistry:CertificateReinstated", async ({ event, context }) => {
  await change(event, context, event.args.digest, "Issued", event.args.by, null);
});
on("CertificateRegistry:CertificateRevoked", async ({ event, context }) => {
  await change(event, context, event.args.digest, "Revoked", event.args.by, Number(event.args.reasonCode));
});
on("CertificateRegistry:CertificateSuperseded", async ({ event, context }) => {
  const a = event.args;
  await change(event, context, a.digest, "Superseded", a.by, Number(a.reasonCode), a.replacement);
});

// ===== Merkle batches =====

on("CertificateRegistry:BatchAnchored", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(certificateBatch).values({
    batchId: a.batchId, root: a.root, typeId: Number(a.typeId), departmentId: Number(a.departmentId), issuedBy: a.issuedBy,
    count: Number(a.count), validFrom: Number(a.validFrom), validUntil: Number(a.validUntil), firstStatusIndex: Number(a.firstStatusIndex),
    metadataURI: a.metadataURI, anchoredAt: Number(event.block.timestamp), anchoredBlock: event.block.number,
    transactionHash: event.transaction.hash, revoked: false,
  });
});

async function batchChange(event: any, context: any, index: number | null, status: string, reasonCode: number | null) {
  await context.db.insert(batchStatusChange).values({
    id: `${event.block.number}-${event.log.logIndex}`, batchId: event.args.batchId, index, status, by: event.args.by, reasonCode,
    blockNumber: event.block.number, blockTimestamp: Number(event.block.timestamp), transactionHash: event.transaction.hash, logIndex: event.log.logIndex,
  });
}
on("CertificateRegistry:BatchItemSuspended", async ({ event, context }) => {
  await batchChange(event, context, Number(event.args.index), "Suspended", Number(event.args.reasonCode));
});
on("CertificateRegistry:BatchItemReinstated", async ({ event, context }) => {
  await batchChange(event, context, Number(event.args.index), "Reinstated", null);
});
on("CertificateRegistry:BatchItemRevoked", async ({ event, context }) => {
  await batchChange(event, context, Number(event.args.index), "Revoked", Number(event.args.reasonCode));
});
on("CertificateRegistry:BatchRevoked", async ({ event, context }) => {
  await batchChange(event, context, null, "BatchRevoked", Number(event.args.reasonCode));
  if (await context.db.find(certificateBatch, { batchId: event.args.batchId })) {
    await context.db.update(certificateBatch, { batchId: event.args.batchId }).set({ revoked: true });
  }
});

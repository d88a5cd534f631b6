/** The payment token's transfers into and out of TenderEscrow (config filters them): the value the escrow holds. */
import { ponder } from "ponder:registry";
import { escrowBalance } from "ponder:schema";
import config from "../ponder.config";

const escrow = (config.contracts.TenderEscrow.address as string).toLowerCase();

async function add(context: any, received: bigint, sent: bigint) {
  await context.db
    .insert(escrowBalance)
    .values({ id: "escrow", received, sent })
    .onConflictDoUpdate((row: { received: bigint; sent: bigint }) => ({ received: row.received + received, sent: row.sent + sent }));
}
// A transfer from the escrow to itself would match both: it changes nothing, so count it in neither.
ponder.on("PaymentTokenIn:Transfer", async ({ event, context }) => {
  if (event.args.from.toLowerCase() !== escrow) await add(context, event.args.value, 0n);
});
ponder.on("PaymentTokenOut:Transfer", async ({ event, context }) => {
  if (event.args.to.toLowerCase() !== escrow) await add(context, 0n, event.args.value);
});

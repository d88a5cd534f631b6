/** DepartmentDirectory indexing: departments, their treasuries, heads and officials (with removals). */
import { ponder } from "ponder:registry";
import { department, departmentMember } from "ponder:schema";

type Any = { event: any; context: any };
/** The ABI comes from the artifact at run time (not `as const`), so event names and args are not typed here. */
const on = ponder.on.bind(ponder) as unknown as (name: string, handler: (args: Any) => Promise<void>) => void;

on("DepartmentDirectory:DepartmentRegistered", async ({ event, context }) => {
  const a = event.args;
  await context.db.insert(department).values({
    id: Number(a.departmentId), code: a.code, nameZh: a.nameZh, nameEn: a.nameEn, metadataURI: a.metadataURI, active: true,
    treasury: null, registeredBlock: event.block.number, registeredAt: Number(event.block.timestamp),
  });
});

on("DepartmentDirectory:DepartmentUpdated", async ({ event, context }) => {
  const a = event.args;
  await context.db.update(department, { id: Number(a.departmentId) }).set({ nameZh: a.nameZh, nameEn: a.nameEn, metadataURI: a.metadataURI });
});

on("DepartmentDirectory:DepartmentDeactivated", async ({ event, context }) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ active: false });
});

on("DepartmentDirectory:DepartmentReactivated", async ({ event, context }) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ active: true });
});

on("DepartmentDirectory:TreasurySet", async ({ event, context }) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ treasury: event.args.treasury });
});

for (const [role, appointed, removed] of [
  ["head", "HeadAppointed", "HeadRemoved"],
  ["official", "OfficialAppointed", "OfficialRemoved"],
] as const) {
  on(`DepartmentDirectory:${appointed}`, async ({ event, context }) => {
    const a = event.args;
    const row = { departmentId: Number(a.departmentId), account: a.account, role };
    await context.db
      .insert(departmentMember)
      .values({ ...row, active: true, since: Number(a.since), appointedBy: a.appointedBy, removedAt: null, removedBy: null })
      .onConflictDoUpdate({ active: true, since: Number(a.since), appointedBy: a.appointedBy, removedAt: null, removedBy: null });
  });
  on(`DepartmentDirectory:${removed}`, async ({ event, context }) => {
    const a = event.args;
    const key = { departmentId: Number(a.departmentId), account: a.account, role };
    if (await context.db.find(departmentMember, key)) {
      await context.db.update(departmentMember, key).set({ active: false, removedAt: Number(event.block.timestamp), removedBy: a.removedBy });
    }
  });
}

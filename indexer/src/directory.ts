/** DepartmentDirectory indexing: departments, their treasuries, heads and officials (with removals). */
import { ponder } from "ponder:registry";
import { department, departmentMember } from "ponder:schema";

type Any = { event: any; context: any };

ponder.on("DepartmentDirectory:DepartmentRegistered" as any, async ({ event, context }: Any) => {
  const a = event.args;
  await context.db.insert(department).values({
    id: Number(a.departmentId), code: a.code, nameZh: a.nameZh, nameEn: a.nameEn, metadataURI: a.metadataURI, active: true,
    treasury: null, registeredBlock: event.block.number, registeredAt: Number(event.block.timestamp),
  });
});

ponder.on("DepartmentDirectory:DepartmentUpdated" as any, async ({ event, context }: Any) => {
  const a = event.args;
  await context.db.update(department, { id: Number(a.departmentId) }).set({ nameZh: a.nameZh, nameEn: a.nameEn, metadataURI: a.metadataURI });
});

ponder.on("DepartmentDirectory:DepartmentDeactivated" as any, async ({ event, context }: Any) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ active: false });
});

ponder.on("DepartmentDirectory:DepartmentReactivated" as any, async ({ event, context }: Any) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ active: true });
});

ponder.on("DepartmentDirectory:TreasurySet" as any, async ({ event, context }: Any) => {
  await context.db.update(department, { id: Number(event.args.departmentId) }).set({ treasury: event.args.treasury });
});

for (const [role, appointed, removed] of [
  ["head", "HeadAppointed", "HeadRemoved"],
  ["official", "OfficialAppointed", "OfficialRemoved"],
] as const) {
  ponder.on(`DepartmentDirectory:${appointed}` as any, async ({ event, context }: Any) => {
    const a = event.args;
    const row = { departmentId: Number(a.departmentId), account: a.account, role };
    await context.db
      .insert(departmentMember)
      .values({ ...row, active: true, since: Number(a.since), appointedBy: a.appointedBy, removedAt: null, removedBy: null })
      .onConflictDoUpdate({ active: true, since: Number(a.since), appointedBy: a.appointedBy, removedAt: null, removedBy: null });
  });
  ponder.on(`DepartmentDirectory:${removed}` as any, async ({ event, context }: Any) => {
    const a = event.args;
    const key = { departmentId: Number(a.departmentId), account: a.account, role };
    if (await context.db.find(departmentMember, key)) {
      await context.db.update(departmentMember, key).set({ active: false, removedAt: Number(event.block.timestamp), removedBy: a.removedBy });
    }
  });
}

/**
 * Who plays which role on the local platform (`npm start`): account indices of the well-known local
 * test mnemonic (Hardhat's and anvil's default). For the local chain only: the keys are public, so no
 * real network may ever use these accounts. `npm start` prints this table; the seed script staffs the
 * platform from it; the dApp's development-accounts connector (local chain id only) offers the same names.
 */
import { DEMO_DEPARTMENTS } from "./departments.js";

export type LocalRole =
  | { kind: "admin" }
  | { kind: "guardian" }
  | { kind: "head"; department: string }
  | { kind: "official"; department: string }
  | { kind: "treasury"; department: string }
  | { kind: "supplier"; company: string }
  | { kind: "applicant"; company: string }
  | { kind: "citizen"; name: string };

export interface LocalAccount {
  index: number;
  /** Short label used in tables and the dev-accounts menu, e.g. "SAMR official". */
  label: string;
  role: LocalRole;
}

/** Companies in the demo city, with their unified social credit codes (fictional but well-formed). */
export const DEMO_COMPANIES = [
  { name: "华建工程有限公司", nameEn: "Huajian Engineering Co., Ltd.", uscc: "91330100MA2CEX5H0L", role: "supplier" },
  { name: "明远信息技术有限公司", nameEn: "Mingyuan Information Technology Co., Ltd.", uscc: "91330106MA27Y8LR4K", role: "supplier" },
  { name: "绿城市政建设集团", nameEn: "Lvcheng Municipal Construction Group", uscc: "91330102143058822F", role: "supplier" },
  { name: "恒泰办公设备有限公司", nameEn: "Hengtai Office Equipment Co., Ltd.", uscc: "91330105MA28D3TQ7X", role: "supplier" },
  { name: "安居物业服务有限公司", nameEn: "Anju Property Services Co., Ltd.", uscc: "91330104MA2H2KQ51B", role: "supplier" },
  { name: "晨光餐饮管理有限公司", nameEn: "Chenguang Catering Management Co., Ltd.", uscc: "91330108MA2J0P6N3C", role: "applicant" },
  { name: "新禾科技有限公司", nameEn: "Xinhe Technology Co., Ltd.", uscc: "91330110MA2KB7WX9D", role: "applicant" },
  { name: "锦程贸易有限公司", nameEn: "Jincheng Trading Co., Ltd.", uscc: "91330109MA2GW4RT2E", role: "applicant" },
] as const;

export const DEMO_CITIZENS = ["张伟", "李娜"] as const;

function build(): LocalAccount[] {
  const accounts: LocalAccount[] = [
    { index: 0, label: "administrator", role: { kind: "admin" } },
    { index: 1, label: "guardian", role: { kind: "guardian" } },
  ];
  DEMO_DEPARTMENTS.forEach((d, i) => {
    accounts.push({ index: 2 + 2 * i, label: `${d.code} head`, role: { kind: "head", department: d.code } });
    accounts.push({ index: 3 + 2 * i, label: `${d.code} official`, role: { kind: "official", department: d.code } });
  });
  let next = 2 + 2 * DEMO_DEPARTMENTS.length;
  for (const d of DEMO_DEPARTMENTS) {
    accounts.push({ index: next++, label: `${d.code} treasury`, role: { kind: "treasury", department: d.code } });
  }
  for (const c of DEMO_COMPANIES) {
    const role: LocalRole = c.role === "supplier" ? { kind: "supplier", company: c.nameEn } : { kind: "applicant", company: c.nameEn };
    accounts.push({ index: next++, label: `${c.role} ${c.nameEn.split(" ")[0]}`, role });
  }
  for (const name of DEMO_CITIZENS) {
    accounts.push({ index: next++, label: `citizen ${name}`, role: { kind: "citizen", name } });
  }
  return accounts;
}

/** Every local account with a role, by index. */
export const LOCAL_ACCOUNTS: readonly LocalAccount[] = build();

/** How many accounts the local node must create. */
export const LOCAL_ACCOUNT_COUNT = LOCAL_ACCOUNTS.length + 4;

export function localAccount(predicate: (role: LocalRole) => boolean): LocalAccount {
  const found = LOCAL_ACCOUNTS.find((a) => predicate(a.role));
  if (found === undefined) throw new Error("no local account plays that role");
  return found;
}

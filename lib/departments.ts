/** The demo departments (see shared DOMAIN.md), used by the seed script, the tests and the dApp. */
export interface DemoDepartment {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export const DEMO_DEPARTMENTS = [
  { code: "SAMR", nameZh: "市场监督管理局", nameEn: "Market Regulation Bureau" },
  { code: "TAX", nameZh: "税务局", nameEn: "Tax Bureau" },
  { code: "PSB", nameZh: "公安局", nameEn: "Public Security Bureau" },
  { code: "MNR", nameZh: "自然资源局", nameEn: "Natural Resources Bureau" },
  { code: "FIN", nameZh: "财政局", nameEn: "Finance Bureau" },
  { code: "MOHURD", nameZh: "住房和城乡建设局", nameEn: "Housing and Urban-Rural Development Bureau" },
  { code: "EDU", nameZh: "教育局", nameEn: "Education Bureau" },
] as const satisfies readonly DemoDepartment[];

/** AccessManager role ids, mirroring contracts/libraries/DepartmentRoles.sol. */
export const ADMIN_ROLE = 0n;
export const GUARDIAN_ROLE = 1n;
export const DEPARTMENT_ROLE_BASE = 1n << 32n;

export function headRole(departmentId: bigint | number): bigint {
  return DEPARTMENT_ROLE_BASE + BigInt(departmentId) * 2n;
}

export function officialRole(departmentId: bigint | number): bigint {
  return DEPARTMENT_ROLE_BASE + BigInt(departmentId) * 2n + 1n;
}

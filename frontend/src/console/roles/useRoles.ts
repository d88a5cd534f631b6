/**
 * Who the connected account is, read from the chain: the access manager's platform roles (administrator,
 * guardian), the directory's seat (head or official of which department, acting now), treasuries, valid
 * licences (suppliers), applications (applicants). Everyone is also a member of the public / data subject.
 */
import { ADMIN_ROLE, GUARDIAN_ROLE } from "@lib/departments";
import type { Address } from "viem";
import { useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { platformContract } from "../lib/platform";

export interface Department {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  metadataURI: string;
  active: boolean;
  head: Address;
  treasury: Address;
}

export interface LicenceTypeSummary {
  id: number;
  code: string;
  name: string;
  issuingDepartment: number;
  requiredDepartments: readonly number[];
  renewalDepartments: readonly number[];
  renewable: boolean;
  active: boolean;
}

export interface Roles {
  admin: boolean;
  /** The administrators' execution delay in seconds (their actions are scheduled first when above 0). */
  adminDelay: number;
  guardian: boolean;
  /** The department the account serves now (as head or official), if it is active. */
  seat: { department: Department; head: boolean } | undefined;
  treasuryOf: Department[];
  licences: { type: LicenceTypeSummary; licenseId: bigint }[];
  applicant: boolean;
}

const directory = platformContract("DepartmentDirectory");
const manager = platformContract("GovchainAccessManager");
const licences = platformContract("LicenseRegistry");

/** Every department (the demo city has a handful; the directory pages at 200). */
export function useDepartments() {
  const result = useReadContract({
    ...directory!,
    chainId: appConfig.chainId,
    functionName: "listDepartments",
    args: [0n, 200n],
    query: { enabled: directory !== undefined, refetchInterval: 10_000 },
  });
  const departments: Department[] | undefined = result.data?.map((d) => ({
    id: Number(d.id),
    code: d.code,
    nameZh: d.nameZh,
    nameEn: d.nameEn,
    metadataURI: d.metadataURI,
    active: d.active,
    head: d.head,
    treasury: d.treasury,
  }));
  return { departments, isLoading: result.isLoading, error: result.error };
}

/** Every licence type. */
export function useLicenceTypes() {
  const count = useReadContract({
    ...licences!,
    chainId: appConfig.chainId,
    functionName: "typeCount",
    query: { enabled: licences !== undefined },
  });
  const ids = Array.from({ length: Number(count.data ?? 0) }, (_, i) => i + 1);
  const types = useReadContracts({
    contracts: ids.map(
      (id) =>
        ({
          ...licences!,
          chainId: appConfig.chainId,
          functionName: "licenseType",
          args: [id],
        }) as const,
    ),
    query: { enabled: ids.length > 0 },
  });
  const list: LicenceTypeSummary[] | undefined = types.data?.flatMap((entry) => {
    if (entry.status !== "success") return [];
    const t = entry.result as {
      id: number;
      code: string;
      name: string;
      issuingDepartment: number;
      requiredDepartments: readonly number[];
      renewalDepartments: readonly number[];
      renewable: boolean;
      active: boolean;
    };
    return [{ ...t }];
  });
  return { types: count.data === 0 ? [] : list, refetch: () => Promise.all([count.refetch(), types.refetch()]) };
}

export function useRoles(account: Address | undefined) {
  const enabled = account !== undefined && directory !== undefined && manager !== undefined && licences !== undefined;
  const { departments } = useDepartments();
  const { types } = useLicenceTypes();
  const reads = useReadContracts({
    contracts: [
      {
        ...manager!,
        chainId: appConfig.chainId,
        functionName: "hasRole",
        args: [ADMIN_ROLE, account!],
      },
      {
        ...manager!,
        chainId: appConfig.chainId,
        functionName: "hasRole",
        args: [GUARDIAN_ROLE, account!],
      },
      {
        ...directory!,
        chainId: appConfig.chainId,
        functionName: "seatOf",
        args: [account!],
      },
      {
        ...directory!,
        chainId: appConfig.chainId,
        functionName: "actingDepartmentOf",
        args: [account!],
      },
      {
        ...licences!,
        chainId: appConfig.chainId,
        functionName: "applicationsOf",
        args: [account!, 0n, 1n],
      },
    ],
    query: { enabled, refetchInterval: 10_000 },
  });
  const licenceReads = useReadContracts({
    contracts: (types ?? []).map(
      (type) =>
        ({
          ...licences!,
          chainId: appConfig.chainId,
          functionName: "licenseOf",
          args: [account!, type.id],
        }) as const,
    ),
    query: { enabled: enabled && (types?.length ?? 0) > 0 },
  });
  const validReads = useReadContracts({
    contracts: (types ?? []).map(
      (type) =>
        ({
          ...licences!,
          chainId: appConfig.chainId,
          functionName: "hasValidLicense",
          args: [account!, type.id],
        }) as const,
    ),
    query: { enabled: enabled && (types?.length ?? 0) > 0 },
  });

  if (!enabled || reads.data === undefined || departments === undefined) return { roles: undefined, isLoading: enabled, error: reads.error };
  const [admin, guardian, seat, acting, applications] = reads.data;
  const seatTuple = seat.result as readonly [number, boolean] | undefined;
  const actingId = Number(acting.result ?? 0);
  const seatDepartment = departments.find((d) => d.id === actingId);
  const roles: Roles = {
    admin: (admin.result as readonly [boolean, number] | undefined)?.[0] === true,
    adminDelay: Number((admin.result as readonly [boolean, number] | undefined)?.[1] ?? 0),
    guardian: (guardian.result as readonly [boolean, number] | undefined)?.[0] === true,
    seat: seatDepartment !== undefined && seatTuple !== undefined ? { department: seatDepartment, head: seatTuple[1] } : undefined,
    treasuryOf: departments.filter((d) => d.treasury.toLowerCase() === account.toLowerCase()),
    licences: (types ?? []).flatMap((type, i) => {
      const licenseId = licenceReads.data?.[i]?.result as bigint | undefined;
      const valid = validReads.data?.[i]?.result === true;
      return licenseId !== undefined && licenseId > 0n && valid ? [{ type, licenseId }] : [];
    }),
    applicant: ((applications.result as readonly bigint[] | undefined)?.length ?? 0) > 0,
  };
  return { roles, isLoading: false, error: undefined };
}

/**
 * Reads a licence from the chain, at one block, in the reader's browser: the record and its status
 * (LicenseRegistry), its number and type, the issuing and required departments (DepartmentDirectory),
 * each required department's approval of the application that issued it (its approval bits and
 * ApplicationApproved logs), and every later change (renewed, suspended, reinstated, revoked).
 */
import { useQuery } from "@tanstack/react-query";
import { type Address, getAbiItem, type Hex, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";

import { config } from "../../config";
import { abis } from "../../contracts";
import { type ApprovalEvent, type DepartmentApproval, type LicenceStatus, licenceStatus, requiredApprovals } from "../../lib/verify/licence";
import { asChainError, blockTimes, deployed, pinnedBlock, revertName } from "./chain";

export interface DepartmentName {
  readonly id: number;
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export type LicenceEventName = "LicenseIssued" | "LicenseRenewed" | "LicenseSuspended" | "LicenseReinstated" | "LicenseRevoked";

export interface LicenceEvent {
  readonly name: LicenceEventName;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
  /** Unix seconds of the block. */
  readonly timestamp: number;
}

export interface LicenceRecord {
  readonly id: bigint;
  readonly number: string;
  readonly status: LicenceStatus;
  readonly holder: Address;
  readonly subjectId: Hex;
  readonly issuedAt: number;
  readonly validFrom: number;
  readonly validUntil: number;
  readonly type: {
    readonly id: number;
    readonly code: string;
    readonly name: string;
  };
  readonly issuingDepartment: DepartmentName;
  readonly approvals: readonly (DepartmentApproval & {
    readonly department: DepartmentName;
  })[];
  readonly applicationId: bigint;
  readonly events: readonly LicenceEvent[];
  readonly asOf: { readonly blockNumber: bigint; readonly timestamp: number };
}

/** The licence does not exist on chain (LicenseUnknown / LicenseUnknownNumber). */
export class LicenceNotFoundError extends Error {
  constructor(readonly reference: string) {
    super(`no licence ${reference} on chain`);
    this.name = "LicenceNotFoundError";
  }
}

interface LicenseResult {
  typeId: number;
  suspended: boolean;
  revoked: boolean;
  holder: Address;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  subjectId: Hex;
  applicationId: bigint;
}

const APPLICATION_APPROVED = getAbiItem({
  abi: abis.LicenseRegistry,
  name: "ApplicationApproved",
});
const LICENCE_ISSUED = getAbiItem({
  abi: abis.LicenseRegistry,
  name: "LicenseIssued",
});
const LICENCE_EVENTS = (["LicenseIssued", "LicenseRenewed", "LicenseSuspended", "LicenseReinstated", "LicenseRevoked"] as const).map((name) =>
  getAbiItem({ abi: abis.LicenseRegistry, name }),
);

async function readLicence(client: PublicClient, id: bigint): Promise<LicenceRecord> {
  const registry = deployed("LicenseRegistry");
  const directory = deployed("DepartmentDirectory");
  const asOf = await pinnedBlock(client);
  const at = { blockNumber: asOf.blockNumber } as const;

  let licence: LicenseResult;
  try {
    licence = (await client.readContract({
      ...registry,
      functionName: "getLicense",
      args: [id],
      ...at,
    })) as LicenseResult;
  } catch (error) {
    if (revertName(error) === "LicenseUnknown") throw new LicenceNotFoundError(id.toString());
    throw error;
  }
  const [status, number, type, application, approvalLogs, eventLogs] = (await Promise.all([
    client.readContract({
      ...registry,
      functionName: "licenseStatus",
      args: [id],
      ...at,
    }),
    client.readContract({
      ...registry,
      functionName: "licenseNumber",
      args: [id],
      ...at,
    }),
    client.readContract({
      ...registry,
      functionName: "licenseType",
      args: [licence.typeId],
      ...at,
    }),
    client.readContract({
      ...registry,
      functionName: "getApplication",
      args: [licence.applicationId],
      ...at,
    }),
    client.getLogs({
      address: registry.address,
      event: APPLICATION_APPROVED,
      args: { applicationId: licence.applicationId },
      fromBlock: registry.fromBlock,
      toBlock: asOf.blockNumber,
    }),
    // One query per event: the licence id is each one's first indexed argument. (viem types `args`
    // only for a known event, hence the cast; the results are typed below.)
    Promise.all(
      LICENCE_EVENTS.map((event) =>
        client.getLogs({
          address: registry.address,
          event: event as typeof LICENCE_ISSUED,
          args: { licenseId: id },
          fromBlock: registry.fromBlock,
          toBlock: asOf.blockNumber,
        }),
      ),
    ).then((lists) =>
      lists.flat().sort((a, b) => (a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1)),
    ),
  ])) as [
    number,
    string,
    {
      id: number;
      code: string;
      name: string;
      issuingDepartment: number;
      requiredDepartments: readonly number[];
    },
    { approvalMask: number },
    readonly {
      args: {
        departmentId?: number;
        official?: Address;
        bySignature?: boolean;
      };
      blockNumber: bigint;
      transactionHash: Hex;
    }[],
    readonly {
      eventName: LicenceEventName;
      args: { licenseId?: bigint };
      blockNumber: bigint;
      transactionHash: Hex;
    }[],
  ];

  const departmentIds = [...new Set([type.issuingDepartment, ...type.requiredDepartments])];
  const [departments, timeOfBlock] = await Promise.all([
    Promise.all(
      departmentIds.map(async (departmentId) => {
        const d = (await client.readContract({
          ...directory,
          functionName: "department",
          args: [departmentId],
          ...at,
        })) as DepartmentName;
        return { id: d.id, code: d.code, nameZh: d.nameZh, nameEn: d.nameEn };
      }),
    ),
    blockTimes(client, eventLogs),
  ]);
  const departmentById = new Map(departments.map((d) => [d.id, d]));

  const approvalEvents: ApprovalEvent[] = approvalLogs.map((log) => ({
    departmentId: log.args.departmentId!,
    official: log.args.official!,
    bySignature: log.args.bySignature!,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }));
  return {
    id,
    number,
    status: licenceStatus(status),
    holder: licence.holder,
    subjectId: licence.subjectId,
    issuedAt: licence.issuedAt,
    validFrom: licence.validFrom,
    validUntil: licence.validUntil,
    type: { id: type.id, code: type.code, name: type.name },
    issuingDepartment: departmentById.get(type.issuingDepartment)!,
    approvals: requiredApprovals(type.requiredDepartments, application.approvalMask, approvalEvents).map((a) => ({
      ...a,
      department: departmentById.get(a.departmentId)!,
    })),
    applicationId: licence.applicationId,
    events: eventLogs.map((log) => ({
      name: log.eventName,
      blockNumber: log.blockNumber,
      transactionHash: log.transactionHash,
      timestamp: timeOfBlock.get(log.blockNumber) ?? 0,
    })),
    asOf,
  };
}

/** Licence `id` from the chain (undefined: no id yet). Fails with LicenceNotFoundError or ChainUnavailableError. */
export function useLicence(id: bigint | undefined) {
  const client = usePublicClient({ chainId: config.chainId });
  return useQuery({
    queryKey: ["licence", config.chainId, id?.toString()],
    enabled: id !== undefined && client !== undefined,
    retry: false,
    queryFn: async () => {
      try {
        return await readLicence(client as PublicClient, id!);
      } catch (error) {
        throw asChainError(error);
      }
    },
  });
}

/** The id of the licence numbered `number` (LicenseRegistry.licenseByNumber). */
export async function licenceIdByNumber(client: PublicClient, number: string): Promise<bigint> {
  const registry = deployed("LicenseRegistry");
  try {
    return (await client.readContract({
      ...registry,
      functionName: "licenseByNumber",
      args: [number],
    })) as bigint;
  } catch (error) {
    if (revertName(error) === "LicenseUnknownNumber") throw new LicenceNotFoundError(number);
    throw asChainError(error);
  }
}

/**
 * One licence application as the console shows it: the registry's record, its type, its documents'
 * fingerprints (from its latest Submitted/Amended event) and every department's decision (events).
 */
import type { Hex } from "@lib/hashing";
import { useQuery } from "@tanstack/react-query";
import { usePublicClient, useReadContract } from "wagmi";

import { config as appConfig } from "../../../config";
import { deploymentOf, deploymentTable } from "../../../contracts";
import { requireContract } from "../../lib/platform";

export const registry = requireContract("LicenseRegistry");
const deployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "LicenseRegistry")?.deployedBlock ?? 0);

export const STAGE = {
  None: 0,
  Pending: 1,
  Rejected: 2,
  Issued: 3,
  Withdrawn: 4,
} as const;

export interface Decision {
  kind: "approved" | "rejected";
  departmentId: number;
  official: Hex;
  reasonCode?: number;
  commentDigest: Hex;
  bySignature?: boolean;
  blockNumber: bigint;
}

export function useApplication(applicationId: bigint | undefined) {
  const enabled = applicationId !== undefined && applicationId > 0n;
  const application = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "getApplication",
    args: [applicationId ?? 0n],
    query: { enabled, refetchInterval: 4_000 },
  });
  const typeId = application.data?.typeId;
  const type = useReadContract({
    ...registry,
    chainId: appConfig.chainId,
    functionName: "licenseType",
    args: [typeId ?? 0],
    query: { enabled: typeId !== undefined },
  });
  const client = usePublicClient({ chainId: appConfig.chainId });
  const round = application.data?.round;
  const stage = application.data?.stage;
  const history = useQuery({
    queryKey: ["govchain", "licence-application-events", applicationId?.toString(), round, stage, application.data?.approvalMask],
    enabled: enabled && client !== undefined && application.data !== undefined,
    queryFn: async () => {
      const common = {
        ...registry,
        fromBlock: deployedBlock,
        args: { applicationId },
      } as const;
      const [submitted, amended, approved, rejected] = await Promise.all([
        client!.getContractEvents({
          ...common,
          eventName: "ApplicationSubmitted",
        }),
        client!.getContractEvents({
          ...common,
          eventName: "ApplicationAmended",
        }),
        client!.getContractEvents({
          ...common,
          eventName: "ApplicationApproved",
        }),
        client!.getContractEvents({
          ...common,
          eventName: "ApplicationRejected",
        }),
      ]);
      const latestDocuments = [...submitted, ...amended].sort((a, b) => Number(b.blockNumber - a.blockNumber) || b.logIndex - a.logIndex)[0];
      const decisions: Decision[] = [
        ...approved.map((log) => ({
          kind: "approved" as const,
          departmentId: Number(log.args.departmentId),
          official: log.args.official as Hex,
          commentDigest: log.args.commentDigest as Hex,
          bySignature: log.args.bySignature,
          blockNumber: log.blockNumber,
        })),
        ...rejected.map((log) => ({
          kind: "rejected" as const,
          departmentId: Number(log.args.departmentId),
          official: log.args.official as Hex,
          reasonCode: Number(log.args.reasonCode),
          commentDigest: log.args.commentDigest as Hex,
          blockNumber: log.blockNumber,
        })),
      ].sort((a, b) => Number(a.blockNumber - b.blockNumber));
      return {
        documents: (latestDocuments?.args.documentDigests ?? []) as readonly Hex[],
        decisions,
      };
    },
  });
  const required: readonly number[] =
    application.data === undefined || type.data === undefined ? [] : application.data.renewal ? type.data.renewalDepartments : type.data.requiredDepartments;
  const approvedDepartments = new Set(required.filter((_, i) => ((application.data?.approvalMask ?? 0) >> i) & 1));
  return {
    application: application.data,
    applicationError: application.error,
    type: type.data,
    documents: history.data?.documents,
    decisions: history.data?.decisions,
    required,
    approvedDepartments,
    refetch: () => {
      void application.refetch();
      void history.refetch();
    },
  };
}

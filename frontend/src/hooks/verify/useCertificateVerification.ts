/**
 * Reads from the chain everything the certificate check list needs, at one block, in the reader's
 * browser: the registry's record (or the batch and the item's status under its proof), the issue log
 * (block, transaction, issuing official), the department and whether the official served it at the
 * time (DepartmentDirectory.wasOfficialAt), the type, and the two W3C status-list bits.
 */
import { useQuery } from "@tanstack/react-query";
import { type Address, getAbiItem, type Hex, type PublicClient } from "viem";
import { usePublicClient } from "wagmi";

import { config } from "../../config";
import { abis } from "../../contracts";
import {
  buildCertificateChecks,
  type CertificateAnswers,
  type CertificateRecord,
  certificateStatus,
  type IssueEvent,
  statusBit,
} from "../../lib/verify/certificateChecks";
import { type BatchProofFile, rootFromProof } from "../../lib/verify/proofFile";
import { asChainError, blockTimes, deployed, pinnedBlock } from "./chain";

export interface CertificateQuery {
  readonly digest: Hex;
  readonly digestSource: "file" | "pasted";
  readonly proof?: BatchProofFile;
}

interface VerificationResult {
  status: number;
  typeId: number;
  departmentId: number;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  statusIndex: number;
  supersedes: Hex;
  supersededBy: Hex;
}

interface BatchResult {
  typeId: number;
  departmentId: number;
  issuedBy: Address;
  issuedAt: number;
  validFrom: number;
  validUntil: number;
  count: number;
  firstStatusIndex: number;
  revoked: boolean;
  root: Hex;
}

const CERTIFICATE_ISSUED = getAbiItem({
  abi: abis.CertificateRegistry,
  name: "CertificateIssued",
});
const BATCH_ANCHORED = getAbiItem({
  abi: abis.CertificateRegistry,
  name: "BatchAnchored",
});

const ZERO = `0x${"00".repeat(32)}`;
const nonZero = (value: Hex) => (value === ZERO ? undefined : value);

async function readCertificate(client: PublicClient, query: CertificateQuery): Promise<CertificateAnswers> {
  const registry = deployed("CertificateRegistry");
  const directory = deployed("DepartmentDirectory");
  const asOf = await pinnedBlock(client);
  const at = { blockNumber: asOf.blockNumber } as const;
  const base = { digest: query.digest, digestSource: query.digestSource, asOf };

  let record: CertificateRecord | undefined;
  let issue: IssueEvent | undefined;
  let batchProof: CertificateAnswers["batchProof"];

  if (query.proof === undefined) {
    const found = (await client.readContract({
      ...registry,
      functionName: "verify",
      args: [query.digest],
      ...at,
    })) as VerificationResult;
    if (found.status === 0) return base;
    record = {
      status: certificateStatus(found.status),
      typeId: found.typeId,
      departmentId: found.departmentId,
      issuedAt: found.issuedAt,
      validFrom: found.validFrom,
      validUntil: found.validUntil,
      statusIndex: BigInt(found.statusIndex),
      supersedes: nonZero(found.supersedes),
      supersededBy: nonZero(found.supersededBy),
    };
    const logs = await client.getLogs({
      address: registry.address,
      event: CERTIFICATE_ISSUED,
      args: { digest: query.digest },
      fromBlock: registry.fromBlock,
      toBlock: asOf.blockNumber,
    });
    const log = logs.at(-1);
    if (log !== undefined && log.args.issuedBy !== undefined) {
      issue = {
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        issuedBy: log.args.issuedBy,
      };
    }
  } else {
    const file = query.proof;
    // The root the proof leads to from the reader's document (not from the digest the file claims).
    const computedRoot = rootFromProof({ ...file, digest: query.digest });
    const anchoredBatchId = (await client.readContract({
      ...registry,
      functionName: "batchIdOfRoot",
      args: [file.root],
      ...at,
    })) as bigint;
    batchProof = { file, computedRoot, anchoredBatchId };
    if (anchoredBatchId === 0n || anchoredBatchId !== file.batchId) return { ...base, batchProof };
    const [batch, itemStatus] = (await Promise.all([
      client.readContract({
        ...registry,
        functionName: "batch",
        args: [anchoredBatchId],
        ...at,
      }),
      client.readContract({
        ...registry,
        functionName: "verifyBatchItem",
        args: [anchoredBatchId, file.index, query.digest, file.holderCommitment, [...file.proof]],
        ...at,
      }),
    ])) as [BatchResult, number];
    batchProof = { ...batchProof, anchoredRoot: batch.root };
    // The chain's verdict on the item; the root recomputed here with the file's digest says why when it is Unknown.
    if (itemStatus === 0 || computedRoot !== batch.root) return { ...base, batchProof };
    record = {
      status: certificateStatus(itemStatus),
      typeId: batch.typeId,
      departmentId: batch.departmentId,
      issuedAt: batch.issuedAt,
      validFrom: batch.validFrom,
      validUntil: batch.validUntil,
      statusIndex: BigInt(batch.firstStatusIndex) + BigInt(file.index),
      batch: {
        id: anchoredBatchId,
        index: file.index,
        wholeBatchRevoked: batch.revoked,
      },
    };
    const logs = await client.getLogs({
      address: registry.address,
      event: BATCH_ANCHORED,
      args: { batchId: anchoredBatchId },
      fromBlock: registry.fromBlock,
      toBlock: asOf.blockNumber,
    });
    const log = logs.at(0);
    if (log !== undefined)
      issue = {
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash,
        issuedBy: batch.issuedBy,
      };
  }

  const word = record.statusIndex / 256n;
  const [type, department, issuerWasOfficial, revocationWords, suspensionWords] = (await Promise.all([
    client.readContract({
      ...registry,
      functionName: "certificateType",
      args: [record.typeId],
      ...at,
    }),
    client.readContract({
      ...directory,
      functionName: "department",
      args: [record.departmentId],
      ...at,
    }),
    issue === undefined
      ? Promise.resolve(undefined)
      : client.readContract({
          ...directory,
          functionName: "wasOfficialAt",
          args: [record.departmentId, issue.issuedBy, record.issuedAt],
          ...at,
        }),
    client.readContract({
      ...registry,
      functionName: "statusWords",
      args: [record.typeId, 0, word, 1n],
      ...at,
    }),
    client.readContract({
      ...registry,
      functionName: "statusWords",
      args: [record.typeId, 1, word, 1n],
      ...at,
    }),
  ])) as [
    { id: number; code: string; name: string },
    { id: number; code: string; nameZh: string; nameEn: string },
    boolean | undefined,
    readonly bigint[],
    readonly bigint[],
  ];

  return {
    ...base,
    batchProof,
    record,
    issue,
    type: { id: type.id, code: type.code, name: type.name },
    department: {
      id: department.id,
      code: department.code,
      nameZh: department.nameZh,
      nameEn: department.nameEn,
    },
    issuerWasOfficial,
    statusBits: {
      revocation: statusBit(revocationWords[0], record.statusIndex),
      suspension: statusBit(suspensionWords[0], record.statusIndex),
    },
  };
}

export type StatusChangeName = "Suspended" | "Reinstated" | "Revoked" | "Superseded" | "BatchRevoked";

/** A change of the certificate's status after its issue, from the registry's logs. */
export interface StatusChange {
  readonly name: StatusChangeName;
  readonly reasonCode?: number;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
  /** Unix seconds of the block. */
  readonly timestamp: number;
}

export interface CertificateResult {
  readonly answers: CertificateAnswers;
  readonly verification: ReturnType<typeof buildCertificateChecks>;
  /** Every suspension, reinstatement, revocation or correction since the issue, oldest first. */
  readonly history: readonly StatusChange[];
}

const STATUS_EVENTS = {
  single: {
    Suspended: getAbiItem({ abi: abis.CertificateRegistry, name: "CertificateSuspended" }),
    Reinstated: getAbiItem({ abi: abis.CertificateRegistry, name: "CertificateReinstated" }),
    Revoked: getAbiItem({ abi: abis.CertificateRegistry, name: "CertificateRevoked" }),
    Superseded: getAbiItem({ abi: abis.CertificateRegistry, name: "CertificateSuperseded" }),
  },
  batch: {
    Suspended: getAbiItem({ abi: abis.CertificateRegistry, name: "BatchItemSuspended" }),
    Reinstated: getAbiItem({ abi: abis.CertificateRegistry, name: "BatchItemReinstated" }),
    Revoked: getAbiItem({ abi: abis.CertificateRegistry, name: "BatchItemRevoked" }),
    BatchRevoked: getAbiItem({ abi: abis.CertificateRegistry, name: "BatchRevoked" }),
  },
} as const;

interface StatusLog {
  readonly args: { reasonCode?: number };
  readonly blockNumber: bigint;
  readonly logIndex: number;
  readonly transactionHash: Hex;
}

/** The status changes of the certificate `answers` found, read from the registry's logs up to the same block. */
async function readHistory(client: PublicClient, answers: CertificateAnswers): Promise<StatusChange[]> {
  const record = answers.record;
  if (record === undefined) return [];
  const registry = deployed("CertificateRegistry");
  const range = { address: registry.address, fromBlock: registry.fromBlock, toBlock: answers.asOf.blockNumber };
  // viem types `args` per event; each query below names its own event, the casts only widen the result.
  const queries: [StatusChangeName, Promise<readonly StatusLog[]>][] =
    record.batch === undefined
      ? Object.entries(STATUS_EVENTS.single).map(([name, event]) => [
          name as StatusChangeName,
          client.getLogs({ ...range, event: event as typeof STATUS_EVENTS.single.Suspended, args: { digest: answers.digest } }) as Promise<readonly StatusLog[]>,
        ])
      : [
          ...Object.entries(STATUS_EVENTS.batch)
            .filter(([name]) => name !== "BatchRevoked")
            .map(
              ([name, event]) =>
                [
                  name as StatusChangeName,
                  client.getLogs({
                    ...range,
                    event: event as typeof STATUS_EVENTS.batch.Suspended,
                    args: { batchId: record.batch!.id, index: record.batch!.index },
                  }) as Promise<readonly StatusLog[]>,
                ] as [StatusChangeName, Promise<readonly StatusLog[]>],
            ),
          ["BatchRevoked", client.getLogs({ ...range, event: STATUS_EVENTS.batch.BatchRevoked, args: { batchId: record.batch.id } }) as Promise<readonly StatusLog[]>],
        ];
  const lists = await Promise.all(queries.map(async ([name, logs]) => (await logs).map((log) => ({ name, log }))));
  const changes = lists.flat().sort((a, b) => (a.log.blockNumber === b.log.blockNumber ? a.log.logIndex - b.log.logIndex : a.log.blockNumber < b.log.blockNumber ? -1 : 1));
  const timeOf = await blockTimes(client, changes.map((change) => change.log));
  return changes.map(({ name, log }) => ({
    name,
    reasonCode: log.args.reasonCode,
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
    timestamp: timeOf.get(log.blockNumber) ?? 0,
  }));
}

/** The verification of `query` (undefined: nothing to verify yet), read once: a new query reads again. */
export function useCertificateVerification(query: CertificateQuery | undefined) {
  const client = usePublicClient({ chainId: config.chainId });
  return useQuery({
    queryKey: [
      "verify-certificate",
      config.chainId,
      query?.digest,
      query?.digestSource,
      query?.proof === undefined ? null : JSON.stringify(query.proof, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    ],
    enabled: query !== undefined && client !== undefined,
    retry: false,
    staleTime: Infinity,
    queryFn: async (): Promise<CertificateResult> => {
      try {
        const answers = await readCertificate(client as PublicClient, query!);
        const history = await readHistory(client as PublicClient, answers);
        return { answers, verification: buildCertificateChecks(answers), history };
      } catch (error) {
        throw asChainError(error);
      }
    },
  });
}

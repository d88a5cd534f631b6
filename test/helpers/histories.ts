/**
 * Hand-built `TenderHistory` values, as the indexer decodes them, for the pure-module tests (lib/redflags,
 * lib/metrics). Events are given as [days after publication, decoded event].
 */
import type { TenderEvent, TenderEventArgs, TenderHistory } from "../../lib/ocds.js";

export const DAY = 86_400;
/** 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600;
/** One token in units (the payment token has 2 decimals). */
export const UNIT = 100n;
export const A = "0x" + "a".repeat(40);
export const B = "0x" + "b".repeat(40);
export const C = "0x" + "c".repeat(40);
export const D = "0x" + "d".repeat(40);
export const OFFICIAL = "0x" + "e".repeat(40);

export interface HistoryOptions {
  /** Publication time. Default T0. */
  publishedAt?: number;
  /** Commit deadline in days after publication. Default 20. */
  commitDays?: number;
  department?: number;
  tenderId?: string;
  /** Budget in whole tokens. Default 1,000,000. */
  budget?: bigint;
  bidders?: TenderHistory["bidders"];
  paymentToken?: TenderHistory["paymentToken"];
}

export function history(events: [number, TenderEventArgs][], opts: HistoryOptions = {}): TenderHistory {
  const publishedAt = opts.publishedAt ?? T0;
  const commitDeadline = publishedAt + (opts.commitDays ?? 20) * DAY;
  return {
    chainId: 1337,
    escrow: "0x" + "1".repeat(40),
    tenderId: opts.tenderId ?? "1",
    published: {
      blockNumber: 1,
      blockTimestamp: publishedAt,
      transactionHash: "0x" + "0".repeat(64),
      logIndex: 0,
      department: opts.department ?? 3,
      treasury: "0x" + "2".repeat(40),
      publishedBy: OFFICIAL,
      params: {
        documentsDigest: "0x" + "3".repeat(64),
        metadataURI: "ipfs://x",
        category: "works",
        budget: ((opts.budget ?? 1_000_000n) * UNIT).toString(),
        bidBond: "0",
        commitDeadline,
        revealDeadline: commitDeadline + 5 * DAY,
        complaintWindow: 5 * DAY,
        acceptingDepartment: opts.department ?? 3,
        licenseTypeId: 1,
        milestoneSharesBps: [10_000],
        milestoneDigests: ["0x" + "4".repeat(64)],
      },
    },
    departments: [],
    supervisingDepartment: 9,
    paymentToken: opts.paymentToken ?? { symbol: "tCNY", decimals: 2 },
    metadata: {},
    ...(opts.bidders ? { bidders: opts.bidders } : {}),
    events: events.map(
      ([day, e], i) =>
        ({ blockNumber: 2 + i, blockTimestamp: publishedAt + day * DAY, transactionHash: "0x" + "5".repeat(64), logIndex: 0, ...e }) as TenderEvent,
    ),
  };
}

export const commit = (bidder: string): TenderEventArgs => ({ name: "BidCommitted", args: { bidder, commitment: "0x" + "6".repeat(64), sequence: 1, replaced: false } });
export const withdraw = (bidder: string): TenderEventArgs => ({ name: "BidWithdrawn", args: { bidder } });
/** A reveal at a price in whole tokens. */
export const reveal = (bidder: string, tokens: bigint): TenderEventArgs => ({ name: "BidRevealed", args: { bidder, price: (tokens * UNIT).toString() } });
/** An award at a price in whole tokens. */
export const award = (winner: string, tokens: bigint): TenderEventArgs => ({
  name: "TenderAwarded",
  args: { winner, price: (tokens * UNIT).toString(), awardedAt: 0, complaintDeadline: 0 },
});
export const accept = (by: string, milestone = 0, tokens = 800_000n): TenderEventArgs => ({ name: "MilestoneAccepted", args: { milestone, by, amount: (tokens * UNIT).toString() } });

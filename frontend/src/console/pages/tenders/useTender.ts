/** A tender as the console needs it: the escrow's view, its milestones, complaints and bidders (from events). */
import { type BidEvent, biddersFromEvents, rankBids } from "@lib/tenders";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { usePublicClient, useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../../config";
import { deploymentOf, deploymentTable } from "../../../contracts";
import { formatAmount } from "../../lib/format";
import { requireContract } from "../../lib/platform";

export const escrow = requireContract("TenderEscrow");
export const token = requireContract("TestStablecoin");
const deployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "TenderEscrow")?.deployedBlock ?? 0);

export const TENDER_STATES = ["none", "open", "awarded", "disputed", "active", "completed", "cancelled", "failed", "terminated"] as const;
export const MILESTONE_STATES = ["pending", "delivered", "accepted"] as const;

/** The payment token's decimals (the demo stablecoin: 2, like fen to yuan). */
export function useTokenDecimals(): number {
  const decimals = useReadContract({ ...token, chainId: appConfig.chainId, functionName: "decimals", query: { staleTime: Infinity } });
  return Number(decimals.data ?? 2);
}

/** Amounts in the payment token, with its symbol ("1,250,000.00 CNYT"); "…" until its decimals are read. */
export function useMoney(): (value: bigint) => string {
  const decimals = useReadContract({ ...token, chainId: appConfig.chainId, functionName: "decimals", query: { staleTime: Infinity } });
  const symbol = useReadContract({ ...token, chainId: appConfig.chainId, functionName: "symbol", query: { staleTime: Infinity } });
  return (value: bigint) => (decimals.data === undefined ? "…" : `${formatAmount(value, Number(decimals.data))}${typeof symbol.data === "string" ? ` ${symbol.data}` : ""}`);
}

export function useTender(tenderId: bigint | undefined) {
  const enabled = tenderId !== undefined && tenderId > 0n;
  const reads = useReadContracts({
    contracts: [
      { ...escrow, chainId: appConfig.chainId, functionName: "getTender", args: [tenderId ?? 0n] },
      { ...escrow, chainId: appConfig.chainId, functionName: "milestonesOf", args: [tenderId ?? 0n] },
      { ...escrow, chainId: appConfig.chainId, functionName: "complaintsOf", args: [tenderId ?? 0n] },
    ],
    query: { enabled, refetchInterval: 3_000 },
  });
  const tender = reads.data?.[0]?.status === "success" ? reads.data[0].result : undefined;
  const client = usePublicClient({ chainId: appConfig.chainId });
  const bids = useQuery({
    queryKey: ["govchain", "tender-bids", tenderId?.toString(), tender?.bidCount, tender?.revealedCount, tender?.state],
    enabled: enabled && client !== undefined && tender !== undefined,
    queryFn: async () => {
      const common = { ...escrow, fromBlock: deployedBlock, args: { tenderId } } as const;
      const [committed, withdrawn, revealed] = await Promise.all([
        client!.getContractEvents({ ...common, eventName: "BidCommitted" }),
        client!.getContractEvents({ ...common, eventName: "BidWithdrawn" }),
        client!.getContractEvents({ ...common, eventName: "BidRevealed" }),
      ]);
      const events: BidEvent[] = [
        ...committed.map((log) => ({
          kind: "committed" as const,
          bidder: log.args.bidder as string,
          blockNumber: Number(log.blockNumber),
          logIndex: log.logIndex,
        })),
        ...withdrawn.map((log) => ({
          kind: "withdrawn" as const,
          bidder: log.args.bidder as string,
          blockNumber: Number(log.blockNumber),
          logIndex: log.logIndex,
        })),
        ...revealed.map((log) => ({
          kind: "revealed" as const,
          bidder: log.args.bidder as string,
          blockNumber: Number(log.blockNumber),
          logIndex: log.logIndex,
        })),
      ];
      const { live, revealed: revealedBidders } = biddersFromEvents(events);
      const sequence = new Map(committed.map((log) => [log.args.bidder as string, BigInt(log.args.sequence ?? 0)]));
      const price = new Map(revealed.map((log) => [log.args.bidder as string, log.args.price as bigint]));
      // `award` takes every revealed bidder by (price, sequence); the escrow checks the list.
      const ranking = rankBids(
        revealedBidders.map((bidder) => ({ bidder, price: price.get(bidder) ?? 0n, sequence: sequence.get(bidder) ?? 0n })),
      ) as Address[];
      return { live: live as Address[], revealed: revealedBidders as Address[], ranking };
    },
  });
  return {
    tender,
    milestones: reads.data?.[1]?.status === "success" ? reads.data[1].result : undefined,
    complaints: reads.data?.[2]?.status === "success" ? reads.data[2].result : undefined,
    bidders: bids.data,
    error: reads.data?.[0]?.status === "failure" ? reads.data[0].error : undefined,
    refetch: () => {
      void reads.refetch();
      void bids.refetch();
    },
  };
}

/**
 * Tender bookkeeping the escrow leaves to its readers (pure functions): it keeps no list of bidders, so
 * the public portal, scripts and tests rebuild them from its events, and `award`, an upheld
 * `resolveComplaint` and `cancel` take lists built here. The escrow checks every list it is given.
 */

/** One bid event of a tender, in the shape any log reader can produce. */
export interface BidEvent {
  kind: "committed" | "withdrawn" | "revealed";
  bidder: string;
  blockNumber: number;
  logIndex: number;
}

/**
 * The bidders of a tender from its events: `live` have a bid (committed and not withdrawn since; a bidder
 * may withdraw and bid again), `revealed` revealed one. Each list holds an address once.
 */
export function biddersFromEvents(events: readonly BidEvent[]): { live: string[]; revealed: string[] } {
  const ordered = [...events].sort((x, y) => x.blockNumber - y.blockNumber || x.logIndex - y.logIndex);
  const live = new Set<string>();
  const revealed = new Set<string>();
  for (const e of ordered) {
    if (e.kind === "committed") live.add(e.bidder);
    else if (e.kind === "withdrawn") live.delete(e.bidder);
    else revealed.add(e.bidder);
  }
  return { live: [...live], revealed: [...revealed] };
}

/** The ranking `award` takes: every revealed bid by price, then by commit sequence (earliest first). */
export function rankBids(bids: readonly { bidder: string; price: bigint; sequence: bigint | number }[]): string[] {
  return [...bids]
    .sort((x, y) => {
      if (x.price !== y.price) return x.price < y.price ? -1 : 1;
      return BigInt(x.sequence) < BigInt(y.sequence) ? -1 : BigInt(x.sequence) > BigInt(y.sequence) ? 1 : 0;
    })
    .map((b) => b.bidder);
}

/** The order `cancel` takes its bidder list in: ascending by address value. */
export function byAddress(addresses: readonly string[]): string[] {
  return [...addresses].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : BigInt(x) > BigInt(y) ? 1 : 0));
}

import { deepStrictEqual } from "node:assert/strict";

import { biddersFromEvents, byAddress, rankBids } from "../lib/tenders.js";

const A = "0x00000000000000000000000000000000000000aA";
const B = "0x0000000000000000000000000000000000000B0b";
const C = "0xc000000000000000000000000000000000000000";

describe("lib/tenders", function () {
  it("biddersFromEvents follows commits, withdrawals and re-bids in chain order, whatever order the logs come in", function () {
    const { live, revealed } = biddersFromEvents([
      { kind: "revealed", bidder: C, blockNumber: 9, logIndex: 0 },
      { kind: "committed", bidder: A, blockNumber: 2, logIndex: 1 },
      { kind: "committed", bidder: B, blockNumber: 2, logIndex: 0 },
      { kind: "withdrawn", bidder: A, blockNumber: 3, logIndex: 0 },
      { kind: "committed", bidder: C, blockNumber: 4, logIndex: 0 },
      { kind: "committed", bidder: A, blockNumber: 5, logIndex: 0 },
      { kind: "committed", bidder: A, blockNumber: 6, logIndex: 0 },
      { kind: "withdrawn", bidder: B, blockNumber: 7, logIndex: 0 },
    ]);
    deepStrictEqual(live, [C, A]);
    deepStrictEqual(revealed, [C]);
  });

  it("rankBids orders by price, then by the earlier commit", function () {
    deepStrictEqual(
      rankBids([
        { bidder: A, price: 700n, sequence: 3n },
        { bidder: B, price: 500n, sequence: 2 },
        { bidder: C, price: 700n, sequence: 1n },
      ]),
      [B, C, A],
    );
    deepStrictEqual(rankBids([]), []);
  });

  it("byAddress sorts by address value, not by letter case", function () {
    deepStrictEqual(byAddress([C, B, A]), [A, B, C]);
    deepStrictEqual(byAddress([B.toLowerCase(), A]), [A, B.toLowerCase()]);
  });
});

/**
 * lib/redflags: each flag on a constructed history that must raise it and on a near miss that must not.
 * Histories are built by hand as the indexer decodes them (the `TenderHistory` of lib/ocds).
 */
import { deepStrictEqual, equal, match, ok } from "node:assert/strict";

import type { TenderEventArgs, TenderHistory } from "../lib/ocds.js";
import { departmentRedFlags, medianFraction, type RedFlagCode, tenderRedFlags } from "../lib/redflags.js";
import { A, accept, award, B, C, commit, D, DAY, history, OFFICIAL, reveal, T0 } from "./helpers/histories.js";

/** A clean three-bidder tender: 20-day period, prices 800k/850k/900k, award to the lowest, accepted by an official. */
function clean(extra: [number, TenderEventArgs][] = [], prices: [bigint, bigint, bigint] = [800_000n, 850_000n, 900_000n]) {
  return history([
    [1, commit(A)],
    [2, commit(B)],
    [3, commit(C)],
    [21, reveal(A, prices[0])],
    [21, reveal(B, prices[1])],
    [22, reveal(C, prices[2])],
    [26, award(A, prices[0])],
    ...extra,
  ]);
}

const codes = (h: TenderHistory, options = {}): RedFlagCode[] => tenderRedFlags(h, options).flags.map((f) => f.code);

describe("lib/redflags", () => {
  it("raises nothing on a clean, competitive tender accepted by an unrelated official", () => {
    deepStrictEqual(codes(clean([[40, accept(OFFICIAL)]])), []);
  });

  describe("SINGLE_BID (Cardinal R018)", () => {
    it("flags one live bid once bidding has closed", () => {
      const h = history([
        [1, commit(A)],
        [21, reveal(A, 900_000n)],
      ]);
      const [f] = tenderRedFlags(h).flags;
      equal(f.code, "SINGLE_BID");
      equal(f.cardinal, "R018");
      equal(f.figures.bidders, 1);
      match(f.reason.en, /Only 1 live bid/);
    });
    it("counts live bids: two commits, one withdrawn, is a single bid", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [2, commit(B)], [3, { name: "BidWithdrawn", args: { bidder: B } }], [21, reveal(A, 1n)]])), ["SINGLE_BID"]);
    });
    it("does not flag two live bids", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [2, commit(B)], [21, reveal(A, 1n)]])), []);
    });
    it("does not flag a single bid while bidding is still open", () => {
      deepStrictEqual(codes(history([[1, commit(A)]])), []);
      deepStrictEqual(codes(history([[1, commit(A)]]), { asOf: T0 + 19 * DAY }), []);
      deepStrictEqual(codes(history([[1, commit(A)]]), { asOf: T0 + 20 * DAY }), ["SINGLE_BID"]);
    });
    it("does not flag a single bid on a tender cancelled before its commit deadline", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [5, { name: "TenderCancelled", args: { by: OFFICIAL, reasonCode: 1 } }]]), { asOf: T0 + 30 * DAY }), []);
    });
  });

  describe("SHORT_SUBMISSION_PERIOD (Cardinal R003)", () => {
    it("flags a 9.5-day period with the figures", () => {
      const h = history([[1, commit(A)], [2, commit(B)]], { commitDays: 9.5 });
      const [f] = tenderRedFlags(h).flags;
      equal(f.code, "SHORT_SUBMISSION_PERIOD");
      equal(f.cardinal, "R003");
      equal(f.figures.periodDays, "9.50");
      match(f.reason.en, /9\.50 days .* 10\.00-day threshold/);
      match(f.reason.zh, /9\.50 天/);
    });
    it("does not flag exactly 10 days (the threshold is strict)", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [2, commit(B)]], { commitDays: 10 })), []);
    });
    it("uses the amended commit deadline and a configurable threshold", () => {
      const amended = history([[1, { name: "TenderAmended", args: { amendment: 1, documentsDigest: "0x" + "7".repeat(64), commitDeadline: T0 + 12 * DAY, revealDeadline: T0 + 15 * DAY, by: OFFICIAL } }]], {
        commitDays: 5,
      });
      deepStrictEqual(codes(amended), []);
      deepStrictEqual(codes(amended, { minSubmissionPeriod: 15 * DAY }), ["SHORT_SUBMISSION_PERIOD"]);
    });
  });

  describe("HEAVILY_DISCOUNTED_BID (closest Cardinal: R058)", () => {
    it("flags a winner at 55 % of the others' median, with the figures", () => {
      // Others 900k and 1,000k: median 950k (even count: mean of the middle two); 522,500 / 950,000 = 55 %.
      const h = history([[1, commit(A)], [2, commit(B)], [3, commit(C)], [21, reveal(A, 522_500n)], [21, reveal(B, 900_000n)], [21, reveal(C, 1_000_000n)], [26, award(A, 522_500n)]]);
      const [f] = tenderRedFlags(h).flags;
      equal(f.code, "HEAVILY_DISCOUNTED_BID");
      equal(f.cardinal, "R058");
      ok(f.cardinalNote);
      equal(f.figures.percentOfMedian, "55.00");
      equal(f.figures.medianOthers, "95000000");
      match(f.reason.en, /522500 tCNY is 55\.00% of the median 950000 tCNY of the 2 other revealed bids \(threshold 75%\)/);
    });
    it("does not flag a winner at exactly 75 % of the median (strictly below flags)", () => {
      deepStrictEqual(codes(clean([], [750_000n, 1_000_000n, 1_000_000n])).filter((c) => c === "HEAVILY_DISCOUNTED_BID"), []);
    });
    it("flags one unit below 75 %", () => {
      const h = history([[1, commit(A)], [2, commit(B)], [21, { name: "BidRevealed", args: { bidder: A, price: "7499" } }], [21, { name: "BidRevealed", args: { bidder: B, price: "10000" } }], [26, { name: "TenderAwarded", args: { winner: A, price: "7499", awardedAt: 0, complaintDeadline: 0 } }]]);
      deepStrictEqual(codes(h), ["HEAVILY_DISCOUNTED_BID"]);
      deepStrictEqual(codes(h, { discountRatioBps: 7_000 }), []);
    });
    it("is not judged without another revealed bid", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [2, commit(B)], [21, reveal(A, 1n)], [26, award(A, 1n)]])), []);
    });
  });

  describe("IDENTICAL_BID_PRICES (Cardinal R028)", () => {
    it("flags two bidders revealing the same price", () => {
      const flags = tenderRedFlags(clean([], [800_000n, 800_000n, 900_000n])).flags;
      deepStrictEqual(
        flags.map((f) => f.code),
        ["IDENTICAL_BID_PRICES"],
      );
      deepStrictEqual(flags[0].figures.bidders, [A, B]);
      equal(flags[0].figures.price, "80000000");
      equal(flags[0].cardinal, "R028");
    });
    it("does not flag prices one unit apart", () => {
      const h = history([[1, commit(A)], [2, commit(B)], [21, { name: "BidRevealed", args: { bidder: A, price: "80000000" } }], [21, { name: "BidRevealed", args: { bidder: B, price: "80000001" } }]]);
      deepStrictEqual(codes(h), []);
    });
  });

  describe("CANCELLED_AFTER_REVEAL (govchain-specific)", () => {
    const cancel: TenderEventArgs = { name: "TenderCancelled", args: { by: OFFICIAL, reasonCode: 7 } };
    it("flags a cancellation after reveals, with who, why and how many", () => {
      const h = history([[1, commit(A)], [2, commit(B)], [21, reveal(A, 1n)], [21, reveal(B, 2n)], [27, cancel]]);
      const [f] = tenderRedFlags(h).flags;
      equal(f.code, "CANCELLED_AFTER_REVEAL");
      equal(f.cardinal, null);
      equal(f.figures.revealedBids, 2);
      equal(f.figures.reasonCode, 7);
    });
    it("does not flag a cancellation before any reveal", () => {
      deepStrictEqual(codes(history([[1, commit(A)], [2, commit(B)], [5, cancel]])), []);
    });
  });

  describe("COMPLAINT_UPHELD (govchain-specific)", () => {
    const filed: TenderEventArgs = { name: "ComplaintFiled", args: { complaintId: "0", by: B, digest: "0x" + "8".repeat(64), resolveBy: T0 + 40 * DAY } };
    const resolved = (upheld: boolean): TenderEventArgs => ({ name: "ComplaintResolved", args: { complaintId: "0", upheld, by: OFFICIAL, resolutionDigest: "0x" + "9".repeat(64) } });
    it("flags an upheld complaint with the complainant and the decider", () => {
      const [f] = tenderRedFlags(clean([[27, filed], [30, resolved(true)], [30, award(B, 850_000n)]])).flags;
      equal(f.code, "COMPLAINT_UPHELD");
      equal(f.figures.complainant, B);
      equal(f.figures.decidedBy, OFFICIAL);
    });
    it("does not flag a dismissed or lapsed complaint", () => {
      deepStrictEqual(codes(clean([[27, filed], [30, resolved(false)]])), []);
      deepStrictEqual(codes(clean([[27, filed], [41, { name: "ComplaintLapsed", args: { complaintId: "0", resolveBy: T0 + 40 * DAY } }]])), []);
    });
  });

  describe("LINKED_ACCEPTANCE (govchain-specific)", () => {
    it("flags acceptance by the supplier itself", () => {
      const [f] = tenderRedFlags(clean([[40, accept(A)]])).flags;
      equal(f.code, "LINKED_ACCEPTANCE");
      deepStrictEqual(f.figures.links, ["is the supplier"]);
    });
    it("flags acceptance by another bidder of the tender (address case ignored)", () => {
      deepStrictEqual(tenderRedFlags(clean([[40, accept(C.toUpperCase().replace("0X", "0x"))]])).flags[0].figures.links, ["bid in this tender"]);
    });
    it("flags acceptance by an account with the supplier's licence subject", () => {
      const subject = { scheme: "CN-USCC", id: "91110000000000000X" };
      const h = history([[1, commit(A)], [2, commit(B)], [21, reveal(A, 800_000n)], [21, reveal(B, 850_000n)], [26, award(A, 800_000n)], [40, accept(D)]], {
        bidders: { [A]: { licenceSubject: subject }, [D]: { licenceSubject: subject } },
      });
      deepStrictEqual(tenderRedFlags(h).flags[0].figures.links, ["shares licence subject CN-USCC:91110000000000000X"]);
    });
    it("flags a former colleague of the supplier when seats are supplied, and not otherwise", () => {
      const h = clean([[40, accept(OFFICIAL)]]);
      deepStrictEqual(codes(h, { seats: { [OFFICIAL]: [3], [A]: [3, 5] } }), ["LINKED_ACCEPTANCE"]);
      deepStrictEqual(codes(h, { seats: { [OFFICIAL]: [3], [A]: [5] } }), []);
    });
    it("checks against the current supplier after a re-award", () => {
      // A wins, then B is re-awarded: an unrelated official's acceptance is clean, B's own is linked to B.
      const h = clean([[30, award(B, 850_000n)], [40, accept(OFFICIAL)]]);
      deepStrictEqual(codes(h), []);
      deepStrictEqual(tenderRedFlags(clean([[30, award(B, 850_000n)], [40, accept(B)]])).flags[0].figures.supplier, B);
    });
  });

  it("aggregates per procuring department, a tender counted once per code", () => {
    const single = (id: string, dept: number) => history([[1, commit(A)], [21, reveal(A, 1n)]], { tenderId: id, department: dept });
    const short = history([[1, commit(A)], [4, reveal(A, 1n)]], { tenderId: "4", department: 3, commitDays: 3 });
    const identicalTwice = history(
      [[1, commit(A)], [1, commit(B)], [1, commit(C)], [1, commit(D)], [21, reveal(A, 5n)], [21, reveal(B, 5n)], [21, reveal(C, 6n)], [21, reveal(D, 6n)]],
      { tenderId: "5", department: 3 },
    );
    const result = departmentRedFlags([single("11", 3), single("12", 4), clean(), short, identicalTwice]);
    deepStrictEqual(result, [
      {
        department: 3,
        tenders: 4,
        flaggedTenders: 3,
        byCode: {
          SINGLE_BID: { tenders: 2, tenderIds: ["11", "4"] },
          SHORT_SUBMISSION_PERIOD: { tenders: 1, tenderIds: ["4"] },
          IDENTICAL_BID_PRICES: { tenders: 1, tenderIds: ["5"] },
        },
      },
      { department: 4, tenders: 1, flaggedTenders: 1, byCode: { SINGLE_BID: { tenders: 1, tenderIds: ["12"] } } },
    ]);
  });

  it("medianFraction is exact for odd and even counts", () => {
    deepStrictEqual(medianFraction([3n, 1n, 2n]), [2n, 1n]);
    deepStrictEqual(medianFraction([4n, 1n, 2n, 3n]), [5n, 2n]);
  });
});

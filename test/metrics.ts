/**
 * lib/metrics: benefit metrics on constructed histories, against values computed by hand (in the comments):
 * nearest-rank medians and 90th percentiles, monthly buckets across the 2025/2026 year boundary, awarded
 * value and savings per department in exact token units, bidders per tender, payment timing.
 */
import { deepStrictEqual, doesNotMatch, equal, throws } from "node:assert/strict";
import { readFileSync } from "node:fs";

import {
  approvalsPerOfficial,
  biddersPerTender,
  durationStats,
  finalAward,
  type LicenseHistory,
  licenceProcessingTimes,
  monthOf,
  nearestRank,
  paymentTimes,
  procurementValue,
  savings,
} from "../lib/metrics.js";
import type { TenderEventArgs } from "../lib/ocds.js";
import { A, accept, award, B, C, commit, DAY, history, reveal, T0, withdraw } from "./helpers/histories.js";

const at = (iso: string) => Date.parse(iso) / 1000;
const X = "0x" + "1".repeat(40); // dept 3
const Y = "0x" + "2".repeat(40); // dept 5
const W = "0x" + "3".repeat(40); // dept 3
const Z = "0x" + "4".repeat(40); // dept 5

describe("lib/metrics", () => {
  it("lib/metrics and lib/redflags are browser-safe (no Node imports)", () => {
    for (const file of ["metrics", "redflags"]) {
      doesNotMatch(readFileSync(new URL(`../lib/${file}.ts`, import.meta.url), "utf8"), /from "node:|require\(/);
    }
  });

  describe("nearest-rank statistics", () => {
    it("takes the value at rank ⌈p·n/100⌉", () => {
      const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
      equal(nearestRank(ten, 50), 5); // rank 5
      equal(nearestRank(ten, 90), 9); // rank 9 exactly, not 10
      equal(nearestRank([...ten, 11], 90), 10); // ⌈9.9⌉ = 10
      equal(nearestRank([7], 90), 7);
      equal(nearestRank([1, 2, 3, 4], 50), 2); // the lower middle value, not the mean 2.5
      equal(nearestRank(Array.from({ length: 20 }, (_, i) => i + 1), 90), 18);
      throws(() => nearestRank([], 50), RangeError);
      throws(() => nearestRank([1], 0), RangeError);
    });
    it("summarises count, min, median, p90, max and the mean rounded down", () => {
      deepStrictEqual(durationStats([10, 1, 4]), { count: 3, min: 1, median: 4, p90: 10, max: 10, mean: 5 });
    });
    it("buckets by UTC month", () => {
      equal(monthOf(at("2025-12-31T23:59:59Z")), "2025-12");
      equal(monthOf(at("2026-01-01T00:00:00Z")), "2026-01");
    });
  });

  describe("licences", () => {
    // Type 1, processing time = issue − last submission:
    //   app1 Dec 1 → Dec 3 (2 d, Dec); app2 Dec 10 → Dec 15 (5 d, Dec); app3 Dec 20 → Jan 2 (13 d, Jan);
    //   app4 Dec 28, rejected Dec 30, amended Jan 5, issued Jan 6 (1 d from the amendment, Jan); app5 Jan 10 → Jan 20 (10 d, Jan).
    // Type 2: app6 rejected, never issued.
    const approve = (departmentId: number, official: string, iso: string) => ({ departmentId, official, at: at(iso), approved: true });
    const reject = (departmentId: number, official: string, iso: string) => ({ departmentId, official, at: at(iso), approved: false });
    const apps: LicenseHistory[] = [
      { applicationId: "1", typeId: 1, submittedAt: at("2025-12-01T00:00:00Z"), decisions: [approve(3, X, "2025-12-02T00:00:00Z"), approve(5, Y, "2025-12-03T00:00:00Z")], issuedAt: at("2025-12-03T00:00:00Z") },
      { applicationId: "2", typeId: 1, submittedAt: at("2025-12-10T00:00:00Z"), decisions: [approve(3, X, "2025-12-14T00:00:00Z"), approve(5, Z, "2025-12-15T00:00:00Z")], issuedAt: at("2025-12-15T00:00:00Z") },
      { applicationId: "3", typeId: 1, submittedAt: at("2025-12-20T00:00:00Z"), decisions: [approve(3, X, "2026-01-01T00:00:00Z"), approve(5, Y, "2026-01-02T00:00:00Z")], issuedAt: at("2026-01-02T00:00:00Z") },
      {
        applicationId: "4",
        typeId: 1,
        submittedAt: at("2025-12-28T00:00:00Z"),
        amendedAt: [at("2026-01-05T00:00:00Z")],
        decisions: [reject(3, X, "2025-12-30T00:00:00Z"), approve(3, W, "2026-01-05T12:00:00Z"), approve(5, Y, "2026-01-06T00:00:00Z")],
        issuedAt: at("2026-01-06T00:00:00Z"),
      },
      { applicationId: "5", typeId: 1, submittedAt: at("2026-01-10T00:00:00Z"), decisions: [approve(3, X, "2026-01-13T00:00:00Z"), approve(5, Y, "2026-01-20T00:00:00Z")], issuedAt: at("2026-01-20T00:00:00Z") },
      { applicationId: "6", typeId: 2, submittedAt: at("2026-01-15T00:00:00Z"), decisions: [reject(3, X, "2026-01-16T00:00:00Z")], issuedAt: null },
    ];

    it("gives submission → issue per type, median and p90, by month across the year boundary", () => {
      const { byType } = licenceProcessingTimes(apps);
      equal(byType.length, 1); // type 2 issued nothing
      const [t1] = byType;
      equal(t1.key, 1);
      // All: [1, 2, 5, 10, 13] d → median rank ⌈2.5⌉ = 3 → 5 d; p90 rank ⌈4.5⌉ = 5 → 13 d; mean 31/5 = 6.2 d.
      deepStrictEqual(t1.overall, { count: 5, min: 1 * DAY, median: 5 * DAY, p90: 13 * DAY, max: 13 * DAY, mean: (31 * DAY) / 5 });
      // Dec: [2, 5] → median rank 1 → 2 d, p90 rank ⌈1.8⌉ = 2 → 5 d. Jan: [1, 10, 13] → median rank 2 → 10 d, p90 rank 3 → 13 d.
      deepStrictEqual(
        t1.byMonth.map((m) => [m.month, m.stats.count, m.stats.median / DAY, m.stats.p90 / DAY]),
        [
          ["2025-12", 2, 2, 5],
          ["2026-01", 3, 10, 13],
        ],
      );
    });

    it("gives submission → decision per department, from the last submission before the decision", () => {
      const { byDepartment } = licenceProcessingTimes(apps);
      deepStrictEqual(byDepartment.map((d) => d.key), [3, 5]);
      const [d3, d5] = byDepartment;
      // Dept 3: app1 1 d (Dec), app2 4 d (Dec), app3 12 d (Jan 1), app4 reject 2 d (Dec 30) and approve 0.5 d after
      // the amendment (Jan), app5 3 d (Jan), app6 reject 1 d (Jan). Sorted [0.5, 1, 1, 2, 3, 4, 12]:
      // median rank 4 → 2 d, p90 rank ⌈6.3⌉ = 7 → 12 d.
      deepStrictEqual([d3.overall.count, d3.overall.median / DAY, d3.overall.p90 / DAY, d3.overall.min / DAY], [7, 2, 12, 0.5]);
      // Dec [1, 2, 4] → median 2, p90 4; Jan [0.5, 1, 3, 12] → median rank 2 → 1, p90 rank ⌈3.6⌉ = 4 → 12.
      deepStrictEqual(
        d3.byMonth.map((m) => [m.month, m.stats.count, m.stats.median / DAY, m.stats.p90 / DAY]),
        [
          ["2025-12", 3, 2, 4],
          ["2026-01", 4, 1, 12],
        ],
      );
      // Dept 5: [2, 5, 13, 1, 10] d — the same as the issue times (each issue is the last approval).
      deepStrictEqual([d5.overall.count, d5.overall.median / DAY, d5.overall.p90 / DAY], [5, 5, 13]);
    });

    it("counts approvals and rejections per official and department", () => {
      deepStrictEqual(approvalsPerOfficial(apps), [
        { official: X, departmentId: 3, approvals: 4, rejections: 2 },
        { official: Y, departmentId: 5, approvals: 4, rejections: 0 },
        { official: W, departmentId: 3, approvals: 1, rejections: 0 },
        { official: Z, departmentId: 5, approvals: 1, rejections: 0 },
      ]);
    });
  });

  describe("procurement", () => {
    const dec1 = at("2025-12-01T00:00:00Z");
    const dec15 = at("2025-12-15T00:00:00Z");
    const jan1 = at("2026-01-01T00:00:00Z");
    const upheld: TenderEventArgs = { name: "ComplaintResolved", args: { complaintId: "0", upheld: true, by: C, resolutionDigest: "0x" + "9".repeat(64) } };
    const tenders = [
      // Dept 3, awarded Dec 21 2025 at 800,000 (budget 1,000,000).
      history([[1, commit(A)], [2, commit(B)], [20, award(A, 800_000n)]], { publishedAt: dec1, tenderId: "1" }),
      // Dept 3, awarded Jan 4 2026 at 900,000.
      history([[1, commit(A)], [20, award(A, 900_000n)]], { publishedAt: dec15, tenderId: "2" }),
      // Dept 3, awarded Jan 4 to A at 850,000, complaint upheld, re-awarded Jan 9 to B at 950,000: the re-award counts.
      history([[1, commit(A)], [2, commit(B)], [20, award(A, 850_000n)], [25, upheld], [25, award(B, 950_000n)]], { publishedAt: dec15, tenderId: "3" }),
      // Dept 4, budget 2,000,000, awarded Jan 21 2026 at 600,000.
      history([[1, commit(A)], [20, award(A, 600_000n)]], { publishedAt: jan1, department: 4, budget: 2_000_000n, tenderId: "4" }),
      // Dept 4: awarded, complaint upheld, nobody left: failed — no award stands.
      history([[1, commit(A)], [20, award(A, 700_000n)], [25, upheld], [25, { name: "TenderFailed", args: {} }]], { publishedAt: jan1, department: 4, tenderId: "5" }),
      // Dept 4: cancelled before award.
      history([[3, { name: "TenderCancelled", args: { by: C, reasonCode: 1 } }]], { publishedAt: jan1, department: 4, tenderId: "6" }),
    ];

    it("takes the award that stands at the end", () => {
      equal(finalAward(tenders[2])?.price, 95_000_000n);
      equal(finalAward(tenders[4]), null);
      equal(finalAward(tenders[5]), null);
    });

    it("sums awarded value by department and month across the year boundary, in token units", () => {
      deepStrictEqual(procurementValue(tenders), {
        token: { symbol: "tCNY", decimals: 2 },
        byDepartment: [
          {
            department: 3,
            tenders: 3,
            total: "265000000", // 800,000 + 900,000 + 950,000 = 2,650,000.00
            byMonth: [
              { month: "2025-12", tenders: 1, total: "80000000" },
              { month: "2026-01", tenders: 2, total: "185000000" },
            ],
          },
          { department: 4, tenders: 1, total: "60000000", byMonth: [{ month: "2026-01", tenders: 1, total: "60000000" }] },
        ],
        total: "325000000",
      });
    });

    it("computes savings (budget − awarded) in total and per department", () => {
      deepStrictEqual(savings(tenders), {
        token: { symbol: "tCNY", decimals: 2 },
        // 5,000,000 budget − 3,250,000 awarded = 1,750,000 saved = 35.00 %.
        total: { tenders: 4, budget: "500000000", awarded: "325000000", savings: "175000000", savingsBps: 3500 },
        byDepartment: [
          // 350,000 / 3,000,000 = 11.666… % → 1166 bps (rounded down).
          { department: 3, tenders: 3, budget: "300000000", awarded: "265000000", savings: "35000000", savingsBps: 1166 },
          { department: 4, tenders: 1, budget: "200000000", awarded: "60000000", savings: "140000000", savingsBps: 7000 },
        ],
      });
    });

    it("refuses to sum amounts of different payment tokens", () => {
      const usd = history([[20, award(A, 1n)]], { paymentToken: { symbol: "tUSD", decimals: 6 }, tenderId: "9" });
      throws(() => savings([tenders[0], usd]), /tender 9 is paid in tUSD, not tCNY/);
      throws(() => procurementValue([tenders[0], usd]), RangeError);
    });

    it("counts live and revealed bids per tender, with statistics over closed tenders only", () => {
      const t0 = at("2026-01-01T00:00:00Z");
      const three = history([[1, commit(A)], [1, commit(B)], [1, commit(C)], [21, reveal(A, 1n)], [21, reveal(B, 2n)]], { publishedAt: t0, tenderId: "1" });
      const oneAfterWithdrawal = history([[1, commit(A)], [2, commit(B)], [3, withdraw(B)], [21, reveal(A, 1n)]], { publishedAt: t0, tenderId: "2" });
      const two = history([[1, commit(A)], [2, commit(C)], [21, reveal(A, 1n)], [21, reveal(C, 1n)]], { publishedAt: t0, tenderId: "3" });
      const open = history([[1, commit(A)]], { publishedAt: t0 + 10 * DAY, tenderId: "4" }); // closes on day 30
      const result = biddersPerTender([three, oneAfterWithdrawal, two, open]);
      deepStrictEqual(
        result.tenders.map((t) => [t.tenderId, t.bids, t.revealed]),
        [
          ["1", 3, 2],
          ["2", 1, 1],
          ["3", 2, 2],
          ["4", 1, 0],
        ],
      );
      // Closed by day 21: [1, 2, 3] → median 2, p90 3, mean 2.
      deepStrictEqual(result.stats, { count: 3, min: 1, median: 2, p90: 3, max: 3, mean: 2 });
      equal(biddersPerTender([three, open], t0 + 40 * DAY).stats?.count, 2);
    });

    it("times delivery → acceptance → payment → withdrawal per milestone", () => {
      const credit = (days: number, tokens: bigint): [number, TenderEventArgs] => [days, { name: "Credited", args: { account: A, amount: (tokens * 100n).toString(), reason: "milestone payment" } }];
      const delivered = (days: number, milestone: number): [number, TenderEventArgs] => [days, { name: "MilestoneDelivered", args: { milestone, deliveryDigest: "0x" + "7".repeat(64) } }];
      const h = history(
        [
          [1, commit(A)],
          [20, award(A, 800_000n)],
          delivered(30, 0),
          [32, { name: "MilestoneRejected", args: { milestone: 0, by: C, reasonCode: 2, commentDigest: "0x" + "8".repeat(64) } }],
          delivered(33, 0),
          [35, accept(C, 0, 400_000n)],
          credit(35, 400_000n),
          [37, { name: "Withdrawn", args: { account: A, amount: "40000000" } }],
          delivered(40, 1),
          [41, accept(C, 1, 400_000n)],
          credit(41, 400_000n),
        ],
        { tenderId: "7" },
      );
      const result = paymentTimes([h]);
      const t = (d: number) => T0 + d * DAY;
      deepStrictEqual(result.milestones, [
        // Clock from the first delivery (day 30), through a rejection and a re-delivery.
        { tenderId: "7", department: 3, milestone: 0, deliveredAt: t(30), acceptedAt: t(35), paidAt: t(35), withdrawnAt: t(37), rejections: 1 },
        { tenderId: "7", department: 3, milestone: 1, deliveredAt: t(40), acceptedAt: t(41), paidAt: t(41), withdrawnAt: null, rejections: 0 },
      ]);
      // Delivery → acceptance [1, 5] d: median rank 1 → 1 d, p90 rank 2 → 5 d.
      deepStrictEqual([result.deliveryToAcceptance?.median, result.deliveryToAcceptance?.p90], [1 * DAY, 5 * DAY]);
      deepStrictEqual([result.acceptanceToPayment?.count, result.acceptanceToPayment?.max], [2, 0]);
      deepStrictEqual([result.paymentToWithdrawal?.count, result.paymentToWithdrawal?.median], [1, 2 * DAY]);
    });
  });
});

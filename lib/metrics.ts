/**
 * Benefit metrics (效益评估) from chain timestamps: how long licences take, who approves, what procurement
 * buys and saves, how much competition it draws, and how fast suppliers are paid. Pure and deterministic,
 * browser-safe (no Node APIs). Tender metrics read the same `TenderHistory` as lib/ocds and lib/redflags;
 * licence metrics read a `LicenseHistory` per application (below), which the indexer builds from
 * LicenseRegistry's events.
 *
 * Definitions:
 * - Durations are in seconds of block time. Statistics use the nearest-rank method: for n sorted values,
 *   the p-th percentile is the value at rank ⌈p·n/100⌉ (1-based), so it is always an observed value; the
 *   median is the 50th percentile by that rule (for an even n, the lower of the two middle values, not
 *   their mean), p90 the 90th. `mean` is rounded down to a second.
 * - Months are UTC calendar months "YYYY-MM" of the event that ends the measured interval (the licence's
 *   issue, the department's decision, the award), in ascending order.
 * - Licence processing time: issue (LicenseIssued or LicenseRenewed) − the last submission (the
 *   ApplicationSubmitted, or the last ApplicationAmended before the issue), exactly as the chain's own
 *   `processingTime` field. Per department: each decision (approval or rejection) − the last submission
 *   at or before it.
 * - Awarded value: the price of a tender's last TenderAwarded (a re-award after an upheld complaint replaces
 *   the first), unless a TenderFailed follows it (no award stands); in the award's month. Savings: budget −
 *   that price. Amounts are decimal strings of token units (bigint arithmetic, never floats) with the
 *   payment token's symbol and decimals; every tender in one call must use the same token.
 * - Bidders per tender: live bids (BidCommitted not withdrawn), as the chain's `bidCount`; revealed bids.
 * - Payment timing per accepted milestone: delivery = its first MilestoneDelivered (re-deliveries after a
 *   rejection do not reset the clock: the supplier has waited since then); acceptance = MilestoneAccepted;
 *   payment = the "milestone payment" Credited to the supplier in or after the acceptance (from then the
 *   money is the supplier's to withdraw); withdrawal = the supplier's first Withdrawn at or after that
 *   credit, when the indexer includes the supplier's Withdrawn events in the history (else null).
 */
import type { TenderEvent, TenderHistory, UintString } from "./ocds.js";

// ===== STATISTICS =====

export interface DurationStats {
  count: number;
  min: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
}

/** The p-th percentile (0 < p ≤ 100) of non-empty ascending `sorted` by the nearest-rank method. */
export function nearestRank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("percentile of no values");
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile ${p} outside (0, 100]`);
  const rank = Math.ceil((p * sorted.length) / 100 - 1e-9); // the epsilon keeps 90·10/100 at 9, not 9.000…1
  return sorted[Math.max(rank, 1) - 1];
}

/** Count, min, nearest-rank median and p90, max and mean of non-empty `values`. */
export function durationStats(values: readonly number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0],
    median: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    max: sorted[sorted.length - 1],
    mean: Math.floor(sorted.reduce((s, v) => s + v, 0) / sorted.length),
  };
}

/** The UTC month "YYYY-MM" of a block time in seconds. */
export function monthOf(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 7);
}

export interface GroupedDurations<K> {
  key: K;
  overall: DurationStats;
  byMonth: { month: string; stats: DurationStats }[];
}

/** Samples (key, month, seconds) grouped by key (ascending) and month (ascending). */
function group<K extends number | string>(samples: readonly { key: K; at: number; seconds: number }[]): GroupedDurations<K>[] {
  const byKey = new Map<K, { all: number[]; months: Map<string, number[]> }>();
  for (const { key, at, seconds } of samples) {
    const g = byKey.get(key) ?? { all: [] as number[], months: new Map<string, number[]>() };
    byKey.set(key, g);
    g.all.push(seconds);
    const month = monthOf(at);
    g.months.set(month, [...(g.months.get(month) ?? []), seconds]);
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      key,
      overall: durationStats(g.all),
      byMonth: [...g.months].sort(([a], [b]) => a.localeCompare(b)).map(([month, v]) => ({ month, stats: durationStats(v) })),
    }));
}

// ===== LICENCES =====

/** One licence application as rebuilt from LicenseRegistry's events (plain JSON). */
export interface LicenseHistory {
  applicationId: UintString;
  typeId: number;
  /** Whether it renews a licence (`renewalOf` ≠ 0). */
  renewal?: boolean;
  /** Block time of ApplicationSubmitted. */
  submittedAt: number;
  /** Block times of each ApplicationAmended (a resubmission after a rejection), ascending. */
  amendedAt?: number[];
  /** ApplicationApproved (approved: true) and ApplicationRejected (false) events, in chain order. */
  decisions: { departmentId: number; official: string; at: number; approved: boolean }[];
  /** Block time of the LicenseIssued (or LicenseRenewed) it led to, or null. */
  issuedAt: number | null;
}

/** The last submission (the first, or an amendment) at or before `t`. */
function lastSubmission(app: LicenseHistory, t: number): number {
  let s = app.submittedAt;
  for (const a of app.amendedAt ?? []) if (a <= t && a > s) s = a;
  return s;
}

export interface LicenceProcessingTimes {
  /** Submission → issue, per licence type. */
  byType: GroupedDurations<number>[];
  /** Submission → the department's decision, per deciding department. */
  byDepartment: GroupedDurations<number>[];
}

export function licenceProcessingTimes(applications: readonly LicenseHistory[]): LicenceProcessingTimes {
  const types: { key: number; at: number; seconds: number }[] = [];
  const departments: { key: number; at: number; seconds: number }[] = [];
  for (const app of applications) {
    if (app.issuedAt !== null) types.push({ key: app.typeId, at: app.issuedAt, seconds: app.issuedAt - lastSubmission(app, app.issuedAt) });
    for (const d of app.decisions) departments.push({ key: d.departmentId, at: d.at, seconds: d.at - lastSubmission(app, d.at) });
  }
  return { byType: group(types), byDepartment: group(departments) };
}

export interface OfficialDecisions {
  official: string;
  departmentId: number;
  approvals: number;
  rejections: number;
}

/** Decisions per official (lowercase address) and department: most approvals first, then by address. */
export function approvalsPerOfficial(applications: readonly LicenseHistory[]): OfficialDecisions[] {
  const out = new Map<string, OfficialDecisions>();
  for (const app of applications) {
    for (const d of app.decisions) {
      const official = d.official.toLowerCase();
      const id = `${official}/${d.departmentId}`;
      const e = out.get(id) ?? { official, departmentId: d.departmentId, approvals: 0, rejections: 0 };
      out.set(id, e);
      if (d.approved) e.approvals++;
      else e.rejections++;
    }
  }
  return [...out.values()].sort((a, b) => b.approvals - a.approvals || a.official.localeCompare(b.official) || a.departmentId - b.departmentId);
}

// ===== PROCUREMENT =====

export interface TokenAmounts {
  symbol: string;
  decimals: number;
}

/** The award that stands at the end of the history: its price and time, or null. */
export function finalAward(history: TenderHistory): { winner: string; price: bigint; at: number } | null {
  let award: { winner: string; price: bigint; at: number } | null = null;
  for (const e of history.events) {
    if (e.name === "TenderAwarded") award = { winner: e.args.winner.toLowerCase(), price: BigInt(e.args.price), at: e.blockTimestamp };
    else if (e.name === "TenderFailed") award = null;
  }
  return award;
}

function tokenOf(histories: readonly TenderHistory[]): TokenAmounts {
  const token = histories[0]?.paymentToken ?? { symbol: "", decimals: 0 };
  for (const h of histories) {
    if (h.paymentToken.symbol !== token.symbol || h.paymentToken.decimals !== token.decimals) {
      throw new RangeError(`tender ${h.tenderId} is paid in ${h.paymentToken.symbol}, not ${token.symbol}: amounts cannot be summed`);
    }
  }
  return { symbol: token.symbol, decimals: token.decimals };
}

export interface ProcurementValue {
  token: TokenAmounts;
  /** Per procuring department (ascending): awarded total and per month (ascending), in token units. */
  byDepartment: { department: number; tenders: number; total: UintString; byMonth: { month: string; tenders: number; total: UintString }[] }[];
  total: UintString;
}

export function procurementValue(histories: readonly TenderHistory[]): ProcurementValue {
  const token = tokenOf(histories);
  const depts = new Map<number, { tenders: number; total: bigint; months: Map<string, { tenders: number; total: bigint }> }>();
  let total = 0n;
  for (const h of histories) {
    const award = finalAward(h);
    if (award === null) continue;
    const d = depts.get(h.published.department) ?? { tenders: 0, total: 0n, months: new Map() };
    depts.set(h.published.department, d);
    const month = monthOf(award.at);
    const m = d.months.get(month) ?? { tenders: 0, total: 0n };
    d.months.set(month, m);
    d.tenders++;
    d.total += award.price;
    m.tenders++;
    m.total += award.price;
    total += award.price;
  }
  return {
    token,
    byDepartment: [...depts]
      .sort(([a], [b]) => a - b)
      .map(([department, d]) => ({
        department,
        tenders: d.tenders,
        total: d.total.toString(),
        byMonth: [...d.months].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({ month, tenders: m.tenders, total: m.total.toString() })),
      })),
    total: total.toString(),
  };
}

export interface SavingsLine {
  tenders: number;
  budget: UintString;
  awarded: UintString;
  /** budget − awarded. */
  savings: UintString;
  /** savings / budget in basis points, rounded down (0 when the budget is 0). */
  savingsBps: number;
}

export interface Savings {
  token: TokenAmounts;
  total: SavingsLine;
  byDepartment: ({ department: number } & SavingsLine)[];
}

/** Budget − awarded price over the tenders with a standing award, in total and per procuring department. */
export function savings(histories: readonly TenderHistory[]): Savings {
  const token = tokenOf(histories);
  const line = () => ({ tenders: 0, budget: 0n, awarded: 0n });
  const total = line();
  const depts = new Map<number, ReturnType<typeof line>>();
  for (const h of histories) {
    const award = finalAward(h);
    if (award === null) continue;
    const d = depts.get(h.published.department) ?? line();
    depts.set(h.published.department, d);
    for (const l of [total, d]) {
      l.tenders++;
      l.budget += BigInt(h.published.params.budget);
      l.awarded += award.price;
    }
  }
  const out = (l: ReturnType<typeof line>): SavingsLine => ({
    tenders: l.tenders,
    budget: l.budget.toString(),
    awarded: l.awarded.toString(),
    savings: (l.budget - l.awarded).toString(),
    savingsBps: l.budget === 0n ? 0 : Number(((l.budget - l.awarded) * 10_000n) / l.budget),
  });
  return {
    token,
    total: out(total),
    byDepartment: [...depts].sort(([a], [b]) => a - b).map(([department, l]) => ({ department, ...out(l) })),
  };
}

export interface BiddersPerTender {
  tenders: { tenderId: UintString; department: number; bids: number; revealed: number }[];
  /** Over the tenders whose bidding has closed (commit deadline ≤ asOf): live bids per tender. */
  stats: DurationStats | null;
}

/**
 * Live and revealed bids per tender; the statistics (same nearest-rank rules; the "durations" are counts)
 * cover only tenders whose final commit deadline is at or before `asOf` (default: the latest event time
 * across the histories), so tenders still open do not pull the figures down.
 */
export function biddersPerTender(histories: readonly TenderHistory[], asOf?: number): BiddersPerTender {
  const lastTime = (h: TenderHistory) => (h.events.length > 0 ? h.events[h.events.length - 1].blockTimestamp : h.published.blockTimestamp);
  const now = asOf ?? Math.max(0, ...histories.map(lastTime));
  const closed: number[] = [];
  const tenders = histories.map((h) => {
    const live = new Set<string>();
    const revealed = new Set<string>();
    let deadline = h.published.params.commitDeadline;
    for (const e of h.events) {
      if (e.name === "BidCommitted") live.add(e.args.bidder.toLowerCase());
      else if (e.name === "BidWithdrawn") live.delete(e.args.bidder.toLowerCase());
      else if (e.name === "BidRevealed") revealed.add(e.args.bidder.toLowerCase());
      else if (e.name === "TenderAmended") deadline = e.args.commitDeadline;
    }
    if (deadline <= now) closed.push(live.size);
    return { tenderId: h.tenderId, department: h.published.department, bids: live.size, revealed: revealed.size };
  });
  return { tenders, stats: closed.length > 0 ? durationStats(closed) : null };
}

export interface MilestoneTiming {
  tenderId: UintString;
  department: number;
  milestone: number;
  deliveredAt: number;
  acceptedAt: number;
  paidAt: number | null;
  withdrawnAt: number | null;
  rejections: number;
}

export interface PaymentTimes {
  milestones: MilestoneTiming[];
  deliveryToAcceptance: DurationStats | null;
  acceptanceToPayment: DurationStats | null;
  paymentToWithdrawal: DurationStats | null;
}

/** Delivery → acceptance → payment (credit) → withdrawal per accepted milestone, and their statistics. */
export function paymentTimes(histories: readonly TenderHistory[]): PaymentTimes {
  const milestones: MilestoneTiming[] = [];
  for (const h of histories) {
    const award = { supplier: "" };
    const delivered = new Map<number, { at: number; rejections: number }>();
    const events: readonly TenderEvent[] = h.events;
    events.forEach((e, i) => {
      if (e.name === "TenderAwarded") award.supplier = e.args.winner.toLowerCase();
      else if (e.name === "MilestoneDelivered") {
        if (!delivered.has(e.args.milestone)) delivered.set(e.args.milestone, { at: e.blockTimestamp, rejections: 0 });
      } else if (e.name === "MilestoneRejected") {
        const d = delivered.get(e.args.milestone);
        if (d) d.rejections++;
      } else if (e.name === "MilestoneAccepted") {
        const d = delivered.get(e.args.milestone);
        if (!d) return; // an acceptance without a delivery cannot happen on chain; skip rather than invent a time
        const later = events.slice(i);
        const credit = later.find((c) => c.name === "Credited" && c.args.reason === "milestone payment" && c.args.account.toLowerCase() === award.supplier);
        const paidAt = credit?.blockTimestamp ?? null;
        const withdrawal =
          credit === undefined ? undefined : later.slice(later.indexOf(credit)).find((w) => w.name === "Withdrawn" && w.args.account.toLowerCase() === award.supplier);
        milestones.push({
          tenderId: h.tenderId,
          department: h.published.department,
          milestone: e.args.milestone,
          deliveredAt: d.at,
          acceptedAt: e.blockTimestamp,
          paidAt,
          withdrawnAt: withdrawal?.blockTimestamp ?? null,
          rejections: d.rejections,
        });
      }
    });
  }
  const stats = (v: number[]) => (v.length > 0 ? durationStats(v) : null);
  return {
    milestones,
    deliveryToAcceptance: stats(milestones.map((m) => m.acceptedAt - m.deliveredAt)),
    acceptanceToPayment: stats(milestones.flatMap((m) => (m.paidAt === null ? [] : [m.paidAt - m.acceptedAt]))),
    paymentToWithdrawal: stats(milestones.flatMap((m) => (m.paidAt === null || m.withdrawnAt === null ? [] : [m.withdrawnAt - m.paidAt]))),
  };
}

/**
 * Red flags: signs, read from one tender's chain history, that an auditor should open the file. A flag is a
 * reason to look, never a verdict. Pure and deterministic, browser-safe (no Node APIs); the input is the
 * same `TenderHistory` that `lib/ocds.ts` turns into OCDS, so the indexer builds one shape for OCDS, red
 * flags and metrics.
 *
 * Codes: where the Open Contracting Partnership's Cardinal library (open-contracting/cardinal-rs,
 * docs/cli/indicators/R/*.md) has the same indicator, the flag carries its code so auditors recognise it:
 * - R003 "Short notice to bidders to submit expressions of interest or bids" (docs/cli/indicators/R/003.md;
 *   Cardinal's default threshold is 15 days, ours 10, configurable);
 * - R018 "Single bid received" (R/018.md);
 * - R028 "Identical bid prices" (R/028.md);
 * - R058 "Heavily discounted bid" (R/058.md). Cardinal compares the winner with the second-lowest valid bid
 *   against an upper fence computed over all processes; ours compares the winner with the median of the
 *   other revealed bids against a fixed ratio (a single tender can be judged on its own). Same concern,
 *   different test: the flag says so in `cardinalNote`.
 * The other flags have no Cardinal counterpart and are govchain-specific (`cardinal: null`):
 * cancelled after bids were revealed, complaint upheld, delivery accepted by a linked account.
 *
 * Definitions (what the chain history can prove):
 * - Bidders: accounts with a live commitment (BidCommitted not followed by BidWithdrawn), as `bidCount`.
 * - "After the commit deadline": the final commit deadline (the last TenderAmended's, else the published
 *   one) is at or before `asOf` (option; default the time of the history's last event). Single bid is only
 *   judged then, so an open tender with its first bid is not flagged, nor one cancelled before its deadline.
 * - Submission period: final commit deadline − publication block time.
 * - Revealed prices: the BidRevealed events' prices (one per bidder; the last wins if repeated).
 * - Winner: the last TenderAwarded (a re-award after an upheld complaint replaces the first).
 * - Linked acceptance: a MilestoneAccepted whose `by` is linked to the supplier (the winner of the last
 *   award before the acceptance), where an account is linked when it (a) is the supplier itself, (b) ever
 *   committed a bid in this tender (a competitor, or the supplier under another account, approving the
 *   delivery), (c) shares a licence subject identifier with the supplier (`bidders[..].licenceSubject`, the
 *   same company behind two accounts), or (d) per the optional `seats` input, ever held a seat in a
 *   department in which the supplier's account also ever held a seat (former colleagues). (d) needs the
 *   indexer's seat history from the DepartmentDirectory; without it only (a)–(c) are checked.
 */
import { type TenderEvent, type TenderHistory, unitsToDecimal } from "./ocds.js";
import type { Localized } from "./metadata.js";

// ===== TYPES =====

export type RedFlagCode =
  | "SINGLE_BID"
  | "SHORT_SUBMISSION_PERIOD"
  | "HEAVILY_DISCOUNTED_BID"
  | "IDENTICAL_BID_PRICES"
  | "CANCELLED_AFTER_REVEAL"
  | "COMPLAINT_UPHELD"
  | "LINKED_ACCEPTANCE";

export interface RedFlag {
  code: RedFlagCode;
  /** The Cardinal indicator code (e.g. "R018"), or null for a govchain-specific flag. */
  cardinal: string | null;
  /** How this flag's test differs from Cardinal's, where it does. */
  cardinalNote?: string;
  name: Localized;
  /** Why, with the figures. */
  reason: Localized;
  /** The figures behind the reason, machine-readable (amounts as decimal strings of token units). */
  figures: Record<string, string | number | string[]>;
}

export interface TenderRedFlags {
  tenderId: string;
  department: number;
  flags: RedFlag[];
}

export interface RedFlagOptions {
  /** Flag a submission period shorter than this many seconds. Default 10 days. */
  minSubmissionPeriod?: number;
  /** Flag a winning price below this fraction of the others' median, in basis points. Default 7500 (75 %). */
  discountRatioBps?: number;
  /** The time (seconds) the history is judged at. Default: the last event's (or the publication's) time. */
  asOf?: number;
  /**
   * Departments each account ever held a seat in (lowercase address → department ids), from the
   * DepartmentDirectory's seat events. Optional: enables the "former colleagues" link.
   */
  seats?: Record<string, readonly number[]>;
}

export const DEFAULT_MIN_SUBMISSION_PERIOD = 10 * 86_400;
export const DEFAULT_DISCOUNT_RATIO_BPS = 7_500;

const NAMES: Record<RedFlagCode, { cardinal: string | null; name: Localized }> = {
  SINGLE_BID: { cardinal: "R018", name: { zh: "仅收到一份投标", en: "Single bid received" } },
  SHORT_SUBMISSION_PERIOD: { cardinal: "R003", name: { zh: "投标期过短", en: "Short submission period" } },
  HEAVILY_DISCOUNTED_BID: { cardinal: "R058", name: { zh: "中标价远低于其他投标", en: "Heavily discounted winning bid" } },
  IDENTICAL_BID_PRICES: { cardinal: "R028", name: { zh: "投标报价相同", en: "Identical bid prices" } },
  CANCELLED_AFTER_REVEAL: { cardinal: null, name: { zh: "开标后取消招标", en: "Cancelled after bids were revealed" } },
  COMPLAINT_UPHELD: { cardinal: null, name: { zh: "投诉成立", en: "Complaint upheld" } },
  LINKED_ACCEPTANCE: { cardinal: null, name: { zh: "验收人与供应商有关联", en: "Delivery accepted by an account linked to the supplier" } },
};

function flag(code: RedFlagCode, reason: Localized, figures: RedFlag["figures"], cardinalNote?: string): RedFlag {
  const { cardinal, name } = NAMES[code];
  return { code, cardinal, ...(cardinalNote ? { cardinalNote } : {}), name, reason, figures };
}

// ===== HELPERS =====

const lower = (a: string) => a.toLowerCase();
const days = (seconds: number) => (seconds / 86_400).toFixed(2);
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;

/** The median of non-empty `values` as an exact fraction [numerator, denominator] (denominator 1 or 2). */
export function medianFraction(values: readonly bigint[]): [bigint, bigint] {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? [sorted[mid], 1n] : [sorted[mid - 1] + sorted[mid], 2n];
}

/** `units / denominator` as a token amount with `decimals` decimals, rounded down to a unit. */
function amount(units: bigint, decimals: number, symbol: string, denominator = 1n): string {
  return `${unitsToDecimal(units / denominator, decimals)} ${symbol}`;
}

function finalCommitDeadline(history: TenderHistory): number {
  let deadline = history.published.params.commitDeadline;
  for (const e of history.events) if (e.name === "TenderAmended") deadline = e.args.commitDeadline;
  return deadline;
}

function lastTime(history: TenderHistory): number {
  const { events } = history;
  return events.length > 0 ? events[events.length - 1].blockTimestamp : history.published.blockTimestamp;
}

/** Accounts with a live commitment at the end of the history, and every account that ever committed. */
function bidderSets(events: readonly TenderEvent[]): { live: Set<string>; ever: Set<string> } {
  const live = new Set<string>();
  const ever = new Set<string>();
  for (const e of events) {
    if (e.name === "BidCommitted") {
      live.add(lower(e.args.bidder));
      ever.add(lower(e.args.bidder));
    } else if (e.name === "BidWithdrawn") live.delete(lower(e.args.bidder));
  }
  return { live, ever };
}

function revealedPrices(events: readonly TenderEvent[]): Map<string, bigint> {
  const prices = new Map<string, bigint>();
  for (const e of events) if (e.name === "BidRevealed") prices.set(lower(e.args.bidder), BigInt(e.args.price));
  return prices;
}

// ===== PER TENDER =====

/** Every red flag of one tender, in a fixed order (the order of `RedFlagCode`). */
export function tenderRedFlags(history: TenderHistory, options: RedFlagOptions = {}): TenderRedFlags {
  const minPeriod = options.minSubmissionPeriod ?? DEFAULT_MIN_SUBMISSION_PERIOD;
  const ratioBps = BigInt(options.discountRatioBps ?? DEFAULT_DISCOUNT_RATIO_BPS);
  const asOf = options.asOf ?? lastTime(history);
  const { decimals, symbol } = history.paymentToken;
  const { events } = history;
  const flags: RedFlag[] = [];

  const deadline = finalCommitDeadline(history);
  const { live, ever } = bidderSets(events);
  const prices = revealedPrices(events);

  // Single bid: judged once bidding has closed, and not on a tender cancelled while bidding was open.
  const cancelled = events.find((e) => e.name === "TenderCancelled");
  if (deadline <= Math.min(asOf, cancelled?.blockTimestamp ?? asOf) && live.size === 1) {
    const [only] = live;
    flags.push(
      flag(
        "SINGLE_BID",
        {
          zh: `投标截止（${new Date(deadline * 1000).toISOString()}）时仅有 1 个有效投标（${only}）。`,
          en: `Only 1 live bid (${only}) when bidding closed at ${new Date(deadline * 1000).toISOString()}.`,
        },
        { bidders: 1, bidder: only, commitDeadline: deadline },
      ),
    );
  }

  // Short submission period.
  const period = deadline - history.published.blockTimestamp;
  if (period < minPeriod) {
    flags.push(
      flag(
        "SHORT_SUBMISSION_PERIOD",
        {
          zh: `从发布到投标截止仅 ${days(period)} 天，低于 ${days(minPeriod)} 天的阈值。`,
          en: `${days(period)} days from publication to the commit deadline, under the ${days(minPeriod)}-day threshold.`,
        },
        { periodSeconds: period, periodDays: days(period), thresholdSeconds: minPeriod, publishedAt: history.published.blockTimestamp, commitDeadline: deadline },
      ),
    );
  }

  // Heavily discounted winning bid: winner < ratio × median(others' revealed prices).
  const award = [...events].reverse().find((e) => e.name === "TenderAwarded");
  if (award?.name === "TenderAwarded") {
    const winner = lower(award.args.winner);
    const price = BigInt(award.args.price);
    const others = [...prices].filter(([bidder]) => bidder !== winner).map(([, p]) => p);
    if (others.length > 0) {
      const [num, den] = medianFraction(others);
      // price < ratio/10000 × num/den  ⇔  price × den × 10000 < ratio × num (exact, no rounding).
      if (price * den * 10_000n < ratioBps * num) {
        const pctBps = (price * den * 10_000n) / num; // winner / median in hundredths of a percent, rounded down
        const pct = `${pctBps / 100n}.${(pctBps % 100n).toString().padStart(2, "0")}`;
        const median = amount(num, decimals, symbol, den);
        const threshold = `${Number(ratioBps) / 100}`;
        flags.push(
          flag(
            "HEAVILY_DISCOUNTED_BID",
            {
              zh: `中标价 ${amount(price, decimals, symbol)} 仅为其他 ${others.length} 份报价中位数 ${median} 的 ${pct}%（阈值 ${threshold}%）。`,
              en: `The winning price ${amount(price, decimals, symbol)} is ${pct}% of the median ${median} of the ${others.length} other revealed bids (threshold ${threshold}%).`,
            },
            { winner, price: price.toString(), otherBids: others.length, medianOthers: (num / den).toString(), percentOfMedian: pct, thresholdBps: Number(ratioBps) },
            "Cardinal R058 compares the winner with the second-lowest valid bid against an upper fence over all processes; govchain compares it with the median of the other revealed bids against a fixed ratio.",
          ),
        );
      }
    }
  }

  // Identical bid prices among different bidders.
  const byPrice = new Map<bigint, string[]>();
  for (const [bidder, p] of prices) byPrice.set(p, [...(byPrice.get(p) ?? []), bidder]);
  for (const [p, bidders] of [...byPrice].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (bidders.length < 2) continue;
    flags.push(
      flag(
        "IDENTICAL_BID_PRICES",
        {
          zh: `${bidders.length} 个投标人报价相同：${amount(p, decimals, symbol)}（${bidders.map(short).join("、")}）。`,
          en: `${bidders.length} bidders revealed the same price ${amount(p, decimals, symbol)} (${bidders.map(short).join(", ")}).`,
        },
        { price: p.toString(), bidders },
      ),
    );
  }

  // Cancelled after bids were revealed.
  let revealedBefore = 0;
  for (const e of events) {
    if (e.name === "BidRevealed") revealedBefore++;
    else if (e.name === "TenderCancelled" && revealedBefore > 0) {
      flags.push(
        flag(
          "CANCELLED_AFTER_REVEAL",
          {
            zh: `已公开 ${revealedBefore} 份报价后，由 ${e.args.by} 取消（原因代码 ${e.args.reasonCode}）。`,
            en: `Cancelled by ${e.args.by} (reason code ${e.args.reasonCode}) after ${revealedBefore} bid price(s) had been revealed.`,
          },
          { revealedBids: revealedBefore, by: lower(e.args.by), reasonCode: e.args.reasonCode, cancelledAt: e.blockTimestamp },
        ),
      );
    }
  }

  // Complaints upheld: one flag per upheld complaint.
  const complainant = new Map<string, string>();
  for (const e of events) {
    if (e.name === "ComplaintFiled") complainant.set(e.args.complaintId, lower(e.args.by));
    else if (e.name === "ComplaintResolved" && e.args.upheld) {
      const by = complainant.get(e.args.complaintId) ?? "unknown";
      flags.push(
        flag(
          "COMPLAINT_UPHELD",
          {
            zh: `投诉 #${e.args.complaintId}（投诉人 ${by}）经监督部门官员 ${e.args.by} 裁定成立，原中标被撤销。`,
            en: `Complaint #${e.args.complaintId} by ${by} was upheld by supervising official ${e.args.by}; the award was cancelled.`,
          },
          { complaintId: e.args.complaintId, complainant: by, decidedBy: lower(e.args.by), decidedAt: e.blockTimestamp },
        ),
      );
    }
  }

  // Delivery accepted by an account linked to the supplier.
  const subjectOf = (account: string) => {
    const s = history.bidders?.[account]?.licenceSubject;
    return s ? `${s.scheme}:${s.id}` : undefined;
  };
  let supplier: string | undefined;
  for (const e of events) {
    if (e.name === "TenderAwarded") supplier = lower(e.args.winner);
    if (e.name !== "MilestoneAccepted" || supplier === undefined) continue;
    const by = lower(e.args.by);
    const links: string[] = [];
    if (by === supplier) links.push("is the supplier");
    else if (ever.has(by)) links.push("bid in this tender");
    const subject = subjectOf(by);
    if (by !== supplier && subject !== undefined && subject === subjectOf(supplier)) links.push(`shares licence subject ${subject}`);
    const shared = (options.seats?.[by] ?? []).filter((d) => (options.seats?.[supplier!] ?? []).includes(d));
    if (shared.length > 0) links.push(`held a seat in department ${shared.join(", ")} as the supplier did`);
    if (links.length === 0) continue;
    const zh: Record<string, string> = { "is the supplier": "即供应商本人", "bid in this tender": "曾在本项目投标" };
    flags.push(
      flag(
        "LINKED_ACCEPTANCE",
        {
          zh: `里程碑 ${e.args.milestone}（付款 ${amount(BigInt(e.args.amount), decimals, symbol)}）由 ${by} 验收，该账户与供应商 ${supplier} 有关联：${links
            .map((l) => zh[l] ?? (l.startsWith("shares") ? `持有相同许可主体 ${subject}` : `与供应商曾在同一部门（${shared.join("、")}）任职`))
            .join("；")}。`,
          en: `Milestone ${e.args.milestone} (payment ${amount(BigInt(e.args.amount), decimals, symbol)}) was accepted by ${by}, linked to supplier ${supplier}: ${links.join("; ")}.`,
        },
        { milestone: e.args.milestone, acceptedBy: by, supplier, links, amount: e.args.amount },
      ),
    );
  }

  return { tenderId: history.tenderId, department: history.published.department, flags };
}

// ===== PER DEPARTMENT =====

export interface DepartmentRedFlags {
  department: number;
  tenders: number;
  flaggedTenders: number;
  /** Per flag code: how many tenders raised it, and which. */
  byCode: Partial<Record<RedFlagCode, { tenders: number; tenderIds: string[] }>>;
}

/** Red flags aggregated by procuring department (ascending id); a tender counts once per code. */
export function departmentRedFlags(histories: readonly TenderHistory[], options: RedFlagOptions = {}): DepartmentRedFlags[] {
  return aggregateRedFlags(histories.map((history) => tenderRedFlags(history, options)));
}

/** `departmentRedFlags` from per-tender results already computed (e.g. the indexer's cache). */
export function aggregateRedFlags(perTender: readonly TenderRedFlags[]): DepartmentRedFlags[] {
  const out = new Map<number, DepartmentRedFlags>();
  for (const { tenderId, department, flags } of perTender) {
    const entry = out.get(department) ?? { department, tenders: 0, flaggedTenders: 0, byCode: {} };
    out.set(department, entry);
    entry.tenders++;
    if (flags.length > 0) entry.flaggedTenders++;
    for (const code of new Set(flags.map((f) => f.code))) {
      const c = (entry.byCode[code] ??= { tenders: 0, tenderIds: [] });
      c.tenders++;
      c.tenderIds.push(tenderId);
    }
  }
  return [...out.values()].sort((a, b) => a.department - b.department);
}

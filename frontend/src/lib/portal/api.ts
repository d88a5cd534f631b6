/**
 * The public data service (indexer/): typed responses and one fetch that turns every failure into a named
 * state (not configured, unreachable, not found, bad request, server error) and reads the service's
 * indexing headers (how far it lags the chain). Pure apart from `fetch`.
 */

export const TENDER_STATES = ["Open", "Awarded", "Disputed", "Active", "Completed", "Cancelled", "Failed", "Terminated"] as const;
export type TenderState = (typeof TENDER_STATES)[number];
export const CATEGORIES = ["goods", "works", "services"] as const;
export type Category = (typeof CATEGORIES)[number];

/** The red-flag codes lib/redflags.ts raises (the data service filters tenders by them). */
export const FLAG_CODES = [
  "SINGLE_BID",
  "SHORT_SUBMISSION_PERIOD",
  "HEAVILY_DISCOUNTED_BID",
  "IDENTICAL_BID_PRICES",
  "CANCELLED_AFTER_REVEAL",
  "COMPLAINT_UPHELD",
  "LINKED_ACCEPTANCE",
] as const;

export const isTenderState = (value: string): value is TenderState => (TENDER_STATES as readonly string[]).includes(value);

export interface Localized {
  zh: string;
  en: string;
}

export interface TenderSummary {
  id: string;
  state: TenderState;
  department: number;
  category: string;
  /** Token units, as a decimal string. */
  budget: string;
  /** Null when the tender's metadata could not be verified against its digest. */
  title: Localized | null;
  metadataStatus: string;
  publishedAt: number;
  commitDeadline: number;
  revealDeadline: number;
  bidCount: number;
  winner: string | null;
  price: string | null;
  /** Red flags raised, once the data service computes them. */
  flags?: { count: number; codes: string[] };
}

export interface TenderList {
  tenders: TenderSummary[];
  next: string | null;
}

export interface Bid {
  bidder: string;
  sequence: number;
  committedAt: number;
  revealed: boolean;
  /** Null until the bid is revealed. */
  price: string | null;
  withdrawn: boolean;
  passedOver: boolean;
}

export interface Complaint {
  complaintId: string;
  by: string;
  /** Digest of the complaint's text (a govchain-text-1 document). */
  digest: string;
  filedAt: number;
  resolveBy: number;
  outcome: "pending" | "dismissed" | "upheld" | "lapsed";
  resolutionDigest: string | null;
  resolvedBy: string | null;
}

export interface Milestone {
  index: number;
  shareBps: number;
  descriptionDigest: string;
  state: "pending" | "delivered" | "accepted";
  deliveryDigest: string | null;
  deliveredAt: number | null;
  paid: string;
  acceptedAt: number | null;
  rejections: number;
}

export interface Payment {
  id: string;
  kind: string;
  account: string;
  tenderId: string;
  amount: string;
  reason: string;
  blockNumber: string;
  blockTimestamp: number;
  transactionHash: string;
}

export interface TimelineEvent {
  name: string;
  args: Record<string, unknown>;
  blockNumber: string;
  blockTimestamp: number;
  transactionHash: string;
  logIndex: number;
}

/** A red flag as lib/redflags.ts computes it (the data service passes it through). */
export interface RedFlag {
  code: string;
  cardinal: string | null;
  cardinalNote?: string;
  name: Localized;
  reason: Localized;
  figures: Record<string, string | number | string[]>;
}

export interface TenderDetail extends Omit<TenderSummary, "title"> {
  title: Localized | null;
  description: Localized | null;
  acceptingDepartment: number;
  treasury: string;
  publishedBy: string;
  bidBond: string;
  documentsDigest: string;
  publishedBlock: string;
  amendments: number;
  revealedCount: number;
  awardedAt: number | null;
  paid: string;
  milestoneCount: number;
  acceptedCount: number;
  bids: Bid[];
  complaints: Complaint[];
  milestones: Milestone[];
  payments: Payment[];
  timeline: TimelineEvent[];
  /** Present once the data service computes red flags (lib/redflags.ts). */
  redFlags?: RedFlag[];
}

export interface Department {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  treasury: string;
  registeredAt: number;
  heads: { account: string; since: number }[];
  officials: { account: string; since: number }[];
}

export interface ChainHealth {
  chainId: number;
  indexedBlock: number | null;
  chainHead: number | null;
  lag: number | null;
  /** Set when the data service cannot reach the node. */
  rpcError?: string;
  /** Set while the chain was found reset under the index (the data service is re-indexing). */
  chainReset?: { detectedAt: number; reason: string };
}

/** How far the data service had indexed when it answered (its X-Indexed-Block / X-Chain-Head / X-Lag-Blocks headers). */
export interface Indexing {
  indexedBlock: number;
  chainHead: number | undefined;
  lag: number | undefined;
}

/** "reindexing": the chain was reset under the data service, which is indexing it again (503 chain_reset). */
export type ApiErrorKind = "not-configured" | "unreachable" | "not-found" | "bad-request" | "reindexing" | "server";

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const isApiError = (error: unknown, kind?: ApiErrorKind): error is ApiError =>
  error instanceof ApiError && (kind === undefined || error.kind === kind);

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

export function readIndexing(headers: Headers): Indexing | undefined {
  const indexedBlock = headerNumber(headers, "x-indexed-block");
  if (indexedBlock === undefined) return undefined;
  return { indexedBlock, chainHead: headerNumber(headers, "x-chain-head"), lag: headerNumber(headers, "x-lag-blocks") };
}

export interface ApiResponse<T> {
  data: T;
  indexing: Indexing | undefined;
}

/** GET `${base}${path}` as JSON; every failure is an ApiError of a named kind. */
export async function apiGet<T>(base: string | undefined, path: string, options: { signal?: AbortSignal; fetch?: typeof fetch } = {}): Promise<ApiResponse<T>> {
  if (base === undefined) throw new ApiError("not-configured", "no data service is configured (VITE_API_URL)");
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${base}${path}`, { signal: options.signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError("unreachable", `the data service at ${base} does not answer`);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    let code: unknown;
    try {
      const body = (await response.json()) as { error?: unknown; message?: unknown };
      if (typeof body.message === "string") message = body.message;
      code = body.error;
    } catch {
      // Not JSON: the status line says enough.
    }
    const kind: ApiErrorKind =
      response.status === 404 ? "not-found" : response.status === 400 ? "bad-request" : code === "chain_reset" ? "reindexing" : "server";
    throw new ApiError(kind, message, response.status);
  }
  return { data: (await response.json()) as T, indexing: readIndexing(response.headers) };
}

// ===== statistics, departments and suppliers (GET /stats/*, /departments/:idOrCode, /suppliers/:address) =====

export interface PaymentTokenInfo {
  symbol: string;
  decimals: number;
}

export interface StatsSummary {
  /** Block time the figures are as of. */
  asOf: number;
  /** Null when the data service could not read the token from the chain. */
  token: PaymentTokenInfo | null;
  tenders: { total: number; open: number; byState: Record<TenderState, number> };
  valueInEscrow: string;
  paidToSuppliers: string;
  refunds: { budget: string; bonds: string; total: string };
  withdrawn: string;
  licences: { issued: number; inForce: number };
  certificates: { single: number; batches: number; batchItems: number; anchored: number };
  /** Seconds from submission to issue, over every issued licence; null before the first. */
  licenceProcessingTime: { count: number; median: number; p90: number; mean: number } | null;
}

export interface DurationStats {
  count: number;
  min: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
}

export interface GroupedDurations {
  key: number;
  overall: DurationStats;
  byMonth: { month: string; stats: DurationStats }[];
}

export interface SavingsLine {
  tenders: number;
  budget: string;
  awarded: string;
  savings: string;
  savingsBps: number;
}

/** GET /stats/metrics: lib/metrics.ts's results over the indexed chain. */
export interface StatsMetrics {
  asOf: { block: number; time: number };
  token: PaymentTokenInfo | null;
  licenceProcessingTimes: { byType: GroupedDurations[]; byDepartment: GroupedDurations[] };
  procurementValue: {
    byDepartment: { department: number; tenders: number; total: string; byMonth: { month: string; tenders: number; total: string }[] }[];
    total: string;
  };
  savings: { total: SavingsLine; byDepartment: ({ department: number } & SavingsLine)[] };
}

/** Red flags of a group of tenders (lib/redflags.ts's aggregateRedFlags). */
export interface FlagAggregate {
  department: number;
  tenders: number;
  flaggedTenders: number;
  byCode: Record<string, { tenders: number; tenderIds: string[] } | undefined>;
}

export interface Member {
  account: string;
  since: number;
}

export interface DepartmentDetail {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  active: boolean;
  treasury: string;
  heads: Member[];
  officials: Member[];
  tenders: { total: number; byState: Record<TenderState, number>; budget: string };
  awards: {
    count: number;
    total: string;
    budget: string;
    recent: { tenderId: string; state: TenderState; winner: string; price: string; budget: string; awardedAt: number | null; title: Localized | null }[];
  };
  payments: { byReason: Record<string, string>; recent: Payment[] };
  flags: FlagAggregate;
}

export interface SupplierDetail {
  address: string;
  bids: { tenderId: string; sequence: number; committedAt: number; revealed: boolean; price: string | null; withdrawn: boolean; passedOver: boolean; tenderState: TenderState | null; title: Localized | null; won: boolean }[];
  awards: { tenderId: string; state: TenderState; department: number; price: string; budget: string; paid: string; awardedAt: number | null; title: Localized | null }[];
  payments: {
    byReason: Record<string, string>;
    received: { tenderId: string; amount: string; reason: string; blockNumber: string; blockTimestamp: number; transactionHash: string }[];
    withdrawn: string;
    withdrawals: number;
  };
  flags: { tenderId: string; count: number; codes: string[] }[];
}

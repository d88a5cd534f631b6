/**
 * The tender list's query, held in the page's URL so a search can be shared: filters ↔ URL search
 * parameters (what a reader sees and copies) ↔ the data service's parameters (GET /tenders). Amounts in
 * the URL are in yuan as the reader typed them; the data service wants token units. Pure.
 */
import { CATEGORIES, type Category, FLAG_CODES, isTenderState, type TenderState } from "./api";

export const SORTS = ["-published", "published", "-budget", "budget"] as const;
export type Sort = (typeof SORTS)[number];
export const DEFAULT_SORT: Sort = "-published";
export const PAGE_SIZES = [10, 20, 50] as const;
export type PageSize = (typeof PAGE_SIZES)[number];
export const DEFAULT_PAGE_SIZE: PageSize = 20;

export interface TenderFilters {
  states: TenderState[];
  /** A department code (e.g. "TAX"). */
  department: string | undefined;
  category: Category | undefined;
  /** Title search, in either language. */
  q: string | undefined;
  /** Budget bounds in yuan, as decimal strings ("1000000", "2500.5"). */
  minAmount: string | undefined;
  maxAmount: string | undefined;
  /** Publication dates, YYYY-MM-DD (inclusive). */
  from: string | undefined;
  to: string | undefined;
  /** Only tenders that raised a red flag. */
  flagged: boolean;
  sort: Sort;
  /** Rows per page. */
  perPage: PageSize;
  /** The data service's cursor of the page shown (absent: the first page). */
  cursor: string | undefined;
}

export const EMPTY_FILTERS: TenderFilters = {
  states: [],
  department: undefined,
  category: undefined,
  q: undefined,
  minAmount: undefined,
  maxAmount: undefined,
  from: undefined,
  to: undefined,
  flagged: false,
  sort: DEFAULT_SORT,
  perPage: DEFAULT_PAGE_SIZE,
  cursor: undefined,
};

const AMOUNT = /^\d{1,30}(\.\d{1,18})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

const isDate = (value: string) => DATE.test(value) && Number.isFinite(Date.parse(`${value}T00:00:00Z`));

/**
 * Reads the filters from a URL's search parameters. A value that is not valid (edited by hand, or from
 * an older link) is dropped rather than sent to the data service, so a bad link still shows a list.
 */
export function filtersFromSearch(search: URLSearchParams): TenderFilters {
  const text = (name: string) => {
    const value = search.get(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const states = (text("state") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is TenderState => isTenderState(s));
  const department = text("department");
  const category = text("category");
  const q = text("q");
  const minAmount = text("min");
  const maxAmount = text("max");
  const from = text("from");
  const to = text("to");
  const sort = text("sort");
  const perPage = Number(text("per"));
  const cursor = text("cursor");
  return {
    states: [...new Set(states)],
    department: department !== undefined && CODE.test(department) ? department.toUpperCase() : undefined,
    category: (CATEGORIES as readonly string[]).includes(category ?? "") ? (category as Category) : undefined,
    q: q !== undefined ? q.slice(0, 100) : undefined,
    minAmount: minAmount !== undefined && AMOUNT.test(minAmount) ? minAmount : undefined,
    maxAmount: maxAmount !== undefined && AMOUNT.test(maxAmount) ? maxAmount : undefined,
    from: from !== undefined && isDate(from) ? from : undefined,
    to: to !== undefined && isDate(to) ? to : undefined,
    flagged: text("flagged") === "1",
    sort: (SORTS as readonly string[]).includes(sort ?? "") ? (sort as Sort) : DEFAULT_SORT,
    perPage: (PAGE_SIZES as readonly number[]).includes(perPage) ? (perPage as PageSize) : DEFAULT_PAGE_SIZE,
    cursor: cursor !== undefined && CURSOR.test(cursor) ? cursor : undefined,
  };
}

/** The URL search parameters of some filters: only what differs from the defaults, in a stable order. */
export function searchFromFilters(filters: TenderFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.q !== undefined) search.set("q", filters.q);
  if (filters.states.length > 0) search.set("state", filters.states.join(","));
  if (filters.department !== undefined) search.set("department", filters.department);
  if (filters.category !== undefined) search.set("category", filters.category);
  if (filters.minAmount !== undefined) search.set("min", filters.minAmount);
  if (filters.maxAmount !== undefined) search.set("max", filters.maxAmount);
  if (filters.from !== undefined) search.set("from", filters.from);
  if (filters.to !== undefined) search.set("to", filters.to);
  if (filters.flagged) search.set("flagged", "1");
  if (filters.sort !== DEFAULT_SORT) search.set("sort", filters.sort);
  if (filters.perPage !== DEFAULT_PAGE_SIZE) search.set("per", String(filters.perPage));
  if (filters.cursor !== undefined) search.set("cursor", filters.cursor);
  return search;
}

/** "2500.5" yuan with 2 decimals → 250050n token units (extra decimals are cut, never rounded up). */
export function yuanToUnits(amount: string, decimals: number): bigint {
  if (!AMOUNT.test(amount)) throw new RangeError(`not an amount: ${JSON.stringify(amount)}`);
  const [whole, fraction = ""] = amount.split(".");
  return BigInt(whole + fraction.slice(0, decimals).padEnd(decimals, "0"));
}

const endOfDay = (date: string) => Date.parse(`${date}T23:59:59Z`) / 1000;
const startOfDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

/** Whether the filters hold an amount, which needs the payment token's decimals to become token units. */
export function needsDecimals(filters: TenderFilters): boolean {
  return filters.minAmount !== undefined || filters.maxAmount !== undefined;
}

/**
 * The data service's query string (GET /tenders?…) for some filters, amounts in token units. Without an
 * amount filter the decimals are not needed (the list is asked for at once, not after the chain read).
 */
export function apiQuery(filters: TenderFilters, decimals: number | undefined): string {
  if (needsDecimals(filters) && decimals === undefined) throw new Error("apiQuery: an amount filter needs the payment token's decimals");
  const params = new URLSearchParams();
  if (filters.states.length > 0) params.set("state", filters.states.join(","));
  if (filters.department !== undefined) params.set("department", filters.department);
  if (filters.category !== undefined) params.set("category", filters.category);
  if (filters.q !== undefined) params.set("q", filters.q);
  if (filters.minAmount !== undefined) params.set("minBudget", yuanToUnits(filters.minAmount, decimals!).toString());
  if (filters.maxAmount !== undefined) params.set("maxBudget", yuanToUnits(filters.maxAmount, decimals!).toString());
  // Dates are whole days in UTC, the chain's clock, so a shared link means the same days everywhere.
  if (filters.from !== undefined) params.set("from", String(startOfDay(filters.from)));
  if (filters.to !== undefined) params.set("to", String(endOfDay(filters.to)));
  if (filters.flagged) params.set("flag", FLAG_CODES.join(","));
  params.set("sort", filters.sort);
  params.set("limit", String(filters.perPage));
  if (filters.cursor !== undefined) params.set("cursor", filters.cursor);
  return params.toString();
}

/** Whether any filter (not the sort or the page) narrows the list. */
export function isFiltered(filters: TenderFilters): boolean {
  return (
    filters.states.length > 0 ||
    filters.flagged ||
    [filters.department, filters.category, filters.q, filters.minAmount, filters.maxAmount, filters.from, filters.to].some((v) => v !== undefined)
  );
}

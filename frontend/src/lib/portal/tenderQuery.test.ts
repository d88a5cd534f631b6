import { describe, expect, it } from "vitest";

import { apiQuery, EMPTY_FILTERS, filtersFromSearch, isFiltered, needsDecimals, searchFromFilters, type TenderFilters, yuanToUnits } from "./tenderQuery";

const full: TenderFilters = {
  states: ["Open", "Active"],
  department: "TAX",
  category: "services",
  q: "热线 hotline",
  minAmount: "100000",
  maxAmount: "2500000.5",
  from: "2026-01-01",
  to: "2026-03-31",
  flagged: true,
  sort: "-budget",
  perPage: 50,
  cursor: "eyJzIjoiLWJ1ZGdldCJ9",
};

describe("the tender list's query in the URL", () => {
  it("round-trips every filter through the URL's search parameters", () => {
    const search = searchFromFilters(full);
    expect(filtersFromSearch(new URLSearchParams(search.toString()))).toEqual(full);
  });

  it("writes only what differs from the defaults, so the plain list has a plain URL", () => {
    expect(searchFromFilters(EMPTY_FILTERS).toString()).toBe("");
    expect(searchFromFilters({ ...EMPTY_FILTERS, q: "道路" }).toString()).toBe("q=%E9%81%93%E8%B7%AF");
  });

  it("reads a link typed or edited by hand, dropping what is not valid rather than failing", () => {
    const filters = filtersFromSearch(new URLSearchParams("state=open,Active,Bogus&department=tax&category=food&min=abc&max=12.5&from=2026-02-30x&sort=price&per=7&cursor=%%%"));
    expect(filters).toEqual({ ...EMPTY_FILTERS, states: ["Active"], department: "TAX", maxAmount: "12.5" });
  });

  it("tells a filtered list from the whole list (sort and page are not filters)", () => {
    expect(isFiltered({ ...EMPTY_FILTERS, sort: "budget", perPage: 50, cursor: "abc" })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTERS, states: ["Open"] })).toBe(true);
  });
});

describe("the data service's query", () => {
  it("turns yuan into token units, whole days into UTC seconds, and keeps the cursor", () => {
    const params = new URLSearchParams(apiQuery(full, 2));
    expect(Object.fromEntries(params)).toEqual({
      state: "Open,Active",
      department: "TAX",
      category: "services",
      q: "热线 hotline",
      minBudget: "10000000",
      maxBudget: "250000050",
      from: String(Date.UTC(2026, 0, 1) / 1000),
      to: String(Date.UTC(2026, 2, 31, 23, 59, 59) / 1000),
      flag: "SINGLE_BID,SHORT_SUBMISSION_PERIOD,HEAVILY_DISCOUNTED_BID,IDENTICAL_BID_PRICES,CANCELLED_AFTER_REVEAL,COMPLAINT_UPHELD,LINKED_ACCEPTANCE",
      sort: "-budget",
      limit: "50",
      cursor: "eyJzIjoiLWJ1ZGdldCJ9",
    });
  });

  it("asks for the default sort and page size when nothing is chosen", () => {
    expect(apiQuery(EMPTY_FILTERS, 2)).toBe("sort=-published&limit=20");
  });

  it("needs the token's decimals only for an amount filter", () => {
    expect(apiQuery({ ...EMPTY_FILTERS, states: ["Open"] }, undefined)).toBe("state=Open&sort=-published&limit=20");
    expect(needsDecimals({ ...EMPTY_FILTERS, minAmount: "5" })).toBe(true);
    expect(() => apiQuery({ ...EMPTY_FILTERS, maxAmount: "5" }, undefined)).toThrow(/decimals/);
  });

  it("cuts amounts to the token's decimals without rounding up", () => {
    expect(yuanToUnits("12.345", 2)).toBe(1234n);
    expect(yuanToUnits("7", 6)).toBe(7_000_000n);
    expect(() => yuanToUnits("1e5", 2)).toThrow(RangeError);
  });
});

import { describe, expect, it } from "vitest";

import { formatAmount, formatAmountCompact, formatBps, formatDuration, formatMonth, localized, unitsToDecimalString } from "./format";

describe("unitsToDecimalString", () => {
  it("scales token units by the token's decimals exactly, beyond a float's precision", () => {
    expect(unitsToDecimalString("860000000", 2)).toBe("8600000.00");
    expect(unitsToDecimalString(5n, 2)).toBe("0.05");
    expect(unitsToDecimalString("123456789012345678901234567890", 18)).toBe("123456789012.345678901234567890");
    expect(unitsToDecimalString("42", 0)).toBe("42");
  });
});

describe("formatAmount", () => {
  it("writes yuan the way each language does, grouped, with the cents", () => {
    expect(formatAmount("860000000", 2, "zh-CN")).toBe("8,600,000.00 元");
    expect(formatAmount("860000000", 2, "en")).toBe("CNY 8,600,000.00");
    expect(formatAmount("5", 2, "en")).toBe("CNY 0.05");
  });

  it("keeps every digit of an amount too large for a float", () => {
    expect(formatAmount("900719925474099312", 2, "en")).toBe("CNY 9,007,199,254,740,993.12");
  });
});

describe("formatAmountCompact", () => {
  it("uses 万 and 亿 in Chinese and K/M/B in English", () => {
    expect(formatAmountCompact("860000000", 2, "zh-CN")).toBe("860万元");
    expect(formatAmountCompact("12000000000", 2, "zh-CN")).toBe("1.2亿元");
    expect(formatAmountCompact("860000000", 2, "en")).toBe("CNY 8.6M");
  });
});

describe("formatBps, formatDuration, formatMonth", () => {
  it("shows basis points as a percentage", () => {
    expect(formatBps(3000, "en")).toBe("30%");
    expect(formatBps(1234, "zh-CN")).toBe("12.3%");
  });

  it("shows a duration in days, hours or minutes", () => {
    expect(formatDuration(172_800, "zh-CN")).toBe("2天");
    expect(formatDuration(3 * 86_400 + 43_200, "en")).toBe("3.5 days");
    expect(formatDuration(7_200, "en")).toBe("2 hours");
    expect(formatDuration(600, "en")).toBe("10 minutes");
  });

  it("names a month in the reader's language", () => {
    expect(formatMonth("2026-01", "zh-CN")).toBe("2026年1月");
    expect(formatMonth("2026-01", "en")).toBe("Jan 2026");
  });
});

describe("localized", () => {
  it("picks the reader's language and falls back to the other when it is empty", () => {
    expect(localized({ zh: "道路", en: "Road" }, "zh-CN")).toBe("道路");
    expect(localized({ zh: "道路", en: "Road" }, "en")).toBe("Road");
    expect(localized({ zh: "道路", en: "" }, "en")).toBe("道路");
    expect(localized(null, "en")).toBeUndefined();
  });
});

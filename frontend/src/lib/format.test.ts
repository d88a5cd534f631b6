import { describe, expect, it } from "vitest";

import { formatAgo, formatDateTime, formatInteger, shortHex } from "./format";

describe("formatting", () => {
  it("groups whole numbers, bigints included", () => {
    expect(formatInteger(1234567n, "en")).toBe("1,234,567");
    expect(formatInteger(12345678901234567890n, "en")).toBe("12,345,678,901,234,567,890");
    expect(formatInteger(1234567, "zh-CN")).toBe("1,234,567");
    expect(formatInteger(0, "en")).toBe("0");
  });

  it("shortens an address or hash and leaves anything else alone", () => {
    expect(shortHex("0x5FbDB2315678afecb367f032d93F642f64180aa3")).toBe("0x5FbD…0aa3");
    expect(shortHex("0x5FbDB2315678afecb367f032d93F642f64180aa3", 6)).toBe("0x5FbDB2…180aa3");
    expect(shortHex("0x1234")).toBe("0x1234");
    expect(shortHex("not hex")).toBe("not hex");
  });

  it("says how long ago, in each language, with clock skew read as now", () => {
    expect(formatAgo(100, 103, "en")).toBe("3 seconds ago");
    expect(formatAgo(100n, 103, "zh-CN")).toBe("3秒钟前");
    expect(formatAgo(100, 100, "en")).toBe("now");
    expect(formatAgo(110, 100, "en")).toBe("now");
    expect(formatAgo(0, 125, "en")).toBe("2 minutes ago");
    expect(formatAgo(0, 7_200, "zh-CN")).toBe("2小时前");
    expect(formatAgo(0, 86_400 * 3, "en")).toBe("3 days ago");
  });

  it("writes a block time as a date and time in a given zone", () => {
    expect(formatDateTime(0, "en", "UTC")).toBe("Jan 1, 1970, 12:00:00 AM");
    expect(formatDateTime(1_700_000_000n, "zh-CN", "Asia/Shanghai")).toBe("2023年11月15日 06:13:20");
  });
});

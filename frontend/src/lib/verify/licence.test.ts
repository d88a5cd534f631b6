import { label32 } from "@lib/hashing.js";
import type { Hex } from "viem";
import { describe, expect, it } from "vitest";

import { type ApprovalEvent, licenceStatus, requiredApprovals, subjectText } from "./licence";

const TX = `0x${"11".repeat(32)}` as Hex;
const approval = (departmentId: number, official: string, blockNumber: bigint): ApprovalEvent => ({
  departmentId,
  official: official as Hex,
  bySignature: false,
  blockNumber,
  transactionHash: TX,
});

describe("a licence's approvals", () => {
  it("map each approval bit to its required department, with the approval that counted", () => {
    const events = [approval(3, "0x01", 10n), approval(1, "0x02", 11n), approval(3, "0x03", 20n)];
    const approvals = requiredApprovals([1, 3, 6], 0b011, events);
    expect(approvals).toEqual([
      { departmentId: 1, approved: true, event: events[1] },
      // Approved again after an amendment: the later approval is the one that counts.
      { departmentId: 3, approved: true, event: events[2] },
      { departmentId: 6, approved: false },
    ]);
  });
});

describe("a licence's subject", () => {
  it("reads a label as text and anything else as hex", () => {
    expect(subjectText(label32("91330100MA2H000001"))).toBe("91330100MA2H000001");
    const hash = `0x${"9f".repeat(32)}` as Hex;
    expect(subjectText(hash)).toBe(hash);
    expect(subjectText(`0x${"00".repeat(32)}`)).toBe(`0x${"00".repeat(32)}`);
  });

  it("names the registry's statuses", () => {
    expect(licenceStatus(3)).toBe("Suspended");
    expect(() => licenceStatus(9)).toThrow();
  });
});

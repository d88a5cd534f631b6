import { describe, expect, it } from "vitest";

import { licenceLink, licencePath, parseLicenceId, parseLicenceReference } from "./licenceLink";

const ORIGIN = "https://portal.example.gov.cn";

describe("licence links", () => {
  it("point to the licence's page on this portal", () => {
    expect(licencePath(12n)).toBe("/licences/12");
    expect(licenceLink(ORIGIN, 12n)).toBe("https://portal.example.gov.cn/licences/12");
    expect(licenceLink("http://127.0.0.1:5173/", 1n)).toBe("http://127.0.0.1:5173/licences/1");
  });

  it("are read back from what a QR code carries, whichever of the two page paths", () => {
    expect(parseLicenceReference(licenceLink(ORIGIN, 12n), ORIGIN)).toEqual({
      kind: "id",
      id: 12n,
    });
    expect(parseLicenceReference(`${ORIGIN}/verify/licence/7/`, ORIGIN)).toEqual({ kind: "id", id: 7n });
  });

  it("name the other site a code points to, keeping only the id", () => {
    expect(parseLicenceReference("http://evil.example/licences/3", ORIGIN)).toEqual({ kind: "id", id: 3n, host: "evil.example" });
  });

  it("accept a licence number, in any case", () => {
    expect(parseLicenceReference(" bl-2026-000001 ", ORIGIN)).toEqual({
      kind: "number",
      number: "BL-2026-000001",
    });
    expect(parseLicenceReference("CONSTR-QUAL-2026-000012", ORIGIN)).toEqual({
      kind: "number",
      number: "CONSTR-QUAL-2026-000012",
    });
  });

  it("refuse anything else", () => {
    for (const text of [
      "",
      "hello",
      `${ORIGIN}/tenders/3`,
      `${ORIGIN}/licences/0`,
      `${ORIGIN}/licences/abc`,
      "javascript:alert(1)",
      "ftp://x/licences/1",
      "BL-26-1",
    ]) {
      expect(parseLicenceReference(text, ORIGIN), text).toBeUndefined();
    }
  });

  it("take only positive decimal ids", () => {
    expect(parseLicenceId("42")).toBe(42n);
    for (const text of ["0", "-1", "1.0", "0x10", "", "01"]) expect(parseLicenceId(text), text).toBeUndefined();
  });
});

import { type OcdsOptions, recordPackage, releasePackage, tenderOcid } from "@lib/ocds.js";
import { describe, expect, it } from "vitest";

import { A, award, B, commit, history, reveal } from "../../../../test/helpers/histories";
import { fetchOcdsPackage, ocdsFileName, ocdsPath, packageOcids, packageProblem } from "./ocdsDownload";

// A tender as the data service rebuilds it, turned into OCDS by the same lib/ocds.ts the service uses.
const tender = {
  ...history(
  [
    [1, commit(A)],
    [2, commit(B)],
    [21, reveal(A, 900_000n)],
    [21, reveal(B, 950_000n)],
    [24, award(A, 900_000n)],
  ],
    { tenderId: "7" },
  ),
  departments: [
    { id: 3, code: "PSB", name: { zh: "公安局", en: "Public Security Bureau" } },
    { id: 9, code: "FIN", name: { zh: "财政局", en: "Finance Bureau" } },
  ],
};
const options: OcdsOptions = { ocidPrefix: "ocds-govchain", publisher: { name: "govchain" }, uri: "http://api.example/ocds", publishedDate: "2026-03-01T00:00:00Z" };
const target = { chainId: tender.chainId, escrow: tender.escrow, tenderId: "7" };

describe("downloading a tender's OCDS packages", () => {
  it("reads them from the data service's OCDS routes and names the files after chain and tender", () => {
    expect(ocdsPath("releases", "7")).toBe("/ocds/tenders/7/releases");
    expect(ocdsPath("record", "7")).toBe("/ocds/tenders/7/record");
    expect(ocdsFileName("record", target)).toBe("ocds-1337-tender-7-record-package.json");
  });

  it("accepts lib/ocds.ts's release and record packages of this tender", () => {
    const releases = releasePackage(tender, options);
    const record = recordPackage(tender, options);
    expect(packageOcids(releases).length).toBeGreaterThan(1);
    expect(new Set(packageOcids(record))).toEqual(new Set([tenderOcid("ocds-govchain", 1337, tender.escrow, "7")]));
    expect(packageProblem("releases", releases, target)).toBeUndefined();
    expect(packageProblem("record", record, target)).toBeUndefined();
  });

  it("refuses a package of another tender, another contract or another chain, or an empty one", () => {
    const record = recordPackage(tender, options);
    expect(packageProblem("record", record, { ...target, tenderId: "70" })).toMatch(/not tender 70/);
    expect(packageProblem("record", record, { ...target, escrow: "0x" + "2".repeat(40) })).toBeDefined();
    expect(packageProblem("record", record, { ...target, chainId: 86086 })).toBeDefined();
    expect(packageProblem("releases", { releases: [] }, target)).toMatch(/no release/);
  });

  it("fetches, checks and pretty-prints a package, and fails with the reason on a wrong one", async () => {
    const record = recordPackage(tender, options);
    const serve = (body: unknown) => (async () => Response.json(body)) as unknown as typeof fetch;
    const saved = await fetchOcdsPackage("http://api.example", "record", target, serve(record));
    expect(saved.fileName).toBe("ocds-1337-tender-7-record-package.json");
    expect(JSON.parse(saved.json)).toEqual(record);
    await expect(fetchOcdsPackage("http://api.example", "record", { ...target, tenderId: "8" }, serve(record))).rejects.toThrow(/not tender 8/);
  });
});

import { describe, expect, it } from "vitest";

import { fetchAllRecords } from "./bulkRecords";

const API = "http://api.example/v1";

/** A data service whose /ocds/records pages hold `pages` records each, linked by links.next. */
function service(pages: string[][], next: (page: number) => string | undefined = (page) => (page + 1 < pages.length ? `${API}/ocds/records?limit=100&cursor=${page + 1}` : undefined)) {
  const requested: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requested.push(`${url.pathname}${url.search}`);
    const page = Number(url.searchParams.get("cursor") ?? "0");
    const link = next(page);
    return Response.json({
      uri: String(input),
      version: "1.1",
      publishedDate: "2026-03-01T00:00:00Z",
      publisher: { name: "govchain" },
      records: pages[page]!.map((ocid) => ({ ocid, releases: [] })),
      ...(link === undefined ? {} : { links: { next: link } }),
    });
  }) as typeof fetch;
  return { fetchImpl, requested };
}

describe("the bulk download of every OCDS record", () => {
  it("follows links.next through every page and merges the records into one package", async () => {
    const { fetchImpl, requested } = service([["a", "b"], ["c"], ["d"]]);
    const progress: number[] = [];
    const { package: all, count } = await fetchAllRecords(API, (n) => progress.push(n), { fetch: fetchImpl });
    expect(requested).toEqual(["/v1/ocds/records?limit=100", "/v1/ocds/records?limit=100&cursor=1", "/v1/ocds/records?limit=100&cursor=2"]);
    expect(count).toBe(4);
    expect(progress).toEqual([2, 3, 4]);
    expect((all.records as { ocid: string }[]).map((r) => r.ocid)).toEqual(["a", "b", "c", "d"]);
    expect(all).not.toHaveProperty("links");
    expect(all).toMatchObject({ version: "1.1", publisher: { name: "govchain" } });
  });

  it("refuses a next link to another site, and a page that links to itself", async () => {
    const away = service([["a"], ["b"]], () => "http://elsewhere.example/ocds/records?cursor=1");
    await expect(fetchAllRecords(API, () => undefined, { fetch: away.fetchImpl })).rejects.toThrow(/outside the data service/);
    const loop = service([["a"]], () => `${API}/ocds/records?limit=100`);
    await expect(fetchAllRecords(API, () => undefined, { fetch: loop.fetchImpl })).rejects.toThrow(/same page twice/);
  });
});

import { digestToCid } from "@lib/cid.js";
import { documentDigest } from "@lib/hashing.js";
import { describe, expect, it } from "vitest";

import { documentUrl, fetchAndVerify } from "./documentCheck";

const STORE = "http://docs.example";
const original = new TextEncoder().encode("招标公告 Invitation to tender");
const digest = documentDigest(original);

/** A document store that answers every request with `respond`. */
function store(respond: (url: string) => Response | Promise<Response>) {
  const requests: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL) => {
    requests.push(String(input));
    return respond(String(input));
  }) as typeof fetch;
  return { fetchImpl, requests };
}

describe("a tender document checked in the browser against the chain's digest", () => {
  it("asks the store for the raw bytes by the document's CID", async () => {
    const { fetchImpl, requests } = store(() => new Response(original));
    await fetchAndVerify(STORE, digest, { fetch: fetchImpl });
    expect(requests).toEqual([`${STORE}/ipfs/${digestToCid(digest)}?format=raw`]);
    expect(documentUrl(STORE, digest)).toBe(requests[0]);
  });

  it("matches when the bytes hash to the digest on chain, and keeps those bytes to offer", async () => {
    const { fetchImpl } = store(() => new Response(original));
    const verdict = await fetchAndVerify(STORE, digest, { fetch: fetchImpl });
    expect(verdict).toMatchObject({ status: "match", expected: digest, size: original.length });
    expect(verdict.status === "match" && new TextDecoder().decode(verdict.bytes)).toBe("招标公告 Invitation to tender");
  });

  it("does not match when a store (or anyone on the way) sends altered bytes, and keeps no bytes", async () => {
    const tampered = new TextEncoder().encode("招标公告 Invitation to tender (altered)");
    const { fetchImpl } = store(() => new Response(tampered));
    const verdict = await fetchAndVerify(STORE, digest, { fetch: fetchImpl });
    expect(verdict).toEqual({ status: "mismatch", expected: digest, actual: documentDigest(tampered), size: tampered.length, reportedBy: "browser" });
    expect("bytes" in verdict).toBe(false);
  });

  it("does not match when the store itself refuses a copy altered on its disk", async () => {
    const altered = `0x${"ab".repeat(32)}`;
    const { fetchImpl } = store(() =>
      Response.json({ error: "corrupt_document", message: `the stored copy of ${digestToCid(digest)} has SHA-256 ${altered}: it was altered on disk and is not served` }, { status: 500 }),
    );
    expect(await fetchAndVerify(STORE, digest, { fetch: fetchImpl })).toEqual({ status: "mismatch", expected: digest, actual: altered, size: undefined, reportedBy: "store" });
  });

  it("says a document is missing, or that it cannot be checked, without judging it", async () => {
    const missing = store(() => Response.json({ error: "not_found", message: "no document" }, { status: 404 }));
    expect(await fetchAndVerify(STORE, digest, { fetch: missing.fetchImpl })).toEqual({ status: "missing", expected: digest });

    const down = store(() => Promise.reject(new TypeError("Failed to fetch")));
    expect(await fetchAndVerify(STORE, digest, { fetch: down.fetchImpl })).toMatchObject({ status: "unavailable", expected: digest });

    expect(await fetchAndVerify(undefined, digest)).toMatchObject({ status: "unavailable" });
  });

  it("refuses a copy larger than any document the store accepts without reading it", async () => {
    const { fetchImpl } = store(() => new Response(original, { headers: { "content-length": String(11 * 1024 * 1024) } }));
    expect(await fetchAndVerify(STORE, digest, { fetch: fetchImpl })).toMatchObject({ status: "mismatch", reportedBy: "browser", actual: undefined });
  });
});

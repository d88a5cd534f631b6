/**
 * Fetches a document from the document store and checks it, in the reader's browser, against the digest
 * the chain records (lib/cid.ts's verifyDocument: SHA-256 of the bytes received). Only a `match` may be
 * shown or offered as the genuine document; every other outcome is a named state. Pure apart from `fetch`.
 */
import { digestToCid, verifyDocument } from "@lib/cid.js";
import { type Hex, parseDigest } from "@lib/hashing.js";

/** The store's upload limit (lib/documents.ts): anything larger cannot be a genuine document. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

export type DocumentVerdict =
  /** The bytes hash to the digest on chain. */
  | { status: "match"; expected: Hex; bytes: Uint8Array; size: number }
  /**
   * The copy does not hash to the digest on chain: computed here (`actual` set) or, when the store
   * itself refused to serve a copy altered on its disk, reported by the store.
   */
  | { status: "mismatch"; expected: Hex; actual: Hex | undefined; size: number | undefined; reportedBy: "browser" | "store" }
  /** The store does not hold the document. */
  | { status: "missing"; expected: Hex }
  /** No store configured, or it did not answer: nothing can be said about the document. */
  | { status: "unavailable"; expected: Hex; reason: string };

export function documentUrl(docsUrl: string, digest: string): string {
  return `${docsUrl}/ipfs/${digestToCid(digest)}?format=raw`;
}

export async function fetchAndVerify(
  docsUrl: string | undefined,
  chainDigest: string,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<DocumentVerdict> {
  const expected = parseDigest(chainDigest);
  if (docsUrl === undefined) return { status: "unavailable", expected, reason: "no document store is configured (VITE_DOCS_URL)" };
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(documentUrl(docsUrl, expected), { signal: options.signal });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { status: "unavailable", expected, reason: `the document store at ${docsUrl} does not answer` };
  }
  if (response.status === 404) return { status: "missing", expected };
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: string; message?: string } | undefined;
    if (body?.error === "corrupt_document") {
      // The store hashes every copy before serving it and found this one altered: it is not the document.
      const actual = /SHA-256 (0x[0-9a-f]{64})/.exec(body.message ?? "")?.[1] as Hex | undefined;
      return { status: "mismatch", expected, actual, size: undefined, reportedBy: "store" };
    }
    return { status: "unavailable", expected, reason: body?.message ?? `the document store answered ${response.status}` };
  }
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > MAX_DOCUMENT_BYTES) {
    await response.body?.cancel();
    return { status: "mismatch", expected, actual: undefined, size: declared, reportedBy: "browser" };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const check = verifyDocument(bytes, expected);
  return check.match
    ? { status: "match", expected, bytes, size: check.size }
    : { status: "mismatch", expected, actual: check.digest, size: check.size, reportedBy: "browser" };
}

/**
 * The document store's protocol, shared by the store (scripts/docstore/), the scripts that seed it and
 * the dApp: the message an uploader signs, the headers, the error codes, the store interface, a
 * read-only store over any IPFS gateway and an upload client.
 *
 * Pure and browser-safe: `fetch`, `TextDecoder` and `ReadableStream` only (no `node:` imports).
 * See docs/documents.md for the HTTP API and for running against departments' own IPFS nodes.
 */
import { digestToCid, verifyDocument } from "./cid.js";
import { documentDigest, type Hex, parseDigest } from "./hashing.js";

// ===== PROTOCOL =====

/** Content type of a raw block in the IPFS trustless-gateway protocol: the file's bytes, unchanged. */
export const RAW_BLOCK_TYPE = "application/vnd.ipld.raw";
/** The uploader's address (0x…, any letter case). */
export const UPLOADER_HEADER = "x-govchain-uploader";
/** The uploader's EIP-191 `personal_sign` signature (0x…, 65 bytes) over `documentUploadMessage(digest)`. */
export const SIGNATURE_HEADER = "x-govchain-signature";
/** The store's default upload limit: 10 MiB (files over 1 MiB cannot be one IPFS block: docs/documents.md). */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * The text an uploader signs with `personal_sign` (EIP-191) to upload a document: it names the digest
 * the chain will record, so a signature cannot be reused for other bytes. Two lines, no trailing newline:
 * `govchain document upload\nsha256:<64 lower-case hex>`.
 */
export function documentUploadMessage(digest: string): string {
  return `govchain document upload\nsha256:${parseDigest(digest).slice(2)}`;
}

/** The JSON body of every error response: a stable code for programs and a sentence for people. */
export interface DocumentErrorBody {
  error: DocumentErrorCode;
  message: string;
}

/** Error codes of the HTTP API and of the store interface, with the HTTP status each is sent with. */
export const DOCUMENT_ERRORS = {
  bad_request: 400,
  malformed_cid: 400,
  unsupported_cid: 400,
  signature_required: 401,
  bad_signature: 401,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  request_timeout: 408,
  too_large: 413,
  digest_mismatch: 422,
  rate_limited: 429,
  internal_error: 500,
  corrupt_document: 500,
  read_only: 405,
  upstream_error: 502,
} as const;
export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;

/** A refusal by a store (or, through `uploadDocument`, by the HTTP API), with its error code. */
export class DocumentStoreError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DocumentStoreError";
  }
}

// ===== THE STORE INTERFACE =====

/** Who uploaded a document, as the store keeps it next to the file. */
export interface UploadRecord {
  format: "govchain-document-upload-1";
  digest: Hex;
  cid: string;
  size: number;
  /** Checksummed address that signed `documentUploadMessage(digest)`. */
  uploader: string;
  signature: Hex;
  /** ISO 8601, the store's clock. */
  uploadedAt: string;
}

export interface PutResult {
  /** `created` when these bytes were stored now, `exists` when the store already held them. */
  status: "created" | "exists";
  /** The record of the first accountable uploader (a later upload of the same bytes keeps it). */
  record: UploadRecord;
}

/**
 * A content-addressed store of documents keyed by their SHA-256 (0x-hex). Implementations must hash
 * before storing (`put` refuses bytes whose SHA-256 is not `digest` with `digest_mismatch` and stores
 * nothing) and must never return bytes that do not hash to the digest (`get` throws `corrupt_document`).
 * The caller checks the upload signature; the store keeps it.
 */
export interface DocumentStore {
  has(digest: Hex): Promise<boolean>;
  /** The document's bytes, checked against the digest, or `undefined` if the store does not hold it. */
  get(digest: Hex): Promise<Uint8Array | undefined>;
  put(digest: Hex, bytes: Uint8Array, upload: { uploader: string; signature: Hex }): Promise<PutResult>;
}

// ===== RESPONSES FOR BROWSERS =====

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * The content type a browser gets for a plain GET, decided from the bytes only (uploads carry no type).
 * PDF, PNG, JPEG, ZIP (also .docx/.xlsx), JSON and UTF-8 text are recognised; anything else is
 * `application/octet-stream`. Never `text/html` or SVG: an uploaded page is shown as text, so no upload
 * can run script on the store's origin.
 */
export function documentContentType(bytes: Uint8Array): string {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return "application/pdf"; // %PDF-
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "application/zip";
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return "application/octet-stream";
  }
  // Control characters other than tab, newlines and form feed mean a binary format we do not know.
  if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) return "application/octet-stream";
  const first = text.trimStart()[0];
  if (first === "{" || first === "[") {
    try {
      JSON.parse(text);
      return "application/json; charset=utf-8";
    } catch {
      // Not JSON after all: plain text.
    }
  }
  return "text/plain; charset=utf-8";
}

// ===== CLIENTS =====

type Fetch = typeof fetch;

/** Reads a response body, refusing (and cancelling) it past `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new DocumentStoreError("too_large", `the gateway announced ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new DocumentStoreError("too_large", `the gateway sent more than the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

export interface IpfsGatewayStoreOptions {
  /** The fetch to use (default: the global one). */
  fetch?: Fetch;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** The largest document accepted (default 10 MiB). */
  maxBytes?: number;
  /**
   * The UnixFS root CID (`bafybei…`) a document was published under, if it was added to IPFS as a file
   * rather than as one raw block (every file over 1 MiB: docs/documents.md). The gateway then returns
   * the file's bytes for that root, and they are still checked against the SHA-256.
   */
  unixfsRoot?: (digest: Hex) => string | undefined;
}

/**
 * A read-only store over any IPFS HTTP gateway (a department's Kubo node, a public gateway, or this
 * project's own store): `GET <gateway>/ipfs/<cid>` with `Accept: application/vnd.ipld.raw`, and the
 * bytes are checked against the digest before they are returned, so the gateway need not be trusted.
 */
export class IpfsGatewayStore implements DocumentStore {
  private readonly gateway: string;
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly unixfsRoot: (digest: Hex) => string | undefined;

  constructor(gateway: string, options: IpfsGatewayStoreOptions = {}) {
    this.gateway = gateway.replace(/\/+$/, "");
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
    this.unixfsRoot = options.unixfsRoot ?? (() => undefined);
  }

  private async request(method: "GET" | "HEAD", digest: Hex): Promise<Response | undefined> {
    const root = this.unixfsRoot(digest);
    // A raw block is asked for as such; a UnixFS root is asked for as a file (the gateway reassembles it).
    const url = `${this.gateway}/ipfs/${root ?? digestToCid(digest)}`;
    const headers: Record<string, string> = root === undefined ? { accept: RAW_BLOCK_TYPE } : {};
    let response: Response;
    try {
      response = await this.fetch(url, { method, headers, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw new DocumentStoreError("upstream_error", `${method} ${url} failed: ${(error as Error).message}`);
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new DocumentStoreError("upstream_error", `${method} ${url} answered ${response.status}`);
    }
    return response;
  }

  async has(digest: Hex): Promise<boolean> {
    return (await this.request("HEAD", digest)) !== undefined;
  }

  async get(digest: Hex): Promise<Uint8Array | undefined> {
    const response = await this.request("GET", digest);
    if (response === undefined) return undefined;
    const bytes = await readCapped(response, this.maxBytes);
    const check = verifyDocument(bytes, digest);
    if (!check.match) {
      throw new DocumentStoreError(
        "corrupt_document",
        `${this.gateway} sent ${bytes.length} bytes with SHA-256 ${check.digest}, not the document ${digest}`,
      );
    }
    return bytes;
  }

  put(): Promise<PutResult> {
    return Promise.reject(
      new DocumentStoreError("read_only", `${this.gateway} is read through the IPFS gateway protocol; publish with the IPFS node itself`),
    );
  }
}

/** What `uploadDocument` needs from a wallet: its address and EIP-191 `personal_sign`. */
export interface DocumentSigner {
  address: string;
  signMessage(message: string): Promise<string>;
}

/**
 * Uploads a document to a govchain document store (`PUT <store>/ipfs/<cid>`), signed by `signer`
 * (an ethers Wallet/Signer, or `{ address, signMessage }` around viem's `signMessage`). Resolves with
 * the store's record; rejects with a DocumentStoreError carrying the store's error code.
 */
export async function uploadDocument(
  storeUrl: string,
  bytes: Uint8Array,
  signer: DocumentSigner,
  options: { digest?: Hex; fetch?: Fetch } = {},
): Promise<PutResult & { cid: string }> {
  const digest = options.digest ?? documentDigest(bytes);
  const cid = digestToCid(digest);
  const signature = await signer.signMessage(documentUploadMessage(digest));
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const response = await doFetch(`${storeUrl.replace(/\/+$/, "")}/ipfs/${cid}`, {
    method: "PUT",
    headers: {
      "content-type": "application/octet-stream",
      [UPLOADER_HEADER]: signer.address,
      [SIGNATURE_HEADER]: signature,
    },
    // A fresh ArrayBuffer-backed copy: what fetch's BodyInit accepts in every runtime.
    body: new Uint8Array(bytes),
  });
  const body = (await response.json().catch(() => ({}))) as Partial<DocumentErrorBody & UploadRecord>;
  if (!response.ok) {
    const code = body.error !== undefined && Object.hasOwn(DOCUMENT_ERRORS, body.error) ? body.error : "internal_error";
    throw new DocumentStoreError(code, body.message ?? `the store answered ${response.status}`);
  }
  return { cid, status: response.status === 201 ? "created" : "exists", record: body as UploadRecord };
}

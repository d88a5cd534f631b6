/**
 * The document store's HTTP server, in the IPFS trustless-gateway form (docs/documents.md):
 *
 *   GET|HEAD /ipfs/<cid>   the document (raw block with `Accept: application/vnd.ipld.raw` or
 *                          `?format=raw`; otherwise a plain response with a type browsers can show)
 *   PUT      /ipfs/<cid>   upload: body = the file's bytes, signed by the uploader (EIP-191) in headers
 *   OPTIONS  *             CORS preflight
 *
 * Reads are public; uploads are signed, size-limited and rate-limited. Every refusal is a JSON
 * `{ error, message }` with a 4xx status and stores nothing.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

import { getAddress, isAddress } from "ethers/address";
import { verifyMessage } from "ethers/hash";

import { CidError, cidToDigest, digestToCid } from "../../lib/cid.js";
import {
  DEFAULT_MAX_DOCUMENT_BYTES,
  DOCUMENT_ERRORS,
  type DocumentErrorCode,
  type DocumentStore,
  DocumentStoreError,
  documentContentType,
  documentUploadMessage,
  RAW_BLOCK_TYPE,
  SIGNATURE_HEADER,
  UPLOADER_HEADER,
} from "../../lib/documents.js";
import type { Hex } from "../../lib/hashing.js";

import { FolderDocumentStore } from "./folderStore.js";
import { type BucketConfig, RateLimiter } from "./rateLimit.js";

export interface DocumentStoreOptions {
  /** The folder of the embedded store (created if missing). Ignored when `store` is given. */
  root?: string;
  /** Another store behind the same routes, e.g. an IpfsGatewayStore (read-only: uploads get 405). */
  store?: DocumentStore;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port, read it from `url`. */
  port?: number;
  /** Largest upload in bytes. Default 10 MiB. */
  maxBytes?: number;
  /** Upload limits; `false` turns one off. Default 30 at once then 60 a minute per uploader, 60 then 120 per IP. */
  rateLimit?: { perUploader?: BucketConfig | false; perIp?: BucketConfig | false };
  /** `Access-Control-Allow-Origin`. Default `*`: reads are public and uploads carry no cookies. */
  corsOrigin?: string;
  /** Time allowed to send a whole request (a 10 MiB upload at 1 Mbit/s takes 84 s). Default 120 s. */
  requestTimeoutMs?: number;
  /** One line per request; `false` for silence. Default `console.log`. */
  log?: ((line: string) => void) | false;
}

export interface RunningDocumentStore {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  port: number;
  store: DocumentStore;
  /** Stops accepting, drops open connections and resolves when the port is free. */
  close(): Promise<void>;
}

const DEFAULT_LIMITS = {
  perUploader: { burst: 30, perMinute: 60 },
  perIp: { burst: 60, perMinute: 120 },
} satisfies Record<string, BucketConfig>;

/** A year: the gateway spec's value for immutable content. */
const IMMUTABLE = "public, max-age=29030400, immutable";
const ALLOW = "GET, HEAD, PUT, OPTIONS";
/** After a refused upload, how long the rest of its body is read and dropped before the socket is closed. */
const DRAIN_MS = 2_000;

class HttpError extends Error {
  constructor(
    readonly code: DocumentErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function refuse(code: DocumentErrorCode, message: string, headers?: Record<string, string>): never {
  throw new HttpError(code, message, headers);
}

function errorBody(code: DocumentErrorCode, message: string): string {
  return JSON.stringify({ error: code, message });
}

/** Starts the store's HTTP server; `npm start` and `npm run docs:serve` call this. */
export async function startDocumentStore(options: DocumentStoreOptions = {}): Promise<RunningDocumentStore> {
  const store = options.store ?? (await FolderDocumentStore.open(options.root ?? "data/documents"));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const limits = { ...DEFAULT_LIMITS, ...options.rateLimit };
  const perUploader = limits.perUploader === false ? undefined : new RateLimiter(limits.perUploader);
  const perIp = limits.perIp === false ? undefined : new RateLimiter(limits.perIp);
  const corsOrigin = options.corsOrigin ?? "*";
  const log = options.log === false ? () => undefined : (options.log ?? ((line: string) => console.log(line)));

  // ===== READS =====

  function wantsRaw(req: IncomingMessage, query: URLSearchParams): boolean {
    const format = query.get("format");
    if (format === "raw") return true;
    if (format !== null) refuse("not_acceptable", `format=${format.slice(0, 40)} is not served: documents are raw blocks (format=raw)`);
    const types = (req.headers.accept ?? "")
      .split(",")
      .map((part) => part.split(";")[0].trim().toLowerCase())
      .filter((type) => type !== "");
    if (types.includes(RAW_BLOCK_TYPE)) return true;
    // Only other IPLD/IPFS representations (CAR, IPNS records…) asked for: we have none of them.
    if (types.length > 0 && types.every((type) => type.startsWith("application/vnd.ipld.") || type.startsWith("application/vnd.ipfs."))) {
      refuse("not_acceptable", `${types.join(", ")} is not served: documents are raw blocks (${RAW_BLOCK_TYPE})`);
    }
    return false;
  }

  async function read(req: IncomingMessage, res: ServerResponse, cid: string, digest: Hex, query: URLSearchParams) {
    const raw = wantsRaw(req, query);
    const bytes = await store.get(digest);
    if (bytes === undefined) refuse("not_found", `no document ${cid} in this store`);
    // The gateway spec's ETags: one per representation, since the response varies with Accept.
    const etag = raw ? `"${cid}.raw"` : `"${cid}"`;
    const headers: Record<string, string | number> = {
      etag,
      "cache-control": IMMUTABLE,
      "x-content-type-options": "nosniff",
      vary: "Accept",
      "x-ipfs-path": `/ipfs/${cid}`,
      "x-ipfs-roots": cid,
      "accept-ranges": "none",
    };
    const matches = (req.headers["if-none-match"] ?? "").split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    if (matches.includes(etag) || matches.includes("*")) {
      res.writeHead(304, headers).end();
      return;
    }
    headers["content-type"] = raw ? RAW_BLOCK_TYPE : documentContentType(bytes);
    headers["content-length"] = bytes.length;
    if (raw) headers["content-disposition"] = `attachment; filename="${cid}.bin"`;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : bytes);
  }

  // ===== UPLOADS =====

  /** The upload's checked signer and signature (lower-case hex), or a 401. */
  function signer(req: IncomingMessage, digest: Hex): { uploader: string; signature: Hex } {
    const uploader = req.headers[UPLOADER_HEADER];
    const signature = req.headers[SIGNATURE_HEADER];
    if (typeof uploader !== "string" || typeof signature !== "string" || uploader === "" || signature === "") {
      refuse(
        "signature_required",
        `an upload needs the ${UPLOADER_HEADER} and ${SIGNATURE_HEADER} headers: the uploader's address and its personal_sign signature of "${documentUploadMessage(digest).replace("\n", "\\n")}"`,
      );
    }
    if (!isAddress(uploader)) refuse("bad_signature", `${UPLOADER_HEADER} is not an address`);
    if (!/^0x(?:[0-9a-fA-F]{128}|[0-9a-fA-F]{130})$/.test(signature)) {
      refuse("bad_signature", `${SIGNATURE_HEADER} is not a 65-byte signature in 0x-hex`);
    }
    let recovered: string;
    try {
      recovered = verifyMessage(documentUploadMessage(digest), signature);
    } catch {
      refuse("bad_signature", `${SIGNATURE_HEADER} is not a valid secp256k1 signature`);
    }
    const claimed = getAddress(uploader);
    if (recovered !== claimed) {
      refuse(
        "bad_signature",
        `the signature is not ${claimed}'s over this document's digest (it recovers to ${recovered}: another signer, or another document)`,
      );
    }
    return { uploader: claimed, signature: signature.toLowerCase() as Hex };
  }

  /** The body, or a 413 as soon as it passes `maxBytes`: never more than `maxBytes` is held in memory. */
  function readBody(req: IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let total = 0;
      const onData = (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) {
          chunks.length = 0;
          cleanup();
          reject(new HttpError("too_large", `the upload is over the ${maxBytes}-byte limit; nothing was stored`));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        resolve(Buffer.concat(chunks, total));
      };
      const onClose = () => {
        cleanup();
        reject(new HttpError("bad_request", "the upload ended before its body was complete; nothing was stored"));
      };
      const cleanup = () => {
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("close", onClose);
      };
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("close", onClose);
    });
  }

  /** Requests told "100 Continue": their body is on its way. */
  const continued = new WeakSet<IncomingMessage>();
  const expectsContinue = (req: IncomingMessage) => /100-continue/i.test(req.headers.expect ?? "");

  async function upload(req: IncomingMessage, res: ServerResponse, cid: string, digest: Hex, ip: string) {
    const ipWait = perIp?.take(ip);
    if (ipWait !== undefined) refuse("rate_limited", `too many uploads from ${ip}; retry in ${ipWait} s`, { "retry-after": `${ipWait}` });
    const { uploader, signature } = signer(req, digest);
    const uploaderWait = perUploader?.take(uploader.toLowerCase());
    if (uploaderWait !== undefined) {
      refuse("rate_limited", `too many uploads by ${uploader}; retry in ${uploaderWait} s`, { "retry-after": `${uploaderWait}` });
    }
    const declared = Number(req.headers["content-length"] ?? "0");
    if (declared > maxBytes) refuse("too_large", `the upload is ${declared} bytes, over the ${maxBytes}-byte limit; nothing was stored`);
    // A client that waits for "100 Continue" (curl does, for bodies over 1 KiB) sends its body only now
    // that the upload is known to be acceptable; a refused one never sends it.
    if (expectsContinue(req)) {
      continued.add(req);
      res.writeContinue();
    }
    const bytes = await readBody(req);
    const { status, record } = await store.put(digest, bytes, { uploader, signature });
    res.writeHead(status === "created" ? 201 : 200, { "content-type": "application/json", location: `/ipfs/${cid}` });
    res.end(JSON.stringify(record));
  }

  // ===== DISPATCH =====

  async function route(req: IncomingMessage, res: ServerResponse, ip: string) {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://store.invalid");
    } catch {
      refuse("bad_request", "the request target is not a URL path");
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "access-control-allow-methods": ALLOW,
        "access-control-allow-headers": `content-type, if-none-match, ${UPLOADER_HEADER}, ${SIGNATURE_HEADER}`,
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const match = /^\/ipfs\/([^/]*)\/?$/.exec(url.pathname);
    if (match === null) refuse("not_found", `no route ${url.pathname.slice(0, 100)}: documents are at /ipfs/<cid>`);
    if (req.method !== "GET" && req.method !== "HEAD" && req.method !== "PUT") {
      refuse("method_not_allowed", `${req.method} is not allowed on /ipfs/<cid> (allowed: ${ALLOW})`, { allow: ALLOW });
    }
    let digest: Hex;
    try {
      digest = cidToDigest(match[1]);
    } catch (error) {
      if (error instanceof CidError) refuse(error.code, error.message);
      throw error;
    }
    const cid = digestToCid(digest);
    if (req.method === "PUT") await upload(req, res, cid, digest, ip);
    else await read(req, res, cid, digest, url.searchParams);
  }

  /** What the request's log line says besides the status: the error code of a refusal. */
  const notes = new WeakMap<ServerResponse, string>();

  function sendError(req: IncomingMessage, res: ServerResponse, error: unknown) {
    let code: DocumentErrorCode = "internal_error";
    let message = "the store failed on this request (nothing was stored)";
    let headers: Record<string, string> = {};
    if (error instanceof HttpError || error instanceof DocumentStoreError) {
      code = error.code;
      message = error.message;
      if (error instanceof HttpError) headers = error.headers;
    } else {
      // Kept to the request's one log line: the first line of the error.
      notes.set(res, `internal_error: ${String((error as Error).message ?? error).split("\n")[0]}`);
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    notes.set(res, notes.get(res) ?? code);
    const body = errorBody(code, message);
    // A client still waiting for "100 Continue" will not send its body: this answer ends the connection.
    const bodyWithheld = !req.complete && expectsContinue(req) && !continued.has(req);
    res.writeHead(DOCUMENT_ERRORS[code], {
      ...headers,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      ...(bodyWithheld ? { connection: "close" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    if (!req.complete && !bodyWithheld) {
      // A refused upload whose body is still coming: read and drop the rest (nothing of it is kept), so
      // the client sees this answer rather than a reset connection, and the connection can be reused;
      // a client still sending after DRAIN_MS is cut off.
      req.resume();
      const socket = req.socket;
      const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
      timer.unref();
      req.once("end", () => clearTimeout(timer));
      socket.once("close", () => clearTimeout(timer));
    }
  }

  /** The response being prepared on each connection, so that a malformed next request waits for it. */
  const inFlight = new WeakMap<Socket, ServerResponse>();

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    inFlight.set(req.socket, res);
    const ip = req.socket.remoteAddress ?? "unknown";
    res.setHeader("access-control-allow-origin", corsOrigin);
    res.setHeader("access-control-expose-headers", "etag, location, retry-after, x-ipfs-path, x-ipfs-roots");
    res.once("close", () => {
      if (inFlight.get(req.socket) === res) inFlight.delete(req.socket);
      const path = (req.url ?? "").replace(/[^\x21-\x7e]/g, "?").slice(0, 120);
      const ms = (performance.now() - started).toFixed(1);
      const note = notes.get(res);
      log(`docs: ${ip} ${req.method} ${path} ${res.statusCode}${note ? ` ${note}` : ""}${res.writableFinished ? "" : " (aborted)"} ${ms} ms`);
    });
    route(req, res, ip).catch((error: unknown) => sendError(req, res, error));
  };
  const requestTimeout = options.requestTimeoutMs ?? 120_000;
  const server = createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 30_000),
      // How often Node looks for requests past their time (its default, 30 s, would let a short timeout run long).
      connectionsCheckingInterval: Math.min(30_000, Math.max(250, requestTimeout / 4)),
    },
    handle,
  );
  // Expect: 100-continue is answered by the upload handler once the headers have been checked.
  server.on("checkContinue", handle);
  // Malformed HTTP (bad framing, huge headers, bytes past a body's Content-Length…): a JSON 400, then
  // close. A response still being prepared on that connection (the request before the bad bytes) is
  // sent first, so answers stay in order.
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, reason, code, message]: [number, string, DocumentErrorCode, string] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "request_timeout", "the request was not sent in time"]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "Request Header Fields Too Large", "bad_request", "the request headers are too large"]
          : [400, "Bad Request", "bad_request", "the request is not well-formed HTTP/1.1"];
    const body = errorBody(code, message);
    const answer = () =>
      socket.end(
        `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
          `connection: close\r\n\r\n${body}`,
      );
    const pending = inFlight.get(socket);
    if (pending === undefined) answer();
    else if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") {
      // The request in flight is the slow one (an upload whose body is late): it gets the 408.
      if (pending.headersSent) socket.destroy();
      else {
        sendError(pending.req, pending, new HttpError("request_timeout", "the upload was not sent in time; nothing was stored"));
        pending.once("finish", () => socket.end());
      }
    } else pending.once("close", () => (socket.writable ? answer() : socket.destroy()));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("docs: the server has no TCP address");
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    store,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

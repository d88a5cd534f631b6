/**
 * The document store (scripts/docstore/): a real server on an ephemeral port of 127.0.0.1 over a
 * temporary folder, driven over HTTP the way the dApp and the seeding scripts use it.
 */
import { deepStrictEqual, equal, ok, rejects } from "node:assert/strict";
import { request } from "node:http";
import { connect } from "node:net";
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { Wallet } from "ethers";
import { CID } from "multiformats/cid";
import { base58btc } from "multiformats/bases/base58";
import { create as createMultihash } from "multiformats/hashes/digest";

import { digestToCid, verifyDocument } from "../lib/cid.js";
import {
  documentUploadMessage,
  DocumentStoreError,
  IpfsGatewayStore,
  RAW_BLOCK_TYPE,
  SIGNATURE_HEADER,
  uploadDocument,
  UPLOADER_HEADER,
  type UploadRecord,
} from "../lib/documents.js";
import { documentDigest, fromHex, type Hex } from "../lib/hashing.js";
import { FolderDocumentStore } from "../scripts/docstore/folderStore.js";
import { type DocumentStoreOptions, type RunningDocumentStore, startDocumentStore } from "../scripts/docstore/server.js";

// Hardhat's well-known accounts 0 and 1: test keys, public, never for a real chain.
const alice = new Wallet("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
const bob = new Wallet("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");

const MAX = 64 * 1024;
const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text);

/** A document unique to the test that asks for it. */
let serial = 0;
function newDocument(size = 1000): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + serial * 7) & 0xff;
  bytes.set(bytesOf(`document ${++serial} ${Date.now()}`).subarray(0, size));
  return bytes;
}

async function signed(wallet: Wallet, digest: Hex): Promise<Record<string, string>> {
  return { [UPLOADER_HEADER]: wallet.address, [SIGNATURE_HEADER]: await wallet.signMessage(documentUploadMessage(digest)) };
}

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  json: { error?: string; message?: string } & Partial<UploadRecord>;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let json = {};
  try {
    json = JSON.parse(new TextDecoder().decode(bytes)) as Answer["json"];
  } catch {
    // Not JSON: a document.
  }
  return { status: response.status, headers: response.headers, bytes, json };
}

function isError(answer: Answer, status: number, code: string) {
  equal(answer.status, status, `status (body: ${new TextDecoder().decode(answer.bytes).slice(0, 300)})`);
  equal(answer.headers.get("content-type"), "application/json");
  equal(answer.json.error, code);
  ok(typeof answer.json.message === "string" && answer.json.message.length > 10, "a sentence for people");
}

/** Sends raw bytes over a TCP connection and returns everything the server sends back until it closes or goes quiet. */
function rawExchange(port: number, chunks: (string | Uint8Array)[], quietMs = 1500): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    let received = "";
    let timer = setTimeout(() => socket.destroy(), quietMs);
    socket.on("data", (data) => {
      received += data.toString("latin1");
      clearTimeout(timer);
      timer = setTimeout(() => socket.destroy(), quietMs);
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(received);
    });
    socket.on("connect", () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

describe("DocumentStore (scripts/docstore)", function () {
  this.timeout(30_000);

  let root: string;
  let server: RunningDocumentStore;
  let logLines: string[];
  const roots: string[] = [];
  const servers: RunningDocumentStore[] = [];

  async function start(options: DocumentStoreOptions = {}): Promise<RunningDocumentStore> {
    const running = await startDocumentStore({
      root,
      maxBytes: MAX,
      rateLimit: { perUploader: false, perIp: false },
      log: (line) => logLines.push(line),
      ...options,
    });
    servers.push(running);
    return running;
  }

  async function tempRoot(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "govchain-docs-"));
    roots.push(dir);
    return dir;
  }

  /** Every file of the store except the .tmp folder itself: the document files and their records. */
  async function storedFiles(dir = root): Promise<string[]> {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  }

  async function assertNothingStored(dir = root) {
    deepStrictEqual(await storedFiles(dir), []);
  }

  const at = (cid: string, running = server) => `${running.url}/ipfs/${cid}`;

  beforeEach(async function () {
    root = await tempRoot();
    logLines = [];
    server = await start();
  });

  afterEach(async function () {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  after(async function () {
    await Promise.all(roots.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  // ===== UPLOAD AND READ =====

  describe("upload and read", function () {
    it("stores a signed upload and serves the same bytes by CID as a raw block, with the gateway headers", async function () {
      const bytes = newDocument(5000);
      const digest = documentDigest(bytes);
      const cid = digestToCid(digest);
      const put = await uploadDocument(server.url, bytes, alice);
      equal(put.status, "created");
      equal(put.cid, cid);
      equal(put.record.uploader, alice.address);
      equal(put.record.digest, digest);
      equal(put.record.size, 5000);

      const got = await call(at(cid), { headers: { accept: RAW_BLOCK_TYPE } });
      equal(got.status, 200);
      deepStrictEqual(got.bytes, bytes);
      ok(verifyDocument(got.bytes, digest).match, "the SHA-256 of what is served is the digest");
      equal(got.headers.get("content-type"), RAW_BLOCK_TYPE);
      equal(got.headers.get("content-length"), "5000");
      equal(got.headers.get("etag"), `"${cid}.raw"`);
      equal(got.headers.get("cache-control"), "public, max-age=29030400, immutable");
      equal(got.headers.get("x-content-type-options"), "nosniff");
      equal(got.headers.get("access-control-allow-origin"), "*");
      equal(got.headers.get("vary"), "Accept");
      equal(got.headers.get("x-ipfs-path"), `/ipfs/${cid}`);

      const viaQuery = await call(`${at(cid)}?format=raw`);
      equal(viaQuery.headers.get("content-type"), RAW_BLOCK_TYPE);
      deepStrictEqual(viaQuery.bytes, bytes);
    });

    it("keeps the file under <root>/<2 hex>/<digest hex> and a record of the uploader next to it", async function () {
      const bytes = newDocument();
      const digest = documentDigest(bytes);
      const before = Date.now();
      await uploadDocument(server.url, bytes, alice);
      const hex = digest.slice(2);
      deepStrictEqual((await storedFiles()).sort(), [path.join(hex.slice(0, 2), hex), path.join(hex.slice(0, 2), `${hex}.json`)]);
      deepStrictEqual(new Uint8Array(await readFile(path.join(root, hex.slice(0, 2), hex))), bytes);
      const record = JSON.parse(await readFile(path.join(root, hex.slice(0, 2), `${hex}.json`), "utf8")) as UploadRecord;
      equal(record.format, "govchain-document-upload-1");
      equal(record.uploader, alice.address);
      equal(record.signature, await alice.signMessage(documentUploadMessage(digest)));
      equal(record.size, bytes.length);
      equal(record.cid, digestToCid(digest));
      ok(Date.parse(record.uploadedAt) >= before - 1000 && Date.parse(record.uploadedAt) <= Date.now() + 1000);
    });

    it("serves browsers a plain GET with a type from the bytes (PDF, JSON; HTML only as text) and an ETag of the CID", async function () {
      const cases: [Uint8Array, string][] = [
        [bytesOf(`%PDF-1.7\n% tender ${serial++}`), "application/pdf"],
        [bytesOf(JSON.stringify({ title: { zh: "办公设备采购", en: "Office equipment" }, n: serial++ })), "application/json; charset=utf-8"],
        [bytesOf(`<html><script>alert(${serial++})</script></html>`), "text/plain; charset=utf-8"],
      ];
      for (const [bytes, type] of cases) {
        const { cid } = await uploadDocument(server.url, bytes, alice);
        const got = await call(at(cid));
        equal(got.status, 200);
        equal(got.headers.get("content-type"), type);
        equal(got.headers.get("etag"), `"${cid}"`);
        equal(got.headers.get("x-content-type-options"), "nosniff");
        deepStrictEqual(got.bytes, bytes);
      }
    });

    it("answers HEAD with the headers of GET and no body, and If-None-Match with 304", async function () {
      const bytes = newDocument(1234);
      const { cid } = await uploadDocument(server.url, bytes, alice);
      const head = await call(at(cid), { method: "HEAD", headers: { accept: RAW_BLOCK_TYPE } });
      equal(head.status, 200);
      equal(head.headers.get("content-length"), "1234");
      equal(head.headers.get("content-type"), RAW_BLOCK_TYPE);
      equal(head.bytes.length, 0);
      const cached = await call(at(cid), { headers: { accept: RAW_BLOCK_TYPE, "if-none-match": `"${cid}.raw"` } });
      equal(cached.status, 304);
      equal(cached.bytes.length, 0);
      const missing = await call(at(digestToCid(documentDigest(newDocument()))), { method: "HEAD" });
      equal(missing.status, 404);
    });

    it("reads a CID written in base58btc as the same document", async function () {
      const bytes = newDocument();
      const { cid } = await uploadDocument(server.url, bytes, alice);
      const got = await call(at(CID.parse(cid).toString(base58btc)), { headers: { accept: RAW_BLOCK_TYPE } });
      equal(got.status, 200);
      deepStrictEqual(got.bytes, bytes);
      equal(got.headers.get("etag"), `"${cid}.raw"`);
    });

    it("accepts a second upload of the same bytes (200) and keeps the first uploader's record", async function () {
      const bytes = newDocument();
      equal((await uploadDocument(server.url, bytes, alice)).status, "created");
      const again = await uploadDocument(server.url, bytes, bob);
      equal(again.status, "exists");
      equal(again.record.uploader, alice.address);
    });

    it("accepts a file of exactly the size limit and an empty file", async function () {
      equal((await uploadDocument(server.url, newDocument(MAX), alice)).status, "created");
      equal((await uploadDocument(server.url, new Uint8Array(0), alice)).status, "created");
    });

    it("answers the CORS preflight of a signed upload from the dApp", async function () {
      const preflight = await call(at(digestToCid(documentDigest(newDocument()))), {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1:5173", "access-control-request-method": "PUT", "access-control-request-headers": `${UPLOADER_HEADER}, ${SIGNATURE_HEADER}` },
      });
      equal(preflight.status, 204);
      equal(preflight.headers.get("access-control-allow-origin"), "*");
      ok(preflight.headers.get("access-control-allow-methods")?.includes("PUT"));
      ok(preflight.headers.get("access-control-allow-headers")?.includes(SIGNATURE_HEADER));
    });

    it("logs one line per request", async function () {
      const bytes = newDocument();
      const { cid } = await uploadDocument(server.url, bytes, alice);
      await call(at(cid));
      await call(at("nonsense"));
      await call(at(cid), { method: "DELETE" });
      equal(logLines.length, 4, logLines.join("\n"));
      ok(logLines.every((line) => !line.includes("\n")));
      ok(logLines[0].startsWith(`docs: 127.0.0.1 PUT /ipfs/${cid} 201`), logLines[0]);
      ok(logLines[2].includes(" 400 malformed_cid "), logLines[2]);
    });
  });

  // ===== REFUSALS =====

  describe("refusals (a 4xx JSON error, nothing stored)", function () {
    it("refuses an upload whose bytes are not the claimed digest with 422 digest_mismatch", async function () {
      const claimed = newDocument();
      const digest = documentDigest(claimed);
      const tampered = claimed.slice();
      tampered[0] ^= 1;
      const answer = await call(at(digestToCid(digest)), { method: "PUT", headers: await signed(alice, digest), body: tampered });
      isError(answer, 422, "digest_mismatch");
      ok(answer.json.message?.includes(documentDigest(tampered)));
      await assertNothingStored();
      equal((await call(at(digestToCid(digest)))).status, 404);
      await rejects(uploadDocument(server.url, tampered, alice, { digest }), (e: unknown) => e instanceof DocumentStoreError && e.code === "digest_mismatch");
    });

    it("refuses a missing, malformed or foreign signature with 401", async function () {
      const bytes = newDocument();
      const digest = documentDigest(bytes);
      const url = at(digestToCid(digest));
      const otherDigest = documentDigest(newDocument());
      const cases: [Record<string, string>, string][] = [
        [{}, "signature_required"],
        [{ [UPLOADER_HEADER]: alice.address }, "signature_required"],
        // Bob signed, but the upload names Alice.
        [{ ...(await signed(bob, digest)), [UPLOADER_HEADER]: alice.address }, "bad_signature"],
        // Alice signed another document.
        [await signed(alice, otherDigest), "bad_signature"],
        // Alice signed the raw digest bytes rather than the upload message.
        [{ [UPLOADER_HEADER]: alice.address, [SIGNATURE_HEADER]: await alice.signMessage(fromHex(digest)) }, "bad_signature"],
        [{ [UPLOADER_HEADER]: "0x1234", [SIGNATURE_HEADER]: (await signed(alice, digest))[SIGNATURE_HEADER] }, "bad_signature"],
        [{ [UPLOADER_HEADER]: alice.address, [SIGNATURE_HEADER]: "0xdeadbeef" }, "bad_signature"],
        [{ [UPLOADER_HEADER]: alice.address, [SIGNATURE_HEADER]: `0x${"00".repeat(65)}` }, "bad_signature"],
      ];
      for (const [headers, code] of cases) {
        isError(await call(url, { method: "PUT", headers, body: bytes }), 401, code);
      }
      await assertNothingStored();
    });

    it("refuses an upload over the size limit with 413: declared in Content-Length, or streamed without one", async function () {
      const big = newDocument(MAX + 1);
      const digest = documentDigest(big);
      isError(await call(at(digestToCid(digest)), { method: "PUT", headers: await signed(alice, digest), body: big }), 413, "too_large");

      // Chunked, no Content-Length: the server counts and stops at the limit.
      const headers = await signed(alice, digest);
      const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(at(digestToCid(digest)), { method: "PUT", headers }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject);
        for (let i = 0; i < 8; i++) req.write(big.subarray(0, MAX / 2));
        req.end();
      });
      equal(streamed.status, 413);
      equal((JSON.parse(streamed.body) as { error: string }).error, "too_large");
      await assertNothingStored();
      // The temporary folder holds nothing either: the body was never written out.
      deepStrictEqual(await readdir(path.join(root, ".tmp")), []);
    });

    it("never reads past Content-Length: a client sending more than it declared gets its declared bytes judged (422) and the rest refused as malformed HTTP (400)", async function () {
      const small = newDocument(100);
      const digest = documentDigest(small);
      const headers = await signed(alice, digest);
      const head =
        `PUT /ipfs/${digestToCid(digest)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n` +
        `${UPLOADER_HEADER}: ${headers[UPLOADER_HEADER]}\r\n${SIGNATURE_HEADER}: ${headers[SIGNATURE_HEADER]}\r\n\r\n`;
      // 100 bytes that are not the document, then far more than the limit.
      const received = await rawExchange(server.port, [head, newDocument(100), new Uint8Array(4 * MAX).fill(0x41)]);
      ok(received.startsWith("HTTP/1.1 422 "), received.slice(0, 200));
      ok(received.includes('"error":"digest_mismatch"'));
      // What followed the declared body was taken as a next request, and refused as such.
      ok(received.includes("HTTP/1.1 400 Bad Request") && received.includes('"error":"bad_request"'), received.slice(-300));
      await assertNothingStored();
      equal((await call(`${server.url}/ipfs/${digestToCid(digest)}`)).status, 404, "the server still answers");
    });

    it("refuses a body framed both by Content-Length and as chunked (request smuggling) with a JSON 400", async function () {
      const bytes = newDocument(100);
      const digest = documentDigest(bytes);
      const headers = await signed(alice, digest);
      const head =
        `PUT /ipfs/${digestToCid(digest)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n` +
        `${UPLOADER_HEADER}: ${headers[UPLOADER_HEADER]}\r\n${SIGNATURE_HEADER}: ${headers[SIGNATURE_HEADER]}\r\n\r\n`;
      const chunk = new Uint8Array(4 * MAX).fill(0x42);
      const received = await rawExchange(server.port, [head, `${chunk.length.toString(16)}\r\n`, chunk, "\r\n0\r\n\r\n"]);
      ok(received.startsWith("HTTP/1.1 400 Bad Request"), received.slice(0, 200));
      ok(received.includes('"error":"bad_request"'));
      await assertNothingStored();
    });

    it("answers Expect: 100-continue only for an acceptable upload, so a refused client never sends its body", async function () {
      const bytes = newDocument(MAX);
      const digest = documentDigest(bytes);
      const expectContinue = (headers: Record<string, string>) =>
        new Promise<{ status: number; continued: boolean; error?: string }>((resolve, reject) => {
          let continued = false;
          const req = request(at(digestToCid(digest)), {
            method: "PUT",
            headers: { ...headers, expect: "100-continue", "content-length": String(bytes.length) },
          });
          req.on("continue", () => {
            continued = true;
            req.end(bytes);
          });
          req.on("response", (res) => {
            let body = "";
            res.on("data", (c: Buffer) => (body += c.toString()));
            res.on("end", () => {
              if (!continued) req.destroy();
              resolve({ status: res.statusCode ?? 0, continued, error: (JSON.parse(body) as { error?: string }).error });
            });
          });
          req.on("error", (error) => (continued ? reject(error) : undefined));
          req.flushHeaders();
        });
      deepStrictEqual(await expectContinue(await signed(bob, documentDigest(newDocument()))), { status: 401, continued: false, error: "bad_signature" });
      await assertNothingStored();
      const accepted = await expectContinue(await signed(alice, digest));
      deepStrictEqual({ status: accepted.status, continued: accepted.continued }, { status: 201, continued: true });
    });

    it("refuses malformed CIDs with 400 malformed_cid and other kinds of CID with 400 unsupported_cid, on reads and uploads", async function () {
      const sha = fromHex(documentDigest(newDocument()));
      const malformed = ["hello", "bafkrei", "BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ", "%00", "b" + "a".repeat(300)];
      const unsupported = [
        "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
        CID.create(1, 0x70, createMultihash(0x12, sha)).toString(),
        CID.create(1, 0x71, createMultihash(0x12, sha)).toString(),
        CID.create(1, 0x55, createMultihash(0x13, new Uint8Array(64))).toString(),
      ];
      for (const method of ["GET", "PUT"]) {
        for (const cid of malformed) isError(await call(at(cid), { method, body: method === "PUT" ? "x" : undefined }), 400, "malformed_cid");
        for (const cid of unsupported) isError(await call(at(cid), { method, body: method === "PUT" ? "x" : undefined }), 400, "unsupported_cid");
      }
      await assertNothingStored();
    });

    it("answers 404 not_found for an unknown document or route, 405 for another method, 406 for a CAR", async function () {
      const cid = digestToCid(documentDigest(newDocument()));
      isError(await call(at(cid)), 404, "not_found");
      isError(await call(`${server.url}/`), 404, "not_found");
      isError(await call(`${server.url}/ipns/${cid}`), 404, "not_found");
      isError(await call(`${at(cid)}/child`), 404, "not_found");
      const deleted = await call(at(cid), { method: "DELETE" });
      isError(deleted, 405, "method_not_allowed");
      equal(deleted.headers.get("allow"), "GET, HEAD, PUT, OPTIONS");
      isError(await call(at(cid), { method: "POST", body: "x" }), 405, "method_not_allowed");
      const { cid: stored } = await uploadDocument(server.url, newDocument(), alice);
      isError(await call(at(stored), { headers: { accept: "application/vnd.ipld.car" } }), 406, "not_acceptable");
      isError(await call(`${at(stored)}?format=car`), 406, "not_acceptable");
    });

    it("answers an upload whose body is not sent in time with 408 request_timeout and stores nothing", async function () {
      const slowRoot = await tempRoot();
      const slow = await start({ root: slowRoot, requestTimeoutMs: 1000 });
      const bytes = newDocument(1000);
      const digest = documentDigest(bytes);
      const headers = await signed(alice, digest);
      const head =
        `PUT /ipfs/${digestToCid(digest)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n` +
        `${UPLOADER_HEADER}: ${headers[UPLOADER_HEADER]}\r\n${SIGNATURE_HEADER}: ${headers[SIGNATURE_HEADER]}\r\n\r\n`;
      const started = Date.now();
      const received = await rawExchange(slow.port, [head, bytes.subarray(0, 500)], 5000);
      ok(received.startsWith("HTTP/1.1 408 "), received.slice(0, 200));
      ok(received.includes('"error":"request_timeout"'));
      ok(Date.now() - started < 4000, "answered within the timeout and its checking interval");
      await assertNothingStored(slowRoot);
    });

    it("answers malformed HTTP with a JSON 400 and keeps serving", async function () {
      const received = await rawExchange(server.port, ["GET /ipfs/x HTTP/1.1\r\nHost: a\r\nContent-Length: nope\r\n\r\n"]);
      ok(received.startsWith("HTTP/1.1 400 Bad Request"), received);
      ok(received.includes('{"error":"bad_request"'));
      equal((await call(`${server.url}/ipfs/nonsense`)).status, 400);
    });

    it("rate-limits uploads per uploader and per IP with 429 and Retry-After", async function () {
      const limited = await start({
        root: await tempRoot(),
        rateLimit: { perUploader: { burst: 2, perMinute: 1 }, perIp: { burst: 5, perMinute: 1 } },
      });
      equal((await uploadDocument(limited.url, newDocument(), alice)).status, "created");
      equal((await uploadDocument(limited.url, newDocument(), alice)).status, "created");
      const bytes = newDocument();
      const digest = documentDigest(bytes);
      const refused = await call(at(digestToCid(digest), limited), { method: "PUT", headers: await signed(alice, digest), body: bytes });
      isError(refused, 429, "rate_limited");
      ok(Number(refused.headers.get("retry-after")) >= 1);
      ok(refused.json.message?.includes(alice.address));
      // Bob has his own bucket; the IP's bucket (5) runs out after his two.
      equal((await uploadDocument(limited.url, newDocument(), bob)).status, "created");
      equal((await uploadDocument(limited.url, newDocument(), bob)).status, "created");
      const byIp = await call(at(digestToCid(digest), limited), { method: "PUT", headers: await signed(bob, digest), body: bytes });
      isError(byIp, 429, "rate_limited");
      ok(byIp.json.message?.includes("127.0.0.1"));
      // Reads are not limited.
      equal((await call(at(digestToCid(documentDigest(newDocument())), limited))).status, 404);
    });
  });

  // ===== DURABILITY AND INTEGRITY =====

  describe("durability and integrity", function () {
    it("serves a document after a restart on the same folder", async function () {
      const bytes = newDocument();
      const { cid } = await uploadDocument(server.url, bytes, alice);
      await server.close();
      servers.splice(servers.indexOf(server), 1);
      const restarted = await start();
      const got = await call(at(cid, restarted), { headers: { accept: RAW_BLOCK_TYPE } });
      equal(got.status, 200);
      deepStrictEqual(got.bytes, bytes);
    });

    it("takes concurrent uploads of the same file: all succeed, one creates it, one intact copy and record remain", async function () {
      const bytes = newDocument(MAX);
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => uploadDocument(server.url, bytes, i % 2 ? bob : alice)));
      equal(answers.filter((a) => a.status === "created").length, 1);
      equal(answers.filter((a) => a.status === "exists").length, 7);
      const uploaders = new Set(answers.map((a) => a.record.uploader));
      equal(uploaders.size, 1, "every answer names the one recorded uploader");
      equal((await storedFiles()).length, 2);
      deepStrictEqual(await readdir(path.join(root, ".tmp")), []);
      deepStrictEqual((await call(at(answers[0].cid), { headers: { accept: RAW_BLOCK_TYPE } })).bytes, bytes);
    });

    it("refuses to serve a file altered on disk (500 corrupt_document, never its bytes), and a new upload repairs it", async function () {
      const bytes = newDocument(2000);
      const digest = documentDigest(bytes);
      const { cid } = await uploadDocument(server.url, bytes, alice);
      const file = (await FolderDocumentStore.open(root)).paths(digest).file;
      const altered = bytes.slice();
      altered[1999] ^= 0xff;
      await writeFile(file, altered);

      for (const method of ["GET", "HEAD"]) {
        const answer = await call(at(cid), { method, headers: { accept: RAW_BLOCK_TYPE } });
        equal(answer.status, 500);
        equal(answer.headers.get("content-type"), "application/json");
        if (method === "GET") equal(answer.json.error, "corrupt_document");
      }
      const gateway = new IpfsGatewayStore(server.url);
      await rejects(gateway.get(digest), (e: unknown) => e instanceof DocumentStoreError && e.code === "upstream_error");

      const repaired = await uploadDocument(server.url, bytes, bob);
      equal(repaired.status, "created");
      equal(repaired.record.uploader, alice.address, "the record of the first upload is kept");
      deepStrictEqual((await call(at(cid), { headers: { accept: RAW_BLOCK_TYPE } })).bytes, bytes);
    });

    it("removes temporary files left by a crash when the store opens, and keeps recent ones", async function () {
      const tmp = path.join(root, ".tmp");
      await writeFile(path.join(tmp, "old.partial"), "half a file");
      await writeFile(path.join(tmp, "new.partial"), "being written");
      const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
      await utimes(path.join(tmp, "old.partial"), twoHoursAgo, twoHoursAgo);
      await FolderDocumentStore.open(root);
      deepStrictEqual(await readdir(tmp), ["new.partial"]);
      ok((await stat(path.join(tmp, "new.partial"))).isFile());
    });
  });

  // ===== IPFS GATEWAY STORE =====

  describe("IpfsGatewayStore (read-only, verifying)", function () {
    it("reads through the gateway protocol from this store, and answers has/get for unknown documents", async function () {
      const bytes = newDocument();
      const digest = documentDigest(bytes);
      await uploadDocument(server.url, bytes, alice);
      const gateway = new IpfsGatewayStore(`${server.url}/`);
      equal(await gateway.has(digest), true);
      deepStrictEqual(await gateway.get(digest), bytes);
      const unknown = documentDigest(newDocument());
      equal(await gateway.has(unknown), false);
      equal(await gateway.get(unknown), undefined);
      await rejects(gateway.put(), (e: unknown) => e instanceof DocumentStoreError && e.code === "read_only");
    });

    it("refuses bytes from a gateway that do not hash to the digest, and asks a UnixFS root as a file", async function () {
      const bytes = newDocument();
      const digest = documentDigest(bytes);
      const requests: { url: string; accept: string | null }[] = [];
      const lying: typeof fetch = async (input, init) => {
        requests.push({ url: String(input), accept: new Headers(init?.headers).get("accept") });
        return new Response(bytesOf("not the document"), { status: 200 });
      };
      const gateway = new IpfsGatewayStore("http://gateway.invalid", { fetch: lying });
      await rejects(gateway.get(digest), (e: unknown) => e instanceof DocumentStoreError && e.code === "corrupt_document");
      // (A copy: deepStrictEqual is an assertion function and would narrow `requests` to the literal type.)
      deepStrictEqual([...requests], [{ url: `http://gateway.invalid/ipfs/${digestToCid(digest)}`, accept: RAW_BLOCK_TYPE }]);

      const root = "bafybeigdyrzt5sfp7udm7hvbja3semh43eod7nqae2sm3jetgq2k4xj47u";
      const honest: typeof fetch = async (input, init) => {
        requests.push({ url: String(input), accept: new Headers(init?.headers).get("accept") });
        return new Response(bytes, { status: 200 });
      };
      const unixfs = new IpfsGatewayStore("http://gateway.invalid", { fetch: honest, unixfsRoot: (d) => (d === digest ? root : undefined) });
      deepStrictEqual(await unixfs.get(digest), bytes);
      deepStrictEqual(requests[1], { url: `http://gateway.invalid/ipfs/${root}`, accept: null });

      const tooBig = new IpfsGatewayStore("http://gateway.invalid", { fetch: honest, maxBytes: 10 });
      await rejects(tooBig.get(digest), (e: unknown) => e instanceof DocumentStoreError && e.code === "too_large");
    });
  });
});

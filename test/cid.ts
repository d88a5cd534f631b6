import { deepStrictEqual, equal, throws } from "node:assert/strict";

import { base36 } from "multiformats/bases/base36";
import { base58btc } from "multiformats/bases/base58";
import { CID } from "multiformats/cid";
import { create as createMultihash } from "multiformats/hashes/digest";

import { canonicalCid, CidError, cidToDigest, digestToCid, toDigest, verifyDocument } from "../lib/cid.js";
import { documentContentType, documentUploadMessage } from "../lib/documents.js";
import { documentDigest, fromHex } from "../lib/hashing.js";

// SHA-256("hello"), as `printf hello | sha256sum` prints it.
const HELLO = "0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

/** RFC 4648 base32, lower case, no padding: an implementation independent of multiformats. */
function base32(bytes: Uint8Array): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

function refusedWith(code: CidError["code"]) {
  return (error: unknown) => error instanceof CidError && error.code === code;
}

describe("lib/cid", function () {
  it("digestToCid gives the CIDv1 raw sha2-256 of the digest: 0x01 0x55 0x12 0x20 ‖ digest in base32, 'bafkrei…'", function () {
    const cid = digestToCid(HELLO);
    const expected = `b${base32(Uint8Array.of(0x01, 0x55, 0x12, 0x20, ...fromHex(HELLO)))}`;
    equal(cid, expected);
    equal(cid, "bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq");
    equal(digestToCid(HELLO.slice(2).toUpperCase()), cid, "bare and upper-case hex name the same document");
    equal(digestToCid(`${HELLO.slice(2)}  hello.txt`), cid, "sha256sum output is accepted");
  });

  it("cidToDigest inverts digestToCid, and reads the same CID in base58btc and base36", function () {
    const cid = CID.parse(digestToCid(HELLO));
    equal(cidToDigest(cid.toString()), HELLO);
    equal(cidToDigest(cid.toString(base58btc)), HELLO);
    equal(cidToDigest(cid.toString(base36)), HELLO);
    equal(canonicalCid(cid.toString(base58btc)), cid.toString());
    equal(toDigest(cid.toString()), HELLO);
    equal(toDigest(HELLO.slice(2)), HELLO);
  });

  it("cidToDigest refuses strings that are not CIDs with malformed_cid", function () {
    for (const text of ["", "hello", "bafkrei", "BAFKREIBM6JG3UX5QUMHCN2B3FLC3TYU6DMLB4XA7U5BF44YEGNRJHC4YEQ", `${digestToCid(HELLO)}x`, "0x1234", "b!!!!"]) {
      throws(() => cidToDigest(text), refusedWith("malformed_cid"), JSON.stringify(text));
    }
  });

  it("cidToDigest refuses valid CIDs of another kind with unsupported_cid: CIDv0, dag-pb, dag-cbor, another hash, a truncated digest", function () {
    const sha = fromHex(HELLO);
    const cases: [string, RegExp][] = [
      ["QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", /CIDv0/],
      [CID.create(1, 0x70, createMultihash(0x12, sha)).toString(), /codec 0x70/],
      [CID.create(1, 0x71, createMultihash(0x12, sha)).toString(), /codec 0x71/],
      [CID.create(1, 0x55, createMultihash(0x13, new Uint8Array(64))).toString(), /hash function 0x13/],
      [CID.create(1, 0x55, createMultihash(0x00, sha)).toString(), /hash function 0x0/],
      [CID.create(1, 0x55, createMultihash(0x12, sha.subarray(0, 20))).toString(), /truncated/],
    ];
    for (const [cid, message] of cases) {
      throws(() => cidToDigest(cid), (error: unknown) => refusedWith("unsupported_cid")(error) && message.test((error as Error).message), cid);
    }
  });

  it("verifyDocument says match for the document's bytes and mismatch, with both digests, for any other bytes", function () {
    const bytes = new TextEncoder().encode("hello");
    deepStrictEqual(verifyDocument(bytes, HELLO), { match: true, digest: HELLO, size: 5 });
    deepStrictEqual(verifyDocument(bytes, digestToCid(HELLO)), { match: true, digest: HELLO, size: 5 });
    const other = new TextEncoder().encode("hellO");
    deepStrictEqual(verifyDocument(other, HELLO), { match: false, digest: documentDigest(other), expected: HELLO, size: 5 });
    throws(() => verifyDocument(bytes, "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"), refusedWith("unsupported_cid"));
  });
});

describe("lib/documents", function () {
  it("documentUploadMessage is the fixed two-line text the uploader signs, naming the digest in lower-case hex", function () {
    equal(documentUploadMessage(HELLO), `govchain document upload\nsha256:${HELLO.slice(2)}`);
    equal(documentUploadMessage(HELLO.toUpperCase().replace("0X", "0x")), documentUploadMessage(HELLO));
    throws(() => documentUploadMessage("0x1234"), /not a SHA-256 digest/);
  });

  it("documentContentType recognises PDF, PNG, JPEG, ZIP, JSON and text from the bytes, and never says HTML", function () {
    const text = (s: string) => new TextEncoder().encode(s);
    equal(documentContentType(text("%PDF-1.7\n…")), "application/pdf");
    equal(documentContentType(Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)), "image/png");
    equal(documentContentType(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0)), "image/jpeg");
    equal(documentContentType(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0)), "application/zip");
    equal(documentContentType(text(' {"title": {"zh": "采购", "en": "Procurement"}}')), "application/json; charset=utf-8");
    equal(documentContentType(text("{ not json")), "text/plain; charset=utf-8");
    equal(documentContentType(text("<!doctype html><script>alert(1)</script>")), "text/plain; charset=utf-8");
    equal(documentContentType(text("<svg xmlns='http://www.w3.org/2000/svg'/>")), "text/plain; charset=utf-8");
    equal(documentContentType(text("")), "text/plain; charset=utf-8");
    equal(documentContentType(Uint8Array.of(0xc3, 0x28)), "application/octet-stream", "invalid UTF-8");
    equal(documentContentType(Uint8Array.of(0x41, 0x00, 0x42)), "application/octet-stream", "NUL byte");
  });
});

/**
 * IPFS addressing of the documents whose SHA-256 the chain records. A document's identifier is the
 * CIDv1 with the raw codec (0x55) and a sha2-256 multihash of that very digest, so the CID and the
 * on-chain digest are two spellings of one value: `bafkrei…` in base32 ⇄ `0x…` in hex.
 *
 * Pure: bundles for the browser (multiformats and @noble/hashes only), so the dApp, the scripts and the
 * document store all compute the same identifiers and checks.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { CID } from "multiformats/cid";
import { create as createMultihash } from "multiformats/hashes/digest";

import { fromHex, type Hex, parseDigest, toHex } from "./hashing.js";

/** Multicodec of a raw block: the CID names the file's bytes themselves, not a UnixFS/DAG node. */
export const RAW_CODEC = 0x55;
/** Multihash code of SHA-256. */
export const SHA2_256 = 0x12;

export type CidErrorCode = "malformed_cid" | "unsupported_cid";

/**
 * Why a string is not a document identifier: `malformed_cid` when it is not a CID at all,
 * `unsupported_cid` when it is a valid CID of another kind (CIDv0, dag-pb, another hash…).
 */
export class CidError extends Error {
  constructor(
    readonly code: CidErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "CidError";
  }
}

/** The document identifier (CIDv1, raw, sha2-256, base32 `bafkrei…`) of a SHA-256 digest given as hex. */
export function digestToCid(digest: string): string {
  const bytes = fromHex(parseDigest(digest));
  return CID.create(1, RAW_CODEC, createMultihash(SHA2_256, bytes)).toString();
}

/**
 * The SHA-256 digest (0x-hex) a document identifier names. Accepts any multibase the CID library reads
 * by default (base32, base36, base58btc); refuses anything that is not a CIDv1 raw sha2-256 of 32 bytes.
 */
export function cidToDigest(text: string): Hex {
  let cid: CID;
  try {
    cid = CID.parse(text);
  } catch {
    throw new CidError("malformed_cid", `not a CID: ${JSON.stringify(text.slice(0, 100))}`);
  }
  if (cid.version !== 1) {
    throw new CidError("unsupported_cid", `CIDv${cid.version} is not a document identifier: expected a CIDv1 (bafkrei…)`);
  }
  if (cid.code !== RAW_CODEC) {
    throw new CidError(
      "unsupported_cid",
      `codec 0x${cid.code.toString(16)} is not supported: a document identifier uses the raw codec (0x55)`,
    );
  }
  if (cid.multihash.code !== SHA2_256) {
    throw new CidError(
      "unsupported_cid",
      `hash function 0x${cid.multihash.code.toString(16)} is not supported: a document identifier uses sha2-256 (0x12)`,
    );
  }
  if (cid.multihash.digest.length !== 32) {
    throw new CidError("unsupported_cid", `a truncated sha2-256 digest (${cid.multihash.digest.length} bytes) is not supported`);
  }
  return toHex(cid.multihash.digest);
}

/** The same CID in its canonical spelling (base32), e.g. for a CID a user pasted in base58btc. */
export function canonicalCid(text: string): string {
  return digestToCid(cidToDigest(text));
}

/** A digest from either spelling: 0x-hex (or bare hex) or a document CID. */
export function toDigest(digestOrCid: string): Hex {
  return /^(0x)?[0-9a-fA-F]{64}$/.test(digestOrCid) ? parseDigest(digestOrCid) : cidToDigest(digestOrCid);
}

export type DocumentCheck =
  | { match: true; digest: Hex; size: number }
  | { match: false; digest: Hex; expected: Hex; size: number };

/**
 * Checks a copy of a document against the digest the chain records (0x-hex, bare hex or a CID): never
 * trust bytes from a store, a gateway or a peer before this says `match`.
 * Computes SHA-256 with @noble/hashes, so it runs the same in Node and in the browser.
 */
export function verifyDocument(bytes: Uint8Array, expectedDigest: string): DocumentCheck {
  const expected = toDigest(expectedDigest);
  const digest = toHex(sha256(bytes));
  return digest === expected
    ? { match: true, digest, size: bytes.length }
    : { match: false, digest, expected, size: bytes.length };
}

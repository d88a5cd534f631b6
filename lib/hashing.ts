/**
 * Hashing shared by scripts, tests and the dApp: document digests and holder commitments.
 * Pure (no Node or browser APIs beyond Web Crypto's getRandomValues), so both sides compute the same.
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { keccak_256 } from "@noble/hashes/sha3.js";
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

export type Hex = `0x${string}`;

const HOLDER_DOMAIN = utf8ToBytes("govchain:holder:v1");

export function toHex(bytes: Uint8Array): Hex {
  return `0x${bytesToHex(bytes)}`;
}

export function fromHex(hex: string): Uint8Array {
  return hexToBytes(hex.startsWith("0x") ? hex.slice(2) : hex);
}

/**
 * The document digest a certificate is identified by: SHA-256 of the file's bytes, exactly what
 * `sha256sum FILE` prints (as 0x-prefixed hex).
 */
export function documentDigest(file: Uint8Array | string): Hex {
  return toHex(sha256(typeof file === "string" ? utf8ToBytes(file) : file));
}

/** Turns `sha256sum` output ("<64 hex>  name") or a bare hex digest into a 0x-prefixed digest. */
export function parseDigest(text: string): Hex {
  const match = /^(?:0x)?([0-9a-fA-F]{64})\b/.exec(text.trim());
  if (match === null) throw new Error(`not a SHA-256 digest: ${JSON.stringify(text.slice(0, 80))}`);
  return `0x${match[1].toLowerCase()}`;
}

/** A fresh 32-byte salt for a holder commitment. */
export function randomSalt(): Hex {
  const salt = new Uint8Array(32);
  globalThis.crypto.getRandomValues(salt);
  return toHex(salt);
}

/**
 * The holder commitment stored on chain instead of personal data:
 * keccak256("govchain:holder:v1" ‖ salt ‖ utf8(holderId)). The holder keeps the salt and shows it, with
 * their identifier (e.g. an ID-card number), only to whoever needs to check that the certificate is theirs.
 */
export function holderCommitment(holderId: string, salt: Hex): Hex {
  const saltBytes = fromHex(salt);
  if (saltBytes.length !== 32) throw new Error("holder commitment salt must be 32 bytes");
  if (holderId.length === 0) throw new Error("holder identifier must not be empty");
  return toHex(keccak_256(concatBytes(HOLDER_DOMAIN, saltBytes, utf8ToBytes(holderId))));
}

/** A bytes32 label (category, purpose, reference): UTF-8, right-padded, at most 31 bytes like ethers' encodeBytes32String. */
export function label32(text: string): Hex {
  const bytes = utf8ToBytes(text);
  if (bytes.length > 31) throw new Error(`label longer than 31 bytes: ${text}`);
  const out = new Uint8Array(32);
  out.set(bytes);
  return toHex(out);
}

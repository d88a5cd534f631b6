/**
 * W3C Bitstring Status List (v1.0) for certificate types. The registry keeps, per certificate type, one
 * revocation and one suspension bitmap laid out exactly as the spec's bitstring (index 0 = most
 * significant bit of the first byte), so the list is the big-endian bytes of the on-chain words.
 * encodedList = multibase base64url (prefix "u", no padding) of the GZIP-compressed bitstring.
 * Browser-safe (fflate for GZIP, multiformats for multibase): the portal checks status lists too. The
 * file paths `npm run status-list` writes are in lib/node/statusListFiles.ts.
 */
import { gunzipSync, gzipSync } from "fflate";
import { base64url } from "multiformats/bases/base64";

import { fromHex, type Hex } from "./hashing.js";

/** The spec's minimum list length (16 KiB), for herd privacy. */
export const MIN_STATUS_LIST_ENTRIES = 131_072;
const WORD_BITS = 256;
const WORDS_PER_READ = 512;

export type StatusPurpose = "revocation" | "suspension";
export const STATUS_PURPOSE_CODE: Record<StatusPurpose, number> = { revocation: 0, suspension: 1 };

/** Bytes of the list for `entries` bits: at least the spec minimum, rounded up to whole 256-bit words. */
export function statusListLength(entries: number): number {
  const bits = Math.max(MIN_STATUS_LIST_ENTRIES, Math.ceil(entries / WORD_BITS) * WORD_BITS);
  return bits / 8;
}

export function encodeStatusList(bitstring: Uint8Array): string {
  // base64url.encode returns the multibase form: "u" + unpadded base64url.
  return base64url.encode(gzipSync(bitstring));
}

export function decodeStatusList(encodedList: string): Uint8Array {
  if (!encodedList.startsWith("u")) throw new Error("encodedList must be multibase base64url (prefix 'u')");
  return gunzipSync(base64url.decode(encodedList));
}

export function getStatusBit(bitstring: Uint8Array, index: number): boolean {
  const byte = bitstring[index >> 3];
  if (byte === undefined) throw new Error(`status index ${index} is outside the list`);
  return ((byte >> (7 - (index & 7))) & 1) === 1;
}

/** What the builder needs from the registry (an ethers contract or a viem wrapper both fit). */
export interface StatusListSource {
  statusWords(typeId: bigint, purpose: number, fromWord: bigint, wordCount: bigint): Promise<readonly bigint[]>;
  certificateType(typeId: bigint): Promise<{ statusEntries: bigint | number }>;
}

/** Reads a type's bitstring for `purpose` from the chain. */
export async function readStatusBitstring(
  source: StatusListSource,
  typeId: bigint,
  purpose: StatusPurpose,
): Promise<Uint8Array> {
  const entries = Number((await source.certificateType(typeId)).statusEntries);
  const length = statusListLength(entries);
  const words = length / 32;
  const out = new Uint8Array(length);
  for (let from = 0; from < words; from += WORDS_PER_READ) {
    const count = Math.min(WORDS_PER_READ, words - from);
    const chunk = await source.statusWords(typeId, STATUS_PURPOSE_CODE[purpose], BigInt(from), BigInt(count));
    chunk.forEach((word, i) => out.set(fromHex(word.toString(16).padStart(64, "0")), (from + i) * 32));
  }
  return out;
}

export interface StatusListCredentialOptions {
  /** The URL the credential will be published at (each certificate's statusListCredential). */
  readonly id: string;
  /** The issuer's identifier, e.g. did:pkh:eip155:<chainId>:<registry address>. */
  readonly issuer: string;
  readonly purpose: StatusPurpose;
  readonly encodedList: string;
  readonly validFrom: Date;
}

/** The BitstringStatusListCredential document (unsigned: the chain is its source of truth). */
export function statusListCredential(o: StatusListCredentialOptions) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    id: o.id,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: o.issuer,
    validFrom: o.validFrom.toISOString(),
    credentialSubject: {
      id: `${o.id}#list`,
      type: "BitstringStatusList",
      statusPurpose: o.purpose,
      encodedList: o.encodedList,
    },
  };
}

/** The credentialStatus entry a certificate's credential carries for one purpose. */
export function statusListEntry(listUrl: string, purpose: StatusPurpose, index: number) {
  return {
    id: `${listUrl}#${index}`,
    type: "BitstringStatusListEntry",
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listUrl,
  };
}

/**
 * Certificate-type codes follow the department code rules: 2 to 16 characters of A-Z, 0-9, '-' and '_'.
 * The registry refuses any other code (CertificateInvalidTypeCode); the code names the status-list files
 * and URLs, so tools check it again before using one.
 */
export const TYPE_CODE_PATTERN = /^[A-Z0-9_-]{2,16}$/;

export function isValidTypeCode(code: string): boolean {
  return TYPE_CODE_PATTERN.test(code);
}

export type { Hex };

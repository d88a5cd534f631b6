/**
 * The document digest a certificate is identified by (SHA-256 of the file's bytes), computed in the
 * reader's browser, and the digests a reader may paste. Nothing leaves the browser.
 */
import { toDigest } from "@lib/cid.js";
import type { Hex } from "viem";

/** SHA-256 of a file's bytes with Web Crypto (a 10 MB file takes a few milliseconds), as 0x-hex. */
export async function sha256OfFile(file: Blob): Promise<Hex> {
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
  return `0x${Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}

/** Why a pasted text is not a digest. */
export class DigestInputError extends Error {
  constructor(readonly code: "empty" | "malformed") {
    super(code === "empty" ? "no digest given" : "not a SHA-256 digest or a document CID");
    this.name = "DigestInputError";
  }
}

/**
 * A pasted digest in any of the spellings a citizen may have: 0x-hex, bare hex, a `sha256sum` line
 * ("<64 hex>  file") or the document's CID (bafkrei…). Always lower-case 0x-hex.
 */
export function parseDigestInput(text: string): Hex {
  const trimmed = text.trim();
  if (trimmed === "") throw new DigestInputError("empty");
  const sha256sumLine = /^(?:0x)?([0-9a-fA-F]{64})(?:\s+\*?\S.*)?$/.exec(trimmed);
  if (sha256sumLine !== null) return `0x${sha256sumLine[1].toLowerCase()}`;
  try {
    return toDigest(trimmed);
  } catch {
    throw new DigestInputError("malformed");
  }
}

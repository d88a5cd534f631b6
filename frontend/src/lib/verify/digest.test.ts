import { digestToCid } from "@lib/cid.js";
import { documentDigest } from "@lib/hashing.js";
import { describe, expect, it } from "vitest";

import { DigestInputError, parseDigestInput, sha256OfFile } from "./digest";

const HELLO = "0x2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"; // sha256("hello")

describe("a file's digest", () => {
  it("is the SHA-256 of its bytes, what sha256sum (and lib/hashing.ts) computes", async () => {
    expect(await sha256OfFile(new Blob(["hello"]))).toBe(HELLO);
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
    expect(await sha256OfFile(new Blob([bytes]))).toBe(documentDigest(bytes));
  });

  it("of an empty file is the empty string's SHA-256", async () => {
    expect(await sha256OfFile(new Blob([]))).toBe("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("a pasted digest", () => {
  it("is read in every spelling a citizen may have, as lower-case 0x-hex", () => {
    expect(parseDigestInput(HELLO)).toBe(HELLO);
    expect(parseDigestInput(`  ${HELLO.slice(2).toUpperCase()}\n`)).toBe(HELLO);
    expect(parseDigestInput(`${HELLO.slice(2)}  证书.pdf`)).toBe(HELLO);
    expect(parseDigestInput(`${HELLO.slice(2)} *certificate.pdf`)).toBe(HELLO);
    expect(parseDigestInput(digestToCid(HELLO))).toBe(HELLO);
  });

  it("names what is wrong with anything else", () => {
    for (const text of ["0x1234", "hello", `${HELLO}00`, "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi"]) {
      expect(() => parseDigestInput(text)).toThrow(new DigestInputError("malformed"));
    }
    expect(() => parseDigestInput("   ")).toThrow(new DigestInputError("empty"));
  });
});

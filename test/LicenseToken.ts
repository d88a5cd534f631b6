import { expect } from "chai";
import { network } from "hardhat";

import { documentDigest, label32, type Hex } from "../lib/hashing.js";
import { formatLicenseNumber } from "../lib/licensing.js";
import { deployLicensing } from "./helpers/licensing.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const HOUR = 3600n;
const DAY = 24n * HOUR;
const YEAR = 365n * DAY;
const SAMR = 1n;
const TAX = 2n;
const PSB = 3n;
const BL = 1n;
const SUBJECT_TEXT = "91110000MA01ABCD1X";
const SUBJECT = label32(SUBJECT_TEXT);
const DATA_URI_PREFIX = "data:application/json;base64,";

let documentCounter = 0;
function docs(n = 2): Hex[] {
  return Array.from({ length: n }, () => {
    documentCounter += 1;
    return documentDigest(`licence token document ${documentCounter}`);
  });
}

function cstYear(timestamp: bigint): number {
  return new Date(Number(timestamp + 8n * HOUR) * 1000).getUTCFullYear();
}

/** Licence 1 (type BL, issued by SAMR after SAMR, TAX and PSB approved) held by `holder`, as token 1. */
async function issuedFixture() {
  const f = await deployLicensing(connection, 3);
  const [samr, tax, psb] = f.departments;
  const [holder, other] = f.spare;
  await f.licenses.registerLicenseType("BL", "营业执照", SAMR, [SAMR, TAX, PSB], YEAR, true, [SAMR]);
  const documents = docs();
  await f.licenses.connect(holder).submit(BL, SUBJECT, documents);
  await f.licenses.connect(samr.official).approve(1, ethers.ZeroHash);
  await f.licenses.connect(tax.official).approve(1, ethers.ZeroHash);
  const issuedAt = BigInt(await time.latest()) + 60n;
  await time.setNextBlockTimestamp(issuedAt);
  await f.licenses.connect(psb.official).approve(1, ethers.ZeroHash);
  const number = formatLicenseNumber("BL", cstYear(issuedAt), 1);
  return { ...f, samr, tax, psb, holder, other, documents, issuedAt, validUntil: issuedAt + YEAR, number };
}

interface Metadata {
  name: string;
  description: string;
  attributes: { trait_type: string; value: string | number; display_type?: string }[];
}

/** tokenURI decoded: the raw JSON text and its parsed value. */
async function metadata(token: { tokenURI(id: bigint): Promise<string> }, tokenId: bigint) {
  const uri = await token.tokenURI(tokenId);
  expect(uri.startsWith(DATA_URI_PREFIX)).to.equal(true);
  const text = Buffer.from(uri.slice(DATA_URI_PREFIX.length), "base64").toString("utf8");
  return { text, json: JSON.parse(text) as Metadata };
}

function attribute(m: Metadata, trait: string) {
  const found = m.attributes.filter((a) => a.trait_type === trait);
  expect(found, `attribute ${trait}`).to.have.length(1);
  return found[0];
}

describe("LicenseToken", function () {
  describe("minting", function () {
    it("the registry mints the licence as token id = licence id, with Transfer and Locked", async function () {
      const f = await loadFixture(issuedFixture);
      const { licenses, licenseToken, holder, other, samr, tax, psb } = f;
      expect(await licenseToken.name()).to.equal("govchain licence");
      expect(await licenseToken.symbol()).to.equal("LICENCE");
      expect(await licenseToken.registry()).to.equal(await licenses.getAddress());
      expect(await licenseToken.ownerOf(1)).to.equal(holder.address);
      expect(await licenseToken.balanceOf(holder.address)).to.equal(1n);
      expect(await licenseToken.locked(1)).to.equal(true);

      await licenses.connect(other).submit(BL, label32("91310000MA1FL8XQ3K"), docs());
      await licenses.connect(samr.official).approve(2, ethers.ZeroHash);
      await licenses.connect(tax.official).approve(2, ethers.ZeroHash);
      const tx = licenses.connect(psb.official).approve(2, ethers.ZeroHash);
      await expect(tx).to.emit(licenseToken, "Transfer").withArgs(ethers.ZeroAddress, other.address, 2n);
      await expect(tx).to.emit(licenseToken, "Locked").withArgs(2n);
      expect(await licenseToken.ownerOf(2)).to.equal(other.address);
      expect(await licenseToken.locked(2)).to.equal(true);
      expect(await licenseToken.balanceOf(holder.address)).to.equal(1n);
    });

    it("mint reverts with LicenseTokenOnlyRegistry for anyone but the registry, and changes nothing", async function () {
      const { licenseToken, admin, holder, other, outsider, samr } = await loadFixture(issuedFixture);
      for (const caller of [outsider, holder, admin, samr.official]) {
        await expect(licenseToken.connect(caller).mint(other.address, 2))
          .to.be.revertedWithCustomError(licenseToken, "LicenseTokenOnlyRegistry")
          .withArgs(caller.address);
      }
      await expect(licenseToken.connect(outsider).mint(outsider.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenOnlyRegistry")
        .withArgs(outsider.address);
      expect(await licenseToken.balanceOf(other.address)).to.equal(0n);
      expect(await licenseToken.ownerOf(1)).to.equal(holder.address);
      await expect(licenseToken.ownerOf(2)).to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken").withArgs(2n);
    });

    it("the registry itself can mint a new id but never re-mint (move) an existing one", async function () {
      const { licenses, licenseToken, holder, other } = await loadFixture(issuedFixture);
      const registry = await licenses.getAddress();
      await networkHelpers.impersonateAccount(registry);
      await networkHelpers.setBalance(registry, ethers.parseEther("1"));
      const asRegistry = licenseToken.connect(await ethers.getSigner(registry));
      await expect(asRegistry.mint(other.address, 1)).to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked").withArgs(1n);
      await expect(asRegistry.transferFrom(holder.address, other.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      expect(await licenseToken.ownerOf(1)).to.equal(holder.address);
      const tx = asRegistry.mint(other.address, 42);
      await expect(tx).to.emit(licenseToken, "Transfer").withArgs(ethers.ZeroAddress, other.address, 42n);
      await expect(tx).to.emit(licenseToken, "Locked").withArgs(42n);
      await networkHelpers.stopImpersonatingAccount(registry);
    });
  });

  describe("non-transferable (ERC-5192)", function () {
    it("transferFrom and both safeTransferFrom overloads revert with LicenseTokenLocked; nothing moves", async function () {
      const { licenseToken, holder, other } = await loadFixture(issuedFixture);
      const token = licenseToken.connect(holder);
      await expect(token.transferFrom(holder.address, other.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      await expect(token["safeTransferFrom(address,address,uint256)"](holder.address, other.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      await expect(token["safeTransferFrom(address,address,uint256,bytes)"](holder.address, other.address, 1, "0x1234"))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      // Not even to oneself, and not by a stranger.
      await expect(token.transferFrom(holder.address, holder.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      await expect(licenseToken.connect(other).transferFrom(holder.address, other.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      expect(await licenseToken.ownerOf(1)).to.equal(holder.address);
      expect(await licenseToken.balanceOf(holder.address)).to.equal(1n);
      expect(await licenseToken.balanceOf(other.address)).to.equal(0n);
    });

    it("a transfer of an id that was never minted cannot create it", async function () {
      const { licenseToken, holder, other } = await loadFixture(issuedFixture);
      await expect(licenseToken.connect(holder).transferFrom(holder.address, other.address, 7))
        .to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken")
        .withArgs(7n);
      await expect(licenseToken.ownerOf(7)).to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken").withArgs(7n);
    });

    it("approve and setApprovalForAll revert with LicenseTokenLocked; nobody is ever approved", async function () {
      const { licenseToken, holder, other } = await loadFixture(issuedFixture);
      await expect(licenseToken.connect(holder).approve(other.address, 1))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(1n);
      await expect(licenseToken.connect(holder).approve(other.address, 99))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(99n);
      await expect(licenseToken.connect(holder).setApprovalForAll(other.address, true))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(0n);
      await expect(licenseToken.connect(holder).setApprovalForAll(other.address, false))
        .to.be.revertedWithCustomError(licenseToken, "LicenseTokenLocked")
        .withArgs(0n);
      expect(await licenseToken.getApproved(1)).to.equal(ethers.ZeroAddress);
      expect(await licenseToken.isApprovedForAll(holder.address, other.address)).to.equal(false);
    });

    it("locked is true for every minted token and reverts with ERC721NonexistentToken for unknown ids", async function () {
      const { licenseToken } = await loadFixture(issuedFixture);
      expect(await licenseToken.locked(1)).to.equal(true);
      await expect(licenseToken.locked(2)).to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken").withArgs(2n);
      await expect(licenseToken.locked(0)).to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken").withArgs(0n);
    });

    it("stays locked and owned through suspension and revocation", async function () {
      const { licenses, licenseToken, holder, samr } = await loadFixture(issuedFixture);
      await licenses.connect(samr.official).suspend(1, 1);
      expect(await licenseToken.locked(1)).to.equal(true);
      await licenses.connect(samr.official).revoke(1, 1);
      expect(await licenseToken.locked(1)).to.equal(true);
      expect(await licenseToken.ownerOf(1)).to.equal(holder.address);
    });
  });

  describe("supportsInterface", function () {
    it("supports ERC-165, ERC-721, ERC-721 metadata and ERC-5192, and nothing else", async function () {
      const { licenseToken } = await loadFixture(issuedFixture);
      expect(await licenseToken.supportsInterface("0x01ffc9a7")).to.equal(true);
      expect(await licenseToken.supportsInterface("0x80ac58cd")).to.equal(true);
      expect(await licenseToken.supportsInterface("0x5b5e139f")).to.equal(true);
      // ERC-5192's id is the selector of its only function, locked(uint256).
      expect(ethers.id("locked(uint256)").slice(0, 10)).to.equal("0xb45a3c0e");
      expect(await licenseToken.supportsInterface("0xb45a3c0e")).to.equal(true);
      expect(await licenseToken.supportsInterface("0xffffffff")).to.equal(false);
      // ERC-721 Enumerable is not implemented.
      expect(await licenseToken.supportsInterface("0x780e9d63")).to.equal(false);
    });
  });

  describe("tokenURI", function () {
    it("is a base64 JSON data URI with the type code, number, validity and status 'valid'", async function () {
      const { licenseToken, number, issuedAt, validUntil } = await loadFixture(issuedFixture);
      const { json } = await metadata(licenseToken, 1n);
      expect(json.name).to.equal(`营业执照 ${number}`);
      expect(json.description).to.be.a("string").and.not.equal("");
      expect(attribute(json, "type").value).to.equal("BL");
      expect(attribute(json, "number").value).to.equal(number);
      expect(attribute(json, "issuingDepartment").value).to.equal(Number(SAMR));
      expect(attribute(json, "validFrom")).to.deep.equal({ trait_type: "validFrom", display_type: "date", value: Number(issuedAt) });
      expect(attribute(json, "validUntil")).to.deep.equal({ trait_type: "validUntil", display_type: "date", value: Number(validUntil) });
      expect(attribute(json, "status").value).to.equal("valid");
      expect(json.attributes).to.have.length(6);
    });

    it("never contains the holder's address, the subject id or the document digests", async function () {
      const { licenseToken, holder, documents } = await loadFixture(issuedFixture);
      const { text } = await metadata(licenseToken, 1n);
      const lower = text.toLowerCase();
      expect(lower).to.not.include(holder.address.slice(2).toLowerCase());
      expect(lower).to.not.include(SUBJECT.slice(2).toLowerCase());
      expect(text).to.not.include(SUBJECT_TEXT);
      for (const d of documents) expect(lower).to.not.include(d.slice(2).toLowerCase());
    });

    it("follows the licence: suspended, valid again, expired, renewed, revoked", async function () {
      const { licenses, licenseToken, holder, samr, validUntil } = await loadFixture(issuedFixture);
      const status = async () => attribute((await metadata(licenseToken, 1n)).json, "status").value;
      await licenses.connect(samr.official).suspend(1, 3);
      expect(await status()).to.equal("suspended");
      await licenses.connect(samr.official).reinstate(1);
      expect(await status()).to.equal("valid");
      await time.increaseTo(validUntil);
      expect(await status()).to.equal("expired");
      await licenses.connect(holder).submitRenewal(1, docs());
      const renewedAt = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(renewedAt);
      await licenses.connect(samr.official).approve(2, ethers.ZeroHash);
      const renewed = (await metadata(licenseToken, 1n)).json;
      expect(attribute(renewed, "status").value).to.equal("valid");
      expect(attribute(renewed, "validUntil").value).to.equal(Number(renewedAt + YEAR));
      await licenses.connect(samr.official).suspend(1, 3);
      await licenses.connect(samr.official).revoke(1, 4);
      expect(await status()).to.equal("revoked");
      // Revocation outranks expiry.
      await time.increaseTo(renewedAt + YEAR + 1n);
      expect(await status()).to.equal("revoked");
    });

    it("reverts with ERC721NonexistentToken for an unknown id", async function () {
      const { licenseToken } = await loadFixture(issuedFixture);
      await expect(licenseToken.tokenURI(2)).to.be.revertedWithCustomError(licenseToken, "ERC721NonexistentToken").withArgs(2n);
    });

    it("escapes a type name with a double quote or backslash, so the JSON still parses", async function () {
      const { licenses, licenseToken, other, samr } = await loadFixture(issuedFixture);
      await licenses.registerLicenseType("QQ", 'Licence "A" \\ B', SAMR, [SAMR], YEAR, false, []);
      await licenses.connect(other).submit(2, SUBJECT, docs());
      await licenses.connect(samr.official).approve(2, ethers.ZeroHash);
      const { json } = await metadata(licenseToken, 2n);
      expect(json.name.startsWith('Licence "A" \\ B ')).to.equal(true);
    });

    it("stays valid JSON for every type name (fuzz): random text with quotes, backslashes, control characters and non-ASCII reads back exactly; arbitrary bytes read back as a UTF-8 decoder reads them", async function () {
      const { licenses, licenseToken, admin, holder, samr } = await loadFixture(issuedFixture);
      const random = mulberry32(FUZZ_SEED);
      const names: { text: string; bytes: Uint8Array }[] = [];
      for (const text of EDGE_NAMES) names.push({ text, bytes: ethers.toUtf8Bytes(text) });
      for (const bytes of EDGE_BYTES) names.push({ text: lenientUtf8(bytes), bytes });
      for (let i = 0; i < FUZZ_RUNS; i++) {
        if (i % 3 === 2) {
          const bytes = randomBytes(random, 1 + Math.floor(random() * 40));
          names.push({ text: lenientUtf8(bytes), bytes });
        } else {
          const text = randomText(random, Math.floor(random() * 40));
          names.push({ text, bytes: ethers.toUtf8Bytes(text) });
        }
      }
      // `registerLicenseType` with the name as raw `bytes`: the ABI encoding of `bytes` and `string` is the
      // same, so any byte sequence reaches the contract, not only what ethers would encode from a string.
      const register = licenses.interface.getFunction("registerLicenseType");
      const coder = ethers.AbiCoder.defaultAbiCoder();
      let licenseId = 1n;
      for (const [i, { text, bytes }] of names.entries()) {
        const code = `F${i}`;
        const args = coder.encode(
          ["string", "bytes", "uint32", "uint32[]", "uint64", "bool", "uint32[]"],
          [code, bytes, SAMR, [SAMR], YEAR, false, []],
        );
        await admin.sendTransaction({ to: await licenses.getAddress(), data: ethers.concat([register.selector, args]) });
        const typeId = await licenses.typeCount();
        await licenses.connect(holder).submit(typeId, SUBJECT, docs(1));
        await licenses.connect(samr.official).approve(await licenses.applicationCount(), ethers.ZeroHash);
        licenseId += 1n;
        const uri = await licenseToken.tokenURI(licenseId);
        const raw = Buffer.from(uri.slice(DATA_URI_PREFIX.length), "base64");
        // Strict: the JSON text is well-formed UTF-8 (RFC 8259), then it parses.
        const json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw)) as Metadata;
        const number = await licenses.licenseNumber(licenseId);
        expect(json.name, `name #${i} ${JSON.stringify(text)}`).to.equal(`${text} ${number}`);
        expect(attribute(json, "type").value).to.equal(code);
        expect(attribute(json, "number").value).to.equal(number);
        expect(json.attributes).to.have.length(6);
      }
    });
  });
});

/** A fixed seed, so a failure reproduces; the runs cover about 200 names. */
const FUZZ_SEED = 0x11c0_2026;
const FUZZ_RUNS = 160;

/** Names that break naive escaping, as text. */
const EDGE_NAMES = [
  "",
  '"',
  "\\",
  '\\"',
  '"\\"\\\\',
  "\u0000",
  "\u0001\u0008\t\n\u000b\f\r\u001f",
  "\u007f",
  "\u0080\u00ff",
  "\u2028\u2029",
  "\ufeffBOM first",
  "\uffff\ufffd",
  "😀 \u{10ffff}",
  "营业执照",
  "</script><script>alert(1)</script>",
  '{"name":"x"}',
  "\\u0041",
];

/** Byte sequences that are not well-formed UTF-8 (overlong, surrogate, above U+10FFFF, cut short, stray). */
const EDGE_BYTES = [
  [0x80],
  [0xbf, 0x41],
  [0xc0, 0x80],
  [0xc1, 0xbf],
  [0xc2],
  [0xc2, 0x41],
  [0xe0, 0x80, 0x80],
  [0xe0, 0xa0],
  [0xe2, 0x82, 0x41],
  [0xed, 0xa0, 0x80],
  [0xed, 0x9f, 0xbf],
  [0xef, 0xbb, 0xbf, 0x41],
  [0xf0, 0x8f, 0xbf, 0xbf],
  [0xf0, 0x9f, 0x98],
  [0xf0, 0x9f, 0x98, 0x22],
  [0xf4, 0x8f, 0xbf, 0xbf],
  [0xf4, 0x90, 0x80, 0x80],
  [0xf5, 0x80, 0x80, 0x80],
  [0xfe, 0xff],
  [0x22, 0xff, 0x5c, 0x00],
].map((b) => Uint8Array.from(b));

/** What a WHATWG UTF-8 decoder reads from `bytes` (one U+FFFD per maximal ill-formed subpart; BOM kept). */
function lenientUtf8(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/** A small seeded PRNG (mulberry32): uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` code points drawn from the troublesome classes: quote, backslash, controls, ASCII, Latin-1,
 * CJK, the BMP's top, astral planes (never a lone surrogate: that is no text). */
function randomText(random: () => number, length: number): string {
  const pools: (() => number)[] = [
    () => 0x22,
    () => 0x5c,
    () => Math.floor(random() * 0x20),
    () => 0x7f,
    () => 0x20 + Math.floor(random() * 0x5f),
    () => 0x80 + Math.floor(random() * 0x780),
    () => 0x4e00 + Math.floor(random() * 0x5200),
    () => 0xe000 + Math.floor(random() * 0x2000),
    () => 0x10000 + Math.floor(random() * 0x100000),
  ];
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCodePoint(pools[Math.floor(random() * pools.length)]());
  return text;
}

function randomBytes(random: () => number, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

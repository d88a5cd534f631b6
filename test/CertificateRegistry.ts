import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";

import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";

import { documentDigest, holderCommitment, parseDigest, randomSalt, type Hex } from "../lib/hashing.js";
import { MAX_BATCH_SIZE, buildBatch, verifyBatchProof, type BatchItem, type BatchProof } from "../lib/merkle.js";
import {
  MIN_STATUS_LIST_ENTRIES,
  decodeStatusList,
  encodeStatusList,
  getStatusBit,
  readStatusBitstring,
  statusListCredential,
} from "../lib/statusList.js";
import { statusListOutputPath } from "../lib/node/statusListFiles.js";
import { officialRole } from "../lib/departments.js";
import { deployRegistries } from "./helpers/registries.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const Status = { Unknown: 0n, Valid: 1n, NotYetValid: 2n, Expired: 3n, Suspended: 4n, Revoked: 5n, Superseded: 6n };
const Purpose = { Revocation: 0, Suspension: 1 };
const YEAR = 365n * 24n * 3600n;
const SAMR = 1n;
const TAX = 2n;

/** Type 1 BIZ (SAMR, 1 year, suspendable, revocable); type 2 DIPLOMA (SAMR and TAX, no expiry, neither). */
async function registryFixture() {
  const f = await deployRegistries(connection, 2);
  await f.certificates.registerType("BIZ", "Business certificate", [SAMR], YEAR, true, true);
  await f.certificates.registerType("DIPLOMA", "Diploma", [SAMR, TAX], 0, false, false);
  const [samr, tax] = f.departments;
  return { ...f, samr, tax };
}

let counter = 0;
function newDocument(): { digest: Hex; holder: Hex } {
  counter += 1;
  return {
    digest: documentDigest(`document ${counter} ${Math.random()}`),
    holder: holderCommitment(`91110000${counter.toString().padStart(10, "0")}`, randomSalt()),
  };
}

function makeItems(n: number): BatchItem[] {
  return Array.from({ length: n }, () => {
    const d = newDocument();
    return { digest: d.digest, holderCommitment: d.holder };
  });
}

/**
 * A Merkle batch of `count` leaves (a power of two) in which only the `known` items are documents and
 * every other leaf is one filler hash. The registry checks proofs with OpenZeppelin's MerkleProof
 * (sorted pairs), which holds in any binary tree, so this tree stands for a full batch of `count`
 * certificates while hashing O(known × depth) nodes instead of 65,536 leaves.
 */
function sparseBatch(count: number, known: Map<number, BatchItem>): { root: Hex; proofs: BatchProof[] } {
  const depth = Math.log2(count);
  if (!Number.isInteger(depth)) throw new Error("sparseBatch needs a power of two");
  const coder = ethers.AbiCoder.defaultAbiCoder();
  const leaf = (index: number, item: BatchItem) =>
    ethers.keccak256(ethers.keccak256(coder.encode(["uint32", "bytes32", "bytes32"], [index, item.digest, item.holderCommitment])));
  const pair = (a: string, b: string) => ethers.keccak256(ethers.concat(BigInt(a) < BigInt(b) ? [a, b] : [b, a]));
  const filler = [ethers.keccak256(ethers.toUtf8Bytes("filler leaf"))];
  for (let h = 1; h <= depth; h += 1) filler.push(pair(filler[h - 1], filler[h - 1]));
  const indexes = [...known.keys()];
  const node = (height: number, position: number): string => {
    const first = position * 2 ** height;
    if (!indexes.some((i) => i >= first && i < first + 2 ** height)) return filler[height];
    if (height === 0) return leaf(position, known.get(position)!);
    return pair(node(height - 1, 2 * position), node(height - 1, 2 * position + 1));
  };
  const proofs = indexes.map((index) => ({
    index,
    ...known.get(index)!,
    proof: Array.from({ length: depth }, (_, h) => node(h, (index >> h) ^ 1) as Hex),
  }));
  return { root: node(depth, 0) as Hex, proofs };
}

/** Where a type's rules word (PackedCertificateType) lives: found by its expected value, so the test does
 * not hard-code the registry's storage layout. */
async function rulesSlot(address: string, typeId: bigint, expected: bigint): Promise<bigint> {
  const coder = ethers.AbiCoder.defaultAbiCoder();
  for (let base = 0n; base < 32n; base += 1n) {
    const slot = BigInt(ethers.keccak256(coder.encode(["uint256", "uint256"], [typeId, base])));
    if (BigInt(await ethers.provider.getStorage(address, slot)) === expected) return slot;
  }
  throw new Error("rules word not found");
}

async function issuedFixture() {
  const f = await registryFixture();
  const doc = newDocument();
  await f.certificates.connect(f.samr.official).issue(1, doc.digest, doc.holder, 0, 0, "ipfs://biz-1");
  return { ...f, doc };
}

describe("CertificateRegistry", function () {
  describe("certificate types", function () {
    it("registers a type and emits CertificateTypeRegistered", async function () {
      const { certificates } = await loadFixture(registryFixture);
      await expect(certificates.registerType("DEGREE", "学位证书", [SAMR, TAX], 10n * YEAR, true, false))
        .to.emit(certificates, "CertificateTypeRegistered")
        .withArgs(3n, "DEGREE", "学位证书", [SAMR, TAX], 10n * YEAR, true, false);
      const t = await certificates.certificateType(3);
      expect([t.id, t.code, t.name, t.defaultValidity, t.suspendable, t.revocable, t.active, t.statusEntries]).to.deep.equal([
        3n,
        "DEGREE",
        "学位证书",
        10n * YEAR,
        true,
        false,
        true,
        0n,
      ]);
      expect(await certificates.typeCount()).to.equal(3n);
      expect(await certificates.canIssue(3, TAX)).to.equal(true);
      expect(await certificates.canIssue(1, TAX)).to.equal(false);
    });

    it("reverts on an empty code, a duplicate code, no issuers or an unknown department", async function () {
      const { certificates } = await loadFixture(registryFixture);
      await expect(certificates.registerType("", "x", [SAMR], 0, true, true)).to.be.revertedWithCustomError(
        certificates,
        "CertificateEmptyTypeCode",
      );
      await expect(certificates.registerType("BIZ", "x", [SAMR], 0, true, true))
        .to.be.revertedWithCustomError(certificates, "CertificateDuplicateTypeCode")
        .withArgs("BIZ", 1n);
      await expect(certificates.registerType("XX", "x", [], 0, true, true)).to.be.revertedWithCustomError(
        certificates,
        "CertificateNoIssuers",
      );
      await expect(certificates.registerType("XX", "x", [SAMR, 3], 0, true, true))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownDepartment")
        .withArgs(3n);
      await expect(certificates.registerType("XX", "x", [0], 0, true, true))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownDepartment")
        .withArgs(0n);
      expect(await certificates.typeCount()).to.equal(2n);
    });

    it("refuses type codes outside the department code rules, 2 to 16 of A-Z 0-9 - _ (CertificateInvalidTypeCode)", async function () {
      const { certificates } = await loadFixture(registryFixture);
      for (const code of ["../../outside", 'A"B', "A\\B", "biz", "B", "ABCDEFGHIJKLMNOPQ", "BIZ/1", "BIZ 1", "BIZ.1", "证照"]) {
        await expect(certificates.registerType(code, "x", [SAMR], 0, true, true))
          .to.be.revertedWithCustomError(certificates, "CertificateInvalidTypeCode")
          .withArgs(code);
      }
      expect(await certificates.typeCount()).to.equal(2n);
      for (const code of ["AB", "ABCDEFGHIJKLMNOP", "Z9-_0"]) {
        await expect(certificates.registerType(code, "x", [SAMR], 0, true, true)).to.emit(certificates, "CertificateTypeRegistered");
      }
      expect(await certificates.typeCount()).to.equal(5n);
    });

    it("reverts for anyone but the platform administrator", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      await expect(certificates.connect(samr.head).registerType("XX", "x", [SAMR], 0, true, true))
        .to.be.revertedWithCustomError(certificates, "AccessManagedUnauthorized")
        .withArgs(samr.head.address);
      await expect(certificates.connect(samr.head).setTypeActive(1, false))
        .to.be.revertedWithCustomError(certificates, "AccessManagedUnauthorized")
        .withArgs(samr.head.address);
      await expect(certificates.connect(samr.head).setTypeIssuer(1, TAX, true))
        .to.be.revertedWithCustomError(certificates, "AccessManagedUnauthorized")
        .withArgs(samr.head.address);
    });

    it("allows and stops issuer departments, with CertificateTypeIssuerSet", async function () {
      const { certificates, tax } = await loadFixture(registryFixture);
      await expect(certificates.setTypeIssuer(1, TAX, true))
        .to.emit(certificates, "CertificateTypeIssuerSet")
        .withArgs(1n, TAX, true);
      const doc = newDocument();
      await certificates.connect(tax.official).issue(1, doc.digest, doc.holder, 0, 0, "");
      await certificates.setTypeIssuer(1, TAX, false);
      const next = newDocument();
      await expect(certificates.connect(tax.official).issue(1, next.digest, next.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateDepartmentNotIssuer")
        .withArgs(1n, TAX);
      await expect(certificates.setTypeIssuer(1, TAX, false))
        .to.be.revertedWithCustomError(certificates, "CertificateTypeIssuerUnchanged")
        .withArgs(1n, TAX, false);
      await expect(certificates.setTypeIssuer(9, TAX, true))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownType")
        .withArgs(9n);
      await expect(certificates.setTypeIssuer(1, 7, true))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownDepartment")
        .withArgs(7n);
    });

    it("closes and reopens a type for new issues, with CertificateTypeActiveSet", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      await expect(certificates.setTypeActive(1, false)).to.emit(certificates, "CertificateTypeActiveSet").withArgs(1n, false);
      const doc = newDocument();
      await expect(certificates.connect(samr.official).issue(1, doc.digest, doc.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateTypeInactive")
        .withArgs(1n);
      await expect(certificates.setTypeActive(1, false))
        .to.be.revertedWithCustomError(certificates, "CertificateTypeStatusUnchanged")
        .withArgs(1n, false);
      await certificates.setTypeActive(1, true);
      await expect(certificates.connect(samr.official).issue(1, doc.digest, doc.holder, 0, 0, "")).to.emit(
        certificates,
        "CertificateIssued",
      );
      await expect(certificates.certificateType(5))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownType")
        .withArgs(5n);
    });
  });

  describe("issue", function () {
    it("an official issues a certificate; CertificateIssued carries everything; verify says Valid", async function () {
      const { certificates, directory, samr } = await loadFixture(registryFixture);
      const doc = newDocument();
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const tx = certificates.connect(samr.official).issue(1, doc.digest, doc.holder, 0, 0, "ipfs://doc");
      const now = at;
      await expect(tx)
        .to.emit(certificates, "CertificateIssued")
        .withArgs(doc.digest, 1n, SAMR, samr.official.address, doc.holder, now, now + YEAR, 0n, "ipfs://doc");
      const v = await certificates.verify(doc.digest);
      expect(v.status).to.equal(Status.Valid);
      expect([v.typeId, v.departmentId, v.issuedAt, v.validFrom, v.validUntil, v.statusIndex]).to.deep.equal([
        1n,
        SAMR,
        now,
        now,
        now + YEAR,
        0n,
      ]);
      expect(v.holderCommitment).to.equal(doc.holder);
      expect([v.supersedes, v.supersededBy]).to.deep.equal([ethers.ZeroHash, ethers.ZeroHash]);
      expect(await directory.wasOfficialAt(SAMR, samr.official.address, now)).to.equal(true);
      expect((await certificates.certificateType(1)).statusEntries).to.equal(1n);
    });

    it("the digest is what sha256sum prints for the file", async function () {
      const dir = mkdtempSync(join(tmpdir(), "govchain-"));
      const file = join(dir, "diploma.pdf");
      const bytes = new Uint8Array(4096).map((_, i) => (i * 31) % 256);
      writeFileSync(file, bytes);
      const printed = execFileSync("sha256sum", [file], { encoding: "utf8" });
      expect(parseDigest(printed)).to.equal(documentDigest(bytes));
    });

    it("uses no expiry for a type without default validity, and explicit windows as given", async function () {
      const { certificates, tax } = await loadFixture(registryFixture);
      const doc = newDocument();
      await certificates.connect(tax.official).issue(2, doc.digest, doc.holder, 0, 0, "");
      expect((await certificates.verify(doc.digest)).validUntil).to.equal(0n);
      const start = BigInt(await time.latest()) + 1000n;
      const windowed = newDocument();
      await certificates.connect(tax.official).issue(2, windowed.digest, windowed.holder, start, start + 10n, "");
      expect((await certificates.verify(windowed.digest)).status).to.equal(Status.NotYetValid);
      await time.increaseTo(start - 1n);
      expect((await certificates.verify(windowed.digest)).status).to.equal(Status.NotYetValid);
      await time.increaseTo(start);
      expect((await certificates.verify(windowed.digest)).status).to.equal(Status.Valid);
      await time.increaseTo(start + 10n);
      expect((await certificates.verify(windowed.digest)).status).to.equal(Status.Expired);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
    });

    it("reverts when the default validity would run past the largest timestamp", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      await certificates.registerType("HUGE", "x", [SAMR], 2n ** 48n, false, false);
      const doc = newDocument();
      const now = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(now);
      await expect(certificates.connect(samr.official).issue(3, doc.digest, doc.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateValidityOverflow")
        .withArgs(now, 2n ** 48n);
      const late = 2n ** 48n - 10n;
      await expect(certificates.connect(samr.official).issue(1, doc.digest, doc.holder, late, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateValidityOverflow")
        .withArgs(late, YEAR);
    });

    it("gives each certificate of a type the next status-list index", async function () {
      const { certificates, samr, tax } = await loadFixture(registryFixture);
      for (let i = 0; i < 3; i += 1) {
        const doc = newDocument();
        await certificates.connect(i % 2 === 0 ? samr.official : tax.official).issue(2, doc.digest, doc.holder, 0, 0, "");
        expect((await certificates.verify(doc.digest)).statusIndex).to.equal(BigInt(i));
      }
    });

    it("reverts on bad input and changes nothing", async function () {
      const { certificates, samr, tax, outsider, doc } = await loadFixture(issuedFixture);
      const next = newDocument();
      const official = certificates.connect(samr.official);
      await expect(official.issue(1, ethers.ZeroHash, next.holder, 0, 0, "")).to.be.revertedWithCustomError(
        certificates,
        "CertificateZeroDigest",
      );
      await expect(official.issue(1, next.digest, ethers.ZeroHash, 0, 0, "")).to.be.revertedWithCustomError(
        certificates,
        "CertificateZeroHolder",
      );
      await expect(official.issue(1, doc.digest, next.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateAlreadyIssued")
        .withArgs(doc.digest);
      await expect(official.issue(1, next.digest, next.holder, 2000, 2000, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateInvalidValidity")
        .withArgs(2000n, 2000n);
      await expect(official.issue(7, next.digest, next.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownType")
        .withArgs(7n);
      await expect(certificates.connect(outsider).issue(1, next.digest, next.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateNotOfficial")
        .withArgs(outsider.address);
      await expect(certificates.connect(tax.official).issue(1, next.digest, next.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateDepartmentNotIssuer")
        .withArgs(1n, TAX);
      expect((await certificates.verify(next.digest)).status).to.equal(Status.Unknown);
      expect((await certificates.certificateType(1)).statusEntries).to.equal(1n);
    });

    it("reverts for an official of a deactivated department", async function () {
      const { certificates, directory, samr } = await loadFixture(registryFixture);
      await directory.setDepartmentActive(SAMR, false);
      const doc = newDocument();
      await expect(certificates.connect(samr.official).issue(1, doc.digest, doc.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateNotOfficial")
        .withArgs(samr.official.address);
    });

    it("a certificate stays valid after its issuing official is removed; the event still names the official", async function () {
      const { certificates, manager, samr, doc } = await loadFixture(issuedFixture);
      await manager.connect(samr.head).revokeRole(officialRole(SAMR), samr.official.address);
      const v = await certificates.verify(doc.digest);
      expect(v.status).to.equal(Status.Valid);
      expect(v.departmentId).to.equal(SAMR);
      // The official is not stored: a verifier reads it from the certificate's CertificateIssued event.
      const logs = await certificates.queryFilter(certificates.filters.CertificateIssued(doc.digest));
      expect(logs.map((log) => [log.args.issuedBy, log.args.departmentId, log.args.holderCommitment])).to.deep.equal([
        [samr.official.address, SAMR, doc.holder],
      ]);
    });

    it("verify of an unknown digest says Unknown with every field empty", async function () {
      const { certificates } = await loadFixture(registryFixture);
      const v = await certificates.verify(newDocument().digest);
      expect(v.status).to.equal(Status.Unknown);
      expect([v.typeId, v.departmentId, v.issuedAt, v.validFrom, v.validUntil, v.statusIndex]).to.deep.equal([0n, 0n, 0n, 0n, 0n, 0n]);
      expect([v.holderCommitment, v.supersedes, v.supersededBy]).to.deep.equal([ethers.ZeroHash, ethers.ZeroHash, ethers.ZeroHash]);
    });
  });

  describe("suspend, reinstate, revoke", function () {
    it("suspends and reinstates, with events carrying the reason", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      await expect(certificates.connect(samr.head).suspend(doc.digest, 7))
        .to.emit(certificates, "CertificateSuspended")
        .withArgs(doc.digest, samr.head.address, 7n);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Suspended);
      await expect(certificates.connect(samr.official).suspend(doc.digest, 8))
        .to.be.revertedWithCustomError(certificates, "CertificateIsSuspended")
        .withArgs(doc.digest);
      await expect(certificates.connect(samr.official).reinstate(doc.digest))
        .to.emit(certificates, "CertificateReinstated")
        .withArgs(doc.digest, samr.official.address);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
      await expect(certificates.connect(samr.official).reinstate(doc.digest))
        .to.be.revertedWithCustomError(certificates, "CertificateNotSuspended")
        .withArgs(doc.digest);
    });

    it("revocation is final", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      await certificates.connect(samr.official).suspend(doc.digest, 1);
      await expect(certificates.connect(samr.official).revoke(doc.digest, 3))
        .to.emit(certificates, "CertificateRevoked")
        .withArgs(doc.digest, samr.official.address, 3n);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Revoked);
      const next = newDocument();
      for (const call of [
        certificates.connect(samr.official).revoke(doc.digest, 3),
        certificates.connect(samr.official).suspend(doc.digest, 3),
        certificates.connect(samr.official).reinstate(doc.digest),
        certificates.connect(samr.official).supersede(doc.digest, next.digest, next.holder, 0, 0, 1, ""),
      ]) {
        await expect(call).to.be.revertedWithCustomError(certificates, "CertificateFinal").withArgs(doc.digest, Status.Revoked);
      }
    });

    it("reverts when the type is not suspendable or not revocable", async function () {
      const { certificates, tax } = await loadFixture(registryFixture);
      const doc = newDocument();
      await certificates.connect(tax.official).issue(2, doc.digest, doc.holder, 0, 0, "");
      await expect(certificates.connect(tax.official).suspend(doc.digest, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotSuspendable")
        .withArgs(2n);
      await expect(certificates.connect(tax.official).revoke(doc.digest, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotRevocable")
        .withArgs(2n);
    });

    it("only the issuing department may change the status", async function () {
      const { certificates, tax, outsider, doc } = await loadFixture(issuedFixture);
      for (const who of [tax.official, outsider]) {
        await expect(certificates.connect(who).revoke(doc.digest, 1))
          .to.be.revertedWithCustomError(certificates, "CertificateNotIssuingDepartment")
          .withArgs(SAMR, who.address);
      }
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
    });

    it("reverts for an unknown digest", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      const { digest } = newDocument();
      await expect(certificates.connect(samr.official).suspend(digest, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknown")
        .withArgs(digest);
    });
  });

  describe("supersede", function () {
    it("issues the corrected certificate and links both ways", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      const fixed = newDocument();
      const tx = certificates.connect(samr.official).supersede(doc.digest, fixed.digest, fixed.holder, 0, 0, 12, "ipfs://v2");
      await expect(tx)
        .to.emit(certificates, "CertificateSuperseded")
        .withArgs(doc.digest, fixed.digest, samr.official.address, 12n);
      await expect(tx).to.emit(certificates, "CertificateIssued");
      const old = await certificates.verify(doc.digest);
      const replacement = await certificates.verify(fixed.digest);
      expect(old.status).to.equal(Status.Superseded);
      expect(old.supersededBy).to.equal(fixed.digest);
      expect(replacement.status).to.equal(Status.Valid);
      expect(replacement.supersedes).to.equal(doc.digest);
      expect(replacement.statusIndex).to.equal(1n);
      const [word] = await certificates.statusWords(1, Purpose.Revocation, 0, 1);
      expect(word >> 255n).to.equal(1n);
      const again = newDocument();
      await expect(certificates.connect(samr.official).supersede(doc.digest, again.digest, again.holder, 0, 0, 1, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateFinal")
        .withArgs(doc.digest, Status.Superseded);
    });

    it("reverts when the replacement exists, the type closed or the department lost the right", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      const official = certificates.connect(samr.official);
      await expect(official.supersede(doc.digest, doc.digest, doc.holder, 0, 0, 1, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateAlreadyIssued")
        .withArgs(doc.digest);
      const fixed = newDocument();
      await certificates.setTypeActive(1, false);
      await expect(official.supersede(doc.digest, fixed.digest, fixed.holder, 0, 0, 1, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateTypeInactive")
        .withArgs(1n);
      await certificates.setTypeActive(1, true);
      await certificates.setTypeIssuer(1, SAMR, false);
      await expect(official.supersede(doc.digest, fixed.digest, fixed.holder, 0, 0, 1, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateDepartmentNotIssuer")
        .withArgs(1n, SAMR);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
    });
  });

  describe("supersede rules", function () {
    it("refuses to supersede a certificate of a non-revocable type (CertificateNotSupersedable)", async function () {
      const { certificates, tax } = await loadFixture(registryFixture);
      const doc = newDocument();
      await certificates.connect(tax.official).issue(2, doc.digest, doc.holder, 0, 0, "");
      const fixed = newDocument();
      await expect(certificates.connect(tax.official).supersede(doc.digest, fixed.digest, fixed.holder, 0, 0, 1, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateNotSupersedable")
        .withArgs(2n);
      const v = await certificates.verify(doc.digest);
      expect([v.status, v.supersededBy]).to.deep.equal([Status.Valid, ethers.ZeroHash]);
      expect((await certificates.verify(fixed.digest)).status).to.equal(Status.Unknown);
      expect((await certificates.certificateType(2)).statusEntries).to.equal(1n);
      const [word] = await certificates.statusWords(2, Purpose.Revocation, 0, 1);
      expect(word).to.equal(0n);
    });
  });

  describe("Merkle batches", function () {
    async function batchFixture() {
      const f = await registryFixture();
      const single = newDocument();
      await f.certificates.connect(f.samr.official).issue(1, single.digest, single.holder, 0, 0, "");
      const batch = buildBatch(makeItems(40));
      await f.certificates.connect(f.samr.official).anchorBatch(1, batch.root, batch.count, 0, 0, "ipfs://batch");
      return { ...f, batch, single };
    }

    it("anchors a root with BatchAnchored and verifies every item with its proof", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      const batch = buildBatch(makeItems(25));
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      const tx = certificates.connect(samr.official).anchorBatch(1, batch.root, batch.count, 0, 0, "ipfs://b");
      const now = at;
      await expect(tx)
        .to.emit(certificates, "BatchAnchored")
        .withArgs(1n, 1n, SAMR, samr.official.address, batch.root, 25n, now, now + YEAR, 0n, "ipfs://b");
      for (const item of batch.proofs) {
        expect(verifyBatchProof(batch.root, item)).to.equal(true);
        expect(await certificates.verifyBatchItem(1, item.index, item.digest, item.holderCommitment, item.proof)).to.equal(
          Status.Valid,
        );
      }
      const b = await certificates.batch(1);
      expect([b.typeId, b.departmentId, b.issuedBy, b.count, b.firstStatusIndex, b.revoked, b.root]).to.deep.equal([
        1n,
        SAMR,
        samr.official.address,
        25n,
        0n,
        false,
        batch.root,
      ]);
      expect(await certificates.batchCount()).to.equal(1n);
      expect((await certificates.certificateType(1)).statusEntries).to.equal(25n);
    });

    it("says Unknown for a proof of another item, a wrong index, an out-of-range index or an unknown batch", async function () {
      const { certificates, batch } = await loadFixture(batchFixture);
      const [a, b] = batch.proofs;
      expect(await certificates.verifyBatchItem(1, b.index, b.digest, b.holderCommitment, a.proof)).to.equal(Status.Unknown);
      expect(await certificates.verifyBatchItem(1, b.index, a.digest, a.holderCommitment, a.proof)).to.equal(Status.Unknown);
      expect(await certificates.verifyBatchItem(1, a.index, a.digest, b.holderCommitment, a.proof)).to.equal(Status.Unknown);
      expect(await certificates.verifyBatchItem(1, 40, a.digest, a.holderCommitment, a.proof)).to.equal(Status.Unknown);
      expect(await certificates.verifyBatchItem(2, a.index, a.digest, a.holderCommitment, a.proof)).to.equal(Status.Unknown);
    });

    it("suspends, reinstates and revokes single items by index", async function () {
      const { certificates, samr, batch } = await loadFixture(batchFixture);
      const item = batch.proofs[7];
      const other = batch.proofs[8];
      const status = (p: typeof item) => certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof);
      await expect(certificates.connect(samr.official).suspendBatchItem(1, 7, 2))
        .to.emit(certificates, "BatchItemSuspended")
        .withArgs(1n, 7n, samr.official.address, 2n);
      expect(await status(item)).to.equal(Status.Suspended);
      expect(await status(other)).to.equal(Status.Valid);
      await expect(certificates.connect(samr.official).suspendBatchItem(1, 7, 2))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchItemIsSuspended")
        .withArgs(1n, 7n);
      await expect(certificates.connect(samr.official).reinstateBatchItem(1, 7))
        .to.emit(certificates, "BatchItemReinstated")
        .withArgs(1n, 7n, samr.official.address);
      await expect(certificates.connect(samr.official).reinstateBatchItem(1, 7))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchItemNotSuspended")
        .withArgs(1n, 7n);
      await expect(certificates.connect(samr.official).revokeBatchItem(1, 7, 9))
        .to.emit(certificates, "BatchItemRevoked")
        .withArgs(1n, 7n, samr.official.address, 9n);
      expect(await status(item)).to.equal(Status.Revoked);
      expect(await status(other)).to.equal(Status.Valid);
      await expect(certificates.connect(samr.official).revokeBatchItem(1, 7, 9))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchItemRevoked")
        .withArgs(1n, 7n);
    });

    it("revokes a whole batch", async function () {
      const { certificates, samr, batch } = await loadFixture(batchFixture);
      await expect(certificates.connect(samr.official).revokeBatch(1, 4))
        .to.emit(certificates, "BatchRevoked")
        .withArgs(1n, samr.official.address, 4n);
      for (const p of batch.proofs) {
        expect(await certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof)).to.equal(Status.Revoked);
      }
      expect((await certificates.batch(1)).revoked).to.equal(true);
      await expect(certificates.connect(samr.official).revokeBatch(1, 4))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchRevoked")
        .withArgs(1n);
      await expect(certificates.connect(samr.official).suspendBatchItem(1, 0, 4))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchRevoked")
        .withArgs(1n);
    });

    it("reverts on bad batch input and changes nothing", async function () {
      const { certificates, samr, tax, outsider, batch } = await loadFixture(batchFixture);
      const official = certificates.connect(samr.official);
      await expect(official.anchorBatch(1, ethers.ZeroHash, 5, 0, 0, "")).to.be.revertedWithCustomError(
        certificates,
        "CertificateZeroRoot",
      );
      await expect(official.anchorBatch(1, batch.root, 0, 0, 0, "")).to.be.revertedWithCustomError(
        certificates,
        "CertificateEmptyBatch",
      );
      await expect(certificates.connect(outsider).anchorBatch(1, batch.root, 5, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateNotOfficial")
        .withArgs(outsider.address);
      await expect(certificates.connect(tax.official).anchorBatch(1, batch.root, 5, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateDepartmentNotIssuer")
        .withArgs(1n, TAX);
      await expect(official.suspendBatchItem(1, 40, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateBatchIndexOutOfRange")
        .withArgs(1n, 40n, 40n);
      await expect(certificates.connect(tax.official).revokeBatchItem(1, 0, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotIssuingDepartment")
        .withArgs(SAMR, tax.official.address);
      await expect(certificates.connect(tax.official).revokeBatch(1, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotIssuingDepartment")
        .withArgs(SAMR, tax.official.address);
      await expect(official.revokeBatchItem(2, 0, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownBatch")
        .withArgs(2n);
      await expect(certificates.batch(2)).to.be.revertedWithCustomError(certificates, "CertificateUnknownBatch").withArgs(2n);
      expect(await certificates.batchCount()).to.equal(1n);
    });

    it("reverts item changes when the type is not suspendable or revocable", async function () {
      const { certificates, tax } = await loadFixture(registryFixture);
      const batch = buildBatch(makeItems(3));
      await certificates.connect(tax.official).anchorBatch(2, batch.root, 3, 0, 0, "");
      await expect(certificates.connect(tax.official).suspendBatchItem(1, 0, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotSuspendable")
        .withArgs(2n);
      await expect(certificates.connect(tax.official).revokeBatchItem(1, 0, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotRevocable")
        .withArgs(2n);
      await expect(certificates.connect(tax.official).revokeBatch(1, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateNotRevocable")
        .withArgs(2n);
    });
  });

  describe("batch bounds, unique roots and whole-batch revocation", function () {
    it("refuses a batch above MAX_BATCH_SIZE, so the 2^32 - 1 anchor that exhausted a shared type is refused (CertificateBatchTooLarge)", async function () {
      const { certificates, samr, tax } = await loadFixture(registryFixture);
      const max = await certificates.MAX_BATCH_SIZE();
      expect(max).to.equal(65_536n);
      const root = newDocument().digest;
      for (const count of [2n ** 32n - 1n, max + 1n]) {
        await expect(certificates.connect(samr.official).anchorBatch(2, root, count, 0, 0, ""))
          .to.be.revertedWithCustomError(certificates, "CertificateBatchTooLarge")
          .withArgs(count, max);
      }
      expect(await certificates.batchCount()).to.equal(0n);
      expect((await certificates.certificateType(2)).statusEntries).to.equal(0n);
      // The largest batch is accepted, and the shared type keeps working for the other department.
      await expect(certificates.connect(samr.official).anchorBatch(2, root, max, 0, 0, ""))
        .to.emit(certificates, "BatchAnchored")
        .withArgs(1n, 2n, SAMR, samr.official.address, root, max, anyValue, 0n, 0n, "");
      const doc = newDocument();
      await expect(certificates.connect(tax.official).issue(2, doc.digest, doc.holder, 0, 0, ""))
        .to.emit(certificates, "CertificateIssued")
        .withArgs(doc.digest, 2n, TAX, tax.official.address, doc.holder, anyValue, 0n, max, "");
      await expect(certificates.connect(tax.official).anchorBatch(2, newDocument().digest, 10, 0, 0, ""))
        .to.emit(certificates, "BatchAnchored")
        .withArgs(2n, 2n, TAX, tax.official.address, anyValue, 10n, anyValue, 0n, max + 1n, "");
      expect((await certificates.certificateType(2)).statusEntries).to.equal(max + 11n);
    });

    it("the batch builder refuses more items than the registry's MAX_BATCH_SIZE", async function () {
      const { certificates } = await loadFixture(registryFixture);
      expect(BigInt(MAX_BATCH_SIZE)).to.equal(await certificates.MAX_BATCH_SIZE());
      const item = makeItems(1)[0];
      expect(() => buildBatch(Array<BatchItem>(MAX_BATCH_SIZE + 1).fill(item))).to.throw(/at most 65536 items/);
    });

    it("refuses to hand out a status index past the last one (CertificateStatusListFull), never an arithmetic panic", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      const last = 2n ** 48n - 1n;
      // Type 1's rules word: 1 entry, default validity, registered, active, suspendable, revocable, SAMR.
      const rules = (word: bigint, entries: bigint) => (word & ~(2n ** 48n - 1n)) | entries;
      const expected = 1n | (YEAR << 48n) | (0xfn << 112n) | (1n << 128n);
      const address = await certificates.getAddress();
      const slot = await rulesSlot(address, 1n, expected);
      await networkHelpers.setStorageAt(address, slot, rules(expected, last - 2n));

      const official = certificates.connect(samr.official);
      const a = newDocument();
      await expect(official.issue(1, a.digest, a.holder, 0, 0, "")).to.emit(certificates, "CertificateIssued");
      expect((await certificates.verify(a.digest)).statusIndex).to.equal(last - 2n);
      await expect(official.anchorBatch(1, newDocument().digest, 2, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateStatusListFull")
        .withArgs(1n, last - 1n, 2n);
      const batch = buildBatch(makeItems(1));
      await official.anchorBatch(1, batch.root, 1, 0, 0, "");
      expect((await certificates.batch(1)).firstStatusIndex).to.equal(last - 1n);
      const b = newDocument();
      await expect(official.issue(1, b.digest, b.holder, 0, 0, ""))
        .to.be.revertedWithCustomError(certificates, "CertificateStatusListFull")
        .withArgs(1n, last, 1n);
      // The last index is an ordinary entry of the list, in its last word.
      await official.revokeBatchItem(1, 0, 1);
      const [word] = await certificates.statusWords(1, Purpose.Revocation, (last - 1n) >> 8n, 1);
      expect(word).to.equal(1n << (255n - ((last - 1n) & 255n)));
      const [p] = batch.proofs;
      expect(await certificates.verifyBatchItem(1, 0, p.digest, p.holderCommitment, p.proof)).to.equal(Status.Revoked);
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
    });

    it("refuses to anchor a Merkle root twice, by the same or another department (CertificateRootAlreadyAnchored)", async function () {
      const { certificates, samr, tax } = await loadFixture(registryFixture);
      // Type 3: revocable, issued by both departments.
      await certificates.registerType("SHARED", "Shared certificate", [SAMR, TAX], 0, false, true);
      const batch = buildBatch(makeItems(4));
      expect(await certificates.batchIdOfRoot(batch.root)).to.equal(0n);
      await certificates.connect(samr.official).anchorBatch(3, batch.root, 4, 0, 0, "");
      expect(await certificates.batchIdOfRoot(batch.root)).to.equal(1n);
      for (const [who, typeId, count] of [
        [samr.official, 3, 4],
        [samr.official, 1, 4],
        [tax.official, 3, 4],
        [tax.official, 2, 3],
      ] as const) {
        await expect(certificates.connect(who).anchorBatch(typeId, batch.root, count, 0, 0, ""))
          .to.be.revertedWithCustomError(certificates, "CertificateRootAlreadyAnchored")
          .withArgs(batch.root, 1n);
      }
      expect(await certificates.batchCount()).to.equal(1n);
      // Revoking an item therefore revokes the only batch that can prove it.
      await certificates.connect(samr.official).revokeBatch(1, 1);
      const [p] = batch.proofs;
      expect(await certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof)).to.equal(Status.Revoked);
    });

    it("revokes a batch of MAX_BATCH_SIZE items within a 30M-gas block; verifyBatchItem and the status list report every item revoked", async function () {
      const { certificates, samr, doc } = await loadFixture(issuedFixture);
      const max = Number(await certificates.MAX_BATCH_SIZE());
      // After the single certificate, the batch takes indexes 1 to 65,536: a partial first word, 255
      // whole words and one bit of word 256.
      const picked = [0, 1, 254, 255, 256, 4095, 65_279, 65_534, max - 1];
      const known = new Map(picked.map((i) => [i, makeItems(1)[0]] as const));
      const batch = sparseBatch(max, known);
      const official = certificates.connect(samr.official);
      await official.anchorBatch(1, batch.root, max, 0, 0, "");
      expect((await certificates.batch(1)).firstStatusIndex).to.equal(1n);
      await official.suspendBatchItem(1, 300, 1);
      await official.revokeBatchItem(1, 70, 1);

      const tx = await official.revokeBatch(1, 9);
      await expect(tx).to.emit(certificates, "BatchRevoked").withArgs(1n, samr.official.address, 9n);
      const receipt = await tx.wait();
      expect(receipt!.gasUsed < 30_000_000n, `gasUsed ${receipt!.gasUsed}`).to.equal(true);
      // The design: a flag and a few words, not one word per 256 items (which would be about 5.7M here).
      expect(receipt!.gasUsed < 300_000n, `gasUsed ${receipt!.gasUsed}`).to.equal(true);

      for (const p of batch.proofs) {
        expect(await certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof), `item ${p.index}`).to.equal(
          Status.Revoked,
        );
      }
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);

      const entries = Number((await certificates.certificateType(1)).statusEntries);
      expect(entries).to.equal(max + 1);
      const revocation = decodeStatusList(encodeStatusList(await readStatusBitstring(certificates, 1n, "revocation")));
      const suspension = await readStatusBitstring(certificates, 1n, "suspension");
      expect(revocation.length * 8).to.equal(MIN_STATUS_LIST_ENTRIES);
      let set = 0;
      for (let index = 0; index < revocation.length * 8; index += 1) {
        const bit = getStatusBit(revocation, index);
        if (bit) set += 1;
        if (bit !== (index >= 1 && index <= max)) expect.fail(`revocation bit ${index} is ${bit}`);
        if (getStatusBit(suspension, index) !== (index === 301)) expect.fail(`suspension bit ${index}`);
      }
      expect(set).to.equal(max);
      await expect(official.revokeBatchItem(1, 5, 1)).to.be.revertedWithCustomError(certificates, "CertificateBatchRevoked").withArgs(1n);
      await expect(official.reinstateBatchItem(1, 300)).to.be.revertedWithCustomError(certificates, "CertificateBatchRevoked").withArgs(1n);

      // The next batch starts right after it, in the word the revoked batch ends in, and is untouched.
      const next = buildBatch(makeItems(3));
      await official.anchorBatch(1, next.root, 3, 0, 0, "");
      for (const p of next.proofs) {
        expect(await certificates.verifyBatchItem(2, p.index, p.digest, p.holderCommitment, p.proof)).to.equal(Status.Valid);
      }
      const [lastWord] = await certificates.statusWords(1, Purpose.Revocation, 256, 1);
      expect(lastWord).to.equal(1n << 255n);
    });
  });

  describe("emergency pause", function () {
    it("while the guardian has closed the registry, every change reverts with AccessManagedUnauthorized and views answer; after the administrator reopens it, issuing works", async function () {
      const { certificates, manager, guardian, admin, samr, doc } = await loadFixture(issuedFixture);
      const batch = buildBatch(makeItems(2));
      await certificates.connect(samr.official).anchorBatch(1, batch.root, 2, 0, 0, "");
      await expect(manager.connect(guardian).setTargetClosed(certificates, true))
        .to.emit(manager, "TargetClosed")
        .withArgs(await certificates.getAddress(), true);

      const official = certificates.connect(samr.official);
      const next = newDocument();
      const calls = [
        official.issue(1, next.digest, next.holder, 0, 0, ""),
        official.anchorBatch(1, newDocument().digest, 5, 0, 0, ""),
        official.suspend(doc.digest, 1),
        official.reinstate(doc.digest),
        official.revoke(doc.digest, 1),
        official.supersede(doc.digest, next.digest, next.holder, 0, 0, 1, ""),
        official.suspendBatchItem(1, 0, 1),
        official.reinstateBatchItem(1, 0),
        official.revokeBatchItem(1, 0, 1),
        official.revokeBatch(1, 1),
      ];
      for (const call of calls) {
        await expect(call).to.be.revertedWithCustomError(certificates, "AccessManagedUnauthorized").withArgs(samr.official.address);
      }
      await expect(certificates.registerType("PAUSED", "x", [SAMR], 0, true, true))
        .to.be.revertedWithCustomError(certificates, "AccessManagedUnauthorized")
        .withArgs(admin.address);

      // Views keep answering while closed.
      expect((await certificates.verify(doc.digest)).status).to.equal(Status.Valid);
      const [p] = batch.proofs;
      expect(await certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof)).to.equal(Status.Valid);
      expect(await certificates.statusWords(1, Purpose.Revocation, 0, 1)).to.deep.equal([0n]);
      expect((await certificates.certificateType(1)).statusEntries).to.equal(3n);
      expect(await certificates.batchCount()).to.equal(1n);

      // Reopening is the administrator's; the guardian cannot.
      await expect(manager.connect(guardian).setTargetClosed(certificates, false)).to.be.revertedWithCustomError(
        manager,
        "AccessManagerUnauthorizedAccount",
      );
      await manager.connect(admin).setTargetClosed(certificates, false);
      await expect(official.issue(1, next.digest, next.holder, 0, 0, ""))
        .to.emit(certificates, "CertificateIssued")
        .withArgs(next.digest, 1n, SAMR, samr.official.address, next.holder, anyValue, anyValue, 3n, "");
    });
  });

  describe("status-list output", function () {
    it("writes only inside status/: invalid type codes and folders that leave status/ are refused", async function () {
      const root = resolve("status");
      expect(statusListOutputPath(root, "", "BIZ", "revocation")).to.equal(join(root, "BIZ-revocation.json"));
      expect(statusListOutputPath(root, "chain-1", "BIZ-LICENCE", "index")).to.equal(join(root, "chain-1", "BIZ-LICENCE-index.json"));
      for (const code of ["../../outside", "..", "A/B", "A\\B", "biz", "B", "", "ABCDEFGHIJKLMNOPQ", 'A"B']) {
        expect(() => statusListOutputPath(root, "", code, "revocation"), code).to.throw(/certificate type code/);
      }
      for (const folder of ["..", "../elsewhere", "a/../../b", "/tmp", resolve(root, "..")]) {
        expect(() => statusListOutputPath(root, folder, "BIZ", "revocation"), folder).to.throw(/inside/);
      }
      for (const ok of ["a/b", "./a", "a/../b"]) {
        expect(statusListOutputPath(root, ok, "BIZ", "suspension").startsWith(root + sep), ok).to.equal(true);
      }
    });
  });

  describe("W3C Bitstring Status List", function () {
    it("builds revocation and suspension lists that match the chain bit for bit", async function () {
      const { certificates, samr } = await loadFixture(registryFixture);
      const official = certificates.connect(samr.official);
      const singles: { digest: Hex; index: number }[] = [];
      for (let i = 0; i < 6; i += 1) {
        const doc = newDocument();
        await official.issue(1, doc.digest, doc.holder, 0, 0, "");
        singles.push({ digest: doc.digest, index: i });
      }
      const batch = buildBatch(makeItems(300));
      await official.anchorBatch(1, batch.root, batch.count, 0, 0, "");
      await official.revoke(singles[1].digest, 1);
      await official.suspend(singles[2].digest, 1);
      const fixed = newDocument();
      await official.supersede(singles[4].digest, fixed.digest, fixed.holder, 0, 0, 1, "");
      for (const i of [0, 249, 250, 299]) await official.revokeBatchItem(1, i, 1);
      for (const i of [3, 255]) await official.suspendBatchItem(1, i, 1);

      const entries = Number((await certificates.certificateType(1)).statusEntries);
      expect(entries).to.equal(6 + 300 + 1);
      for (const purpose of ["revocation", "suspension"] as const) {
        const bitstring = await readStatusBitstring(certificates, 1n, purpose);
        const credential = statusListCredential({
          id: "https://status.govchain.example/biz/" + purpose,
          issuer: "did:pkh:eip155:31337:" + (await certificates.getAddress()),
          purpose,
          encodedList: encodeStatusList(bitstring),
          validFrom: new Date(),
        });
        const decoded = decodeStatusList(credential.credentialSubject.encodedList);
        expect(decoded.length * 8).to.equal(MIN_STATUS_LIST_ENTRIES);
        const want = purpose === "revocation" ? [Status.Revoked, Status.Superseded] : [Status.Suspended];
        let set = 0;
        for (let index = 0; index < MIN_STATUS_LIST_ENTRIES; index += 1) {
          const bit = getStatusBit(decoded, index);
          if (bit) set += 1;
          if (index >= entries) {
            expect(bit, `bit ${index} beyond the entries`).to.equal(false);
            continue;
          }
          let status: bigint;
          if (index < 6) status = (await certificates.verify(singles[index].digest)).status;
          else if (index < 306) {
            const p = batch.proofs[index - 6];
            status = await certificates.verifyBatchItem(1, p.index, p.digest, p.holderCommitment, p.proof);
          } else status = (await certificates.verify(fixed.digest)).status;
          expect(bit, `${purpose} bit ${index}`).to.equal(want.includes(status));
        }
        expect(set).to.equal(purpose === "revocation" ? 6 : 3);
      }
    });

    it("reverts on a bad status range or an unknown type", async function () {
      const { certificates } = await loadFixture(registryFixture);
      await expect(certificates.statusWords(1, Purpose.Revocation, 0, 0))
        .to.be.revertedWithCustomError(certificates, "CertificateInvalidStatusRange")
        .withArgs(1n, 0n, 0n);
      await expect(certificates.statusWords(1, Purpose.Suspension, 0, 1025))
        .to.be.revertedWithCustomError(certificates, "CertificateInvalidStatusRange")
        .withArgs(1n, 0n, 1025n);
      // Status indexes are below 2^48, so no entry lies at or beyond word 2^40.
      await expect(certificates.statusWords(1, Purpose.Suspension, 2n ** 40n, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateInvalidStatusRange")
        .withArgs(1n, 2n ** 40n, 1n);
      expect(await certificates.statusWords(1, Purpose.Suspension, 2n ** 40n - 1n, 1)).to.deep.equal([0n]);
      await expect(certificates.statusWords(3, Purpose.Suspension, 0, 1))
        .to.be.revertedWithCustomError(certificates, "CertificateUnknownType")
        .withArgs(3n);
    });
  });
});

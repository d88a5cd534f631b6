import { expect } from "chai";
import type { ContractTransactionResponse } from "ethers";
import { network } from "hardhat";

import { officialRole } from "../lib/departments.js";
import { label32 } from "../lib/hashing.js";
import type { ConsentRegistry } from "../types/ethers-contracts/index.js";
import { deployRegistries } from "./helpers/registries.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const HOUSEHOLD = label32("household-register");
const TAX_RECORD = label32("tax-record");
const UNKNOWN_CATEGORY = label32("medical-record");
const LOAN = label32("loan-verification");
const AUDIT = label32("audit");
const REF_1 = label32("TAX-REQ-2024-0001");
const REF_2 = label32("TAX-REQ-2024-0002");
const ZERO32 = ethers.ZeroHash;
const DAY = 24n * 60n * 60n;
const MAX_PAGE = 200n;

const SAMR_ID = 1n;
const TAX_ID = 2n;

async function registriesFixture() {
  const deployed = await deployRegistries(connection, 2);
  const [samr, tax] = deployed.departments;
  const [citizen, otherCitizen] = deployed.spare;
  return { ...deployed, samr, tax, citizen, otherCitizen };
}

async function categoriesFixture() {
  const deployed = await registriesFixture();
  await deployed.consents.registerCategory(HOUSEHOLD, "Household register");
  await deployed.consents.registerCategory(TAX_RECORD, "Tax record");
  return deployed;
}

/** The citizen has granted the Tax Bureau access to their tax record for a loan check, for 30 days. */
async function grantFixture() {
  const deployed = await categoriesFixture();
  const { consents, citizen } = deployed;
  const expiresAt = BigInt(await time.latest()) + 30n * DAY;
  await consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt);
  const grantedAt = BigInt(await time.latest());
  return { ...deployed, grantId: 1n, grantedAt, expiresAt };
}

async function blockTime(tx: ContractTransactionResponse): Promise<bigint> {
  const receipt = await tx.wait();
  if (receipt === null) throw new Error("transaction not mined");
  const block = await ethers.provider.getBlock(receipt.blockNumber);
  if (block === null) throw new Error("block not found");
  return BigInt(block.timestamp);
}

/** Everything the registry stores about grants, as plain values, to compare before and after a revert. */
async function grantState(consents: ConsentRegistry, subjects: string[]) {
  const count = await consents.grantCount();
  const grants = [];
  for (let id = 1n; id <= count; id++) {
    const g = await consents.getGrant(id);
    grants.push({
      subject: g.subject,
      departmentId: g.departmentId,
      grantedAt: g.grantedAt,
      expiresAt: g.expiresAt,
      revokedAt: g.revokedAt,
      category: g.category,
      purpose: g.purpose,
      accessCount: g.accessCount,
    });
  }
  const lists = [];
  for (const subject of subjects) {
    lists.push([...(await consents.grantsOf(subject, 0, MAX_PAGE))]);
  }
  return { count, grants, lists };
}

describe("ConsentRegistry", function () {
  describe("deployment", function () {
    it("is managed by the platform's access manager", async function () {
      const { consents, manager } = await loadFixture(registriesFixture);
      expect(await consents.authority()).to.equal(await manager.getAddress());
      expect(await consents.grantCount()).to.equal(0n);
    });
  });

  describe("emergency pause", function () {
    it("while the guardian has closed the registry, grant, revoke, recordAccess and category changes revert with AccessManagedUnauthorized and views answer; after the administrator reopens it, they work", async function () {
      const { consents, manager, guardian, admin, citizen, otherCitizen, tax, grantId, expiresAt } = await loadFixture(grantFixture);
      const before = await grantState(consents, [citizen.address, otherCitizen.address]);
      await expect(manager.connect(guardian).setTargetClosed(consents, true))
        .to.emit(manager, "TargetClosed")
        .withArgs(await consents.getAddress(), true);

      const closed = [
        [consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt), otherCitizen.address],
        [consents.connect(citizen).revoke(grantId), citizen.address],
        [consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1), tax.official.address],
        [consents.connect(admin).registerCategory(LOAN, "Loan file"), admin.address],
        [consents.connect(admin).setCategoryActive(TAX_RECORD, false), admin.address],
      ] as const;
      for (const [call, caller] of closed) {
        await expect(call).to.be.revertedWithCustomError(consents, "AccessManagedUnauthorized").withArgs(caller);
      }
      // Views keep answering, and nothing changed.
      expect(await consents.isGrantValid(grantId)).to.equal(true);
      expect((await consents.category(TAX_RECORD)).active).to.equal(true);
      expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);

      // Reopening is the administrator's; the guardian cannot.
      await expect(manager.connect(guardian).setTargetClosed(consents, false)).to.be.revertedWithCustomError(
        manager,
        "AccessManagerUnauthorizedAccount",
      );
      await manager.connect(admin).setTargetClosed(consents, false);
      await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_1);
      await expect(consents.connect(citizen).revoke(grantId)).to.emit(consents, "ConsentRevoked").withArgs(grantId, citizen.address, TAX_ID);
    });
  });

  describe("registerCategory", function () {
    it("registers an active category and emits CategoryRegistered", async function () {
      const { consents } = await loadFixture(registriesFixture);
      await expect(consents.registerCategory(HOUSEHOLD, "Household register"))
        .to.emit(consents, "CategoryRegistered")
        .withArgs(HOUSEHOLD, "Household register");
      const category = await consents.category(HOUSEHOLD);
      expect(category.name).to.equal("Household register");
      expect(category.active).to.equal(true);
    });

    it("stores an empty name as '-' so the category still counts as registered", async function () {
      const { consents } = await loadFixture(registriesFixture);
      await expect(consents.registerCategory(TAX_RECORD, ""))
        .to.emit(consents, "CategoryRegistered")
        .withArgs(TAX_RECORD, "-");
      expect((await consents.category(TAX_RECORD)).name).to.equal("-");
      await expect(consents.registerCategory(TAX_RECORD, "Tax record"))
        .to.be.revertedWithCustomError(consents, "ConsentDuplicateCategory")
        .withArgs(TAX_RECORD);
    });

    it("reverts for anyone but the platform administrator", async function () {
      const { consents, tax, outsider } = await loadFixture(registriesFixture);
      for (const caller of [outsider, tax.head, tax.official]) {
        await expect(consents.connect(caller).registerCategory(HOUSEHOLD, "Household register"))
          .to.be.revertedWithCustomError(consents, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
      await expect(consents.category(HOUSEHOLD))
        .to.be.revertedWithCustomError(consents, "ConsentUnknownCategory")
        .withArgs(HOUSEHOLD);
    });

    it("reverts on the zero category", async function () {
      const { consents } = await loadFixture(registriesFixture);
      await expect(consents.registerCategory(ZERO32, "Nothing"))
        .to.be.revertedWithCustomError(consents, "ConsentZeroCategory")
        .withArgs();
    });

    it("reverts on a duplicate category and keeps the first name", async function () {
      const { consents } = await loadFixture(categoriesFixture);
      await expect(consents.registerCategory(HOUSEHOLD, "Other name"))
        .to.be.revertedWithCustomError(consents, "ConsentDuplicateCategory")
        .withArgs(HOUSEHOLD);
      expect((await consents.category(HOUSEHOLD)).name).to.equal("Household register");
    });
  });

  describe("setCategoryActive", function () {
    it("closes and reopens a category and emits CategoryActiveSet", async function () {
      const { consents } = await loadFixture(categoriesFixture);
      await expect(consents.setCategoryActive(HOUSEHOLD, false))
        .to.emit(consents, "CategoryActiveSet")
        .withArgs(HOUSEHOLD, false);
      expect((await consents.category(HOUSEHOLD)).active).to.equal(false);
      expect((await consents.category(TAX_RECORD)).active).to.equal(true);
      await expect(consents.setCategoryActive(HOUSEHOLD, true))
        .to.emit(consents, "CategoryActiveSet")
        .withArgs(HOUSEHOLD, true);
      const category = await consents.category(HOUSEHOLD);
      expect(category.active).to.equal(true);
      expect(category.name).to.equal("Household register");
    });

    it("reverts when the status does not change", async function () {
      const { consents } = await loadFixture(categoriesFixture);
      await expect(consents.setCategoryActive(HOUSEHOLD, true))
        .to.be.revertedWithCustomError(consents, "ConsentCategoryStatusUnchanged")
        .withArgs(HOUSEHOLD, true);
      await consents.setCategoryActive(HOUSEHOLD, false);
      await expect(consents.setCategoryActive(HOUSEHOLD, false))
        .to.be.revertedWithCustomError(consents, "ConsentCategoryStatusUnchanged")
        .withArgs(HOUSEHOLD, false);
      expect((await consents.category(HOUSEHOLD)).active).to.equal(false);
    });

    it("reverts for an unknown category", async function () {
      const { consents } = await loadFixture(categoriesFixture);
      await expect(consents.setCategoryActive(UNKNOWN_CATEGORY, false))
        .to.be.revertedWithCustomError(consents, "ConsentUnknownCategory")
        .withArgs(UNKNOWN_CATEGORY);
    });

    it("reverts for anyone but the platform administrator", async function () {
      const { consents, tax } = await loadFixture(categoriesFixture);
      await expect(consents.connect(tax.head).setCategoryActive(HOUSEHOLD, false))
        .to.be.revertedWithCustomError(consents, "AccessManagedUnauthorized")
        .withArgs(tax.head.address);
      expect((await consents.category(HOUSEHOLD)).active).to.equal(true);
    });

    it("closes the category for new grants only: existing grants can still be used", async function () {
      const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
      await consents.setCategoryActive(TAX_RECORD, false);
      await expect(consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, BigInt(await time.latest()) + DAY))
        .to.be.revertedWithCustomError(consents, "ConsentCategoryInactive")
        .withArgs(TAX_RECORD);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
      await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_1);
    });
  });

  describe("grant", function () {
    it("records the grant, returns its id and emits ConsentGranted", async function () {
      const { consents, citizen } = await loadFixture(categoriesFixture);
      const expiresAt = BigInt(await time.latest()) + 30n * DAY;
      expect(await consents.connect(citizen).grant.staticCall(TAX_ID, TAX_RECORD, LOAN, expiresAt)).to.equal(1n);
      const tx = await consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt);
      await expect(tx)
        .to.emit(consents, "ConsentGranted")
        .withArgs(1n, citizen.address, TAX_ID, TAX_RECORD, LOAN, expiresAt);
      const grantedAt = await blockTime(tx);
      const g = await consents.getGrant(1n);
      expect(g.subject).to.equal(citizen.address);
      expect(g.departmentId).to.equal(TAX_ID);
      expect(g.grantedAt).to.equal(grantedAt);
      expect(g.expiresAt).to.equal(expiresAt);
      expect(g.revokedAt).to.equal(0n);
      expect(g.category).to.equal(TAX_RECORD);
      expect(g.purpose).to.equal(LOAN);
      expect(g.accessCount).to.equal(0n);
      expect(await consents.grantCount()).to.equal(1n);
      expect(await consents.grantsOf(citizen.address, 0, 10)).to.deep.equal([1n]);
      expect(await consents.isGrantValid(1n)).to.equal(true);
    });

    it("numbers grants in one sequence across subjects", async function () {
      const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
      const expiresAt = BigInt(await time.latest()) + DAY;
      await expect(consents.connect(otherCitizen).grant(SAMR_ID, HOUSEHOLD, AUDIT, expiresAt))
        .to.emit(consents, "ConsentGranted")
        .withArgs(2n, otherCitizen.address, SAMR_ID, HOUSEHOLD, AUDIT, expiresAt);
      await expect(consents.connect(citizen).grant(SAMR_ID, HOUSEHOLD, AUDIT, expiresAt))
        .to.emit(consents, "ConsentGranted")
        .withArgs(3n, citizen.address, SAMR_ID, HOUSEHOLD, AUDIT, expiresAt);
      expect(await consents.grantCount()).to.equal(3n);
      expect(await consents.grantsOf(citizen.address, 0, 10)).to.deep.equal([1n, 3n]);
      expect(await consents.grantsOf(otherCitizen.address, 0, 10)).to.deep.equal([2n]);
    });

    it("lets the same subject hold two identical grants, each with its own id", async function () {
      const { consents, citizen, expiresAt } = await loadFixture(grantFixture);
      await expect(consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt))
        .to.emit(consents, "ConsentGranted")
        .withArgs(2n, citizen.address, TAX_ID, TAX_RECORD, LOAN, expiresAt);
      expect(await consents.grantsOf(citizen.address, 0, 10)).to.deep.equal([1n, 2n]);
    });

    it("accepts an expiry one second after the grant", async function () {
      const { consents, citizen } = await loadFixture(categoriesFixture);
      const now = BigInt(await time.latest()) + 100n;
      await time.setNextBlockTimestamp(now);
      await expect(consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, now + 1n))
        .to.emit(consents, "ConsentGranted")
        .withArgs(1n, citizen.address, TAX_ID, TAX_RECORD, LOAN, now + 1n);
      expect(await consents.isGrantValid(1n)).to.equal(true);
      expect((await consents.getGrant(1n)).grantedAt).to.equal(now);
    });

    describe("rejects bad input and changes nothing", function () {
      it("reverts for an inactive category", async function () {
        const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
        await consents.setCategoryActive(HOUSEHOLD, false);
        const before = await grantState(consents, [citizen.address, otherCitizen.address]);
        await expect(consents.connect(otherCitizen).grant(TAX_ID, HOUSEHOLD, LOAN, BigInt(await time.latest()) + DAY))
          .to.be.revertedWithCustomError(consents, "ConsentCategoryInactive")
          .withArgs(HOUSEHOLD);
        expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
      });

      it("reverts for an unknown category", async function () {
        const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address, otherCitizen.address]);
        await expect(
          consents.connect(otherCitizen).grant(TAX_ID, UNKNOWN_CATEGORY, LOAN, BigInt(await time.latest()) + DAY),
        )
          .to.be.revertedWithCustomError(consents, "ConsentUnknownCategory")
          .withArgs(UNKNOWN_CATEGORY);
        await expect(consents.connect(otherCitizen).grant(TAX_ID, ZERO32, LOAN, BigInt(await time.latest()) + DAY))
          .to.be.revertedWithCustomError(consents, "ConsentUnknownCategory")
          .withArgs(ZERO32);
        expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
      });

      for (const departmentId of [0n, 3n, 2n ** 32n - 1n]) {
        it(`reverts for the unknown department ${departmentId}`, async function () {
          const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
          const before = await grantState(consents, [citizen.address, otherCitizen.address]);
          await expect(
            consents.connect(otherCitizen).grant(departmentId, TAX_RECORD, LOAN, BigInt(await time.latest()) + DAY),
          )
            .to.be.revertedWithCustomError(consents, "ConsentUnknownDepartment")
            .withArgs(departmentId);
          expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
        });
      }

      it("reverts for an inactive department, and accepts it again once reactivated", async function () {
        const { consents, directory, citizen, otherCitizen } = await loadFixture(grantFixture);
        await directory.setDepartmentActive(TAX_ID, false);
        const before = await grantState(consents, [citizen.address, otherCitizen.address]);
        const expiresAt = BigInt(await time.latest()) + DAY;
        await expect(consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt))
          .to.be.revertedWithCustomError(consents, "ConsentDepartmentInactive")
          .withArgs(TAX_ID);
        expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
        await directory.setDepartmentActive(TAX_ID, true);
        await expect(consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt))
          .to.emit(consents, "ConsentGranted")
          .withArgs(2n, otherCitizen.address, TAX_ID, TAX_RECORD, LOAN, expiresAt);
      });

      it("reverts on the zero purpose", async function () {
        const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address, otherCitizen.address]);
        await expect(
          consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, ZERO32, BigInt(await time.latest()) + DAY),
        )
          .to.be.revertedWithCustomError(consents, "ConsentZeroPurpose")
          .withArgs();
        expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
      });

      for (const [label, offset] of [
        ["now", 0n],
        ["one second ago", -1n],
        ["a day ago", -DAY],
      ] as const) {
        it(`reverts on an expiry ${label}`, async function () {
          const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
          const before = await grantState(consents, [citizen.address, otherCitizen.address]);
          const now = BigInt(await time.latest()) + 10n;
          await time.setNextBlockTimestamp(now);
          await expect(consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, LOAN, now + offset))
            .to.be.revertedWithCustomError(consents, "ConsentExpiryInPast")
            .withArgs(now + offset, now);
          expect(await grantState(consents, [citizen.address, otherCitizen.address])).to.deep.equal(before);
        });
      }

      it("reverts on a zero expiry", async function () {
        const { consents, citizen, otherCitizen } = await loadFixture(grantFixture);
        const now = BigInt(await time.latest()) + 10n;
        await time.setNextBlockTimestamp(now);
        await expect(consents.connect(otherCitizen).grant(TAX_ID, TAX_RECORD, LOAN, 0n))
          .to.be.revertedWithCustomError(consents, "ConsentExpiryInPast")
          .withArgs(0n, now);
        expect(await consents.grantCount()).to.equal(1n);
        expect(await consents.grantsOf(otherCitizen.address, 0, 10)).to.deep.equal([]);
      });
    });
  });

  describe("revoke", function () {
    it("lets the subject withdraw a grant at once and emits ConsentRevoked", async function () {
      const { consents, citizen, grantId } = await loadFixture(grantFixture);
      const tx = await consents.connect(citizen).revoke(grantId);
      await expect(tx).to.emit(consents, "ConsentRevoked").withArgs(grantId, citizen.address, TAX_ID);
      const revokedAt = await blockTime(tx);
      const g = await consents.getGrant(grantId);
      expect(g.revokedAt).to.equal(revokedAt);
      expect(await consents.isGrantValid(grantId)).to.equal(false);
      expect(await consents.grantsOf(citizen.address, 0, 10)).to.deep.equal([grantId]);
    });

    it("lets the subject revoke a grant that has already expired", async function () {
      const { consents, citizen, grantId, expiresAt } = await loadFixture(grantFixture);
      await time.increaseTo(expiresAt + DAY);
      await expect(consents.connect(citizen).revoke(grantId))
        .to.emit(consents, "ConsentRevoked")
        .withArgs(grantId, citizen.address, TAX_ID);
      expect((await consents.getGrant(grantId)).revokedAt).to.equal(BigInt(await time.latest()));
    });

    it("reverts for anyone but the subject and changes nothing", async function () {
      const { consents, citizen, otherCitizen, tax, admin, grantId } = await loadFixture(grantFixture);
      const before = await grantState(consents, [citizen.address]);
      for (const caller of [otherCitizen, tax.official, tax.head, admin]) {
        await expect(consents.connect(caller).revoke(grantId))
          .to.be.revertedWithCustomError(consents, "ConsentNotSubject")
          .withArgs(grantId, caller.address);
      }
      expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
    });

    it("reverts when revoked twice and keeps the first revocation time", async function () {
      const { consents, citizen, grantId } = await loadFixture(grantFixture);
      const revokedAt = await blockTime(await consents.connect(citizen).revoke(grantId));
      await time.increase(DAY);
      await expect(consents.connect(citizen).revoke(grantId))
        .to.be.revertedWithCustomError(consents, "ConsentAlreadyRevoked")
        .withArgs(grantId);
      expect((await consents.getGrant(grantId)).revokedAt).to.equal(revokedAt);
    });

    it("reverts for an unknown grant", async function () {
      const { consents, citizen, grantId } = await loadFixture(grantFixture);
      for (const id of [0n, grantId + 1n]) {
        await expect(consents.connect(citizen).revoke(id))
          .to.be.revertedWithCustomError(consents, "ConsentUnknownGrant")
          .withArgs(id);
      }
    });
  });

  describe("recordAccess", function () {
    it("lets an official of the granted department record an access and emits DataAccessed", async function () {
      const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
      await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_1);
      expect((await consents.getGrant(grantId)).accessCount).to.equal(1n);
      await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_2))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_2);
      const g = await consents.getGrant(grantId);
      expect(g.accessCount).to.equal(2n);
      expect(g.revokedAt).to.equal(0n);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
    });

    it("lets the head of the granted department record an access", async function () {
      const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
      await expect(consents.connect(tax.head).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.head.address, TAX_RECORD, LOAN, REF_1);
      expect((await consents.getGrant(grantId)).accessCount).to.equal(1n);
    });

    it("accepts an access in the last second before expiry", async function () {
      const { consents, citizen, tax, grantId, expiresAt } = await loadFixture(grantFixture);
      await time.setNextBlockTimestamp(expiresAt - 1n);
      await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
        .to.emit(consents, "DataAccessed")
        .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_1);
      expect(await time.latest()).to.equal(Number(expiresAt - 1n));
    });

    describe("rejects an access without a valid grant and changes nothing", function () {
      it("reverts for an unknown grant", async function () {
        const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        for (const id of [0n, grantId + 1n]) {
          await expect(consents.connect(tax.official).recordAccess(id, TAX_RECORD, LOAN, REF_1))
            .to.be.revertedWithCustomError(consents, "ConsentUnknownGrant")
            .withArgs(id);
        }
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts on a zero request reference", async function () {
        const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, ZERO32))
          .to.be.revertedWithCustomError(consents, "ConsentZeroRequestRef")
          .withArgs();
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for a caller who is not an official, including the subject", async function () {
        const { consents, citizen, outsider, admin, guardian, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        for (const caller of [outsider, citizen, admin, guardian]) {
          await expect(consents.connect(caller).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
            .to.be.revertedWithCustomError(consents, "ConsentNotOfficial")
            .withArgs(caller.address);
        }
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for an official of another department", async function () {
        const { consents, citizen, samr, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        for (const caller of [samr.official, samr.head]) {
          await expect(consents.connect(caller).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
            .to.be.revertedWithCustomError(consents, "ConsentWrongDepartment")
            .withArgs(grantId, TAX_ID, SAMR_ID);
        }
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for a revoked grant", async function () {
        const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
        await consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1);
        const revokedAt = await blockTime(await consents.connect(citizen).revoke(grantId));
        const before = await grantState(consents, [citizen.address]);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_2))
          .to.be.revertedWithCustomError(consents, "ConsentGrantRevoked")
          .withArgs(grantId, revokedAt);
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
        expect((await consents.getGrant(grantId)).accessCount).to.equal(1n);
      });

      it("reverts for a grant that expired, from exactly its expiry on", async function () {
        const { consents, citizen, tax, grantId, expiresAt } = await loadFixture(grantFixture);
        await time.increaseTo(expiresAt - 1n);
        expect(await consents.isGrantValid(grantId)).to.equal(true);
        await time.setNextBlockTimestamp(expiresAt);
        const before = await grantState(consents, [citizen.address]);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
          .to.be.revertedWithCustomError(consents, "ConsentGrantExpired")
          .withArgs(grantId, expiresAt);
        await time.increaseTo(expiresAt);
        expect(await consents.isGrantValid(grantId)).to.equal(false);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
          .to.be.revertedWithCustomError(consents, "ConsentGrantExpired")
          .withArgs(grantId, expiresAt);
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for another category than the one granted", async function () {
        const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        await expect(consents.connect(tax.official).recordAccess(grantId, HOUSEHOLD, LOAN, REF_1))
          .to.be.revertedWithCustomError(consents, "ConsentWrongCategory")
          .withArgs(grantId, TAX_RECORD, HOUSEHOLD);
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for another purpose than the one granted", async function () {
        const { consents, citizen, tax, grantId } = await loadFixture(grantFixture);
        const before = await grantState(consents, [citizen.address]);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, AUDIT, REF_1))
          .to.be.revertedWithCustomError(consents, "ConsentWrongPurpose")
          .withArgs(grantId, LOAN, AUDIT);
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
      });

      it("reverts for an official of a deactivated department until it is reactivated", async function () {
        const { consents, directory, citizen, tax, grantId } = await loadFixture(grantFixture);
        await directory.setDepartmentActive(TAX_ID, false);
        const before = await grantState(consents, [citizen.address]);
        for (const caller of [tax.official, tax.head]) {
          await expect(consents.connect(caller).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
            .to.be.revertedWithCustomError(consents, "ConsentNotOfficial")
            .withArgs(caller.address);
        }
        expect(await grantState(consents, [citizen.address])).to.deep.equal(before);
        await directory.setDepartmentActive(TAX_ID, true);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
          .to.emit(consents, "DataAccessed")
          .withArgs(grantId, citizen.address, TAX_ID, tax.official.address, TAX_RECORD, LOAN, REF_1);
      });

      it("reverts for an official who has been removed from the granted department", async function () {
        const { consents, manager, citizen, tax, grantId } = await loadFixture(grantFixture);
        await manager.connect(tax.head).revokeRole(officialRole(TAX_ID), tax.official.address);
        await expect(consents.connect(tax.official).recordAccess(grantId, TAX_RECORD, LOAN, REF_1))
          .to.be.revertedWithCustomError(consents, "ConsentNotOfficial")
          .withArgs(tax.official.address);
        expect((await consents.getGrant(grantId)).accessCount).to.equal(0n);
        expect((await grantState(consents, [citizen.address])).count).to.equal(1n);
      });
    });
  });

  describe("views", function () {
    it("isGrantValid follows the grant over time: valid until expiry, then never again", async function () {
      const { consents, grantId, grantedAt, expiresAt } = await loadFixture(grantFixture);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
      await time.increaseTo(grantedAt + 15n * DAY);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
      await time.increaseTo(expiresAt - 1n);
      expect(await consents.isGrantValid(grantId)).to.equal(true);
      await time.increaseTo(expiresAt);
      expect(await consents.isGrantValid(grantId)).to.equal(false);
      await time.increaseTo(expiresAt + 365n * DAY);
      expect(await consents.isGrantValid(grantId)).to.equal(false);
    });

    it("isGrantValid is false once revoked, even before expiry", async function () {
      const { consents, citizen, grantId, expiresAt } = await loadFixture(grantFixture);
      await consents.connect(citizen).revoke(grantId);
      expect(await consents.isGrantValid(grantId)).to.equal(false);
      await time.increaseTo(expiresAt - 1n);
      expect(await consents.isGrantValid(grantId)).to.equal(false);
    });

    it("isGrantValid is false for unknown grants", async function () {
      const { consents, grantId } = await loadFixture(grantFixture);
      expect(await consents.isGrantValid(0n)).to.equal(false);
      expect(await consents.isGrantValid(grantId + 1n)).to.equal(false);
    });

    it("getGrant reverts for an unknown grant", async function () {
      const { consents, grantId } = await loadFixture(grantFixture);
      for (const id of [0n, grantId + 1n]) {
        await expect(consents.getGrant(id)).to.be.revertedWithCustomError(consents, "ConsentUnknownGrant").withArgs(id);
      }
    });

    it("category reverts for an unknown category", async function () {
      const { consents } = await loadFixture(categoriesFixture);
      await expect(consents.category(UNKNOWN_CATEGORY))
        .to.be.revertedWithCustomError(consents, "ConsentUnknownCategory")
        .withArgs(UNKNOWN_CATEGORY);
    });

    it("grantCount counts every grant, revoked and expired ones included", async function () {
      const { consents, citizen, otherCitizen, grantId, expiresAt } = await loadFixture(grantFixture);
      expect(await consents.grantCount()).to.equal(1n);
      await consents.connect(otherCitizen).grant(SAMR_ID, HOUSEHOLD, AUDIT, expiresAt);
      expect(await consents.grantCount()).to.equal(2n);
      await consents.connect(citizen).revoke(grantId);
      await time.increaseTo(expiresAt);
      expect(await consents.grantCount()).to.equal(2n);
    });

    it("grantsOf pages through a subject's grants, oldest first", async function () {
      const { consents, citizen, otherCitizen, outsider } = await loadFixture(categoriesFixture);
      const expiresAt = BigInt(await time.latest()) + DAY;
      // Interleave two subjects so that a subject's ids are not contiguous.
      for (let i = 0; i < 5; i++) {
        await consents.connect(citizen).grant(TAX_ID, TAX_RECORD, LOAN, expiresAt);
        await consents.connect(otherCitizen).grant(SAMR_ID, HOUSEHOLD, AUDIT, expiresAt);
      }
      expect(await consents.grantsOf(citizen.address, 0, MAX_PAGE)).to.deep.equal([1n, 3n, 5n, 7n, 9n]);
      expect(await consents.grantsOf(otherCitizen.address, 0, MAX_PAGE)).to.deep.equal([2n, 4n, 6n, 8n, 10n]);
      expect(await consents.grantsOf(citizen.address, 0, 2)).to.deep.equal([1n, 3n]);
      expect(await consents.grantsOf(citizen.address, 2, 2)).to.deep.equal([5n, 7n]);
      expect(await consents.grantsOf(citizen.address, 4, 2)).to.deep.equal([9n]);
      expect(await consents.grantsOf(citizen.address, 5, 2)).to.deep.equal([]);
      expect(await consents.grantsOf(citizen.address, 1000, 1)).to.deep.equal([]);
      expect(await consents.grantsOf(citizen.address, 4, 1)).to.deep.equal([9n]);
      expect(await consents.grantsOf(outsider.address, 0, 1)).to.deep.equal([]);
    });

    it("grantsOf reverts on a limit of 0 or above 200", async function () {
      const { consents, citizen } = await loadFixture(grantFixture);
      await expect(consents.grantsOf(citizen.address, 0, 0))
        .to.be.revertedWithCustomError(consents, "ConsentInvalidLimit")
        .withArgs(0n, MAX_PAGE);
      await expect(consents.grantsOf(citizen.address, 0, MAX_PAGE + 1n))
        .to.be.revertedWithCustomError(consents, "ConsentInvalidLimit")
        .withArgs(MAX_PAGE + 1n, MAX_PAGE);
      expect(await consents.grantsOf(citizen.address, 0, MAX_PAGE)).to.deep.equal([1n]);
    });
  });

  describe("audit trail", function () {
    interface Access {
      official: string;
      requestRef: string;
      at: bigint;
    }
    interface TrailEntry {
      grantId: bigint;
      departmentId: bigint;
      category: string;
      purpose: string;
      expiresAt: bigint;
      grantedAt: bigint;
      revokedAt: bigint;
      accesses: Access[];
    }

    it("lets a subject rebuild their whole trail from events alone", async function () {
      const { consents, citizen, otherCitizen, samr, tax } = await loadFixture(categoriesFixture);
      const expected = new Map<bigint, TrailEntry>();
      const now = BigInt(await time.latest());

      // What happens: two grants by the citizen, one by someone else, accesses to all three, a failed
      // access, a revocation and an access refused after it.
      const grant = async (
        subject: typeof citizen,
        departmentId: bigint,
        category: string,
        purpose: string,
        expiresAt: bigint,
      ) => {
        const grantId = (await consents.grantCount()) + 1n;
        const at = await blockTime(await consents.connect(subject).grant(departmentId, category, purpose, expiresAt));
        if (subject === citizen) {
          expected.set(grantId, {
            grantId,
            departmentId,
            category,
            purpose,
            expiresAt,
            grantedAt: at,
            revokedAt: 0n,
            accesses: [],
          });
        }
        return grantId;
      };
      const access = async (
        official: typeof citizen,
        grantId: bigint,
        category: string,
        purpose: string,
        requestRef: string,
      ) => {
        const at = await blockTime(
          await consents.connect(official).recordAccess(grantId, category, purpose, requestRef),
        );
        expected.get(grantId)?.accesses.push({ official: official.address, requestRef, at });
      };

      const taxGrant = await grant(citizen, TAX_ID, TAX_RECORD, LOAN, now + 30n * DAY);
      const othersGrant = await grant(otherCitizen, TAX_ID, TAX_RECORD, LOAN, now + 30n * DAY);
      await time.increase(60);
      const samrGrant = await grant(citizen, SAMR_ID, HOUSEHOLD, AUDIT, now + 7n * DAY);
      await access(tax.official, taxGrant, TAX_RECORD, LOAN, REF_1);
      await access(tax.official, othersGrant, TAX_RECORD, LOAN, label32("TAX-REQ-OTHER"));
      await time.increase(3600);
      await access(samr.official, samrGrant, HOUSEHOLD, AUDIT, label32("SAMR-REQ-7"));
      await expect(consents.connect(samr.official).recordAccess(taxGrant, TAX_RECORD, LOAN, REF_2))
        .to.be.revertedWithCustomError(consents, "ConsentWrongDepartment")
        .withArgs(taxGrant, TAX_ID, SAMR_ID);
      await access(tax.head, taxGrant, TAX_RECORD, LOAN, REF_2);
      const revokedAt = await blockTime(await consents.connect(citizen).revoke(samrGrant));
      (expected.get(samrGrant) as TrailEntry).revokedAt = revokedAt;
      await expect(consents.connect(samr.official).recordAccess(samrGrant, HOUSEHOLD, AUDIT, label32("SAMR-REQ-8")))
        .to.be.revertedWithCustomError(consents, "ConsentGrantRevoked")
        .withArgs(samrGrant, revokedAt);
      await consents.connect(otherCitizen).revoke(othersGrant);

      // The subject's view: only events, filtered by the indexed subject.
      const timeOf = async (blockNumber: number) => BigInt((await ethers.provider.getBlock(blockNumber))!.timestamp);
      const trail = new Map<bigint, TrailEntry>();
      for (const log of await consents.queryFilter(consents.filters.ConsentGranted(undefined, citizen.address))) {
        const { grantId, departmentId, category, purpose, expiresAt } = log.args;
        trail.set(grantId, {
          grantId,
          departmentId,
          category,
          purpose,
          expiresAt,
          grantedAt: await timeOf(log.blockNumber),
          revokedAt: 0n,
          accesses: [],
        });
      }
      for (const log of await consents.queryFilter(consents.filters.ConsentRevoked(undefined, citizen.address))) {
        const entry = trail.get(log.args.grantId);
        if (entry === undefined) throw new Error(`revocation of a grant not in the trail: ${log.args.grantId}`);
        expect(log.args.departmentId).to.equal(entry.departmentId);
        entry.revokedAt = await timeOf(log.blockNumber);
      }
      for (const log of await consents.queryFilter(consents.filters.DataAccessed(undefined, citizen.address))) {
        const { grantId, departmentId, official, category, purpose, requestRef } = log.args;
        const entry = trail.get(grantId);
        if (entry === undefined) throw new Error(`access to a grant not in the trail: ${grantId}`);
        expect([departmentId, category, purpose]).to.deep.equal([entry.departmentId, entry.category, entry.purpose]);
        entry.accesses.push({ official, requestRef, at: await timeOf(log.blockNumber) });
      }

      expect([...trail.keys()]).to.deep.equal([taxGrant, samrGrant]);
      expect(trail).to.deep.equal(expected);
      expect(trail.get(taxGrant)?.accesses.map((a) => a.official)).to.deep.equal([
        tax.official.address,
        tax.head.address,
      ]);
      // The trail agrees with the registry's own state.
      for (const entry of trail.values()) {
        const g = await consents.getGrant(entry.grantId);
        expect(g.subject).to.equal(citizen.address);
        expect(g.departmentId).to.equal(entry.departmentId);
        expect(g.category).to.equal(entry.category);
        expect(g.purpose).to.equal(entry.purpose);
        expect(g.expiresAt).to.equal(entry.expiresAt);
        expect(g.grantedAt).to.equal(entry.grantedAt);
        expect(g.revokedAt).to.equal(entry.revokedAt);
        expect(g.accessCount).to.equal(BigInt(entry.accesses.length));
      }
      expect(await consents.grantsOf(citizen.address, 0, MAX_PAGE)).to.deep.equal([...trail.keys()]);
    });
  });
});

import { expect } from "chai";
import type { ContractTransactionResponse, Signer as EthersSigner } from "ethers";
import { network } from "hardhat";

import { headRole, officialRole } from "../lib/departments.js";
import { documentDigest, label32, type Hex } from "../lib/hashing.js";
import {
  LICENSE_APPROVAL_TYPES,
  formatLicenseNumber,
  licenseApprovalDomain,
  type SignedApproval,
} from "../lib/licensing.js";
import type { LicenseRegistry } from "../types/ethers-contracts/index.js";
import { deployLicensing, signApproval } from "./helpers/licensing.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const HOUR = 3600n;
const DAY = 24n * HOUR;
const YEAR = 365n * DAY;
const SAMR = 1n;
const TAX = 2n;
const PSB = 3n;
/** Type ids registered by typesFixture. */
const BL = 1n;
const FOOD = 2n;
const Stage = { None: 0n, Pending: 1n, Rejected: 2n, Issued: 3n, Withdrawn: 4n };
const LicenseStatus = { None: 0n, Valid: 1n, Expired: 2n, Suspended: 3n, Revoked: 4n };
const MAX_PAGE = 200n;
/** A unified social credit code: the licensee's public identifier. */
const SUBJECT = label32("91110000MA01ABCD1X");
const OTHER_SUBJECT = label32("91310000MA1FL8XQ3K");
/** A distinct subject per index, for fixtures with several applicants (one subject, one licence). */
function subject(i: number): Hex {
  return label32(`91440300MA5F${String(i).padStart(6, "0")}`);
}

let documentCounter = 0;
/** `n` fresh document digests (SHA-256, as sha256sum prints them). */
function docs(n = 2): Hex[] {
  return Array.from({ length: n }, () => {
    documentCounter += 1;
    return documentDigest(`application document ${documentCounter}`);
  });
}

function comment(text: string): Hex {
  return documentDigest(`comment: ${text}`);
}

/** The licence-number year: the calendar year in China Standard Time (UTC+8). */
function cstYear(timestamp: bigint): number {
  return new Date(Number(timestamp + 8n * HOUR) * 1000).getUTCFullYear();
}

/** Deployed through Ignition, SAMR/TAX/PSB staffed; type 1 BL (SAMR+TAX+PSB, renewable by SAMR), type 2 FOOD (SAMR+TAX, not renewable). */
async function deployedFixture() {
  const f = await deployLicensing(connection, 3);
  const [samr, tax, psb] = f.departments;
  const [applicant, other, ...more] = f.spare;
  return { ...f, samr, tax, psb, applicant, other, more };
}

async function typesFixture() {
  const f = await deployedFixture();
  await f.licenses.registerLicenseType("BL", "营业执照", SAMR, [SAMR, TAX, PSB], YEAR, true, [SAMR]);
  await f.licenses.registerLicenseType("FOOD", "食品经营许可证", SAMR, [SAMR, TAX], YEAR, false, []);
  return f;
}

/** Application 1: the applicant applies for a BL with two documents at `submittedAt`. */
async function submittedFixture() {
  const f = await typesFixture();
  const documents = docs(2);
  const submittedAt = BigInt(await time.latest()) + 10n;
  await time.setNextBlockTimestamp(submittedAt);
  await f.licenses.connect(f.applicant).submit(BL, SUBJECT, documents);
  return { ...f, appId: 1n, documents, submittedAt };
}

/** Application 1 approved by SAMR, TAX and then PSB (which issues licence 1 at `issuedAt`). */
async function issuedFixture() {
  const f = await submittedFixture();
  await f.licenses.connect(f.samr.official).approve(f.appId, comment("samr ok"));
  await f.licenses.connect(f.tax.official).approve(f.appId, comment("tax ok"));
  const issuedAt = f.submittedAt + HOUR;
  await time.setNextBlockTimestamp(issuedAt);
  await f.licenses.connect(f.psb.official).approve(f.appId, comment("psb ok"));
  const number = formatLicenseNumber("BL", cstYear(issuedAt), 1);
  return { ...f, licenseId: 1n, issuedAt, validUntil: issuedAt + YEAR, number };
}

/** Any ethers signer with a known address (Hardhat signers, wallets). */
type Official = EthersSigner & { address: string };

/** One department's EIP-712 approval of `applicationId` (defaults: round 0, valid a day from now). */
async function sign(
  licenses: LicenseRegistry,
  official: Official,
  departmentId: bigint,
  applicationId: bigint,
  options: { round?: bigint; deadline?: bigint; commentDigest?: Hex; chainId?: bigint } = {},
): Promise<SignedApproval> {
  const now = BigInt(await time.latest());
  // The helper's structural signer type is narrower than ethers' signTypedData signature; the call is the same.
  return signApproval(
    licenses,
    official as unknown as Parameters<typeof signApproval>[1],
    {
      applicationId,
      departmentId,
      round: options.round ?? 0n,
      commentDigest: options.commentDigest ?? comment(`department ${departmentId} signs ${applicationId}`),
      deadline: options.deadline ?? now + DAY,
    },
    options.chainId,
  );
}

/** The ApplicationApproved events a transaction emitted, in order, as plain argument lists. */
async function approvedEvents(licenses: LicenseRegistry, tx: Promise<ContractTransactionResponse>) {
  const receipt = await (await tx).wait();
  const event = licenses.interface.getEvent("ApplicationApproved");
  return receipt!.logs
    .filter((log) => log.topics[0] === event.topicHash)
    .map((log) => [...licenses.interface.decodeEventLog(event, log.data, log.topics)]);
}

/** An ethers Result (struct or array, at any depth) as plain arrays, for deep comparisons. */
function plain(value: unknown): unknown {
  return Array.isArray(value) ? Array.from(value, plain) : value;
}

/** Everything the registry stores, as plain values, to compare before and after a revert. */
async function registryState(licenses: LicenseRegistry, licenseCount = 0) {
  const typeCount = await licenses.typeCount();
  const types = [];
  for (let id = 1n; id <= typeCount; id++) types.push(plain(await licenses.licenseType(id)));
  const applicationCount = await licenses.applicationCount();
  const applications = [];
  for (let id = 1n; id <= applicationCount; id++) applications.push(plain(await licenses.getApplication(id)));
  const licensesOut = [];
  for (let id = 1n; id <= BigInt(licenseCount); id++) {
    licensesOut.push([plain(await licenses.getLicense(id)), await licenses.licenseStatus(id)]);
  }
  return { typeCount, types, applicationCount, applications, licenses: licensesOut };
}

describe("LicenseRegistry", function () {
  describe("deployment", function () {
    it("is wired to its token by the Ignition module and exposes the approval type hash", async function () {
      const { licenses, licenseToken } = await loadFixture(typesFixture);
      expect(await licenses.token()).to.equal(await licenseToken.getAddress());
      expect(await licenseToken.registry()).to.equal(await licenses.getAddress());
      expect(await licenses.APPROVAL_TYPEHASH()).to.equal(
        ethers.id(
          "LicenseApproval(uint256 applicationId,uint32 round,uint32 departmentId,bytes32 commentDigest,uint48 deadline)",
        ),
      );
      const domain = await licenses.eip712Domain();
      expect([domain.name, domain.version, domain.chainId, domain.verifyingContract]).to.deep.equal([
        "govchain licences",
        "1",
        31337n,
        await licenses.getAddress(),
      ]);
    });
  });

  describe("setToken", function () {
    it("reverts with LicenseTokenAlreadySet once a token is connected", async function () {
      const { licenses, licenseToken } = await loadFixture(typesFixture);
      const otherToken = await ethers.deployContract("LicenseToken", [await licenses.getAddress()]);
      await expect(licenses.setToken(await otherToken.getAddress()))
        .to.be.revertedWithCustomError(licenses, "LicenseTokenAlreadySet")
        .withArgs(await licenseToken.getAddress());
      expect(await licenses.token()).to.equal(await licenseToken.getAddress());
    });

    it("reverts with LicenseTokenUnauthorized for anyone but the deploying account, so the token cannot be front-run", async function () {
      const { licenses, manager, directory, outsider } = await loadFixture(typesFixture);
      const second = await ethers.deployContract("LicenseRegistry", [await manager.getAddress(), await directory.getAddress()]);
      const own = await ethers.deployContract("LicenseToken", [await second.getAddress()]);
      await expect(second.connect(outsider).setToken(await own.getAddress()))
        .to.be.revertedWithCustomError(second, "LicenseTokenUnauthorized")
        .withArgs(outsider.address);
      expect(await second.token()).to.equal(ethers.ZeroAddress);
      expect(await licenses.token()).to.not.equal(ethers.ZeroAddress);
    });

    it("reverts with LicenseTokenMismatch for a token naming another registry, then connects its own with an event", async function () {
      const { licenses, licenseToken, manager, directory } = await loadFixture(typesFixture);
      const second = await ethers.deployContract("LicenseRegistry", [await manager.getAddress(), await directory.getAddress()]);
      await expect(second.setToken(await licenseToken.getAddress()))
        .to.be.revertedWithCustomError(second, "LicenseTokenMismatch")
        .withArgs(await licenseToken.getAddress());
      expect(await second.token()).to.equal(ethers.ZeroAddress);
      const own = await ethers.deployContract("LicenseToken", [await second.getAddress()]);
      await expect(second.setToken(await own.getAddress()))
        .to.emit(second, "LicenseTokenConnected")
        .withArgs(await own.getAddress());
      expect(await second.token()).to.equal(await own.getAddress());
      expect(await licenses.token()).to.equal(await licenseToken.getAddress());
    });
  });

  describe("licence types", function () {
    it("registers the business licence with LicenseTypeRegistered and returns it from licenseType", async function () {
      const { licenses } = await loadFixture(deployedFixture);
      expect(await licenses.typeCount()).to.equal(0n);
      await expect(licenses.registerLicenseType("BL", "营业执照", SAMR, [SAMR, TAX, PSB], YEAR, true, [SAMR]))
        .to.emit(licenses, "LicenseTypeRegistered")
        .withArgs(1n, "BL", "营业执照", SAMR, YEAR, true, [SAMR, TAX, PSB], [SAMR]);
      expect(await licenses.typeCount()).to.equal(1n);
      const t = await licenses.licenseType(1);
      expect([t.id, t.code, t.name, t.issuingDepartment, t.validity, t.renewable, t.active]).to.deep.equal([
        1n,
        "BL",
        "营业执照",
        SAMR,
        YEAR,
        true,
        true,
      ]);
      expect([...t.requiredDepartments]).to.deep.equal([SAMR, TAX, PSB]);
      expect([...t.renewalDepartments]).to.deep.equal([SAMR]);
      await expect(licenses.registerLicenseType("FOOD", "食品经营许可证", SAMR, [SAMR, TAX], YEAR, false, []))
        .to.emit(licenses, "LicenseTypeRegistered")
        .withArgs(2n, "FOOD", "食品经营许可证", SAMR, YEAR, false, [SAMR, TAX], []);
      expect(await licenses.typeCount()).to.equal(2n);
      const food = await licenses.licenseType(FOOD);
      expect([food.code, food.renewable, [...food.requiredDepartments], [...food.renewalDepartments]]).to.deep.equal([
        "FOOD",
        false,
        [SAMR, TAX],
        [],
      ]);
    });

    it("ignores renewal departments given for a non-renewable type", async function () {
      const { licenses } = await loadFixture(typesFixture);
      await expect(licenses.registerLicenseType("PERMIT", "许可", TAX, [TAX], DAY, false, [SAMR, TAX]))
        .to.emit(licenses, "LicenseTypeRegistered")
        .withArgs(3n, "PERMIT", "许可", TAX, DAY, false, [TAX], []);
      expect([...(await licenses.licenseType(3)).renewalDepartments]).to.deep.equal([]);
    });

    it("reverts on an empty or duplicate code, zero validity, unknown departments and changes nothing", async function () {
      const { licenses } = await loadFixture(typesFixture);
      const before = await registryState(licenses);
      await expect(
        licenses.registerLicenseType("", "x", SAMR, [SAMR], YEAR, false, []),
      ).to.be.revertedWithCustomError(licenses, "LicenseEmptyTypeCode");
      await expect(licenses.registerLicenseType("BL", "x", SAMR, [SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateTypeCode")
        .withArgs("BL", BL);
      await expect(licenses.registerLicenseType("FOOD", "x", SAMR, [SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateTypeCode")
        .withArgs("FOOD", FOOD);
      await expect(
        licenses.registerLicenseType("XX", "x", SAMR, [SAMR], 0, false, []),
      ).to.be.revertedWithCustomError(licenses, "LicenseZeroValidity");
      await expect(licenses.registerLicenseType("XX", "x", 4, [SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownDepartment")
        .withArgs(4n);
      await expect(licenses.registerLicenseType("XX", "x", 0, [SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownDepartment")
        .withArgs(0n);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [SAMR, 4], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownDepartment")
        .withArgs(4n);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [0], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownDepartment")
        .withArgs(0n);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [SAMR], YEAR, true, [TAX, 9]))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownDepartment")
        .withArgs(9n);
      expect(await registryState(licenses)).to.deep.equal(before);
    });

    it("type codes follow the department code rules: LicenseInvalidTypeCode for a bad code, and nothing changes", async function () {
      const { licenses } = await loadFixture(typesFixture);
      const before = await registryState(licenses);
      const bad = ["B", "A".repeat(17), "bl", "B L", "../../outside", 'A"B', "A\\B", "营业", "BL\n", "B.L", "Ä1"];
      for (const code of bad) {
        await expect(licenses.registerLicenseType(code, "x", SAMR, [SAMR], YEAR, false, []))
          .to.be.revertedWithCustomError(licenses, "LicenseInvalidTypeCode")
          .withArgs(code);
      }
      expect(await registryState(licenses)).to.deep.equal(before);
      for (const code of ["AB", "A".repeat(16), "Z9-_0", "0-_"]) {
        await expect(licenses.registerLicenseType(code, "x", SAMR, [SAMR], YEAR, false, [])).to.emit(licenses, "LicenseTypeRegistered");
      }
    });

    it("reverts with LicenseNoRequiredDepartments, LicenseTooManyDepartments and LicenseDuplicateDepartment", async function () {
      const { licenses } = await loadFixture(typesFixture);
      const before = await registryState(licenses);
      await expect(
        licenses.registerLicenseType("XX", "x", SAMR, [], YEAR, false, []),
      ).to.be.revertedWithCustomError(licenses, "LicenseNoRequiredDepartments");
      await expect(
        licenses.registerLicenseType("XX", "x", SAMR, [SAMR], YEAR, true, []),
      ).to.be.revertedWithCustomError(licenses, "LicenseNoRequiredDepartments");
      const thirtyThree = Array.from({ length: 33 }, (_, i) => BigInt((i % 3) + 1));
      await expect(licenses.registerLicenseType("XX", "x", SAMR, thirtyThree, YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseTooManyDepartments")
        .withArgs(33n, 32n);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [SAMR], YEAR, true, thirtyThree))
        .to.be.revertedWithCustomError(licenses, "LicenseTooManyDepartments")
        .withArgs(33n, 32n);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [SAMR, TAX, SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateDepartment")
        .withArgs(SAMR);
      await expect(licenses.registerLicenseType("XX", "x", SAMR, [SAMR], YEAR, true, [PSB, PSB]))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateDepartment")
        .withArgs(PSB);
      expect(await registryState(licenses)).to.deep.equal(before);
    });

    it("reverts with AccessManagedUnauthorized for anyone but the platform administrator", async function () {
      const { licenses, samr, outsider } = await loadFixture(typesFixture);
      await expect(licenses.connect(samr.head).registerLicenseType("XX", "x", SAMR, [SAMR], YEAR, false, []))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(samr.head.address);
      await expect(licenses.connect(outsider).setLicenseTypeActive(BL, false))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
      expect(await licenses.typeCount()).to.equal(2n);
      expect((await licenses.licenseType(BL)).active).to.equal(true);
    });

    it("closes and reopens a type with LicenseTypeActiveSet; unchanged and unknown types revert", async function () {
      const { licenses, applicant } = await loadFixture(typesFixture);
      await expect(licenses.setLicenseTypeActive(BL, false)).to.emit(licenses, "LicenseTypeActiveSet").withArgs(BL, false);
      expect((await licenses.licenseType(BL)).active).to.equal(false);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseTypeInactive")
        .withArgs(BL);
      await expect(licenses.setLicenseTypeActive(BL, false))
        .to.be.revertedWithCustomError(licenses, "LicenseTypeStatusUnchanged")
        .withArgs(BL, false);
      await expect(licenses.setLicenseTypeActive(FOOD, true))
        .to.be.revertedWithCustomError(licenses, "LicenseTypeStatusUnchanged")
        .withArgs(FOOD, true);
      await expect(licenses.setLicenseTypeActive(9, true))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownType")
        .withArgs(9n);
      await expect(licenses.licenseType(9)).to.be.revertedWithCustomError(licenses, "LicenseUnknownType").withArgs(9n);
      expect(await licenses.applicationCount()).to.equal(0n);
      await expect(licenses.setLicenseTypeActive(BL, true)).to.emit(licenses, "LicenseTypeActiveSet").withArgs(BL, true);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
    });

    it("supports the full 32 required departments: every slot of the approval mask counts", async function () {
      const { licenses, directory, manager, admin } = await loadFixture(typesFixture);
      const officials = [];
      for (let i = 4; i <= 32; i++) {
        await directory.registerDepartment(`D${i}`, `部门${i}`, `Department ${i}`, "");
        const wallet = ethers.Wallet.createRandom().connect(ethers.provider);
        await admin.sendTransaction({ to: wallet.address, value: ethers.parseEther("1") });
        await manager.grantRole(headRole(i), wallet.address, 0);
        officials.push(wallet);
      }
      const all = Array.from({ length: 32 }, (_, i) => BigInt(i + 1));
      await licenses.registerLicenseType("ALL", "全部门", SAMR, all, YEAR, false, []);
      const typeId = await licenses.typeCount();
      const signers = await ethers.getSigners();
      const applicant = signers[signers.length - 1];
      await licenses.connect(applicant).submit(typeId, SUBJECT, docs());
      const appId = await licenses.applicationCount();
      const firstThree = [signers[3], signers[5], signers[7]];
      for (const [i, official] of firstThree.entries()) {
        await licenses.connect(official).approve(appId, comment(`d${i + 1}`));
      }
      for (const [i, official] of officials.slice(0, -1).entries()) {
        await licenses.connect(official).approve(appId, comment(`d${i + 4}`));
      }
      expect((await licenses.getApplication(appId)).stage).to.equal(Stage.Pending);
      expect((await licenses.getApplication(appId)).approvalMask).to.equal(2n ** 31n - 1n);
      const last = officials[officials.length - 1];
      await expect(licenses.connect(last).approve(appId, comment("d32")))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(appId, 32n, last.address, comment("d32"), false);
      const app = await licenses.getApplication(appId);
      expect([app.stage, app.approvalMask]).to.deep.equal([Stage.Issued, 2n ** 32n - 1n]);
      expect(await licenses.hasValidLicense(applicant.address, typeId)).to.equal(true);
    });
  });

  describe("applications", function () {
    it("submit records the application and emits ApplicationSubmitted with the digests", async function () {
      const { licenses, applicant } = await loadFixture(typesFixture);
      const documents = docs(3);
      const at = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(at);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, documents))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(1n, BL, applicant.address, SUBJECT, documents, 0n);
      const a = await licenses.getApplication(1);
      expect([
        a.typeId,
        a.stage,
        a.renewal,
        a.round,
        a.approvalMask,
        a.submittedAt,
        a.decidedAt,
        a.applicant,
        a.subjectId,
        a.documentsHash,
        a.licenseId,
      ]).to.deep.equal([
        BL,
        Stage.Pending,
        false,
        0n,
        0n,
        at,
        0n,
        applicant.address,
        SUBJECT,
        ethers.solidityPackedKeccak256(["bytes32[]"], [documents]),
        0n,
      ]);
      expect(await licenses.applicationCount()).to.equal(1n);
      expect([...(await licenses.applicationsOf(applicant.address, 0, 10))]).to.deep.equal([1n]);
      await expect(licenses.getApplication(2)).to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication").withArgs(2n);
    });

    it("submit reverts on bad input and changes nothing", async function () {
      const { licenses, applicant, other } = await loadFixture(submittedFixture);
      const before = await registryState(licenses);
      const d = docs(3);
      await expect(licenses.connect(other).submit(BL, SUBJECT, [])).to.be.revertedWithCustomError(
        licenses,
        "LicenseNoDocuments",
      );
      await expect(licenses.connect(other).submit(BL, SUBJECT, [d[0], d[1], ethers.ZeroHash]))
        .to.be.revertedWithCustomError(licenses, "LicenseZeroDigest")
        .withArgs(2n);
      await expect(licenses.connect(other).submit(BL, SUBJECT, [ethers.ZeroHash, d[0]]))
        .to.be.revertedWithCustomError(licenses, "LicenseZeroDigest")
        .withArgs(0n);
      await expect(licenses.connect(other).submit(7, SUBJECT, d))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownType")
        .withArgs(7n);
      await expect(licenses.connect(other).submit(0, SUBJECT, d))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownType")
        .withArgs(0n);
      await expect(licenses.connect(applicant).submit(BL, OTHER_SUBJECT, d))
        .to.be.revertedWithCustomError(licenses, "LicenseApplicationOpen")
        .withArgs(applicant.address, BL, 1n);
      await licenses.setLicenseTypeActive(FOOD, false);
      await expect(licenses.connect(other).submit(FOOD, SUBJECT, d))
        .to.be.revertedWithCustomError(licenses, "LicenseTypeInactive")
        .withArgs(FOOD);
      const after = await registryState(licenses);
      expect(after.applications).to.deep.equal(before.applications);
      expect(after.applicationCount).to.equal(1n);
      expect([...(await licenses.applicationsOf(other.address, 0, 10))]).to.deep.equal([]);
      // One open application per type: another type is fine.
      await licenses.setLicenseTypeActive(FOOD, true);
      await expect(licenses.connect(applicant).submit(FOOD, SUBJECT, d))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(2n, FOOD, applicant.address, SUBJECT, d, 0n);
    });

    it("each required department approves by transaction; the last approval issues the licence in the same transaction", async function () {
      const { licenses, licenseToken, applicant, samr, tax, psb, submittedAt, documents } = await loadFixture(submittedFixture);
      await expect(licenses.connect(samr.official).approve(1, comment("samr")))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, comment("samr"), false);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(1n);
      // A head counts as an official of its department.
      await expect(licenses.connect(tax.head).approve(1, comment("tax")))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, TAX, tax.head.address, comment("tax"), false);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(3n);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(false);
      await expect(licenses.getLicense(1)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(1n);

      const issuedAt = submittedAt + 2n * DAY + 17n;
      await time.setNextBlockTimestamp(issuedAt);
      const number = formatLicenseNumber("BL", cstYear(issuedAt), 1);
      const tx = licenses.connect(psb.official).approve(1, comment("psb"));
      await expect(tx).to.emit(licenses, "ApplicationApproved").withArgs(1n, PSB, psb.official.address, comment("psb"), false);
      await expect(tx)
        .to.emit(licenses, "LicenseIssued")
        .withArgs(1n, 1n, BL, applicant.address, number, issuedAt, issuedAt + YEAR, issuedAt - submittedAt);
      await expect(tx).to.emit(licenseToken, "Transfer").withArgs(ethers.ZeroAddress, applicant.address, 1n);
      await expect(tx).to.emit(licenseToken, "Locked").withArgs(1n);

      expect(number).to.match(/^BL-20\d\d-000001$/);
      expect(await licenseToken.ownerOf(1)).to.equal(applicant.address);
      expect(await licenseToken.balanceOf(applicant.address)).to.equal(1n);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
      expect(await licenses.hasValidLicense(applicant.address, FOOD)).to.equal(false);
      expect(await licenses.licenseOf(applicant.address, BL)).to.equal(1n);
      expect(await licenses.licenseOf(applicant.address, FOOD)).to.equal(0n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      expect(await licenses.licenseNumber(1)).to.equal(number);
      expect(await licenses.licenseByNumber(number)).to.equal(1n);
      const l = await licenses.getLicense(1);
      expect([
        l.typeId,
        l.suspended,
        l.revoked,
        l.holder,
        l.issuedAt,
        l.validFrom,
        l.validUntil,
        l.year,
        l.sequence,
        l.subjectId,
        l.applicationId,
      ]).to.deep.equal([BL, false, false, applicant.address, issuedAt, issuedAt, issuedAt + YEAR, BigInt(cstYear(issuedAt)), 1n, SUBJECT, 1n]);
      const a = await licenses.getApplication(1);
      expect([a.stage, a.approvalMask, a.decidedAt, a.licenseId, a.documentsHash]).to.deep.equal([
        Stage.Issued,
        7n,
        issuedAt,
        1n,
        ethers.solidityPackedKeccak256(["bytes32[]"], [documents]),
      ]);
    });

    it("numbers licences per type in sequence: the second BL is ...-000002, the first FOOD ...-000001", async function () {
      const { licenses, other, more, samr, tax, psb, number, issuedAt } = await loadFixture(issuedFixture);
      await licenses.connect(other).submit(BL, OTHER_SUBJECT, docs());
      await licenses.connect(samr.official).approve(2, comment("a"));
      await licenses.connect(tax.official).approve(2, comment("b"));
      const at = issuedAt + DAY;
      await time.setNextBlockTimestamp(at);
      const second = formatLicenseNumber("BL", cstYear(at), 2);
      await expect(licenses.connect(psb.official).approve(2, comment("c")))
        .to.emit(licenses, "LicenseIssued")
        .withArgs(2n, 2n, BL, other.address, second, at, at + YEAR, at - (await licenses.getApplication(2)).submittedAt);
      expect(await licenses.licenseNumber(2)).to.equal(second);
      expect(await licenses.licenseByNumber(second)).to.equal(2n);
      expect(await licenses.licenseByNumber(number)).to.equal(1n);

      await licenses.connect(more[0]).submit(FOOD, SUBJECT, docs());
      await licenses.connect(tax.official).approve(3, comment("t"));
      const foodAt = at + DAY;
      await time.setNextBlockTimestamp(foodAt);
      const food = formatLicenseNumber("FOOD", cstYear(foodAt), 1);
      await expect(licenses.connect(samr.official).approve(3, comment("s")))
        .to.emit(licenses, "LicenseIssued")
        .withArgs(3n, 3n, FOOD, more[0].address, food, foodAt, foodAt + YEAR, foodAt - (await licenses.getApplication(3)).submittedAt);
      expect((await licenses.getLicense(3)).sequence).to.equal(1n);
    });

    it("takes the number's year in China Standard Time and restarts the sequence each year", async function () {
      const { licenses, applicant, other, more, samr, tax, psb } = await loadFixture(typesFixture);
      // 2031-01-01T00:00:00+08:00 is 2030-12-31T16:00:00Z.
      const newYear = BigInt(Date.UTC(2030, 11, 31, 16, 0, 0) / 1000);
      expect(BigInt(await time.latest())).to.be.lessThan(newYear - DAY);
      for (const [i, account] of [applicant, other, more[0]].entries()) {
        await licenses.connect(account).submit(BL, subject(i), docs());
      }
      for (const id of [1n, 2n, 3n]) {
        await licenses.connect(samr.official).approve(id, comment("s"));
        await licenses.connect(tax.official).approve(id, comment("t"));
      }
      await time.setNextBlockTimestamp(newYear - 1n);
      await licenses.connect(psb.official).approve(1, comment("p"));
      await time.setNextBlockTimestamp(newYear);
      await licenses.connect(psb.official).approve(2, comment("p"));
      await licenses.connect(psb.official).approve(3, comment("p"));
      expect(await licenses.licenseNumber(1)).to.equal("BL-2030-000001");
      expect(await licenses.licenseNumber(2)).to.equal("BL-2031-000001");
      expect(await licenses.licenseNumber(3)).to.equal("BL-2031-000002");
      expect((await licenses.getLicense(2)).year).to.equal(2031n);
      expect(await licenses.licenseByNumber("BL-2031-000002")).to.equal(3n);
    });

    it("licenseByNumber reverts with LicenseUnknownNumber for a number never issued", async function () {
      const { licenses, number } = await loadFixture(issuedFixture);
      const next = number.replace(/000001$/, "000002");
      await expect(licenses.licenseByNumber(next)).to.be.revertedWithCustomError(licenses, "LicenseUnknownNumber").withArgs(next);
      await expect(licenses.licenseByNumber("")).to.be.revertedWithCustomError(licenses, "LicenseUnknownNumber").withArgs("");
      await expect(licenses.licenseByNumber(number.toLowerCase()))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownNumber")
        .withArgs(number.toLowerCase());
      await expect(licenses.licenseNumber(2)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(2n);
    });

    it("LicenseAlreadyHeld while the licence is valid or suspended; allowed again after revocation or expiry", async function () {
      const { licenses, applicant, samr, tax, psb } = await loadFixture(issuedFixture);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseAlreadyHeld")
        .withArgs(applicant.address, BL, 1n);
      await licenses.connect(samr.official).suspend(1, 7);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseAlreadyHeld")
        .withArgs(applicant.address, BL, 1n);
      expect(await licenses.applicationCount()).to.equal(1n);
      await licenses.connect(samr.official).revoke(1, 8);
      const d = docs();
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, d))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(2n, BL, applicant.address, SUBJECT, d, 0n);
      for (const official of [samr.official, tax.official, psb.official]) await licenses.connect(official).approve(2, comment("again"));
      expect(await licenses.licenseOf(applicant.address, BL)).to.equal(2n);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Revoked);
    });

    it("allows a new application once the held licence has expired", async function () {
      const { licenses, applicant, validUntil } = await loadFixture(issuedFixture);
      await time.setNextBlockTimestamp(validUntil - 1n);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseAlreadyHeld")
        .withArgs(applicant.address, BL, 1n);
      await time.setNextBlockTimestamp(validUntil);
      const d = docs();
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, d))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(2n, BL, applicant.address, SUBJECT, d, 0n);
    });

    it("approve reverts with LicenseNotOfficial, LicenseDepartmentNotRequired, LicenseDuplicateApproval, LicenseUnknownApplication and changes nothing", async function () {
      const { licenses, directory, applicant, outsider, samr, psb } = await loadFixture(submittedFixture);
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs());
      await licenses.connect(samr.official).approve(1, comment("samr"));
      const before = await registryState(licenses);
      await expect(licenses.connect(outsider).approve(1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseNotOfficial")
        .withArgs(outsider.address);
      await expect(licenses.connect(applicant).approve(1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseNotOfficial")
        .withArgs(applicant.address);
      await expect(licenses.connect(psb.official).approve(2, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseDepartmentNotRequired")
        .withArgs(2n, PSB);
      await expect(licenses.connect(samr.official).approve(1, comment("again")))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateApproval")
        .withArgs(1n, SAMR);
      await expect(licenses.connect(samr.head).approve(1, comment("head")))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateApproval")
        .withArgs(1n, SAMR);
      await expect(licenses.connect(samr.official).approve(99, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(99n);
      await expect(licenses.connect(samr.official).approve(0, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(0n);
      // An official of a deactivated department cannot act.
      await directory.setDepartmentActive(PSB, false);
      await expect(licenses.connect(psb.official).approve(1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseNotOfficial")
        .withArgs(psb.official.address);
      expect(await registryState(licenses)).to.deep.equal(before);
      await directory.setDepartmentActive(PSB, true);
      await expect(licenses.connect(psb.official).approve(1, comment("x")))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, PSB, psb.official.address, comment("x"), false);
    });

    it("a removed official can no longer approve by transaction", async function () {
      const { licenses, manager, samr } = await loadFixture(submittedFixture);
      await manager.connect(samr.head).revokeRole(officialRole(SAMR), samr.official.address);
      await expect(licenses.connect(samr.official).approve(1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseNotOfficial")
        .withArgs(samr.official.address);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(0n);
    });

    it("LicenseWrongStage: no approval, rejection or signatures after issue, rejection or withdrawal", async function () {
      const { licenses, other, more, outsider, samr, tax, psb } = await loadFixture(issuedFixture);
      const signature = await sign(licenses, samr.official, SAMR, 1n);
      await expect(licenses.connect(samr.official).approve(1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Issued);
      await expect(licenses.connect(samr.official).reject(1, 1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Issued);
      await expect(licenses.connect(outsider).submitApprovals(1, [signature]))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Issued);

      await licenses.connect(other).submit(BL, OTHER_SUBJECT, docs());
      await licenses.connect(tax.official).reject(2, 3, comment("missing"));
      await expect(licenses.connect(psb.official).approve(2, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(2n, Stage.Rejected);
      await expect(licenses.connect(samr.official).reject(2, 1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(2n, Stage.Rejected);

      await licenses.connect(more[0]).submit(BL, OTHER_SUBJECT, docs());
      await licenses.connect(more[0]).withdraw(3);
      await expect(licenses.connect(psb.official).approve(3, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(3n, Stage.Withdrawn);
      await expect(licenses.connect(samr.official).submitApprovals(3, [await sign(licenses, samr.official, SAMR, 3n)]))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(3n, Stage.Withdrawn);
      expect((await licenses.getApplication(2)).approvalMask).to.equal(0n);
      expect((await licenses.getApplication(3)).approvalMask).to.equal(0n);
    });

    it("reject emits ApplicationRejected; amend (round 1) clears approvals and moves the round; approvals again issue", async function () {
      const { licenses, applicant, samr, tax, psb, submittedAt } = await loadFixture(submittedFixture);
      await licenses.connect(samr.official).approve(1, comment("samr"));
      const rejectedAt = submittedAt + DAY;
      await time.setNextBlockTimestamp(rejectedAt);
      await expect(licenses.connect(tax.official).reject(1, 42, comment("tax record missing")))
        .to.emit(licenses, "ApplicationRejected")
        .withArgs(1n, TAX, tax.official.address, 42n, comment("tax record missing"));
      let a = await licenses.getApplication(1);
      expect([a.stage, a.decidedAt, a.approvalMask, a.round]).to.deep.equal([Stage.Rejected, rejectedAt, 1n, 0n]);
      // Still open: no second application of the same type.
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseApplicationOpen")
        .withArgs(applicant.address, BL, 1n);

      const amended = docs(3);
      const amendedAt = rejectedAt + DAY;
      await time.setNextBlockTimestamp(amendedAt);
      await expect(licenses.connect(applicant).amend(1, amended))
        .to.emit(licenses, "ApplicationAmended")
        .withArgs(1n, 1n, amended);
      a = await licenses.getApplication(1);
      expect([a.stage, a.submittedAt, a.decidedAt, a.approvalMask, a.round, a.documentsHash]).to.deep.equal([
        Stage.Pending,
        amendedAt,
        0n,
        0n,
        1n,
        ethers.solidityPackedKeccak256(["bytes32[]"], [amended]),
      ]);
      // SAMR's approval from round 0 was cleared: it approves again.
      await expect(licenses.connect(samr.official).approve(1, comment("samr again")))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, comment("samr again"), false);
      await licenses.connect(tax.official).approve(1, comment("tax ok now"));
      const issuedAt = amendedAt + HOUR;
      await time.setNextBlockTimestamp(issuedAt);
      await expect(licenses.connect(psb.official).approve(1, comment("psb")))
        .to.emit(licenses, "LicenseIssued")
        .withArgs(1n, 1n, BL, applicant.address, formatLicenseNumber("BL", cstYear(issuedAt), 1), issuedAt, issuedAt + YEAR, HOUR);
    });

    it("a second rejection and amendment go to round 2", async function () {
      const { licenses, applicant, psb } = await loadFixture(submittedFixture);
      await licenses.connect(psb.official).reject(1, 1, comment("1"));
      await licenses.connect(applicant).amend(1, docs());
      await licenses.connect(psb.official).reject(1, 2, comment("2"));
      const d = docs(1);
      await expect(licenses.connect(applicant).amend(1, d)).to.emit(licenses, "ApplicationAmended").withArgs(1n, 2n, d);
      const a = await licenses.getApplication(1);
      expect(a.round).to.equal(2n);
    });

    it("reject reverts with LicenseNotOfficial, LicenseDepartmentNotRequired, LicenseUnknownApplication and changes nothing", async function () {
      const { licenses, applicant, outsider, psb, samr } = await loadFixture(submittedFixture);
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs());
      const before = await registryState(licenses);
      await expect(licenses.connect(outsider).reject(1, 1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseNotOfficial")
        .withArgs(outsider.address);
      await expect(licenses.connect(psb.official).reject(2, 1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseDepartmentNotRequired")
        .withArgs(2n, PSB);
      await expect(licenses.connect(samr.official).reject(5, 1, comment("x")))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(5n);
      expect(await registryState(licenses)).to.deep.equal(before);
    });

    it("amend reverts with LicenseNotApplicant, LicenseWrongStage, document errors, LicenseUnknownApplication and changes nothing", async function () {
      const { licenses, applicant, other, tax } = await loadFixture(submittedFixture);
      await expect(licenses.connect(applicant).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Pending);
      await licenses.connect(tax.official).reject(1, 5, comment("no"));
      const before = await registryState(licenses);
      await expect(licenses.connect(other).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseNotApplicant")
        .withArgs(1n, other.address);
      await expect(licenses.connect(applicant).amend(1, [])).to.be.revertedWithCustomError(licenses, "LicenseNoDocuments");
      await expect(licenses.connect(applicant).amend(1, [docs(1)[0], ethers.ZeroHash]))
        .to.be.revertedWithCustomError(licenses, "LicenseZeroDigest")
        .withArgs(1n);
      await expect(licenses.connect(applicant).amend(4, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(4n);
      expect(await registryState(licenses)).to.deep.equal(before);
      await licenses.connect(applicant).withdraw(1);
      await expect(licenses.connect(applicant).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Withdrawn);
    });

    it("amend after issue reverts with LicenseWrongStage", async function () {
      const { licenses, applicant } = await loadFixture(issuedFixture);
      await expect(licenses.connect(applicant).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Issued);
    });

    it("withdraw a pending or rejected application with ApplicationWithdrawn; the applicant may apply again", async function () {
      const { licenses, applicant, tax, submittedAt } = await loadFixture(submittedFixture);
      const at = submittedAt + 100n;
      await time.setNextBlockTimestamp(at);
      await expect(licenses.connect(applicant).withdraw(1)).to.emit(licenses, "ApplicationWithdrawn").withArgs(1n);
      const a = await licenses.getApplication(1);
      expect([a.stage, a.decidedAt]).to.deep.equal([Stage.Withdrawn, at]);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
      await licenses.connect(tax.official).reject(2, 9, comment("no"));
      await expect(licenses.connect(applicant).withdraw(2)).to.emit(licenses, "ApplicationWithdrawn").withArgs(2n);
      expect((await licenses.getApplication(2)).stage).to.equal(Stage.Withdrawn);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
      expect([...(await licenses.applicationsOf(applicant.address, 0, 10))]).to.deep.equal([1n, 2n, 3n]);
    });

    it("withdraw reverts with LicenseNotApplicant, LicenseWrongStage, LicenseUnknownApplication and changes nothing", async function () {
      const { licenses, applicant, other, samr } = await loadFixture(issuedFixture);
      await licenses.connect(other).submit(BL, OTHER_SUBJECT, docs());
      await licenses.connect(samr.official).approve(2, comment("s"));
      const before = await registryState(licenses, 1);
      await expect(licenses.connect(applicant).withdraw(2))
        .to.be.revertedWithCustomError(licenses, "LicenseNotApplicant")
        .withArgs(2n, applicant.address);
      await expect(licenses.connect(applicant).withdraw(1))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(1n, Stage.Issued);
      await expect(licenses.connect(other).withdraw(3))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(3n);
      expect(await registryState(licenses, 1)).to.deep.equal(before);
      await licenses.connect(other).withdraw(2);
      await expect(licenses.connect(other).withdraw(2))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongStage")
        .withArgs(2n, Stage.Withdrawn);
    });

    it("applicationsOf pages an applicant's applications; bad limits revert with LicenseInvalidLimit", async function () {
      const { licenses, applicant, other } = await loadFixture(submittedFixture);
      await licenses.connect(other).submit(BL, OTHER_SUBJECT, docs()); // 2
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs()); // 3
      await licenses.connect(applicant).withdraw(3);
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs()); // 4
      expect([...(await licenses.applicationsOf(applicant.address, 0, 200))]).to.deep.equal([1n, 3n, 4n]);
      expect([...(await licenses.applicationsOf(applicant.address, 0, 2))]).to.deep.equal([1n, 3n]);
      expect([...(await licenses.applicationsOf(applicant.address, 2, 2))]).to.deep.equal([4n]);
      expect([...(await licenses.applicationsOf(applicant.address, 1, 1))]).to.deep.equal([3n]);
      expect([...(await licenses.applicationsOf(applicant.address, 3, 2))]).to.deep.equal([]);
      expect([...(await licenses.applicationsOf(applicant.address, 2n ** 255n, 2))]).to.deep.equal([]);
      expect([...(await licenses.applicationsOf(other.address, 0, 5))]).to.deep.equal([2n]);
      expect([...(await licenses.applicationsOf(ethers.ZeroAddress, 0, 5))]).to.deep.equal([]);
      await expect(licenses.applicationsOf(applicant.address, 0, 0))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidLimit")
        .withArgs(0n, MAX_PAGE);
      await expect(licenses.applicationsOf(applicant.address, 0, 201))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidLimit")
        .withArgs(201n, MAX_PAGE);
      expect(await licenses.applicationCount()).to.equal(4n);
    });
  });

  describe("pendingFor", function () {
    /** Five applicants each apply for BL (ids 1, 3, 5, 7, 9) and FOOD (ids 2, 4, 6, 8, 10). */
    async function inboxFixture() {
      const f = await typesFixture();
      const applicants = [f.applicant, f.other, ...f.more.slice(0, 3)];
      for (const [i, account] of applicants.entries()) {
        await f.licenses.connect(account).submit(BL, subject(i), docs());
        await f.licenses.connect(account).submit(FOOD, subject(i), docs());
      }
      return { ...f, applicants };
    }

    async function page(licenses: LicenseRegistry, department: bigint, cursor: bigint, limit: bigint) {
      const [ids, next] = await licenses.pendingFor(department, cursor, limit);
      return { ids: [...ids], next };
    }

    it("lists a department's inbox of pending applications with cursor continuation", async function () {
      const { licenses } = await loadFixture(inboxFixture);
      const all = Array.from({ length: 10 }, (_, i) => BigInt(i + 1));
      expect(await page(licenses, SAMR, 0n, 200n)).to.deep.equal({ ids: all, next: 0n });
      expect(await page(licenses, TAX, 0n, 10n)).to.deep.equal({ ids: all, next: 0n });
      expect(await page(licenses, PSB, 0n, 200n)).to.deep.equal({ ids: [1n, 3n, 5n, 7n, 9n], next: 0n });
      expect(await page(licenses, SAMR, 0n, 4n)).to.deep.equal({ ids: [1n, 2n, 3n, 4n], next: 4n });
      expect(await page(licenses, SAMR, 4n, 4n)).to.deep.equal({ ids: [5n, 6n, 7n, 8n], next: 8n });
      expect(await page(licenses, SAMR, 8n, 4n)).to.deep.equal({ ids: [9n, 10n], next: 0n });
      // The cursor indexes the department's inbox (PSB's is [1, 3, 5, 7, 9]), not the result.
      expect(await page(licenses, PSB, 2n, 2n)).to.deep.equal({ ids: [5n, 7n], next: 4n });
      expect(await page(licenses, PSB, 4n, 2n)).to.deep.equal({ ids: [9n], next: 0n });
      // Past the end and departments with an empty inbox.
      expect(await page(licenses, SAMR, 10n, 4n)).to.deep.equal({ ids: [], next: 0n });
      expect(await page(licenses, SAMR, 50n, 4n)).to.deep.equal({ ids: [], next: 0n });
      expect(await page(licenses, 4n, 0n, 4n)).to.deep.equal({ ids: [], next: 0n });
      expect(await page(licenses, 0n, 0n, 4n)).to.deep.equal({ ids: [], next: 0n });
    });

    it("stops listing applications the department approved, or that were issued, rejected or withdrawn", async function () {
      const { licenses, applicants, samr, tax, psb } = await loadFixture(inboxFixture);
      // SAMR approves BL 1: gone from SAMR's inbox only.
      await licenses.connect(samr.official).approve(1, comment("s"));
      expect((await page(licenses, SAMR, 0n, 200n)).ids).to.deep.equal([2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      expect((await page(licenses, TAX, 0n, 200n)).ids).to.deep.equal([1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      // TAX approves and PSB issues BL 1: gone everywhere.
      await licenses.connect(tax.official).approve(1, comment("t"));
      await licenses.connect(psb.official).approve(1, comment("p"));
      expect((await page(licenses, TAX, 0n, 200n)).ids).to.deep.equal([2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      expect((await page(licenses, PSB, 0n, 200n)).ids).to.deep.equal([3n, 5n, 7n, 9n]);
      // TAX rejects FOOD 2; the second applicant withdraws BL 3.
      await licenses.connect(tax.official).reject(2, 1, comment("r"));
      await licenses.connect(applicants[1]).withdraw(3);
      expect((await page(licenses, SAMR, 0n, 200n)).ids).to.deep.equal([4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      expect((await page(licenses, TAX, 0n, 200n)).ids).to.deep.equal([4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      expect((await page(licenses, PSB, 0n, 200n)).ids).to.deep.equal([5n, 7n, 9n]);
      // Amending the rejected application puts it back in every required inbox.
      await licenses.connect(applicants[0]).amend(2, docs());
      expect((await page(licenses, SAMR, 0n, 200n)).ids).to.deep.equal([2n, 4n, 5n, 6n, 7n, 8n, 9n, 10n]);
      expect((await page(licenses, PSB, 0n, 200n)).ids).to.deep.equal([5n, 7n, 9n]);
    });

    it("bounds each scan to eight entries per requested id and returns the cursor to continue", async function () {
      const { licenses, samr } = await loadFixture(inboxFixture);
      for (let id = 1n; id <= 8n; id++) await licenses.connect(samr.official).approve(id, comment("s"));
      expect(await page(licenses, SAMR, 0n, 1n)).to.deep.equal({ ids: [], next: 8n });
      expect(await page(licenses, SAMR, 8n, 1n)).to.deep.equal({ ids: [9n], next: 9n });
      expect(await page(licenses, SAMR, 9n, 1n)).to.deep.equal({ ids: [10n], next: 0n });
      expect(await page(licenses, SAMR, 0n, 2n)).to.deep.equal({ ids: [9n, 10n], next: 0n });
    });

    it("reverts with LicenseInvalidLimit for a zero or too large limit", async function () {
      const { licenses } = await loadFixture(inboxFixture);
      await expect(licenses.pendingFor(SAMR, 0, 0)).to.be.revertedWithCustomError(licenses, "LicenseInvalidLimit").withArgs(0n, MAX_PAGE);
      await expect(licenses.pendingFor(SAMR, 0, 201))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidLimit")
        .withArgs(201n, MAX_PAGE);
      expect((await page(licenses, SAMR, 0n, 200n)).ids).to.have.length(10);
    });
  });

  describe("EIP-712 approvals", function () {
    it("approvalDigest equals ethers' TypedDataEncoder hash of the same approval (the lib/licensing.ts type)", async function () {
      const { licenses } = await loadFixture(submittedFixture);
      const message = {
        applicationId: 1n,
        round: 3n,
        departmentId: TAX,
        commentDigest: comment("digest"),
        deadline: 1_800_000_000n,
      };
      const domain = licenseApprovalDomain(31337n, await licenses.getAddress());
      const types = { LicenseApproval: [...LICENSE_APPROVAL_TYPES.LicenseApproval] };
      const expected = ethers.TypedDataEncoder.hash(domain, types, message);
      expect(
        await licenses.approvalDigest(message.applicationId, message.round, message.departmentId, message.commentDigest, message.deadline),
      ).to.equal(expected);
      expect(await licenses.approvalDigest(1n, 3n, SAMR, message.commentDigest, message.deadline)).to.not.equal(expected);
      expect(await licenses.approvalDigest(1n, 4n, TAX, message.commentDigest, message.deadline)).to.not.equal(expected);
    });

    it("two departments' signatures submitted together by anyone, in either order, approve with bySignature true", async function () {
      const { licenses, outsider, samr, tax } = await loadFixture(submittedFixture);
      const s = await sign(licenses, samr.official, SAMR, 1n, { commentDigest: comment("samr signed") });
      const t = await sign(licenses, tax.official, TAX, 1n, { commentDigest: comment("tax signed") });
      // Not sorted by signer: no order is required.
      const batch = BigInt(s.signer) > BigInt(t.signer) ? [s, t] : [t, s];
      const tx = licenses.connect(outsider).submitApprovals(1, batch);
      await expect(tx).to.emit(licenses, "ApplicationApproved").withArgs(1n, SAMR, samr.official.address, comment("samr signed"), true);
      await expect(tx).to.emit(licenses, "ApplicationApproved").withArgs(1n, TAX, tax.official.address, comment("tax signed"), true);
      await expect(tx).not.to.emit(licenses, "LicenseIssued");
      const a = await licenses.getApplication(1);
      expect([a.stage, a.approvalMask, a.round]).to.deep.equal([Stage.Pending, 3n, 0n]);
    });

    it("signatures completing the set issue the licence (mixing a transaction approval and signatures)", async function () {
      const { licenses, licenseToken, applicant, outsider, samr, tax, psb, submittedAt } = await loadFixture(submittedFixture);
      await licenses.connect(tax.official).approve(1, comment("tax"));
      const approvals = [await sign(licenses, psb.official, PSB, 1n), await sign(licenses, samr.official, SAMR, 1n)];
      const at = submittedAt + 5n * HOUR;
      await time.setNextBlockTimestamp(at);
      const tx = licenses.connect(outsider).submitApprovals(1, approvals);
      await expect(tx)
        .to.emit(licenses, "LicenseIssued")
        .withArgs(1n, 1n, BL, applicant.address, formatLicenseNumber("BL", cstYear(at), 1), at, at + YEAR, 5n * HOUR);
      await expect(tx).to.emit(licenseToken, "Locked").withArgs(1n);
      expect(await licenseToken.ownerOf(1)).to.equal(applicant.address);
      expect((await licenses.getApplication(1)).stage).to.equal(Stage.Issued);
    });

    it("one relayed signature does not invalidate the others: three signatures relayed one by one, by different accounts, in any order, issue the licence", async function () {
      const { licenses, applicant, outsider, other, samr, tax, psb } = await loadFixture(submittedFixture);
      // All three collected before any is relayed (what the dApp's queue holds).
      const bySamr = await sign(licenses, samr.official, SAMR, 1n);
      const byTax = await sign(licenses, tax.official, TAX, 1n);
      const byPsb = await sign(licenses, psb.official, PSB, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [byTax]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, TAX, tax.official.address, byTax.commentDigest, true);
      await expect(licenses.connect(other).submitApprovals(1, [byPsb]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, PSB, psb.official.address, byPsb.commentDigest, true);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(6n);
      await expect(licenses.connect(applicant).submitApprovals(1, [bySamr])).to.emit(licenses, "LicenseIssued");
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
    });

    it("a batch repeating a department already counted skips it and counts the rest (no revert, no second event)", async function () {
      const { licenses, outsider, other, samr, tax } = await loadFixture(submittedFixture);
      const bySamr = await sign(licenses, samr.official, SAMR, 1n);
      const byTax = await sign(licenses, tax.official, TAX, 1n);
      // Someone relays SAMR's signature first; the queue's batch of both still goes through.
      await licenses.connect(other).submitApprovals(1, [bySamr]);
      const tx = licenses.connect(outsider).submitApprovals(1, [bySamr, byTax]);
      expect(await approvedEvents(licenses, tx)).to.deep.equal([[1n, TAX, tax.official.address, byTax.commentDigest, true]]);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(3n);
    });

    it("within one batch, a department counts once: a second official's entry, or the same entry twice, is skipped", async function () {
      const { licenses, outsider, samr, tax } = await loadFixture(submittedFixture);
      const byOfficial = await sign(licenses, samr.official, SAMR, 1n, { commentDigest: comment("official") });
      const byHead = await sign(licenses, samr.head, SAMR, 1n, { commentDigest: comment("head") });
      const byTax = await sign(licenses, tax.official, TAX, 1n);
      const tx = licenses.connect(outsider).submitApprovals(1, [byHead, byTax, byOfficial, byTax]);
      expect(await approvedEvents(licenses, tx)).to.deep.equal([
        [1n, SAMR, samr.head.address, comment("head"), true],
        [1n, TAX, tax.official.address, byTax.commentDigest, true],
      ]);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(3n);
    });

    it("an entry for a department already counted is skipped unchecked: its signature may since have expired or its signer moved on", async function () {
      const { licenses, manager, outsider, samr, tax } = await loadFixture(submittedFixture);
      const now = BigInt(await time.latest());
      const bySamr = await sign(licenses, samr.official, SAMR, 1n, { deadline: now + 100n });
      await licenses.connect(outsider).submitApprovals(1, [bySamr]);
      await manager.connect(samr.head).revokeRole(officialRole(SAMR), samr.official.address);
      await time.increase(200n);
      const byTax = await sign(licenses, tax.official, TAX, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [bySamr, byTax]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, TAX, tax.official.address, byTax.commentDigest, true);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(3n);
    });

    it("reverts with LicenseApprovalsAlreadyCounted when a batch counts nothing new, and changes nothing", async function () {
      const { licenses, outsider, samr, tax } = await loadFixture(submittedFixture);
      const bySamr = await sign(licenses, samr.official, SAMR, 1n);
      await licenses.connect(tax.official).approve(1, comment("by transaction"));
      await licenses.connect(outsider).submitApprovals(1, [bySamr]);
      const before = await registryState(licenses);
      await expect(licenses.connect(outsider).submitApprovals(1, [bySamr]))
        .to.be.revertedWithCustomError(licenses, "LicenseApprovalsAlreadyCounted")
        .withArgs(1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [await sign(licenses, tax.official, TAX, 1n), bySamr]))
        .to.be.revertedWithCustomError(licenses, "LicenseApprovalsAlreadyCounted")
        .withArgs(1n);
      expect(await registryState(licenses)).to.deep.equal(before);
    });

    it("an official's own transaction for a department already counted still reverts with LicenseDuplicateApproval", async function () {
      const { licenses, outsider, samr } = await loadFixture(submittedFixture);
      await licenses.connect(outsider).submitApprovals(1, [await sign(licenses, samr.official, SAMR, 1n)]);
      await expect(licenses.connect(samr.head).approve(1, comment("again")))
        .to.be.revertedWithCustomError(licenses, "LicenseDuplicateApproval")
        .withArgs(1n, SAMR);
    });

    it("reverts with LicenseNoSignatures, LicenseUnknownApplication and LicenseDepartmentNotRequired (even beside a counted one)", async function () {
      const { licenses, applicant, outsider, samr, psb } = await loadFixture(submittedFixture);
      await expect(licenses.connect(outsider).submitApprovals(1, [])).to.be.revertedWithCustomError(licenses, "LicenseNoSignatures");
      await expect(licenses.connect(outsider).submitApprovals(8, [await sign(licenses, samr.official, SAMR, 8n)]))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknownApplication")
        .withArgs(8n);
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs());
      const bySamr = await sign(licenses, samr.official, SAMR, 2n);
      await licenses.connect(outsider).submitApprovals(2, [bySamr]);
      await expect(licenses.connect(outsider).submitApprovals(2, [bySamr, await sign(licenses, psb.official, PSB, 2n)]))
        .to.be.revertedWithCustomError(licenses, "LicenseDepartmentNotRequired")
        .withArgs(2n, PSB);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(0n);
      expect((await licenses.getApplication(2)).approvalMask).to.equal(1n);
    });

    it("reverts with LicenseSignatureExpired after the deadline (the deadline second itself is fine)", async function () {
      const { licenses, outsider, samr } = await loadFixture(submittedFixture);
      const now = BigInt(await time.latest());
      const deadline = now + 100n;
      const s = await sign(licenses, samr.official, SAMR, 1n, { deadline });
      await time.setNextBlockTimestamp(deadline + 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [s]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignatureExpired")
        .withArgs(samr.official.address, deadline);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(0n);

      const s2 = await sign(licenses, samr.official, SAMR, 1n, { deadline: deadline + 10n });
      await time.setNextBlockTimestamp(deadline + 10n);
      await expect(licenses.connect(outsider).submitApprovals(1, [s2]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, s2.commentDigest, true);
    });

    it("signatures of round 0 revert with LicenseWrongRound after the amendment (round 1); signed again for round 1 they count", async function () {
      const { licenses, applicant, outsider, samr, tax } = await loadFixture(submittedFixture);
      const old = await sign(licenses, samr.official, SAMR, 1n);
      await licenses.connect(tax.official).reject(1, 1, comment("r"));
      await licenses.connect(applicant).amend(1, docs());
      const before = await registryState(licenses);
      await expect(licenses.connect(outsider).submitApprovals(1, [old]))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongRound")
        .withArgs(samr.official.address, 0n, 1n);
      const ahead = await sign(licenses, samr.official, SAMR, 1n, { round: 2n });
      await expect(licenses.connect(outsider).submitApprovals(1, [ahead]))
        .to.be.revertedWithCustomError(licenses, "LicenseWrongRound")
        .withArgs(samr.official.address, 2n, 1n);
      expect(await registryState(licenses)).to.deep.equal(before);
      const fresh = await sign(licenses, samr.official, SAMR, 1n, { round: 1n });
      await expect(licenses.connect(outsider).submitApprovals(1, [fresh]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, fresh.commentDigest, true);
    });

    it("reverts with LicenseInvalidSignature for another chain id, another verifying contract or a tampered comment", async function () {
      const { licenses, manager, directory, outsider, samr, tax } = await loadFixture(submittedFixture);
      const before = await registryState(licenses);
      const otherChain = await sign(licenses, samr.official, SAMR, 1n, { chainId: 1n });
      await expect(licenses.connect(outsider).submitApprovals(1, [otherChain]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(samr.official.address);

      const second = await ethers.deployContract("LicenseRegistry", [await manager.getAddress(), await directory.getAddress()]);
      const otherContract = await sign(second as unknown as LicenseRegistry, samr.official, SAMR, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [otherContract]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(samr.official.address);

      const good = await sign(licenses, tax.official, TAX, 1n, { commentDigest: comment("as signed") });
      const tampered = { ...good, commentDigest: comment("changed afterwards") };
      await expect(licenses.connect(outsider).submitApprovals(1, [tampered]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(tax.official.address);
      // Claiming another signer for a good signature.
      const claimed = { ...good, signer: samr.official.address, departmentId: TAX };
      await expect(licenses.connect(outsider).submitApprovals(1, [claimed]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(samr.official.address);
      // A valid first signature does not survive an invalid second one.
      const valid = await sign(licenses, samr.official, SAMR, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [valid, tampered]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(tax.official.address);
      // The zero address never signs.
      await expect(licenses.connect(outsider).submitApprovals(1, [{ ...valid, signer: ethers.ZeroAddress }]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(ethers.ZeroAddress);
      expect(await registryState(licenses)).to.deep.equal(before);
      await expect(licenses.connect(outsider).submitApprovals(1, [valid, good])).to.emit(licenses, "ApplicationApproved");
    });

    it("reverts with LicenseSignerNotOfficial for a stranger or another department's official", async function () {
      const { licenses, outsider, samr } = await loadFixture(submittedFixture);
      const before = await registryState(licenses);
      const stranger = await sign(licenses, outsider, SAMR, 1n);
      await expect(licenses.connect(samr.official).submitApprovals(1, [stranger]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(outsider.address, SAMR);
      const wrongDepartment = await sign(licenses, samr.official, TAX, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [wrongDepartment]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(samr.official.address, TAX);
      expect(await registryState(licenses)).to.deep.equal(before);
    });

    it("a signature made while the signer served no longer counts once the official is removed (LicenseSignerNotOfficial)", async function () {
      const { licenses, manager, outsider, samr } = await loadFixture(submittedFixture);
      const signed = await sign(licenses, samr.official, SAMR, 1n);
      await manager.connect(samr.head).revokeRole(officialRole(SAMR), samr.official.address);
      await expect(licenses.connect(outsider).submitApprovals(1, [signed]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(samr.official.address, SAMR);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(0n);
      // Appointed again, the same signature counts: authority is judged when it is submitted.
      await manager.connect(samr.head).grantRole(officialRole(SAMR), samr.official.address, 0);
      await expect(licenses.connect(outsider).submitApprovals(1, [signed]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, signed.commentDigest, true);
    });

    it("an official of a deactivated department cannot be counted; after reactivation the signature counts", async function () {
      const { licenses, directory, outsider, psb } = await loadFixture(submittedFixture);
      const s = await sign(licenses, psb.official, PSB, 1n);
      await directory.setDepartmentActive(PSB, false);
      await expect(licenses.connect(outsider).submitApprovals(1, [s]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(psb.official.address, PSB);
      await directory.setDepartmentActive(PSB, true);
      await expect(licenses.connect(outsider).submitApprovals(1, [s]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, PSB, psb.official.address, s.commentDigest, true);
    });

    it("an account appointed after it signed counts once it serves: authority at submission, not at signing", async function () {
      const { licenses, manager, outsider, more, tax } = await loadFixture(submittedFixture);
      const recruit = more[0];
      const early = await sign(licenses, recruit, TAX, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [early]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(recruit.address, TAX);
      await manager.connect(tax.head).grantRole(officialRole(TAX), recruit.address, 0);
      await expect(licenses.connect(outsider).submitApprovals(1, [early]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, TAX, recruit.address, early.commentDigest, true);
    });

    it("an official serving through an ERC-1271 contract wallet approves with its owner's signature", async function () {
      const { licenses, manager, outsider, more, samr, tax } = await loadFixture(submittedFixture);
      const [owner, intruder] = more;
      const wallet = await ethers.deployContract("ERC1271Wallet", [owner.address]);
      const walletAddress = await wallet.getAddress();
      await manager.connect(tax.head).grantRole(officialRole(TAX), walletAddress, 0);

      // The owner's key signs for the wallet: ECDSA recovers the owner, not the wallet, so the wallet is asked.
      const before = await registryState(licenses);
      const byIntruder = { ...(await sign(licenses, intruder, TAX, 1n)), signer: walletAddress };
      await expect(licenses.connect(outsider).submitApprovals(1, [byIntruder]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(walletAddress);
      // Not a 65-byte ECDSA signature at all: recovery fails outright and the wallet refuses it too.
      const garbled = { ...byIntruder, signature: `0x${"ab".repeat(97)}` };
      await expect(licenses.connect(outsider).submitApprovals(1, [garbled]))
        .to.be.revertedWithCustomError(licenses, "LicenseInvalidSignature")
        .withArgs(walletAddress);
      expect(await registryState(licenses)).to.deep.equal(before);

      const byOwner = { ...(await sign(licenses, owner, TAX, 1n, { commentDigest: comment("wallet") })), signer: walletAddress };
      const bySamr = await sign(licenses, samr.official, SAMR, 1n);
      const tx = licenses.connect(outsider).submitApprovals(1, [byOwner, bySamr]);
      await expect(tx).to.emit(licenses, "ApplicationApproved").withArgs(1n, TAX, walletAddress, comment("wallet"), true);
      await expect(tx).to.emit(licenses, "ApplicationApproved").withArgs(1n, SAMR, samr.official.address, bySamr.commentDigest, true);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(3n);
    });

    it("an EOA's signature is checked by ECDSA even if the account has code (EIP-7702): its key is the authority", async function () {
      const { licenses, outsider, samr, more } = await loadFixture(submittedFixture);
      // A wallet whose owner is someone else would refuse every signature of samr.official's key.
      const refusing = await ethers.deployContract("ERC1271Wallet", [more[0].address]);
      const code = await ethers.provider.getCode(await refusing.getAddress());
      const s = await sign(licenses, samr.official, SAMR, 1n);
      await networkHelpers.setCode(samr.official.address, code);
      await expect(licenses.connect(outsider).submitApprovals(1, [s]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, s.commentDigest, true);
    });

    it("signing does not depend on who submits: the applicant may submit the officials' signatures", async function () {
      const { licenses, applicant, samr } = await loadFixture(submittedFixture);
      const s = await sign(licenses, samr.official, SAMR, 1n);
      await expect(licenses.connect(applicant).submitApprovals(1, [s]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(1n, SAMR, samr.official.address, s.commentDigest, true);
    });
  });

  describe("one subject, one licence", function () {
    it("refuses a zero subjectId (LicenseZeroSubject) and changes nothing", async function () {
      const { licenses, applicant } = await loadFixture(typesFixture);
      await expect(licenses.connect(applicant).submit(BL, ethers.ZeroHash, docs())).to.be.revertedWithCustomError(
        licenses,
        "LicenseZeroSubject",
      );
      expect(await licenses.applicationCount()).to.equal(0n);
    });

    it("refuses a second application for a subject under review from another address (LicenseSubjectApplicationPending)", async function () {
      const { licenses, other, more } = await loadFixture(submittedFixture);
      const before = await registryState(licenses);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectApplicationPending")
        .withArgs(BL, SUBJECT, 1n);
      expect(await registryState(licenses)).to.deep.equal(before);
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(1n);
      // Another type, or another subject, is not affected.
      await expect(licenses.connect(other).submit(FOOD, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
      await expect(licenses.connect(more[0]).submit(BL, OTHER_SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
    });

    it("refuses a second valid licence for the same subjectId from another address (LicenseSubjectAlreadyLicensed), also while suspended", async function () {
      const { licenses, applicant, other, samr } = await loadFixture(issuedFixture);
      expect(await licenses.licenseOfSubject(BL, SUBJECT)).to.equal(1n);
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(0n);
      const before = await registryState(licenses, 1);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectAlreadyLicensed")
        .withArgs(BL, SUBJECT, 1n);
      await licenses.connect(samr.official).suspend(1, 3);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectAlreadyLicensed")
        .withArgs(BL, SUBJECT, 1n);
      expect(await licenses.applicationCount()).to.equal(before.applicationCount);
      expect(await licenses.hasValidLicense(other.address, BL)).to.equal(false);
      expect(await licenses.licenseOf(applicant.address, BL)).to.equal(1n);
    });

    it("after revocation another address may license the subject; the old licence is then replaced for its subject", async function () {
      const { licenses, applicant, other, samr, tax, psb } = await loadFixture(issuedFixture);
      await licenses.connect(samr.official).revoke(1, 9);
      await licenses.connect(other).submit(BL, SUBJECT, docs());
      for (const official of [samr.official, tax.official, psb.official]) await licenses.connect(official).approve(2, comment("ok"));
      expect(await licenses.licenseOfSubject(BL, SUBJECT)).to.equal(2n);
      expect(await licenses.hasValidLicense(other.address, BL)).to.equal(true);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(false);
    });

    it("after expiry another address may license the subject, and the former holder's renewal is refused (LicenseReplaced)", async function () {
      const { licenses, applicant, other, samr, tax, psb, validUntil } = await loadFixture(issuedFixture);
      await time.increaseTo(validUntil);
      await licenses.connect(other).submit(BL, SUBJECT, docs());
      // Under review for `other`: the former holder cannot renew meanwhile.
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectApplicationPending")
        .withArgs(BL, SUBJECT, 2n);
      for (const official of [samr.official, tax.official, psb.official]) await licenses.connect(official).approve(2, comment("ok"));
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseReplaced")
        .withArgs(1n, 2n);
      expect(await licenses.licenseOfSubject(BL, SUBJECT)).to.equal(2n);
    });

    it("a renewal holds the subject while under review, and keeps the subject's licence when issued", async function () {
      const { licenses, applicant, other, samr, validUntil } = await loadFixture(issuedFixture);
      await time.increaseTo(validUntil + 1n);
      await licenses.connect(applicant).submitRenewal(1, docs());
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(2n);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectApplicationPending")
        .withArgs(BL, SUBJECT, 2n);
      await licenses.connect(samr.official).approve(2, comment("renewed"));
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(0n);
      expect(await licenses.licenseOfSubject(BL, SUBJECT)).to.equal(1n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectAlreadyLicensed")
        .withArgs(BL, SUBJECT, 1n);
    });

    it("a rejected application releases its subject, so a squatter cannot block it; the squatter's amendment then waits", async function () {
      const { licenses, applicant, other, samr, tax, psb } = await loadFixture(typesFixture);
      // `other` applies for `applicant`'s company first.
      await licenses.connect(other).submit(BL, SUBJECT, docs());
      await expect(licenses.connect(samr.official).reject(1, 17, comment("not the company's representative")))
        .to.emit(licenses, "ApplicationRejected")
        .withArgs(1n, SAMR, samr.official.address, 17n, comment("not the company's representative"));
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(0n);
      expect(await licenses.openApplicationOf(other.address, BL)).to.equal(1n);
      await expect(licenses.connect(applicant).submit(BL, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
      const before = await registryState(licenses);
      await expect(licenses.connect(other).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectApplicationPending")
        .withArgs(BL, SUBJECT, 2n);
      expect(await registryState(licenses)).to.deep.equal(before);
      for (const official of [samr.official, tax.official, psb.official]) await licenses.connect(official).approve(2, comment("ok"));
      await expect(licenses.connect(other).amend(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectAlreadyLicensed")
        .withArgs(BL, SUBJECT, 1n);
      await expect(licenses.connect(other).withdraw(1)).to.emit(licenses, "ApplicationWithdrawn").withArgs(1n);
      expect(await licenses.openApplicationOf(other.address, BL)).to.equal(0n);
    });

    it("withdrawing a pending application releases its subject; amending a rejected one takes it back", async function () {
      const { licenses, applicant, other, tax } = await loadFixture(submittedFixture);
      await licenses.connect(tax.official).reject(1, 1, comment("r"));
      await licenses.connect(applicant).amend(1, docs());
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(1n);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseSubjectApplicationPending")
        .withArgs(BL, SUBJECT, 1n);
      await licenses.connect(applicant).withdraw(1);
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(0n);
      await expect(licenses.connect(other).submit(BL, SUBJECT, docs())).to.emit(licenses, "ApplicationSubmitted");
      expect(await licenses.applicationOfSubject(BL, SUBJECT)).to.equal(2n);
    });

    it("amending a rejected renewal of a licence revoked meanwhile reverts with LicenseIsRevoked", async function () {
      const { licenses, applicant, samr } = await loadFixture(issuedFixture);
      await licenses.connect(applicant).submitRenewal(1, docs());
      await licenses.connect(samr.official).reject(2, 4, comment("r"));
      await licenses.connect(samr.official).revoke(1, 5);
      await expect(licenses.connect(applicant).amend(2, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseIsRevoked")
        .withArgs(1n);
      expect((await licenses.getApplication(2)).stage).to.equal(Stage.Rejected);
    });
  });

  describe("pause (guardian)", function () {
    it("closed by the guardian, every action reverts with AccessManagedUnauthorized while views answer; reopened by the administrator, actions work", async function () {
      const { licenses, manager, guardian, admin, applicant, other, outsider, samr } = await loadFixture(issuedFixture);
      const target = await licenses.getAddress();
      await manager.connect(guardian).setTargetClosed(target, true);
      expect(await manager.isTargetClosed(target)).to.equal(true);
      const s = await sign(licenses, samr.official, SAMR, 2n);
      await expect(licenses.connect(other).submit(BL, OTHER_SUBJECT, docs()))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(other.address);
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(applicant.address);
      await expect(licenses.connect(outsider).submitApprovals(2, [s]))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(outsider.address);
      await expect(licenses.connect(samr.official).suspend(1, 1))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(samr.official.address);
      await expect(licenses.connect(admin).setLicenseTypeActive(BL, false))
        .to.be.revertedWithCustomError(licenses, "AccessManagedUnauthorized")
        .withArgs(admin.address);
      // setToken is not paused: it reaches its own check.
      await expect(licenses.setToken(await licenses.token()))
        .to.be.revertedWithCustomError(licenses, "LicenseTokenAlreadySet")
        .withArgs(await licenses.token());
      // Views keep answering.
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
      expect(await licenses.licenseOfSubject(BL, SUBJECT)).to.equal(1n);
      expect((await licenses.getApplication(1)).stage).to.equal(Stage.Issued);
      expect(await licenses.applicationCount()).to.equal(1n);

      // Only the administrator reopens.
      await expect(manager.connect(guardian).setTargetClosed(target, false))
        .to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedAccount")
        .withArgs(guardian.address, 0n);
      await manager.connect(admin).setTargetClosed(target, false);
      const d = docs();
      await expect(licenses.connect(other).submit(BL, OTHER_SUBJECT, d))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(2n, BL, other.address, OTHER_SUBJECT, d, 0n);
      await expect(licenses.connect(outsider).submitApprovals(2, [s]))
        .to.emit(licenses, "ApplicationApproved")
        .withArgs(2n, SAMR, samr.official.address, s.commentDigest, true);
    });
  });

  describe("licence lifecycle", function () {
    it("the issuing department suspends and reinstates with events; status and hasValidLicense follow", async function () {
      const { licenses, applicant, samr } = await loadFixture(issuedFixture);
      await expect(licenses.connect(samr.official).suspend(1, 12)).to.emit(licenses, "LicenseSuspended").withArgs(1n, samr.official.address, 12n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Suspended);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(false);
      expect((await licenses.getLicense(1)).suspended).to.equal(true);
      await expect(licenses.connect(samr.head).reinstate(1)).to.emit(licenses, "LicenseReinstated").withArgs(1n, samr.head.address);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
    });

    it("revoke is final: LicenseRevoked, status Revoked, and no further changes", async function () {
      const { licenses, applicant, samr } = await loadFixture(issuedFixture);
      await licenses.connect(samr.official).suspend(1, 1);
      await expect(licenses.connect(samr.official).revoke(1, 99)).to.emit(licenses, "LicenseRevoked").withArgs(1n, samr.official.address, 99n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Revoked);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(false);
      const before = await registryState(licenses, 1);
      await expect(licenses.connect(samr.official).revoke(1, 1)).to.be.revertedWithCustomError(licenses, "LicenseIsRevoked").withArgs(1n);
      await expect(licenses.connect(samr.official).suspend(1, 1)).to.be.revertedWithCustomError(licenses, "LicenseIsRevoked").withArgs(1n);
      await expect(licenses.connect(samr.official).reinstate(1)).to.be.revertedWithCustomError(licenses, "LicenseIsRevoked").withArgs(1n);
      expect(await registryState(licenses, 1)).to.deep.equal(before);
    });

    it("reverts with LicenseNotIssuingDepartment, LicenseIsSuspended, LicenseNotSuspended, LicenseUnknown and changes nothing", async function () {
      const { licenses, directory, outsider, samr, tax, psb } = await loadFixture(issuedFixture);
      const before = await registryState(licenses, 1);
      for (const caller of [tax.official, psb.head, outsider]) {
        await expect(licenses.connect(caller).suspend(1, 1))
          .to.be.revertedWithCustomError(licenses, "LicenseNotIssuingDepartment")
          .withArgs(SAMR, caller.address);
        await expect(licenses.connect(caller).revoke(1, 1))
          .to.be.revertedWithCustomError(licenses, "LicenseNotIssuingDepartment")
          .withArgs(SAMR, caller.address);
        await expect(licenses.connect(caller).reinstate(1))
          .to.be.revertedWithCustomError(licenses, "LicenseNotIssuingDepartment")
          .withArgs(SAMR, caller.address);
      }
      await expect(licenses.connect(samr.official).reinstate(1)).to.be.revertedWithCustomError(licenses, "LicenseNotSuspended").withArgs(1n);
      await expect(licenses.connect(samr.official).suspend(2, 1)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(2n);
      await expect(licenses.connect(samr.official).reinstate(0)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(0n);
      await expect(licenses.connect(samr.official).revoke(7, 1)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(7n);
      await expect(licenses.getLicense(2)).to.be.revertedWithCustomError(licenses, "LicenseUnknown").withArgs(2n);
      // An official of the deactivated issuing department is not acting for it.
      await directory.setDepartmentActive(SAMR, false);
      await expect(licenses.connect(samr.official).suspend(1, 1))
        .to.be.revertedWithCustomError(licenses, "LicenseNotIssuingDepartment")
        .withArgs(SAMR, samr.official.address);
      await directory.setDepartmentActive(SAMR, true);
      expect(await registryState(licenses, 1)).to.deep.equal(before);
      await licenses.connect(samr.official).suspend(1, 1);
      await expect(licenses.connect(samr.official).suspend(1, 2)).to.be.revertedWithCustomError(licenses, "LicenseIsSuspended").withArgs(1n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Suspended);
    });

    it("expires at validUntil: status Expired and hasValidLicense false; unknown licences have status None", async function () {
      const { licenses, applicant, validUntil } = await loadFixture(issuedFixture);
      await time.increaseTo(validUntil - 1n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
      await time.increaseTo(validUntil);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Expired);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(false);
      expect(await licenses.licenseStatus(2)).to.equal(LicenseStatus.None);
      expect(await licenses.hasValidLicense(applicant.address, FOOD)).to.equal(false);
    });
  });

  describe("renewal", function () {
    it("before expiry: the renewal departments approve and validUntil extends from the old validUntil", async function () {
      const { licenses, licenseToken, applicant, samr, tax, validUntil, issuedAt } = await loadFixture(issuedFixture);
      const d = docs(1);
      const submittedAt = issuedAt + 300n * DAY;
      await time.setNextBlockTimestamp(submittedAt);
      await expect(licenses.connect(applicant).submitRenewal(1, d))
        .to.emit(licenses, "ApplicationSubmitted")
        .withArgs(2n, BL, applicant.address, SUBJECT, d, 1n);
      const a = await licenses.getApplication(2);
      expect([a.renewal, a.licenseId, a.stage, a.subjectId]).to.deep.equal([true, 1n, Stage.Pending, SUBJECT]);
      // Only the renewal departments are asked.
      expect([...(await licenses.pendingFor(SAMR, 0, 10))[0]]).to.deep.equal([2n]);
      expect([...(await licenses.pendingFor(TAX, 0, 10))[0]]).to.deep.equal([]);
      await expect(licenses.connect(tax.official).approve(2, comment("t")))
        .to.be.revertedWithCustomError(licenses, "LicenseDepartmentNotRequired")
        .withArgs(2n, TAX);
      const approvedAt = submittedAt + 2n * HOUR;
      await time.setNextBlockTimestamp(approvedAt);
      const tx = licenses.connect(samr.official).approve(2, comment("renew"));
      await expect(tx).to.emit(licenses, "LicenseRenewed").withArgs(1n, 2n, validUntil + YEAR, 2n * HOUR);
      await expect(tx).not.to.emit(licenses, "LicenseIssued");
      await expect(tx).not.to.emit(licenseToken, "Transfer");
      const l = await licenses.getLicense(1);
      expect([l.validUntil, l.validFrom, l.issuedAt, l.sequence]).to.deep.equal([validUntil + YEAR, issuedAt, issuedAt, 1n]);
      expect((await licenses.getApplication(2)).stage).to.equal(Stage.Issued);
      expect(await licenseToken.balanceOf(applicant.address)).to.equal(1n);
      await time.increaseTo(validUntil + 1n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
    });

    it("after expiry: validUntil extends from the renewal time, and the licence is valid again", async function () {
      const { licenses, applicant, samr, validUntil } = await loadFixture(issuedFixture);
      await time.increaseTo(validUntil + 10n * DAY);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Expired);
      await licenses.connect(applicant).submitRenewal(1, docs());
      const submittedAt = (await licenses.getApplication(2)).submittedAt;
      const s = await sign(licenses, samr.official, SAMR, 2n);
      const at = submittedAt + 77n;
      await time.setNextBlockTimestamp(at);
      await expect(licenses.connect(applicant).submitApprovals(2, [s]))
        .to.emit(licenses, "LicenseRenewed")
        .withArgs(1n, 2n, at + YEAR, 77n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
      expect(await licenses.hasValidLicense(applicant.address, BL)).to.equal(true);
      expect((await licenses.getLicense(1)).validUntil).to.equal(at + YEAR);
    });

    it("submitRenewal reverts with LicenseNotHolder, LicenseNotRenewable, LicenseIsRevoked, LicenseApplicationOpen, LicenseUnknown and changes nothing", async function () {
      const { licenses, applicant, other, samr, tax } = await loadFixture(issuedFixture);
      await licenses.connect(other).submit(FOOD, OTHER_SUBJECT, docs());
      await licenses.connect(samr.official).approve(2, comment("s"));
      await licenses.connect(tax.official).approve(2, comment("t")); // FOOD licence 2 for `other`
      expect(await licenses.licenseOf(other.address, FOOD)).to.equal(2n);
      const before = await registryState(licenses, 2);
      await expect(licenses.connect(other).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseNotHolder")
        .withArgs(1n, other.address);
      await expect(licenses.connect(other).submitRenewal(2, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseNotRenewable")
        .withArgs(FOOD);
      await expect(licenses.connect(applicant).submitRenewal(9, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseUnknown")
        .withArgs(9n);
      await expect(licenses.connect(applicant).submitRenewal(1, [])).to.be.revertedWithCustomError(licenses, "LicenseNoDocuments");
      await expect(licenses.connect(applicant).submitRenewal(1, [ethers.ZeroHash]))
        .to.be.revertedWithCustomError(licenses, "LicenseZeroDigest")
        .withArgs(0n);
      expect(await registryState(licenses, 2)).to.deep.equal(before);

      await licenses.connect(applicant).submitRenewal(1, docs());
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseApplicationOpen")
        .withArgs(applicant.address, BL, 3n);
      await licenses.connect(applicant).withdraw(3);
      await licenses.connect(samr.official).revoke(1, 5);
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseIsRevoked")
        .withArgs(1n);
      expect(await licenses.applicationCount()).to.equal(3n);
    });

    it("a suspended licence may be renewed but stays suspended", async function () {
      const { licenses, applicant, samr, validUntil } = await loadFixture(issuedFixture);
      await licenses.connect(samr.official).suspend(1, 1);
      const submittedAt = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(submittedAt);
      await licenses.connect(applicant).submitRenewal(1, docs());
      await time.setNextBlockTimestamp(submittedAt + 30n);
      await expect(licenses.connect(samr.official).approve(2, comment("r")))
        .to.emit(licenses, "LicenseRenewed")
        .withArgs(1n, 2n, validUntil + YEAR, 30n);
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Suspended);
    });
  });

  // Regression tests for bugs found while writing this suite.
  describe("regressions", function () {
    it("registerLicenseType refuses a validity over 100 years, which could overflow the end date", async function () {
      const { licenses, applicant, samr } = await loadFixture(typesFixture);
      const max = 100n * 365n * DAY;
      await expect(licenses.registerLicenseType("HUGE", "x", SAMR, [SAMR], 2n ** 48n, false, []))
        .to.be.revertedWithCustomError(licenses, "LicenseValidityTooLong")
        .withArgs(2n ** 48n, max);
      await licenses.registerLicenseType("LONG", "x", SAMR, [SAMR], max, false, []);
      await licenses.connect(applicant).submit(3, SUBJECT, docs());
      await licenses.connect(samr.official).approve(1, comment("s"));
      expect(await licenses.licenseStatus(1)).to.equal(LicenseStatus.Valid);
    });

    it("a renewal approved after the licence was revoked does not extend it", async function () {
      const { licenses, applicant, samr, validUntil } = await loadFixture(issuedFixture);
      await licenses.connect(applicant).submitRenewal(1, docs());
      await licenses.connect(samr.official).revoke(1, 1);
      await expect(licenses.connect(samr.official).approve(2, comment("renew")))
        .to.be.revertedWithCustomError(licenses, "LicenseIsRevoked")
        .withArgs(1n);
      expect((await licenses.getLicense(1)).validUntil).to.equal(validUntil);
    });

    it("a removed official cannot sign for a later application, whatever time it claims (no signing time is trusted)", async function () {
      const { licenses, manager, applicant, outsider, samr } = await loadFixture(typesFixture);
      await manager.connect(samr.head).revokeRole(officialRole(SAMR), samr.official.address);
      await time.increase(30n * DAY);
      await licenses.connect(applicant).submit(FOOD, SUBJECT, docs());
      const late = await sign(licenses, samr.official, SAMR, 1n);
      await expect(licenses.connect(outsider).submitApprovals(1, [late]))
        .to.be.revertedWithCustomError(licenses, "LicenseSignerNotOfficial")
        .withArgs(samr.official.address, SAMR);
      expect((await licenses.getApplication(1)).approvalMask).to.equal(0n);
    });

    it("submitRenewal refuses a licence the holder has since replaced", async function () {
      const { licenses, applicant, samr, tax, psb, validUntil } = await loadFixture(issuedFixture);
      await time.increaseTo(validUntil);
      await licenses.connect(applicant).submit(BL, SUBJECT, docs());
      for (const official of [samr.official, tax.official, psb.official]) await licenses.connect(official).approve(2, comment("new"));
      expect(await licenses.licenseOf(applicant.address, BL)).to.equal(2n);
      await expect(licenses.connect(applicant).submitRenewal(1, docs()))
        .to.be.revertedWithCustomError(licenses, "LicenseReplaced")
        .withArgs(1n, 2n);
    });

    it("pendingFor returns an empty page for a cursor past the inbox, even near 2^256", async function () {
      const { licenses } = await loadFixture(submittedFixture);
      const [ids, next] = await licenses.pendingFor(SAMR, ethers.MaxUint256, 1);
      expect([[...ids], next]).to.deep.equal([[], 0n]);
    });
  });
});

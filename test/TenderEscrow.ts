import { expect } from "chai";
import { network } from "hardhat";
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";

import { officialRole } from "../lib/departments.js";
import { label32 } from "../lib/hashing.js";
import {
  BUSINESS_LICENCE,
  biddersFromEvents,
  deployEscrow,
  deployProcurement,
  depositBond,
  fundTreasury,
  grantBusinessLicence,
  liveBidders,
  ranking,
} from "./helpers/procurement.js";
import type {
  FeeOnTransferToken,
  ReentrantToken,
  TenderEscrow,
  TestStablecoin,
} from "../types/ethers-contracts/index.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { loadFixture, time } = networkHelpers;

const State = {
  None: 0n,
  Open: 1n,
  Awarded: 2n,
  Disputed: 3n,
  Active: 4n,
  Completed: 5n,
  Cancelled: 6n,
  Failed: 7n,
  Terminated: 8n,
};
const MS = { Pending: 0n, Delivered: 1n, Accepted: 2n };
const Outcome = { Pending: 0n, Dismissed: 1n, Upheld: 2n, Lapsed: 3n };
const RESOLUTION_PERIOD = 30n * 24n * 3600n;
const TAX = 2n;
const PSB = 3n; // supervises complaints in the fixture
const FIN = 5n;
const MOHURD = 6n;
const EDU = 7n;
const DAY = 24n * 3600n;
const BUDGET = 1_000_000n; // 10,000.00 tCNY
const BOND = 5_000n; // 50.00 tCNY
const WINDOW = 5n * DAY;
const PRICE_A = 800_000n;
const PRICE_B = 700_000n;
const PRICE_C = 900_000n;
const ZERO = ethers.ZeroAddress;
const TAX_TREASURY = "0x000000000000000000000000000000000000007a";
const ZERO_HASH = ethers.ZeroHash;
const DOCS = label32("tender documents v1");
const DOCS_V2 = label32("tender documents v2");
const Reason = {
  budget: label32("budget refund"),
  bondRefund: label32("bond refund"),
  forfeit: label32("bond forfeited"),
  performance: label32("performance bond"),
  payment: label32("milestone payment"),
};

type Params = {
  documentsDigest: string;
  metadataURI: string;
  category: string;
  budget: bigint;
  bidBond: bigint;
  commitDeadline: bigint;
  revealDeadline: bigint;
  complaintWindow: bigint;
  acceptingDepartment: bigint;
  licenseTypeId: bigint;
  milestoneSharesBps: bigint[];
  milestoneDigests: string[];
};

/** A school-building tender: 7 days to commit, 3 to reveal, 5 for complaints, accepted by MOHURD. */
function params(now: bigint, overrides: Partial<Params> = {}): Params {
  return {
    documentsDigest: DOCS,
    metadataURI: "ipfs://tender/school-gym",
    category: label32("construction"),
    budget: BUDGET,
    bidBond: BOND,
    commitDeadline: now + 7n * DAY,
    revealDeadline: now + 10n * DAY,
    complaintWindow: WINDOW,
    acceptingDepartment: MOHURD,
    licenseTypeId: BUSINESS_LICENCE,
    milestoneSharesBps: [3000n, 7000n],
    milestoneDigests: [label32("foundations"), label32("handover")],
    ...overrides,
  };
}

// ===== FIXTURES =====

async function baseFixture() {
  const f = await deployProcurement(connection);
  const [a, b, c] = f.suppliers;
  return {
    ...f,
    a,
    b,
    c,
    funder: f.fin.official,
    tax: f.departments[1],
    mohurd: f.departments[5],
    edu: f.departments[6],
    escrow: await f.tenders.getAddress(),
  };
}
type Base = Awaited<ReturnType<typeof baseFixture>>;
type Account = Base["a"];
type SealedBid = { bidder: Account; price: bigint; salt: string; commitment: string };

async function publishTender(f: Base, overrides: Partial<Params> = {}, by: Account = f.funder) {
  const p = params(BigInt(await time.latest()), overrides);
  await f.tenders.connect(by).publish(p);
  return { id: await f.tenders.tenderCount(), p };
}

async function sealBid(f: Base, id: bigint, bidder: Account, price: bigint, tag = ""): Promise<SealedBid> {
  const salt = ethers.id(`salt:${bidder.address}:${price}:${tag}`);
  return { bidder, price, salt, commitment: await f.tenders.commitmentOf(id, bidder.address, price, salt) };
}

/** Deposits the tender's bond before a first commit (so the commit leaves the bidder's credit as it was). */
async function fundBond(f: Base, id: bigint, bidder: Account) {
  if ((await f.tenders.bidOf(id, bidder.address)).sequence !== 0n) return;
  await depositBond(f.tenders, bidder, (await f.tenders.getTender(id)).bidBond);
}

async function commitAs(f: Base, id: bigint, bidder: Account, price: bigint, tag = ""): Promise<SealedBid> {
  const bid = await sealBid(f, id, bidder, price, tag);
  await fundBond(f, id, bidder);
  await f.tenders.connect(bidder).commitBid(id, bid.commitment);
  return bid;
}

async function revealAs(f: Base, id: bigint, bid: SealedBid) {
  await f.tenders.connect(bid.bidder).revealBid(id, bid.price, bid.salt);
}

/** Tender 1 published by the FIN official. */
async function publishedFixture() {
  const f = await baseFixture();
  const { id, p } = await publishTender(f);
  return { ...f, id, p };
}

/** a bids 800,000 (first), b 700,000, c 900,000. */
async function committedFixture() {
  const f = await publishedFixture();
  const bidA = await commitAs(f, f.id, f.a, PRICE_A);
  const bidB = await commitAs(f, f.id, f.b, PRICE_B);
  const bidC = await commitAs(f, f.id, f.c, PRICE_C);
  return { ...f, bidA, bidB, bidC };
}

/** In the reveal window. */
async function revealWindowFixture() {
  const f = await committedFixture();
  await time.increaseTo(f.p.commitDeadline);
  return f;
}

/** Everyone revealed; the reveal deadline has passed. */
async function revealedFixture() {
  const f = await revealWindowFixture();
  for (const bid of [f.bidA, f.bidB, f.bidC]) await revealAs(f, f.id, bid);
  await time.increaseTo(f.p.revealDeadline);
  return f;
}

/** b won at 700,000; the complaint window is open. */
async function awardedFixture() {
  const f = await revealedFixture();
  const awardedAt = f.p.revealDeadline + 100n;
  await time.setNextBlockTimestamp(awardedAt);
  await f.tenders.award(f.id, await ranking(f.tenders, f.id));
  return { ...f, awardedAt, complaintDeadline: awardedAt + WINDOW };
}

/** The contract with b has started. */
async function activeFixture() {
  const f = await awardedFixture();
  await time.increaseTo(f.complaintDeadline);
  await f.tenders.startContract(f.id);
  return f;
}

/** Ties: a 800,000 first, then b and c both 700,000 (b earlier): b must win whatever the reveal order. */
async function tieCommitted() {
  const f = await publishedFixture();
  const bidA = await commitAs(f, f.id, f.a, PRICE_A);
  const bidB = await commitAs(f, f.id, f.b, PRICE_B);
  const bidC = await commitAs(f, f.id, f.c, PRICE_B);
  await time.increaseTo(f.p.commitDeadline);
  return { ...f, bidA, bidB, bidC };
}

async function tieRevealedForwardFixture() {
  const f = await tieCommitted();
  for (const bid of [f.bidA, f.bidB, f.bidC]) await revealAs(f, f.id, bid);
  await time.increaseTo(f.p.revealDeadline);
  return f;
}

async function tieRevealedReversedFixture() {
  const f = await tieCommitted();
  for (const bid of [f.bidC, f.bidB, f.bidA]) await revealAs(f, f.id, bid);
  await time.increaseTo(f.p.revealDeadline);
  return f;
}

/** Ten small tenders from FIN; 2, 4 and 9 cancelled. */
async function manyTendersFixture() {
  const f = await baseFixture();
  for (let i = 0; i < 10; i++) await publishTender(f, { budget: 1_000n });
  for (const id of [2n, 4n, 9n]) await f.tenders.connect(f.funder).cancel(id, 1, await liveBidders(f.tenders, id));
  return f;
}

/** An escrow paying in a ReentrantToken; tender 1 cancelled, so FIN's treasury and a (bidder) hold credits. */
async function reentrantFixture() {
  const f = await baseFixture();
  const rtoken = (await ethers.deployContract("ReentrantToken")) as unknown as ReentrantToken;
  const escrow = await deployEscrow(connection, f, await rtoken.getAddress());
  const escrowAddress = await escrow.getAddress();
  for (const who of [f.treasury, f.a]) {
    await rtoken.mint(who.address, BUDGET);
    await rtoken.connect(who).approve(escrowAddress, ethers.MaxUint256);
  }
  await escrow.connect(f.funder).publish(params(BigInt(await time.latest())));
  await escrow.connect(f.a).depositBond(BOND);
  await escrow.connect(f.a).commitBid(1n, await escrow.commitmentOf(1n, f.a.address, PRICE_A, ethers.id("s")));
  await escrow.connect(f.funder).cancel(1n, 1, [f.a.address]);
  return { ...f, rtoken, rescrow: escrow, rescrowAddress: escrowAddress };
}

// ===== LEDGER CHECKS =====

async function ledger(f: Base) {
  const accounts = [f.escrow, f.funder.address, f.a.address, f.b.address, f.c.address, f.outsider.address];
  return {
    balances: await Promise.all(accounts.map((x) => f.token.balanceOf(x))),
    credits: await Promise.all(accounts.map((x) => f.tenders.creditOf(x))),
    obligations: await f.tenders.obligations(),
  };
}

/** Runs a failing call and checks that no token balance, credit or obligation moved. */
async function movesNothing(f: Base, attempt: () => Promise<void>) {
  const before = await ledger(f);
  await attempt();
  expect(await ledger(f)).to.deep.equal(before);
}

/** Every token the escrow holds is owed to someone, and nothing more. */
async function expectSolvent(f: Base) {
  expect(await f.token.balanceOf(f.escrow)).to.equal(await f.tenders.obligations());
}

function tenderFields(t: Awaited<ReturnType<TenderEscrow["getTender"]>>) {
  return {
    id: t.id,
    state: t.state,
    department: t.department,
    acceptingDepartment: t.acceptingDepartment,
    licenseTypeId: t.licenseTypeId,
    treasury: t.treasury,
    documentsDigest: t.documentsDigest,
    category: t.category,
    budget: t.budget,
    bidBond: t.bidBond,
    commitDeadline: t.commitDeadline,
    revealDeadline: t.revealDeadline,
    complaintWindow: t.complaintWindow,
    awardedAt: t.awardedAt,
    amendments: t.amendments,
    bidCount: t.bidCount,
    revealedCount: t.revealedCount,
    winner: t.winner,
    price: t.price,
    paid: t.paid,
    escrow: t.escrow,
    performanceBond: t.performanceBond,
    milestoneCount: t.milestoneCount,
    acceptedCount: t.acceptedCount,
  };
}

function bidFields(b: Awaited<ReturnType<TenderEscrow["bidOf"]>>) {
  return [b.commitment, b.sequence, b.amendmentsSeen, b.revealed, b.bondHeld, b.disqualified, b.price, b.complained, b.withdrawn];
}

/** What `bidOf` shows of a commitment before the reveal: its first 24 bytes. */
const sealed = (commitment: string) => commitment.slice(0, 2 + 48);
const NO_COMMITMENT = sealed(ethers.ZeroHash);

function milestoneFields(ms: Awaited<ReturnType<TenderEscrow["milestonesOf"]>>) {
  return ms.map((m) => [m.shareBps, m.state, m.descriptionDigest, m.deliveryDigest, m.paid]);
}

describe("TenderEscrow", function () {
  describe("publication", function () {
    it("publishes from a FIN official, escrows the budget and emits TenderPublished with every parameter", async function () {
      const f = await loadFixture(baseFixture);
      const p = params(BigInt(await time.latest()));
      const tx = f.tenders.connect(f.funder).publish(p);
      await expect(tx).to.emit(f.tenders, "TenderPublished").withArgs(1n, FIN, f.treasury.address, f.funder.address, anyValue);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.treasury, f.funder, f.tenders], [-BUDGET, 0n, BUDGET]);
      const receipt = await (await tx).wait();
      const published = receipt!.logs
        .filter((log) => log.address === f.escrow)
        .map((log) => f.tenders.interface.parseLog(log))
        .filter((log) => log?.name === "TenderPublished");
      expect(published).to.have.length(1);
      const args = published[0]!.args;
      expect([args.tenderId, args.department, args.treasury, args.publishedBy]).to.deep.equal([
        1n,
        FIN,
        f.treasury.address,
        f.funder.address,
      ]);
      const q = args.params;
      expect([
        q.documentsDigest,
        q.metadataURI,
        q.category,
        q.budget,
        q.bidBond,
        q.commitDeadline,
        q.revealDeadline,
        q.complaintWindow,
        q.acceptingDepartment,
        q.licenseTypeId,
        [...q.milestoneSharesBps],
        [...q.milestoneDigests],
      ]).to.deep.equal([
        p.documentsDigest,
        p.metadataURI,
        p.category,
        p.budget,
        p.bidBond,
        p.commitDeadline,
        p.revealDeadline,
        p.complaintWindow,
        p.acceptingDepartment,
        p.licenseTypeId,
        p.milestoneSharesBps,
        p.milestoneDigests,
      ]);

      expect(tenderFields(await f.tenders.getTender(1n))).to.deep.equal({
        id: 1n,
        state: State.Open,
        department: FIN,
        acceptingDepartment: MOHURD,
        licenseTypeId: BUSINESS_LICENCE,
        treasury: f.treasury.address,
        documentsDigest: DOCS,
        category: label32("construction"),
        budget: BUDGET,
        bidBond: BOND,
        commitDeadline: p.commitDeadline,
        revealDeadline: p.revealDeadline,
        complaintWindow: WINDOW,
        awardedAt: 0n,
        amendments: 0n,
        bidCount: 0n,
        revealedCount: 0n,
        winner: ZERO,
        price: 0n,
        paid: 0n,
        escrow: BUDGET,
        performanceBond: 0n,
        milestoneCount: 2n,
        acceptedCount: 0n,
      });
      expect(milestoneFields(await f.tenders.milestonesOf(1n))).to.deep.equal([
        [3000n, MS.Pending, label32("foundations"), ZERO_HASH, 0n],
        [7000n, MS.Pending, label32("handover"), ZERO_HASH, 0n],
      ]);
      expect(await f.tenders.obligations()).to.equal(BUDGET);
      expect(await f.tenders.tenderCount()).to.equal(1n);
      expect(await f.tenders.tendersOf(FIN, 0, 10)).to.deep.equal([1n]);
      await expectSolvent(f);
    });

    it("files a tender under the publishing official's own department", async function () {
      const f = await loadFixture(publishedFixture);
      const taxTreasury = await fundTreasury(connection, f, f.tax, TAX_TREASURY);
      await expect(f.tenders.connect(f.tax.official).publish(params(BigInt(await time.latest()))))
        .to.emit(f.tenders, "TenderPublished")
        .withArgs(2n, TAX, TAX_TREASURY, f.tax.official.address, anyValue);
      expect((await f.tenders.getTender(2n)).department).to.equal(TAX);
      expect((await f.tenders.getTender(2n)).treasury).to.equal(taxTreasury.address);
      expect(await f.tenders.tendersOf(TAX, 0, 10)).to.deep.equal([2n]);
      expect(await f.tenders.tendersOf(FIN, 0, 10)).to.deep.equal([1n]);
      expect(await f.tenders.obligations()).to.equal(2n * BUDGET);
    });

    it("reverts with TenderNotOfficial for anyone who is not an acting official", async function () {
      const f = await loadFixture(baseFixture);
      const p = params(BigInt(await time.latest()));
      for (const who of [f.outsider, f.a, f.admin]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).publish(p))
            .to.be.revertedWithCustomError(f.tenders, "TenderNotOfficial")
            .withArgs(who.address);
        });
      }
      expect(await f.tenders.tenderCount()).to.equal(0n);
    });

    it("reverts with TenderAmountTooLarge for a budget of 2^128 or a bid bond of 2^112", async function () {
      const f = await loadFixture(baseFixture);
      const now = BigInt(await time.latest());
      for (const [o, amount, max] of [
        [{ budget: 2n ** 128n }, 2n ** 128n, 2n ** 128n - 1n],
        [{ bidBond: 2n ** 112n }, 2n ** 112n, 2n ** 112n - 1n],
      ] as const) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(params(now, o)))
            .to.be.revertedWithCustomError(f.tenders, "TenderAmountTooLarge")
            .withArgs(amount, max);
        });
      }
    });

    it("reverts with TenderZeroBudget", async function () {
      const f = await loadFixture(baseFixture);
      await movesNothing(f, async () => {
        await expect(
          f.tenders.connect(f.funder).publish(params(BigInt(await time.latest()), { budget: 0n })),
        ).to.be.revertedWithCustomError(f.tenders, "TenderZeroBudget");
      });
    });

    it("reverts with TenderInvalidSchedule for a past commit deadline, reveal not after commit, or no complaint window", async function () {
      const f = await loadFixture(baseFixture);
      const now = BigInt(await time.latest());
      const cases: Partial<Params>[] = [
        { commitDeadline: now - 1n, revealDeadline: now + DAY },
        { commitDeadline: now + DAY, revealDeadline: now + DAY },
        { commitDeadline: now + DAY, revealDeadline: now + DAY - 1n },
        { complaintWindow: 0n },
      ];
      for (const o of cases) {
        const p = params(now, o);
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(p))
            .to.be.revertedWithCustomError(f.tenders, "TenderInvalidSchedule")
            .withArgs(p.commitDeadline, p.revealDeadline, p.complaintWindow);
        });
      }
      // A commit deadline equal to the block's own timestamp is already past.
      const p = params(now, { commitDeadline: now + 50n, revealDeadline: now + DAY });
      await time.setNextBlockTimestamp(now + 50n);
      await expect(f.tenders.connect(f.funder).publish(p))
        .to.be.revertedWithCustomError(f.tenders, "TenderInvalidSchedule")
        .withArgs(now + 50n, now + DAY, WINDOW);
    });

    it("reverts with TenderInvalidMilestones for none, a wrong sum, a zero share, a digest mismatch or more than 20", async function () {
      const f = await loadFixture(baseFixture);
      const now = BigInt(await time.latest());
      const d = (n: number) => Array.from({ length: n }, (_, i) => label32(`m${i}`));
      const cases: [Partial<Params>, bigint, bigint][] = [
        [{ milestoneSharesBps: [], milestoneDigests: [] }, 0n, 0n],
        [{ milestoneSharesBps: [3000n, 6999n], milestoneDigests: d(2) }, 2n, 9999n],
        [{ milestoneSharesBps: [3000n, 7001n], milestoneDigests: d(2) }, 2n, 10001n],
        [{ milestoneSharesBps: [0n, 10000n], milestoneDigests: d(2) }, 2n, 10000n],
        [{ milestoneSharesBps: [3000n, 7000n], milestoneDigests: d(1) }, 2n, 10000n],
        [{ milestoneSharesBps: [10000n], milestoneDigests: d(2) }, 1n, 10000n],
        [{ milestoneSharesBps: [...Array(20).fill(476n), 480n], milestoneDigests: d(21) }, 21n, 10000n],
      ];
      for (const [o, count, total] of cases) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(params(now, o)))
            .to.be.revertedWithCustomError(f.tenders, "TenderInvalidMilestones")
            .withArgs(count, total);
        });
      }
      // Exactly 20 is allowed.
      await f.tenders.connect(f.funder).publish(params(now, { milestoneSharesBps: Array(20).fill(500n), milestoneDigests: d(20) }));
      expect((await f.tenders.getTender(1n)).milestoneCount).to.equal(20n);
    });

    it("reverts with TenderUnknownDepartment for accepting department 0, an unregistered one or an inactive one", async function () {
      const f = await loadFixture(baseFixture);
      await f.directory.setDepartmentActive(EDU, false);
      const now = BigInt(await time.latest());
      for (const dept of [0n, 8n, EDU]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(params(now, { acceptingDepartment: dept })))
            .to.be.revertedWithCustomError(f.tenders, "TenderUnknownDepartment")
            .withArgs(dept);
        });
      }
    });

    it("reverts with TenderUnknownLicenseType for licence type 0 or an unregistered one", async function () {
      const f = await loadFixture(baseFixture);
      const now = BigInt(await time.latest());
      for (const type of [0n, 2n]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(params(now, { licenseTypeId: type })))
            .to.be.revertedWithCustomError(f.tenders, "TenderUnknownLicenseType")
            .withArgs(type);
        });
      }
    });

    it("refuses a fee-on-transfer payment token with TenderFeeOnTransfer", async function () {
      const f = await loadFixture(baseFixture);
      const fee = (await ethers.deployContract("FeeOnTransferToken")) as unknown as FeeOnTransferToken;
      const escrow = await deployEscrow(connection, f, await fee.getAddress());
      await fee.mint(f.treasury.address, BUDGET);
      await fee.connect(f.treasury).approve(await escrow.getAddress(), ethers.MaxUint256);
      await expect(escrow.connect(f.funder).publish(params(BigInt(await time.latest()))))
        .to.be.revertedWithCustomError(escrow, "TenderFeeOnTransfer")
        .withArgs(BUDGET, BUDGET - BUDGET / 100n);
      expect(await fee.balanceOf(f.treasury.address)).to.equal(BUDGET);
      expect(await fee.balanceOf(await escrow.getAddress())).to.equal(0n);
      expect(await escrow.tenderCount()).to.equal(0n);
      expect(await escrow.obligations()).to.equal(0n);
    });
  });

  describe("amendment", function () {
    it("amends documents and extends deadlines before the commit deadline, with TenderAmended", async function () {
      const f = await loadFixture(publishedFixture);
      const commit = f.p.commitDeadline + DAY;
      const reveal = f.p.revealDeadline + 2n * DAY;
      await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, commit, reveal))
        .to.emit(f.tenders, "TenderAmended")
        .withArgs(f.id, 1n, DOCS_V2, commit, reveal, f.funder.address);
      let t = await f.tenders.getTender(f.id);
      expect([t.documentsDigest, t.commitDeadline, t.revealDeadline, t.amendments]).to.deep.equal([DOCS_V2, commit, reveal, 1n]);
      // The head of FIN acts for it too; new documents with the same deadlines are a second amendment.
      const docs3 = label32("tender documents v3");
      await expect(f.tenders.connect(f.fin.head).amend(f.id, docs3, commit, reveal))
        .to.emit(f.tenders, "TenderAmended")
        .withArgs(f.id, 2n, docs3, commit, reveal, f.fin.head.address);
      t = await f.tenders.getTender(f.id);
      expect([t.documentsDigest, t.amendments]).to.deep.equal([docs3, 2n]);
      // Bidding is open until the new commit deadline.
      await fundBond(f, f.id, f.a);
      await time.increaseTo(f.p.commitDeadline + 10n);
      await expect(f.tenders.connect(f.a).commitBid(f.id, (await sealBid(f, f.id, f.a, PRICE_A)).commitment)).to.emit(
        f.tenders,
        "BidCommitted",
      );
    });

    it("reverts with TenderWrongDepartment for officials of other departments and outsiders", async function () {
      const f = await loadFixture(publishedFixture);
      for (const who of [f.mohurd.official, f.tax.head, f.outsider, f.a]) {
        await expect(f.tenders.connect(who).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline))
          .to.be.revertedWithCustomError(f.tenders, "TenderWrongDepartment")
          .withArgs(f.id, FIN, who.address);
      }
      expect((await f.tenders.getTender(f.id)).amendments).to.equal(0n);
    });

    it("reverts with TenderCommitClosed from the commit deadline on", async function () {
      const f = await loadFixture(publishedFixture);
      await time.setNextBlockTimestamp(f.p.commitDeadline);
      await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline + DAY, f.p.revealDeadline + DAY))
        .to.be.revertedWithCustomError(f.tenders, "TenderCommitClosed")
        .withArgs(f.id, f.p.commitDeadline);
    });

    it("reverts with TenderInvalidSchedule for an earlier commit or reveal deadline, or reveal not after commit", async function () {
      const f = await loadFixture(publishedFixture);
      const c = f.p.commitDeadline;
      const r = f.p.revealDeadline;
      for (const [commit, reveal] of [
        [c - 1n, r],
        [c, r - 1n],
        [r, r],
        [r + DAY, r + DAY - 1n],
      ]) {
        await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, commit, reveal))
          .to.be.revertedWithCustomError(f.tenders, "TenderInvalidSchedule")
          .withArgs(commit, reveal, WINDOW);
      }
      const t = await f.tenders.getTender(f.id);
      expect([t.documentsDigest, t.commitDeadline, t.revealDeadline, t.amendments]).to.deep.equal([DOCS, c, r, 0n]);
    });

    it("reverts with TenderWrongState once cancelled and TenderUnknown for an unknown tender", async function () {
      const f = await loadFixture(publishedFixture);
      await expect(f.tenders.connect(f.funder).amend(99n, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline))
        .to.be.revertedWithCustomError(f.tenders, "TenderUnknown")
        .withArgs(99n);
      await f.tenders.connect(f.funder).cancel(f.id, 1, await liveBidders(f.tenders, f.id));
      await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Cancelled);
    });

    it("lets a bid committed before an amendment be withdrawn, crediting its bond", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.a, PRICE_A);
      await f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline);
      await commitAs(f, f.id, f.b, PRICE_B);
      const tx = f.tenders.connect(f.a).withdrawBid(f.id);
      await expect(tx).to.emit(f.tenders, "BidWithdrawn").withArgs(f.id, f.a.address);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [0n, 0n]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(BOND);
      expect(bidFields(await f.tenders.bidOf(f.id, f.a.address))).to.deep.equal([NO_COMMITMENT, 0n, 0n, false, false, false, 0n, false, true]);
      expect((await f.tenders.getTender(f.id)).bidCount).to.equal(1n);
      expect((await biddersFromEvents(f.tenders, f.id)).live).to.deep.equal([f.b.address]);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 2n * BOND);
      await expectSolvent(f);
    });

    it("refuses withdrawal of a bid committed (or replaced) after the last amendment with TenderNoAmendmentSinceBid", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.a, PRICE_A);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).withdrawBid(f.id))
          .to.be.revertedWithCustomError(f.tenders, "TenderNoAmendmentSinceBid")
          .withArgs(f.id, f.a.address);
      });
      await f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline);
      await commitAs(f, f.id, f.a, PRICE_A, "replaced");
      await commitAs(f, f.id, f.b, PRICE_B);
      for (const who of [f.a, f.b]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).withdrawBid(f.id))
            .to.be.revertedWithCustomError(f.tenders, "TenderNoAmendmentSinceBid")
            .withArgs(f.id, who.address);
        });
      }
    });

    it("reverts withdrawBid with TenderNoBid without a bid (or twice) and TenderCommitClosed after the deadline", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.a, PRICE_A);
      await commitAs(f, f.id, f.b, PRICE_B);
      await f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.outsider).withdrawBid(f.id))
          .to.be.revertedWithCustomError(f.tenders, "TenderNoBid")
          .withArgs(f.id, f.outsider.address);
      });
      await f.tenders.connect(f.a).withdrawBid(f.id);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).withdrawBid(f.id))
          .to.be.revertedWithCustomError(f.tenders, "TenderNoBid")
          .withArgs(f.id, f.a.address);
      });
      await time.setNextBlockTimestamp(f.p.commitDeadline);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.b).withdrawBid(f.id))
          .to.be.revertedWithCustomError(f.tenders, "TenderCommitClosed")
          .withArgs(f.id, f.p.commitDeadline);
      });
    });

    it("lists a bidder who withdrew and bid again once, with a fresh bond", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.a, PRICE_A);
      await commitAs(f, f.id, f.b, PRICE_B);
      await f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.revealDeadline);
      await f.tenders.connect(f.a).withdrawBid(f.id);
      // The refunded bond is credit again, and backs the new commit.
      expect(await f.tenders.creditOf(f.a.address)).to.equal(BOND);
      const again = await sealBid(f, f.id, f.a, PRICE_A - 1n);
      const tx = f.tenders.connect(f.a).commitBid(f.id, again.commitment);
      await expect(tx).to.emit(f.tenders, "BidCommitted").withArgs(f.id, f.a.address, again.commitment, 3n, false);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [0n, 0n]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
      const bidders = await liveBidders(f.tenders, f.id);
      expect(bidders).to.deep.equal([f.a.address, f.b.address].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)));
      expect((await f.tenders.getTender(f.id)).bidCount).to.equal(BigInt(bidders.length));
      // Cancelling refunds each live bond once; the withdrawn one was already credited.
      const cancel = f.tenders.connect(f.funder).cancel(f.id, 1, await liveBidders(f.tenders, f.id));
      await expect(cancel).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
      await cancel;
      expect(await f.tenders.creditOf(f.a.address)).to.equal(BOND);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(BOND);
      await expectSolvent(f);
    });
  });

  describe("commit", function () {
    it("deposits bond credit with BondDeposited, pulling the tokens", async function () {
      const f = await loadFixture(publishedFixture);
      const tx = f.tenders.connect(f.a).depositBond(3n * BOND);
      await expect(tx).to.emit(f.tenders, "BondDeposited").withArgs(f.a.address, 3n * BOND);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [-3n * BOND, 3n * BOND]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(3n * BOND);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND);
      await expectSolvent(f);
      // Unused credit is withdrawable.
      await expect(f.tenders.connect(f.a).withdraw()).to.emit(f.tenders, "Withdrawn").withArgs(f.a.address, 3n * BOND);
      expect(await f.tenders.obligations()).to.equal(BUDGET);
    });

    it("refuses a deposit above 2^128 - 1 with TenderAmountTooLarge, so that summing credits can never overflow", async function () {
      const f = await loadFixture(publishedFixture);
      await movesNothing(f, async () => {
        for (const amount of [2n ** 128n, ethers.MaxUint256]) {
          await expect(f.tenders.connect(f.a).depositBond(amount))
            .to.be.revertedWithCustomError(f.tenders, "TenderAmountTooLarge")
            .withArgs(amount, 2n ** 128n - 1n);
        }
      });
    });

    it("reverts depositBond with TenderZeroDeposit, and refuses a fee-on-transfer token with TenderFeeOnTransfer", async function () {
      const f = await loadFixture(publishedFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).depositBond(0n)).to.be.revertedWithCustomError(f.tenders, "TenderZeroDeposit");
      });
      const fee = (await ethers.deployContract("FeeOnTransferToken")) as unknown as FeeOnTransferToken;
      const escrow = await deployEscrow(connection, f, await fee.getAddress());
      await fee.mint(f.a.address, BOND);
      await fee.connect(f.a).approve(await escrow.getAddress(), ethers.MaxUint256);
      await expect(escrow.connect(f.a).depositBond(BOND))
        .to.be.revertedWithCustomError(escrow, "TenderFeeOnTransfer")
        .withArgs(BOND, BOND - BOND / 100n);
      expect(await escrow.creditOf(f.a.address)).to.equal(0n);
      expect(await escrow.obligations()).to.equal(0n);
    });

    it("commits a sealed bid with BidCommitted, moving the bond from the bidder's credit into the tender", async function () {
      const f = await loadFixture(publishedFixture);
      await f.tenders.connect(f.a).depositBond(3n * BOND);
      const bid = await sealBid(f, f.id, f.a, PRICE_A);
      const tx = f.tenders.connect(f.a).commitBid(f.id, bid.commitment);
      await expect(tx).to.emit(f.tenders, "BidCommitted").withArgs(f.id, f.a.address, bid.commitment, 1n, false);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [0n, 0n]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(2n * BOND);
      expect(bidFields(await f.tenders.bidOf(f.id, f.a.address))).to.deep.equal([sealed(bid.commitment), 1n, 0n, false, true, false, 0n, false, false]);
      expect((await biddersFromEvents(f.tenders, f.id)).live).to.deep.equal([f.a.address]);
      expect((await f.tenders.getTender(f.id)).bidCount).to.equal(1n);
      // Moving credit into a tender changes nothing the escrow owes.
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND);
      await expectSolvent(f);
    });

    it("reverts with TenderInsufficientCredit when the bidder's credit does not cover the bond", async function () {
      const f = await loadFixture(publishedFixture);
      const bid = await sealBid(f, f.id, f.a, PRICE_A);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderInsufficientCredit")
          .withArgs(f.a.address, 0n, BOND);
      });
      await f.tenders.connect(f.a).depositBond(BOND - 1n);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderInsufficientCredit")
          .withArgs(f.a.address, BOND - 1n, BOND);
      });
      await f.tenders.connect(f.a).depositBond(1n);
      await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment)).to.emit(f.tenders, "BidCommitted");
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
    });

    it("needs no credit for a tender without a bid bond", async function () {
      const f = await loadFixture(baseFixture);
      const { id } = await publishTender(f, { bidBond: 0n });
      const bid = await sealBid(f, id, f.a, PRICE_A);
      await expect(f.tenders.connect(f.a).commitBid(id, bid.commitment))
        .to.emit(f.tenders, "BidCommitted")
        .withArgs(id, f.a.address, bid.commitment, 1n, false);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
      expect(await f.tenders.obligations()).to.equal(BUDGET);
    });

    it("replaces a commitment before the deadline (replaced=true, new sequence, no second bond)", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.a, PRICE_A);
      await commitAs(f, f.id, f.b, PRICE_B);
      const second = await sealBid(f, f.id, f.a, PRICE_A - 50_000n);
      const tx = f.tenders.connect(f.a).commitBid(f.id, second.commitment);
      await expect(tx).to.emit(f.tenders, "BidCommitted").withArgs(f.id, f.a.address, second.commitment, 3n, true);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [0n, 0n]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
      expect(bidFields(await f.tenders.bidOf(f.id, f.a.address))).to.deep.equal([sealed(second.commitment), 3n, 0n, false, true, false, 0n, false, false]);
      expect((await biddersFromEvents(f.tenders, f.id)).live).to.deep.equal([f.a.address, f.b.address]);
      expect((await f.tenders.getTender(f.id)).bidCount).to.equal(2n);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 2n * BOND);
    });

    it("reverts with TenderCommitClosed at exactly the commit deadline", async function () {
      const f = await loadFixture(publishedFixture);
      const bid = await sealBid(f, f.id, f.a, PRICE_A);
      await time.setNextBlockTimestamp(f.p.commitDeadline);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderCommitClosed")
          .withArgs(f.id, f.p.commitDeadline);
      });
    });

    it("accepts a commitment one second before the commit deadline", async function () {
      const f = await loadFixture(publishedFixture);
      const bid = await sealBid(f, f.id, f.a, PRICE_A);
      await fundBond(f, f.id, f.a);
      await time.setNextBlockTimestamp(f.p.commitDeadline - 1n);
      await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment)).to.emit(f.tenders, "BidCommitted");
    });

    it("reverts with TenderZeroCommitment", async function () {
      const f = await loadFixture(publishedFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, ZERO_HASH)).to.be.revertedWithCustomError(
          f.tenders,
          "TenderZeroCommitment",
        );
      });
    });

    it("reverts with TenderNotLicensed for an unlicensed account and for a supplier whose licence was revoked", async function () {
      const f = await loadFixture(publishedFixture);
      await f.token.mint(f.outsider.address, BOND);
      await f.token.connect(f.outsider).approve(f.escrow, BOND);
      const bid = await sealBid(f, f.id, f.outsider, PRICE_A);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.outsider).commitBid(f.id, bid.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderNotLicensed")
          .withArgs(f.outsider.address, BUSINESS_LICENCE);
      });
      await f.licenses.connect(f.samr.official).revoke(await f.licenses.licenseOf(f.a.address, BUSINESS_LICENCE), 9);
      const bidA = await sealBid(f, f.id, f.a, PRICE_A);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, bidA.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderNotLicensed")
          .withArgs(f.a.address, BUSINESS_LICENCE);
      });
      // Once licensed (and with the bond deposited), the outsider may bid.
      await grantBusinessLicence(f.licenses, f.samr.official, f.outsider);
      await f.tenders.connect(f.outsider).depositBond(BOND);
      await expect(f.tenders.connect(f.outsider).commitBid(f.id, bid.commitment))
        .to.emit(f.tenders, "BidCommitted")
        .withArgs(f.id, f.outsider.address, bid.commitment, 1n, false);
    });

    it("reverts with TenderWrongState on a cancelled tender and TenderUnknown on an unknown one", async function () {
      const f = await loadFixture(publishedFixture);
      const bid = await sealBid(f, f.id, f.a, PRICE_A);
      await expect(f.tenders.connect(f.a).commitBid(99n, bid.commitment))
        .to.be.revertedWithCustomError(f.tenders, "TenderUnknown")
        .withArgs(99n);
      await f.tenders.connect(f.funder).cancel(f.id, 1, await liveBidders(f.tenders, f.id));
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.a).commitBid(f.id, bid.commitment))
          .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
          .withArgs(f.id, State.Cancelled);
      });
    });

    it("reverts with TenderTooManyBidders beyond 64 bidders", async function () {
      const f = await loadFixture(baseFixture);
      const { id } = await publishTender(f, { bidBond: 0n });
      const bidders: Account[] = [...f.suppliers];
      for (let i = 1; bidders.length < 65; i++) {
        const address = ethers.getAddress(`0x${(0xb1d0000 + i).toString(16).padStart(40, "0")}`);
        await networkHelpers.setBalance(address, 10n ** 18n);
        const signer = await ethers.getImpersonatedSigner(address);
        await grantBusinessLicence(f.licenses, f.samr.official, signer);
        bidders.push(signer);
      }
      for (const bidder of bidders.slice(0, 64)) await commitAs(f, id, bidder, PRICE_A);
      const last = bidders[64];
      await expect(f.tenders.connect(last).commitBid(id, (await sealBid(f, id, last, PRICE_A)).commitment))
        .to.be.revertedWithCustomError(f.tenders, "TenderTooManyBidders")
        .withArgs(id, 64n);
      // A bidder already in may still replace its commitment.
      await expect(f.tenders.connect(f.a).commitBid(id, (await sealBid(f, id, f.a, 1n)).commitment))
        .to.emit(f.tenders, "BidCommitted")
        .withArgs(id, f.a.address, anyValue, 65n, true);
      expect((await f.tenders.getTender(id)).bidCount).to.equal(64n);
      // A withdrawn bid frees its place.
      const p = await f.tenders.getTender(id);
      await f.tenders.connect(f.funder).amend(id, DOCS_V2, p.commitDeadline, p.revealDeadline);
      await f.tenders.connect(f.a).withdrawBid(id);
      await expect(f.tenders.connect(last).commitBid(id, (await sealBid(f, id, last, PRICE_A)).commitment))
        .to.emit(f.tenders, "BidCommitted")
        .withArgs(id, last.address, anyValue, 66n, false);
      const listed = await liveBidders(f.tenders, id);
      expect(listed.length).to.equal(64);
      expect(new Set(listed).size).to.equal(64);
      expect(listed).to.not.include(f.a.address);
      // The cap holds the escrow's loops (award, cancel) to 64 entries: cancelling takes the full list.
      await expect(f.tenders.connect(f.funder).cancel(id, 1, listed)).to.emit(f.tenders, "TenderCancelled");
      expect((await f.tenders.getTender(id)).bidCount).to.equal(64n);
    });

    it("binds a commitment to the tender, the bidder, the chain and the escrow (commitmentOf)", async function () {
      const f = await loadFixture(publishedFixture);
      const salt = ethers.id("salt");
      const { chainId } = await ethers.provider.getNetwork();
      const expected = ethers.keccak256(
        ethers.AbiCoder.defaultAbiCoder().encode(
          ["uint256", "address", "uint256", "bytes32", "uint256", "address"],
          [f.id, f.a.address, PRICE_A, salt, chainId, f.escrow],
        ),
      );
      expect(await f.tenders.commitmentOf(f.id, f.a.address, PRICE_A, salt)).to.equal(expected);
      expect(await f.tenders.commitmentOf(f.id, f.b.address, PRICE_A, salt)).to.not.equal(expected);
      expect(await f.tenders.commitmentOf(f.id + 1n, f.a.address, PRICE_A, salt)).to.not.equal(expected);
    });
  });

  describe("reveal", function () {
    it("reveals in the window with BidRevealed; bidOf shows the sealed commitment before the reveal, the price after", async function () {
      const f = await loadFixture(revealWindowFixture);
      expect(bidFields(await f.tenders.bidOf(f.id, f.a.address))).to.deep.equal([sealed(f.bidA.commitment), 1n, 0n, false, true, false, 0n, false, false]);
      await expect(f.tenders.connect(f.a).revealBid(f.id, PRICE_A, f.bidA.salt))
        .to.emit(f.tenders, "BidRevealed")
        .withArgs(f.id, f.a.address, PRICE_A);
      // The price takes the commitment's place.
      expect(bidFields(await f.tenders.bidOf(f.id, f.a.address))).to.deep.equal([
        NO_COMMITMENT,
        1n,
        0n,
        true,
        true,
        false,
        PRICE_A,
        false,
        false,
      ]);
      expect((await f.tenders.bidOf(f.id, f.b.address)).price).to.equal(0n);
      expect((await f.tenders.getTender(f.id)).revealedCount).to.equal(1n);
      // One second before the reveal deadline is still in time.
      await time.setNextBlockTimestamp(f.p.revealDeadline - 1n);
      await expect(f.tenders.connect(f.b).revealBid(f.id, PRICE_B, f.bidB.salt))
        .to.emit(f.tenders, "BidRevealed")
        .withArgs(f.id, f.b.address, PRICE_B);
      expect((await f.tenders.getTender(f.id)).revealedCount).to.equal(2n);
    });

    it("reverts with TenderRevealNotOpen before the commit deadline", async function () {
      const f = await loadFixture(committedFixture);
      await time.setNextBlockTimestamp(f.p.commitDeadline - 1n);
      await expect(f.tenders.connect(f.a).revealBid(f.id, PRICE_A, f.bidA.salt))
        .to.be.revertedWithCustomError(f.tenders, "TenderRevealNotOpen")
        .withArgs(f.id, f.p.commitDeadline);
    });

    it("reverts with TenderRevealClosed at exactly the reveal deadline", async function () {
      const f = await loadFixture(revealWindowFixture);
      await time.setNextBlockTimestamp(f.p.revealDeadline);
      await expect(f.tenders.connect(f.a).revealBid(f.id, PRICE_A, f.bidA.salt))
        .to.be.revertedWithCustomError(f.tenders, "TenderRevealClosed")
        .withArgs(f.id, f.p.revealDeadline);
      expect((await f.tenders.bidOf(f.id, f.a.address)).revealed).to.equal(false);
    });

    it("reverts with TenderCommitmentMismatch for a wrong price, a wrong salt or another bidder's commitment", async function () {
      const f = await loadFixture(committedFixture);
      // c copies a's sealed commitment in the commit phase, hoping to reveal a's price.
      await f.tenders.connect(f.c).commitBid(f.id, f.bidA.commitment);
      await time.increaseTo(f.p.commitDeadline);
      for (const [who, price, salt] of [
        [f.a, PRICE_A + 1n, f.bidA.salt],
        [f.a, PRICE_A, ethers.id("another salt")],
        [f.c, PRICE_A, f.bidA.salt],
        [f.b, PRICE_A, f.bidA.salt],
      ] as const) {
        await expect(f.tenders.connect(who).revealBid(f.id, price, salt))
          .to.be.revertedWithCustomError(f.tenders, "TenderCommitmentMismatch")
          .withArgs(f.id, who.address);
      }
      expect((await f.tenders.getTender(f.id)).revealedCount).to.equal(0n);
    });

    it("reverts with TenderAlreadyRevealed and TenderNoBid", async function () {
      const f = await loadFixture(revealWindowFixture);
      await revealAs(f, f.id, f.bidA);
      await expect(f.tenders.connect(f.a).revealBid(f.id, PRICE_A, f.bidA.salt))
        .to.be.revertedWithCustomError(f.tenders, "TenderAlreadyRevealed")
        .withArgs(f.id, f.a.address);
      await expect(f.tenders.connect(f.outsider).revealBid(f.id, PRICE_A, f.bidA.salt))
        .to.be.revertedWithCustomError(f.tenders, "TenderNoBid")
        .withArgs(f.id, f.outsider.address);
      expect((await f.tenders.getTender(f.id)).revealedCount).to.equal(1n);
    });
  });

  describe("award", function () {
    it("reverts with TenderRevealNotOver before the reveal deadline", async function () {
      const f = await loadFixture(revealWindowFixture);
      for (const bid of [f.bidA, f.bidB, f.bidC]) await revealAs(f, f.id, bid);
      await time.setNextBlockTimestamp(f.p.revealDeadline - 1n);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.outsider).award(f.id, await ranking(f.tenders, f.id)))
          .to.be.revertedWithCustomError(f.tenders, "TenderRevealNotOver")
          .withArgs(f.id, f.p.revealDeadline);
      });
    });

    it("awards (anyone may call) to the lowest price; losers' bonds are credited, the winner's becomes the performance bond", async function () {
      const f = await loadFixture(revealedFixture);
      const at = f.p.revealDeadline + 100n;
      await time.setNextBlockTimestamp(at);
      const tx = f.tenders.connect(f.outsider).award(f.id, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.b.address, PRICE_B, at, at + WINDOW);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.c.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.not.emit(f.tenders, "BondsForfeited");
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.tenders, f.b], [0n, 0n]);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.winner, t.price, t.awardedAt, t.performanceBond, t.escrow, t.revealedCount]).to.deep.equal([
        State.Awarded,
        f.b.address,
        PRICE_B,
        at,
        BOND,
        BUDGET,
        3n,
      ]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(BOND);
      expect(await f.tenders.creditOf(f.c.address)).to.equal(BOND);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(0n);
      expect((await f.tenders.bidOf(f.id, f.b.address)).bondHeld).to.equal(false);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND);
      await expectSolvent(f);
    });

    it("forfeits the non-revealers' bonds to the funder in one BondsForfeited", async function () {
      const f = await loadFixture(revealWindowFixture);
      await revealAs(f, f.id, f.bidA);
      await revealAs(f, f.id, f.bidC);
      await time.increaseTo(f.p.revealDeadline);
      const tx = f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "BondsForfeited").withArgs(f.id, 1n, BOND);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BOND, Reason.forfeit);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.c.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.a.address, PRICE_A, anyValue, anyValue);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BOND);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(0n);
      await expectSolvent(f);
    });

    it("breaks a tie in favour of the earliest commitment, the same whatever order the reveals came in", async function () {
      const results = [];
      for (const fixture of [tieRevealedForwardFixture, tieRevealedReversedFixture]) {
        const f = await loadFixture(fixture);
        const at = f.p.revealDeadline + 7n;
        await time.setNextBlockTimestamp(at);
        await expect(f.tenders.award(f.id, await ranking(f.tenders, f.id))).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.b.address, PRICE_B, at, at + WINDOW);
        const t = await f.tenders.getTender(f.id);
        results.push([t.winner, t.price, await f.tenders.creditOf(f.a.address), await f.tenders.creditOf(f.c.address)]);
      }
      expect(results[0]).to.deep.equal(results[1]);
      expect(results[0][0]).to.equal((await loadFixture(tieRevealedForwardFixture)).b.address);
    });

    it("counts a replaced commitment from its replacement in a tie", async function () {
      const f = await loadFixture(publishedFixture);
      await commitAs(f, f.id, f.b, PRICE_B, "first");
      const bidC = await commitAs(f, f.id, f.c, PRICE_B);
      const bidB = await commitAs(f, f.id, f.b, PRICE_B, "replacement");
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, bidB);
      await revealAs(f, f.id, bidC);
      await time.increaseTo(f.p.revealDeadline);
      await expect(f.tenders.award(f.id, await ranking(f.tenders, f.id))).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.c.address, PRICE_B, anyValue, anyValue);
    });

    it("excludes a bid above the budget but accepts one equal to it", async function () {
      const f = await loadFixture(publishedFixture);
      const over = await commitAs(f, f.id, f.a, BUDGET + 1n);
      const exact = await commitAs(f, f.id, f.b, BUDGET);
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, over);
      await revealAs(f, f.id, exact);
      await time.increaseTo(f.p.revealDeadline);
      const tx = f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.b.address, BUDGET, anyValue, anyValue);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
    });

    it("excludes a bidder whose licence was revoked between commit and award (bond refunded)", async function () {
      const f = await loadFixture(revealedFixture);
      await f.licenses.connect(f.samr.official).revoke(await f.licenses.licenseOf(f.b.address, BUSINESS_LICENCE), 3);
      const tx = f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.a.address, PRICE_A, anyValue, anyValue);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.c.address, f.id, BOND, Reason.bondRefund);
      expect((await f.tenders.getTender(f.id)).performanceBond).to.equal(BOND);
      await expectSolvent(f);
    });

    it("fails the tender with TenderFailed when no bid is valid, crediting the budget back", async function () {
      const f = await loadFixture(publishedFixture);
      const over = await commitAs(f, f.id, f.a, BUDGET + 1n);
      await commitAs(f, f.id, f.b, PRICE_B); // never revealed
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, over);
      await time.increaseTo(f.p.revealDeadline);
      const tx = f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderFailed").withArgs(f.id);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BOND, Reason.forfeit);
      await expect(tx).to.emit(f.tenders, "BondsForfeited").withArgs(f.id, 1n, BOND);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.not.emit(f.tenders, "TenderAwarded");
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.winner, t.escrow, t.price]).to.deep.equal([State.Failed, ZERO, 0n, 0n]);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET + BOND);
      await expectSolvent(f);
    });

    it("fails a tender nobody bid on", async function () {
      const f = await loadFixture(publishedFixture);
      await time.increaseTo(f.p.revealDeadline);
      await expect(f.tenders.award(f.id, await ranking(f.tenders, f.id))).to.emit(f.tenders, "TenderFailed").withArgs(f.id);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET);
    });

    it("reverts with TenderBidListIncomplete for a ranking that leaves out a revealed bid or lists more", async function () {
      const f = await loadFixture(revealedFixture);
      const { a, b, c, outsider } = f;
      const cases: [string[], bigint][] = [
        [[], 0n],
        [[b.address, a.address], 2n],
        [[b.address, a.address, c.address, outsider.address], 4n],
      ];
      for (const [ranked, given] of cases) {
        await movesNothing(f, async () => {
          await expect(f.tenders.award(f.id, ranked))
            .to.be.revertedWithCustomError(f.tenders, "TenderBidListIncomplete")
            .withArgs(f.id, given, 3n);
        });
      }
      expect(await ranking(f.tenders, f.id)).to.deep.equal([b.address, a.address, c.address]);
    });

    it("reverts with TenderBidListUnsorted for a ranking out of (price, sequence) order", async function () {
      const f = await loadFixture(revealedFixture);
      for (const [ranked, index] of [
        [[f.a.address, f.b.address, f.c.address], 1n],
        [[f.b.address, f.c.address, f.a.address], 2n],
      ] as const) {
        await movesNothing(f, async () => {
          await expect(f.tenders.award(f.id, [...ranked]))
            .to.be.revertedWithCustomError(f.tenders, "TenderBidListUnsorted")
            .withArgs(f.id, index);
        });
      }
      // Equal prices go by sequence: c committed after b, so c cannot come first.
      const g = await loadFixture(tieRevealedReversedFixture);
      await expect(g.tenders.award(g.id, [g.c.address, g.b.address, g.a.address]))
        .to.be.revertedWithCustomError(g.tenders, "TenderBidListUnsorted")
        .withArgs(g.id, 1n);
    });

    it("reverts with TenderBidListDuplicate for a bidder ranked twice", async function () {
      const f = await loadFixture(revealedFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.award(f.id, [f.b.address, f.b.address, f.a.address]))
          .to.be.revertedWithCustomError(f.tenders, "TenderBidListDuplicate")
          .withArgs(f.id, f.b.address);
      });
    });

    it("reverts with TenderBidNotRevealed for a ranked bid that was never revealed, or no bid at all", async function () {
      const f = await loadFixture(revealWindowFixture);
      await revealAs(f, f.id, f.bidA);
      await revealAs(f, f.id, f.bidC);
      await time.increaseTo(f.p.revealDeadline);
      for (const who of [f.b, f.outsider]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.award(f.id, [f.a.address, who.address]))
            .to.be.revertedWithCustomError(f.tenders, "TenderBidNotRevealed")
            .withArgs(f.id, who.address);
        });
      }
      await expect(f.tenders.award(f.id, [f.a.address, f.c.address])).to.emit(f.tenders, "TenderAwarded");
    });

    it("ranks a price too large to store as 2^192 - 1, which never wins", async function () {
      const f = await loadFixture(publishedFixture);
      const huge = 2n ** 200n;
      const bidA = await commitAs(f, f.id, f.a, huge);
      const bidB = await commitAs(f, f.id, f.b, PRICE_B);
      await time.increaseTo(f.p.commitDeadline);
      await expect(f.tenders.connect(f.a).revealBid(f.id, huge, bidA.salt)).to.emit(f.tenders, "BidRevealed").withArgs(f.id, f.a.address, huge);
      await revealAs(f, f.id, bidB);
      expect((await f.tenders.bidOf(f.id, f.a.address)).price).to.equal(2n ** 192n - 1n);
      await time.increaseTo(f.p.revealDeadline);
      const tx = f.tenders.award(f.id, [f.b.address, f.a.address]);
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.b.address, PRICE_B, anyValue, anyValue);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
    });

    it("reverts with TenderWrongState when awarded twice", async function () {
      const f = await loadFixture(awardedFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.award(f.id, await ranking(f.tenders, f.id))).to.be.revertedWithCustomError(f.tenders, "TenderWrongState").withArgs(f.id, State.Awarded);
      });
    });
  });

  describe("complaints", function () {
    it("lets a bidder complain in the window with ComplaintFiled, holding the tender", async function () {
      const f = await loadFixture(awardedFixture);
      const digest = label32("price dumping");
      const at = f.complaintDeadline - 1n;
      await time.setNextBlockTimestamp(at);
      await expect(f.tenders.connect(f.a).complain(f.id, digest))
        .to.emit(f.tenders, "ComplaintFiled")
        .withArgs(f.id, 0n, f.a.address, digest, at + RESOLUTION_PERIOD);
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Disputed);
      const [c] = await f.tenders.complaintsOf(f.id);
      expect([c.by, c.filedAt, c.resolveBy, c.outcome, c.digest, c.resolutionDigest]).to.deep.equal([
        f.a.address,
        at,
        at + RESOLUTION_PERIOD,
        Outcome.Pending,
        digest,
        ZERO_HASH,
      ]);
      expect((await f.tenders.bidOf(f.id, f.a.address)).complained).to.equal(true);
      // A second complaint waits for the first to be resolved.
      await expect(f.tenders.connect(f.c).complain(f.id, digest))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Disputed);
    });

    it("reverts with TenderComplaintWindowClosed at the deadline, TenderNoBid for a non-bidder, TenderWrongState before award", async function () {
      const f = await loadFixture(awardedFixture);
      await expect(f.tenders.connect(f.outsider).complain(f.id, label32("x")))
        .to.be.revertedWithCustomError(f.tenders, "TenderNoBid")
        .withArgs(f.id, f.outsider.address);
      await time.setNextBlockTimestamp(f.complaintDeadline);
      await expect(f.tenders.connect(f.a).complain(f.id, label32("x")))
        .to.be.revertedWithCustomError(f.tenders, "TenderComplaintWindowClosed")
        .withArgs(f.id, f.complaintDeadline);
      const g = await loadFixture(revealedFixture);
      await expect(g.tenders.connect(g.a).complain(g.id, label32("x")))
        .to.be.revertedWithCustomError(g.tenders, "TenderWrongState")
        .withArgs(g.id, State.Open);
    });

    it("dismisses a complaint (supervising official) with ComplaintResolved, back to Awarded", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      const resolution = label32("dismissed");
      const tx = f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, resolution, []);
      await expect(tx).to.emit(f.tenders, "ComplaintResolved").withArgs(f.id, 0n, false, f.supervisor.official.address, resolution);
      await expect(tx).to.not.emit(f.tenders, "Credited");
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.winner, t.price, t.performanceBond, t.awardedAt]).to.deep.equal([
        State.Awarded,
        f.b.address,
        PRICE_B,
        BOND,
        f.awardedAt,
      ]);
      const [c] = await f.tenders.complaintsOf(f.id);
      expect([c.outcome, c.resolutionDigest]).to.deep.equal([Outcome.Dismissed, resolution]);
      // Another bidder may complain in what is left of the window; the second complaint is number 1.
      await expect(f.tenders.connect(f.c).complain(f.id, label32("again")))
        .to.emit(f.tenders, "ComplaintFiled")
        .withArgs(f.id, 1n, f.c.address, label32("again"), anyValue);
    });

    it("upholds a complaint: the performance bond goes back, the next valid bid is awarded afresh and posts its performance bond from its credit (PerformanceBondPosted)", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      const resolution = label32("upheld");
      const at = f.awardedAt + DAY;
      await time.setNextBlockTimestamp(at);
      const tx = f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, resolution, await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "ComplaintResolved").withArgs(f.id, 0n, true, f.supervisor.official.address, resolution);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.performance);
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.a.address, PRICE_A, at, at + WINDOW);
      await expect(tx).to.emit(f.tenders, "PerformanceBondPosted").withArgs(f.id, f.a.address, BOND);
      const t = await f.tenders.getTender(f.id);
      // a's bid bond was refunded to its credit at the first award; the re-award takes it back as the
      // performance bond (before the fix, a re-awarded winner held none).
      expect([t.state, t.winner, t.price, t.awardedAt, t.performanceBond, t.escrow]).to.deep.equal([
        State.Awarded,
        f.a.address,
        PRICE_A,
        at,
        BOND,
        BUDGET,
      ]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
      expect((await f.tenders.bidOf(f.id, f.b.address)).disqualified).to.equal(true);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(BOND);
      const [c] = await f.tenders.complaintsOf(f.id);
      expect([c.outcome, c.resolutionDigest]).to.deep.equal([Outcome.Upheld, resolution]);
      await expectSolvent(f);
      // The new award has its own complaint window.
      await time.setNextBlockTimestamp(at + WINDOW - 1n);
      await expect(f.tenders.startContract(f.id))
        .to.be.revertedWithCustomError(f.tenders, "TenderComplaintWindowOpen")
        .withArgs(f.id, at + WINDOW);
    });

    it("upholds a complaint with no other valid bid: TenderFailed and the budget credited back", async function () {
      const f = await loadFixture(publishedFixture);
      const bidA = await commitAs(f, f.id, f.a, PRICE_A);
      const over = await commitAs(f, f.id, f.b, BUDGET + 1n);
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, bidA);
      await revealAs(f, f.id, over);
      await time.increaseTo(f.p.revealDeadline);
      await f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await f.tenders.connect(f.b).complain(f.id, label32("complaint"));
      const tx = f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderFailed").withArgs(f.id);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.performance);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.winner, t.price, t.escrow, t.performanceBond]).to.deep.equal([State.Failed, ZERO, 0n, 0n, 0n]);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 2n * BOND);
      await expectSolvent(f);
    });

    it("reverts with TenderNotSupervisor for anyone outside the supervising department, and follows setSupervisingDepartment", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      for (const who of [f.mohurd.official, f.outsider, f.b]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).resolveComplaint(f.id, true, label32("r"), await ranking(f.tenders, f.id)))
            .to.be.revertedWithCustomError(f.tenders, "TenderNotSupervisor")
            .withArgs(who.address);
        });
      }
      await f.tenders.setSupervisingDepartment(MOHURD);
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("r"), []))
        .to.be.revertedWithCustomError(f.tenders, "TenderNotSupervisor")
        .withArgs(f.supervisor.official.address);
      await expect(f.tenders.connect(f.mohurd.official).resolveComplaint(f.id, false, label32("r"), []))
        .to.emit(f.tenders, "ComplaintResolved")
        .withArgs(f.id, 0n, false, f.mohurd.official.address, label32("r"));
    });

    it("re-awards only from a complete ranking that still lists the disqualified winner", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), [f.a.address, f.c.address]))
          .to.be.revertedWithCustomError(f.tenders, "TenderBidListIncomplete")
          .withArgs(f.id, 2n, 3n);
      });
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), [f.a.address, f.b.address, f.c.address]))
          .to.be.revertedWithCustomError(f.tenders, "TenderBidListUnsorted")
          .withArgs(f.id, 1n);
      });
      const tx = f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), [f.b.address, f.a.address, f.c.address]);
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.a.address, PRICE_A, anyValue, anyValue);
      // Bonds were settled at the first award: a re-award credits only the performance bond back.
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.performance);
      expect(await f.tenders.creditOf(f.c.address)).to.equal(BOND);
      await expectSolvent(f);
    });

    it("reverts a dismissal that carries a ranking with TenderRankingOnDismissal; dismisses with an empty one", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      const ranked = await ranking(f.tenders, f.id);
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), ranked))
        .to.be.revertedWithCustomError(f.tenders, "TenderRankingOnDismissal")
        .withArgs(f.id, BigInt(ranked.length));
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Disputed);
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), []))
        .to.emit(f.tenders, "ComplaintResolved")
        .withArgs(f.id, 0n, false, f.supervisor.official.address, label32("dismissed"));
      expect((await f.tenders.getTender(f.id)).winner).to.equal(f.b.address);
    });

    it("reverts resolveComplaint with TenderWrongState when nothing is disputed", async function () {
      const f = await loadFixture(awardedFixture);
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("r"), await ranking(f.tenders, f.id)))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Awarded);
    });

    it("needs the new winner's own consent to terminate after an upheld complaint", async function () {
      const f = await loadFixture(awardedFixture);
      // The first winner b and the department each proposed termination on two awards of the same tender.
      await f.tenders.connect(f.b).proposeTermination(f.id);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), await ranking(f.tenders, f.id));
      expect((await f.tenders.getTender(f.id)).winner).to.equal(f.a.address);
      // b's consent was to end b's award; a never agreed to terminate.
      await expect(f.tenders.connect(f.funder).proposeTermination(f.id))
        .to.emit(f.tenders, "TerminationProposed")
        .withArgs(f.id, f.funder.address);
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Awarded);
      await expect(f.tenders.connect(f.a).proposeTermination(f.id))
        .to.emit(f.tenders, "TenderTerminated")
        .withArgs(f.id, 0n, BUDGET);
    });

    it("does not carry the department's termination proposal over to a re-awarded supplier", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.funder).proposeTermination(f.id);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), await ranking(f.tenders, f.id));
      await expect(f.tenders.connect(f.a).proposeTermination(f.id))
        .to.emit(f.tenders, "TerminationProposed")
        .withArgs(f.id, f.a.address);
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Awarded);
    });
  });

  describe("contract start", function () {
    it("reverts with TenderComplaintWindowOpen until the window has passed", async function () {
      const f = await loadFixture(awardedFixture);
      await time.setNextBlockTimestamp(f.complaintDeadline - 1n);
      await movesNothing(f, async () => {
        await expect(f.tenders.startContract(f.id))
          .to.be.revertedWithCustomError(f.tenders, "TenderComplaintWindowOpen")
          .withArgs(f.id, f.complaintDeadline);
      });
    });

    it("starts the contract (anyone) with ContractStarted, crediting budget minus price to the funder", async function () {
      const f = await loadFixture(awardedFixture);
      await time.setNextBlockTimestamp(f.complaintDeadline);
      const tx = f.tenders.connect(f.outsider).startContract(f.id);
      await expect(tx).to.emit(f.tenders, "ContractStarted").withArgs(f.id, f.b.address, PRICE_B, BUDGET - PRICE_B);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET - PRICE_B, Reason.budget);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.escrow, t.price, t.performanceBond]).to.deep.equal([State.Active, PRICE_B, PRICE_B, BOND]);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET - PRICE_B);
      await expectSolvent(f);
    });

    it("credits nothing back when the price equals the budget", async function () {
      const f = await loadFixture(publishedFixture);
      const bid = await commitAs(f, f.id, f.a, BUDGET);
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, bid);
      await time.increaseTo(f.p.revealDeadline);
      await f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await time.increase(WINDOW);
      const tx = f.tenders.startContract(f.id);
      await expect(tx).to.emit(f.tenders, "ContractStarted").withArgs(f.id, f.a.address, BUDGET, 0n);
      await expect(tx).to.not.emit(f.tenders, "Credited");
    });

    it("reverts with TenderWrongState while disputed or once started", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await time.increaseTo(f.complaintDeadline);
      await expect(f.tenders.startContract(f.id)).to.be.revertedWithCustomError(f.tenders, "TenderWrongState").withArgs(f.id, State.Disputed);
      await f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), []);
      await f.tenders.startContract(f.id);
      await expect(f.tenders.startContract(f.id)).to.be.revertedWithCustomError(f.tenders, "TenderWrongState").withArgs(f.id, State.Active);
    });
  });

  describe("milestones", function () {
    it("delivers (winner) and accepts (accepting department) a milestone, paying price × share", async function () {
      const f = await loadFixture(activeFixture);
      const delivery = label32("foundations done");
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, delivery))
        .to.emit(f.tenders, "MilestoneDelivered")
        .withArgs(f.id, 0n, delivery);
      expect((await f.tenders.milestonesOf(f.id))[0].state).to.equal(MS.Delivered);
      const amount = (PRICE_B * 3000n) / 10000n;
      const tx = f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0);
      await expect(tx).to.emit(f.tenders, "MilestoneAccepted").withArgs(f.id, 0n, f.mohurd.official.address, amount);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, amount, Reason.payment);
      await expect(tx).to.not.emit(f.tenders, "TenderCompleted");
      expect(milestoneFields(await f.tenders.milestonesOf(f.id))[0]).to.deep.equal([
        3000n,
        MS.Accepted,
        label32("foundations"),
        delivery,
        amount,
      ]);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.paid, t.escrow, t.acceptedCount]).to.deep.equal([State.Active, amount, PRICE_B - amount, 1n]);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(amount);
      await expectSolvent(f);
    });

    it("completes on the last acceptance with TenderCompleted, paying exactly the price and releasing the performance bond", async function () {
      const f = await loadFixture(activeFixture);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      await f.tenders.connect(f.b).deliverMilestone(f.id, 1, label32("d1"));
      await f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0);
      const tx = f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 1);
      await expect(tx).to.emit(f.tenders, "MilestoneAccepted").withArgs(f.id, 1n, f.mohurd.official.address, PRICE_B - 210_000n);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, 490_000n, Reason.payment);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.performance);
      await expect(tx).to.emit(f.tenders, "TenderCompleted").withArgs(f.id, PRICE_B);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.paid, t.escrow, t.performanceBond, t.acceptedCount]).to.deep.equal([State.Completed, PRICE_B, 0n, 0n, 2n]);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(PRICE_B + BOND);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("again")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Completed);
      await expectSolvent(f);
    });

    it("gives the remainder to whichever milestone is accepted last, so rounding never strands a unit", async function () {
      const f = await loadFixture(baseFixture);
      const { id, p } = await publishTender(f, {
        milestoneSharesBps: [3333n, 3333n, 3334n],
        milestoneDigests: [label32("m0"), label32("m1"), label32("m2")],
      });
      const price = 700_001n;
      const bid = await commitAs(f, id, f.a, price);
      await time.increaseTo(p.commitDeadline);
      await revealAs(f, id, bid);
      await time.increaseTo(p.revealDeadline);
      await f.tenders.award(id, await ranking(f.tenders, id));
      await time.increase(WINDOW);
      for (const m of [0, 1, 2]) await f.tenders.connect(f.a).deliverMilestone(id, m, label32(`d${m}`));
      const expected: [number, bigint][] = [
        [2, 233_380n], // floor(700001 × 3334 / 10000)
        [0, 233_310n], // floor(700001 × 3333 / 10000)
        [1, 233_311n], // the remainder
      ];
      for (const [m, amount] of expected) {
        await expect(f.tenders.connect(f.mohurd.official).acceptMilestone(id, m))
          .to.emit(f.tenders, "MilestoneAccepted")
          .withArgs(id, BigInt(m), f.mohurd.official.address, amount);
      }
      const paid = (await f.tenders.milestonesOf(id)).map((m) => m.paid);
      expect(paid).to.deep.equal([233_310n, 233_311n, 233_380n]);
      expect(paid.reduce((x, y) => x + y, 0n)).to.equal(price);
      expect((await f.tenders.getTender(id)).paid).to.equal(price);
    });

    it("rejects a delivery with MilestoneRejected; the winner may deliver again", async function () {
      const f = await loadFixture(activeFixture);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      const comment = label32("cracks in slab");
      await expect(f.tenders.connect(f.mohurd.official).rejectMilestone(f.id, 0, 7, comment))
        .to.emit(f.tenders, "MilestoneRejected")
        .withArgs(f.id, 0n, f.mohurd.official.address, 7n, comment);
      expect((await f.tenders.milestonesOf(f.id))[0].state).to.equal(MS.Pending);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(0n);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0 fixed")))
        .to.emit(f.tenders, "MilestoneDelivered")
        .withArgs(f.id, 0n, label32("d0 fixed"));
      await expect(f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0)).to.emit(f.tenders, "MilestoneAccepted");
    });

    it("reverts with TenderNotWinner for anyone but the winner", async function () {
      const f = await loadFixture(activeFixture);
      for (const who of [f.a, f.outsider, f.mohurd.official]) {
        await expect(f.tenders.connect(who).deliverMilestone(f.id, 0, label32("d")))
          .to.be.revertedWithCustomError(f.tenders, "TenderNotWinner")
          .withArgs(f.id, who.address);
      }
    });

    it("reverts accept and reject with TenderWrongDepartment outside the accepting department", async function () {
      const f = await loadFixture(activeFixture);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      for (const who of [f.funder, f.b, f.outsider, f.edu.official]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).acceptMilestone(f.id, 0))
            .to.be.revertedWithCustomError(f.tenders, "TenderWrongDepartment")
            .withArgs(f.id, MOHURD, who.address);
        });
        await expect(f.tenders.connect(who).rejectMilestone(f.id, 0, 1, label32("c")))
          .to.be.revertedWithCustomError(f.tenders, "TenderWrongDepartment")
          .withArgs(f.id, MOHURD, who.address);
      }
    });

    it("reverts with TenderWrongMilestoneState out of order", async function () {
      const f = await loadFixture(activeFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0))
          .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
          .withArgs(f.id, 0n, MS.Pending);
      });
      await expect(f.tenders.connect(f.mohurd.official).rejectMilestone(f.id, 0, 1, label32("c")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
        .withArgs(f.id, 0n, MS.Pending);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
        .withArgs(f.id, 0n, MS.Delivered);
      await f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0))
          .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
          .withArgs(f.id, 0n, MS.Accepted);
      });
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
        .withArgs(f.id, 0n, MS.Accepted);
      await expect(f.tenders.connect(f.mohurd.official).rejectMilestone(f.id, 0, 1, label32("c")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongMilestoneState")
        .withArgs(f.id, 0n, MS.Accepted);
    });

    it("reverts with TenderUnknownMilestone past the last milestone", async function () {
      const f = await loadFixture(activeFixture);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 2, label32("d")))
        .to.be.revertedWithCustomError(f.tenders, "TenderUnknownMilestone")
        .withArgs(f.id, 2n);
      await expect(f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 2))
        .to.be.revertedWithCustomError(f.tenders, "TenderUnknownMilestone")
        .withArgs(f.id, 2n);
      await expect(f.tenders.connect(f.mohurd.official).rejectMilestone(f.id, 255, 1, label32("c")))
        .to.be.revertedWithCustomError(f.tenders, "TenderUnknownMilestone")
        .withArgs(f.id, 255n);
    });

    it("starts the contract implicitly on a delivery once the complaint window is over", async function () {
      const f = await loadFixture(awardedFixture);
      await time.setNextBlockTimestamp(f.complaintDeadline - 1n);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0")))
        .to.be.revertedWithCustomError(f.tenders, "TenderComplaintWindowOpen")
        .withArgs(f.id, f.complaintDeadline);
      await time.setNextBlockTimestamp(f.complaintDeadline);
      const tx = f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      await expect(tx).to.emit(f.tenders, "ContractStarted").withArgs(f.id, f.b.address, PRICE_B, BUDGET - PRICE_B);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET - PRICE_B, Reason.budget);
      await expect(tx).to.emit(f.tenders, "MilestoneDelivered").withArgs(f.id, 0n, label32("d0"));
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Active);
    });

    it("reverts milestone calls with TenderWrongState before award and while disputed", async function () {
      const f = await loadFixture(revealedFixture);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Open);
      const g = await loadFixture(awardedFixture);
      await g.tenders.connect(g.a).complain(g.id, label32("c"));
      await time.increaseTo(g.complaintDeadline);
      await expect(g.tenders.connect(g.b).deliverMilestone(g.id, 0, label32("d")))
        .to.be.revertedWithCustomError(g.tenders, "TenderWrongState")
        .withArgs(g.id, State.Disputed);
      await expect(g.tenders.connect(g.mohurd.official).acceptMilestone(g.id, 0))
        .to.be.revertedWithCustomError(g.tenders, "TenderWrongState")
        .withArgs(g.id, State.Disputed);
    });
  });

  describe("cancellation", function () {
    it("cancels before the commit deadline (procuring department) with TenderCancelled, crediting the budget and every bond", async function () {
      const f = await loadFixture(committedFixture);
      const tx = f.tenders.connect(f.fin.head).cancel(f.id, 42, await liveBidders(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "TenderCancelled").withArgs(f.id, f.fin.head.address, 42n);
      for (const who of [f.a, f.b, f.c]) {
        await expect(tx).to.emit(f.tenders, "Credited").withArgs(who.address, f.id, BOND, Reason.bondRefund);
      }
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.tenders], [0n]);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.escrow]).to.deep.equal([State.Cancelled, 0n]);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND);
      for (const who of [f.a, f.b, f.c]) expect((await f.tenders.bidOf(f.id, who.address)).bondHeld).to.equal(false);
      await expectSolvent(f);
    });

    it("reverts with TenderBidListIncomplete, TenderBidListUnsorted, TenderBidListDuplicate or TenderNoBid for a wrong bidder list", async function () {
      const f = await loadFixture(committedFixture);
      const sorted = (xs: string[]) => [...xs].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
      const live = await liveBidders(f.tenders, f.id);
      expect(live).to.deep.equal(sorted([f.a.address, f.b.address, f.c.address]));
      const cancel = (list: string[]) => f.tenders.connect(f.funder).cancel(f.id, 1, list);
      await movesNothing(f, async () => {
        await expect(cancel(live.slice(0, 2))).to.be.revertedWithCustomError(f.tenders, "TenderBidListIncomplete").withArgs(f.id, 2n, 3n);
        await expect(cancel([...live, f.outsider.address]))
          .to.be.revertedWithCustomError(f.tenders, "TenderBidListIncomplete")
          .withArgs(f.id, 4n, 3n);
        await expect(cancel([live[0], live[2], live[1]])).to.be.revertedWithCustomError(f.tenders, "TenderBidListUnsorted").withArgs(f.id, 2n);
        await expect(cancel([live[0], live[0], live[1]]))
          .to.be.revertedWithCustomError(f.tenders, "TenderBidListDuplicate")
          .withArgs(f.id, live[0]);
        const withOutsider = sorted([f.a.address, f.b.address, f.outsider.address]);
        await expect(cancel(withOutsider)).to.be.revertedWithCustomError(f.tenders, "TenderNoBid").withArgs(f.id, f.outsider.address);
      });
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Open);
    });

    it("reverts with TenderWrongDepartment for others and TenderWrongState after award", async function () {
      const f = await loadFixture(committedFixture);
      for (const who of [f.mohurd.official, f.outsider, f.a]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).cancel(f.id, 1, await liveBidders(f.tenders, f.id)))
            .to.be.revertedWithCustomError(f.tenders, "TenderWrongDepartment")
            .withArgs(f.id, FIN, who.address);
        });
      }
      const g = await loadFixture(awardedFixture);
      await movesNothing(g, async () => {
        await expect(g.tenders.connect(g.funder).cancel(g.id, 1, await liveBidders(g.tenders, g.id)))
          .to.be.revertedWithCustomError(g.tenders, "TenderWrongState")
          .withArgs(g.id, State.Awarded);
      });
    });
  });

  describe("mutual termination", function () {
    it("terminates when the department and then the supplier propose, returning the unpaid rest", async function () {
      const f = await loadFixture(activeFixture);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      await f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0);
      const paid = 210_000n;
      const first = f.tenders.connect(f.funder).proposeTermination(f.id);
      await expect(first).to.emit(f.tenders, "TerminationProposed").withArgs(f.id, f.funder.address);
      await expect(first).to.not.emit(f.tenders, "TenderTerminated");
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Active);
      const second = f.tenders.connect(f.b).proposeTermination(f.id);
      await expect(second).to.emit(f.tenders, "TerminationProposed").withArgs(f.id, f.b.address);
      await expect(second).to.emit(f.tenders, "TenderTerminated").withArgs(f.id, paid, PRICE_B - paid);
      await expect(second).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.performance);
      await expect(second).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, PRICE_B - paid, Reason.budget);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.paid, t.escrow, t.performanceBond]).to.deep.equal([State.Terminated, paid, 0n, 0n]);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET - paid);
      expect(await f.tenders.creditOf(f.b.address)).to.equal(paid + BOND);
      await expectSolvent(f);
      await expect(f.tenders.connect(f.b).deliverMilestone(f.id, 1, label32("d1")))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Terminated);
      await expect(f.tenders.connect(f.funder).proposeTermination(f.id))
        .to.be.revertedWithCustomError(f.tenders, "TenderWrongState")
        .withArgs(f.id, State.Terminated);
    });

    it("terminates an award before the contract starts (supplier first), returning the whole budget", async function () {
      const f = await loadFixture(awardedFixture);
      await expect(f.tenders.connect(f.b).proposeTermination(f.id)).to.emit(f.tenders, "TerminationProposed").withArgs(f.id, f.b.address);
      const tx = f.tenders.connect(f.funder).proposeTermination(f.id);
      await expect(tx).to.emit(f.tenders, "TerminationProposed").withArgs(f.id, f.funder.address);
      await expect(tx).to.emit(f.tenders, "TenderTerminated").withArgs(f.id, 0n, BUDGET);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.performance);
      await expectSolvent(f);
    });

    it("reverts with TenderTerminationAlreadyProposed, TenderWrongDepartment and TenderWrongState", async function () {
      const f = await loadFixture(activeFixture);
      await f.tenders.connect(f.b).proposeTermination(f.id);
      await expect(f.tenders.connect(f.b).proposeTermination(f.id))
        .to.be.revertedWithCustomError(f.tenders, "TenderTerminationAlreadyProposed")
        .withArgs(f.id, f.b.address);
      const g = await loadFixture(activeFixture);
      await g.tenders.connect(g.funder).proposeTermination(g.id);
      await expect(g.tenders.connect(g.fin.head).proposeTermination(g.id))
        .to.be.revertedWithCustomError(g.tenders, "TenderTerminationAlreadyProposed")
        .withArgs(g.id, g.fin.head.address);
      for (const who of [g.a, g.outsider, g.mohurd.official]) {
        await expect(g.tenders.connect(who).proposeTermination(g.id))
          .to.be.revertedWithCustomError(g.tenders, "TenderWrongDepartment")
          .withArgs(g.id, FIN, who.address);
      }
      const h = await loadFixture(revealedFixture);
      await expect(h.tenders.connect(h.funder).proposeTermination(h.id))
        .to.be.revertedWithCustomError(h.tenders, "TenderWrongState")
        .withArgs(h.id, State.Open);
      await expect(h.tenders.proposeTermination(99n)).to.be.revertedWithCustomError(h.tenders, "TenderUnknown").withArgs(99n);
    });
  });

  describe("withdrawals", function () {
    it("pays the whole credit with Withdrawn, then reverts with TenderNothingToWithdraw", async function () {
      const f = await loadFixture(awardedFixture);
      const tx = f.tenders.connect(f.a).withdraw();
      await expect(tx).to.emit(f.tenders, "Withdrawn").withArgs(f.a.address, BOND);
      await expect(tx).to.changeTokenBalances(ethers, f.token, [f.a, f.tenders], [BOND, -BOND]);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(0n);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 2n * BOND);
      await expectSolvent(f);
      for (const who of [f.a, f.b, f.outsider]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).withdraw())
            .to.be.revertedWithCustomError(f.tenders, "TenderNothingToWithdraw")
            .withArgs(who.address);
        });
      }
    });

    it("cannot be drained by a reentrant token: the inner withdraw fails with ReentrancyGuardReentrantCall", async function () {
      const f = await loadFixture(reentrantFixture);
      const { rtoken, rescrow, rescrowAddress } = f;
      expect(await rescrow.creditOf(f.treasury.address)).to.equal(BUDGET);
      expect(await rescrow.creditOf(f.a.address)).to.equal(BOND);
      await rtoken.arm(rescrowAddress, rescrow.interface.encodeFunctionData("withdraw"));
      const tx = rescrow.connect(f.treasury).withdraw();
      await expect(tx).to.emit(rescrow, "Withdrawn").withArgs(f.treasury.address, BUDGET);
      await expect(tx).to.changeTokenBalances(ethers, rtoken, [f.treasury, rescrow], [BUDGET, -BUDGET]);
      expect(await rtoken.attempts()).to.equal(1n);
      expect(await rtoken.lastCallSucceeded()).to.equal(false);
      expect(await rtoken.lastCallResult()).to.equal(rescrow.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []));
      expect(await rescrow.creditOf(f.treasury.address)).to.equal(0n);
      expect(await rescrow.creditOf(f.a.address)).to.equal(BOND);
      expect(await rescrow.obligations()).to.equal(BOND);
      expect(await rtoken.balanceOf(rescrowAddress)).to.equal(BOND);
      // The same on the bidder's withdrawal, re-armed; afterwards nothing is left.
      await rtoken.arm(rescrowAddress, rescrow.interface.encodeFunctionData("withdraw"));
      await expect(rescrow.connect(f.a).withdraw()).to.emit(rescrow, "Withdrawn").withArgs(f.a.address, BOND);
      expect(await rtoken.attempts()).to.equal(2n);
      expect(await rtoken.lastCallSucceeded()).to.equal(false);
      expect(await rtoken.balanceOf(rescrowAddress)).to.equal(0n);
      expect(await rescrow.obligations()).to.equal(0n);
      await expect(rescrow.connect(f.treasury).withdraw())
        .to.be.revertedWithCustomError(rescrow, "TenderNothingToWithdraw")
        .withArgs(f.treasury.address);
    });
  });

  describe("views and administration", function () {
    it("reverts getTender and milestonesOf with TenderUnknown; other views of an unknown tender are empty", async function () {
      const f = await loadFixture(publishedFixture);
      await expect(f.tenders.getTender(0n)).to.be.revertedWithCustomError(f.tenders, "TenderUnknown").withArgs(0n);
      await expect(f.tenders.getTender(2n)).to.be.revertedWithCustomError(f.tenders, "TenderUnknown").withArgs(2n);
      await expect(f.tenders.milestonesOf(2n)).to.be.revertedWithCustomError(f.tenders, "TenderUnknown").withArgs(2n);
      expect(await ranking(f.tenders, 2n)).to.deep.equal([]);
      expect(await f.tenders.complaintsOf(2n)).to.deep.equal([]);
      expect(bidFields(await f.tenders.bidOf(2n, f.a.address))).to.deep.equal([NO_COMMITMENT, 0n, 0n, false, false, false, 0n, false, false]);
    });

    it("pages tendersOf by department and reverts with TenderInvalidLimit", async function () {
      const f = await loadFixture(manyTendersFixture);
      expect(await f.tenders.tenderCount()).to.equal(10n);
      expect(await f.tenders.tendersOf(FIN, 0, 4)).to.deep.equal([1n, 2n, 3n, 4n]);
      expect(await f.tenders.tendersOf(FIN, 4, 4)).to.deep.equal([5n, 6n, 7n, 8n]);
      expect(await f.tenders.tendersOf(FIN, 8, 4)).to.deep.equal([9n, 10n]);
      expect(await f.tenders.tendersOf(FIN, 10, 4)).to.deep.equal([]);
      expect(await f.tenders.tendersOf(FIN, 0, 200)).to.have.length(10);
      expect(await f.tenders.tendersOf(TAX, 0, 4)).to.deep.equal([]);
      for (const limit of [0n, 201n]) {
        await expect(f.tenders.tendersOf(FIN, 0, limit))
          .to.be.revertedWithCustomError(f.tenders, "TenderInvalidLimit")
          .withArgs(limit, 200n);
      }
    });

    it("lists tendersByState with a cursor", async function () {
      const f = await loadFixture(manyTendersFixture);
      const page = async (state: bigint, cursor: bigint, limit: bigint) => {
        const [ids, next] = await f.tenders.tendersByState(state, cursor, limit);
        return [[...ids], next];
      };
      expect(await page(State.Open, 0n, 3n)).to.deep.equal([[1n, 3n, 5n], 6n]);
      expect(await page(State.Open, 6n, 3n)).to.deep.equal([[6n, 7n, 8n], 9n]);
      expect(await page(State.Open, 9n, 3n)).to.deep.equal([[10n], 0n]);
      expect(await page(State.Cancelled, 0n, 1n)).to.deep.equal([[2n], 3n]);
      expect(await page(State.Cancelled, 3n, 1n)).to.deep.equal([[4n], 5n]);
      expect(await page(State.Cancelled, 5n, 1n)).to.deep.equal([[9n], 10n]);
      expect(await page(State.Cancelled, 10n, 1n)).to.deep.equal([[], 0n]);
      expect(await page(State.Cancelled, 0n, 200n)).to.deep.equal([[2n, 4n, 9n], 0n]);
      // A page scans at most 8 × limit ids, and says where to go on.
      expect(await page(State.Awarded, 0n, 1n)).to.deep.equal([[], 9n]);
      expect(await page(State.Awarded, 9n, 1n)).to.deep.equal([[], 0n]);
      // Past the end there is nothing, whatever the cursor.
      expect(await page(State.Open, 11n, 3n)).to.deep.equal([[], 0n]);
      expect(await page(State.Open, ethers.MaxUint256, 3n)).to.deep.equal([[], 0n]);
      for (const limit of [0n, 201n]) {
        await expect(f.tenders.tendersByState(State.Open, 0, limit))
          .to.be.revertedWithCustomError(f.tenders, "TenderInvalidLimit")
          .withArgs(limit, 200n);
      }
    });

    it("reports the supervising department and the payment token, and emits SupervisingDepartmentSet on deployment", async function () {
      const f = await loadFixture(baseFixture);
      expect(await f.tenders.supervisingDepartment()).to.equal(PSB);
      expect(await f.tenders.complaintResolutionPeriod()).to.equal(30n * DAY);
      expect(await f.tenders.paymentToken()).to.equal(await f.token.getAddress());
      const escrow = await ethers.deployContract("TenderEscrow", [
        await f.manager.getAddress(),
        await f.directory.getAddress(),
        await f.licenses.getAddress(),
        await f.token.getAddress(),
        EDU,
        7n * DAY,
      ]);
      await expect(escrow.deploymentTransaction()).to.emit(escrow, "SupervisingDepartmentSet").withArgs(EDU);
      await expect(escrow.deploymentTransaction()).to.emit(escrow, "ComplaintResolutionPeriodSet").withArgs(7n * DAY);
    });

    it("sets the supervising department (administrator only) with SupervisingDepartmentSet", async function () {
      const f = await loadFixture(baseFixture);
      await expect(f.tenders.setSupervisingDepartment(MOHURD)).to.emit(f.tenders, "SupervisingDepartmentSet").withArgs(MOHURD);
      expect(await f.tenders.supervisingDepartment()).to.equal(MOHURD);
      for (const who of [f.fin.head, f.funder, f.outsider, f.guardian]) {
        await expect(f.tenders.connect(who).setSupervisingDepartment(FIN))
          .to.be.revertedWithCustomError(f.tenders, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
      for (const dept of [0n, 8n]) {
        await expect(f.tenders.setSupervisingDepartment(dept))
          .to.be.revertedWithCustomError(f.tenders, "TenderUnknownDepartment")
          .withArgs(dept);
      }
      expect(await f.tenders.supervisingDepartment()).to.equal(MOHURD);
    });
  });

  describe("accounting", function () {
    it("pays out everything and leaves nothing behind on the full path", async function () {
      const f = await loadFixture(baseFixture);
      const start = await Promise.all([f.treasury, f.a, f.b, f.c].map((x) => f.token.balanceOf(x.address)));
      const { id, p } = await publishTender(f);
      const mined = async (sent: Promise<{ wait: () => Promise<unknown> }>) => (await sent).wait();

      const bids: SealedBid[] = [];
      for (const [who, price] of [
        [f.a, PRICE_A],
        [f.b, PRICE_B],
        [f.c, PRICE_C],
      ] as const) {
        const bid = await sealBid(f, id, who, price);
        await mined(f.tenders.connect(who).depositBond(BOND));
        await mined(f.tenders.connect(who).commitBid(id, bid.commitment));
        bids.push(bid);
      }
      await expectSolvent(f);
      await time.increaseTo(p.commitDeadline);
      for (const bid of bids) await mined(f.tenders.connect(bid.bidder).revealBid(id, bid.price, bid.salt));
      await time.increaseTo(p.revealDeadline);
      await mined(f.tenders.award(id, await ranking(f.tenders, id)));
      await expectSolvent(f);
      await time.increase(WINDOW);
      await f.tenders.startContract(id);
      for (const m of [0, 1]) await f.tenders.connect(f.b).deliverMilestone(id, m, label32(`d${m}`));
      await mined(f.tenders.connect(f.mohurd.official).acceptMilestone(id, 0));
      await mined(f.tenders.connect(f.mohurd.official).acceptMilestone(id, 1));
      await expectSolvent(f);
      // Everything is now a credit: 300,000 to FIN's treasury, 5,000 to a and c, 705,000 to b.
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND);

      for (const who of [f.treasury, f.a, f.b, f.c]) await mined(f.tenders.connect(who).withdraw());
      expect(await f.token.balanceOf(f.escrow)).to.equal(0n);
      expect(await f.tenders.obligations()).to.equal(0n);
      const end = await Promise.all([f.treasury, f.a, f.b, f.c].map((x) => f.token.balanceOf(x.address)));
      expect(end.map((x, i) => x - start[i])).to.deep.equal([-PRICE_B, 0n, PRICE_B, 0n]);
    });

    it("keeps the escrow's balance equal to its obligations across concurrent tenders", async function () {
      const f = await loadFixture(awardedFixture);
      const second = await publishTender(f, { budget: 300_000n });
      const bid = await commitAs(f, second.id, f.a, 250_000n);
      await expectSolvent(f);
      await f.tenders.connect(f.a).withdraw();
      await expectSolvent(f);
      await time.increaseTo(second.p.commitDeadline);
      await revealAs(f, second.id, bid);
      await time.increaseTo(second.p.revealDeadline);
      await f.tenders.connect(f.supervisor.official).cancel(second.id, 1, await liveBidders(f.tenders, second.id));
      await expectSolvent(f);
      expect(await f.tenders.obligations()).to.equal(BUDGET + 3n * BOND - BOND + 300_000n + BOND);
    });
  });

  describe("emergency pause", function () {
    it("pauses when the guardian closes the escrow: every action reverts with AccessManagedUnauthorized, views answer, withdraw still pays; the administrator reopens it", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).withdraw(); // a's refunded bond, so that a has nothing left
      await depositBond(f.tenders, f.a, BOND);
      await f.manager.connect(f.guardian).setTargetClosed(f.escrow, true);
      const now = BigInt(await time.latest());
      const attempts: [Account, () => Promise<unknown>][] = [
        [f.funder, () => f.tenders.connect(f.funder).publish(params(now))],
        [f.a, () => f.tenders.connect(f.a).depositBond(BOND)],
        [f.a, () => f.tenders.connect(f.a).commitBid(f.id, ethers.id("x"))],
        [f.a, () => f.tenders.connect(f.a).revealBid(f.id, PRICE_A, f.bidA.salt)],
        [f.outsider, () => f.tenders.connect(f.outsider).award(f.id, [])],
        [f.a, () => f.tenders.connect(f.a).complain(f.id, label32("complaint"))],
        [f.outsider, () => f.tenders.connect(f.outsider).startContract(f.id)],
        [f.mohurd.official, () => f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0)],
        [f.funder, () => f.tenders.connect(f.funder).cancel(f.id, 1, [])],
        [f.b, () => f.tenders.connect(f.b).proposeTermination(f.id)],
      ];
      for (const [who, attempt] of attempts) {
        await movesNothing(f, async () => {
          await expect(attempt()).to.be.revertedWithCustomError(f.tenders, "AccessManagedUnauthorized").withArgs(who.address);
        });
      }
      // Views answer.
      expect((await f.tenders.getTender(f.id)).state).to.equal(State.Awarded);
      expect(await f.tenders.creditOf(f.a.address)).to.equal(BOND);
      // Money still goes out: a withdraws its credit while the escrow is closed.
      await expect(f.tenders.connect(f.a).withdraw()).to.emit(f.tenders, "Withdrawn").withArgs(f.a.address, BOND);
      // Reopening is the administrator's, not the guardian's.
      await expect(f.manager.connect(f.guardian).setTargetClosed(f.escrow, false)).to.be.revertedWithCustomError(
        f.manager,
        "AccessManagerUnauthorizedAccount",
      );
      await f.manager.connect(f.admin).setTargetClosed(f.escrow, false);
      await expect(f.tenders.connect(f.a).complain(f.id, label32("complaint"))).to.emit(f.tenders, "ComplaintFiled");
    });
  });

  describe("schedule bounds", function () {
    it("refuses a complaint window of 2^48 - 1 (which made award panic) or over 365 days with TenderComplaintWindowTooLong", async function () {
      const f = await loadFixture(baseFixture);
      const now = BigInt(await time.latest());
      for (const window of [2n ** 48n - 1n, 365n * DAY + 1n]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(f.funder).publish(params(now, { complaintWindow: window })))
            .to.be.revertedWithCustomError(f.tenders, "TenderComplaintWindowTooLong")
            .withArgs(window, 365n * DAY);
        });
      }
      // 365 days is accepted, and the whole path runs without an arithmetic panic.
      const { id, p } = await publishTender(f, { complaintWindow: 365n * DAY });
      const bid = await commitAs(f, id, f.a, PRICE_A);
      await time.increaseTo(p.commitDeadline);
      await revealAs(f, id, bid);
      await time.increaseTo(p.revealDeadline);
      await expect(f.tenders.award(id, [f.a.address])).to.emit(f.tenders, "TenderAwarded");
    });

    it("refuses a commit deadline more than 365 days away (TenderCommitPeriodTooLong) or a reveal phase over 365 days (TenderRevealPeriodTooLong), at publication and amendment", async function () {
      const f = await loadFixture(publishedFixture);
      const now = BigInt(await time.latest());
      const next = now + 1n; // the timestamp of the next transaction
      const farCommit = next + 365n * DAY + 1n;
      await expect(f.tenders.connect(f.funder).publish(params(now, { commitDeadline: farCommit, revealDeadline: farCommit + DAY })))
        .to.be.revertedWithCustomError(f.tenders, "TenderCommitPeriodTooLong")
        .withArgs(farCommit, next + 365n * DAY);
      const commit = now + DAY;
      await expect(f.tenders.connect(f.funder).publish(params(now, { commitDeadline: commit, revealDeadline: commit + 365n * DAY + 1n })))
        .to.be.revertedWithCustomError(f.tenders, "TenderRevealPeriodTooLong")
        .withArgs(commit + 365n * DAY + 1n, commit + 365n * DAY);
      const maxDeadline = 2n ** 48n - 1n;
      await expect(f.tenders.connect(f.funder).publish(params(now, { commitDeadline: maxDeadline - 1n, revealDeadline: maxDeadline })))
        .to.be.revertedWithCustomError(f.tenders, "TenderCommitPeriodTooLong");
      await time.setNextBlockTimestamp(now + 10n);
      await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, f.p.commitDeadline, f.p.commitDeadline + 365n * DAY + 1n))
        .to.be.revertedWithCustomError(f.tenders, "TenderRevealPeriodTooLong")
        .withArgs(f.p.commitDeadline + 365n * DAY + 1n, f.p.commitDeadline + 365n * DAY);
      await time.setNextBlockTimestamp(now + 20n);
      await expect(f.tenders.connect(f.funder).amend(f.id, DOCS_V2, now + 20n + 365n * DAY + 1n, now + 400n * DAY))
        .to.be.revertedWithCustomError(f.tenders, "TenderCommitPeriodTooLong")
        .withArgs(now + 20n + 365n * DAY + 1n, now + 20n + 365n * DAY);
    });
  });

  describe("complaint exits", function () {
    it("refuses complaints while no supervising department is set (TenderNoSupervisor)", async function () {
      const f = await loadFixture(baseFixture);
      const escrow = await deployEscrow(connection, f, await f.token.getAddress(), 0n);
      const address = await escrow.getAddress();
      await f.token.connect(f.treasury).approve(address, ethers.MaxUint256);
      const p = params(BigInt(await time.latest()), { bidBond: 0n });
      await escrow.connect(f.funder).publish(p);
      const bids = [
        [f.a, PRICE_A],
        [f.b, PRICE_B],
      ] as const;
      for (const [who, price] of bids) {
        await escrow.connect(who).commitBid(1n, await escrow.commitmentOf(1n, who.address, price, ZERO_HASH));
      }
      await time.increaseTo(p.commitDeadline);
      for (const [who, price] of bids) await escrow.connect(who).revealBid(1n, price, ZERO_HASH);
      await time.increaseTo(p.revealDeadline);
      await escrow.award(1n, [f.b.address, f.a.address]);
      await expect(escrow.connect(f.a).complain(1n, label32("complaint")))
        .to.be.revertedWithCustomError(escrow, "TenderNoSupervisor")
        .withArgs(1n);
      expect((await escrow.getTender(1n)).state).to.equal(State.Awarded);
    });

    it("lapses a complaint not decided within the resolution period: anyone calls lapseComplaint (ComplaintLapsed), the award stands and the contract starts", async function () {
      const f = await loadFixture(awardedFixture);
      await time.setNextBlockTimestamp(f.awardedAt + DAY);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      const resolveBy = f.awardedAt + DAY + RESOLUTION_PERIOD;
      await time.setNextBlockTimestamp(resolveBy - 1n);
      await expect(f.tenders.connect(f.outsider).lapseComplaint(f.id))
        .to.be.revertedWithCustomError(f.tenders, "TenderComplaintNotLapsed")
        .withArgs(f.id, 0n, resolveBy);
      await time.setNextBlockTimestamp(resolveBy);
      // From the time limit on, the supervisor can no longer decide it.
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("late"), []))
        .to.be.revertedWithCustomError(f.tenders, "TenderComplaintLapsed")
        .withArgs(f.id, 0n, resolveBy);
      await expect(f.tenders.connect(f.outsider).lapseComplaint(f.id)).to.emit(f.tenders, "ComplaintLapsed").withArgs(f.id, 0n, resolveBy);
      const t = await f.tenders.getTender(f.id);
      expect([t.state, t.winner, t.price, t.performanceBond]).to.deep.equal([State.Awarded, f.b.address, PRICE_B, BOND]);
      const [c] = await f.tenders.complaintsOf(f.id);
      expect([c.outcome, c.resolveBy]).to.deep.equal([Outcome.Lapsed, resolveBy]);
      await expect(f.tenders.lapseComplaint(f.id)).to.be.revertedWithCustomError(f.tenders, "TenderWrongState").withArgs(f.id, State.Awarded);
      await expect(f.tenders.startContract(f.id)).to.emit(f.tenders, "ContractStarted").withArgs(f.id, f.b.address, PRICE_B, BUDGET - PRICE_B);
      await expectSolvent(f);
    });

    it("allows one complaint per bidder per tender (TenderAlreadyComplained) and none by the winner (TenderWinnerCannotComplain)", async function () {
      const f = await loadFixture(awardedFixture);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.b).complain(f.id, label32("mine")))
          .to.be.revertedWithCustomError(f.tenders, "TenderWinnerCannotComplain")
          .withArgs(f.id, f.b.address);
      });
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), []);
      await expect(f.tenders.connect(f.a).complain(f.id, label32("again")))
        .to.be.revertedWithCustomError(f.tenders, "TenderAlreadyComplained")
        .withArgs(f.id, f.a.address);
      await expect(f.tenders.connect(f.c).complain(f.id, label32("c's"))).to.emit(f.tenders, "ComplaintFiled");
    });

    it("sets the complaint resolution period (administrator only) with ComplaintResolutionPeriodSet; refuses one outside 1 to 365 days (TenderInvalidResolutionPeriod); a filed complaint keeps its limit", async function () {
      const f = await loadFixture(awardedFixture);
      const filedAt = f.awardedAt + 10n;
      await time.setNextBlockTimestamp(filedAt);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await expect(f.tenders.setComplaintResolutionPeriod(7n * DAY)).to.emit(f.tenders, "ComplaintResolutionPeriodSet").withArgs(7n * DAY);
      expect(await f.tenders.complaintResolutionPeriod()).to.equal(7n * DAY);
      for (const period of [0n, DAY - 1n, 365n * DAY + 1n]) {
        await expect(f.tenders.setComplaintResolutionPeriod(period))
          .to.be.revertedWithCustomError(f.tenders, "TenderInvalidResolutionPeriod")
          .withArgs(period, DAY, 365n * DAY);
      }
      for (const who of [f.supervisor.official, f.fin.head, f.guardian]) {
        await expect(f.tenders.connect(who).setComplaintResolutionPeriod(DAY))
          .to.be.revertedWithCustomError(f.tenders, "AccessManagedUnauthorized")
          .withArgs(who.address);
      }
      expect((await f.tenders.complaintsOf(f.id))[0].resolveBy).to.equal(filedAt + RESOLUTION_PERIOD);
      await time.increaseTo(filedAt + 7n * DAY);
      await expect(f.tenders.lapseComplaint(f.id)).to.be.revertedWithCustomError(f.tenders, "TenderComplaintNotLapsed");
    });

    it("passes over a re-awarded bidder whose credit cannot cover the performance bond (BidderPassedOver) and awards the next one", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.c).complain(f.id, label32("complaint"));
      // a, next in line, took its refunded bond out.
      await f.tenders.connect(f.a).withdraw();
      const tx = f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, true, label32("upheld"), await ranking(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "BidderPassedOver").withArgs(f.id, f.a.address, 0n, BOND);
      await expect(tx).to.emit(f.tenders, "TenderAwarded").withArgs(f.id, f.c.address, PRICE_C, anyValue, anyValue);
      await expect(tx).to.emit(f.tenders, "PerformanceBondPosted").withArgs(f.id, f.c.address, BOND);
      const t = await f.tenders.getTender(f.id);
      expect([t.winner, t.performanceBond]).to.deep.equal([f.c.address, BOND]);
      expect(await f.tenders.creditOf(f.c.address)).to.equal(0n);
      await expectSolvent(f);
    });
  });

  describe("cancellation after the commit deadline", function () {
    it("refuses the procuring department's cancellation once the commit deadline has passed (TenderNotSupervisor)", async function () {
      const f = await loadFixture(revealedFixture);
      for (const who of [f.funder, f.fin.head]) {
        await movesNothing(f, async () => {
          await expect(f.tenders.connect(who).cancel(f.id, 42, await liveBidders(f.tenders, f.id)))
            .to.be.revertedWithCustomError(f.tenders, "TenderNotSupervisor")
            .withArgs(who.address);
        });
      }
    });

    it("lets the supervising department cancel after the reveal deadline with a reason: revealed bonds back, unrevealed bonds forfeited to the treasury", async function () {
      const f = await loadFixture(revealWindowFixture);
      await revealAs(f, f.id, f.bidA);
      await revealAs(f, f.id, f.bidB);
      const live = await liveBidders(f.tenders, f.id);
      // Not during the reveal phase, not without a reason.
      await expect(f.tenders.connect(f.supervisor.official).cancel(f.id, 42, live))
        .to.be.revertedWithCustomError(f.tenders, "TenderCancelDuringReveal")
        .withArgs(f.id, f.p.revealDeadline);
      await time.increaseTo(f.p.revealDeadline);
      await expect(f.tenders.connect(f.supervisor.official).cancel(f.id, 0, live))
        .to.be.revertedWithCustomError(f.tenders, "TenderMissingReason")
        .withArgs(f.id);
      const tx = f.tenders.connect(f.supervisor.official).cancel(f.id, 42, live);
      await expect(tx).to.emit(f.tenders, "TenderCancelled").withArgs(f.id, f.supervisor.official.address, 42n);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.a.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.b.address, f.id, BOND, Reason.bondRefund);
      await expect(tx).to.emit(f.tenders, "BondsForfeited").withArgs(f.id, 1n, BOND);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BOND, Reason.forfeit);
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      expect(await f.tenders.creditOf(f.c.address)).to.equal(0n);
      expect(await f.tenders.creditOf(f.treasury.address)).to.equal(BUDGET + BOND);
      await expectSolvent(f);
    });
  });

  describe("conflicts of interest", function () {
    it("refuses publication by the supervising department (TenderSupervisorIsProcurer)", async function () {
      const f = await loadFixture(baseFixture);
      await fundTreasury(connection, f, f.supervisor, "0x0000000000000000000000000000000000000b5b");
      await expect(f.tenders.connect(f.supervisor.official).publish(params(BigInt(await time.latest()))))
        .to.be.revertedWithCustomError(f.tenders, "TenderSupervisorIsProcurer")
        .withArgs(PSB);
    });

    it("refuses complaints and their resolution once the tender's own department becomes the supervisor (TenderSupervisorIsProcurer)", async function () {
      const f = await loadFixture(awardedFixture);
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await f.tenders.setSupervisingDepartment(FIN);
      await expect(f.tenders.connect(f.fin.head).resolveComplaint(f.id, false, label32("own"), []))
        .to.be.revertedWithCustomError(f.tenders, "TenderSupervisorIsProcurer")
        .withArgs(FIN);
      await f.tenders.setSupervisingDepartment(PSB);
      await f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), []);
      await f.tenders.setSupervisingDepartment(FIN);
      await expect(f.tenders.connect(f.c).complain(f.id, label32("complaint")))
        .to.be.revertedWithCustomError(f.tenders, "TenderSupervisorIsProcurer")
        .withArgs(FIN);
    });

    it("refuses an official who bid in the tender: accepting or rejecting its milestones, or deciding its complaints (TenderBidderConflict)", async function () {
      const f = await loadFixture(publishedFixture);
      // An accepting official and a supervising official who hold a business licence and bid.
      for (const official of [f.mohurd.official, f.supervisor.official]) {
        await grantBusinessLicence(f.licenses, f.samr.official, official);
        await f.token.mint(official.address, BOND);
        await f.token.connect(official).approve(f.escrow, BOND);
        await commitAs(f, f.id, official, BUDGET + 1n);
      }
      const bidB = await commitAs(f, f.id, f.b, PRICE_B);
      const bidA = await commitAs(f, f.id, f.a, PRICE_A);
      await time.increaseTo(f.p.commitDeadline);
      await revealAs(f, f.id, bidB);
      await revealAs(f, f.id, bidA);
      await time.increaseTo(f.p.revealDeadline);
      await f.tenders.award(f.id, await ranking(f.tenders, f.id));
      await f.tenders.connect(f.a).complain(f.id, label32("complaint"));
      await expect(f.tenders.connect(f.supervisor.official).resolveComplaint(f.id, false, label32("dismissed"), []))
        .to.be.revertedWithCustomError(f.tenders, "TenderBidderConflict")
        .withArgs(f.id, f.supervisor.official.address);
      await f.tenders.connect(f.supervisor.head).resolveComplaint(f.id, false, label32("dismissed"), []);
      await time.increaseTo(f.p.revealDeadline + WINDOW + 1n);
      await f.tenders.connect(f.b).deliverMilestone(f.id, 0, label32("d0"));
      for (const attempt of [
        () => f.tenders.connect(f.mohurd.official).acceptMilestone(f.id, 0),
        () => f.tenders.connect(f.mohurd.official).rejectMilestone(f.id, 0, 1, label32("no")),
      ]) {
        await expect(attempt()).to.be.revertedWithCustomError(f.tenders, "TenderBidderConflict").withArgs(f.id, f.mohurd.official.address);
      }
      await expect(f.tenders.connect(f.mohurd.head).acceptMilestone(f.id, 0)).to.emit(f.tenders, "MilestoneAccepted");
    });
  });

  describe("department treasury", function () {
    it("refuses publication while the department has no treasury (TenderNoTreasury)", async function () {
      const f = await loadFixture(baseFixture);
      await f.token.mint(f.tax.official.address, BUDGET);
      await f.token.connect(f.tax.official).approve(f.escrow, BUDGET);
      await movesNothing(f, async () => {
        await expect(f.tenders.connect(f.tax.official).publish(params(BigInt(await time.latest()))))
          .to.be.revertedWithCustomError(f.tenders, "TenderNoTreasury")
          .withArgs(TAX);
      });
    });

    it("pulls the budget from the department's treasury and credits refunds to it, never to the official who published, even after that official is removed", async function () {
      const f = await loadFixture(committedFixture);
      await f.manager.connect(f.fin.head).revokeRole(officialRole(FIN), f.funder.address);
      const tx = f.tenders.connect(f.fin.head).cancel(f.id, 7, await liveBidders(f.tenders, f.id));
      await expect(tx).to.emit(f.tenders, "Credited").withArgs(f.treasury.address, f.id, BUDGET, Reason.budget);
      expect(await f.tenders.creditOf(f.funder.address)).to.equal(0n);
      expect((await f.tenders.getTender(f.id)).treasury).to.equal(f.treasury.address);
      await expect(f.tenders.connect(f.treasury).withdraw()).to.changeTokenBalances(ethers, f.token, [f.treasury, f.funder], [BUDGET, 0n]);
    });
  });
});

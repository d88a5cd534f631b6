/**
 * The smoke flow of `npm run test:compat` (scripts/compat.ts): one pass through every contract's public
 * interface on a node that is not Hardhat's, from the deployment manifest alone. EIP-1559 transactions
 * at zero fees, as on a Besu chain with zeroBaseFee. Accounts come from the well-known test mnemonic.
 */
import { FeeData, HDNodeWallet, JsonRpcProvider, Mnemonic, type ContractTransactionResponse } from "ethers";

import { DEMO_DEPARTMENTS, headRole, officialRole } from "../lib/departments.js";
import { type DeploymentManifest, LOCAL_TEST_MNEMONIC as TEST_MNEMONIC } from "../lib/deployments.js";
import { documentDigest, holderCommitment, label32, randomSalt } from "../lib/hashing.js";
import { LICENSE_APPROVAL_TYPES, licenseApprovalDomain } from "../lib/licensing.js";
import { rankBids } from "../lib/tenders.js";
import {
  CertificateRegistry__factory,
  DepartmentDirectory__factory,
  GovchainAccessManager__factory,
  LicenseRegistry__factory,
  LicenseToken__factory,
  TenderEscrow__factory,
  TestStablecoin__factory,
} from "../types/ethers-contracts/index.js";

type Check = (name: string, ok: boolean, detail?: string) => void;

/** Zero fees, EIP-1559 style: what a Besu QBFT chain with zeroBaseFee and min-gas-price 0 accepts. */
class ZeroFeeProvider extends JsonRpcProvider {
  override async getFeeData() {
    return new FeeData(null, 0n, 0n);
  }
}

const VALID = 1n; // ICertificateRegistry.Status.Valid
const ISSUED = 3n; // ILicenseRegistry.Stage.Issued
const AWARDED = 2n; // ITenderEscrow.TenderState.Awarded

export async function runSmokeFlow(url: string, chainId: number, manifest: DeploymentManifest, check: Check) {
  const provider = new ZeroFeeProvider(url, chainId, { staticNetwork: true, pollingInterval: 250, cacheTimeout: -1 });
  const mnemonic = Mnemonic.fromPhrase(TEST_MNEMONIC);
  const account = (i: number) => HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`).connect(provider);
  const at = (name: string) => manifest.contracts[name].address;
  const mined = async (tx: Promise<ContractTransactionResponse>) => {
    const receipt = await (await tx).wait();
    if (receipt === null || receipt.status !== 1) throw new Error("transaction failed");
    return receipt;
  };
  const now = async () => BigInt((await provider.getBlock("latest"))!.timestamp);
  const waitUntil = async (timestamp: bigint) => {
    while ((await now()) < timestamp) await new Promise((r) => setTimeout(r, 250));
  };

  const admin = account(0);
  const manager = GovchainAccessManager__factory.connect(at("GovchainAccessManager"), admin);
  const directory = DepartmentDirectory__factory.connect(at("DepartmentDirectory"), admin);
  const certificates = CertificateRegistry__factory.connect(at("CertificateRegistry"), admin);
  const licenses = LicenseRegistry__factory.connect(at("LicenseRegistry"), admin);
  const licenseToken = LicenseToken__factory.connect(at("LicenseToken"), admin);
  const tenders = TenderEscrow__factory.connect(at("TenderEscrow"), admin);
  const token = TestStablecoin__factory.connect(manifest.paymentToken, admin);

  // Departments SAMR 1, TAX 2, FIN 3 (supervises tenders in compat.json), MOHURD 4; a head and an official each.
  const codes = ["SAMR", "TAX", "FIN", "MOHURD"];
  const staff = new Map<string, { id: bigint; head: HDNodeWallet; official: HDNodeWallet }>();
  for (const [i, code] of codes.entries()) {
    const dept = DEMO_DEPARTMENTS.find((d) => d.code === code)!;
    await mined(directory.registerDepartment(dept.code, dept.nameZh, dept.nameEn, ""));
    const id = BigInt(i + 1);
    const head = account(2 + 2 * i);
    const official = account(3 + 2 * i);
    await mined(manager.grantRole(headRole(id), head.address, 0));
    await mined(manager.connect(head).grantRole(officialRole(id), official.address, 0));
    staff.set(code, { id, head, official });
  }
  const samr = staff.get("SAMR")!;
  const tax = staff.get("TAX")!;
  const mohurd = staff.get("MOHURD")!;
  check(
    "the administrator registers four departments and appoints a head and an official in each",
    (await directory.departmentCount()) === 4n && (await directory.isOfficial(mohurd.id, mohurd.official.address)),
  );

  // A certificate: SAMR issues it, anyone verifies it by the file's digest.
  await mined(certificates.registerType("BIZREG", "Business registration certificate", [samr.id], 365n * 86_400n, true, true));
  const file = new TextEncoder().encode(`business registration certificate, chain ${chainId}, ${Date.now()}`);
  const digest = documentDigest(file);
  const issuedAt = await now();
  await mined(
    certificates
      .connect(samr.official)
      .issue(1, digest, holderCommitment("91110000MA01ABCD2X", randomSalt()), issuedAt, issuedAt + 365n * 86_400n, ""),
  );
  const verification = await certificates.verify(digest);
  // The issuing official is not stored: the certificate's CertificateIssued event (indexed by digest) names it.
  const issued = await certificates.queryFilter(certificates.filters.CertificateIssued(digest));
  check(
    "an official issues a certificate; it verifies as valid and its CertificateIssued event names the official",
    verification.status === VALID &&
      verification.departmentId === samr.id &&
      issued.length === 1 &&
      issued[0].args.issuedBy === samr.official.address,
  );

  // The guardian's emergency pause: the registry refuses every change until the administrator reopens it.
  const guardian = account(1);
  const certificatesAddress = await certificates.getAddress();
  await mined(manager.connect(guardian).setTargetClosed(certificatesAddress, true));
  const pausedFile = documentDigest(new TextEncoder().encode(`issued during a pause, chain ${chainId}, ${Date.now()}`));
  const refused = await certificates
    .connect(samr.official)
    .issue.staticCall(1, pausedFile, holderCommitment("91110000MA01ABCD2X", randomSalt()), 0, 0, "")
    .then(() => "accepted")
    .catch((e: { revert?: { name: string } | null }) => e.revert?.name ?? "reverted without a named error");
  await mined(manager.setTargetClosed(certificatesAddress, false));
  check(
    "the guardian pauses the certificate registry (an issue is refused with AccessManagedUnauthorized, views answer) and the administrator reopens it",
    refused === "AccessManagedUnauthorized" && (await certificates.verify(digest)).status === VALID && !(await manager.isTargetClosed(certificatesAddress)),
    `issue while paused: ${refused}`,
  );

  // Business licences for two suppliers: SAMR approves by transaction, TAX by EIP-712 signature.
  await mined(licenses.registerLicenseType("BL", "Business licence", samr.id, [samr.id, tax.id], 365n * 86_400n, true, [samr.id]));
  const suppliers = [account(12), account(13)];
  for (const supplier of suppliers) {
    await mined(licenses.connect(supplier).submit(1, label32(`USCC-${supplier.address.slice(-26)}`), [label32("articles")]));
    const applicationId = await licenses.applicationCount();
    await mined(licenses.connect(samr.official).approve(applicationId, label32("samr ok")));
    const application = await licenses.getApplication(applicationId);
    const message = {
      applicationId,
      round: application.round,
      departmentId: tax.id,
      commentDigest: label32("tax ok"),
      deadline: (await now()) + 3_600n,
    };
    const types = { LicenseApproval: LICENSE_APPROVAL_TYPES.LicenseApproval.map((f) => ({ ...f })) };
    const signature = await tax.official.signTypedData(licenseApprovalDomain(chainId, await licenses.getAddress()), types, message);
    const { applicationId: _, ...signed } = message;
    await mined(licenses.connect(supplier).submitApprovals(applicationId, [{ signer: tax.official.address, ...signed, signature }]));
    const licenseId = await licenses.licenseOf(supplier.address, 1);
    const issued = (await licenses.getApplication(applicationId)).stage === ISSUED;
    check(
      `supplier ${supplier.address.slice(0, 8)}…: approvals by transaction and by signature issue a locked licence token`,
      issued && licenseId !== 0n && (await licenseToken.ownerOf(licenseId)) === supplier.address && (await licenseToken.locked(licenseId)),
    );
  }

  // A tender: publication with a budget escrowed from MOHURD's treasury (named by its head), sealed bids,
  // award, one milestone payment, withdrawals.
  const escrow = await tenders.getAddress();
  const treasury = account(14);
  await mined(directory.connect(mohurd.head).setTreasury(mohurd.id, treasury.address));
  await mined(token.mint(treasury.address, 1_000_000n));
  await mined(token.connect(treasury).approve(escrow, 1_000_000n));
  for (const supplier of suppliers) {
    await mined(token.mint(supplier.address, 10_000n));
    await mined(token.connect(supplier).approve(escrow, 10_000n));
  }
  const start = await now();
  const budget = 500_000n;
  const bond = 1_000n;
  await mined(
    tenders.connect(mohurd.official).publish({
      documentsDigest: label32("tender documents"),
      metadataURI: "",
      category: label32("works"),
      budget,
      bidBond: bond,
      commitDeadline: start + 12n,
      revealDeadline: start + 24n,
      complaintWindow: 2n,
      acceptingDepartment: mohurd.id,
      licenseTypeId: 1n,
      milestoneSharesBps: [4_000, 6_000],
      milestoneDigests: [label32("foundations"), label32("handover")],
    }),
  );
  const tenderId = await tenders.tenderCount();
  const prices = [420_000n, 450_000n];
  const salts = suppliers.map(() => randomSalt());
  // Each supplier deposits a bond once; a commit moves the tender's bid bond out of that credit.
  await Promise.all(suppliers.map(async (s) => mined(tenders.connect(s).depositBond(bond))));
  await Promise.all(
    suppliers.map(async (s, i) => mined(tenders.connect(s).commitBid(tenderId, await tenders.commitmentOf(tenderId, s.address, prices[i], salts[i])))),
  );
  await waitUntil(start + 12n);
  await Promise.all(suppliers.map(async (s, i) => mined(tenders.connect(s).revealBid(tenderId, prices[i], salts[i]))));
  await waitUntil(start + 24n);
  // Anyone awards, giving every revealed bid ranked by price (then commit order); the contract checks the ranking.
  const ranked = rankBids(
    await Promise.all(
      suppliers.map(async (s) => {
        const bid = await tenders.bidOf(tenderId, s.address);
        return { bidder: s.address, price: bid.price, sequence: bid.sequence };
      }),
    ),
  );
  await mined(tenders.award(tenderId, ranked));
  const awarded = await tenders.getTender(tenderId);
  check(
    "a tender goes from publication through sealed bids to an award to the lowest price",
    awarded.state === AWARDED && awarded.winner === suppliers[0].address && awarded.price === prices[0] && awarded.revealedCount === 2n,
  );
  check(
    "the budget was pulled from MOHURD's treasury (named by its head), not from the official who published",
    awarded.treasury === treasury.address && (await token.balanceOf(treasury.address)) === 1_000_000n - budget,
  );

  await waitUntil(awarded.awardedAt + awarded.complaintWindow);
  const winner = suppliers[0];
  await mined(tenders.connect(winner).deliverMilestone(tenderId, 0, label32("foundations delivered")));
  await mined(tenders.connect(mohurd.official).acceptMilestone(tenderId, 0));
  const payment = (prices[0] * 4_000n) / 10_000n;
  const credits = await Promise.all(suppliers.map((s) => tenders.creditOf(s.address)));
  const balances = await Promise.all(suppliers.map((s) => token.balanceOf(s.address)));
  const withdrawals = await Promise.all(suppliers.map(async (s) => mined(tenders.connect(s).withdraw())));
  const received = await Promise.all(suppliers.map(async (s, i) => (await token.balanceOf(s.address)) - balances[i]));
  check(
    "the accepting official's acceptance pays the first milestone; the winner and the loser withdraw their credits",
    credits[0] === payment && credits[1] === bond && received[0] === payment && received[1] === bond,
    `credits ${credits.join(", ")}, received ${received.join(", ")}, expected ${payment} and ${bond}`,
  );
  const escrowBalance = await token.balanceOf(escrow);
  const obligations = await tenders.obligations();
  check("the escrow still holds what it owes", escrowBalance >= obligations, `${escrowBalance} < ${obligations}`);
  const withdrawal = await provider.getTransaction(withdrawals[0].hash);
  check(
    "the flow's transactions are EIP-1559 (type 2) at zero fees",
    withdrawal?.type === 2 && withdrawal.maxFeePerGas === 0n && withdrawal.maxPriorityFeePerGas === 0n,
    `type ${withdrawal?.type}, max fee ${withdrawal?.maxFeePerGas}`,
  );
}

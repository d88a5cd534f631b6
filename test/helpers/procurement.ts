import ProcurementModule, { DEFAULT_COMPLAINT_RESOLUTION_PERIOD } from "../../ignition/modules/Procurement.js";
import { PUBLIC_ROLE, publicSelectors } from "../../lib/access.js";
import { label32 } from "../../lib/hashing.js";
import { type BidEvent, biddersFromEvents as biddersOf, byAddress, rankBids } from "../../lib/tenders.js";
import type {
  DepartmentDirectory,
  GovchainAccessManager,
  LicenseRegistry,
  LicenseToken,
  TenderEscrow,
  TestStablecoin,
} from "../../types/ethers-contracts/index.js";
import { appointDemoDepartments, type Connection } from "./authority.js";

export const BUSINESS_LICENCE = 1n;
/** The department that decides tender complaints in the fixture (PSB): never the procuring one. */
export const SUPERVISING_DEPARTMENT = 3n;
const YEAR = 365n * 24n * 3600n;
/** The FIN treasury account of the fixture (an impersonated address, not anyone's personal wallet). */
const FIN_TREASURY = "0x000000000000000000000000000000000000f17e";

/**
 * The tender escrow deployed through its Ignition module (Authority and Licensing under it), paying in
 * a TestStablecoin, with the 7 demo departments staffed (signers: 0 admin, 1 guardian, then (head,
 * official) per department: SAMR 2/3, TAX 4/5, PSB 6/7, MNR 8/9, FIN 10/11, MOHURD 12/13, EDU 14/15,
 * then the outsider 16 and spares 17…). FIN (5) procures; PSB (3) supervises complaints (the
 * supervising department may not procure). A business licence type "BL" (issued by SAMR, approved by
 * SAMR alone) is registered, and `suppliers` (spares 0–2) hold one.
 * The FIN head has named `treasury` (an account of its own) as FIN's treasury; it holds 1,000,000.00 tCNY
 * and has approved the escrow, which pulls every FIN budget from it and credits every refund back to it.
 * Each supplier holds 10,000.00 tCNY, approved to the escrow but not deposited: bid bonds come from a
 * supplier's credit, so a supplier calls `depositBond` (see `depositBond` below) before its first commit.
 */
export async function deployProcurement(connection: Connection, supplierCount = 3) {
  const { ethers, ignition } = connection;
  const [admin, guardian] = await ethers.getSigners();
  const token = (await ethers.deployContract("TestStablecoin")) as unknown as TestStablecoin;
  const deployed = await ignition.deploy(ProcurementModule, {
    parameters: {
      Authority: { guardian: guardian.address },
      Procurement: { paymentToken: await token.getAddress(), supervisingDepartment: SUPERVISING_DEPARTMENT },
    },
    displayUi: false,
  });
  const manager = deployed.manager as unknown as GovchainAccessManager;
  const directory = deployed.directory as unknown as DepartmentDirectory;
  const licenses = deployed.licenses as unknown as LicenseRegistry;
  const licenseToken = deployed.licenseToken as unknown as LicenseToken;
  const tenders = deployed.tenders as unknown as TenderEscrow;
  const staff = await appointDemoDepartments(connection, { manager, directory }, 7);
  const [samr] = staff.departments;
  const fin = staff.departments[4];
  const supervisor = staff.departments[Number(SUPERVISING_DEPARTMENT) - 1];

  await licenses.registerLicenseType("BL", "Business licence", 1, [1], YEAR, true, [1]);
  const suppliers = staff.spare.slice(0, supplierCount);
  for (const supplier of suppliers) {
    await grantBusinessLicence(licenses, samr.official, supplier);
  }
  const escrow = await tenders.getAddress();
  const treasury = await fundTreasury(connection, { directory, token, escrow }, fin, FIN_TREASURY);
  for (const supplier of suppliers) {
    await token.mint(supplier.address, 1_000_000n);
    await token.connect(supplier).approve(escrow, ethers.MaxUint256);
  }
  return {
    admin,
    guardian,
    manager,
    directory,
    licenses,
    licenseToken,
    tenders,
    token,
    ...staff,
    suppliers,
    fin,
    samr,
    supervisor,
    treasury,
  };
}

/**
 * Makes `address` (impersonated) the treasury of `department`, named by its head, holding 1,000,000.00
 * tCNY approved to the escrow. Returns its signer.
 */
export async function fundTreasury(
  connection: Connection,
  deployed: { directory: DepartmentDirectory; token: TestStablecoin; escrow: string },
  department: { id: bigint; head: Parameters<DepartmentDirectory["connect"]>[0] },
  address: string,
) {
  const { ethers, networkHelpers } = connection;
  await networkHelpers.setBalance(address, 10n ** 18n);
  const treasury = await ethers.getImpersonatedSigner(address);
  await deployed.directory.connect(department.head).setTreasury(department.id, address);
  await deployed.token.mint(address, 100_000_000n);
  await deployed.token.connect(treasury).approve(deployed.escrow, ethers.MaxUint256);
  return treasury;
}

/**
 * A second TenderEscrow on the fixture's authority and licences, paying in `token` (a mock), with its
 * public entry points opened as the Ignition module does (the caller of `manager` is the administrator).
 */
export async function deployEscrow(
  connection: Connection,
  f: { manager: GovchainAccessManager; directory: DepartmentDirectory; licenses: LicenseRegistry },
  token: string,
  supervisingDepartment = SUPERVISING_DEPARTMENT,
  complaintResolutionPeriod = DEFAULT_COMPLAINT_RESOLUTION_PERIOD,
) {
  const escrow = (await connection.ethers.deployContract("TenderEscrow", [
    await f.manager.getAddress(),
    await f.directory.getAddress(),
    await f.licenses.getAddress(),
    token,
    supervisingDepartment,
    complaintResolutionPeriod,
  ])) as unknown as TenderEscrow;
  await f.manager.setTargetFunctionRole(await escrow.getAddress(), publicSelectors("TenderEscrow"), PUBLIC_ROLE);
  return escrow;
}

/** Takes `supplier` through a one-department business licence application. */
export async function grantBusinessLicence(
  licenses: LicenseRegistry,
  samrOfficial: Parameters<LicenseRegistry["connect"]>[0],
  supplier: Parameters<LicenseRegistry["connect"]>[0] & { address: string },
) {
  await licenses.connect(supplier).submit(BUSINESS_LICENCE, label32(`USCC-${supplier.address.slice(-26)}`), [label32("articles")]);
  const id = await licenses.applicationCount();
  await licenses.connect(samrOfficial).approve(id, label32("ok"));
}

/** Pays `amount` into `supplier`'s credit at the escrow, to back its bid bonds (nothing for 0). */
export async function depositBond(
  tenders: TenderEscrow,
  supplier: Parameters<TenderEscrow["connect"]>[0],
  amount: bigint,
) {
  if (amount > 0n) await (await tenders.connect(supplier).depositBond(amount)).wait();
}

/** The bidders of a tender rebuilt from its events, as the public portal does (see lib/tenders.ts). */
export async function biddersFromEvents(tenders: TenderEscrow, tenderId: bigint) {
  const events: BidEvent[] = [];
  const collect = (kind: BidEvent["kind"], logs: { args: { bidder: string }; blockNumber: number; index: number }[]) => {
    for (const e of logs) events.push({ kind, bidder: e.args.bidder, blockNumber: e.blockNumber, logIndex: e.index });
  };
  collect("committed", await tenders.queryFilter(tenders.filters.BidCommitted(tenderId)));
  collect("withdrawn", await tenders.queryFilter(tenders.filters.BidWithdrawn(tenderId)));
  collect("revealed", await tenders.queryFilter(tenders.filters.BidRevealed(tenderId)));
  return biddersOf(events);
}

/** The ranking `award` and an upheld `resolveComplaint` take: every revealed bidder, by (price, sequence). */
export async function ranking(tenders: TenderEscrow, tenderId: bigint): Promise<string[]> {
  const { revealed } = await biddersFromEvents(tenders, tenderId);
  const bids = await Promise.all(
    revealed.map(async (bidder) => {
      const bid = await tenders.bidOf(tenderId, bidder);
      return { bidder, price: bid.price, sequence: bid.sequence };
    }),
  );
  return rankBids(bids);
}

/** The list `cancel` takes: every live bidder, in ascending address order. */
export async function liveBidders(tenders: TenderEscrow, tenderId: bigint): Promise<string[]> {
  return byAddress((await biddersFromEvents(tenders, tenderId)).live);
}

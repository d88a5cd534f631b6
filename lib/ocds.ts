/**
 * OCDS 1.1 (Open Contracting Data Standard, schema 1.1.5) from chain data: one tender's history, as an
 * indexer or the portal rebuilds it from TenderEscrow's events, becomes a release package (one release
 * per step that changes what OCDS can say) and a record package (those releases plus their compiled
 * release). Pure and deterministic: the same history and options give the same bytes, so the indexer's
 * API and the portal's download button publish identical files. Browser-safe (no Node APIs).
 *
 * Every release is a full snapshot of what is known at its event, never a diff, so each one reads on
 * its own; snapshots only ever add array entries (by id) and change values, so merging them by the OCDS
 * merge rules gives the last snapshot back (`compileReleases`, checked by the tests).
 *
 * Mapping decisions, in brief (the module's README is this comment):
 * - ocid `{prefix}-{chainId}-{escrow address}-{tenderId}`; release id `{ocid}-{block}-{logIndex}` of its
 *   event; award, contract, payment and event-document ids `{kind}-{block}-{logIndex}`. Stable across calls.
 * - Releases (tags): TenderPublished → `tender`; TenderAmended → `tenderAmendment`; a first BidCommitted
 *   and BidWithdrawn → `tenderUpdate` (tenderers, numberOfTenderers); TenderFailed → `tenderUpdate`
 *   (status unsuccessful); TenderCancelled → `tenderCancellation`; TenderAwarded → `award`;
 *   ComplaintFiled, a dismissed ComplaintResolved and ComplaintLapsed → `awardUpdate` (complaint
 *   documents on the award); an upheld ComplaintResolved → `awardCancellation`; ContractStarted →
 *   `contract`; MilestoneDelivered/Accepted/Rejected → `implementation`; TenderCompleted and
 *   TenderTerminated → `contractTermination`. No release (no core OCDS field changes): BidRevealed (bid
 *   prices need the bids extension), replacing commits, BondsForfeited, PerformanceBondPosted,
 *   BidderPassedOver, TerminationProposed, Credited, Withdrawn (accepted as input, for a complete timeline).
 * - Status: tender active → complete (awarded) / cancelled / unsuccessful (failed); award pending (complaint
 *   window open or complaint pending) → active (contract started) / cancelled (complaint upheld); contract
 *   active → terminated (completed or terminated by agreement, told apart in `contract.description`).
 * - Complaints have no core OCDS field: the complaint text and the decision are award documents
 *   (documentType `complaints`) whose description says who, when, the time limit and the outcome.
 * - Tenderers lists every account that ever committed a bid (OCDS merge cannot remove an array entry);
 *   `numberOfTenderers` counts live bids, as the chain's `bidCount`.
 * - Parties: the procuring department is buyer, procuringEntity and payer (its treasury funds the escrow);
 *   an accepting department other than it is an interestedParty; the supervising department (the one the
 *   history names now, for every release) is reviewBody; bidders are tenderer, winners supplier (also in a
 *   cancelled award) and payee once paid. Accounts are identified by address (`accountScheme`), with the
 *   licence's public subject identifier in `additionalIdentifiers` where the history supplies it.
 * - Money: `value.amount` is the token amount converted from units exactly (bigint arithmetic; see
 *   `unitsToAmount`), `currency` an option. Payments are `contract.implementation.transactions`, one per
 *   MilestoneAccepted (payer the procuring department, payee the supplier).
 * - Documents: id = SHA-256 digest for the metadata file, the files it lists and milestone descriptions;
 *   url `ipfs://{cid}` (or a gateway); format the media type. Documents known only from an event carry
 *   the digest in url and description.
 * - Text: `language` "zh", English in the `_en` language variants. `contract.dateSigned` is the contract's
 *   start (ContractStarted): the chain has no separate signature.
 */
import { digestToCid } from "./cid.js";
import type { Localized, TenderMetadata } from "./metadata.js";

// ===== INPUT =====

/** An unsigned integer of any size as a decimal string (JSON has no bigint). */
export type UintString = string;

/** A department as the directory reports it. */
export interface DepartmentInfo {
  id: number;
  code: string;
  name: Localized;
  /** An official organisation identifier, e.g. the unified social credit code, where known. */
  identifier?: { scheme: string; id: string };
}

/** What is known off chain about a bidder (all optional). */
export interface BidderInfo {
  name?: Localized;
  /** The public subject identifier of the licence it bid under (e.g. its unified social credit code). */
  licenceSubject?: { scheme: string; id: string };
}

/** The block, time and place of a log. */
export interface LogPosition {
  blockNumber: number;
  /** Block time, in seconds since 1970. */
  blockTimestamp: number;
  transactionHash: string;
  logIndex: number;
}

/** TenderEscrow's `PublishParams`, amounts as decimal strings, the category label decoded from bytes32. */
export interface PublishedParams {
  documentsDigest: string;
  metadataURI: string;
  category: string;
  budget: UintString;
  bidBond: UintString;
  commitDeadline: number;
  revealDeadline: number;
  complaintWindow: number;
  acceptingDepartment: number;
  licenseTypeId: number;
  milestoneSharesBps: number[];
  milestoneDigests: string[];
}

/** The tender's events after `TenderPublished`, decoded, with the names and fields of ITenderEscrow.sol. */
export type TenderEventArgs =
  | { name: "TenderAmended"; args: { amendment: number; documentsDigest: string; commitDeadline: number; revealDeadline: number; by: string } }
  | { name: "BidCommitted"; args: { bidder: string; commitment: string; sequence: number; replaced: boolean } }
  | { name: "BidWithdrawn"; args: { bidder: string } }
  | { name: "BidRevealed"; args: { bidder: string; price: UintString } }
  | { name: "BondsForfeited"; args: { count: UintString; amount: UintString } }
  | { name: "TenderAwarded"; args: { winner: string; price: UintString; awardedAt: number; complaintDeadline: number } }
  | { name: "PerformanceBondPosted"; args: { supplier: string; amount: UintString } }
  | { name: "BidderPassedOver"; args: { bidder: string; credit: UintString; bond: UintString } }
  | { name: "TenderFailed"; args: Record<string, never> }
  | { name: "ComplaintFiled"; args: { complaintId: UintString; by: string; digest: string; resolveBy: number } }
  | { name: "ComplaintResolved"; args: { complaintId: UintString; upheld: boolean; by: string; resolutionDigest: string } }
  | { name: "ComplaintLapsed"; args: { complaintId: UintString; resolveBy: number } }
  | { name: "ContractStarted"; args: { supplier: string; price: UintString; budgetReturned: UintString } }
  | { name: "MilestoneDelivered"; args: { milestone: number; deliveryDigest: string } }
  | { name: "MilestoneAccepted"; args: { milestone: number; by: string; amount: UintString } }
  | { name: "MilestoneRejected"; args: { milestone: number; by: string; reasonCode: number; commentDigest: string } }
  | { name: "TenderCompleted"; args: { totalPaid: UintString } }
  | { name: "TenderCancelled"; args: { by: string; reasonCode: number } }
  | { name: "TerminationProposed"; args: { by: string } }
  | { name: "TenderTerminated"; args: { totalPaid: UintString; budgetReturned: UintString } }
  /** `reason` decoded from bytes32, e.g. "milestone payment". */
  | { name: "Credited"; args: { account: string; amount: UintString; reason: string } }
  | { name: "Withdrawn"; args: { account: string; amount: UintString } };

export type TenderEvent = LogPosition & TenderEventArgs;

/**
 * One tender as rebuilt from chain events and views: plain JSON (numbers, strings, booleans), so the
 * indexer can store it or send it to the portal as is.
 */
export interface TenderHistory {
  chainId: number;
  /** The TenderEscrow's address. */
  escrow: string;
  tenderId: UintString;
  /** The TenderPublished event. */
  published: LogPosition & { department: number; treasury: string; publishedBy: string; params: PublishedParams };
  /** Every department the history names (procuring, accepting, supervising), by id. */
  departments: DepartmentInfo[];
  /** The department deciding complaints (`supervisingDepartment()`), or null when none is set. */
  supervisingDepartment: number | null;
  paymentToken: { symbol: string; decimals: number };
  /** The licence type bidders must hold, with its name where known. */
  licenseType?: { id: number; name?: Localized };
  /**
   * Tender metadata by documents digest (the publication's and each amendment's), fetched from the
   * document store and checked against the digest; null (or absent) when it could not be verified.
   */
  metadata: Record<string, TenderMetadata | null>;
  /** Off-chain knowledge of bidders, by lowercase address. */
  bidders?: Record<string, BidderInfo>;
  /** The tender's later events, in chain order (block number, then log index). */
  events: TenderEvent[];
}

export interface OcdsOptions {
  /** The registered ocid prefix, e.g. "ocds-govchain". */
  ocidPrefix: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  /** The package's URI (where it is served). */
  uri: string;
  /** Default: the time of the last event in the history. */
  publishedDate?: string;
  /** ISO 4217 currency of the payment token (the demo's tCNY is "CNY"). Default "CNY". */
  currency?: string;
  /** Documents link to `{gateway}/{cid}` when set, else to `ipfs://{cid}`. */
  documentGateway?: string;
  /** A transaction's `uri`: "{hash}" is replaced by its hash, e.g. "https://explorer.example/tx/{hash}". */
  transactionUrlTemplate?: string;
  /** Scheme of the identifiers made from accounts. Default "X-GOVCHAIN-ACCOUNT". */
  accountScheme?: string;
  /** Scheme of the identifiers made from department codes. Default "X-GOVCHAIN-DEPARTMENT". */
  departmentScheme?: string;
  license?: string;
  publicationPolicy?: string;
  /**
   * An amount whose decimal value a JSON number cannot hold exactly (above 2^53 significant units):
   * "round" to the nearest number (default) or "throw".
   */
  inexactAmounts?: "round" | "throw";
}

// ===== OUTPUT TYPES (the subset of OCDS 1.1 this module writes) =====

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type OcdsRelease = { ocid: string; id: string; date: string; tag: string[] } & { [key: string]: Json };

export interface ReleasePackage {
  uri: string;
  version: "1.1";
  publishedDate: string;
  publisher: { [key: string]: string };
  license?: string;
  publicationPolicy?: string;
  releases: OcdsRelease[];
}

export interface RecordPackage {
  uri: string;
  version: "1.1";
  publishedDate: string;
  publisher: { [key: string]: string };
  license?: string;
  publicationPolicy?: string;
  records: { ocid: string; releases: OcdsRelease[]; compiledRelease: OcdsRelease }[];
  links?: { next: string };
}

// ===== AMOUNTS AND DATES =====

/**
 * `units` of a token with `decimals` decimals as the decimal string of its value, exactly
 * ("860000000", 2 → "8600000"; "123456789", 2 → "1234567.89").
 */
export function unitsToDecimal(units: UintString | bigint, decimals: number): string {
  const value = typeof units === "bigint" ? units : parseUint(units);
  if (value < 0n) throw new RangeError(`a negative amount: ${value}`);
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 77) throw new RangeError(`invalid token decimals: ${decimals}`);
  const scale = 10n ** BigInt(decimals);
  const whole = (value / scale).toString();
  const fraction = (value % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return fraction === "" ? whole : `${whole}.${fraction}`;
}

/**
 * The OCDS `amount` (a JSON number) of `units`: the number whose shortest printing is the exact decimal,
 * when one exists; otherwise rounded or refused as `mode` says.
 */
export function unitsToAmount(units: UintString | bigint, decimals: number, mode: "round" | "throw" = "round"): number {
  const exact = unitsToDecimal(units, decimals);
  const n = Number(exact);
  if (mode === "throw" && !sameDecimal(n, exact)) {
    throw new RangeError(`${exact} cannot be written exactly as a JSON number`);
  }
  return n;
}

function sameDecimal(n: number, exact: string): boolean {
  // Number#toString switches to exponent notation (1e+23, 1e-7): compare canonical digits and exponents.
  const [d1, e1] = canonicalDecimal(n.toString());
  const [d2, e2] = canonicalDecimal(exact);
  return d1 === d2 && e1 === e2;
}

/** A decimal numeral as significant digits and a power of ten ("1200.50" → ["12005", -1]). */
function canonicalDecimal(text: string): [string, number] {
  const [mantissa, exponent = "0"] = text.toLowerCase().split("e");
  const [whole, fraction = ""] = mantissa.split(".");
  let digits = (whole + fraction).replace(/^0+/, "");
  let power = Number(exponent) - fraction.length;
  if (digits === "") return ["0", 0];
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    power += 1;
  }
  return [digits, power];
}

function parseUint(text: string): bigint {
  if (!/^\d+$/.test(text)) throw new TypeError(`not an unsigned integer: ${JSON.stringify(text)}`);
  return BigInt(text);
}

/** A block time (seconds) as an OCDS date-time, e.g. "2026-03-01T08:00:00Z". */
export function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}

// ===== IDS =====

/** The ocid of a tender: `{prefix}-{chainId}-{escrow}-{tenderId}` (escrow in lowercase hex). */
export function tenderOcid(prefix: string, chainId: number, escrow: string, tenderId: UintString): string {
  return `${prefix}-${chainId}-${escrow.toLowerCase()}-${parseUint(tenderId)}`;
}

const at = (e: LogPosition): string => `${e.blockNumber}-${e.logIndex}`;
const ZERO_DIGEST = /^0x0{64}$/;

// ===== BUILDING =====

interface DocEntry {
  [key: string]: Json;
}

interface AwardState {
  id: string;
  supplier: string;
  price: bigint;
  date: string;
  status: "pending" | "active" | "cancelled";
  documents: DocEntry[];
}

interface MilestoneState {
  status: "scheduled" | "met";
  dateMet?: string;
  dateModified?: string;
  documents: DocEntry[];
}

interface ContractState {
  id: string;
  awardId: string;
  price: bigint;
  start: string;
  status: "active" | "terminated";
  end?: string;
  description?: Localized;
  milestones: MilestoneState[];
  transactions: { [key: string]: Json }[];
}

interface State {
  tenderStatus: "active" | "complete" | "cancelled" | "unsuccessful";
  commitDeadline: number;
  revealDeadline: number;
  documentsDigest: string;
  amendments: { [key: string]: Json }[];
  bidders: string[];
  live: Set<string>;
  awards: AwardState[];
  contract?: ContractState;
  tenderDocuments: DocEntry[];
  lastReleaseId: string;
}

/** A release's tag for an event, or null when the event changes nothing OCDS shows. */
function tagOf(e: TenderEvent, s: State): string | null {
  switch (e.name) {
    case "TenderAmended":
      return "tenderAmendment";
    case "BidCommitted":
      return e.args.replaced ? null : "tenderUpdate";
    case "BidWithdrawn":
    case "TenderFailed":
      return "tenderUpdate";
    case "TenderCancelled":
      return "tenderCancellation";
    case "TenderAwarded":
      return "award";
    case "ComplaintFiled":
    case "ComplaintLapsed":
      return "awardUpdate";
    case "ComplaintResolved":
      return e.args.upheld ? "awardCancellation" : "awardUpdate";
    case "ContractStarted":
      return s.contract === undefined ? "contract" : null;
    case "MilestoneDelivered":
    case "MilestoneAccepted":
    case "MilestoneRejected":
      return "implementation";
    case "TenderCompleted":
    case "TenderTerminated":
      return "contractTermination";
    default:
      return null;
  }
}

class Builder {
  readonly ocid: string;
  readonly currency: string;
  readonly accountScheme: string;
  readonly departmentScheme: string;
  readonly inexact: "round" | "throw";
  readonly departments = new Map<number, DepartmentInfo>();

  constructor(
    readonly h: TenderHistory,
    readonly o: OcdsOptions,
  ) {
    this.ocid = tenderOcid(o.ocidPrefix, h.chainId, h.escrow, h.tenderId);
    this.currency = o.currency ?? "CNY";
    this.accountScheme = o.accountScheme ?? "X-GOVCHAIN-ACCOUNT";
    this.departmentScheme = o.departmentScheme ?? "X-GOVCHAIN-DEPARTMENT";
    this.inexact = o.inexactAmounts ?? "round";
    for (const d of h.departments) this.departments.set(d.id, d);
  }

  value(units: bigint | UintString): Json {
    return { amount: unitsToAmount(units, this.h.paymentToken.decimals, this.inexact), currency: this.currency };
  }

  docUrl(digest: string): string {
    const cid = digestToCid(digest);
    return this.o.documentGateway === undefined ? `ipfs://${cid}` : `${this.o.documentGateway.replace(/\/+$/, "")}/${cid}`;
  }

  /** A document the chain names only by digest (a complaint, a delivery report…). */
  eventDoc(kind: string, e: LogPosition, digest: string, documentType: string | null, title: Localized, description: Localized): DocEntry {
    const d: DocEntry = { id: `${kind}-${at(e)}` };
    if (documentType !== null) d.documentType = documentType;
    d.title = title.zh;
    d.title_en = title.en;
    d.description = description.zh;
    d.description_en = description.en;
    if (!ZERO_DIGEST.test(digest)) d.url = this.docUrl(digest);
    d.datePublished = isoTime(e.blockTimestamp);
    return d;
  }

  department(id: number): DepartmentInfo {
    const d = this.departments.get(id);
    if (d === undefined) throw new Error(`the history does not describe department ${id}`);
    return d;
  }

  deptRef(id: number): Json {
    return { id: `department-${id}`, name: this.department(id).name.zh };
  }

  accountRef(address: string): Json {
    const a = address.toLowerCase();
    return { id: `account-${a}`, name: this.h.bidders?.[a]?.name?.zh ?? a };
  }

  metadataAt(digest: string): TenderMetadata | null {
    return this.h.metadata[digest.toLowerCase()] ?? this.h.metadata[digest] ?? null;
  }

  /** Documents a metadata version brings: the metadata file itself and the files it lists. */
  metadataDocs(digest: string, date: string, amendment: number): DocEntry[] {
    const docs: DocEntry[] = [];
    const label = amendment === 0 ? { zh: "招标信息（元数据）", en: "Tender information (metadata)" } : { zh: `招标信息（第${amendment}次更正）`, en: `Tender information (amendment ${amendment})` };
    docs.push({
      id: digest.toLowerCase(),
      documentType: "tenderNotice",
      title: label.zh,
      title_en: label.en,
      description: `SHA-256 ${digest.toLowerCase()}（链上记录）`,
      description_en: `SHA-256 ${digest.toLowerCase()} (recorded on chain)`,
      url: this.docUrl(digest),
      datePublished: date,
      format: "application/json",
    });
    const m = this.metadataAt(digest);
    for (const f of m?.documents ?? []) {
      docs.push({
        id: f.digest.toLowerCase(),
        documentType: "biddingDocuments",
        title: f.name,
        description: `SHA-256 ${f.digest.toLowerCase()}`,
        url: this.docUrl(f.digest),
        datePublished: date,
        format: f.mediaType,
      });
    }
    return docs;
  }

  parties(s: State): Json[] {
    const p = this.h.published;
    const roles = new Map<string, { ref: () => Json; roles: Set<string> }>();
    const add = (key: string, ref: () => Json, role: string) => {
      const r = roles.get(key) ?? { ref, roles: new Set<string>() };
      r.roles.add(role);
      roles.set(key, r);
    };
    const dept = (id: number) => () => this.departmentParty(id);
    add(`d${p.department}`, dept(p.department), "buyer");
    add(`d${p.department}`, dept(p.department), "procuringEntity");
    add(`d${p.department}`, dept(p.department), "payer");
    if (p.params.acceptingDepartment !== p.department) {
      add(`d${p.params.acceptingDepartment}`, dept(p.params.acceptingDepartment), "interestedParty");
    }
    if (this.h.supervisingDepartment !== null && this.h.supervisingDepartment !== 0) {
      add(`d${this.h.supervisingDepartment}`, dept(this.h.supervisingDepartment), "reviewBody");
    }
    for (const b of s.bidders) add(`a${b}`, () => this.accountParty(b), "tenderer");
    for (const a of s.awards) add(`a${a.supplier}`, () => this.accountParty(a.supplier), "supplier");
    const contract = s.contract;
    if (contract !== undefined && contract.transactions.length > 0) {
      const payee = s.awards.find((a) => a.id === contract.awardId)!.supplier;
      add(`a${payee}`, () => this.accountParty(payee), "payee");
    }
    return [...roles.values()].map((r) => {
      const party = r.ref() as { [key: string]: Json };
      return { ...party, roles: [...r.roles] };
    });
  }

  departmentParty(id: number): { [key: string]: Json } {
    const d = this.department(id);
    const party: { [key: string]: Json } = { id: `department-${id}`, name: d.name.zh, name_en: d.name.en };
    party.identifier = d.identifier === undefined ? { scheme: this.departmentScheme, id: d.code } : { scheme: d.identifier.scheme, id: d.identifier.id };
    if (d.identifier !== undefined) party.additionalIdentifiers = [{ scheme: this.departmentScheme, id: d.code }];
    return party;
  }

  accountParty(address: string): { [key: string]: Json } {
    const a = address.toLowerCase();
    const info = this.h.bidders?.[a];
    const party: { [key: string]: Json } = { id: `account-${a}`, name: info?.name?.zh ?? a };
    if (info?.name !== undefined) party.name_en = info.name.en;
    party.identifier = { scheme: this.accountScheme, id: a };
    if (info?.licenceSubject !== undefined) {
      party.additionalIdentifiers = [{ scheme: info.licenceSubject.scheme, id: info.licenceSubject.id }];
    }
    return party;
  }

  tender(s: State): Json {
    const p = this.h.published;
    const m = this.metadataAt(s.documentsDigest);
    const t: { [key: string]: Json } = { id: this.ocid };
    if (m !== null) {
      t.title = m.title.zh;
      t.title_en = m.title.en;
      t.description = m.description.zh;
      t.description_en = m.description.en;
    } else {
      t.description = "招标信息无法核验（未取得与链上摘要一致的元数据）";
      t.description_en = "The tender information could not be verified (no metadata matching the on-chain digest)";
    }
    t.status = s.tenderStatus;
    t.procuringEntity = this.deptRef(p.department);
    if (m !== null && m.items.length > 0) t.items = this.items(m);
    t.value = this.value(p.params.budget);
    t.procurementMethod = "open";
    t.procurementMethodDetails = "Sealed commit-reveal bids on chain, each backed by a bid bond";
    const category = m?.category ?? p.params.category;
    if (category === "goods" || category === "works" || category === "services") t.mainProcurementCategory = category;
    t.awardCriteria = "priceOnly";
    t.awardCriteriaDetails = "最低揭示报价（不超过预算、投标人持有效许可证）中标，同价者先投先得";
    t.awardCriteriaDetails_en = "The lowest revealed price within the budget from a still-licensed bidder wins; ties go to the earliest commitment";
    t.submissionMethod = ["electronicSubmission"];
    const lt = this.h.licenseType ?? { id: p.params.licenseTypeId };
    t.eligibilityCriteria = `投标人须持有许可证类型 ${lt.id}${lt.name === undefined ? "" : `（${lt.name.zh}）`}`;
    t.eligibilityCriteria_en = `Bidders must hold licence type ${lt.id}${lt.name === undefined ? "" : ` (${lt.name.en})`}`;
    t.tenderPeriod = { startDate: isoTime(p.blockTimestamp), endDate: isoTime(s.commitDeadline) };
    const current = s.awards.filter((a) => a.status !== "cancelled").at(-1);
    t.awardPeriod = current === undefined ? { startDate: isoTime(s.revealDeadline) } : { startDate: isoTime(s.revealDeadline), endDate: current.date };
    t.numberOfTenderers = s.live.size;
    t.tenderers = s.bidders.map((b) => this.accountRef(b));
    t.documents = s.tenderDocuments.map((d) => ({ ...d }));
    if (s.amendments.length > 0) t.amendments = s.amendments.map((a) => ({ ...a }));
    return t;
  }

  items(m: TenderMetadata): Json[] {
    return m.items.map((item, i) => ({
      id: String(i + 1),
      description: item.description.zh,
      description_en: item.description.en,
      quantity: item.quantity,
      unit: { name: item.unit.zh, name_en: item.unit.en },
    }));
  }

  award(a: AwardState, s: State): Json {
    const m = this.metadataAt(s.documentsDigest);
    const award: { [key: string]: Json } = { id: a.id };
    if (m !== null) {
      award.title = m.title.zh;
      award.title_en = m.title.en;
    }
    award.status = a.status;
    award.date = a.date;
    award.value = this.value(a.price);
    award.suppliers = [this.accountRef(a.supplier)];
    // OCDS: an award's and a contract's items, when given, hold at least one (metadata may list none)
    if (m !== null && m.items.length > 0) award.items = this.items(m);
    if (a.documents.length > 0) award.documents = a.documents.map((d) => ({ ...d }));
    return award;
  }

  contract(c: ContractState, s: State): Json {
    const p = this.h.published.params;
    const m = this.metadataAt(s.documentsDigest);
    const contract: { [key: string]: Json } = { id: c.id, awardID: c.awardId };
    if (m !== null) {
      contract.title = m.title.zh;
      contract.title_en = m.title.en;
    }
    if (c.description !== undefined) {
      contract.description = c.description.zh;
      contract.description_en = c.description.en;
    }
    contract.status = c.status;
    contract.period = c.end === undefined ? { startDate: c.start } : { startDate: c.start, endDate: c.end };
    contract.value = this.value(c.price);
    if (m !== null && m.items.length > 0) contract.items = this.items(m);
    contract.dateSigned = c.start;
    const milestones: Json[] = c.milestones.map((ms, i) => {
      const text = m?.milestones[i];
      const bps = p.milestoneSharesBps[i];
      const out: { [key: string]: Json } = { id: `milestone-${i}` };
      if (text !== undefined) {
        out.title = text.zh;
        out.title_en = text.en;
      }
      out.type = "delivery";
      out.description = `合同价款的 ${bps / 100}%，验收后支付`;
      out.description_en = `${bps / 100}% of the price, paid on acceptance`;
      out.status = ms.status;
      if (ms.dateMet !== undefined) out.dateMet = ms.dateMet;
      if (ms.dateModified !== undefined) out.dateModified = ms.dateModified;
      const digest = p.milestoneDigests[i];
      const docs: DocEntry[] = [];
      if (digest !== undefined && !ZERO_DIGEST.test(digest)) {
        docs.push({ id: digest.toLowerCase(), documentType: "technicalSpecifications", title: "阶段说明", title_en: "Milestone description", description: `SHA-256 ${digest.toLowerCase()}`, url: this.docUrl(digest) });
      }
      out.documents = [...docs, ...ms.documents.map((d) => ({ ...d }))];
      return out;
    });
    contract.implementation = { transactions: c.transactions.map((t) => ({ ...t })), milestones };
    return contract;
  }

  release(s: State, e: LogPosition, tag: string): OcdsRelease {
    const id = `${this.ocid}-${at(e)}`;
    const r: OcdsRelease = {
      ocid: this.ocid,
      id,
      date: isoTime(e.blockTimestamp),
      tag: [tag],
      initiationType: "tender",
      language: "zh",
      parties: this.parties(s),
      buyer: this.deptRef(this.h.published.department),
      tender: this.tender(s),
    };
    if (s.awards.length > 0) r.awards = s.awards.map((a) => this.award(a, s));
    if (s.contract !== undefined) r.contracts = [this.contract(s.contract, s)];
    // JSON round trip: the release shares no object with the state it was built from.
    return JSON.parse(JSON.stringify(r)) as OcdsRelease;
  }
}

/** The releases of a tender, oldest first: one per event that changes what OCDS shows. */
export function buildReleases(history: TenderHistory, options: OcdsOptions): OcdsRelease[] {
  const b = new Builder(history, options);
  const p = history.published;
  const publishedAt = isoTime(p.blockTimestamp);
  const s: State = {
    tenderStatus: "active",
    commitDeadline: p.params.commitDeadline,
    revealDeadline: p.params.revealDeadline,
    documentsDigest: p.params.documentsDigest,
    amendments: [],
    bidders: [],
    live: new Set(),
    awards: [],
    tenderDocuments: [],
    lastReleaseId: "",
  };
  /** A document id is unique in its list: a file listed twice (or in two versions) is listed once, first seen. */
  const addTenderDocs = (docs: DocEntry[]) => {
    for (const d of docs) if (!s.tenderDocuments.some((x) => x.id === d.id)) s.tenderDocuments.push(d);
  };
  addTenderDocs(b.metadataDocs(p.params.documentsDigest, publishedAt, 0));
  const releases: OcdsRelease[] = [b.release(s, p, "tender")];
  s.lastReleaseId = releases[0].id;

  const events = [...history.events].sort((x, y) => x.blockNumber - y.blockNumber || x.logIndex - y.logIndex);
  const currentAward = (): AwardState => {
    const a = s.awards.filter((x) => x.status !== "cancelled").at(-1);
    if (a === undefined) throw new Error(`tender ${history.tenderId}: a complaint or contract event without a standing award`);
    return a;
  };
  const milestone = (i: number): MilestoneState => {
    const ms = s.contract?.milestones[i];
    if (ms === undefined) throw new Error(`tender ${history.tenderId}: milestone ${i} event without a started contract with that milestone`);
    return ms;
  };

  for (const e of events) {
    const tag = tagOf(e, s);
    const date = isoTime(e.blockTimestamp);
    switch (e.name) {
      case "TenderAmended": {
        const a = e.args;
        const before = { digest: s.documentsDigest, commit: s.commitDeadline, reveal: s.revealDeadline };
        s.commitDeadline = a.commitDeadline;
        s.revealDeadline = a.revealDeadline;
        const changes: string[] = [];
        const changesEn: string[] = [];
        if (a.documentsDigest.toLowerCase() !== before.digest.toLowerCase()) {
          s.documentsDigest = a.documentsDigest;
          addTenderDocs(b.metadataDocs(a.documentsDigest, date, a.amendment));
          changes.push(`招标文件更新为 SHA-256 ${a.documentsDigest.toLowerCase()}`);
          changesEn.push(`documents now SHA-256 ${a.documentsDigest.toLowerCase()}`);
        }
        if (a.commitDeadline !== before.commit) {
          changes.push(`投标截止时间改为 ${isoTime(a.commitDeadline)}`);
          changesEn.push(`commit deadline now ${isoTime(a.commitDeadline)}`);
        }
        if (a.revealDeadline !== before.reveal) {
          changes.push(`揭标截止时间改为 ${isoTime(a.revealDeadline)}`);
          changesEn.push(`reveal deadline now ${isoTime(a.revealDeadline)}`);
        }
        s.amendments.push({
          id: String(a.amendment),
          date,
          description: changes.length === 0 ? "无实质变更" : changes.join("；"),
          description_en: changesEn.length === 0 ? "No change of substance" : changesEn.join("; "),
          amendsReleaseID: s.lastReleaseId,
          releaseID: `${b.ocid}-${at(e)}`,
        });
        break;
      }
      case "BidCommitted": {
        const bidder = e.args.bidder.toLowerCase();
        if (!s.bidders.includes(bidder)) s.bidders.push(bidder);
        s.live.add(bidder);
        break;
      }
      case "BidWithdrawn":
        s.live.delete(e.args.bidder.toLowerCase());
        break;
      case "TenderAwarded": {
        s.awards.push({ id: `award-${at(e)}`, supplier: e.args.winner.toLowerCase(), price: parseUint(e.args.price), date, status: "pending", documents: [] });
        s.tenderStatus = "complete";
        break;
      }
      case "TenderFailed":
        s.tenderStatus = "unsuccessful";
        break;
      case "TenderCancelled":
        s.tenderStatus = "cancelled";
        s.tenderDocuments.push(
          b.eventDoc(
            "cancellation",
            e,
            "0x" + "0".repeat(64),
            "cancellationDetails",
            { zh: "招标取消", en: "Cancellation" },
            { zh: `由 ${e.args.by.toLowerCase()} 取消，原因代码 ${e.args.reasonCode}`, en: `Cancelled by ${e.args.by.toLowerCase()}, reason code ${e.args.reasonCode}` },
          ),
        );
        break;
      case "ComplaintFiled": {
        const a = e.args;
        currentAward().documents.push(
          b.eventDoc(
            `complaint-${parseUint(a.complaintId)}`,
            e,
            a.digest,
            "complaints",
            { zh: `投诉 ${a.complaintId}`, en: `Complaint ${a.complaintId}` },
            {
              zh: `投标人 ${a.by.toLowerCase()} 对中标结果提出投诉（SHA-256 ${a.digest.toLowerCase()}），监督部门须在 ${isoTime(a.resolveBy)} 前处理`,
              en: `Bidder ${a.by.toLowerCase()} complained about the award (SHA-256 ${a.digest.toLowerCase()}); the supervising department must decide before ${isoTime(a.resolveBy)}`,
            },
          ),
        );
        break;
      }
      case "ComplaintResolved": {
        const a = e.args;
        const award = currentAward();
        award.documents.push(
          b.eventDoc(
            `complaint-${parseUint(a.complaintId)}-decision`,
            e,
            a.resolutionDigest,
            "complaints",
            { zh: `投诉 ${a.complaintId} 处理决定`, en: `Decision on complaint ${a.complaintId}` },
            a.upheld
              ? { zh: `投诉成立，中标被撤销（${a.by.toLowerCase()}）`, en: `Upheld: the award is cancelled (by ${a.by.toLowerCase()})` }
              : { zh: `投诉驳回，中标维持（${a.by.toLowerCase()}）`, en: `Dismissed: the award stands (by ${a.by.toLowerCase()})` },
          ),
        );
        if (a.upheld) award.status = "cancelled";
        break;
      }
      case "ComplaintLapsed": {
        const a = e.args;
        currentAward().documents.push(
          b.eventDoc(
            `complaint-${parseUint(a.complaintId)}-lapsed`,
            e,
            "0x" + "0".repeat(64),
            "complaints",
            { zh: `投诉 ${a.complaintId} 逾期未处理`, en: `Complaint ${a.complaintId} lapsed` },
            { zh: `监督部门未在 ${isoTime(a.resolveBy)} 前处理，中标维持`, en: `Not decided before ${isoTime(a.resolveBy)}: the award stands` },
          ),
        );
        break;
      }
      case "ContractStarted": {
        if (s.contract !== undefined) break;
        const award = currentAward();
        award.status = "active";
        s.contract = {
          id: `contract-${at(e)}`,
          awardId: award.id,
          price: parseUint(e.args.price),
          start: date,
          status: "active",
          milestones: history.published.params.milestoneSharesBps.map(() => ({ status: "scheduled", documents: [] })),
          transactions: [],
        };
        break;
      }
      case "MilestoneDelivered": {
        const ms = milestone(e.args.milestone);
        ms.dateModified = date;
        ms.documents.push(
          b.eventDoc(
            "delivery",
            e,
            e.args.deliveryDigest,
            "physicalProgressReport",
            { zh: `第 ${e.args.milestone + 1} 阶段交付`, en: `Delivery of milestone ${e.args.milestone + 1}` },
            { zh: `供应商提交交付（SHA-256 ${e.args.deliveryDigest.toLowerCase()}）`, en: `Delivered by the supplier (SHA-256 ${e.args.deliveryDigest.toLowerCase()})` },
          ),
        );
        break;
      }
      case "MilestoneRejected": {
        const ms = milestone(e.args.milestone);
        ms.dateModified = date;
        ms.documents.push(
          b.eventDoc(
            "rejection",
            e,
            e.args.commentDigest,
            null,
            { zh: `第 ${e.args.milestone + 1} 阶段验收不通过`, en: `Milestone ${e.args.milestone + 1} rejected` },
            { zh: `验收人 ${e.args.by.toLowerCase()} 退回交付，原因代码 ${e.args.reasonCode}`, en: `Rejected by ${e.args.by.toLowerCase()}, reason code ${e.args.reasonCode}` },
          ),
        );
        break;
      }
      case "MilestoneAccepted": {
        const ms = milestone(e.args.milestone);
        ms.status = "met";
        ms.dateMet = date;
        ms.dateModified = date;
        const contract = s.contract!;
        const supplier = s.awards.find((a) => a.id === contract.awardId)!.supplier;
        const tx: { [key: string]: Json } = {
          id: `payment-${at(e)}`,
          source: `eip155:${history.chainId}:${history.escrow.toLowerCase()}`,
          date,
          value: b.value(e.args.amount),
          payer: b.deptRef(history.published.department),
          payee: b.accountRef(supplier),
        };
        if (options.transactionUrlTemplate !== undefined) tx.uri = options.transactionUrlTemplate.replace("{hash}", e.transactionHash);
        contract.transactions.push(tx);
        break;
      }
      case "TenderCompleted":
      case "TenderTerminated": {
        const contract = s.contract;
        if (contract === undefined) throw new Error(`tender ${history.tenderId}: ${e.name} without a started contract`);
        contract.status = "terminated";
        contract.end = date;
        const paid = unitsToDecimal(e.args.totalPaid, history.paymentToken.decimals);
        contract.description =
          e.name === "TenderCompleted"
            ? { zh: `全部阶段验收完毕，合同履行完成，共支付 ${paid}`, en: `Completed: every milestone accepted, ${paid} paid in all` }
            : {
                zh: `双方协议终止合同，已支付 ${paid}，退回预算 ${unitsToDecimal(e.args.budgetReturned, history.paymentToken.decimals)}`,
                en: `Terminated by mutual agreement: ${paid} paid, ${unitsToDecimal(e.args.budgetReturned, history.paymentToken.decimals)} returned to the treasury`,
              };
        break;
      }
      default:
        break;
    }
    if (tag !== null) {
      const r = b.release(s, e, tag);
      releases.push(r);
      s.lastReleaseId = r.id;
    }
  }
  return releases;
}

function packageHead(histories: readonly TenderHistory[], options: OcdsOptions) {
  let latest: number | undefined;
  for (const h of histories) for (const e of [h.published, ...h.events]) if (latest === undefined || e.blockTimestamp > latest) latest = e.blockTimestamp;
  const publishedDate = options.publishedDate ?? (latest === undefined ? undefined : isoTime(latest));
  if (publishedDate === undefined) throw new Error("no tender to date the package by");
  const publisher: { [key: string]: string } = { name: options.publisher.name };
  if (options.publisher.scheme !== undefined) publisher.scheme = options.publisher.scheme;
  if (options.publisher.uid !== undefined) publisher.uid = options.publisher.uid;
  if (options.publisher.uri !== undefined) publisher.uri = options.publisher.uri;
  return {
    uri: options.uri,
    version: "1.1" as const,
    publishedDate,
    publisher,
    ...(options.license === undefined ? {} : { license: options.license }),
    ...(options.publicationPolicy === undefined ? {} : { publicationPolicy: options.publicationPolicy }),
  };
}

/** A release package with every release of one tender. */
export function releasePackage(history: TenderHistory, options: OcdsOptions): ReleasePackage {
  return { ...packageHead([history], options), releases: buildReleases(history, options) };
}

/** A record package with one record: the tender's releases and their compiled release. */
export function recordPackage(history: TenderHistory, options: OcdsOptions): RecordPackage {
  return recordsPackage([history], options);
}

/**
 * A record package with one record per tender, in the order given (a page of `GET /ocds/records`), and
 * `links.next` (OCDS's pagination convention; the package schemas allow the field) when `next` is given.
 * Its default publishedDate is the latest event time of all the tenders. OCDS requires at least one record:
 * an empty page is the caller's to answer otherwise (e.g. 404 or an empty JSON list).
 */
export function recordsPackage(histories: readonly TenderHistory[], options: OcdsOptions & { next?: string }): RecordPackage {
  if (histories.length === 0) throw new Error("a record package needs at least one record (the schema's minItems)");
  const records = histories.map((h) => {
    const releases = buildReleases(h, options);
    return { ocid: releases[0].ocid, releases, compiledRelease: compileReleases(releases) };
  });
  return { ...packageHead(histories, options), records, ...(options.next === undefined ? {} : { links: { next: options.next } }) };
}

// ===== MERGING =====

/**
 * The compiled release of one ocid's releases (oldest first), by the OCDS merge rules as far as this
 * module's data needs them: objects merge field by field; a null value removes a field; arrays whose
 * items are all objects with an `id` merge item by item on that id (new ids appended in order of first
 * appearance); any other array (and `additionalIdentifiers`, a whole-list merge) is replaced as a whole.
 * `id`, `date` and `tag` are not merged: the compiled release gets `{ocid}-compiled`, the last release's
 * date, and ["compiled"]. Not implemented: versioned releases, and the rule that an `id` is only unique
 * per parent (ids here are unique per array anyway).
 */
export function compileReleases(releases: readonly OcdsRelease[]): OcdsRelease {
  if (releases.length === 0) throw new Error("no releases to compile");
  const sorted = [...releases].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  let merged: { [key: string]: Json } = {};
  for (const r of sorted) {
    const { id: _id, date: _date, tag: _tag, ...rest } = r;
    merged = mergeObject(merged, rest as { [key: string]: Json });
  }
  const last = sorted[sorted.length - 1];
  const { ocid, ...body } = merged;
  return { ocid: ocid as string, id: `${last.ocid}-compiled`, date: last.date, tag: ["compiled"], ...body };
}

const WHOLE_LIST = new Set(["additionalIdentifiers", "additionalClassifications"]);

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeObject(target: { [key: string]: Json }, source: { [key: string]: Json }): { [key: string]: Json } {
  const out: { [key: string]: Json } = { ...target };
  for (const [key, value] of Object.entries(source)) {
    if (value === null) delete out[key];
    else if (Array.isArray(value)) out[key] = WHOLE_LIST.has(key) ? clone(value) : mergeArray(out[key], value);
    else if (isObject(value)) out[key] = mergeObject(isObject(out[key]) ? out[key] : {}, value);
    else out[key] = value;
  }
  return out;
}

function mergeArray(target: Json | undefined, source: Json[]): Json[] {
  const byId = source.length > 0 && source.every((v) => isObject(v) && typeof v.id === "string");
  if (!byId) return clone(source);
  const out: Json[] = Array.isArray(target) ? [...target] : [];
  for (const item of source as { [key: string]: Json }[]) {
    const i = out.findIndex((x) => isObject(x) && x.id === item.id);
    if (i === -1) out.push(mergeObject({}, item));
    else out[i] = mergeObject(out[i] as { [key: string]: Json }, item);
  }
  return out;
}

function clone<T extends Json>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

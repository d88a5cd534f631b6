/**
 * lib/ocds: histories of every tender state, built by hand as an indexer would decode them, turned into
 * OCDS 1.1 release and record packages and checked against the standard's own 1.1.5 schemas and codelists
 * (a copy in test/fixtures/ocds-1.1.5/, from the standard at tag 1__1__5; OCDS_SCHEMA_DIR overrides it).
 *
 * Schema validation: the schemas are JSON Schema draft-04 and `ajv-draft-04` is not installed, so they are
 * loaded into ajv 8 (draft-07 mode) after renaming the draft-04 `id` to `$id` and dropping `$schema`.
 * That is sound for these four files: their only draft-04-specific syntax is that `id` (checked below:
 * no boolean `exclusiveMinimum`/`exclusiveMaximum`, no nested `id` keyword). OCDS's own metadata keywords
 * (`codelist`, `openCodelist`, `mergeStrategy`, …) are declared as annotation-only so ajv stays in strict
 * mode, and the `date-time` and `uri` formats are checked by the regular expressions below (no
 * `ajv-formats` either). A negative test proves the validator rejects what it should.
 */
import { deepStrictEqual, equal, match, notEqual, ok, throws } from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";

import type { ValidateFunction } from "ajv";

import { digestToCid } from "../lib/cid.js";
import { documentDigest } from "../lib/hashing.js";
import type { TenderMetadata } from "../lib/metadata.js";
import {
  compileReleases,
  type Json,
  type OcdsOptions,
  type OcdsRelease,
  recordPackage,
  releasePackage,
  type TenderEvent,
  type TenderEventArgs,
  type TenderHistory,
  recordsPackage,
  unitsToAmount,
  unitsToDecimal,
} from "../lib/ocds.js";
import { OCDS_SCHEMA_DIR, ocdsValidators } from "./helpers/ocdsSchemas.js";

const makeValidators = () => ocdsValidators();

function assertValid(validate: ValidateFunction, data: unknown, what: string): void {
  if (!validate(data)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
    throw new Error(`${what} is not valid OCDS 1.1.5:\n${errors.slice(0, 20).join("\n")}`);
  }
}

// ===== CODELISTS =====

/** The `Code` column of a codelist CSV (RFC 4180 quoting: descriptions hold commas, quotes and newlines). */
function codelist(name: string): Set<string> {
  const text = readFileSync(path.join(OCDS_SCHEMA_DIR, "codelists", `${name}.csv`), "utf8");
  const rows: string[][] = [[]];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") rows[rows.length - 1].push(field), (field = "");
    else if (c === "\n") rows[rows.length - 1].push(field.replace(/\r$/, "")), (field = ""), rows.push([]);
    else field += c;
  }
  if (field !== "") rows[rows.length - 1].push(field);
  const header = rows[0];
  const col = header.indexOf("Code");
  if (col === -1) throw new Error(`${name}.csv has no Code column`);
  return new Set(rows.slice(1).filter((r) => r.length > col && r[col] !== "").map((r) => r[col]));
}

const CODELISTS = Object.fromEntries(
  [
    "releaseTag",
    "initiationType",
    "tenderStatus",
    "awardStatus",
    "contractStatus",
    "partyRole",
    "method",
    "awardCriteria",
    "submissionMethod",
    "procurementCategory",
    "documentType",
    "milestoneStatus",
    "milestoneType",
    "currency",
  ].map((n) => [n, codelist(n)]),
) as Record<string, Set<string>>;

type Obj = { [key: string]: Json };
const objs = (v: Json | undefined): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** Every coded value in a release, with the codelist it must come from. */
function codedValues(r: OcdsRelease): [string, string][] {
  const out: [string, string][] = [];
  const put = (list: string, v: Json | undefined) => {
    if (v !== undefined && v !== null) out.push([list, String(v)]);
  };
  r.tag.forEach((t) => put("releaseTag", t));
  put("initiationType", r.initiationType);
  const docs = (v: Json | undefined) => objs(v).forEach((d) => put("documentType", d.documentType));
  const value = (v: Json | undefined) => put("currency", (v as Obj | undefined)?.currency);
  for (const p of objs(r.parties)) objs(p.roles).forEach((role) => put("partyRole", role as unknown as Json));
  const t = r.tender as Obj;
  put("tenderStatus", t.status);
  put("method", t.procurementMethod);
  put("awardCriteria", t.awardCriteria);
  objs(t.submissionMethod).forEach((m) => put("submissionMethod", m as unknown as Json));
  put("procurementCategory", t.mainProcurementCategory);
  value(t.value);
  docs(t.documents);
  for (const a of objs(r.awards)) {
    put("awardStatus", a.status);
    value(a.value);
    docs(a.documents);
  }
  for (const c of objs(r.contracts)) {
    put("contractStatus", c.status);
    value(c.value);
    docs(c.documents);
    const impl = (c.implementation ?? {}) as Obj;
    for (const m of objs(impl.milestones)) {
      put("milestoneStatus", m.status);
      put("milestoneType", m.type);
      docs(m.documents);
    }
    for (const tx of objs(impl.transactions)) value(tx.value);
  }
  return out;
}

// ===== HISTORIES =====

const DAY = 86_400;
const T0 = 1_775_001_600; // 2026-04-01T00:00:00Z
const ESCROW = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OFFICIAL = "0x00000000000000000000000000000000000000f1";
const SUPERVISOR = "0x00000000000000000000000000000000000000f5";
const HUAJIAN = "0x1000000000000000000000000000000000000001";
const LVCHENG = "0x2000000000000000000000000000000000000002";
const ANJU = "0x3000000000000000000000000000000000000003";
const YUAN = 100n; // tCNY has 2 decimals
const BUDGET = 8_600_000n * YUAN; // 8,600,000.00 yuan

function metadata(version: string): TenderMetadata {
  return {
    format: "govchain-tender-metadata-1",
    title: { zh: `解放路道路改造工程${version}`, en: `Jiefang Road reconstruction${version}` },
    description: { zh: "道路改造", en: "Road works" },
    category: "works",
    items: [{ description: { zh: "道路", en: "Road" }, quantity: 2.3, unit: { zh: "公里", en: "km" } }],
    milestones: [
      { zh: "路基完工", en: "Roadbed completed" },
      { zh: "竣工验收", en: "Completion acceptance" },
    ],
    documents: [{ name: `招标文件${version}.pdf`, digest: documentDigest(`tender file${version}`), mediaType: "application/pdf", size: 11 }],
  };
}
const META = metadata("");
const META_DIGEST = documentDigest("metadata v0");
const META_AMENDED = metadata("（更正）");
const META_AMENDED_DIGEST = documentDigest("metadata v1");

/** A tender's history, written event by event; each event gets the next log (or the next block). */
class History {
  private block = 1_000;
  private log = 0;
  private time = T0;
  readonly events: TenderEvent[] = [];

  constructor(private readonly opts: { metadata?: boolean } = {}) {}

  /** Moves time on by `seconds` into a new block. */
  later(seconds: number): this {
    this.time += seconds;
    this.block += 1;
    this.log = 0;
    return this;
  }

  /** An event in the current block (same transaction as the previous one when `sameTx`). */
  emit(e: TenderEventArgs): this {
    this.events.push({
      ...e,
      blockNumber: this.block,
      blockTimestamp: this.time,
      transactionHash: `0x${this.block.toString(16).padStart(64, "0")}`,
      logIndex: this.log++,
    } as TenderEvent);
    return this;
  }

  bids(...bidders: string[]): this {
    bidders.forEach((bidder, i) => this.later(DAY).emit({ name: "BidCommitted", args: { bidder, commitment: documentDigest(bidder), sequence: i + 1, replaced: false } }));
    return this;
  }

  reveals(...bids: [string, bigint][]): this {
    this.later(13 * DAY);
    for (const [bidder, price] of bids) this.later(3600).emit({ name: "BidRevealed", args: { bidder, price: price.toString() } });
    return this;
  }

  award(winner: string, price: bigint): this {
    this.later(4 * DAY);
    return this.emit({ name: "TenderAwarded", args: { winner, price: price.toString(), awardedAt: this.time, complaintDeadline: this.time + 5 * DAY } });
  }

  complaint(id: number, by: string): this {
    return this.later(2 * DAY).emit({ name: "ComplaintFiled", args: { complaintId: String(id), by, digest: documentDigest(`complaint ${id}`), resolveBy: this.time + 30 * DAY } });
  }

  start(supplier: string, price: bigint): this {
    return this.later(6 * DAY).emit({ name: "ContractStarted", args: { supplier, price: price.toString(), budgetReturned: (BUDGET - price).toString() } });
  }

  deliver(milestone: number): this {
    return this.later(10 * DAY).emit({ name: "MilestoneDelivered", args: { milestone, deliveryDigest: documentDigest(`delivery ${milestone}`) } });
  }

  accept(milestone: number, amount: bigint, supplier: string): this {
    return this.later(2 * DAY)
      .emit({ name: "MilestoneAccepted", args: { milestone, by: OFFICIAL, amount: amount.toString() } })
      .emit({ name: "Credited", args: { account: supplier, amount: amount.toString(), reason: "milestone payment" } });
  }

  build(): TenderHistory {
    return {
      chainId: 20260,
      escrow: ESCROW,
      tenderId: "7",
      published: {
        blockNumber: 999,
        blockTimestamp: T0,
        transactionHash: `0x${"99".repeat(32)}`,
        logIndex: 3,
        department: 6,
        treasury: "0x00000000000000000000000000000000000000a6",
        publishedBy: OFFICIAL,
        params: {
          documentsDigest: META_DIGEST,
          metadataURI: "",
          category: "works",
          budget: BUDGET.toString(),
          bidBond: (86_000n * YUAN).toString(),
          commitDeadline: T0 + 14 * DAY,
          revealDeadline: T0 + 17 * DAY,
          complaintWindow: 5 * DAY,
          acceptingDepartment: 6,
          licenseTypeId: 2,
          milestoneSharesBps: [4000, 6000],
          milestoneDigests: [documentDigest("milestone 0"), documentDigest("milestone 1")],
        },
      },
      departments: [
        { id: 5, code: "FIN", name: { zh: "财政局", en: "Finance Bureau" } },
        { id: 6, code: "MOHURD", name: { zh: "住房和城乡建设局", en: "Housing and Urban-Rural Development Bureau" } },
      ],
      supervisingDepartment: 5,
      paymentToken: { symbol: "tCNY", decimals: 2 },
      licenseType: { id: 2, name: { zh: "建筑业企业资质", en: "Construction qualification" } },
      metadata: this.opts.metadata === false ? { [META_DIGEST]: null } : { [META_DIGEST]: META, [META_AMENDED_DIGEST]: META_AMENDED },
      bidders: {
        [HUAJIAN]: { name: { zh: "华建集团", en: "Huajian Group" }, licenceSubject: { scheme: "CN-USCC", id: "91330100MA2H000001" } },
        [LVCHENG]: { name: { zh: "绿城建设", en: "Lvcheng Construction" } },
      },
      events: this.events,
    };
  }
}

const PRICE_H = 7_400_000n * YUAN;
const PRICE_L = 7_900_000n * YUAN;
const PRICE_A = 8_100_000n * YUAN;
const THREE = (h: History) => h.bids(HUAJIAN, LVCHENG, ANJU).reveals([HUAJIAN, PRICE_H], [LVCHENG, PRICE_L], [ANJU, PRICE_A]);
const share = (price: bigint, bps: bigint) => (price * bps) / 10_000n;

const active = () =>
  THREE(new History())
    .award(HUAJIAN, PRICE_H)
    .start(HUAJIAN, PRICE_H)
    .deliver(0)
    .accept(0, share(PRICE_H, 4000n), HUAJIAN)
    .later(DAY)
    .emit({ name: "Withdrawn", args: { account: HUAJIAN, amount: share(PRICE_H, 4000n).toString() } });

/** Every state a tender ends in, with the tags its releases must carry, in order. */
const SCENARIOS: { name: string; history: () => TenderHistory; tags: string[]; tender: string; awards: string[]; contract?: string }[] = [
  {
    name: "open (bids committed, one replaced)",
    history: () =>
      new History()
        .bids(HUAJIAN, LVCHENG)
        .later(DAY)
        .emit({ name: "BidCommitted", args: { bidder: HUAJIAN, commitment: documentDigest("again"), sequence: 3, replaced: true } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate"],
    tender: "active",
    awards: [],
  },
  {
    name: "open, amended, a bid withdrawn",
    history: () =>
      new History()
        .bids(HUAJIAN, LVCHENG)
        .later(DAY)
        .emit({ name: "TenderAmended", args: { amendment: 1, documentsDigest: META_AMENDED_DIGEST, commitDeadline: T0 + 21 * DAY, revealDeadline: T0 + 24 * DAY, by: OFFICIAL } })
        .later(DAY)
        .emit({ name: "BidWithdrawn", args: { bidder: LVCHENG } })
        .emit({ name: "Credited", args: { account: LVCHENG, amount: (86_000n * YUAN).toString(), reason: "bond refund" } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderAmendment", "tenderUpdate"],
    tender: "active",
    awards: [],
  },
  {
    name: "awarded",
    history: () => THREE(new History()).award(HUAJIAN, PRICE_H).build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award"],
    tender: "complete",
    awards: ["pending"],
  },
  {
    name: "disputed (a complaint pending)",
    history: () => THREE(new History()).award(HUAJIAN, PRICE_H).complaint(0, LVCHENG).build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award", "awardUpdate"],
    tender: "complete",
    awards: ["pending"],
  },
  {
    name: "active with a paid milestone",
    history: () => active().build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award", "contract", "implementation", "implementation"],
    tender: "complete",
    awards: ["active"],
    contract: "active",
  },
  {
    name: "completed (a dismissed complaint, a rejected delivery)",
    history: () =>
      THREE(new History())
        .award(HUAJIAN, PRICE_H)
        .complaint(0, LVCHENG)
        .later(10 * DAY)
        .emit({ name: "ComplaintResolved", args: { complaintId: "0", upheld: false, by: SUPERVISOR, resolutionDigest: documentDigest("dismissed") } })
        .start(HUAJIAN, PRICE_H)
        .deliver(0)
        .accept(0, share(PRICE_H, 4000n), HUAJIAN)
        .deliver(1)
        .later(DAY)
        .emit({ name: "MilestoneRejected", args: { milestone: 1, by: OFFICIAL, reasonCode: 3, commentDigest: documentDigest("fix the kerbs") } })
        .deliver(1)
        .accept(1, PRICE_H - share(PRICE_H, 4000n), HUAJIAN)
        .emit({ name: "TenderCompleted", args: { totalPaid: PRICE_H.toString() } })
        .build(),
    tags: [
      "tender",
      "tenderUpdate",
      "tenderUpdate",
      "tenderUpdate",
      "award",
      "awardUpdate",
      "awardUpdate",
      "contract",
      "implementation",
      "implementation",
      "implementation",
      "implementation",
      "implementation",
      "implementation",
      "contractTermination",
    ],
    tender: "complete",
    awards: ["active"],
    contract: "terminated",
  },
  {
    name: "cancelled before the deadline (metadata unverifiable)",
    history: () =>
      new History({ metadata: false })
        .bids(HUAJIAN, LVCHENG)
        .later(DAY)
        .emit({ name: "TenderCancelled", args: { by: OFFICIAL, reasonCode: 2 } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderCancellation"],
    tender: "cancelled",
    awards: [],
  },
  {
    name: "failed (no bid within the budget)",
    history: () =>
      new History()
        .bids(HUAJIAN, LVCHENG)
        .reveals([HUAJIAN, BUDGET + 1n], [LVCHENG, BUDGET * 2n])
        .later(4 * DAY)
        .emit({ name: "TenderFailed", args: {} })
        .emit({ name: "Credited", args: { account: "0x00000000000000000000000000000000000000a6", amount: BUDGET.toString(), reason: "budget refund" } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate"],
    tender: "unsuccessful",
    awards: [],
  },
  {
    name: "terminated by agreement",
    history: () =>
      active()
        .later(DAY)
        .emit({ name: "TerminationProposed", args: { by: OFFICIAL } })
        .later(DAY)
        .emit({ name: "TerminationProposed", args: { by: HUAJIAN } })
        .emit({ name: "TenderTerminated", args: { totalPaid: share(PRICE_H, 4000n).toString(), budgetReturned: (PRICE_H - share(PRICE_H, 4000n)).toString() } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award", "contract", "implementation", "implementation", "contractTermination"],
    tender: "complete",
    awards: ["active"],
    contract: "terminated",
  },
  {
    name: "re-awarded after an upheld complaint, then started",
    history: () =>
      THREE(new History())
        .award(HUAJIAN, PRICE_H)
        .complaint(0, LVCHENG)
        .later(10 * DAY)
        .emit({ name: "ComplaintResolved", args: { complaintId: "0", upheld: true, by: SUPERVISOR, resolutionDigest: documentDigest("upheld") } })
        .emit({ name: "TenderAwarded", args: { winner: LVCHENG, price: PRICE_L.toString(), awardedAt: T0, complaintDeadline: T0 } })
        .emit({ name: "PerformanceBondPosted", args: { supplier: LVCHENG, amount: (86_000n * YUAN).toString() } })
        .start(LVCHENG, PRICE_L)
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award", "awardUpdate", "awardCancellation", "award", "contract"],
    tender: "complete",
    awards: ["cancelled", "active"],
    contract: "active",
  },
  {
    name: "awarded after a lapsed complaint",
    history: () =>
      THREE(new History())
        .award(HUAJIAN, PRICE_H)
        .complaint(0, LVCHENG)
        .later(31 * DAY)
        .emit({ name: "ComplaintLapsed", args: { complaintId: "0", resolveBy: T0 + 60 * DAY } })
        .build(),
    tags: ["tender", "tenderUpdate", "tenderUpdate", "tenderUpdate", "award", "awardUpdate", "awardUpdate"],
    tender: "complete",
    awards: ["pending"],
  },
];

const OPTIONS: OcdsOptions = {
  ocidPrefix: "ocds-govchain",
  publisher: { name: "Govchain demo city", scheme: "X-GOVCHAIN", uid: "demo" },
  uri: "https://data.example/ocds/tenders/7/releases",
  currency: "CNY",
  transactionUrlTemplate: "https://explorer.example/tx/{hash}",
};

const without = (r: OcdsRelease) => {
  const { id: _id, tag: _tag, date: _date, ...rest } = r;
  return rest;
};

describe("lib/ocds (OCDS 1.1 from chain data)", function () {
  const validate = makeValidators();

  it("the validator rejects an invalid package (a bad tag, a string amount, a bad date)", function () {
    const bad = {
      uri: "x:y",
      publisher: { name: "p" },
      publishedDate: "yesterday",
      version: "1.1",
      releases: [{ ocid: "o", id: "1", date: "2026-01-01T00:00:00Z", tag: ["bogus"], initiationType: "tender", tender: { id: "t", value: { amount: "1" } } }],
    };
    equal(validate.releasePackage(bad), false);
    const paths = (validate.releasePackage.errors ?? []).map((e) => e.instancePath);
    ok(paths.includes("/publishedDate"));
    ok(paths.includes("/releases/0/tag/0"));
    ok(paths.includes("/releases/0/tender/value/amount"));
    equal(validate.recordPackage({ ...bad, releases: undefined, records: [{ releases: [] }] }), false);
  });

  for (const sc of SCENARIOS) {
    describe(sc.name, function () {
      const history = sc.history();
      const releases = releasePackage(history, OPTIONS);
      const records = recordPackage(history, OPTIONS);
      const last = releases.releases[releases.releases.length - 1];

      it("is a valid release package and a valid record package (OCDS 1.1.5 schemas)", function () {
        assertValid(validate.releasePackage, releases, "the release package");
        assertValid(validate.recordPackage, records, "the record package");
        equal(records.records.length, 1);
        deepStrictEqual(records.records[0].releases, releases.releases);
      });

      it("tags one release per step, in order, and maps the statuses", function () {
        deepStrictEqual(
          releases.releases.map((r) => r.tag[0]),
          sc.tags,
        );
        equal((last.tender as Obj).status, sc.tender);
        deepStrictEqual(
          objs(last.awards).map((a) => a.status),
          sc.awards,
        );
        equal(objs(last.contracts)[0]?.status, sc.contract);
      });

      it("uses only codelist values (tags, statuses, roles, methods, document types, currency)", function () {
        for (const r of [...releases.releases, records.records[0].compiledRelease]) {
          for (const [list, value] of codedValues(r)) {
            if (list === "releaseTag" && value === "compiled") continue; // compiled records only
            ok(CODELISTS[list].has(value), `${value} is not in ${list}.csv (release ${r.id})`);
          }
        }
      });

      it("is stable: two calls, a JSON round trip of the history and shuffled events give the same bytes", function () {
        equal(JSON.stringify(releasePackage(history, OPTIONS)), JSON.stringify(releases));
        const copy = JSON.parse(JSON.stringify(history)) as TenderHistory;
        copy.events.reverse();
        equal(JSON.stringify(releasePackage(copy, OPTIONS)), JSON.stringify(releases));
        equal(JSON.stringify(recordPackage(copy, OPTIONS)), JSON.stringify(records));
      });

      it("dates releases by block time and gives them unique ids from the chain", function () {
        const ids = releases.releases.map((r) => r.id);
        equal(new Set(ids).size, ids.length);
        const dated = [history.published, ...history.events];
        for (const r of releases.releases) {
          match(r.id, /^ocds-govchain-20260-0x5fbdb2315678afecb367f032d93f642f64180aa3-7-\d+-\d+$/);
          const [block, log] = r.id.split("-").slice(-2).map(Number);
          const e = dated.find((x) => x.blockNumber === block && x.logIndex === log)!;
          equal(r.date, new Date(e.blockTimestamp * 1000).toISOString().replace(".000Z", "Z"));
        }
        const lastTime = Math.max(...dated.map((e) => e.blockTimestamp));
        equal(releases.publishedDate, new Date(lastTime * 1000).toISOString().replace(".000Z", "Z"));
      });

      it("compiles to the last snapshot: merging the releases by the OCDS rules loses and adds nothing", function () {
        const compiled = records.records[0].compiledRelease;
        deepStrictEqual(compiled.tag, ["compiled"]);
        equal(compiled.date, last.date);
        deepStrictEqual(without(compiled), without(last));
        deepStrictEqual(compileReleases(releases.releases), compiled);
      });

      it("names every party it refers to, with the roles it plays", function () {
        const parties = new Map(objs(last.parties).map((p) => [p.id as string, p]));
        const refs: Obj[] = [last.buyer as Obj, (last.tender as Obj).procuringEntity as Obj, ...objs((last.tender as Obj).tenderers)];
        for (const a of objs(last.awards)) refs.push(...objs(a.suppliers));
        for (const c of objs(last.contracts)) for (const tx of objs((c.implementation as Obj).transactions)) refs.push(tx.payer as Obj, tx.payee as Obj);
        for (const ref of refs) ok(parties.has(ref.id as string), `no party ${ref.id}`);
        deepStrictEqual(parties.get("department-6")!.roles, ["buyer", "procuringEntity", "payer"]);
        deepStrictEqual(parties.get("department-5")!.roles, ["reviewBody"]);
        for (const t of objs((last.tender as Obj).tenderers)) ok(objs(parties.get(t.id as string)!.roles).includes("tenderer" as unknown as Obj));
        for (const a of objs(last.awards)) for (const s of objs(a.suppliers)) ok(objs(parties.get(s.id as string)!.roles).includes("supplier" as unknown as Obj));
      });
    });
  }

  // ===== SPECIFIC MAPPINGS =====

  const find = (name: string) => SCENARIOS.find((s) => s.name.startsWith(name))!.history();

  it("writes amounts exactly: 8,600,000.00 yuan is 8600000, 123456789 units are 1234567.89", function () {
    equal(unitsToDecimal("860000000", 2), "8600000");
    equal(unitsToAmount("860000000", 2), 8_600_000);
    equal(unitsToDecimal("123456789", 2), "1234567.89");
    equal(JSON.stringify(unitsToAmount("123456789", 2)), "1234567.89");
    equal(unitsToDecimal("5", 2), "0.05");
    equal(unitsToDecimal("0", 2), "0");
    equal(unitsToAmount(10n ** 18n, 18), 1);
    equal(unitsToDecimal("1234567890123456789012345", 18), "1234567.890123456789012345");
    // 2^53 + 1 has no exact double: rounded by default, refused on request.
    equal(unitsToAmount("9007199254740993", 0), 9_007_199_254_740_992);
    throws(() => unitsToAmount("9007199254740993", 0, "throw"), RangeError);
    throws(() => unitsToAmount("1234567890123456789012345", 18, "throw"), RangeError);
    // Exact decimals that print in exponent notation pass the exactness check.
    equal(unitsToAmount("100000000000000000000000", 0, "throw"), 1e23);
    equal(unitsToAmount("1", 7, "throw"), 1e-7);
    equal(unitsToAmount("120000000", 18, "throw"), 1.2e-10);
    throws(() => unitsToDecimal("-1", 2), TypeError);
    throws(() => unitsToDecimal("1.5", 2), TypeError);

    const json = JSON.stringify(releasePackage(find("active"), OPTIONS));
    match(json, /"value":\{"amount":8600000,"currency":"CNY"\}/);
    match(json, /"value":\{"amount":7400000,"currency":"CNY"\}/);
    // 40 % of 7,400,000.00
    match(json, /"value":\{"amount":2960000,"currency":"CNY"\}/);
    const odd = find("awarded");
    const aw = odd.events.find((e) => e.name === "TenderAwarded")!;
    (aw.args as { price: string }).price = "123456789";
    const award = objs(releasePackage(odd, OPTIONS).releases.at(-1)!.awards)[0];
    deepStrictEqual(award.value, { amount: 1234567.89, currency: "CNY" });
  });

  it("maps the tender: bilingual title, budget, periods, bids count, method, documents with their digests", function () {
    const pkg = releasePackage(find("open, amended"), { ...OPTIONS, documentGateway: "https://docs.example/ipfs/" });
    const first = pkg.releases[0].tender as Obj;
    const t = pkg.releases.at(-1)!.tender as Obj;
    equal(first.title, "解放路道路改造工程");
    equal(first.title_en, "Jiefang Road reconstruction");
    equal(t.title_en, "Jiefang Road reconstruction（更正）");
    equal(pkg.releases[0].language, "zh");
    deepStrictEqual(first.tenderPeriod, { startDate: "2026-04-01T00:00:00Z", endDate: "2026-04-15T00:00:00Z" });
    deepStrictEqual(t.tenderPeriod, { startDate: "2026-04-01T00:00:00Z", endDate: "2026-04-22T00:00:00Z" });
    deepStrictEqual(t.awardPeriod, { startDate: "2026-04-25T00:00:00Z" });
    equal(t.mainProcurementCategory, "works");
    equal(t.procurementMethod, "open");
    equal(t.numberOfTenderers, 1); // two committed, one withdrew
    equal(objs(t.tenderers).length, 2); // tenderers keep whoever bid (merging never removes)
    equal((pkg.releases[2].tender as Obj).numberOfTenderers, 2);
    const docs = objs(t.documents);
    deepStrictEqual(
      docs.map((d) => d.id),
      [META_DIGEST, META.documents[0].digest, META_AMENDED_DIGEST, META_AMENDED.documents[0].digest],
    );
    equal(docs[1].url, `https://docs.example/ipfs/${digestToCid(META.documents[0].digest)}`);
    equal(docs[1].format, "application/pdf");
    equal(docs[0].format, "application/json");
    const amendments = objs(t.amendments);
    equal(amendments.length, 1);
    equal(amendments[0].amendsReleaseID, pkg.releases[2].id);
    equal(amendments[0].releaseID, pkg.releases[3].id);
    // A file listed twice, or again in the amended metadata, is listed once.
    const dup = find("open, amended");
    dup.metadata[META_DIGEST] = { ...META, documents: [...META.documents, META.documents[0]] };
    dup.metadata[META_AMENDED_DIGEST] = { ...META_AMENDED, documents: [...META_AMENDED.documents, META.documents[0]] };
    const dupDocs = objs((releasePackage(dup, OPTIONS).releases.at(-1)!.tender as Obj).documents).map((d) => d.id);
    equal(new Set(dupDocs).size, dupDocs.length);
    equal(dupDocs.length, 4);
    // Without a gateway, documents point at IPFS.
    const plain = releasePackage(find("open, amended"), OPTIONS);
    equal(objs((plain.releases[0].tender as Obj).documents)[0].url, `ipfs://${digestToCid(META_DIGEST)}`);
  });

  it("identifies bidders by account, with the licence's subject identifier where known", function () {
    const parties = objs(releasePackage(find("awarded"), OPTIONS).releases.at(-1)!.parties);
    const huajian = parties.find((p) => p.id === `account-${HUAJIAN}`)!;
    equal(huajian.name, "华建集团");
    deepStrictEqual(huajian.identifier, { scheme: "X-GOVCHAIN-ACCOUNT", id: HUAJIAN });
    deepStrictEqual(huajian.additionalIdentifiers, [{ scheme: "CN-USCC", id: "91330100MA2H000001" }]);
    deepStrictEqual(huajian.roles, ["tenderer", "supplier"]);
    const anju = parties.find((p) => p.id === `account-${ANJU}`)!;
    equal(anju.name, ANJU);
    equal(anju.additionalIdentifiers, undefined);
  });

  it("puts milestones and payments in contract.implementation", function () {
    const pkg = releasePackage(find("completed"), OPTIONS);
    const contract = objs(pkg.releases.at(-1)!.contracts)[0];
    const impl = contract.implementation as Obj;
    const milestones = objs(impl.milestones);
    deepStrictEqual(
      milestones.map((m) => [m.id, m.status, m.title_en]),
      [
        ["milestone-0", "met", "Roadbed completed"],
        ["milestone-1", "met", "Completion acceptance"],
      ],
    );
    // description digest, then the first delivery, the rejection and the second delivery of milestone 1
    deepStrictEqual(
      objs(milestones[1].documents).map((d) => String(d.id).split("-")[0]),
      [documentDigest("milestone 1"), "delivery", "rejection", "delivery"],
    );
    const txs = objs(impl.transactions);
    deepStrictEqual(
      txs.map((t) => (t.value as Obj).amount),
      [2_960_000, 4_440_000],
    );
    equal(txs[0].payee && (txs[0].payee as Obj).id, `account-${HUAJIAN}`);
    match(String(txs[0].uri), /^https:\/\/explorer\.example\/tx\/0x[0-9a-f]{64}$/);
    equal(contract.status, "terminated");
    match(String(contract.description_en), /^Completed/);
    ok((contract.period as Obj).endDate);
    // The dismissed complaint stays on the award, with its decision.
    const award = objs(pkg.releases.at(-1)!.awards)[0];
    deepStrictEqual(
      objs(award.documents).map((d) => d.documentType),
      ["complaints", "complaints"],
    );
    equal(objs(award.documents)[0].url, `ipfs://${digestToCid(documentDigest("complaint 0"))}`);
  });

  it("re-awards after an upheld complaint: the first award cancelled, a new one that becomes the contract", function () {
    const pkg = releasePackage(find("re-awarded"), OPTIONS);
    const cancel = pkg.releases.find((r) => r.tag[0] === "awardCancellation")!;
    deepStrictEqual(
      objs(cancel.awards).map((a) => a.status),
      ["cancelled"],
    );
    const last = pkg.releases.at(-1)!;
    const [first, second] = objs(last.awards);
    notEqual(first.id, second.id);
    deepStrictEqual(objs(second.suppliers)[0].id, `account-${LVCHENG}`);
    equal(objs(last.contracts)[0].awardID, second.id);
    deepStrictEqual((last.tender as Obj).awardPeriod, { startDate: "2026-04-18T00:00:00Z", endDate: second.date });
  });

  it("marks unverifiable metadata instead of inventing a title, and records the cancellation", function () {
    const t = releasePackage(find("cancelled"), OPTIONS).releases.at(-1)!.tender as Obj;
    equal(t.title, undefined);
    match(String(t.description_en), /could not be verified/);
    equal(t.mainProcurementCategory, "works"); // from the on-chain category label
    const docs = objs(t.documents);
    deepStrictEqual(
      docs.map((d) => d.documentType),
      ["tenderNotice", "cancellationDetails"],
    );
    match(String(docs[1].description_en), /reason code 2/);
  });

  it("stays valid for metadata that lists no items or documents (as the console publishes): no empty item lists", function () {
    const history = find("completed");
    const bare = (m: TenderMetadata): TenderMetadata => ({ ...m, items: [], documents: [] });
    const h = { ...history, metadata: { [META_DIGEST]: bare(META), [META_AMENDED_DIGEST]: bare(META_AMENDED) } };
    const releases = releasePackage(h, OPTIONS);
    assertValid(validate.releasePackage, releases, "the release package");
    assertValid(validate.recordPackage, recordPackage(h, OPTIONS), "the record package");
    const last = releases.releases.at(-1)!;
    equal((last.tender as Obj).items, undefined);
    equal(objs(last.awards)[0].items, undefined);
    equal(objs(last.contracts)[0].items, undefined);
  });

  it("takes the ocid prefix, currency and publishedDate from the options", function () {
    const pkg = releasePackage(find("awarded"), { ...OPTIONS, ocidPrefix: "ocds-abc123", currency: "USD", publishedDate: "2027-01-01T00:00:00Z" });
    match(pkg.releases[0].ocid, /^ocds-abc123-20260-/);
    equal(pkg.publishedDate, "2027-01-01T00:00:00Z");
    equal(((pkg.releases[0].tender as Obj).value as Obj).currency, "USD");
  });

  it("pages several tenders into one valid record package with links.next", function () {
    const histories = SCENARIOS.map((sc, i) => ({ ...sc.history(), tenderId: String(i + 1) }));
    const page = recordsPackage(histories, { ...OPTIONS, uri: "https://data.example/ocds/records", next: "https://data.example/ocds/records?cursor=abc" });
    assertValid(validate.recordPackage, page, "the page");
    equal(page.records.length, SCENARIOS.length);
    equal(new Set(page.records.map((r) => r.ocid)).size, SCENARIOS.length);
    deepStrictEqual(page.links, { next: "https://data.example/ocds/records?cursor=abc" });
    const latest = Math.max(...histories.flatMap((h) => h.events.map((e) => e.blockTimestamp)));
    equal(page.publishedDate, new Date(latest * 1000).toISOString().replace(".000Z", "Z"));
    // The schema wants at least one record: an empty page is refused, not published invalid.
    throws(() => recordsPackage([], { ...OPTIONS, publishedDate: "2027-01-01T00:00:00Z" }), /at least one record/);
  });
});

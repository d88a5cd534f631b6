/**
 * The demo city's year on the local platform: departments and their staff and treasuries, certificate
 * and licence types, certificates in every status (single and a Merkle batch), licence applications in
 * every stage with licences valid, suspended, revoked and expired, consents with an access trail, and
 * tenders in every state. Run once per deployment by `npm start` (scripts/start.ts).
 *
 * Everything happens at the time it would have: the chain's genesis is about 400 days before now, and
 * the seed advances the clock from step to step (a timeline of dated steps, run in time order), so
 * processing times, deadlines and the portal's "before and after" figures look real. Documents (tender
 * metadata and files, milestone descriptions, delivery reports, complaint texts, application files)
 * go to the document store, signed by the account that publishes them; the chain records their SHA-256.
 * A demo certificate file, a batch certificate with its proof, and licence numbers are written to
 * data/samples/ for trying the verification pages.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

import { MaxUint256, type Wallet } from "ethers";

import { DEMO_DEPARTMENTS, headRole, officialRole } from "../../lib/departments.js";
import type { DeploymentManifest } from "../../lib/deployments.js";
import { documentUploadMessage, type DocumentStore } from "../../lib/documents.js";
import { documentDigest, holderCommitment, label32, type Hex } from "../../lib/hashing.js";
import { LICENSE_APPROVAL_TYPES, licenseApprovalDomain } from "../../lib/licensing.js";
import { DEMO_CITIZENS, DEMO_COMPANIES, LOCAL_ACCOUNTS, type LocalRole } from "../../lib/localAccounts.js";
import { buildBatch } from "../../lib/merkle.js";
import { encodeDocument, type Localized, type TenderMetadata, type TextDocument } from "../../lib/metadata.js";
import { byAddress, rankBids } from "../../lib/tenders.js";
import { Clock, connect, mined, type Platform, SeedError } from "./chain.js";
import { CERTIFICATE_TYPES, DATA_CATEGORIES, LICENSE_TYPES, TENDER_TEMPLATES, type TenderTemplate } from "./city.js";

export { SeedError } from "./chain.js";

const DAY = 24 * 3600;
const HOUR = 3600;
/** The test payment token has 2 decimals: 1 yuan = 100 units. */
const YUAN = 100n;

export interface SeedOptions {
  rpcUrl: string;
  chainId: number;
  manifest: DeploymentManifest;
  store: DocumentStore;
  /** Where sample files for the verification pages go (data/samples). */
  samplesDir: string;
  log: (line: string) => void;
}

/** A dated step of the timeline. */
interface Step {
  at: number;
  what: string;
  run: () => Promise<void>;
}

/** A small deterministic generator, so every seed of a fresh chain tells the same story. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function accountIndex(predicate: (role: LocalRole) => boolean): number {
  const account = LOCAL_ACCOUNTS.find((a) => predicate(a.role));
  if (account === undefined) throw new SeedError("no local account plays that role");
  return account.index;
}

export function staffOf(platform: Platform) {
  const byCode = new Map<string, { id: bigint; head: Wallet; official: Wallet; treasury: Wallet }>();
  DEMO_DEPARTMENTS.forEach((d, i) => {
    byCode.set(d.code, {
      id: BigInt(i + 1),
      head: platform.account(accountIndex((r) => r.kind === "head" && r.department === d.code)),
      official: platform.account(accountIndex((r) => r.kind === "official" && r.department === d.code)),
      treasury: platform.account(accountIndex((r) => r.kind === "treasury" && r.department === d.code)),
    });
  });
  const dept = (code: string) => {
    const found = byCode.get(code);
    if (found === undefined) throw new SeedError(`unknown department ${code}`);
    return found;
  };
  const companies = DEMO_COMPANIES.map((c) => ({
    ...c,
    wallet: platform.account(accountIndex((r) => (r.kind === "supplier" || r.kind === "applicant") && r.company === c.nameEn)),
    subject: label32(c.uscc),
  }));
  const citizens = DEMO_CITIZENS.map((name) => ({ name, wallet: platform.account(accountIndex((r) => r.kind === "citizen" && r.name === name)) }));
  return { dept, companies, citizens };
}

/** Publishes a document: the uploader signs the digest (EIP-191), the store checks and keeps the bytes. */
export async function publishDocument(store: DocumentStore, uploader: Wallet, bytes: Uint8Array): Promise<Hex> {
  const digest = documentDigest(bytes);
  const signature = (await uploader.signMessage(documentUploadMessage(digest))) as Hex;
  await store.put(digest, bytes, { uploader: uploader.address, signature });
  return digest;
}

export async function publishText(store: DocumentStore, uploader: Wallet, doc: TextDocument): Promise<Hex> {
  return publishDocument(store, uploader, encodeDocument(doc).bytes);
}

const text = (kind: TextDocument["kind"], zh: string, en: string, tenderId?: bigint): TextDocument => ({
  format: "govchain-text-1",
  kind,
  ...(tenderId === undefined ? {} : { tenderId: tenderId.toString() }),
  text: { zh, en },
});

/** The announcement file of a tender, as published with it (plain text in both languages). */
function announcement(template: TenderTemplate, budgetYuan: number): Uint8Array {
  const lines = [
    `${template.title.zh}`,
    `招标公告`,
    "",
    template.description.zh,
    `预算金额：人民币 ${budgetYuan.toLocaleString("zh-CN")} 元`,
    "",
    `${template.title.en}`,
    "Invitation to tender",
    "",
    template.description.en,
    `Budget: CNY ${budgetYuan.toLocaleString("en-US")}`,
    "",
  ];
  return new TextEncoder().encode(lines.join("\n"));
}

export async function tenderMetadata(
  store: DocumentStore,
  official: Wallet,
  template: TenderTemplate,
  budgetYuan: number,
): Promise<{ digest: Hex; milestoneDigests: Hex[] }> {
  const file = announcement(template, budgetYuan);
  const fileDigest = await publishDocument(store, official, file);
  const milestoneDigests: Hex[] = [];
  for (const m of template.milestones) {
    milestoneDigests.push(await publishText(store, official, text("milestone", m.text.zh, m.text.en)));
  }
  const metadata: TenderMetadata = {
    format: "govchain-tender-metadata-1",
    title: template.title,
    description: template.description,
    category: template.category,
    items: template.items,
    milestones: template.milestones.map((m) => m.text),
    documents: [{ name: "招标公告 Invitation to tender.txt", digest: fileDigest, mediaType: "text/plain; charset=utf-8", size: file.length }],
  };
  const { bytes, digest } = encodeDocument(metadata);
  await publishDocument(store, official, bytes);
  return { digest, milestoneDigests };
}

/**
 * Seeds the platform. Throws SeedError (naming the step) on the first failure: the caller then knows the
 * chain is half-seeded and starts over.
 */
export async function seedPlatform(options: SeedOptions): Promise<void> {
  const { store, log } = options;
  const platform = connect(options.rpcUrl, options.chainId, options.manifest);
  const { manager, directory, certificates, consents, licenses, tenders, token } = platform;
  const clock = new Clock(platform.provider);
  const { dept, companies, citizens } = staffOf(platform);
  const rnd = random(20261203);
  const start = await clock.now();
  const end = Math.floor(Date.now() / 1000);
  if (end - start < 200 * DAY) {
    throw new SeedError(`the chain's clock (${new Date(start * 1000).toISOString()}) leaves no room for the demo year before now`);
  }
  const steps: Step[] = [];
  const at = (time: number, what: string, run: () => Promise<void>) => steps.push({ at: Math.floor(time), what, run });
  const escrow = await tenders.getAddress();
  const chainId = BigInt(options.chainId);
  const licenseDomain = licenseApprovalDomain(chainId, await licenses.getAddress());
  const approvalTypes = { LicenseApproval: LICENSE_APPROVAL_TYPES.LicenseApproval.map((f) => ({ ...f })) };
  const samples: Record<string, unknown> = {};

  // ===== Day 0: the platform is set up =====
  const t0 = start + HOUR;
  at(t0, "register departments, appoint heads and officials, name treasuries", async () => {
    for (const d of DEMO_DEPARTMENTS) {
      await mined(`register ${d.code}`, directory.registerDepartment(d.code, d.nameZh, d.nameEn, ""));
      const staff = dept(d.code);
      await mined(`appoint the head of ${d.code}`, manager.grantRole(headRole(staff.id), staff.head.address, 0));
      await mined(`appoint an official of ${d.code}`, manager.connect(staff.head).grantRole(officialRole(staff.id), staff.official.address, 0));
      await mined(`name ${d.code}'s treasury`, directory.connect(staff.head).setTreasury(staff.id, staff.treasury.address));
      await mined(`fund ${d.code}'s treasury`, token.mint(staff.treasury.address, 200_000_000n * YUAN));
      await mined(`${d.code}'s treasury approves the escrow`, token.connect(staff.treasury).approve(escrow, MaxUint256));
    }
  });
  const certType = new Map<string, bigint>();
  const licenseType = new Map<string, bigint>();
  at(t0 + HOUR, "register certificate types, licence types and data categories", async () => {
    for (const [i, c] of CERTIFICATE_TYPES.entries()) {
      await mined(
        `certificate type ${c.code}`,
        certificates.registerType(c.code, c.name, c.issuers.map((code) => dept(code).id), BigInt(c.validityDays * DAY), c.suspendable, c.revocable),
      );
      certType.set(c.code, BigInt(i + 1));
    }
    for (const [i, l] of LICENSE_TYPES.entries()) {
      await mined(
        `licence type ${l.code}`,
        licenses.registerLicenseType(
          l.code,
          l.name,
          dept(l.issuer).id,
          l.required.map((code) => dept(code).id),
          BigInt(l.validityDays * DAY),
          l.renewable,
          l.renewal.map((code) => dept(code).id),
        ),
      );
      licenseType.set(l.code, BigInt(i + 1));
    }
    for (const c of DATA_CATEGORIES) await mined(`data category ${c.code}`, consents.registerCategory(label32(c.code), c.name));
    for (const c of companies) {
      await mined(`fund ${c.nameEn}`, token.mint(c.wallet.address, 50_000_000n * YUAN));
      await mined(`${c.nameEn} approves the escrow`, token.connect(c.wallet).approve(escrow, MaxUint256));
    }
  });

  // ===== Licences =====
  const applicationFiles = async (company: (typeof companies)[number], what: string) => [
    await publishText(store, company.wallet, text("milestone", `${company.name}：${what}申请材料`, `${company.nameEn}: ${what} application documents`)),
  ];
  /** Submits an application; returns its id. */
  const submit = async (company: (typeof companies)[number], typeCode: string) => {
    const typeId = licenseType.get(typeCode)!;
    await mined(`${company.nameEn} applies for ${typeCode}`, licenses.connect(company.wallet).submit(typeId, company.subject, await applicationFiles(company, typeCode)));
    return await licenses.applicationCount();
  };
  const approveByTx = async (applicationId: bigint, code: string) => {
    const official = dept(code).official;
    await mined(`${code} approves application ${applicationId}`, licenses.connect(official).approve(applicationId, label32(`${code} reviewed`)));
  };
  /** Departments sign EIP-712 approvals; the applicant relays them in one transaction. */
  const approveBySignatures = async (applicationId: bigint, codes: string[], relayer: Wallet) => {
    const application = await licenses.getApplication(applicationId);
    const deadline = BigInt((await clock.now()) + 30 * DAY);
    const approvals = [];
    for (const code of codes) {
      const { id, official } = dept(code);
      const message = { applicationId, round: application.round, departmentId: id, commentDigest: label32(`${code} reviewed`), deadline };
      const signature = await official.signTypedData(licenseDomain, approvalTypes, message);
      const { applicationId: _, ...signed } = message;
      approvals.push({ signer: official.address, ...signed, signature });
    }
    await mined(`signed approvals of ${codes.join(", ")} for application ${applicationId}`, licenses.connect(relayer).submitApprovals(applicationId, approvals));
  };

  // Business licences for every company in the first quarter, 1 to 12 days each: SAMR by transaction,
  // TAX and PSB by signature (relayed by the applicant) or by transaction.
  companies.forEach((company, i) => {
    const submitted = start + (5 + i * 3) * DAY + 10 * HOUR;
    const days = [2, 1, 4, 2, 3, 6, 9, 5][i % 8];
    let applicationId = 0n;
    at(submitted, `${company.nameEn} applies for a business licence`, async () => {
      applicationId = await submit(company, "BL");
    });
    at(submitted + Math.floor(days / 3) * DAY + 3 * HOUR, `SAMR reviews ${company.nameEn}`, async () => approveByTx(applicationId, "SAMR"));
    at(submitted + days * DAY, `TAX and PSB approve ${company.nameEn}`, async () => {
      if (i % 2 === 0) await approveBySignatures(applicationId, ["TAX", "PSB"], company.wallet);
      else {
        await approveByTx(applicationId, "TAX");
        await approveBySignatures(applicationId, ["PSB"], company.wallet);
      }
    });
  });
  const supplierCompanies = companies.filter((c) => c.role === "supplier");
  const [huajian, mingyuan, lvcheng, hengtai, anju] = supplierCompanies;
  const [chenguang, xinhe, jincheng] = companies.filter((c) => c.role === "applicant");
  // Construction qualifications for the three builders.
  [huajian, lvcheng, anju].forEach((company, i) => {
    const submitted = start + (26 + i) * DAY;
    let applicationId = 0n;
    at(submitted, `${company.nameEn} applies for a construction qualification`, async () => {
      applicationId = await submit(company, "CONSTR-QUAL");
    });
    at(submitted + (3 + i) * DAY, `MOHURD and SAMR approve ${company.nameEn}`, async () => {
      await approveByTx(applicationId, "MOHURD");
      await approveBySignatures(applicationId, ["SAMR"], company.wallet);
    });
  });
  // A catering permit: PSB rejects, the applicant amends, both approve.
  let cateringId = 0n;
  at(start + 120 * DAY, "Chenguang Catering applies for a catering permit", async () => {
    cateringId = await submit(chenguang, "CATERING");
  });
  at(start + 122 * DAY, "SAMR approves the catering permit", async () => approveByTx(cateringId, "SAMR"));
  at(start + 125 * DAY, "PSB rejects it: the fire-safety certificate is missing", async () => {
    const comment = await publishText(store, dept("PSB").official, text("rejection", "缺少消防安全检查合格证明", "The fire-safety inspection certificate is missing"));
    await mined("PSB rejects", licenses.connect(dept("PSB").official).reject(cateringId, 3, comment));
  });
  at(start + 131 * DAY, "Chenguang amends the application", async () => {
    await mined("amend", licenses.connect(chenguang.wallet).amend(cateringId, await applicationFiles(chenguang, "CATERING (amended)")));
  });
  at(start + 134 * DAY, "SAMR and PSB approve the amended application", async () => {
    await approveBySignatures(cateringId, ["SAMR", "PSB"], chenguang.wallet);
  });
  // Event permits (30 days): one issued early (expired by now), one rejected, one withdrawn.
  let eventIssued = 0n;
  at(start + 60 * DAY, "Xinhe applies for an event permit (issued, long expired)", async () => {
    eventIssued = await submit(xinhe, "EVENT");
  });
  at(start + 63 * DAY, "PSB approves the event permit", async () => approveByTx(eventIssued, "PSB"));
  let eventRejected = 0n;
  at(start + 200 * DAY, "Jincheng applies for an event permit", async () => {
    eventRejected = await submit(jincheng, "EVENT");
  });
  at(start + 205 * DAY, "PSB rejects it: the venue is over capacity", async () => {
    const comment = await publishText(store, dept("PSB").official, text("rejection", "场地容量不足", "The venue's capacity is insufficient"));
    await mined("PSB rejects", licenses.connect(dept("PSB").official).reject(eventRejected, 7, comment));
  });
  let eventWithdrawn = 0n;
  at(start + 300 * DAY, "Chenguang applies for an event permit, then withdraws", async () => {
    eventWithdrawn = await submit(chenguang, "EVENT");
  });
  at(start + 302 * DAY, "Chenguang withdraws", async () => {
    await mined("withdraw", licenses.connect(chenguang.wallet).withdraw(eventWithdrawn));
  });
  // A licence suspended (Xinhe: under investigation), one revoked (Jincheng: false documents), one renewed.
  at(start + 250 * DAY, "SAMR suspends Xinhe's business licence", async () => {
    const licenseId = await licenses.licenseOf(xinhe.wallet.address, licenseType.get("BL")!);
    await mined("suspend", licenses.connect(dept("SAMR").official).suspend(licenseId, 2));
  });
  at(start + 280 * DAY, "SAMR revokes Jincheng's business licence", async () => {
    const licenseId = await licenses.licenseOf(jincheng.wallet.address, licenseType.get("BL")!);
    await mined("revoke", licenses.connect(dept("SAMR").official).revoke(licenseId, 4));
  });
  let renewal = 0n;
  at(start + 330 * DAY, "Huajian applies to renew its business licence", async () => {
    const licenseId = await licenses.licenseOf(huajian.wallet.address, licenseType.get("BL")!);
    await mined("renewal", licenses.connect(huajian.wallet).submitRenewal(licenseId, await applicationFiles(huajian, "BL renewal")));
    renewal = await licenses.applicationCount();
  });
  at(start + 332 * DAY, "SAMR approves the renewal", async () => approveByTx(renewal, "SAMR"));
  // Pending now: Mingyuan's construction qualification waits for SAMR.
  let pending = 0n;
  at(end - 3 * DAY, "Mingyuan applies for a construction qualification (pending)", async () => {
    pending = await submit(mingyuan, "CONSTR-QUAL");
  });
  at(end - 1 * DAY, "MOHURD approves it; SAMR has yet to decide", async () => approveByTx(pending, "MOHURD"));

  // ===== Certificates =====
  const holder = (id: string) => holderCommitment(id, label32(`salt:${id}`));
  const certificateFile = (kind: string, who: string, detail: string) =>
    new TextEncoder().encode(`${kind}\n${who}\n${detail}\ngovchain demo city\n`);
  mkdirSync(path.join(options.samplesDir, "certificates"), { recursive: true });
  const writeSample = (name: string, bytes: Uint8Array) => writeFileSync(path.join(options.samplesDir, "certificates", name), bytes);
  // Property titles (MNR): issued through the year; one suspended (a dispute), one superseded (a correction).
  const properties = ["东园小区3幢2单元501室", "解放路188号商铺", "城北新苑12幢1单元302室", "滨江花园7幢1801室", "工业园区B-07地块"];
  const propertyDigests: Hex[] = [];
  properties.forEach((address, i) => {
    at(start + (40 + i * 37) * DAY, `MNR issues the title certificate of ${address}`, async () => {
      const bytes = certificateFile("不动产权证书 Real-estate title certificate", `浙(2026)第${1000 + i}号`, address);
      const digest = documentDigest(bytes);
      await mined("issue", certificates.connect(dept("MNR").official).issue(certType.get("PROPERTY")!, digest, holder(`property-${i}`), 0, 0, ""));
      propertyDigests.push(digest);
      writeSample(`property-${i + 1}.txt`, bytes);
    });
  });
  at(start + 260 * DAY, "MNR suspends a title under dispute", async () => {
    await mined("suspend", certificates.connect(dept("MNR").official).suspend(propertyDigests[1], 5));
  });
  at(start + 270 * DAY, "MNR corrects a title (supersede)", async () => {
    const bytes = certificateFile("不动产权证书 Real-estate title certificate (更正 corrected)", "浙(2026)第1002号", properties[2]);
    await mined(
      "supersede",
      certificates.connect(dept("MNR").official).supersede(propertyDigests[2], documentDigest(bytes), holder("property-2"), 0, 0, 6, ""),
    );
    writeSample("property-3-corrected.txt", bytes);
  });
  // Food permits (SAMR): one revoked.
  const foodDigests: Hex[] = [];
  ["晨光餐饮（解放路店）", "晨光餐饮（城北店）", "味之源小吃店"].forEach((shop, i) => {
    at(start + (70 + i * 20) * DAY, `SAMR issues a food business permit to ${shop}`, async () => {
      const bytes = certificateFile("食品经营许可证 Food business permit", shop, `JY1330100${i}`);
      const digest = documentDigest(bytes);
      await mined("issue", certificates.connect(dept("SAMR").official).issue(certType.get("FOOD-PERMIT")!, digest, holder(`food-${i}`), 0, 0, ""));
      foodDigests.push(digest);
      writeSample(`food-permit-${i + 1}.txt`, bytes);
    });
  });
  at(start + 240 * DAY, "SAMR revokes a food permit (hygiene violations)", async () => {
    await mined("revoke", certificates.connect(dept("SAMR").official).revoke(foodDigests[2], 8));
  });
  // Tax clearance (90 days) early in the year: expired by now.
  at(start + 30 * DAY, "TAX issues a tax clearance certificate (expired by now)", async () => {
    const bytes = certificateFile("完税证明 Tax clearance certificate", huajian.name, "2025年度");
    await mined("issue", certificates.connect(dept("TAX").official).issue(certType.get("TAX-CLEAR")!, documentDigest(bytes), holder("tax-0"), 0, 0, ""));
    writeSample("tax-clearance-expired.txt", bytes);
  });
  at(end - 10 * DAY, "PSB issues a certificate of no criminal record", async () => {
    const bytes = certificateFile("无犯罪记录证明 Certificate of no criminal record", citizens[0].name, "公(2026)无犯字第0088号");
    await mined("issue", certificates.connect(dept("PSB").official).issue(certType.get("NO-RECORD")!, documentDigest(bytes), holder("psb-0"), 0, 0, ""));
    writeSample("no-criminal-record.txt", bytes);
  });
  // Diplomas: a Merkle batch of 120 graduates in July, one item revoked later (degree fraud); a single
  // diploma issued on its own.
  at(start + 220 * DAY, "EDU anchors the diplomas of 120 graduates (Merkle batch)", async () => {
    const files = Array.from({ length: 120 }, (_, i) =>
      certificateFile("毕业证书 Graduation certificate", `学号 2026${String(i + 1).padStart(4, "0")}`, "市第一职业技术学校 City No. 1 Vocational School"),
    );
    const batch = buildBatch(files.map((bytes, i) => ({ digest: documentDigest(bytes), holderCommitment: holder(`diploma-${i}`) })));
    await mined("anchor", certificates.connect(dept("EDU").official).anchorBatch(certType.get("DIPLOMA")!, batch.root, batch.count, 0, 0, ""));
    const batchId = await certificates.batchCount();
    for (const i of [0, 1, 7]) {
      writeSample(`diploma-${i + 1}.txt`, files[i]);
      writeFileSync(
        path.join(options.samplesDir, "certificates", `diploma-${i + 1}.proof.json`),
        JSON.stringify({ batchId: batchId.toString(), root: batch.root, ...batch.proofs[i] }, null, 2),
      );
    }
    samples.diplomaBatch = { batchId: batchId.toString(), root: batch.root, revokedIndex: 7 };
  });
  at(start + 290 * DAY, "EDU revokes one diploma of the batch (degree fraud)", async () => {
    await mined("revoke item", certificates.connect(dept("EDU").official).revokeBatchItem(await certificates.batchCount(), 7, 9));
  });
  at(start + 225 * DAY, "EDU issues a single diploma", async () => {
    const bytes = certificateFile("毕业证书 Graduation certificate", citizens[1].name, "市第二中学 City No. 2 Middle School");
    await mined("issue", certificates.connect(dept("EDU").official).issue(certType.get("DIPLOMA")!, documentDigest(bytes), holder("diploma-single"), 0, 0, ""));
    writeSample("diploma-single.txt", bytes);
  });

  // ===== Consents and the access trail =====
  const [zhang, li] = citizens;
  const grantAndUse = (
    citizen: (typeof citizens)[number],
    code: string,
    category: string,
    purpose: string,
    day: number,
    validDays: number,
    accesses: number[],
    revokeDay?: number,
  ) => {
    let grantId = 0n;
    at(start + day * DAY, `${citizen.name} allows ${code} to use ${category}`, async () => {
      await mined(
        "grant",
        consents.connect(citizen.wallet).grant(dept(code).id, label32(category), label32(purpose), BigInt(start + (day + validDays) * DAY)),
      );
      grantId = await consents.grantCount();
    });
    for (const [k, offset] of accesses.entries()) {
      at(start + (day + offset) * DAY + 2 * HOUR, `${code} reads ${citizen.name}'s ${category}`, async () => {
        await mined("record access", consents.connect(dept(code).official).recordAccess(grantId, label32(category), label32(purpose), label32(`${code}-${day}-${k}`)));
      });
    }
    if (revokeDay !== undefined) {
      at(start + revokeDay * DAY, `${citizen.name} withdraws the consent`, async () => {
        await mined("revoke consent", consents.connect(citizen.wallet).revoke(grantId));
      });
    }
  };
  grantAndUse(zhang, "MNR", "property-records", "mortgage", 100, 60, [1, 3]);
  grantAndUse(zhang, "TAX", "social-insurance", "tax-deduction", 150, 400, [2, 30, 90]);
  grantAndUse(li, "EDU", "household-registration", "school-enrolment", 180, 120, [1], 200);
  grantAndUse(li, "PSB", "household-registration", "residence-permit", Math.floor((end - start) / DAY) - 20, 365, [2, 5]);

  // ===== Tenders =====
  tenderScenarios(at, platform, store, dept, { huajian, mingyuan, lvcheng, hengtai, anju }, licenseType, start, end, rnd);

  // ===== Run the timeline in time order =====
  steps.sort((a, b) => a.at - b.at);
  const began = Date.now();
  for (const [i, step] of steps.entries()) {
    await clock.advanceTo(step.at);
    try {
      await step.run();
    } catch (error) {
      if (error instanceof SeedError) throw new SeedError(`${step.what}: ${error.message}`);
      throw error;
    }
    if (i % 10 === 0 || i === steps.length - 1) {
      log(`seed: ${String(i + 1).padStart(3)}/${steps.length}  ${new Date(step.at * 1000).toISOString().slice(0, 10)}  ${step.what}`);
    }
  }
  writeFileSync(path.join(options.samplesDir, "samples.json"), JSON.stringify(samples, null, 2));
  log(`seed: done, ${steps.length} steps in ${((Date.now() - began) / 1000).toFixed(1)} s`);
}

type Company = ReturnType<typeof staffOf>["companies"][number];
type Dept = ReturnType<ReturnType<typeof staffOf>["dept"]> extends infer D ? D : never;

/**
 * The tenders of the year, one per template, each ending in a given state: open, in reveal, awarded,
 * under complaint, in delivery with paid milestones, completed (with a dismissed, an upheld and a
 * lapsed complaint along the way), cancelled (by the department, and by the supervisor after the
 * commit deadline), failed and terminated.
 */
function tenderScenarios(
  at: (time: number, what: string, run: () => Promise<void>) => void,
  platform: Platform,
  store: DocumentStore,
  dept: (code: string) => Dept,
  suppliers: Record<"huajian" | "mingyuan" | "lvcheng" | "hengtai" | "anju", Company>,
  licenseType: Map<string, bigint>,
  start: number,
  end: number,
  rnd: () => number,
) {
  const { tenders } = platform;
  const { huajian, mingyuan, lvcheng, hengtai, anju } = suppliers;
  const supervisor = dept("FIN").official;
  const builders = [huajian, lvcheng, anju];
  const vendors = [mingyuan, hengtai, huajian, anju];

  type Outcome =
    | "open"
    | "openNoBids"
    | "reveal"
    | "awarded"
    | "disputed"
    | "delivery"
    | "active"
    | "completed"
    | "completedDismissed"
    | "completedUpheld"
    | "completedLapsed"
    | "cancelled"
    | "cancelledBySupervisor"
    | "failed"
    | "terminated";
  const plan: { template: number; outcome: Outcome; publishAt: number; singleBid?: boolean; identical?: boolean; discounted?: boolean }[] = [
    { template: 0, outcome: "delivery", publishAt: start + 35 * DAY },
    { template: 1, outcome: "completedDismissed", publishAt: start + 45 * DAY },
    { template: 2, outcome: "completed", publishAt: start + 55 * DAY, singleBid: true },
    { template: 3, outcome: "delivery", publishAt: start + 150 * DAY },
    { template: 4, outcome: "terminated", publishAt: start + 95 * DAY },
    { template: 5, outcome: "awarded", publishAt: end - 25 * DAY },
    { template: 6, outcome: "delivery", publishAt: start + 120 * DAY },
    { template: 7, outcome: "disputed", publishAt: end - 40 * DAY },
    { template: 8, outcome: "completedUpheld", publishAt: start + 65 * DAY },
    { template: 9, outcome: "open", publishAt: end - 6 * DAY },
    { template: 10, outcome: "reveal", publishAt: end - 16 * DAY },
    { template: 11, outcome: "cancelled", publishAt: start + 200 * DAY },
    { template: 12, outcome: "failed", publishAt: start + 170 * DAY },
    { template: 13, outcome: "openNoBids", publishAt: end - 2 * DAY },
    { template: 14, outcome: "cancelledBySupervisor", publishAt: start + 230 * DAY },
    { template: 15, outcome: "completedLapsed", publishAt: start + 80 * DAY, discounted: true },
    { template: 16, outcome: "completed", publishAt: start + 140 * DAY, identical: true },
    { template: 17, outcome: "active", publishAt: end - 70 * DAY },
  ];

  for (const entry of plan) {
    const template = TENDER_TEMPLATES[entry.template];
    const staff = dept(template.department);
    const official = staff.official;
    const budgetYuan = template.budget;
    const budget = BigInt(budgetYuan) * YUAN;
    const bond = (budget / 100n / 1000n) * 1000n; // 1 % of the budget, rounded
    // Read when the step runs: the types are registered by an earlier step.
    const licence = () => licenseType.get(template.category === "works" ? "CONSTR-QUAL" : "BL")!;
    const pool = template.category === "works" ? builders : vendors;
    const bidders = entry.singleBid ? pool.slice(0, 1) : pool.slice(0, entry.outcome === "cancelledBySupervisor" ? 3 : 3);
    const p = entry.publishAt;
    // Deadlines: near-now tenders keep theirs open past now; the year's tenders run a normal course.
    const commitDeadline =
      entry.outcome === "open" || entry.outcome === "openNoBids"
        ? end + 9 * DAY
        : entry.outcome === "reveal"
          ? end - 2 * DAY
          : p + 14 * DAY;
    const revealDeadline = entry.outcome === "reveal" ? end + 2 * DAY : commitDeadline + 3 * DAY;
    const complaintWindow = 5 * DAY;
    const prices = bidders.map((_, i) => {
      if (entry.outcome === "failed") return (budget * BigInt(104 + i * 3)) / 100n;
      if (entry.identical && i < 2) return (budget * 93n) / 100n;
      if (entry.discounted && i === 0) return (budget * 55n) / 100n;
      return (budget * BigInt(Math.floor(86 + rnd() * 12))) / 100n;
    });
    const salts = bidders.map((_, i) => label32(`salt-${entry.template}-${i}`));
    let tenderId = 0n;
    const title = template.title.en;

    at(p, `${template.department} publishes "${title}"`, async () => {
      const { digest, milestoneDigests } = await tenderMetadata(store, official, template, budgetYuan);
      await mined(
        "publish",
        tenders.connect(official).publish({
          documentsDigest: digest,
          metadataURI: "",
          category: label32(template.category),
          budget,
          bidBond: bond,
          commitDeadline,
          revealDeadline,
          complaintWindow,
          acceptingDepartment: staff.id,
          licenseTypeId: licence(),
          milestoneSharesBps: template.milestones.map((m) => m.share),
          milestoneDigests,
        }),
      );
      tenderId = await tenders.tenderCount();
    });
    if (entry.outcome === "openNoBids") continue;

    // Bids: each bidder deposits a bond credit once, then commits.
    bidders.forEach((company, i) => {
      at(p + (2 + i) * DAY, `${company.nameEn} bids for "${title}"`, async () => {
        // Bonds come from a deposited credit (withdrawing a payment empties it, so top it up as needed).
        if ((await tenders.creditOf(company.wallet.address)) < bond) {
          await mined("deposit", tenders.connect(company.wallet).depositBond(bond * 20n));
        }
        const commitment = await tenders.commitmentOf(tenderId, company.wallet.address, prices[i], salts[i]);
        await mined("commit", tenders.connect(company.wallet).commitBid(tenderId, commitment));
      });
    });
    if (entry.outcome === "open") continue;
    if (entry.outcome === "cancelled") {
      at(p + 6 * DAY, `${template.department} cancels "${title}" before the deadline`, async () => {
        await mined("cancel", tenders.connect(official).cancel(tenderId, 2, byAddress(bidders.map((b) => b.wallet.address))));
      });
      continue;
    }
    // Reveals (the supervisor-cancelled tender's last bidder never reveals; in reveal, one has not yet).
    const revealing = entry.outcome === "cancelledBySupervisor" || entry.outcome === "reveal" ? bidders.slice(0, -1) : bidders;
    revealing.forEach((company, i) => {
      at(commitDeadline + (i + 1) * HOUR, `${company.nameEn} reveals its bid for "${title}"`, async () => {
        await mined("reveal", tenders.connect(company.wallet).revealBid(tenderId, prices[i], salts[i]));
      });
    });
    if (entry.outcome === "reveal") continue;
    if (entry.outcome === "cancelledBySupervisor") {
      at(revealDeadline + 2 * DAY, `FIN cancels "${title}" after the reveals (the procedure was flawed)`, async () => {
        await mined("cancel", tenders.connect(supervisor).cancel(tenderId, 5, byAddress(bidders.map((b) => b.wallet.address))));
      });
      continue;
    }
    const rankNow = async () =>
      rankBids(
        await Promise.all(
          revealing.map(async (c) => {
            const bid = await tenders.bidOf(tenderId, c.wallet.address);
            return { bidder: c.wallet.address, price: bid.price, sequence: bid.sequence };
          }),
        ),
      );
    const awardAt = entry.outcome === "awarded" ? end - 2 * DAY : revealDeadline + 4 * HOUR;
    at(awardAt, `"${title}" is awarded`, async () => {
      await mined("award", tenders.award(tenderId, await rankNow()));
    });
    if (entry.outcome === "failed" || entry.outcome === "awarded") continue;

    // Complaints: the second-ranked bidder complains within the window.
    const complaining = ["disputed", "completedDismissed", "completedUpheld", "completedLapsed"].includes(entry.outcome);
    let decidedAt = awardAt;
    if (complaining) {
      const complainAt = awardAt + 2 * DAY;
      at(complainAt, `a bidder complains about the award of "${title}"`, async () => {
        const ranked = await rankNow();
        const complainant = revealing.find((c) => c.wallet.address === ranked[1])!;
        const digest = await publishText(
          store,
          complainant.wallet,
          text("complaint", "中标人资质文件与实际不符，请求复核。", "The winner's qualification documents do not match reality; we ask for a review.", tenderId),
        );
        await mined("complain", tenders.connect(complainant.wallet).complain(tenderId, digest));
      });
      if (entry.outcome === "disputed") continue;
      if (entry.outcome === "completedLapsed") {
        decidedAt = complainAt + 31 * DAY;
        at(decidedAt, `the complaint about "${title}" lapses undecided`, async () => {
          await mined("lapse", tenders.lapseComplaint(tenderId));
        });
      } else {
        decidedAt = complainAt + 10 * DAY;
        const upheld = entry.outcome === "completedUpheld";
        at(decidedAt, `FIN ${upheld ? "upholds" : "dismisses"} the complaint about "${title}"`, async () => {
          const digest = await publishText(
            store,
            supervisor,
            text(
              "complaint-resolution",
              upheld ? "经核查，投诉成立，取消原中标结果。" : "经核查，投诉不成立，维持中标结果。",
              upheld ? "Upheld after review: the award is cancelled." : "Dismissed after review: the award stands.",
              tenderId,
            ),
          );
          await mined("resolve", tenders.connect(supervisor).resolveComplaint(tenderId, upheld, digest, upheld ? await rankNow() : []));
        });
      }
    }

    // The contract: start after the complaint window, deliver and accept milestone by milestone.
    // An upheld complaint re-awards the tender, which opens a new complaint window.
    const finalAwardAt = entry.outcome === "completedUpheld" ? decidedAt : awardAt;
    const startAt = Math.max(finalAwardAt + complaintWindow + HOUR, decidedAt + HOUR);
    at(startAt, `the contract for "${title}" starts`, async () => {
      await mined("start", tenders.startContract(tenderId));
    });
    if (entry.outcome === "active") continue;
    const milestones = template.milestones.length;
    const delivering =
      entry.outcome === "delivery" ? Math.max(1, milestones - 1) : entry.outcome === "terminated" ? 1 : milestones;
    for (let m = 0; m < delivering; m++) {
      const deliverAt = startAt + (m + 1) * 25 * DAY;
      const acceptAt = deliverAt + (2 + (m % 3)) * DAY;
      const lastOpen = entry.outcome === "delivery" && m === delivering - 1 && milestones > 1;
      at(deliverAt, `the supplier delivers milestone ${m + 1} of "${title}"`, async () => {
        const winner = (await tenders.getTender(tenderId)).winner;
        const wallet = [huajian, mingyuan, lvcheng, hengtai, anju].find((c) => c.wallet.address === winner)!.wallet;
        const report = await publishText(
          store,
          wallet,
          text("delivery-report", `第${m + 1}阶段已按合同完成，附验收资料。`, `Milestone ${m + 1} completed as contracted; acceptance documents attached.`, tenderId),
        );
        await mined("deliver", tenders.connect(wallet).deliverMilestone(tenderId, m, report));
      });
      if (lastOpen && deliverAt < end) continue; // delivered, awaiting acceptance
      at(acceptAt, `${template.department} accepts milestone ${m + 1} of "${title}"`, async () => {
        await mined("accept", tenders.connect(official).acceptMilestone(tenderId, m));
      });
      at(acceptAt + 2 * DAY, `the supplier of "${title}" withdraws its payment`, async () => {
        const winner = (await tenders.getTender(tenderId)).winner;
        const wallet = [huajian, mingyuan, lvcheng, hengtai, anju].find((c) => c.wallet.address === winner)!.wallet;
        if ((await tenders.creditOf(winner)) > 0n) await mined("withdraw", tenders.connect(wallet).withdraw());
      });
    }
    if (entry.outcome === "terminated") {
      const agreedAt = startAt + 60 * DAY;
      at(agreedAt, `"${title}" is terminated by agreement`, async () => {
        const winner = (await tenders.getTender(tenderId)).winner;
        const wallet = [huajian, mingyuan, lvcheng, hengtai, anju].find((c) => c.wallet.address === winner)!.wallet;
        await mined("propose (department)", tenders.connect(official).proposeTermination(tenderId));
        await mined("propose (supplier)", tenders.connect(wallet).proposeTermination(tenderId));
      });
    }
  }
  // Treasuries take back refunds and leftovers at the end of the year.
  at(end - HOUR, "treasuries withdraw refunds and leftovers", async () => {
    for (const d of DEMO_DEPARTMENTS) {
      const treasury = dept(d.code).treasury;
      if ((await tenders.creditOf(treasury.address)) > 0n) await mined(`${d.code} treasury withdraws`, tenders.connect(treasury).withdraw());
    }
  });
}

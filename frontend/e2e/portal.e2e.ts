/**
 * The public portal end to end, as a citizen uses it with no wallet: browse, filter, search and sort the
 * tenders (the query kept in a shareable URL); open a tender in delivery and see its milestones and payments,
 * its documents checked against the chain in the browser; a document altered in the store, and one altered on
 * the way, shown as not matching and never offered; its OCDS package downloaded and valid against the schema;
 * the language switch; unknown ids; the data service down; and axe and a screenshot of every page in both
 * languages.
 *
 * Independent of the other specs' writes: tenders are found by their state and content through the data
 * service, never by fixed counts.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";

import { ocdsValidators } from "../../test/helpers/ocdsSchemas.ts";
import { checkAccessibility, e2eEnv, type Language, launchBrowser, openPage, screenshot } from "./support.ts";

// ===== the data service and the store, read directly to pick what to open =====

interface Summary {
  id: string;
  state: string;
  title: { zh: string; en: string } | null;
}
interface Detail extends Summary {
  department: number;
  documentsDigest: string;
  winner: string | null;
  milestones: { state: string }[];
  payments: { reason: string }[];
}

async function api<T>(route: string): Promise<T> {
  const response = await fetch(e2eEnv.apiUrl + route);
  assert.equal(response.status, 200, `GET ${route}`);
  return (await response.json()) as T;
}

async function tenders(query: string): Promise<Summary[]> {
  return (await api<{ tenders: Summary[] }>(`/tenders?limit=100&${query}`)).tenders;
}

/** A tender of the seed in delivery with at least one milestone accepted and paid, whose notice lists files. */
async function tenderInDelivery(): Promise<Detail> {
  for (const { id } of await tenders("state=Active")) {
    const detail = await api<Detail>(`/tenders/${id}`);
    // Verified metadata only: a tender published with an unreadable notice has no title; one published from
    // the console by another spec lists no files (the tests below check the files).
    if (detail.title === null || !detail.milestones.some((m) => m.state === "accepted") || !detail.payments.some((p) => p.reason === "milestone payment")) continue;
    if (listedDocuments(detail).length > 0) return detail;
  }
  throw new Error("the seed has no tender in delivery with an accepted milestone");
}

/** Where the document store keeps a document's bytes (scripts/docstore/folderStore.ts). */
const storedFile = (digest: string) => path.join(e2eEnv.dataDir, "documents", digest.slice(2, 4), digest.slice(2));

/** The files a tender's notice lists (the notice is the file whose digest the chain records). */
function listedDocuments(detail: Detail): { name: string; digest: string }[] {
  const notice = JSON.parse(readFileSync(storedFile(detail.documentsDigest), "utf8")) as { documents: { name: string; digest: string }[] };
  return notice.documents;
}

const sha256 = (bytes: Uint8Array) => `0x${createHash("sha256").update(bytes).digest("hex")}`;

// ===== page helpers =====

const LANGUAGES: Language[] = ["zh-CN", "en"];

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.locator(".skeleton").first().waitFor({ state: "detached", timeout: 15_000 }).catch(() => undefined);
}

/** The tender list's rows (titles), once the list for the current URL has loaded (not the previous one kept on screen). */
async function rowTitles(page: Page): Promise<string[]> {
  const search = new URL(page.url()).searchParams.toString();
  await page.locator(`table.tender-table[data-loaded-for="${search}"], .empty-state`).first().waitFor();
  return page.locator("table.tender-table tbody tr .tender-title").allInnerTexts();
}

/** Opens the list's "filter and sort" panel (closed while nothing is filtered). */
async function openFilters(page: Page) {
  const panel = page.locator("details.filters__more");
  if ((await panel.getAttribute("open")) === null) await panel.locator("summary").click();
}

/** Clears the filters and waits for the whole list (the form is rebuilt for the new URL: type only after). */
async function clearFilters(page: Page) {
  await page.getByRole("button", { name: /清除筛选条件|Clear filters/ }).first().click();
  await page.waitForURL((url) => url.search === "");
  await rowTitles(page);
}

const amountOf = (text: string) => Number(text.replace(/[^\d.]/g, ""));

describe("the public portal", () => {
  let browser: Browser;
  let delivery: Detail;
  before(async () => {
    browser = await launchBrowser();
    delivery = await tenderInDelivery();
  });
  after(async () => {
    await browser?.close();
  });

  it("lists tenders, filters by state, searches titles in both languages and sorts, with the query in a shareable URL", async () => {
    const page = await openPage(browser, "/tenders", { language: "zh-CN" });
    const all = await rowTitles(page);
    assert.ok(all.length > 0, "the list shows the seeded tenders");

    // Filter: tenders in delivery only.
    await openFilters(page);
    await page.getByRole("checkbox", { name: "合同履行中" }).check();
    await page.getByRole("button", { name: "查询", exact: true }).click();
    await page.waitForURL(/[?&]state=Active/);
    await rowTitles(page);
    const states = await page.locator("table.tender-table tbody tr .state-badge").allInnerTexts();
    assert.ok(states.length > 0 && states.every((s) => s === "合同履行中"), `only tenders in delivery: ${states.join(", ")}`);

    // Search a Chinese title (the filter above stays unless cleared).
    await clearFilters(page);
    await page.getByLabel("按标题搜索").fill("道路");
    await page.getByLabel("按标题搜索").press("Enter");
    await page.waitForURL(/[?&]q=/);
    assert.ok((await rowTitles(page)).includes("解放路道路改造及雨污分流工程"));

    // Sort by budget, highest first: the amounts come down the column.
    await clearFilters(page);
    await openFilters(page);
    await page.getByLabel("排序方式").selectOption("-budget");
    await page.waitForURL(/[?&]sort=-budget/);
    await rowTitles(page);
    // amounts are shown once the token's decimals are read from the chain ("…" until then)
    await page.waitForFunction(() => document.querySelector("table.tender-table .amount--pending") === null);
    const budgets = (await page.locator("table.tender-table tbody tr td:nth-child(4)").allInnerTexts()).map(amountOf);
    assert.ok(budgets.every((b) => b > 0), "every budget is a figure");
    assert.deepEqual(budgets, [...budgets].sort((a, b) => b - a));
    await page.context().close();

    // The English title, from a shared link opened by someone else.
    const shared = await openPage(browser, "/tenders?q=hotline", { language: "en" });
    assert.ok((await rowTitles(shared)).includes("Outsourced 12366 taxpayer hotline"));
    assert.equal(await shared.getByLabel("Search titles").inputValue(), "hotline");
    await shared.context().close();
  });

  it("pages through the list with the data service's cursor, forwards and back", async () => {
    const page = await openPage(browser, "/tenders?per=10", { language: "en" });
    const first = await rowTitles(page);
    assert.equal(first.length, 10, "the seed has more than one page of 10");
    await page.getByRole("button", { name: "Next page" }).click();
    await page.waitForURL(/[?&]cursor=/);
    const second = await rowTitles(page);
    assert.ok(second.length > 0 && second.every((title) => !first.includes(title)), "the next page has other tenders");
    await page.getByRole("button", { name: "Previous page" }).click();
    await page.waitForURL((url) => !url.search.includes("cursor"));
    assert.deepEqual(await rowTitles(page), first);
    await page.context().close();
  });

  it("shows only the tenders that raised a red flag, each marked with its flags", async () => {
    const page = await openPage(browser, "/tenders?flagged=1", { language: "zh-CN" });
    const titles = await rowTitles(page);
    assert.ok(titles.length > 0, "the seed has flagged tenders");
    assert.equal(await page.locator("table.tender-table tbody tr").count(), await page.locator("table.tender-table tbody tr:has(.flag-marker)").count());
    await page.context().close();
  });

  it("says so plainly when no tender matches", async () => {
    const page = await openPage(browser, "/tenders?q=no-such-tender-title-anywhere", { language: "en" });
    await page.locator(".empty-state").waitFor();
    assert.match(await page.locator(".empty-state").innerText(), /No tender matches/);
    await page.context().close();
  });

  it("opens a tender in delivery: the chain's record, documents matching the chain, milestones and payments", async () => {
    const page = await openPage(browser, `/tenders/${delivery.id}`, { language: "zh-CN" });
    await page.getByRole("heading", { level: 1, name: delivery.title!.zh }).waitFor();
    // Read from TenderEscrow by the browser.
    await page.locator("#chain-heading").waitFor();
    await page.locator("section:has(#chain-heading) .state-badge", { hasText: "合同履行中" }).waitFor();
    // The notice and each listed file hash to the chain's digest.
    await page.locator(".metadata-check [data-verdict='match']").waitFor();
    for (const { digest } of listedDocuments(delivery)) {
      await page.locator(`.document[data-digest='${digest}'] [data-verdict='match']`).waitFor();
      assert.equal(await page.locator(`.document[data-digest='${digest}'] a[download]`).count(), 1, "a verified file is offered");
    }
    await page.locator(".milestone[data-state='accepted']").first().waitFor();
    assert.ok((await page.locator(".milestone").count()) >= 2);
    assert.ok((await page.locator(".payments-table tr[data-reason='milestone payment']").count()) >= 1);
    // Every event with its block and transaction.
    assert.ok((await page.locator(".timeline__event").count()) >= 5);
    assert.match(await page.locator(".timeline__event").first().innerText(), /区块 .*交易 0x/s);
    await page.context().close();
  });

  it("shows a document altered in the store as not matching the chain, and never offers it", async () => {
    const completed = (await tenders("state=Completed")).filter((t) => t.title !== null);
    assert.ok(completed.length > 0, "the seed has a completed tender with a verified notice");
    const target = await api<Detail>(`/tenders/${completed[0]!.id}`);
    const [document] = listedDocuments(target);
    assert.ok(document !== undefined, `tender ${target.id} lists a document`);
    const file = storedFile(document.digest);
    const original = readFileSync(file);
    writeFileSync(file, Buffer.concat([original, Buffer.from("\n(altered after publication)")]));
    try {
      const page = await openPage(browser, `/tenders/${target.id}`, { language: "zh-CN" });
      const row = page.locator(`.document[data-digest='${document.digest}']`);
      await row.locator("[data-verdict='mismatch']").waitFor();
      assert.match(await row.innerText(), /与链上记录不一致/);
      assert.equal(await row.locator("a[download]").count(), 0, "an altered file is never offered");
      await screenshot(page, "portal-tender-tampered-zh-CN");
      await page.context().close();
    } finally {
      writeFileSync(file, original);
    }
  });

  it("checks the bytes in the browser: a copy altered on the way is caught even when the store answers 200", async () => {
    const [document] = listedDocuments(delivery);
    const page = await openPage(browser, "/", { language: "en" });
    await page.route(`${e2eEnv.docsUrl}/ipfs/**`, async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      if (sha256(body) !== document!.digest) return route.fulfill({ response });
      return route.fulfill({ response, body: Buffer.concat([body, Buffer.from(" ")]) });
    });
    await page.goto(`${e2eEnv.dappUrl}/tenders/${delivery.id}`);
    const row = page.locator(`.document[data-digest='${document!.digest}']`);
    await row.locator("[data-verdict='mismatch']").waitFor();
    assert.match(await row.innerText(), /fingerprint your browser computed differs/);
    assert.equal(await row.locator("a[download]").count(), 0);
    await page.context().close();
  });

  it("downloads the tender's OCDS record and release packages, valid against the OCDS 1.1 schema", async () => {
    const validators = ocdsValidators();
    const page = await openPage(browser, `/tenders/${delivery.id}`, { language: "en" });
    for (const [button, validate] of [
      ["Download the record package (JSON)", validators.recordPackage],
      ["Download the release package (JSON)", validators.releasePackage],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
      const text = readFileSync((await download.path())!, "utf8");
      const body = JSON.parse(text) as { records?: { ocid: string }[]; releases?: { ocid: string }[] };
      assert.ok(validate(body), `${button}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      const ocid = (body.records ?? body.releases)![0]!.ocid;
      assert.ok(ocid.endsWith(`-${delivery.id}`), ocid);
      assert.match(download.suggestedFilename(), new RegExp(`tender-${delivery.id}-(record|release)-package\\.json$`));
    }
    await page.context().close();
  });

  it("switches language on a tender list and keeps the query", async () => {
    const page = await openPage(browser, "/tenders?q=%E9%81%93%E8%B7%AF", { language: "zh-CN" });
    await page.getByRole("heading", { level: 1, name: "招标采购项目" }).waitFor();
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Public tenders" }).waitFor();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.match(page.url(), /q=%E9%81%93%E8%B7%AF/);
    assert.ok((await rowTitles(page)).includes("Jiefang Road reconstruction and storm/sewage separation works"));
    await page.context().close();
  });

  it("answers unknown tenders, departments and suppliers with a not-found page, never a crash", async () => {
    for (const route of ["/tenders/999999", "/tenders/abc", "/departments/NOSUCH", `/suppliers/0x${"0".repeat(39)}1`]) {
      const page = await openPage(browser, route, { language: "en" });
      await page.getByRole("heading", { level: 1, name: /not found/ }).waitFor();
      assert.deepEqual(page.errors, [], route);
      await page.context().close();
    }
  });

  it("says which figures may be stale when the data service is down", async () => {
    const page = await openPage(browser, "/", { language: "zh-CN" });
    await page.context().route(`${e2eEnv.apiUrl}/**`, (route) => route.abort("connectionrefused"));
    await page.goto(`${e2eEnv.dappUrl}/tenders`);
    await page.getByText("数据服务暂时无法访问").waitFor({ timeout: 20_000 });
    await screenshot(page, "portal-service-down-zh-CN");
    await page.context().close();
  });

  it("judges no document genuine when the chain cannot be read, and says what is unavailable", async () => {
    const page = await openPage(browser, "/", { language: "zh-CN" });
    await page.context().route(`${e2eEnv.rpcUrl.replace(/\/+$/, "")}/**`, (route) => route.abort("connectionrefused"));
    await page.context().route(e2eEnv.rpcUrl, (route) => route.abort("connectionrefused"));
    await page.goto(`${e2eEnv.dappUrl}/tenders/${delivery.id}`);
    await page.getByText("暂时无法连接区块链节点").waitFor({ timeout: 30_000 });
    await page.getByText("无法核验招标文件").waitFor({ timeout: 30_000 });
    assert.equal(await page.locator("[data-verdict='match']").count(), 0, "nothing is marked as matching the chain");
    // The data service's facts are still shown, labelled as such.
    await page.locator(".milestone").first().waitFor();
    await screenshot(page, "portal-chain-down-zh-CN");
    await page.context().close();
  });

  for (const language of LANGUAGES) {
    it(`every portal page in ${language}: accessible, no error, screenshot`, async () => {
      const supplier = delivery.winner!;
      const department = (await api<{ departments: { id: number; code: string }[] }>("/departments")).departments.find((d) => d.id === delivery.department)!;
      const pages = [
        ["home", "/"],
        ["tenders", "/tenders"],
        ["tender", `/tenders/${delivery.id}`],
        ["supplier", `/suppliers/${supplier}`],
        ["department", `/departments/${department.code}`],
        ["open-data", "/open-data"],
        ["tender-not-found", "/tenders/999999"],
      ] as const;
      for (const [name, route] of pages) {
        const page = await openPage(browser, route, { language });
        await settle(page);
        assert.equal(await page.getAttribute("html", "lang"), language);
        await checkAccessibility(page, `${name} ${language}`);
        await screenshot(page, `portal-${name}-${language}`);
        assert.deepEqual(page.errors, [], `${name} ${language}`);
        await page.context().close();
      }
    });
  }
});

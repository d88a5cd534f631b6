/**
 * The officials' console with a wallet simulated in the page (e2e/wallet.ts): an applicant applies for a
 * business licence with a document; SAMR approves by transaction; an official of a department the
 * licence does not need is refused, in words, before any wallet prompt; TAX refuses its wallet's first
 * signature prompt ("cancelled"), then TAX and PSB sign EIP-712 approvals that a third account, in its
 * own browser, submits from the queue; the licence is issued. Screenshots of each console page in both
 * languages.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";
import { createPublicClient, type Hex, http, parseAbi } from "viem";
import { mnemonicToAccount } from "viem/accounts";

import { checkAccessibility, e2eEnv, type Language, launchBrowser, openPage, screenshot } from "./support.ts";
import { installWallet, type SimulatedWallet, WALLET_NAME } from "./wallet.ts";

const CHAIN_ID = 86086;
/** lib/localAccounts.ts: 3 SAMR official, 5 TAX official, 7 PSB official, 9 MNR official, 31–36 citizens and spares. */
const ACCOUNT = { samr: 3, tax: 5, psb: 7, mnr: 9, relayer: 32 } as const;
const MNEMONIC = "test test test test test test test test test test test junk";

const registryAbi = parseAbi([
  "function licenseOf(address account, uint32 typeId) view returns (uint256)",
  "function openApplicationOf(address applicant, uint32 typeId) view returns (uint256)",
  "function licenseStatus(uint256 licenseId) view returns (uint8)",
]);

function licenseRegistryAddress(): Hex {
  const manifest = JSON.parse(readFileSync(e2eEnv.manifest, "utf8")) as {
    contracts: Record<string, { address: Hex }>;
  };
  const address = manifest.contracts.LicenseRegistry?.address;
  assert.ok(address, `no LicenseRegistry in ${e2eEnv.manifest}`);
  return address;
}

/** The first spare local account with no business licence and no open application (the spec may run twice). */
async function freshApplicant(): Promise<number> {
  const client = createPublicClient({ transport: http(e2eEnv.rpcUrl) });
  const registry = licenseRegistryAddress();
  for (const index of [31, 33, 34, 35, 36]) {
    const address = mnemonicToAccount(MNEMONIC, {
      addressIndex: index,
    }).address;
    const [licence, open] = await Promise.all([
      client.readContract({
        address: registry,
        abi: registryAbi,
        functionName: "licenseOf",
        args: [address, 1],
      }),
      client.readContract({
        address: registry,
        abi: registryAbi,
        functionName: "openApplicationOf",
        args: [address, 1],
      }),
    ]);
    if (licence === 0n && open === 0n) return index;
  }
  throw new Error("every spare account already holds a business licence: restart the platform");
}

async function consolePage(
  browser: Browser,
  accountIndex: number,
  language: Language,
): Promise<{ page: Page & { errors: string[] }; wallet: SimulatedWallet }> {
  const page = await openPage(browser, "/", { language });
  const wallet = await installWallet(page.context(), {
    rpcUrl: e2eEnv.rpcUrl,
    chainId: CHAIN_ID,
    accountIndex,
  });
  await page.goto(`${e2eEnv.dappUrl}/console`);
  await page.getByRole("button", { name: new RegExp(WALLET_NAME) }).click();
  await page.getByTestId("connected-address").waitFor();
  return { page, wallet };
}

async function switchAccount(page: Page, wallet: SimulatedWallet, index: number) {
  await wallet.useAccount(index);
  await page.waitForFunction((address) => document.querySelector('[data-testid="connected-address"]')?.textContent === address, wallet.address);
}

/**
 * Waits for the last transaction/signature status inside `scope` to settle; returns its state, followed by
 * what the page says when it is not a success (so a failing assertion shows the clerk's message).
 */
async function settledStatus(page: Page, scope: string): Promise<string> {
  const handle = await page.waitForFunction(
    (selector) => {
      const nodes = document.querySelectorAll(`${selector} [data-tx-status]`);
      const last = nodes[nodes.length - 1];
      const state = last?.getAttribute("data-tx-status") ?? "";
      if (!["confirmed", "reverted", "cancelled", "failed", "signed"].includes(state)) return false;
      return state === "confirmed" || state === "signed" ? state : `${state}: ${(last as HTMLElement).innerText.replace(/\s+/g, " ")}`;
    },
    scope,
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as string;
}

describe("the officials' console", () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("issues a business licence: applicant, SAMR by transaction, TAX and PSB by signatures a third account submits", async () => {
    const applicantIndex = await freshApplicant();
    const { page, wallet } = await consolePage(browser, applicantIndex, "zh-CN");
    await screenshot(page, "console-overview-zh-CN");

    // The applicant applies, with a document hashed in the browser and uploaded to the store.
    await page.getByRole("link", { name: "我的许可申请" }).first().click();
    const typeSelect = page.getByTestId("apply-type");
    await typeSelect.locator("option", { hasText: "(BL)" }).waitFor({ state: "attached" });
    await typeSelect.selectOption({
      label: (await typeSelect.locator("option", { hasText: "(BL)" }).textContent()) ?? "",
    });
    await page.getByTestId("apply-subject").fill(`91330100E2E${Date.now().toString(36).toUpperCase()}`);
    await page.getByTestId("apply-submit-files").setInputFiles({
      name: "articles.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(`公司章程 ${Date.now()}\n`),
    });
    await page.getByTestId("apply-submit").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=new-application-heading]"), "confirmed");
    const mine = page.locator("li[data-application]").first();
    await mine.waitFor();
    const applicationId = await mine.getAttribute("data-application");
    assert.ok(applicationId);
    await screenshot(page, "console-applicant-zh-CN");
    assert.ok(wallet.prompts.includes("personal_sign"), "the upload was signed");

    // SAMR's official finds it in the inbox, sees the document verified, approves by transaction.
    await switchAccount(page, wallet, ACCOUNT.samr);
    await page.goto(`${e2eEnv.dappUrl}/console/licences`);
    await page.locator(`tr[data-application="${applicationId}"] a`).click();
    await page.locator("[data-document-check=ok]").first().waitFor();
    await screenshot(page, "console-application-zh-CN");
    await page.getByTestId("approve").click();
    assert.equal(await settledStatus(page, ".console-decision"), "confirmed");
    await page.locator('[data-department="SAMR"][data-state="approved"]').waitFor();

    // An MNR official (a department BL does not need) is refused in words before any wallet prompt.
    await switchAccount(page, wallet, ACCOUNT.mnr);
    const promptsBefore = wallet.prompts.length;
    await page.getByTestId("approve").click();
    assert.match(await settledStatus(page, ".console-decision"), /^failed: /);
    const refusal = await page.locator(".console-decision .console-error__sentence").textContent();
    assert.match(refusal ?? "", /不需要部门 \d+ 审批/);
    assert.equal(wallet.prompts.length, promptsBefore, "no wallet prompt for a refused action");
    await screenshot(page, "console-refused-zh-CN");

    // TAX: the user first refuses the signature in the wallet ("cancelled"), then signs.
    await switchAccount(page, wallet, ACCOUNT.tax);
    wallet.rejectNext("eth_signTypedData_v4");
    await page.getByTestId("sign-approval").click();
    assert.match(await settledStatus(page, ".console-decision"), /^cancelled: /);
    assert.match((await page.locator(".console-decision [data-tx-status=cancelled]").textContent()) ?? "", /已取消/);
    await page.getByTestId("sign-approval").click();
    await page.getByTestId("shared-approval").waitFor();
    const taxApproval = await page.getByTestId("shared-approval").inputValue();

    await switchAccount(page, wallet, ACCOUNT.psb);
    await page.getByTestId("sign-approval").click();
    await page.waitForFunction((previous) => {
      const area = document.querySelector<HTMLTextAreaElement>('[data-testid="shared-approval"]');
      return area !== null && area.value !== previous;
    }, taxApproval);
    const psbApproval = await page.getByTestId("shared-approval").inputValue();
    await page.locator('[data-department="PSB"][data-state="signed"]').waitFor();
    await screenshot(page, "console-signed-zh-CN");

    // A third account, in its own browser, pastes both signatures into the queue and submits them.
    const relayer = await consolePage(browser, ACCOUNT.relayer, "en");
    await relayer.page.goto(`${e2eEnv.dappUrl}/console/licences/applications/${applicationId}`);
    await relayer.page.getByTestId("paste-approvals").fill(`${taxApproval}\n${psbApproval}`);
    await relayer.page.getByTestId("add-approvals").click();
    await relayer.page.locator("[data-queue-state=valid]").nth(1).waitFor();
    await screenshot(relayer.page, "console-queue-en");
    await relayer.page.getByTestId("submit-approvals").click();
    assert.equal(await settledStatus(relayer.page, ".console-queue"), "confirmed");
    await relayer.page.waitForFunction(() => /BL-\d{4}-\d{6}/.test(document.querySelector('[data-testid="issued-licence"]')?.textContent ?? ""));
    await screenshot(relayer.page, "console-issued-en");
    assert.deepEqual(relayer.page.errors, []);
    await relayer.page.context().close();

    // The applicant sees the licence.
    await switchAccount(page, wallet, applicantIndex);
    await page.goto(`${e2eEnv.dappUrl}/console/applicant`);
    await page.waitForFunction(() => /BL-\d{4}-\d{6}/.test(document.querySelector('[data-testid="my-licence"]')?.textContent ?? ""));
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const language of ["zh-CN", "en"] as const) {
    it(`console pages in ${language}: accessible, screenshots`, async () => {
      const { page } = await consolePage(browser, ACCOUNT.samr, language);
      await checkAccessibility(page, `console overview ${language}`);
      await screenshot(page, `console-overview-official-${language}`);
      for (const [route, name] of [
        ["/console/licences", "licence-inbox"],
        ["/console/applicant", "applicant"],
      ] as const) {
        await page.goto(`${e2eEnv.dappUrl}${route}`);
        await page.getByTestId("connected-address").waitFor();
        await page.waitForLoadState("networkidle");
        await checkAccessibility(page, `${name} ${language}`);
        await screenshot(page, `console-${name}-${language}`);
      }
      const guardian = await consolePage(browser, 1, language);
      await guardian.page.goto(`${e2eEnv.dappUrl}/console/guardian`);
      await guardian.page.locator("[data-contract] button").first().waitFor();
      await checkAccessibility(guardian.page, `guardian ${language}`);
      await screenshot(guardian.page, `console-guardian-${language}`);
      assert.deepEqual([...page.errors, ...guardian.page.errors], []);
      await page.context().close();
      await guardian.page.context().close();
    });
  }
});

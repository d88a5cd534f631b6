/**
 * The officials' console with a wallet simulated in the page (e2e/wallet.ts): an applicant applies for a
 * business licence with a document; SAMR approves by transaction; an official of a department the
 * licence does not need is refused, in words, before any wallet prompt; TAX refuses its wallet's first
 * signature prompt ("cancelled"), then TAX and PSB sign EIP-712 approvals that a third account, in its
 * own browser, submits from the queue; the licence is issued. Screenshots of each console page in both
 * languages.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";
import { createPublicClient, type Hex, http, parseAbi } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { unzipSync } from "fflate";

import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

import { checkAccessibility, e2eEnv, type Language, launchBrowser, openPage, screenshot } from "./support.ts";
import { installWallet, type SimulatedWallet, WALLET_NAME } from "./wallet.ts";

const CHAIN_ID = 86086;
/** lib/localAccounts.ts: 0 administrator, 1 guardian, 2 SAMR head, 3 SAMR official, 5 TAX official, 7 PSB official, 9 MNR official, 13 MOHURD official, 14 EDU head, 23–24 suppliers, 32 a citizen. */
const ACCOUNT = {
  admin: 0,
  guardian: 1,
  samrHead: 2,
  samr: 3,
  tax: 5,
  psb: 7,
  mnr: 9,
  mohurd: 13,
  eduHead: 14,
  huajian: 23,
  mingyuan: 24,
  relayer: 32,
} as const;
const MNEMONIC = "test test test test test test test test test test test junk";

/** A document's fingerprint, as `sha256sum` prints it (lib/hashing.ts documentDigest). */
const documentDigest = (bytes: Uint8Array): Hex => `0x${createHash("sha256").update(bytes).digest("hex")}`;

interface ProofFile {
  root: Hex;
  batchId: string;
  index: number;
  digest: Hex;
  holderCommitment: Hex;
  proof: Hex[];
}

const certificateAbi = parseAbi(["function batchIdOfRoot(bytes32 root) view returns (uint256)"]);

function contractAddress(name: string): Hex {
  const manifest = JSON.parse(readFileSync(e2eEnv.manifest, "utf8")) as { contracts: Record<string, { address: Hex }> };
  const address = manifest.contracts[name]?.address;
  assert.ok(address, `no ${name} in ${e2eEnv.manifest}`);
  return address;
}

/** A fresh account (the local mnemonic, far past the seeded accounts; the chain's gas price is zero): the spec may run again on the same chain. */
const freshAccountIndex = () => 1_000 + Math.floor(Math.random() * 1_000_000);

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
    const applicantIndex = freshAccountIndex();
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
    assert.match(refusal ?? "", /申请 \d+ 不需要自然资源局 \(MNR\) 审批/);
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

  it("a head appoints an official who issues a certificate and a batch; the guardian pauses the registry, an issue is refused, the registry reopens", async () => {
    const appointeeIndex = freshAccountIndex();
    const appointee = mnemonicToAccount(MNEMONIC, { addressIndex: appointeeIndex }).address;
    const { page, wallet } = await consolePage(browser, ACCOUNT.eduHead, "zh-CN");

    await page.goto(`${e2eEnv.dappUrl}/console/department`);
    await page.getByTestId("appoint-address").fill(appointee);
    await page.getByTestId("appoint").click();
    assert.equal(await settledStatus(page, "section"), "confirmed");
    await page.locator(`[data-testid=officials] code:text-is("${appointee}")`).waitFor();
    await screenshot(page, "console-department-zh-CN");

    // The new official issues a certificate by dropping a file; the holder receipt is downloaded.
    await switchAccount(page, wallet, appointeeIndex);
    await page.goto(`${e2eEnv.dappUrl}/console/certificates`);
    const certificate = Buffer.from(`毕业证书\n${appointee}\n${Date.now()}\n`);
    const digest = documentDigest(new Uint8Array(certificate));
    await page.getByTestId("issue-file").setInputFiles({ name: "diploma.txt", mimeType: "text/plain", buffer: certificate });
    await page.getByTestId("issue-holder").fill("330102200001011234");
    const receipt = page.waitForEvent("download");
    await page.getByTestId("issue").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=issue-heading]"), "confirmed");
    assert.match((await receipt).suggestedFilename(), /holder\.json$/);
    await page.getByTestId("manage-digest").fill(digest);
    await page.locator("[data-testid=certificate-status][data-status=valid]").waitFor();

    // A batch from a CSV: the tree built in the page, its root anchored, a zip of proofs that verify.
    const rows = [0, 1, 2].map((i) => documentDigest(new TextEncoder().encode(`batch ${appointee} ${Date.now()} ${i}`)));
    await page.getByTestId("batch-csv").setInputFiles({
      name: "batch.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`digest,holder\n${rows.map((d, i) => `${d},33010220000101${1000 + i}`).join("\n")}\n`),
    });
    await page.getByTestId("batch-build").click();
    const zip = page.waitForEvent("download");
    await page.getByTestId("batch-anchor").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=batch-heading]"), "confirmed");
    const archive = unzipSync(new Uint8Array(readFileSync(await (await zip).path())));
    const proofs = Object.values(archive).map((bytes) => JSON.parse(new TextDecoder().decode(bytes)) as ProofFile);
    assert.equal(proofs.length, 3);
    // Any OpenZeppelin-compatible tool verifies a proof (the leaf encoding of lib/merkle.ts).
    for (const p of proofs) {
      assert.ok(
        StandardMerkleTree.verify(p.root, ["uint32", "bytes32", "bytes32"], [p.index, p.digest, p.holderCommitment], p.proof),
        `proof ${p.index} verifies`,
      );
    }
    const client = createPublicClient({ transport: http(e2eEnv.rpcUrl) });
    const batchId = await client.readContract({
      address: contractAddress("CertificateRegistry"),
      abi: certificateAbi,
      functionName: "batchIdOfRoot",
      args: [proofs[0].root],
    });
    assert.equal(batchId.toString(), proofs[0].batchId);
    await screenshot(page, "console-certificates-zh-CN");

    // The guardian pauses the certificate registry: an issue is refused, in words, before any prompt.
    await switchAccount(page, wallet, ACCOUNT.guardian);
    await page.goto(`${e2eEnv.dappUrl}/console/guardian`);
    await page.locator("[data-contract=CertificateRegistry] button").click();
    assert.equal(await settledStatus(page, "section"), "confirmed");
    try {
      await switchAccount(page, wallet, appointeeIndex);
      await page.goto(`${e2eEnv.dappUrl}/console/certificates`);
      await page.getByTestId("issue-file").setInputFiles({ name: "other.txt", mimeType: "text/plain", buffer: Buffer.from(`paused ${Date.now()}`) });
      await page.getByTestId("issue-holder").fill("330102200001015678");
      const promptsBefore = wallet.prompts.length;
      await page.getByTestId("issue").click();
      const refused = await settledStatus(page, "section[aria-labelledby=issue-heading]");
      assert.match(refused, /^failed: .*已被暂停/);
      assert.equal(wallet.prompts.length, promptsBefore);
      await screenshot(page, "console-paused-refusal-zh-CN");
    } finally {
      // Reopening is the administrator's (no delay on the local platform).
      await switchAccount(page, wallet, ACCOUNT.admin);
      await page.goto(`${e2eEnv.dappUrl}/console/guardian`);
      await page.locator("[data-contract=CertificateRegistry] button").click();
      assert.equal(await settledStatus(page, "section"), "confirmed");
    }
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it("a tender with two milestones: published, two sealed bids (one salt restored from its backup), revealed, awarded, delivered, accepted, paid out", async () => {
    const { page, wallet } = await consolePage(browser, ACCOUNT.mohurd, "zh-CN");
    await page.goto(`${e2eEnv.dappUrl}/console/tenders`);
    await page.locator("[data-testid=publish-tender] summary").click();
    const title = `E2E 道路养护 ${Date.now()}`;
    await page.getByTestId("tender-title").fill(title);
    await page.getByTestId("tender-budget").fill("1000000");
    await page.getByTestId("tender-bond").fill("10");
    // Real time on the shared chain: bids for 60 s, reveals for 40 s more, a complaint window of 4 s.
    const local = (ms: number) => new Date(ms - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
    const start = Date.now();
    await page.getByTestId("tender-commit-by").fill(local(start + 60_000));
    await page.getByTestId("tender-reveal-by").fill(local(start + 100_000));
    await page.getByTestId("tender-complaint-hours").fill("0.001");
    await page.getByTestId("milestone-text-0").fill("路面修补");
    await page.getByTestId("milestone-text-1").fill("标线重划");
    await page.getByTestId("publish").click();
    assert.equal(await settledStatus(page, "[data-testid=publish-tender]"), "confirmed");
    const tenderId = await page.getByTestId("published-tender").getAttribute("data-tender");
    assert.ok(tenderId);
    await screenshot(page, "console-tenders-zh-CN");

    // Two suppliers deposit a bond and commit sealed bids; each salt is downloaded before the commitment.
    const salts: string[] = [];
    for (const [index, price] of [
      [ACCOUNT.huajian, "900000"],
      [ACCOUNT.mingyuan, "950000"],
    ] as const) {
      await switchAccount(page, wallet, index);
      await page.goto(`${e2eEnv.dappUrl}/console/tenders`);
      await page.getByTestId("deposit-amount").fill("10");
      await page.getByTestId("deposit").click();
      assert.equal(await settledStatus(page, "section[aria-labelledby=credits-heading]"), "confirmed");
      await page.goto(`${e2eEnv.dappUrl}/console/tenders/${tenderId}`);
      await page.getByTestId("bid-price").fill(price);
      const backup = page.waitForEvent("download");
      await page.getByTestId("commit-bid").click();
      salts.push(await (await backup).path());
      assert.equal(await settledStatus(page, "[data-panel=bid]"), "confirmed");
    }
    await screenshot(page, "console-tender-bid-zh-CN");

    // Reveal: Huajian from the salt kept in this browser, Mingyuan in a fresh browser from its backup file.
    await page.waitForTimeout(Math.max(0, start + 62_000 - Date.now()));
    await switchAccount(page, wallet, ACCOUNT.huajian);
    await page.goto(`${e2eEnv.dappUrl}/console/tenders/${tenderId}`);
    await page.getByTestId("reveal-bid").click();
    assert.equal(await settledStatus(page, "[data-panel=bid]"), "confirmed");
    const mingyuan = await consolePage(browser, ACCOUNT.mingyuan, "en");
    await mingyuan.page.goto(`${e2eEnv.dappUrl}/console/tenders/${tenderId}`);
    await mingyuan.page.getByTestId("restore-salt").setInputFiles(salts[1]);
    await screenshot(mingyuan.page, "console-tender-restore-en");
    await mingyuan.page.getByTestId("reveal-bid").click();
    assert.equal(await settledStatus(mingyuan.page, "[data-panel=bid]"), "confirmed");
    await mingyuan.page.context().close();

    // After the reveal deadline anyone awards (the lowest price wins); after the complaint window, the winner delivers.
    await page.waitForTimeout(Math.max(0, start + 102_000 - Date.now()));
    await page.goto(`${e2eEnv.dappUrl}/console/tenders/${tenderId}`);
    await page.getByTestId("award").click();
    assert.equal(await settledStatus(page, "[data-panel=award]"), "confirmed");
    await page.locator("[data-testid=tender][data-state=awarded]").waitFor();
    await page.waitForTimeout(5_000);
    await page.getByTestId("report-0").setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: Buffer.from(`路面修补完成 ${Date.now()}`) });
    await page.getByTestId("deliver-0").click();
    assert.equal(await settledStatus(page, "[data-milestone='0']"), "confirmed");

    // An official of a department that does not accept deliveries is refused in words before any prompt.
    await switchAccount(page, wallet, ACCOUNT.samr);
    await page.locator("[data-milestone='0'][data-milestone-state=delivered]").waitFor();
    const promptsBefore = wallet.prompts.length;
    await page.getByTestId("accept-0").click();
    // (The row still shows the delivery's outcome until the refusal replaces it: wait for the refusal itself.)
    await page.locator("[data-milestone='0'] [data-tx-status=failed]").waitFor();
    assert.match(await settledStatus(page, "[data-milestone='0']"), /^failed: .*不是该部门的工作人员/);
    assert.equal(wallet.prompts.length, promptsBefore);
    await screenshot(page, "console-milestone-refused-zh-CN");

    // MOHURD's official accepts: the supplier is paid its share and withdraws it.
    await switchAccount(page, wallet, ACCOUNT.mohurd);
    await page.getByTestId("accept-0").click();
    assert.equal(await settledStatus(page, "[data-milestone='0']"), "confirmed");
    await page.locator("[data-milestone='0'][data-milestone-state=accepted]").waitFor();
    await switchAccount(page, wallet, ACCOUNT.huajian);
    await page.goto(`${e2eEnv.dappUrl}/console/tenders`);
    await page.getByTestId("withdraw-credits").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=credits-heading]"), "confirmed");
    await screenshot(page, "console-credits-withdrawn-zh-CN");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  for (const language of ["zh-CN", "en"] as const) {
    it(`console pages in ${language}: accessible, screenshots`, async () => {
      // Each page as the role that uses it: an official, a head, a supplier, the guardian, the administrator.
      for (const [account, routes] of [
        [ACCOUNT.samr, ["/console", "/console/licences", "/console/certificates", "/console/tenders", "/console/applicant", "/console/consent"]],
        [ACCOUNT.samrHead, ["/console/department"]],
        [ACCOUNT.huajian, ["/console/tenders"]],
        [ACCOUNT.guardian, ["/console/guardian"]],
        [ACCOUNT.admin, ["/console/admin"]],
      ] as const) {
        const { page } = await consolePage(browser, account, language);
        for (const route of routes) {
          await page.goto(`${e2eEnv.dappUrl}${route}`);
          await page.getByTestId("connected-address").waitFor();
          await page.getByTestId("roles").waitFor();
          await page.waitForLoadState("networkidle");
          const name = `console${route.replace("/console", "").replace(/\//g, "-") || "-overview"}-account${account}-${language}`;
          await checkAccessibility(page, name);
          await screenshot(page, name);
        }
        assert.deepEqual(page.errors, []);
        await page.context().close();
      }
    });
  }
});

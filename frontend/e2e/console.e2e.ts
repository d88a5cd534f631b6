/**
 * The officials' console with a wallet simulated in the page (e2e/wallet.ts): an applicant applies for a
 * business licence with a document; SAMR approves by transaction; an official of a department the
 * licence does not need is refused, in words, before any wallet prompt; TAX refuses its wallet's first
 * signature prompt ("cancelled"), then TAX and PSB sign EIP-712 approvals that a third account, in its
 * own browser, submits from the queue; the licence is issued; SAMR suspends and reinstates it. Certificates
 * (single and batch, batch items and whole batches revoked), a tender from publication to payment, consents
 * and the access trail, the administrator's registers, and time-locked administration (scheduled, counted
 * down, executed; another cancelled by the guardian). Screenshots of each console page in both languages.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";

import type { Browser, Page } from "playwright-core";
import { createPublicClient, createWalletClient, defineChain, type Hex, http, parseAbi } from "viem";
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
  const handle = await page
    .waitForFunction(
      (selector) => {
        const nodes = document.querySelectorAll(`${selector} [data-tx-status]`);
        const last = nodes[nodes.length - 1];
        const state = last?.getAttribute("data-tx-status") ?? "";
        if (!["confirmed", "reverted", "cancelled", "failed", "signed"].includes(state)) return false;
        return state === "confirmed" || state === "signed" ? state : `${state}: ${(last as HTMLElement).innerText.replace(/\s+/g, " ")}`;
      },
      scope,
      { timeout: 60_000 },
    )
    .catch(async (error: unknown) => {
      // Say where it stood (simulating, in the wallet, pending…) and keep a picture of the page.
      const state = await page
        .locator(`${scope} [data-tx-status]`)
        .last()
        .evaluate((node) => `${node.getAttribute("data-tx-status")}: ${(node as HTMLElement).innerText.replace(/\s+/g, " ")}`)
        .catch(() => "no status shown");
      await screenshot(page, `failed-${scope.replace(/[^a-z0-9]+/gi, "-")}`).catch(() => undefined);
      throw new Error(`the status in ${scope} did not settle within 60 s (${state})`, { cause: error });
    });
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
    // Confirmed, the licence is issued and the queue leaves the page (its status with it): wait for the licence,
    // or for a refusal while the queue is still there.
    const submitted = await relayer.page.waitForFunction(
      () => {
        if (/BL-\d{4}-\d{6}/.test(document.querySelector('[data-testid="issued-licence"]')?.textContent ?? "")) return "issued";
        const status = document.querySelector(".console-queue [data-tx-status]");
        const state = status?.getAttribute("data-tx-status");
        return state === "failed" || state === "reverted" || state === "cancelled" ? `${state}: ${(status as HTMLElement).innerText}` : false;
      },
      undefined,
      { timeout: 60_000 },
    );
    assert.equal(await submitted.jsonValue(), "issued");
    await screenshot(relayer.page, "console-issued-en");
    const licenceNumber = /BL-\d{4}-\d{6}/.exec((await relayer.page.getByTestId("issued-licence").textContent()) ?? "")![0];
    assert.deepEqual(relayer.page.errors, []);
    await relayer.page.context().close();

    // The issuing department (SAMR) suspends the licence and lifts the suspension; TAX, which approved it but
    // does not issue it, is refused in words before any wallet prompt.
    await switchAccount(page, wallet, ACCOUNT.tax);
    await page.goto(`${e2eEnv.dappUrl}/console/licences`);
    await page.getByTestId("licence-query").fill(licenceNumber);
    await page.locator("[data-testid=licence-record][data-status=valid]").waitFor();
    const promptsBeforeSuspend = wallet.prompts.length;
    await page.getByTestId("licence-suspend").click();
    const notIssuer = await settledStatus(page, "section[aria-labelledby=manage-licences-heading]");
    assert.match(notIssuer, /^failed: .*不是发证部门（市场监督管理局 \(SAMR\)）的工作人员/);
    assert.equal(wallet.prompts.length, promptsBeforeSuspend);
    await switchAccount(page, wallet, ACCOUNT.samr);
    await page.getByTestId("licence-query").fill(licenceNumber);
    await page.locator("[data-testid=licence-record][data-status=valid]").waitFor();
    await page.getByTestId("licence-suspend").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=manage-licences-heading]"), "confirmed");
    await page.locator("[data-testid=licence-record][data-status=suspended]").waitFor();
    await screenshot(page, "console-licence-suspended-zh-CN");
    await page.getByTestId("licence-reinstate").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=manage-licences-heading]"), "confirmed");
    await page.locator("[data-testid=licence-record][data-status=valid]").waitFor();

    // The licence verifies on the public page, by its number (no wallet needed there).
    await page.goto(`${e2eEnv.dappUrl}/verify/licence`);
    await page.locator('input[name="number"]').fill(licenceNumber);
    await page.locator('form button[type="submit"]').click();
    await page.locator('[data-status="Valid"]').waitFor({ timeout: 20_000 });
    assert.ok((await page.getByRole("heading", { level: 1 }).textContent())!.includes(licenceNumber));

    // The applicant sees the licence.
    await page.goto(`${e2eEnv.dappUrl}/console/applicant`);
    await switchAccount(page, wallet, applicantIndex);
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
    const texts = [0, 1, 2].map((i) => `batch ${appointee} ${Date.now()} ${i}`);
    const rows = texts.map((text) => documentDigest(new TextEncoder().encode(text)));
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
    const proofFileOf = (index: number) => {
      const bytes = Object.values(archive).find((b) => (JSON.parse(new TextDecoder().decode(b)) as ProofFile).index === index)!;
      return { name: `proof-${index}.json`, mimeType: "application/json", buffer: Buffer.from(bytes) };
    };
    /** The holder's check on the public page: the file and its proof file dropped, the verdict read. */
    const verifyOnPortal = async (index: number) => {
      await page.goto(`${e2eEnv.dappUrl}/verify/certificate`);
      await page
        .locator('input[name="certificate"]')
        .setInputFiles({ name: `diploma-${index}.txt`, mimeType: "text/plain", buffer: Buffer.from(texts[index]!) });
      await page.locator('input[name="proof"]').setInputFiles(proofFileOf(index));
      await page.locator('form button[type="submit"]').click();
      const verdict = page.locator("[data-verdict]");
      await verdict.waitFor({ timeout: 20_000 });
      return verdict.getAttribute("data-verdict");
    };
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
    // A holder verifies its batch certificate with its proof file on the public page.
    assert.equal(await verifyOnPortal(0), "Valid");
    assert.equal(await page.locator('[data-check="merkle"]').getAttribute("data-outcome"), "passed");
    await page.goto(`${e2eEnv.dappUrl}/console/certificates`);

    // The batch's lifecycle: a diploma cannot be suspended (the type says so, and no button offers it); item 1
    // is revoked, then the whole batch.
    const manage = "section[aria-labelledby=manage-batch-heading]";
    await page.getByTestId("batch-query").fill(proofs[0].root);
    await page.locator("[data-testid=batch-record][data-revoked=false]").waitFor();
    await page.getByTestId("batch-index").fill("1");
    await page.locator("[data-testid=batch-item-status][data-status=Issued]").waitFor();
    assert.equal(await page.getByTestId("batch-item-suspend").count(), 0);
    await page.getByTestId("batch-not-suspendable").waitFor();
    await page.getByTestId("batch-item-revoke").click();
    assert.equal(await settledStatus(page, manage), "confirmed");
    // the item's status as the data service indexed it (it follows the chain within seconds)
    await page.locator("[data-testid=batch-item-status][data-status=Revoked]").waitFor({ timeout: 30_000 });
    await page.getByTestId("batch-revoke-confirm").locator("xpath=ancestor::details").locator("summary").click();
    await page.getByTestId("batch-revoke-confirm").check();
    await page.getByTestId("batch-revoke").click();
    assert.equal(await settledStatus(page, manage), "confirmed");
    await page.locator("[data-testid=batch-record][data-revoked=true]").waitFor();
    await screenshot(page, "console-batch-revoked-zh-CN");
    assert.equal(await verifyOnPortal(0), "Revoked", "every item of a revoked batch verifies as revoked");

    // The guardian pauses the certificate registry: an issue is refused, in words, before any prompt.
    await page.goto(`${e2eEnv.dappUrl}/console/guardian`);
    await switchAccount(page, wallet, ACCOUNT.guardian);
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

    // The public portal shows all of it, from the data service and the chain: its title, the accepted milestone,
    // the payment and every step on the timeline (the data service follows the chain within seconds).
    await page.goto(`${e2eEnv.dappUrl}/tenders/${tenderId}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor({ timeout: 30_000 });
    await page.locator(".milestone[data-state='accepted']").first().waitFor({ timeout: 30_000 });
    await page.locator(".payments-table tr[data-reason='milestone payment']").first().waitFor({ timeout: 30_000 });
    for (const event of ["TenderPublished", "BidRevealed", "TenderAwarded", "MilestoneAccepted"]) {
      await page.locator(`.timeline__event[data-event='${event}']`).first().waitFor({ timeout: 30_000 });
    }
    await screenshot(page, "console-tender-on-portal-zh-CN");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it("a citizen consents; the department's official records an access the citizen sees in the trail; after a revocation an access is refused", async () => {
    const citizenIndex = freshAccountIndex();
    const { page, wallet } = await consolePage(browser, citizenIndex, "zh-CN");
    await page.goto(`${e2eEnv.dappUrl}/console/consent`);
    const department = page.getByTestId("consent-department");
    await department.locator("option", { hasText: "(TAX)" }).waitFor({ state: "attached" });
    await department.selectOption({
      label: (await department.locator("option", { hasText: "(TAX)" }).textContent()) ?? "",
    });
    await page.getByTestId("consent-category").locator("option").first().waitFor({ state: "attached" });
    await page.getByTestId("consent-purpose").fill("个税汇算核验");
    await page.getByTestId("consent-grant").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=grant-heading]"), "confirmed");
    const row = page.locator("[data-testid=grants] tr[data-grant]").first();
    await row.waitFor();
    const grantId = await row.getAttribute("data-grant");
    assert.ok(grantId);

    // TAX's official finds the consent among those given to TAX and records an access with a case number.
    await switchAccount(page, wallet, ACCOUNT.tax);
    await page.goto(`${e2eEnv.dappUrl}/console/data-access`);
    await page.getByTestId(`choose-grant-${grantId}`).click();
    await page.getByTestId("access-reference").fill("TAX-2026-E2E");
    await page.getByTestId("record-access").click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=record-access-heading]"), "confirmed");
    await page.locator(`tr[data-grant="${grantId}"] td:text-is("1")`).waitFor();
    await screenshot(page, "console-data-access-zh-CN");

    // The citizen sees it in the trail, then revokes the consent.
    await switchAccount(page, wallet, citizenIndex);
    await page.goto(`${e2eEnv.dappUrl}/console/consent`);
    await page.locator('[data-testid=access-trail] td:text-is("TAX-2026-E2E")').waitFor();
    await page.locator(`tr[data-grant="${grantId}"] button`).click();
    // revoked: the row shows when (read back from the registry)
    await page.locator(`tr[data-grant="${grantId}"] td`, { hasText: /已于 .+ 撤回/ }).waitFor();

    // An access now is refused in words, before any wallet prompt.
    await switchAccount(page, wallet, ACCOUNT.tax);
    await page.goto(`${e2eEnv.dappUrl}/console/data-access`);
    await page.getByTestId(`choose-grant-${grantId}`).click();
    await page.getByTestId("access-reference").fill("TAX-2026-E2E-2");
    const before = wallet.prompts.length;
    await page.getByTestId("record-access").click();
    assert.match(await settledStatus(page, "section[aria-labelledby=record-access-heading]"), new RegExp(`^failed: .*授权 ${grantId} 已于 .* 撤回`));
    assert.equal(wallet.prompts.length, before);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it("the administrator renames a department (and back) and registers a certificate type, a licence type and a data category", async () => {
    const { page } = await consolePage(browser, ACCOUNT.admin, "en");
    await page.goto(`${e2eEnv.dappUrl}/console/admin`);
    const form = (heading: string) => `form[aria-labelledby=${heading}]`;

    // Rename: the names change on the chain and in the table; then back, so other specs read the seeded names.
    const select = page.getByTestId("rename-department");
    await select.locator("option", { hasText: "EDU ·" }).waitFor({ state: "attached" });
    await select.selectOption({
      label: (await select.locator("option", { hasText: "EDU ·" }).textContent()) ?? "",
    });
    const original = await page.getByTestId("rename-en").inputValue();
    await page.getByTestId("rename-en").fill(`${original} (renamed)`);
    await page.getByTestId("rename").click();
    assert.equal(await settledStatus(page, form("rename-heading")), "confirmed");
    await page.locator(`[data-testid=departments] td:text-is("${original} (renamed) (EDU)")`).waitFor();
    await page.getByTestId("rename-en").fill(original);
    await page.getByTestId("rename").click();
    assert.equal(await settledStatus(page, form("rename-heading")), "confirmed");
    await page.locator(`[data-testid=departments] td:text-is("${original} (EDU)")`).waitFor();

    const suffix = Date.now().toString(36).toUpperCase().slice(-6);
    // A certificate type EDU may issue; a code that breaks the rule is named before anything is sent.
    await page.getByTestId("certificate-type-code").fill("x");
    await page
      .locator(form("certificate-type-heading"))
      .getByText(/A code is 2 to 16 characters/)
      .waitFor();
    await page.getByTestId("certificate-type-code").fill(`E2E-C${suffix}`);
    await page.getByTestId("certificate-type-name").fill(`E2E certificate ${suffix}`);
    await page
      .getByTestId("certificate-type-issuers")
      .getByLabel(/Education/)
      .check();
    await page.getByTestId("register-certificate-type").click();
    assert.equal(await settledStatus(page, form("certificate-type-heading")), "confirmed");

    // A licence type SAMR issues, SAMR and TAX approve, SAMR renews.
    await page.getByTestId("licence-type-code").fill(`E2E-L${suffix}`);
    await page.getByTestId("licence-type-name").fill(`E2E licence ${suffix}`);
    const issuer = page.getByTestId("licence-type-issuer");
    await issuer.selectOption({
      label: (await issuer.locator("option", { hasText: "Market Regulation" }).textContent()) ?? "",
    });
    await page
      .getByTestId("licence-type-required")
      .getByLabel(/Market Regulation/)
      .check();
    await page.getByTestId("licence-type-required").getByLabel(/Tax/).check();
    await page
      .getByTestId("licence-type-renewal")
      .getByLabel(/Market Regulation/)
      .check();
    await page.getByTestId("register-licence-type").click();
    assert.equal(await settledStatus(page, form("licence-type-heading")), "confirmed");

    // A data category citizens can then consent to.
    await page.getByTestId("category-code").fill(`e2e-${suffix.toLowerCase()}`);
    await page.getByTestId("category-name").fill(`E2E category ${suffix}`);
    await page.getByTestId("register-category").click();
    assert.equal(await settledStatus(page, form("category-heading")), "confirmed");
    await screenshot(page, "console-admin-registers-en");

    // The new licence type is offered to applicants.
    await page.goto(`${e2eEnv.dappUrl}/console/applicant`);
    await page
      .getByTestId("apply-type")
      .locator("option", { hasText: `(E2E-L${suffix})` })
      .waitFor({ state: "attached" });

    // Closed for new applications, it is offered no more (the registry would refuse it: LicenseTypeInactive).
    await page.goto(`${e2eEnv.dappUrl}/console/admin`);
    await page.getByTestId(`licence-type-toggle-E2E-L${suffix}`).click();
    assert.equal(await settledStatus(page, "section[aria-labelledby=licence-types-heading]"), "confirmed");
    await page.locator(`tr[data-licence-type="E2E-L${suffix}"][data-active=false]`).waitFor();
    await page.goto(`${e2eEnv.dappUrl}/console/applicant`);
    await page.getByTestId("apply-type").locator("option").first().waitFor({ state: "attached" });
    const closed = page.getByTestId("apply-type").locator("option", { hasText: `(E2E-L${suffix})` });
    assert.equal(await closed.count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  it("time-locked administration: an administrator with a 20 s execution delay schedules a registration, executes it when due; the guardian cancels another", async () => {
    // The platform's administrator (no delay) appoints a second one whose every action waits 20 s.
    const chain = defineChain({
      id: CHAIN_ID,
      name: "govchain local",
      nativeCurrency: { name: "ETH", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [e2eEnv.rpcUrl] } },
    });
    const root = createWalletClient({ account: mnemonicToAccount(MNEMONIC, { addressIndex: ACCOUNT.admin }), chain, transport: http(e2eEnv.rpcUrl) });
    const client = createPublicClient({ chain, transport: http(e2eEnv.rpcUrl) });
    const managerAbi = parseAbi([
      "function grantRole(uint64 roleId, address account, uint32 executionDelay)",
      "function revokeRole(uint64 roleId, address account)",
    ]);
    const ZERO_GAS = { type: "legacy", gasPrice: 0n } as const; // the local chain's gas price is zero
    const delayedIndex = freshAccountIndex();
    const delayed = mnemonicToAccount(MNEMONIC, { addressIndex: delayedIndex }).address;
    const manager = contractAddress("GovchainAccessManager");
    await client.waitForTransactionReceipt({
      hash: await root.writeContract({ address: manager, abi: managerAbi, functionName: "grantRole", args: [0n, delayed, 20], ...ZERO_GAS }),
    });
    try {
      const { page, wallet } = await consolePage(browser, delayedIndex, "en");
      await page.goto(`${e2eEnv.dappUrl}/console/admin`);
      await page.getByText("execution delay of 20 seconds").waitFor();
      const operations = page.locator("[data-testid=operations] tbody tr");

      // Registering a data category is scheduled, counted down, then executed by the same administrator.
      const code = `e2e-delayed-${Date.now().toString(36)}`;
      await page.getByTestId("category-code").fill(code);
      await page.getByTestId("category-name").fill("E2E delayed category");
      await page.getByTestId("register-category").click();
      assert.equal(await settledStatus(page, "form[aria-labelledby=category-heading]"), "confirmed");
      // the newest operation is listed first, by contract and function name
      await operations
        .first()
        .getByText(/s to wait/)
        .waitFor();
      await operations.first().getByText("ConsentRegistry.registerCategory").waitFor();
      await screenshot(page, "console-admin-scheduled-en");
      await operations.first().getByRole("button", { name: "Execute" }).waitFor({ timeout: 40_000 });
      await operations.first().getByRole("button", { name: "Execute" }).click();
      assert.equal(await settledStatus(page, "section[aria-labelledby=operations-heading]"), "confirmed");
      await operations.first().getByText("Executed or cancelled").waitFor();
      const consents = createPublicClient({ chain, transport: http(e2eEnv.rpcUrl) });
      const registered = await consents.getContractEvents({
        address: contractAddress("ConsentRegistry"),
        abi: parseAbi(["event CategoryRegistered(bytes32 indexed category, string name)"]),
        eventName: "CategoryRegistered",
        fromBlock: 0n,
      });
      assert.ok(
        registered.some((log) => log.args.name === "E2E delayed category"),
        "the category was registered when the operation ran",
      );

      // A second one is scheduled; the guardian cancels it before it is due.
      await page.getByTestId("category-code").fill(`${code}-2`);
      await page.getByTestId("category-name").fill("E2E cancelled category");
      await page.getByTestId("register-category").click();
      assert.equal(await settledStatus(page, "form[aria-labelledby=category-heading]"), "confirmed");
      await switchAccount(page, wallet, ACCOUNT.guardian);
      await page.goto(`${e2eEnv.dappUrl}/console/guardian`);
      await operations.first().getByRole("button", { name: "Cancel" }).click();
      assert.equal(await settledStatus(page, "section[aria-labelledby=operations-heading]"), "confirmed");
      await operations.first().getByText("Executed or cancelled").waitFor();
      assert.deepEqual(page.errors, []);
      await page.context().close();
    } finally {
      await client.waitForTransactionReceipt({
        hash: await root.writeContract({ address: manager, abi: managerAbi, functionName: "revokeRole", args: [0n, delayed], ...ZERO_GAS }),
      });
    }
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

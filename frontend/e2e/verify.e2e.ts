/**
 * Verification pages, end to end against a freshly seeded platform: certificates dropped as files (valid,
 * revoked, suspended, superseded, unknown; a batch certificate with its proof, and one revoked in its
 * batch), a proof file that is not one, licences by number and by the image of the QR code a licence page
 * shows, unknown licences; in both languages, with axe and a screenshot of each page.
 *
 * Sample certificates are the files the seed wrote to <data>/samples/certificates (scripts/seed/index.ts
 * names each after its story); licences are found on the chain by status, so nothing here depends on
 * digests, ids or counts of one particular seed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, it } from "node:test";

import encodeQR from "@paulmillr/qr";
import type { Browser, Page } from "playwright-core";
import { createPublicClient, http, parseAbi } from "viem";

import { checkAccessibility, e2eEnv, type Language, launchBrowser, openPage, screenshot } from "./support.ts";

const SAMPLES = path.join(e2eEnv.dataDir, "samples", "certificates");
const sample = (name: string) => path.join(SAMPLES, name);

const LICENCE_ABI = parseAbi([
  "function licenseStatus(uint256 licenseId) view returns (uint8)",
  "function licenseNumber(uint256 licenseId) view returns (string)",
]);
const LICENCE_STATUS = ["None", "Valid", "Expired", "Suspended", "Revoked"] as const;

/** The seeded licences by status (the first of each), read from the chain: ids run from 1 while a status is not None. */
async function licencesByStatus(): Promise<Map<string, { id: bigint; number: string }>> {
  const manifest = JSON.parse(readFileSync(e2eEnv.manifest, "utf8")) as {
    contracts: Record<string, { address: `0x${string}` }>;
  };
  const address = manifest.contracts.LicenseRegistry.address;
  const client = createPublicClient({ transport: http(e2eEnv.rpcUrl) });
  const found = new Map<string, { id: bigint; number: string }>();
  for (let id = 1n; ; id++) {
    const status =
      LICENCE_STATUS[
        await client.readContract({
          address,
          abi: LICENCE_ABI,
          functionName: "licenseStatus",
          args: [id],
        })
      ];
    if (status === "None") break;
    if (!found.has(status))
      found.set(status, {
        id,
        number: await client.readContract({
          address,
          abi: LICENCE_ABI,
          functionName: "licenseNumber",
          args: [id],
        }),
      });
  }
  return found;
}

/** Axe, then a screenshot: every page the spec reaches is looked at both ways. */
async function record(page: Page, name: string) {
  await checkAccessibility(page, name);
  await screenshot(page, name);
}

/** Drops `file` (and a proof file) on the certificate page and waits for the verdict. */
async function verifyCertificate(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }, proof?: string) {
  await page.locator('input[name="certificate"]').setInputFiles(file);
  if (proof !== undefined) await page.locator('input[name="proof"]').setInputFiles(proof);
  await page.locator('form button[type="submit"]').click();
  const result = page.locator("[data-verdict]");
  await result.waitFor({ timeout: 20_000 });
  return result;
}

async function outcomeOf(page: Page, check: string) {
  return page.locator(`[data-check="${check}"]`).getAttribute("data-outcome");
}

describe("verification pages", () => {
  let browser: Browser;
  let licences: Map<string, { id: bigint; number: string }>;
  before(async () => {
    browser = await launchBrowser();
    licences = await licencesByStatus();
  });
  after(async () => {
    await browser?.close();
  });

  for (const language of ["zh-CN", "en"] as const satisfies Language[]) {
    describe(`in ${language}`, () => {
      it("lists the verification services, with no wallet code", async () => {
        const page = await openPage(browser, "/verify", { language });
        // In the page's body (the main menu has links of the same names).
        await page
          .locator("main")
          .getByRole("link", {
            name: language === "en" ? "Verify a certificate" : "核验电子证照",
          })
          .waitFor();
        assert.equal(await page.getAttribute("html", "lang"), language);
        assert.equal(await page.evaluate(() => "ethereum" in window), false);
        await record(page, `verify-index-${language}`);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("verifies a valid certificate file: every check passes, with the issue's block and transaction", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        await record(page, `verify-certificate-form-${language}`);
        const result = await verifyCertificate(page, sample("property-1.txt"));
        assert.equal(await result.getAttribute("data-verdict"), "Valid");
        for (const check of ["digest", "record", "issuer", "validity", "suspension", "revocation", "statusList"]) {
          assert.equal(await outcomeOf(page, check), "passed", check);
        }
        assert.equal(await outcomeOf(page, "merkle"), "notApplicable");
        // The file was hashed in the browser: its SHA-256 is on the page, and the issue transaction with it.
        const digest = `0x${(await import("node:crypto"))
          .createHash("sha256")
          .update(readFileSync(sample("property-1.txt")))
          .digest("hex")}`;
        assert.ok((await result.textContent())!.includes(digest));
        assert.match((await result.textContent())!, /0x[0-9a-f]{64}/);
        await record(page, `verify-certificate-valid-${language}`);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("verifies a revoked certificate file: revoked, and set in the W3C revocation list", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        const result = await verifyCertificate(page, sample("food-permit-3.txt"));
        assert.equal(await result.getAttribute("data-verdict"), "Revoked");
        assert.equal(await outcomeOf(page, "revocation"), "failed");
        assert.equal(await outcomeOf(page, "statusList"), "failed");
        assert.equal(await outcomeOf(page, "issuer"), "passed");
        // When, and in which transaction: the revocation's log.
        assert.equal(await page.locator("[data-history] li").count(), 1);
        await record(page, `verify-certificate-revoked-${language}`);
        await page.context().close();
      });

      it("verifies a suspended certificate file", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        const result = await verifyCertificate(page, sample("property-2.txt"));
        assert.equal(await result.getAttribute("data-verdict"), "Suspended");
        assert.equal(await outcomeOf(page, "suspension"), "failed");
        assert.equal(await outcomeOf(page, "revocation"), "passed");
        await record(page, `verify-certificate-suspended-${language}`);
        await page.context().close();
      });

      it("verifies a superseded certificate and follows the link to the one that replaces it", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        const result = await verifyCertificate(page, sample("property-3.txt"));
        assert.equal(await result.getAttribute("data-verdict"), "Superseded");
        await record(page, `verify-certificate-superseded-${language}`);
        await page.locator(".verdict a").click();
        await page.locator('[data-verdict="Valid"]').waitFor({ timeout: 20_000 });
        assert.equal(await outcomeOf(page, "digest"), "passed");
        await page.context().close();
      });

      it("says a file that was never issued is not on the chain", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        const forged = Buffer.from(`${readFileSync(sample("property-1.txt"), "utf8")}forged ${Date.now()}\n`);
        const result = await verifyCertificate(page, {
          name: "forged.txt",
          mimeType: "text/plain",
          buffer: forged,
        });
        assert.equal(await result.getAttribute("data-verdict"), "Unknown");
        assert.equal(await outcomeOf(page, "record"), "failed");
        assert.equal(await outcomeOf(page, "revocation"), "notApplicable");
        await record(page, `verify-certificate-unknown-${language}`);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("verifies a batch certificate with its proof file, and one revoked in its batch", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        const result = await verifyCertificate(page, sample("diploma-1.txt"), sample("diploma-1.proof.json"));
        assert.equal(await result.getAttribute("data-verdict"), "Valid");
        assert.equal(await outcomeOf(page, "merkle"), "passed");
        assert.equal(await outcomeOf(page, "record"), "passed");
        await record(page, `verify-certificate-batch-${language}`);

        await page.reload();
        const revoked = await verifyCertificate(page, sample("diploma-8.txt"), sample("diploma-8.proof.json"));
        assert.equal(await revoked.getAttribute("data-verdict"), "Revoked");
        assert.equal(await outcomeOf(page, "merkle"), "passed");
        assert.equal(await outcomeOf(page, "revocation"), "failed");

        // Another diploma's proof does not prove this file.
        await page.reload();
        const mismatched = await verifyCertificate(page, sample("diploma-1.txt"), sample("diploma-2.proof.json"));
        assert.equal(await mismatched.getAttribute("data-verdict"), "Unknown");
        assert.equal(await outcomeOf(page, "merkle"), "failed");
        await page.context().close();
      });

      it("names a proof file that is not one, and a malformed digest", async () => {
        const page = await openPage(browser, "/verify/certificate", {
          language,
        });
        await page.locator('input[name="certificate"]').setInputFiles(sample("diploma-1.txt"));
        await page.locator('input[name="proof"]').setInputFiles({
          name: "proof.json",
          mimeType: "application/json",
          buffer: Buffer.from("{ not json"),
        });
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-problem="proof:notJson"]').waitFor();
        await record(page, `verify-certificate-bad-proof-${language}`);
        // Removing the proof and choosing another file verifies that file on its own.
        await page.locator(".file-drop__remove").nth(1).click();
        await page.locator('input[name="certificate"]').setInputFiles(sample("property-1.txt"));
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-verdict="Valid"]').waitFor({ timeout: 20_000 });

        await page.reload();
        await page.locator('input[name="digest"]').fill("0x1234");
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-problem="digestMalformed"]').waitFor();
        assert.equal(await page.locator("[data-verdict]").count(), 0);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("verifies a licence by its number", async () => {
        const valid = licences.get("Valid");
        assert.ok(valid, "the seed has a valid licence");
        const page = await openPage(browser, "/verify/licence", { language });
        await record(page, `verify-licence-form-${language}`);
        await page.locator('input[name="number"]').fill(valid.number.toLowerCase());
        await page.locator('form button[type="submit"]').click();
        await page.waitForURL(`**/licences/${valid.id}`);
        await page.locator('[data-status="Valid"]').waitFor({ timeout: 20_000 });
        assert.ok((await page.getByRole("heading", { level: 1 }).textContent())!.includes(valid.number));
        assert.ok((await page.locator("tr[data-approved=true]").count()) >= 1);
        await page.locator(".licence-qr img").waitFor();
        await record(page, `licence-valid-${language}`);
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("verifies a licence from a picture of the QR code its page shows", async () => {
        const suspended = licences.get("Suspended") ?? licences.get("Valid")!;
        // The QR code as the licence page draws it, photographed (a screenshot of the element).
        const licencePage = await openPage(browser, `/licences/${suspended.id}`, { language });
        const qr = licencePage.locator(".licence-qr img");
        await qr.waitFor({ timeout: 20_000 });
        const picture = await qr.screenshot();
        await licencePage.context().close();

        const page = await openPage(browser, "/verify/licence", { language });
        await page.locator('input[name="qr"]').setInputFiles({
          name: "licence-qr.png",
          mimeType: "image/png",
          buffer: picture,
        });
        await page.waitForURL(`**/licences/${suspended.id}`, {
          timeout: 20_000,
        });
        await page.locator(`[data-status]`).waitFor({ timeout: 20_000 });
        assert.equal(await page.locator("[data-status]").getAttribute("data-status"), licences.has("Suspended") ? "Suspended" : "Valid");
        await record(page, `licence-from-qr-${language}`);
        await page.context().close();
      });

      it("reads a QR code generated elsewhere (/verify/licence/:id link), and names an image with no code", async () => {
        const revoked = licences.get("Revoked") ?? licences.get("Valid")!;
        const gif = Buffer.from(
          encodeQR(`${e2eEnv.dappUrl}/verify/licence/${revoked.id}`, "gif", {
            scale: 6,
          }),
        );
        const page = await openPage(browser, "/verify/licence", { language });
        await page.locator('input[name="qr"]').setInputFiles({
          name: "qr.gif",
          mimeType: "image/gif",
          buffer: gif,
        });
        await page.waitForURL(`**/licences/${revoked.id}`, { timeout: 20_000 });
        await page.locator("[data-status]").waitFor({ timeout: 20_000 });
        if (licences.has("Revoked")) await record(page, `licence-revoked-${language}`);

        await page.goto(`${e2eEnv.dappUrl}/verify/licence`);
        const blank = Buffer.from(encodeQR("x", "gif", { scale: 1 })).fill(0xff, 40); // a damaged image
        await page.locator('input[name="qr"]').setInputFiles({
          name: "blank.gif",
          mimeType: "image/gif",
          buffer: blank,
        });
        await page.locator('[data-problem="qrUnreadable"], [data-problem="imageUnreadable"]').waitFor({ timeout: 20_000 });
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("says the chain is unreachable, rather than a result, when its node does not answer", async () => {
        const page = await openPage(browser, "/verify/certificate", { language });
        // The node goes away: every JSON-RPC request of the page fails from now on.
        const rpc = new URL(e2eEnv.rpcUrl).origin;
        await page.context().route((url) => url.origin === rpc, (route) => route.abort("connectionrefused"));
        await page.reload();
        await page.locator('input[name="certificate"]').setInputFiles(sample("property-1.txt"));
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-problem="unreachable"]').waitFor({ timeout: 30_000 });
        assert.equal(await page.locator("[data-verdict]").count(), 0);
        await record(page, `verify-certificate-unreachable-${language}`);

        await page.goto(`${e2eEnv.dappUrl}/licences/1`);
        await page.locator('[data-problem="unreachable"]').waitFor({ timeout: 30_000 });
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });

      it("says plainly when a licence is not on the chain", async () => {
        const page = await openPage(browser, "/verify/licence", { language });
        await page.locator('input[name="number"]').fill("BL-1999-999999");
        await page.locator('form button[type="submit"]').click();
        await page.locator('[data-problem="notFound"]').waitFor({ timeout: 20_000 });
        await record(page, `verify-licence-unknown-number-${language}`);

        await page.goto(`${e2eEnv.dappUrl}/licences/999999999`);
        await page.locator('[data-problem="notFound"]').waitFor({ timeout: 20_000 });
        await record(page, `licence-not-found-${language}`);
        await page.goto(`${e2eEnv.dappUrl}/licences/abc`);
        await page.locator('[data-problem="malformedId"]').waitFor();
        assert.deepEqual(page.errors, []);
        await page.context().close();
      });
    });
  }
});

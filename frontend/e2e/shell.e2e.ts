/**
 * The shell every page shares: it loads in both languages with no wallet touched, the language switch is
 * remembered, and an unknown address gets the not-found page, not a crash.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import type { Browser } from "playwright-core";

import { checkAccessibility, launchBrowser, openPage, screenshot } from "./support.ts";

/** Counts any touch of a wallet: reading window.ethereum, or asking EIP-6963 wallets to announce themselves. */
function walletProbe() {
  const probe = { ethereum: 0, eip6963: 0 };
  (window as unknown as { __walletProbe: typeof probe }).__walletProbe = probe;
  Object.defineProperty(window, "ethereum", {
    configurable: true,
    get() {
      probe.ethereum++;
      return undefined;
    },
  });
  window.addEventListener("eip6963:requestProvider", () => probe.eip6963++);
}

describe("the dApp's shell", () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const language of ["zh-CN", "en"] as const) {
    it(`home page in ${language}: right language, no wallet touched, accessible`, async () => {
      const page = await openPage(browser, "/", { language, initScript: walletProbe });
      await page.waitForLoadState("networkidle");
      assert.equal(await page.getAttribute("html", "lang"), language);
      const probe = await page.evaluate(() => (window as unknown as { __walletProbe: { ethereum: number; eip6963: number } }).__walletProbe);
      assert.deepEqual(probe, { ethereum: 0, eip6963: 0 });
      await checkAccessibility(page, `home ${language}`);
      await screenshot(page, `home-${language}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }

  it("switches language with the header's button and remembers it", async () => {
    const page = await openPage(browser, "/", { language: "zh-CN" });
    await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.reload();
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.context().close();
  });

  it("answers an unknown address with the not-found page", async () => {
    const page = await openPage(browser, "/no-such-page", { language: "en" });
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.match(await page.getByRole("heading", { level: 1 }).innerText(), /not found|cannot be found|no such/i);
    await checkAccessibility(page, "not found");
    await screenshot(page, "not-found-en");
    await page.context().close();
  });
});

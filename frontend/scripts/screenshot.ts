/**
 * Looks at the running dApp as a reader would: opens each page in both languages in headless Chromium
 * (Debian's /usr/bin/chromium through playwright-core), saves full-page screenshots, and checks on the
 * way that the language switch works and is remembered, that <html lang> follows it, that axe-core finds
 * no serious or critical WCAG 2.1 AA violation, and that the public pages never touch a wallet (no
 * window.ethereum access, no EIP-6963 request).
 *
 *   npm run build && npm run preview -- --port 4173 &     # or the dApp `npm start` serves
 *   node scripts/screenshot.ts [--url http://127.0.0.1:4173] [--out screenshots] [--label name] [--only home]
 *
 * Exits 1 if a check fails. The screenshots land in frontend/screenshots/ (git-ignored).
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { parseArgs } from "node:util";

import { type Browser, chromium, type Page } from "playwright-core";

const { values } = parseArgs({
  options: {
    url: { type: "string", default: "http://127.0.0.1:4173" },
    out: { type: "string", default: "screenshots" },
    label: { type: "string", default: "" },
    only: { type: "string" },
    chromium: { type: "string", default: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
  },
});
const base = values.url.replace(/\/+$/, "");
const out = path.resolve(values.out);
const label = values.label === "" ? "" : `-${values.label}`;

/** `wallet: false`: a public page, which must not touch a wallet. */
const PAGES = [
  { name: "home", path: "/", wallet: false },
  { name: "console", path: "/console", wallet: true },
  { name: "not-found", path: "/no-such-page", wallet: false },
] as const;
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "mobile", width: 390, height: 844 },
] as const;

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const failures: string[] = [];
function check(ok: boolean, what: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

/** Counts any touch of a wallet: reading window.ethereum, or asking EIP-6963 wallets to announce themselves. */
const WALLET_PROBE = () => {
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
};

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's WCAG 2.1 A/AA rules in the page; serious and critical violations fail, the rest are listed. */
async function accessibility(page: Page, what: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, nodes: nodes.map((n) => ({ target: n.target })) }));
  });
  for (const v of violations) console.log(`     axe ${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(serious.length === 0, `${what}: no serious or critical axe violation${serious.length ? ` (${serious.map((v) => v.id).join(", ")})` : ""}`);
}

async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  // Let a block or two arrive and "x seconds ago" render.
  await page.waitForTimeout(2_500);
}

async function run(browser: Browser) {
  mkdirSync(out, { recursive: true });
  for (const viewport of VIEWPORTS) {
    // A fresh context per viewport: no remembered language, no storage.
    const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
    await context.addInitScript(WALLET_PROBE);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    for (const language of ["zh-CN", "en"] as const) {
      for (const { name, path: route, wallet } of PAGES.filter((p) => values.only === undefined || p.name === values.only)) {
        await page.goto(`${base}${route}`);
        await settle(page);
        check((await page.getAttribute("html", "lang")) === language, `${viewport.name} ${name}: <html lang="${language}">`);
        if (!wallet) {
          const probe = await page.evaluate(() => (window as unknown as { __walletProbe: { ethereum: number; eip6963: number } }).__walletProbe);
          check(probe.ethereum === 0 && probe.eip6963 === 0, `${viewport.name} ${name}: touches no wallet (${JSON.stringify(probe)})`);
        }
        await accessibility(page, `${viewport.name} ${name} ${language}`);
        const file = path.join(out, `${name}-${language}-${viewport.name}${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        // What a reader sees first, without scrolling.
        await page.screenshot({ path: file.replace(/\.png$/, "-top.png") });
        console.log(`     ${path.relative(process.cwd(), file)}`);
      }
      if (language === "zh-CN") {
        // Switch with the header's button, as a reader would; the choice must survive a reload.
        await page.goto(`${base}/`);
        await page.getByRole("group", { name: "语言" }).getByRole("button", { name: "English" }).click();
        check((await page.getAttribute("html", "lang")) === "en", `${viewport.name}: the switch sets <html lang="en">`);
        await page.reload();
        check((await page.getAttribute("html", "lang")) === "en", `${viewport.name}: English is remembered after a reload`);
        check(
          (await page.getByRole("group", { name: "Language" }).getByRole("button", { name: "English" }).getAttribute("aria-pressed")) === "true",
          `${viewport.name}: the English button is pressed`,
        );
      }
    }
    check(errors.length === 0, `${viewport.name}: no uncaught error in the page${errors.length ? `: ${errors.join("; ")}` : ""}`);
    await context.close();
  }
}

// playwright-core gives every launch a fresh, temporary profile (a user-data dir of its own).
const browser = await chromium.launch({
  executablePath: values.chromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  await run(browser);
} finally {
  await browser.close();
}
if (failures.length > 0) {
  console.error(`screenshot: ${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("screenshot: all checks passed");

/**
 * What every end-to-end spec shares: where the platform under test is, a headless Chromium (Debian's, through
 * playwright-core), a page opened in a chosen language, screenshots and the accessibility check.
 *
 * `npm run test:e2e` (scripts/test-e2e.ts) starts a fresh seeded platform and passes its addresses in
 * E2E_* variables; without them a spec runs against the developer's own `npm start` on the default ports.
 * Run one spec by hand: `node --test frontend/e2e/portal.e2e.ts`.
 */
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { type Browser, chromium, type Page } from "playwright-core";

const REPOSITORY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function variable(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : value;
}

/** The platform under test. */
export const e2eEnv = {
  dappUrl: variable("E2E_DAPP_URL", "http://127.0.0.1:5173").replace(/\/+$/, ""),
  rpcUrl: variable("E2E_RPC_URL", "http://127.0.0.1:8545"),
  apiUrl: variable("E2E_API_URL", "http://127.0.0.1:42069").replace(/\/+$/, ""),
  docsUrl: variable("E2E_DOCS_URL", "http://127.0.0.1:8546").replace(/\/+$/, ""),
  /** The platform's --data folder: documents/, samples/, chain/, seed.json. */
  dataDir: path.resolve(variable("E2E_DATA_DIR", path.join(REPOSITORY, "data"))),
  /** The deployment manifest (addresses and deployment blocks). */
  manifest: path.resolve(variable("E2E_MANIFEST", path.join(REPOSITORY, "ignition/deployments/local-86086/manifest.json"))),
  /** Where screenshots go (kept by CI as artifacts). */
  screenshots: path.resolve(variable("E2E_SCREENSHOTS", path.join(REPOSITORY, "frontend/screenshots/e2e"))),
  chromium: variable("CHROMIUM_PATH", "/usr/bin/chromium"),
  repository: REPOSITORY,
} as const;

export type Language = "zh-CN" | "en";

/** A headless Chromium with a fresh temporary profile. Close it in the spec's `after`. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: e2eEnv.chromium,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export interface OpenPageOptions {
  language?: Language;
  viewport?: { width: number; height: number };
  /** Runs in the page before any of its scripts (e.g. an injected wallet). */
  initScript?: () => void;
}

/**
 * A new browser context (its own storage) with the reader's language already chosen, at `route` of the dApp.
 * Uncaught page errors are collected in `errors`, for a spec to assert there were none.
 */
export async function openPage(browser: Browser, route: string, options: OpenPageOptions = {}): Promise<Page & { errors: string[] }> {
  const language = options.language ?? "zh-CN";
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  // The dApp's remembered-language key (frontend/src/i18n/types.ts), set once: a later switch in the page must stick.
  await context.addInitScript((lang: string) => {
    try {
      if (localStorage.getItem("govchain.language") === null) localStorage.setItem("govchain.language", lang);
    } catch {}
  }, language);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = (await context.newPage()) as Page & { errors: string[] };
  page.errors = [];
  page.on("pageerror", (error) => page.errors.push(error.message));
  await page.goto(e2eEnv.dappUrl + route);
  return page;
}

/** Saves a full-page screenshot as `<E2E_SCREENSHOTS>/<name>.png` and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(e2eEnv.screenshots, { recursive: true });
  const file = path.join(e2eEnv.screenshots, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/**
 * axe-core's WCAG 2.1 A/AA rules (and best practices) on the page as it is now. Throws, naming each rule and
 * element, if any violation is serious or critical; returns the lesser ones for the spec to log.
 */
export async function checkAccessibility(page: Page, what: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations: AxeViolation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((n) => JSON.stringify(n.target)) }));
  });
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (serious.length > 0) {
    throw new Error(`${what}: axe found ${serious.length} serious or critical violation(s):\n${serious.map((v) => `  ${v.impact} ${v.id} (${v.help}) at ${v.targets.join(", ")}`).join("\n")}`);
  }
  return violations;
}

import fs from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { describe, expect } from "vitest";

// Browser journeys run in Debian's Chromium (Playwright's own download cannot work here). Without
// Chromium installed they are skipped, loudly; CI sets WAYMARK_REQUIRE_BROWSER=1 so they never skip.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM_PATH);

if (!hasChromium) {
  if (process.env.WAYMARK_REQUIRE_BROWSER === "1") {
    throw new Error(`Chromium is required for browser tests but was not found at ${CHROMIUM_PATH}`);
  }
  console.warn(
    `Chromium not found at ${CHROMIUM_PATH}: skipping the browser tests (apt-get install chromium).`,
  );
}

/** `describe` when Chromium is installed, otherwise a skipped suite. */
export const describeInBrowser = hasChromium ? describe : describe.skip;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
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
}

/** A fresh context per journey; CSP is bypassed only so axe-core can be injected. */
export async function newPage(
  browser: Browser,
  options: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    bypassCSP: true,
    javaScriptEnabled: options.javaScript ?? true,
    viewport: { width: 1280, height: 900 },
  });
  const page = await context.newPage();
  if (options.javaScript === false) noScriptPages.add(page);
  return { context, page };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core for WCAG 2.2 A and AA on the current page and fails with a readable list. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"] },
    });
    return result.violations;
  });
  const readable = (violations as AxeViolation[]).map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(" ")).join("\n    ")}`,
  );
  expect(readable, `axe-core violations on ${page.url()}`).toEqual([]);
}

/** Every page the journeys visit is checked; this records which, for the summary. */
export const visited = new Set<string>();

export async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await checkPage(page);
}

const noScriptPages = new WeakSet<Page>();

export async function checkPage(page: Page): Promise<void> {
  visited.add(new URL(page.url()).pathname);
  if (!noScriptPages.has(page)) {
    await expectNoAxeViolations(page);
    return;
  }
  // axe needs JavaScript, so a page seen without it is checked as a copy: the same HTML with its
  // scripts removed, served at the same address in a JavaScript-enabled page (same CSS, same DOM).
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  const url = page.url();
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser for the accessibility check");
  const checker = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  try {
    const copy = await checker.newPage();
    await copy.route(url, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html }),
    );
    await copy.goto(url);
    await expectNoAxeViolations(copy);
  } finally {
    await checker.close();
  }
}

/** Signs in through the form, checking the sign-in page on the way, and waits to leave it. */
export async function signIn(page: Page, baseUrl: string, email: string, password = "waymark-demo-password") {
  await visit(page, `${baseUrl}/sign-in`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click('button:has-text("Sign in")');
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

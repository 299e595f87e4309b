import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// The public site (issue 17) in Chromium, JavaScript off, keyboard alone, axe on every page: the
// coordinator switches the public pages on and approves the strategy section and a commitment on
// Manage → Public pages, checks the preview; then someone not signed in reads every public page.

/** Tabs to the link or button whose text starts with `text`. */
async function tabToText(page: Page, text: string, limit = 400): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (focused.startsWith(text)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach "${text}" with the Tab key`);
}

async function tabToId(page: Page, id: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach #${id} with the Tab key`);
}

async function andWait(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

describeInBrowser("the public site in Chromium", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the coordinator publishes the strategy and a commitment; the public reads them without signing in", async () => {
    const coordinator = await newPage(browser, { javaScript: false });
    const manage = `${server.baseUrl}/p/ashvale/manage/publication`;
    try {
      const { page } = coordinator;
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, manage);
      expect(await page.textContent("h1")).toContain("Public pages");

      // Pages on: the "Yes" radio by keyboard, then Save.
      // "No" is checked, so Tab lands on it; the arrow key moves the choice to "Yes".
      await tabToId(page, "enabled-2");
      await page.keyboard.press("ArrowLeft");
      expect(await page.isChecked("#enabled")).toBe(true);
      await tabToText(page, "Save");
      await andWait(page, () => page.keyboard.press("Enter"));
      await checkPage(page);
      expect(await page.textContent("main")).toContain("The public pages are on");

      await tabToText(page, "Approve section");
      await andWait(page, () => page.keyboard.press("Enter"));
      await checkPage(page);
      expect(await page.textContent("main")).toContain("Section approved");

      // The first commitment's Approve button.
      await tabToText(page, "Approve");
      await andWait(page, () => page.keyboard.press("Enter"));
      await checkPage(page);
      expect(await page.textContent("main")).toContain("Approved for publication");

      await visit(page, `${manage}/preview`);
      expect(await page.locator("main table").count()).toBe(1);
    } finally {
      await coordinator.context.close();
    }

    const visitor = await newPage(browser, { javaScript: false });
    try {
      const { page, context } = visitor;
      const base = `${server.baseUrl}/public/ashvale`;
      await visit(page, base);
      await tabToText(page, "Strategy and progress");
      await andWait(page, () => page.keyboard.press("Enter"));
      expect(page.url()).toBe(`${base}/strategy`);
      await checkPage(page);
      expect(await page.locator("main table tbody tr").count()).toBe(1);
      for (const path of ["board-summaries", "statistics", "meetings", "open-data", "accessibility"]) {
        await visit(page, `${base}/${path}`);
      }
      expect(await page.textContent("main")).toContain("Enforcement procedure");
      expect(await context.cookies()).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });
});

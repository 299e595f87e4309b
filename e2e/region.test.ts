import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ukDateOf } from "../src/domain/periods.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// Issue 15's two journeys, on the demo region North Marston, with JavaScript off and the keyboard
// alone: Deneholme's coordinator finishes and submits its draft self-assessment; the regional lead
// compares the four partnerships, follows a cell to its evidence, and moderates a criterion. Every
// page on the way is checked with axe-core.

describeInBrowser("the region: a self-assessment submitted, then compared and moderated", () => {
  let server: E2eServer;
  let browser: Browser;
  const today = ukDateOf(new Date());

  beforeAll(async () => {
    server = await startE2eServer({ demoToday: today, demoProgress: true, demoRegion: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Presses Enter on the focused control and waits for the page it submits to. */
  async function submitWithKeyboard(page: Page, selector: string) {
    await page.focus(selector);
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await checkPage(page);
  }

  it("lets Deneholme's coordinator change a rating and submit the self-assessment", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, "coordinator@deneholme.example");
      await visit(page, `${server.baseUrl}/p/deneholme/assessments`);
      const draftRow = page.locator("tr, li", { hasText: "Draft" }).first();
      await draftRow.locator('a:has-text("Open")').first().focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      expect(await page.textContent("main")).toContain("24 of 24 criteria rated");
      const assessmentUrl = page.url();

      // Criterion 1.1: rated again, with a narrative that identifies nobody.
      const criterionLink = page.locator('a[href*="/criteria/"]').first();
      await criterionLink.focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      await page.focus("#levelId-3");
      await page.keyboard.press("Space");
      await page.focus("#narrative");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("The board agreed its terms of reference and reviews them every year.");
      await submitWithKeyboard(page, 'button:has-text("Save the rating")');

      await visit(page, assessmentUrl);
      await submitWithKeyboard(page, 'button:has-text("Submit the self-assessment")');
      expect(await page.textContent("main")).toContain("Submitted");
      expect(await page.textContent("main")).toContain("can no longer be changed");
    } finally {
      await context.close();
    }
  });

  it("lets the regional lead compare the four partnerships and moderate a criterion", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, "lead@north-marston.example");
      await visit(page, `${server.baseUrl}/r/north-marston`);
      await visit(page, `${server.baseUrl}/r/north-marston/comparison`);
      const table = (await page.textContent("table")) ?? "";
      for (const name of ["Ashvale", "Brackenford", "Corrow Vale", "Deneholme"])
        expect(table).toContain(name);
      // Deneholme submitted in the first journey; a draft would read "Not submitted".
      expect(table).toMatch(/Met|Partly met|Exceeded|Not met/);

      // Filter to one theme with the keyboard; the table keeps only that theme's criteria.
      await page.focus("#theme");
      await page.keyboard.press("Space");
      await submitWithKeyboard(page, 'button:has-text("Apply filter")');
      expect(await page.textContent("#comparison-filter")).toContain("Filtered by");
      const rows = await page.locator("table tbody tr").count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(24);

      await visit(page, `${server.baseUrl}/r/north-marston/spend`);
      await visit(page, `${server.baseUrl}/r/north-marston/statistics`);
      await visit(page, `${server.baseUrl}/r/north-marston/governance`);

      // A cell's evidence link leads to that partnership's assessment at the criterion.
      await visit(page, `${server.baseUrl}/r/north-marston/comparison`);
      const evidence = page.locator('table a[href*="/assessments/"]').first();
      await evidence.focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      expect(page.url()).toContain("#criterion-");

      // Moderate the first criterion that offers it.
      const moderate = page.locator('a[href$="/moderate"]').first();
      await moderate.focus();
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      await page.focus("#agreedLevelId-2");
      await page.keyboard.press("Space");
      await page.focus("#comment");
      await page.keyboard.type("Agreed after reading the board's minutes.");
      await submitWithKeyboard(page, 'button:has-text("Save the agreed level")');
      expect(await page.textContent("main")).toContain("Agreed after reading the board's minutes.");
    } finally {
      await context.close();
    }
  });
});

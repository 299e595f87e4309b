import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ukDateOf } from "../src/domain/periods.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// The coordinator writes the board paper of the strategy review and gets the review in summary
// mode; every page on the way is checked with axe-core.

describeInBrowser("the coordinator writes the board paper and gets the summary-mode review", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({ demoProgress: true, demoToday: ukDateOf(new Date()) });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("writes the covering report and a board summary, then reads the review in summary mode", async () => {
    const { page, context } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, `${server.baseUrl}/p/ashvale/reports`);
      await page.click('a:has-text("Write the covering report of the strategy review")');
      await page.waitForLoadState();
      await checkPage(page);
      await page.fill("#purpose", "To give members a review of progress at the half way point.");
      await page.fill("#achievements", "- A serial perpetrator panel\n- The whole housing pilot");
      await page.fill("#contactName", "Rachel Example");
      await page.fill("#contactEmail", "rachel@ashvale.example.org");
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save board paper")')]);
      await checkPage(page);
      expect(page.url()).toContain("/reports/strategy-review");
      expect(await page.textContent("#paper-purpose-heading")).toBe("Purpose of the report");
      expect(await page.textContent("#paper-achievements")).toContain("The whole housing pilot");

      await visit(page, `${server.baseUrl}/p/ashvale/reports/strategy-review/paper`);
      await page.click('a:has-text("board summary for each year")');
      await page.waitForLoadState();
      await checkPage(page);
      const first = page.locator('textarea[name^="summary-"]').first();
      await first.fill("Training is on track across partners.");
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save board summaries")')]);
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain("Board summaries for");

      await visit(page, `${server.baseUrl}/p/ashvale/reports`);
      await page.check('input[name="report"][value="strategy-review"]');
      await page.check('input[name="mode"][value="summary"]');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Get the report")')]);
      await checkPage(page);
      expect(page.url()).toContain("mode=summary");
      expect(await page.textContent("#about-this-report")).toBe("About this report");
      expect(await page.textContent(".app-report")).toContain("with a short summary of each year's progress");
    } finally {
      await context.close();
    }
  }, 180_000);
});

import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { xlsxOf } from "../test/support/import-files.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

/** The 2025–26 plan's page, reached as a coordinator would. */
async function openPlan(page: Page, baseUrl: string): Promise<string> {
  await visit(page, `${baseUrl}/p/ashvale/action-plans`);
  await page.click('a:has-text("2025–26")');
  await checkPage(page);
  return page.url();
}

describeInBrowser("importing an action plan in Chromium", () => {
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

  it("coordinator uploads an action plan, reads the preview, confirms and finds the actions in the plan", async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      const planUrl = await openPlan(page, server.baseUrl);
      await visit(page, `${planUrl}/import`);
      expect(await page.textContent("h1")).toContain("Import actions from a spreadsheet");

      // A council's table: a heading row merged across, a commitment merged down two rows.
      const file = await xlsxOf({
        name: "Action plan",
        rows: [
          ["Priority", "What we will do", "How we will do it", "Who will lead", "Performance target"],
          ["Priority 1: Changing attitudes"],
          [
            "1.4 Train frontline staff across the partnership",
            "Train every GP receptionist to ask about abuse",
            "Two sessions a term in each primary care network",
            "North Marston Integrated Care Board / Lanternway",
            "300 receptionists trained",
          ],
          [
            null,
            "Add a domestic abuse module to induction",
            "",
            "Ashvale Borough Council – Community Safety Team",
            "",
          ],
          [
            "Start a sports clubs pledge against abuse",
            "Sign up ten clubs to the pledge",
            "",
            "Ashvale Sports Network",
            "10 clubs",
          ],
        ],
        merges: ["A2:E2", "A3:A4"],
      });
      await page.setInputFiles("#file", {
        name: "ashvale-plan.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: file,
      });
      await page.click('button:has-text("Check the file")');
      await page.waitForSelector("h1:has-text('Check the import')");
      await checkPage(page);
      const preview = (await page.textContent("main")) ?? "";
      expect(preview).toContain("3 new actions, 1 new commitment, 2 new organisations");
      expect(preview).toContain("Matched by number");
      expect(preview).toContain("Continues the row above");
      expect(preview).toContain("New commitment under priority 1");
      // "Lanternway" is offered as the existing Lanternway Domestic Abuse Support; keep that choice.
      const lanternway = page.getByLabel("Lanternway", { exact: true });
      expect(await lanternway.locator("option:checked").textContent()).toContain(
        "Lanternway Domestic Abuse Support",
      );
      expect(await page.getByLabel("Ashvale Sports Network").inputValue()).toBe("new");

      await page.click('button:has-text("Import 3 actions")');
      await page.waitForURL(planUrl);
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain("Imported 3 actions");
      for (const what of [
        "Train every GP receptionist to ask about abuse",
        "Add a domestic abuse module to induction",
        "Sign up ten clubs to the pledge",
      ]) {
        await expect(page.locator("tr", { hasText: what }).count()).resolves.toBe(1);
      }
      const cells = await page
        .locator("tr", { hasText: "Train every GP receptionist" })
        .locator("td")
        .allTextContents();
      expect(cells[0]).toContain("1.4");
      expect(cells[3]).toContain("Lanternway Domestic Abuse Support");
      expect(cells[3]).toContain("North Marston Integrated Care Board");
      const clubs = await page
        .locator("tr", { hasText: "Sign up ten clubs" })
        .locator("td")
        .allTextContents();
      expect(clubs[0]).toContain("1.7 Start a sports clubs pledge against abuse");
      expect(clubs[3]).toContain("Ashvale Sports Network");
    } finally {
      await context.close();
    }
  });

  it("without JavaScript, a file that is not a spreadsheet gets the error summary linked to the file input", async () => {
    const { context, page } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      const planUrl = await openPlan(page, server.baseUrl);
      await visit(page, `${planUrl}/import`);
      await page.setInputFiles("#file", {
        name: "notes.xlsx",
        mimeType: "text/plain",
        buffer: Buffer.from("notes"),
      });
      await page.click('button:has-text("Check the file")');
      await page.waitForSelector(".govuk-error-summary");
      await checkPage(page);
      expect(await page.title()).toMatch(/^Error: /);
      expect(await page.locator(".govuk-error-summary a").getAttribute("href")).toBe("#file");
      expect(await page.textContent(".govuk-error-summary")).toContain("not an Excel workbook");
    } finally {
      await context.close();
    }
  });
});

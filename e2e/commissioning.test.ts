import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, ukDateOf } from "../src/domain/periods.ts";
import { returnYears } from "../src/services/funding/part4-service.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// The coordinator, with JavaScript off, adds a contract in procurement, dates and reorders its
// milestones with the keyboard, reads the timeline, and keeps a Part 4 return; a board member reads
// the register. Every page on the way is checked with axe-core.

describeInBrowser("the coordinator keeps the contract register and the Part 4 return", () => {
  let server: E2eServer;
  let browser: Browser;
  const today = ukDateOf(new Date());

  beforeAll(async () => {
    server = await startE2eServer({ demoToday: today });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Focuses a field (as Tab would reach it) and types into it with the keyboard. */
  async function type(page: import("playwright-core").Page, selector: string, text: string) {
    await page.focus(selector);
    await page.keyboard.type(text);
  }

  it("adds a contract, edits its milestones without JavaScript, and keeps a return", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, `${server.baseUrl}/p/ashvale/contracts/new`);
      await type(page, "#service", "Refuge and dispersed accommodation");
      await type(page, "#providerName", "Haven Housing");
      await page.focus("#stage-2");
      await page.keyboard.press("Space");
      await page.focus("#procurement");
      await page.keyboard.press("Space");
      await type(page, "#annualValue", "250,000");
      const [y, m, d] = addDays(today, 400).split("-");
      await type(page, "#endsOn-day", d!);
      await type(page, "#endsOn-month", m!);
      await type(page, "#endsOn-year", y!);
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      expect(await page.textContent("h1")).toBe("Refuge and dispersed accommodation");
      expect(await page.textContent(".moj-timeline")).toContain("Needs assessment");

      await page.click('a:has-text("Change milestones")');
      await page.waitForLoadState();
      await checkPage(page);
      const [py, pm, pd] = addDays(today, -5).split("-");
      await type(page, "#milestone-0-plannedOn-day", pd!);
      await type(page, "#milestone-0-plannedOn-month", pm!);
      await type(page, "#milestone-0-plannedOn-year", py!);
      // "Move down" on the first milestone, pressed from the keyboard.
      await page.focus('button[value="down-0"]');
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      expect(await page.inputValue("#milestone-0-name")).toBe("Engagement");
      expect(await page.inputValue("#milestone-1-name")).toBe("Needs assessment");
      await Promise.all([
        page.waitForNavigation(),
        page.click('button:has-text("Save milestones") >> nth=0'),
      ]);
      await checkPage(page);
      const timeline = await page.textContent(".moj-timeline");
      expect(timeline).toMatch(/Needs assessment\s*Overdue/);

      await visit(page, `${server.baseUrl}/p/ashvale/contracts?ending=12`);
      await visit(page, `${server.baseUrl}/p/ashvale/safe-accommodation`);
      await visit(page, `${server.baseUrl}/p/ashvale/safe-accommodation/${returnYears()[1]}`);
      await type(page, "#women", "-3");
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save draft")')]);
      await checkPage(page);
      expect(await page.textContent(".govuk-error-summary")).toContain(
        "Women supported must be a whole number",
      );
      await page.fill("#women", "");
      await type(page, "#women", "120");
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Save draft")')]);
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain("draft saved");
    } finally {
      await context.close();
    }
  }, 120_000);

  it("lets a board member read the register and a contract", async () => {
    const { page, context } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("viewer").email);
      await visit(page, `${server.baseUrl}/p/ashvale/contracts`);
      expect(await page.textContent("main")).toContain("Refuge and dispersed accommodation");
      expect(await page.locator('a:has-text("Add a contract")').count()).toBe(0);
      await page.click('a:has-text("Refuge and dispersed accommodation")');
      await page.waitForLoadState();
      await checkPage(page);
    } finally {
      await context.close();
    }
  }, 60_000);
});

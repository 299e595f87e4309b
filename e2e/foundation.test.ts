import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

describeInBrowser("foundation journeys in Chromium", () => {
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

  for (const javaScript of [true, false]) {
    it(`coordinator adds a commitment and an action and sees them in the action plan table (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { javaScript });
      const suffix = javaScript ? "js" : "nojs";
      try {
        await signIn(page, server.baseUrl, demoUser("admin").email);
        await checkPage(page);
        expect(await page.textContent("h1")).toContain("Ashvale Domestic Abuse Partnership");

        await page.click('nav a:has-text("Strategy")');
        await page.click("main a.govuk-link >> nth=0");
        await checkPage(page);
        const strategyUrl = page.url();

        // Add a commitment under priority 2, first with a mistake to see the error pattern.
        await page.click('a:has-text("Add a commitment to priority 2")');
        await checkPage(page);
        await page.fill("#number", "2.1");
        await page.fill("#text", `Offer a drop-in at every family hub (${suffix})`);
        await page.click('button:has-text("Save commitment")');
        expect(await page.title()).toMatch(/^Error: /);
        await checkPage(page);
        const summaryLink = page.locator(".govuk-error-summary a");
        expect(await summaryLink.getAttribute("href")).toBe("#number");
        expect(await page.inputValue("#text")).toBe(`Offer a drop-in at every family hub (${suffix})`);
        await page.fill("#number", javaScript ? "2.20" : "2.21");
        await page.click('button:has-text("Save commitment")');
        await page.waitForURL(/\/commitments\/\d+$/);
        await checkPage(page);
        expect(await page.textContent(".govuk-notification-banner")).toContain("added");
        const commitmentNumber = javaScript ? "2.20" : "2.21";

        // Add an action for it in the 2025–26 plan.
        await page.goto(strategyUrl);
        await page.click('nav a:has-text("Action plans")');
        await checkPage(page);
        await page.click('a:has-text("2025–26")');
        await page.click('a:has-text("Add an action")');
        await checkPage(page);
        if (javaScript) {
          // The commitment select is enhanced into an autocomplete.
          const box = page.locator("#commitmentId");
          await box.fill(commitmentNumber);
          await page.locator(`.autocomplete__option:has-text("${commitmentNumber} Offer a drop-in")`).click();
        } else {
          const value = await page
            .locator(`#commitmentId option:has-text("${commitmentNumber} Offer a drop-in")`)
            .getAttribute("value");
          await page.selectOption("#commitmentId", value ?? "");
        }
        await page.fill("#what", `Open drop-ins in the four family hubs (${suffix})`);
        await page.fill("#how", "Lanternway outreach workers run a weekly session in each hub.");
        await page.getByRole("checkbox", { name: /Lanternway/ }).check();
        await page.fill("#performanceTarget", "Four weekly drop-ins running by December");
        await page.fill("#dueOn-day", "31");
        await page.fill("#dueOn-month", "12");
        await page.fill("#dueOn-year", "2025");
        await page.click('button:has-text("Save action")');
        await page.waitForURL(/\/actions\/\d+$/);
        await checkPage(page);
        await page.click(".govuk-breadcrumbs a >> nth=1");
        await checkPage(page);
        const row = page.locator("tr", { hasText: `Open drop-ins in the four family hubs (${suffix})` });
        await expect(row.count()).resolves.toBe(1);
        const cells = await row.locator("td").allTextContents();
        expect(cells[0]).toContain(commitmentNumber);
        expect(cells[2]).toContain("weekly session");
        expect(cells[3]).toContain("Lanternway");
        expect(cells[4]).toContain("Four weekly drop-ins");
      } finally {
        await context.close();
      }
    });
  }

  it("an editor cannot change another organisation's action", async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("editor", "police").email);
      await page.goto(`${server.baseUrl}/p/ashvale/action-plans`);
      await checkPage(page);
      await page.click('a:has-text("2025–26")');
      await checkPage(page);
      // Find an action the police do not lead.
      const rows = page.locator("tbody tr:not(.app-action-table__group)");
      const count = await rows.count();
      let href: string | null = null;
      for (let i = 0; i < count && !href; i++) {
        const leads = (await rows.nth(i).locator("td").nth(3).textContent()) ?? "";
        if (!leads.includes("Police"))
          href = await rows.nth(i).locator("td").nth(1).locator("a").getAttribute("href");
      }
      expect(href).not.toBeNull();
      await page.goto(`${server.baseUrl}${href}`);
      await checkPage(page);
      expect(await page.locator('a:has-text("Edit action")').count()).toBe(0);
      const response = await page.goto(`${server.baseUrl}${href}/edit`);
      expect(response?.status()).toBe(403);
      await checkPage(page);
      expect(await page.textContent("h1")).toMatch(/cannot/i);
    } finally {
      await context.close();
    }
  });

  it("signs in with the keyboard alone", async () => {
    const { context, page } = await newPage(browser);
    try {
      await visit(page, `${server.baseUrl}/sign-in`);
      // The first Tab reaches the skip link; it takes keyboard users to the form.
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
        "Skip to main content",
      );
      await page.keyboard.press("Enter");
      // Tab onwards until the email field has focus, then type and submit with Enter.
      for (let i = 0; i < 10; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === "email") break;
        await page.keyboard.press("Tab");
      }
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("email");
      await page.keyboard.type(demoUser("viewer").email);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("password");
      await page.keyboard.type("waymark-demo-password");
      await page.keyboard.press("Enter");
      await page.waitForURL((url) => url.pathname.startsWith("/p/"));
      await checkPage(page);
      expect(await page.textContent("header")).toContain(demoUser("viewer").name);
    } finally {
      await context.close();
    }
  });
});

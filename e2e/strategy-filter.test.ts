import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// A board member lists the Amber commitments: from the home page's count, and with the strategy
// page's filter form by keyboard, with JavaScript on and off.

describeInBrowser("a board member filters the strategy to Amber commitments", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({ demoProgress: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const javaScript of [true, false]) {
    it(`follows the Amber count from home, then filters with the form (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { page, context } = await newPage(browser, { javaScript });
      try {
        await signIn(page, server.baseUrl, demoUser("viewer").email);
        await page.goto(`${server.baseUrl}/p/ashvale`);
        await checkPage(page);
        // The Amber total in the ratings table links to the list it counts.
        const amberTotal = page.locator(
          '#ratings-by-priority a[href*="?rating=amber"]:not([href*="priority"])',
        );
        const count = Number(((await amberTotal.textContent()) ?? "").match(/\d+/)?.[0]);
        expect(count).toBeGreaterThan(0);
        await Promise.all([page.waitForNavigation(), amberTotal.click()]);
        await checkPage(page);
        expect(await page.locator(".app-commitment-list__item").count()).toBe(count);
        expect(await page.textContent("#filter-result")).toContain(`${count} commitment`);
        const tags = await page.locator(".app-commitment-list__rating .govuk-tag").allTextContents();
        expect(tags.map((t) => t.trim())).toEqual(Array(count).fill("Amber"));

        // Clear, then choose Amber and a lead organisation with the keyboard and apply.
        await Promise.all([page.waitForNavigation(), page.click('a:has-text("Clear filters")')]);
        expect(await page.locator(".app-commitment-list__item").count()).toBeGreaterThan(count);
        await page.focus("#rating-2");
        expect(await page.getAttribute("#rating-2", "value")).toBe("amber");
        await page.keyboard.press("Space");
        await page.selectOption("#lead", { label: "Marston Police" });
        await page.focus('button:has-text("Apply filters")');
        await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
        await checkPage(page);
        expect(page.url()).toContain("rating=amber");
        const narrowed = await page.locator(".app-commitment-list__item").count();
        expect(narrowed).toBeLessThanOrEqual(count);
        const narrowedTags = await page.locator(".app-commitment-list__rating .govuk-tag").allTextContents();
        expect(narrowedTags.every((t) => t.trim() === "Amber")).toBe(true);
        expect(await page.isChecked("#rating-2")).toBe(true);
      } finally {
        await context.close();
      }
    });
  }
});

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ukDateOf } from "../src/domain/periods.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// A partner on the demo as loaded today: the home page says what they owe, the list and the form
// follow, the character count counts down as they type, and after submitting they owe one fewer.

describeInBrowser("a partner sees what they owe and submits an update", () => {
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

  it("goes from 'You owe' on the home page to a submitted update, with the character count", async () => {
    const { page, context } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("editor", "police").email);
      await page.goto(`${server.baseUrl}/p/ashvale`);
      await checkPage(page);
      const owedHeading = page.locator(".app-owed h2").first();
      const before = /You owe (\d+) updates? for (.+), due (.+)$/.exec(
        ((await owedHeading.textContent()) ?? "").trim(),
      );
      expect(before).not.toBeNull();
      const owed = Number(before![1]);
      expect(owed).toBeGreaterThan(0);

      await page.click('.app-owed a:has-text("Write your updates")');
      await checkPage(page);
      expect(page.url()).toContain("/your-updates#round-");
      await page.locator('.govuk-task-list__item:has(.govuk-tag:has-text("Not started")) a').first().click();
      await page.waitForLoadState();
      await checkPage(page);

      // The count says the limit before typing and counts down while typing.
      const count = page
        .locator("#narrative-info + .govuk-character-count__status, .govuk-character-count__status")
        .first();
      expect((await count.textContent())?.replace(/\s+/g, " ").trim()).toBe(
        "You have 10,000 characters remaining",
      );
      const words = "Twelve officers trained this quarter; the next course is booked.";
      await page.fill("#narrative", words);
      await page.keyboard.press("End");
      await expect
        .poll(async () => (await count.textContent())?.replace(/\s+/g, " ").trim())
        .toBe(`You have ${(10_000 - words.length).toLocaleString("en-GB")} characters remaining`);
      await page.check('input[name="rating"][value="green"]');
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Submit for review")')]);
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain("Update submitted for review");

      await page.goto(`${server.baseUrl}/p/ashvale`);
      const after = ((await page.locator(".app-owed h2").first().textContent()) ?? "").trim();
      if (owed === 1) expect(after).toContain("are all submitted");
      else
        expect(after).toContain(`You owe ${owed - 1} update${owed - 1 === 1 ? "" : "s"} for ${before![2]}`);
    } finally {
      await context.close();
    }
  });
});

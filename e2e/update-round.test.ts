import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// A whole quarterly round as its people live it: the coordinator opens it, a partner drafts and
// submits by keyboard alone, the coordinator returns it, the partner resubmits, it is accepted, and
// the commitment's rating and history change. Mails wait in the outbox (no SMTP in the demo).

async function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

/** Presses Tab until the element with this id has focus (the keyboard-only way to reach a field). */
async function tabTo(page: Page, id: string, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach #${id} with the Tab key`);
}

/** Runs an action that submits a form and waits for the page it leads to. */
async function andWait(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

describeInBrowser("a quarterly update round in Chromium", () => {
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

  it("opens, drafts, submits, returns, resubmits and accepts an update; the rating and history change", async () => {
    const admin = await newPage(browser);
    const partner = await newPage(browser);
    const coordinator = admin.page;
    const police = partner.page;
    const base = `${server.baseUrl}/p/ashvale`;
    try {
      // The coordinator opens a round for the current plan with every open action.
      await signIn(coordinator, server.baseUrl, demoUser("admin").email);
      await coordinator.click('nav a:has-text("Updates")');
      await checkPage(coordinator);
      await coordinator.click('a:has-text("Open a round")');
      await checkPage(coordinator);
      const nextYear = new Date().getUTCFullYear() + 1;
      await coordinator.fill("#name", "Q1 test round");
      await coordinator.fill("#deadline-day", "15");
      await coordinator.fill("#deadline-month", "1");
      await coordinator.fill("#deadline-year", String(nextYear));
      await andWait(coordinator, () => coordinator.click('button:has-text("Open the round")'));
      expect(coordinator.url()).toMatch(/\/rounds\/\d+$/);
      await checkPage(coordinator);
      const roundUrl = coordinator.url();
      expect(await coordinator.textContent("h1")).toContain("Q1 test round");

      // The police lead sees what their organisation owes and completes an update by keyboard alone.
      await signIn(police, server.baseUrl, demoUser("editor", "police").email);
      await police.click('nav a:has-text("Your updates")');
      await checkPage(police);
      const task = police.locator(".govuk-task-list__item a").first();
      const actionTitle = ((await task.textContent()) ?? "").trim();
      expect(actionTitle.length).toBeGreaterThan(5);
      await task.click();
      await checkPage(police);
      const formUrl = police.url();

      await tabTo(police, "rating");
      // Arrow keys move through a radio group; the first radio is Red, the second Amber.
      await police.keyboard.press("ArrowDown");
      expect(await police.isChecked('input[name="rating"][value="amber"]')).toBe(true);
      await tabTo(police, "narrative");
      await police.keyboard.type(
        "Training dates agreed with two of the three area commands; the third is rescheduling.",
      );
      // Submitting Amber without saying what is being done about it is refused.
      await tabTo(police, "narrative");
      await police.keyboard.press("Shift+Tab");
      await police.locator('button:has-text("Submit for review")').focus();
      await andWait(police, () => police.keyboard.press("Enter"));
      expect(await police.title()).toMatch(/^Error: /);
      await checkPage(police);
      expect(await police.locator('.govuk-error-summary a[href="#remedy"]').count()).toBe(1);
      expect(await police.inputValue("#narrative")).toContain("Training dates agreed");
      // Follow the error summary link with the keyboard, then write the remedy and submit.
      await police.locator('.govuk-error-summary a[href="#remedy"]').focus();
      await police.keyboard.press("Enter");
      expect(await focusedId(police)).toBe("remedy");
      await police.keyboard.type(
        "The superintendent has asked the third command for dates by the end of the month.",
      );
      await police.locator('button:has-text("Submit for review")').focus();
      await andWait(police, () => police.keyboard.press("Enter"));
      expect(await police.title()).not.toMatch(/^Error: /);
      await checkPage(police);

      // The coordinator returns it with a comment.
      await coordinator.goto(roundUrl);
      await checkPage(coordinator);
      await coordinator.locator('a:has-text("Review")').first().click();
      await checkPage(coordinator);
      const updateUrl = coordinator.url();
      await coordinator.fill("#comment", "Please add how many officers are booked so far.");
      await andWait(coordinator, () => coordinator.click('button:has-text("Return to the partner")'));
      await checkPage(coordinator);

      // The partner sees the comment, revises and resubmits.
      await police.goto(formUrl);
      await checkPage(police);
      expect(await police.textContent("main")).toContain("Please add how many officers are booked so far.");
      await police.fill(
        "#narrative",
        "Training dates agreed with two of the three area commands; 64 officers booked so far.",
      );
      await andWait(police, () => police.click('button:has-text("Submit for review")'));
      expect(await police.title()).not.toMatch(/^Error: /);
      await checkPage(police);

      // The coordinator accepts it.
      await coordinator.goto(updateUrl);
      await checkPage(coordinator);
      await andWait(coordinator, () => coordinator.click('button:has-text("Accept the update")'));
      await checkPage(coordinator);
      expect(await coordinator.textContent("main")).toMatch(/accepted/i);

      // The commitment's rating and progress so far now show it.
      await coordinator.goto(updateUrl);
      await coordinator.locator('main a[href*="/commitments/"]').first().click();
      await checkPage(coordinator);
      const main = (await coordinator.textContent("main")) ?? "";
      expect(main).toContain("64 officers booked so far");
      expect(main).toMatch(/Amber/);

      // The mails the round caused wait in the outbox: the opening notice to the police lead, and
      // the "returned" notice.
      await coordinator.goto(`${base}/outbox`);
      await checkPage(coordinator);
      const outbox = (await coordinator.textContent("main")) ?? "";
      expect(outbox).toContain(demoUser("editor", "police").email);
      expect(outbox).toContain("Q1 test round");
    } finally {
      await admin.context.close();
      await partner.context.close();
    }
  });
});

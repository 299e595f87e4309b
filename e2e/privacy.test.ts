import { like } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { updates } from "../src/db/schema.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// Personal data in Chromium: a partner pastes a victim's details into an update, is told what was
// found, removes it and submits. Journeys about the same data (the coordinator redacting a passage)
// join this file and reuse its server, browser and helpers.

const PASTED =
  "Jane Smith (DOB 14/02/1988, NHS no. 943 476 5919) of 12 Acacia Road… her son Tom (date of birth 03/06/2017)";

/** Runs an action that submits a form and waits for the page it leads to. */
async function andWait(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

describeInBrowser("personal data in Chromium", () => {
  let server: E2eServer;
  let browser: Browser;
  let coordinator: Page;
  let police: Page;
  const closers: Array<() => Promise<void>> = [];

  /** The coordinator opens a round for the current plan with every open action; returns its page. */
  async function openRound(name: string): Promise<string> {
    await coordinator.goto(`${server.baseUrl}/p/ashvale/rounds/new`);
    await checkPage(coordinator);
    await coordinator.fill("#name", name);
    await coordinator.fill("#deadline-day", "15");
    await coordinator.fill("#deadline-month", "1");
    await coordinator.fill("#deadline-year", String(new Date().getUTCFullYear() + 1));
    await andWait(coordinator, () => coordinator.click('button:has-text("Open the round")'));
    expect(coordinator.url()).toMatch(/\/rounds\/\d+$/);
    await checkPage(coordinator);
    return coordinator.url();
  }

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    const admin = await newPage(browser);
    const partner = await newPage(browser);
    closers.push(
      () => admin.context.close(),
      () => partner.context.close(),
    );
    coordinator = admin.page;
    police = partner.page;
    await signIn(coordinator, server.baseUrl, demoUser("admin").email);
    await signIn(police, server.baseUrl, demoUser("editor", "police").email);
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await browser?.close();
    await server?.close();
  });

  it("a partner pastes personal details into an update, sees what was found, removes them and submits", async () => {
    const roundUrl = await openRound("Q1 privacy round");

    await police.goto(`${server.baseUrl}/p/ashvale/your-updates`);
    await checkPage(police);
    await police.locator(".govuk-task-list__item a").first().click();
    await checkPage(police);
    expect(await police.locator("#identifiesNobody").count()).toBe(0);

    await police.check('input[name="rating"][value="green"]');
    await police.fill("#narrative", PASTED);
    await andWait(police, () => police.click('button:has-text("Submit for review")'));
    expect(await police.title()).toMatch(/^Error: /);
    await checkPage(police);
    const link = police.locator('.govuk-error-summary a[href="#narrative"]');
    expect(await link.textContent()).toContain("This may identify a person: a date of birth, 14/02/1988");
    expect(await police.inputValue("#narrative")).toBe(PASTED);
    // Only now is the writer offered the statement that the text identifies nobody.
    expect(await police.locator("#identifiesNobody").isVisible()).toBe(true);
    await link.click();
    expect(await police.evaluate(() => document.activeElement?.id)).toBe("narrative");

    await police.fill(
      "#narrative",
      "Two referrals this quarter came through the new route; the partner has been told how to use it.",
    );
    await andWait(police, () => police.click('button:has-text("Submit for review")'));
    expect(await police.title()).not.toMatch(/^Error: /);
    await checkPage(police);
    expect(await police.textContent("main")).toContain("Update submitted for review");

    // The coordinator's review page has nothing to warn about.
    await coordinator.goto(roundUrl);
    await coordinator.locator('a:has-text("Review")').first().click();
    await checkPage(coordinator);
    expect(await coordinator.textContent("main")).not.toContain("may identify a person");
    expect(await coordinator.textContent("main")).toContain("Two referrals this quarter");
  });

  it("a partner who states the text identifies nobody can submit it; the coordinator's review page warns", async () => {
    await police.goto(`${server.baseUrl}/p/ashvale/your-updates`);
    // The first action's update is submitted; the next one is still to do.
    await police.locator(".govuk-task-list__item a").nth(1).click();
    await checkPage(police);
    await police.check('input[name="rating"][value="green"]');
    await police.fill("#narrative", "Training for staff at 12 Acacia Road, the new family hub, is booked.");
    await andWait(police, () => police.click('button:has-text("Submit for review")'));
    expect(await police.title()).toMatch(/^Error: /);
    expect(await police.locator('.govuk-error-summary a[href="#narrative"]').textContent()).toContain(
      "a home address, 12 Acacia Road",
    );
    await police.check("#identifiesNobody");
    await andWait(police, () => police.click('button:has-text("Submit for review")'));
    expect(await police.title()).not.toMatch(/^Error: /);
    expect(await police.textContent("main")).toContain("Update submitted for review");

    const [submitted] = await server.database.db
      .select({ id: updates.id })
      .from(updates)
      .where(like(updates.narrative, "%12 Acacia Road%"));
    await coordinator.goto(`${server.baseUrl}/p/ashvale/updates/${submitted!.id}`);
    await checkPage(coordinator);
    expect(await coordinator.textContent(".govuk-warning-text")).toContain(
      "This update may identify a person: a home address in what has happened.",
    );
  });
});

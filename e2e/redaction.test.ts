import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, ukDateOf } from "../src/domain/periods.ts";
import { systemActor } from "../src/services/actor.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// The coordinator finds a partner's accepted update naming a victim and redacts the passage, by
// keyboard alone and without JavaScript: the update and the audit log then read "[redacted]".

const PASSAGE = "Jane Smith (DOB 14/02/1988) of 12 Acacia Road";

async function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => document.activeElement?.id);
}

async function tabTo(page: Page, id: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach #${id} with the Tab key`);
}

/** Tabs to the link or button whose text starts with `text`. */
async function tabToText(page: Page, text: string, limit = 120): Promise<void> {
  for (let i = 0; i < limit; i++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
    if (focused.startsWith(text)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach "${text}" with the Tab key`);
}

async function andWait(page: Page, action: () => Promise<void>): Promise<void> {
  await Promise.all([page.waitForNavigation(), action()]);
}

describeInBrowser("redacting a passage in Chromium", () => {
  let server: E2eServer;
  let browser: Browser;
  let updateId: number;

  beforeAll(async () => {
    server = await startE2eServer();
    browser = await launchBrowser();
    // An accepted update whose narrative names a victim, as the update cycle would have left it.
    const { rows } = await server.database.execute(
      `select a.id as "actionId", a.action_plan_id as "planId", a.partnership_id as "pid"
         from actions a join action_plans p on p.id = a.action_plan_id
        order by p.starts_on desc, a.id limit 1`,
    );
    const { actionId, planId, pid } = rows[0] as { actionId: number; planId: number; pid: number };
    const actor = systemActor("e2e", pid);
    const today = ukDateOf(new Date());
    const { round } = await server.services.rounds.open(actor, {
      actionPlanId: planId,
      name: "Redaction round",
      periodStart: addDays(today, -90),
      periodEnd: addDays(today, -1),
      deadline: addDays(today, 14),
      graceDays: 5,
      reminderDaysBefore: 7,
      actionIds: [actionId],
    });
    const update = await server.services.updates.save(
      actor,
      round.id,
      actionId,
      null,
      {
        rating: "green",
        narrative: `The IDVA supported ${PASSAGE} through the court case.`,
        remedy: "",
        toNote: "",
        evidenceLinks: [],
        // Past the personal-data guard only because the writer wrongly stated it identifies nobody.
        identifiesNobody: true,
      },
      "submit",
    );
    await server.services.updates.accept(actor, update.id, update.version);
    updateId = update.id;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("redacts a passage from an accepted update; the update and the audit log show [redacted]", async () => {
    const { context, page } = await newPage(browser, { javaScript: false });
    const base = `${server.baseUrl}/p/ashvale`;
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, `${base}/updates/${updateId}`);
      expect(await page.textContent("main")).toContain(PASSAGE);

      await tabToText(page, "Redact a passage");
      await andWait(page, () => page.keyboard.press("Enter"));
      expect(page.url()).toBe(`${base}/updates/${updateId}/redact`);
      await checkPage(page);

      // Continue with nothing chosen: the error summary links to each field.
      await tabToText(page, "Continue");
      await andWait(page, () => page.keyboard.press("Enter"));
      await checkPage(page);
      expect(await page.textContent(".govuk-error-summary")).toContain("Select the part of the record");

      await tabTo(page, "field");
      await page.keyboard.press("Space");
      expect(await page.isChecked('input[name="field"][value="narrative"]')).toBe(true);
      await tabTo(page, "passage");
      await page.keyboard.type(PASSAGE);
      await tabTo(page, "reason");
      await page.keyboard.type("Names a victim and gives her date of birth and address");
      await tabToText(page, "Continue");
      await andWait(page, () => page.keyboard.press("Enter"));
      await checkPage(page);
      expect(await page.textContent("h1")).toContain("Check before you redact");
      expect(await page.textContent("main")).toContain("This cannot be undone");

      await tabToText(page, "Redact the passage");
      await andWait(page, () => page.keyboard.press("Enter"));
      expect(page.url()).toBe(`${base}/updates/${updateId}`);
      await checkPage(page);
      const main = (await page.textContent("main")) ?? "";
      expect(main).toContain("Passage redacted");
      expect(main).toContain("The IDVA supported [redacted] through the court case.");
      expect(main).not.toContain(PASSAGE);

      await visit(page, `${base}/audit?entityType=update&entityId=${updateId}`);
      const log = (await page.textContent("main")) ?? "";
      expect(log).toContain("Redaction");
      expect(log).toContain("Names a victim");
      expect(log).toContain("[redacted]");
      expect(log).not.toContain(PASSAGE);
    } finally {
      await context.close();
    }
  });
});

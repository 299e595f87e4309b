import { and, asc, eq, isNull } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { actionLeads, memberships, roundActions, rounds, updates, users } from "../src/db/schema.ts";
import { quarterOf, ukDateOf } from "../src/domain/periods.ts";
import { systemActor } from "../src/services/actor.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// Issue 14's browser journeys: the coordinator records a stream funded by four bodies with JavaScript
// off and the keyboard alone, and sees its total with its parts; a partner reports spend in the Spend
// section of their quarterly update; the coordinator sees it on the review. axe-core on every page.

const SCREENSHOTS = process.env.FUNDING_SCREENSHOTS;

/** Types into a field reached by focus, as a keyboard user would. */
async function typeInto(page: Page, selector: string, text: string) {
  await page.focus(selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** Submits the page's main form with Enter on its button, and checks the page it lands on. */
async function submitWith(page: Page, button: string) {
  await page.focus(`button:has-text("${button}")`);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await checkPage(page);
}

describeInBrowser("funding: a contribution-funded stream, and spend in the quarterly update", () => {
  let server: E2eServer;
  let browser: Browser;
  let year: number;
  let roundId: number;
  let actionId: number;

  beforeAll(async () => {
    server = await startE2eServer({ demoProgress: true, demoToday: ukDateOf(new Date()) });
    browser = await launchBrowser();
    const db = server.database.db;
    const [police] = await db
      .select({ pid: memberships.partnershipId, orgId: memberships.organisationId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(users.email, demoUser("editor", "police").email));
    const [owed] = await db
      .select({ roundId: rounds.id, actionId: roundActions.actionId, periodStart: rounds.periodStart })
      .from(roundActions)
      .innerJoin(rounds, eq(rounds.id, roundActions.roundId))
      .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
      .leftJoin(updates, and(eq(updates.roundId, rounds.id), eq(updates.actionId, roundActions.actionId)))
      .where(
        and(eq(rounds.status, "open"), eq(actionLeads.organisationId, police!.orgId), isNull(updates.id)),
      )
      .orderBy(asc(roundActions.actionId))
      .limit(1);
    roundId = owed!.roundId;
    actionId = owed!.actionId;
    year = quarterOf(owed!.periodStart).startYear;
    // The police action's money, for the partner's journey.
    const actor = systemActor("e2e", police!.pid);
    const stream = await server.services.funding.createStream(
      actor,
      {
        name: "Police and Crime Commissioner's contribution",
        kind: "partner_contribution",
        funderOrganisationId: null,
        funderName: "Police and Crime Commissioner",
        firstYearStart: year,
        lastYearStart: year,
        conditions: "",
        reportingRequirements: "Quarterly spend return",
        decisionReference: "",
        decisionLink: "",
        awardedOn: null,
        startsOn: null,
        endsOn: null,
      },
      5_000_000,
    );
    await server.services.fundingAllocations.create(actor, stream.id, {
      yearStart: year,
      amountPence: 2_000_000,
      notes: "",
      target: { kind: "action", actionId },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("records a stream funded by four bodies, without JavaScript, and shows its total with its parts", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await page.goto(`${server.baseUrl}/p/ashvale/funding`);
      await checkPage(page);
      await page.focus('a:has-text("Add a funding stream")');
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      await typeInto(page, "#name", "Regional project pot");
      await page.focus("#kind-4");
      await page.keyboard.press("Space");
      await typeInto(page, "#funderName", "Four bodies of the region");
      await page.selectOption("#firstYearStart", String(year));
      await page.selectOption("#lastYearStart", String(year));
      await typeInto(page, "#decisionReference", "Decision 2021-00270503");
      await submitWith(page, "Save funding stream");
      expect(await page.textContent(".govuk-notification-banner")).toContain("Regional project pot added");
      const streamUrl = page.url();
      for (const [who, amount] of [
        ["Northshire County Council", "8,000"],
        ["Eastvale Borough Council", "8000"],
        ["Westmoor District Council", "£8,000.00"],
        ["Police and Crime Commissioner", "£10,500"],
      ]) {
        await page.focus('a:has-text("Add a contribution")');
        await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
        await checkPage(page);
        await typeInto(page, "#contributorName", who!);
        await typeInto(page, "#amount", amount!);
        await submitWith(page, "Save contribution");
      }
      expect(page.url()).toBe(streamUrl);
      expect(await page.textContent("#stream-total")).toBe("£34,500 = 3 × £8,000 + £10,500");
      if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/funding-stream.png`, fullPage: true });
      // Allocating more than the year holds is refused with the amounts.
      await page.focus('a:has-text("Allocate funding")');
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await checkPage(page);
      await page.check("#targetKind-4");
      await typeInto(page, "#projectName", "Regional helpline");
      await typeInto(page, "#amount", "36000");
      await submitWith(page, "Save allocation");
      expect(await page.textContent(".govuk-error-summary")).toContain(
        `This would allocate £36,000 of £34,500: £1,500 more than the stream holds for ${year}/${String((year + 1) % 100).padStart(2, "0")}`,
      );
    } finally {
      await context.close();
    }
  });

  it("lets the lead organisation report spend in its quarterly update, and the coordinator see it", async () => {
    const { page, context } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("editor", "police").email);
      await page.goto(`${server.baseUrl}/p/ashvale/rounds/${roundId}/actions/${actionId}/update`);
      await checkPage(page);
      expect(await page.textContent("#spend")).toContain("Spend, Q");
      await page.check('input[name="rating"][value="amber"]');
      await page.fill("#narrative", "Two of three posts filled this quarter.");
      await page.fill("#remedy", "The third post is advertised again.");
      const prefix = (await page.getAttribute('input[name$="-forecast"]', "name"))!.replace("forecast", "");
      await page.fill(`[name="${prefix}actual"]`, "6,250");
      await page.fill(`[name="${prefix}forecast"]`, "16,000");
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Submit for review")')]);
      await checkPage(page);
      // £4,000 under a £20,000 budget is 20%: past the 10% threshold, so it must be explained.
      expect(await page.textContent(".govuk-error-summary")).toContain("Explain the variance");
      await page.fill(`[name="${prefix}explanation"]`, "One post was vacant from July to September.");
      if (SCREENSHOTS) {
        await page.locator("#spend").scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${SCREENSHOTS}/update-spend.png`, fullPage: true });
      }
      await Promise.all([page.waitForNavigation(), page.click('button:has-text("Submit for review")')]);
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain("Update submitted for review");
    } finally {
      await context.close();
    }
    const coordinator = await newPage(browser);
    try {
      await signIn(coordinator.page, server.baseUrl, demoUser("admin").email);
      await coordinator.page.goto(`${server.baseUrl}/p/ashvale/rounds/${roundId}`);
      const [submitted] = await server.database.db
        .select({ id: updates.id })
        .from(updates)
        .where(and(eq(updates.roundId, roundId), eq(updates.actionId, actionId)));
      await coordinator.page.goto(`${server.baseUrl}/p/ashvale/updates/${submitted!.id}`);
      await checkPage(coordinator.page);
      expect(await coordinator.page.textContent("#main-content")).toContain(
        "One post was vacant from July to September.",
      );
      expect(await coordinator.page.textContent("#main-content")).toContain("£6,250");
    } finally {
      await coordinator.context.close();
    }
  });
});

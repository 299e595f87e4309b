import { and, asc, eq, gte } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { boards } from "../src/db/schema.ts";
import { meetings } from "../src/db/schema-governance.ts";
import { ukDateOf } from "../src/domain/periods.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// Issue 13's browser journeys, with JavaScript off: the coordinator adds an item to the Steering
// Group's next agenda with the keyboard alone and publishes the meeting's pack; a board member opens
// the pack from their home page and filters the decision log. axe-core checks every page.

const COORDINATOR = "coordinator@ashvale.example";
/** The police and crime commissioner's officer: a viewer who holds a seat on the Steering Group. */
const BOARD_MEMBER = "steering.member@ashvale.example";
const ITEM_TITLE = "Learning from a domestic homicide review: briefing";

/** Types into a field reached by focus, as a keyboard user would. */
async function typeInto(page: Page, selector: string, text: string) {
  await page.focus(selector);
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
}

/** Chooses a radio by focusing it and pressing Space. */
async function choose(page: Page, name: string, value: string) {
  await page.focus(`input[name="${name}"][value="${value}"]`);
  await page.keyboard.press("Space");
}

/** Follows a link or presses a button reached by focus, with Enter, and checks the page it lands on. */
async function activate(page: Page, selector: string) {
  await page.focus(selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await checkPage(page);
}

describeInBrowser("governance: an agenda, its published pack, and the decision log", () => {
  let server: E2eServer;
  let browser: Browser;
  let meetingId: number;

  beforeAll(async () => {
    server = await startE2eServer({ demoProgress: true, demoToday: ukDateOf(new Date()) });
    browser = await launchBrowser();
    const db = server.database.db;
    const [board] = await db.select().from(boards).where(eq(boards.name, "Domestic Abuse Steering Group"));
    const [next] = await db
      .select()
      .from(meetings)
      .where(and(eq(meetings.boardId, board!.id), gte(meetings.meetsOn, ukDateOf(new Date()))))
      .orderBy(asc(meetings.meetsOn))
      .limit(1);
    meetingId = next!.id;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the coordinator adds an agenda item with the keyboard and publishes the pack", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, COORDINATOR);
      await visit(page, `${server.baseUrl}/p/ashvale/boards`);
      await activate(page, 'a:has-text("Domestic Abuse Steering Group")');
      expect(await page.textContent("main")).toContain("Local Partnership Board");
      await activate(page, `a[href$="/meetings/${meetingId}"]`);
      const agendaBefore = await page.locator("main").textContent();
      expect(agendaBefore).not.toContain(ITEM_TITLE);

      await activate(page, 'a:has-text("Add an agenda item")');
      await typeInto(page, "#title", ITEM_TITLE);
      await choose(page, "purpose", "discussion");
      await typeInto(page, "#presenter", "Partnership coordinator");
      await typeInto(page, "#durationMinutes", "20");
      await choose(page, "subject", "text");
      await typeInto(
        page,
        "#description",
        "What the review found about early help, and what partners will change.",
      );
      await activate(page, 'button:has-text("Save item")');
      expect(page.url()).toContain(`/meetings/${meetingId}`);
      expect(await page.textContent("main")).toContain(ITEM_TITLE);

      await activate(page, 'a:has-text("The meeting’s pack")');
      expect(await page.textContent("main")).toContain(ITEM_TITLE);
      await activate(page, 'button:has-text("Publish pack")');
      expect(page.url()).toMatch(/\/packs\/\d+$/);
      const published = await page.textContent("main");
      expect(published).toContain("Version 1 of 1");
      expect(published).toContain(ITEM_TITLE);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("a board member opens the pack from home and filters the decision log", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await signIn(page, server.baseUrl, BOARD_MEMBER);
      await visit(page, `${server.baseUrl}/p/ashvale`);
      expect(await page.textContent("main")).toContain("Your boards’ latest packs");
      await activate(page, 'a[href*="/packs/"]');
      expect(await page.textContent("main")).toContain(ITEM_TITLE);

      await visit(page, `${server.baseUrl}/p/ashvale/decisions`);
      const all = await page.textContent("#log-count");
      await choose(page, "key", "yes");
      await activate(page, 'button:has-text("Apply filter")');
      expect(page.url()).toContain("key=yes");
      const filtered = await page.textContent("#log-count");
      expect(filtered).toContain("filtered by");
      expect(Number.parseInt(filtered ?? "0", 10)).toBeLessThan(Number.parseInt(all ?? "0", 10));
      expect(await page.textContent("#decision-log")).toContain("DASG-");
    } finally {
      await context.close();
    }
  }, 180_000);
});

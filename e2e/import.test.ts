import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { systemActor } from "../src/services/actor.ts";
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

  it("coordinator of a new partnership imports the council's Word action plan and confirms two near-miss matches", async () => {
    // A partnership that has just joined: its organisations and coordinator, and the strategy framework
    // imported from the council's Word document (creating the strategy as it goes).
    const fixtures = path.resolve(import.meta.dirname, "../test/fixtures/council");
    const { services } = server;
    const partnership = await services.partnerships.create(systemActor("e2e"), {
      slug: "marbridge",
      name: "Marbridge Domestic Abuse Partnership",
      areaName: "Marbridge",
    });
    const cli = systemActor("e2e", partnership.id);
    const names = [
      "Marbridge Borough Council",
      "Marbridge Police",
      "Marbridge Public Health",
      "Marbridge Adult Social Care",
    ];
    const orgs = [];
    for (const name of names) orgs.push(await services.organisations.create(cli, { name, kind: "" }));
    const password = "orchard-lantern-harbour-9";
    await services.people.add(
      cli,
      {
        email: "coordinator@marbridge.example",
        name: "Rae Coordinator",
        organisationId: orgs[0]!.id,
        role: "admin",
      },
      password,
    );
    const target = {
      kind: "framework" as const,
      createStrategy: { title: "Marbridge Domestic Abuse Strategy", startYear: 2016, endYear: 2021 },
    };
    const framework = await services.imports.preview(cli, target, {
      filename: "framework-2016-2021.docx",
      data: await readFile(path.join(fixtures, "framework-2016-2021.docx")),
    });
    await services.imports.apply(cli, target, framework.token!, { organisations: {} });

    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, "coordinator@marbridge.example", password);
      await visit(page, `${server.baseUrl}/p/marbridge/action-plans`);
      await page.click('a:has-text("Import an action plan from a file")');
      await page.waitForSelector("h1:has-text('Import an action plan from a file')");
      await checkPage(page);
      await page.fill("#period", "2017-18");
      await page.setInputFiles("#file", path.join(fixtures, "action-plan-2017-18.docx"));
      await page.click('button:has-text("Check the file")');
      await page.waitForSelector("h1:has-text('Check the import')");
      await checkPage(page);
      const preview = (await page.textContent("main")) ?? "";
      expect(preview).toContain("8 new actions, 1 new commitment");
      expect(preview).toContain("“All partners” (row 3) is not an organisation");
      expect(preview).toContain("“What we will do” names the commitment");

      // The two near misses of priority 3, each offered with its score and the file's own words.
      for (const [row, number, words] of [
        [5, "3.1", "Train front-line staff to ask about domestic abuse as routine"],
        [6, "3.2", "Share information about families at risk earlier"],
      ] as const) {
        const choice = page.getByLabel(`Commitment for row ${row}`);
        expect(await choice.locator("option:checked").textContent()).toMatch(new RegExp(`^${number} `));
        const hint = (await page.locator(`#commitment-${row}-hint`).textContent()) ?? "";
        expect(hint).toMatch(/Matched by wording \(9\d% alike\)/);
        expect(hint).toContain(words);
        await choice.selectOption({ label: (await choice.locator("option:checked").textContent())!.trim() });
      }
      // "Police" is suggested as Marbridge Police.
      expect(
        await page.getByLabel("Police", { exact: true }).locator("option:checked").textContent(),
      ).toContain("Marbridge Police");

      await page.click('button:has-text("Import 8 actions")');
      await page.waitForURL(/\/p\/marbridge\/action-plans\/\d+$/);
      await checkPage(page);
      expect(await page.textContent("h1")).toContain("2017–18");
      const banner = (await page.textContent(".govuk-notification-banner")) ?? "";
      expect(banner).toContain("Imported 8 actions");
      // The suggested matches kept ("Police" → Marbridge Police…) are not counted as new organisations.
      expect(banner).toMatch(/\d+ leads recorded as existing organisations/);
      const routine = await page
        .locator("tr", { hasText: "Routine enquiry training in GP practices" })
        .locator("td")
        .allTextContents();
      expect(routine.join(" ")).toContain("3.1");
      expect(routine.join(" ")).toContain("Marbridge Public Health");
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

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

describeInBrowser("key statistics journeys in Chromium", () => {
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
    it(`coordinator adds an indicator, imports its figures, and sees the judgement, chart and table (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser, { javaScript });
      const name = `Repeat police call-outs (${javaScript ? "js" : "nojs"})`;
      try {
        await signIn(page, server.baseUrl, demoUser("admin").email);
        await page.click('nav a:has-text("Statistics")');
        await page.waitForURL(/\/indicators$/);
        await checkPage(page);
        expect(await page.textContent("h1")).toBe("Key statistics");

        // Add the indicator, first with a mistake to see the error pattern.
        await page.click('a:has-text("Add an indicator")');
        await checkPage(page);
        await page.fill("#name", name);
        await page.click('button:has-text("Save indicator")');
        expect(await page.title()).toMatch(/^Error: /);
        await checkPage(page);
        expect(await page.inputValue("#name")).toBe(name);
        await page.fill(
          "#definition",
          "Domestic abuse call-outs to an address the police attended in the previous 12 months.",
        );
        await page.check("#unit-2");
        await page.fill("#source", "Marston Police incident system");
        await page.check("#polarity-2");
        await page.check("#kind");
        await page.fill("#baselinePeriod", "2023/24");
        await page.fill("#baselineValue", "32");
        await page.fill("#targetValue", "25");
        await page.fill("#targetDate-day", "31");
        await page.fill("#targetDate-month", "3");
        await page.fill("#targetDate-year", "2027");
        await page.click('button:has-text("Save indicator")');
        await page.waitForURL(/\/indicators\/\d+$/);
        await checkPage(page);
        expect(await page.textContent(".govuk-notification-banner")).toContain("added");
        expect(await page.textContent("main")).toContain("There are no figures for this indicator yet.");

        // Import its figures from a CSV file: preview first, then confirm.
        await page.goto(`${server.baseUrl}/p/ashvale/indicators/import`);
        await checkPage(page);
        const csv = [
          "indicator,period,area,value,numerator,denominator",
          `${name},Q1 2024/25,Ashvale Borough,,31,100`,
          `${name},Q2 2024/25,Ashvale Borough,,29,100`,
          `${name},Q1 2024/25,England,30.5,,`,
          `${name},Q2 2024/25,England,30.1,,`,
        ].join("\r\n");
        await page.setInputFiles("#file", {
          name: "figures.csv",
          mimeType: "text/csv",
          buffer: Buffer.from(csv),
        });
        await page.click('button:has-text("Check the figures")');
        await page.waitForURL(/\/indicators\/imports\/\d+$/);
        await checkPage(page);
        expect(await page.textContent("main")).toContain("4 new, 0 changed");
        await page.click('button:has-text("Import 4 figures")');
        await page.waitForURL(/\/indicators$/);
        await checkPage(page);
        expect(await page.textContent(".govuk-notification-banner")).toContain("4 figures imported");

        // The indicator now has a judgement (with its word), a chart and the same figures as a table.
        await page.click(`a:has-text("${name}")`);
        await checkPage(page);
        const main = (await page.textContent("main")) ?? "";
        expect(main).toContain("Latest figure for Ashvale Borough: 29.0% in Q2 2024/25");
        expect(await page.locator("main .govuk-summary-list .govuk-tag").first().textContent()).toMatch(
          /Green|Amber|Red/,
        );
        expect(main).toContain("Improving: down 2.0 percentage points from 31.0% in Q1 2024/25");
        const chart = page.locator('main figure svg[role="img"]');
        expect(await chart.count()).toBe(1);
        expect(await chart.locator("title").textContent()).toContain(name);
        expect(await page.textContent("main figure figcaption")).toContain(
          "Ashvale Borough: 29.0% in Q2 2024/25",
        );
        const rows = page.locator("main table tbody tr");
        expect(await rows.count()).toBe(2);
        expect(await rows.first().textContent()).toContain("29.0%");
        expect(await rows.first().textContent()).toContain("30.1%");

        // Everyone in the partnership can read it.
        await page.click("details summary >> nth=0");
        expect(await page.textContent("details .govuk-details__text >> nth=0")).toContain("Green when");
      } finally {
        await context.close();
      }
    });
  }

  it("a board member reads the key statistics, and the coordinator previews what would be published", async () => {
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("viewer").email);
      await visit(page, `${server.baseUrl}/p/ashvale/indicators`);
      await page.click('a:has-text("Marac repeat cases")');
      await checkPage(page);
      expect(await page.textContent("main")).toContain("Definition changed");
      await context.clearCookies();
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, `${server.baseUrl}/p/ashvale/indicators/published`);
      expect(await page.textContent("main")).toContain("fewer than 5");
      // The coordinator's other key statistics pages, each checked with axe-core.
      for (const path of ["templates", "areas", "2/edit", "2/links", "2/notes/new", "2/observations/new"]) {
        await visit(page, `${server.baseUrl}/p/ashvale/indicators/${path}`);
      }
      await page.click('button:has-text("Save figure")');
      expect(await page.title()).toMatch(/^Error: /);
      await checkPage(page);
    } finally {
      await context.close();
    }
  });

  it("shows the strategy review's charts as images under the page's own security policy, and the page cached and gzipped", async () => {
    // A context that enforces the Content-Security-Policy (newPage bypasses it for axe): the charts
    // must load as the page's policy allows them, as they do for a real visitor.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const refused: string[] = [];
    try {
      const page = await context.newPage();
      page.on("console", (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(`${server.baseUrl}/sign-in`);
      await page.fill("#email", demoUser("admin").email);
      await page.fill("#password", "waymark-demo-password");
      await page.click('button:has-text("Sign in")');
      await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
      const address = `${server.baseUrl}/p/ashvale/reports/strategy-review?format=html`;
      await page.goto(address);
      const again = await page.goto(address);
      // The second visit comes from the page cache, gzipped as Chromium asks for it.
      expect(again?.status()).toBe(200);
      expect(await again?.headerValue("content-encoding")).toBe("gzip");
      const charts = page.locator('main figure img[src^="data:image/svg+xml,"]');
      expect(await charts.count()).toBeGreaterThan(0);
      const drawn = await charts.evaluateAll((images) =>
        images.map(
          (image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth,
        ),
      );
      expect(drawn.every((width) => typeof width === "number" && width > 100)).toBe(true);
      expect(refused).toEqual([]);
    } finally {
      await context.close();
    }
    const { context: checked, page } = await newPage(browser);
    try {
      await signIn(page, server.baseUrl, demoUser("admin").email);
      await visit(page, `${server.baseUrl}/p/ashvale/reports/strategy-review?format=html`);
    } finally {
      await checked.close();
    }
  });
});

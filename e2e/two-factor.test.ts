import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { totpCodeAt } from "../src/services/two-factor/totp.ts";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

// Issue 17: the coordinator, with JavaScript off and the keyboard alone, where two-factor is required
// for coordinators: signs in, is taken to set it up, adds the key to an "app" (here the test, from the
// text key on the page), confirms a code, keeps the recovery codes, signs out, signs in again with a
// code, and reads Your sessions. Every page on the way is checked with axe-core.

describeInBrowser("two-factor sign-in in Chromium", () => {
  let server: E2eServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startE2eServer({
      config: { twoFactor: { requiredForAdmins: true, key: "an-e2e-key-of-at-least-thirty-two-characters" } },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Focuses a field (as Tab would reach it) and types into it with the keyboard. */
  async function type(page: Page, selector: string, text: string) {
    await page.focus(selector);
    await page.keyboard.type(text);
  }
  /** Submits the focused field's form with Enter, as a keyboard user does, and waits for the answer. */
  async function enter(page: Page) {
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    await checkPage(page);
  }
  async function passwordStep(page: Page, email: string) {
    await visit(page, `${server.baseUrl}/sign-in`);
    await type(page, "#email", email);
    await type(page, "#password", "waymark-demo-password");
    await enter(page);
  }

  it("a coordinator sets up two-factor when first signing in, then signs in with a code", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      const admin = demoUser("admin");
      await passwordStep(page, admin.email);
      expect(new URL(page.url()).pathname).toBe("/account/two-factor/set-up");
      expect(await page.textContent(".govuk-inset-text")).toContain("Coordinators must use two-factor");
      expect(await page.getAttribute("img.app-qr-code", "src")).toMatch(/^data:image\/svg\+xml;base64,/);
      // Nothing else opens until it is set up.
      await page.goto(`${server.baseUrl}/p/ashvale`);
      expect(new URL(page.url()).pathname).toBe("/account/two-factor/set-up");

      const secret = ((await page.textContent("#totp-key")) ?? "").replace(/\s/g, "");
      await type(page, "#code", "000000");
      await enter(page);
      expect(await page.textContent(".govuk-error-summary")).toContain("Enter the 6-digit code");
      await type(page, "#code", totpCodeAt(secret));
      await enter(page);
      expect(await page.textContent("h1")).toBe("Your recovery codes");
      expect(await page.locator("#recovery-codes li").count()).toBe(10);
      await page.focus('a:has-text("Continue")');
      await enter(page);
      expect(await page.textContent("header")).toContain(admin.name);

      await page.focus('button:has-text("Sign out")');
      await enter(page);
      expect(new URL(page.url()).pathname).toBe("/sign-in");

      await passwordStep(page, admin.email);
      expect(new URL(page.url()).pathname).toBe("/sign-in/two-factor");
      // The next step's code: this step's was used to set it up.
      await type(page, "#code", totpCodeAt(secret, Date.now() + 30_000));
      await enter(page);
      expect(new URL(page.url()).pathname).not.toMatch(/^\/sign-in/);
      expect(await page.textContent("header")).toContain(admin.name);

      await visit(page, `${server.baseUrl}/account`);
      await visit(page, `${server.baseUrl}/account/two-factor`);
      expect(await page.textContent(".govuk-summary-list")).toContain("10 of 10");
      await visit(page, `${server.baseUrl}/account/sessions`);
      expect(await page.textContent("table")).toContain("This session");
    } finally {
      await context.close();
    }
  });
});

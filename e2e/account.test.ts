import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { demoUser } from "../test/support/app.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, signIn, visit } from "./support/browser.ts";
import { type E2eServer, startE2eServer } from "./support/server.ts";

describeInBrowser("your account in Chromium", () => {
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

  it("a person finds Your account in the header, is told why a weak password is refused, changes it and signs out", async () => {
    const { context, page } = await newPage(browser);
    try {
      const viewer = demoUser("viewer");
      await signIn(page, server.baseUrl, viewer.email);
      await page.click('header a:has-text("Your account")');
      await page.waitForURL((url) => url.pathname === "/account");
      await checkPage(page);
      await page.click('a[href="/account/password"]');
      await checkPage(page);
      await page.fill("#currentPassword", "waymark-demo-password");
      await page.fill("#newPassword", "password1234");
      await page.click('button:has-text("Change password")');
      await checkPage(page);
      expect(await page.textContent(".govuk-error-summary")).toContain("too common");
      expect(await page.getAttribute('.govuk-error-summary a[href="#newPassword"]', "href")).toBe(
        "#newPassword",
      );
      expect(await page.inputValue("#currentPassword")).toBe("");
      await page.fill("#currentPassword", "waymark-demo-password");
      await page.fill("#newPassword", "kettle orbit lantern");
      await page.click('button:has-text("Change password")');
      await page.waitForURL((url) => url.pathname === "/account");
      await checkPage(page);
      expect(await page.textContent(".govuk-notification-banner")).toContain(
        "Your password has been changed",
      );
      const sessionCookie = async () => (await context.cookies()).find((c) => c.name === "waymark_session");
      const signedIn = await sessionCookie();
      expect(signedIn).toBeDefined();
      await page.click('button:has-text("Sign out")');
      await page.waitForURL((url) => url.pathname === "/sign-in");
      // The browser dropped the signed-in cookie; the sign-in page may start a fresh, empty session.
      expect((await sessionCookie())?.value).not.toBe(signedIn?.value);
      await visit(page, `${server.baseUrl}/sign-in`);
      await signIn(page, server.baseUrl, viewer.email, "kettle orbit lantern");
      expect(await page.textContent("header")).toContain(viewer.name);
    } finally {
      await context.close();
    }
  });
});

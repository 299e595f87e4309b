import { createServer } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestApp, demoUser, type TestApp } from "../test/support/app.ts";
import { startTestProvider, type TestProvider } from "../test/support/oidc-provider.ts";
import { checkPage, describeInBrowser, launchBrowser, newPage, visit } from "./support/browser.ts";

// Issue 17: single sign-on in Chromium with JavaScript off, against a real OpenID Connect provider on
// loopback (oidc-provider): the person signs in through the provider's own login form, reaches
// Waymark signed in, signs out, and the provider's session ends too (the next sign-in asks again).
// Waymark's pages on the way are checked with axe-core; the provider's pages are not Waymark's.

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describeInBrowser("single sign-on in Chromium", () => {
  let t: TestApp;
  let provider: TestProvider;
  let browser: Browser;
  let baseUrl = "";
  const person = demoUser("editor");

  beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    provider = await startTestProvider(baseUrl);
    provider.accounts.set("person", { email: person.email, email_verified: true });
    t = await createTestApp({
      demo: true,
      config: {
        baseUrl,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          allowedDomains: [],
          emailClaim: "email",
        },
      },
    });
    await t.app.listen({ port, host: "127.0.0.1" });
    browser = await launchBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await provider?.close();
  });

  it("signs in through the provider's login form and signs out of both", async () => {
    const { page, context } = await newPage(browser, { javaScript: false });
    try {
      await visit(page, `${baseUrl}/sign-in`);
      const button = page.getByRole("button", { name: "Sign in with your organisation's account" });
      await Promise.all([page.waitForURL(`${provider.issuer}/**`), button.click()]);
      await page.fill('input[name="login"]', "person");
      await page.fill('input[name="password"]', "any");
      await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
      // The provider asks once to share the e-mail address with Waymark.
      if (page.url().startsWith(provider.issuer))
        await Promise.all([page.waitForURL(`${baseUrl}/**`), page.click('button[type="submit"]')]);
      expect(page.url().startsWith(baseUrl)).toBe(true);
      await checkPage(page);
      await visit(page, `${baseUrl}/account`);
      expect(await page.textContent("main")).toContain(person.email);

      await Promise.all([page.waitForURL(`${provider.issuer}/**`), page.click(".app-account__form button")]);
      // The provider's end-session asks to confirm, then returns to Waymark's sign-in page.
      await Promise.all([page.waitForURL(`${baseUrl}/sign-in**`), page.click('button[name="logout"]')]);
      await checkPage(page);
      await page.goto(`${baseUrl}/account`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      // The provider's session ended too: signing in again shows its login form.
      await page.goto(`${baseUrl}/sign-in/oidc`);
      expect(await page.locator('input[name="login"]').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

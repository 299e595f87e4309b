import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

describe.each(testDatabaseKinds())("signing in and out (%s)", (kind) => {
  let t: TestApp;
  const admin = demoUser("admin");

  beforeAll(async () => {
    t = await createTestApp({
      kind,
      config: {
        rateLimits: { signInPerAddress: 1000, signInPerAccountAndAddress: 3, signInPerAccount: 1000 },
      },
    });
  });
  afterAll(async () => t?.close());

  it("sends people who are not signed in to the sign-in page, remembering where they were going", async () => {
    const client = new TestClient(t.app);
    const response = await client.get("/p/ashvale/strategies");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/sign-in?returnTo=%2Fp%2Fashvale%2Fstrategies");
  });

  it("signs in with the right password, on a new session id, and returns to the page asked for", async () => {
    const client = new TestClient(t.app);
    await client.get("/sign-in?returnTo=/p/ashvale/action-plans");
    const before = (await t.app.inject({ method: "GET", url: "/sign-in" })).cookies.find(
      (c) => c.name === "waymark_session",
    );
    const response = await client.post("/sign-in", {
      email: admin.email.toUpperCase(),
      password: "waymark-demo-password",
      returnTo: "/p/ashvale/action-plans",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/p/ashvale/action-plans");
    const after = response.cookies.find((c) => c.name === "waymark_session");
    expect(after?.value).toBeTruthy();
    expect(after?.value).not.toBe(before?.value);
    expect(after?.httpOnly).toBe(true);
    expect(after?.sameSite).toBe("Lax");
    const page = await client.get("/p/ashvale/action-plans");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(admin.name);
  });

  it("refuses a wrong password with the same message as an unknown address, and keeps the address typed", async () => {
    const client = new TestClient(t.app);
    await client.get("/sign-in");
    const wrong = await client.post("/sign-in", {
      email: demoUser("viewer").email,
      password: "not the password",
    });
    const unknown = await client.post("/sign-in", {
      email: "nobody@ashvale.example",
      password: "not the password",
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(400);
      expect(response.body).toMatch(/<title>\s*Error: Sign in/);
      expect(response.body).toContain('href="#email"');
      expect(response.body).toContain("Enter a correct email address and password");
    }
    expect(wrong.body).toContain(`value="${demoUser("viewer").email}"`);
  });

  it("asks people in several partnerships which one to work in, and shows only their own", async () => {
    const cli = systemActor("test");
    const other = await t.services.partnerships.create(cli, {
      slug: `second-${kind}`,
      name: "Second Partnership",
      areaName: "Second",
    });
    const actor = systemActor("test", other.id);
    const org = await t.services.organisations.create(actor, { name: "Second Council", kind: "Council" });
    await t.services.people.add(actor, {
      email: admin.email,
      name: admin.name,
      organisationId: org.id,
      role: "viewer",
    });
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    const home = await client.get("/");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain("Choose a partnership");
    expect(home.body).toContain(`href="/p/second-${kind}"`);
    expect(home.body).toContain('href="/p/ashvale"');
    expect(home.body).not.toContain("brookfield");
    // A viewer there, a coordinator here: the role follows the partnership.
    const there = await client.get(`/p/second-${kind}/organisations`);
    expect(there.statusCode).toBe(403);
    expect((await client.get("/p/ashvale/organisations")).statusCode).toBe(200);
  });

  it("ignores a return address on another site", async () => {
    const client = new TestClient(t.app);
    await client.get("/sign-in");
    const response = await client.post("/sign-in", {
      email: admin.email,
      password: "waymark-demo-password",
      returnTo: "//evil.example/x",
    });
    expect(response.headers.location).toBe("/");
  });

  it("throttles repeated failures on one account from one address", async () => {
    const client = new TestClient(t.app);
    await client.get("/sign-in");
    const target = demoUser("editor").email;
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await client.post("/sign-in", { email: target, password: "wrong password!" })).statusCode,
      );
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(statuses.slice(3)).toEqual([429, 429]);
  });

  it("refuses a form without the CSRF token and changes nothing", async () => {
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    const response = await client.post("/p/ashvale/organisations", {
      _csrf: "forged",
      name: "Forged Org",
      kind: "Other",
    });
    expect(response.statusCode).toBe(403);
    const names = (
      await t.services.organisations.list({ kind: "system", label: "test", partnershipId: 1 })
    ).map((o) => o.name);
    expect(names).not.toContain("Forged Org");
  });

  it("ends the session at sign-out: the row is gone, the browser is told to forget the cookie, and the old cookie no longer works", async () => {
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    expect((await client.get("/p/ashvale")).statusCode).toBe(200);
    const cookie = client.cookieHeader();
    const rowsBefore = (await t.database.db.select().from(sessions)).length;
    const out = await client.post("/sign-out");
    expect(out.statusCode).toBe(303);
    expect((await t.database.db.select().from(sessions)).length).toBe(rowsBefore - 1);
    const cleared = out.cookies.find((c) => c.name === "waymark_session");
    expect(cleared?.value).toBe("");
    expect(cleared?.maxAge).toBe(0);
    expect(cleared?.expires?.getTime()).toBeLessThan(Date.now());
    expect(cleared?.path).toBe("/");
    expect(out.headers["cache-control"]).toBe("no-store");
    const replay = await t.app.inject({ method: "GET", url: "/p/ashvale", headers: { cookie } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toMatch(/^\/sign-in/);
  });

  it("tells browsers to keep no signed-in page (cached or not) nor the sign-in page; assets keep their caching", async () => {
    const signInPage = await t.app.inject({ method: "GET", url: "/sign-in" });
    expect(signInPage.headers["cache-control"]).toBe("no-store");
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    for (const url of ["/p/ashvale", "/p/ashvale", "/p/ashvale/strategies", "/p/ashvale/people", "/"]) {
      const page = await client.get(url);
      expect(page.statusCode, url).toBeLessThan(400);
      expect(page.headers["cache-control"], url).toBe("no-store");
    }
    const missing = await client.get("/p/ashvale/strategies/999999");
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["cache-control"]).toBe("no-store");
    const asset = await client.get("/assets/images/favicon.ico");
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toBe("public, max-age=604800");
  });

  it("expires a session after 30 idle minutes", async () => {
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    expect((await client.get("/p/ashvale")).statusCode).toBe(200);
    // Age every session as if 31 minutes had passed without a request.
    await t.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 60_000) });
    const response = await client.get("/p/ashvale");
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toMatch(/^\/sign-in/);
  });

  it("sends security headers, with a CSP that only allows the app's own scripts and styles", async () => {
    const response = await t.app.inject({ method: "GET", url: "/sign-in" });
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.body).not.toMatch(/\sstyle="/);
  });

  it("reports health with a database check", async () => {
    const response = await t.app.inject({ method: "GET", url: "/health" });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: "ok", database: kind });
  });

  it("shows a generic error page with an incident id for unexpected errors, details only in the log", async () => {
    const client = new TestClient(t.app);
    await client.signIn(admin.email);
    const original = t.services.strategies.list;
    t.services.strategies.list = async () => {
      throw new Error("secret internal detail");
    };
    try {
      const response = await client.get("/p/ashvale/strategies");
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain("secret internal detail");
      expect(response.body).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    } finally {
      t.services.strategies.list = original;
    }
  });
});

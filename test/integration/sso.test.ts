import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { signInBySso } from "../support/oidc-flow.ts";
import { startTestProvider, type TestProvider } from "../support/oidc-provider.ts";

// Issue 17: single sign-on with OpenID Connect against a real provider on loopback.

const BASE = "http://127.0.0.1:39017";

describe.each(testDatabaseKinds())("single sign-on (%s)", (kind) => {
  let t: TestApp;
  let provider: TestProvider;
  const person = demoUser("editor");

  beforeAll(async () => {
    provider = await startTestProvider(BASE);
    t = await createTestApp({
      kind,
      config: {
        baseUrl: BASE,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          allowedDomains: [],
          emailClaim: "email",
        },
      },
    });
    provider.accounts.set("person", { email: person.email.toUpperCase(), email_verified: true, name: "P" });
    provider.accounts.set("stranger", { email: "nobody@example.org", email_verified: true });
    provider.accounts.set("unverified", { email: person.email, email_verified: false });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  const userCount = async () => (await t.database.db.select({ id: users.id }).from(users)).length;

  it("offers the organisation's account on the sign-in page, as a link that needs no JavaScript", async () => {
    const page = await new TestClient(t.app).get("/sign-in");
    expect(page.body).toContain("Sign in with your organisation&#39;s account");
    expect(page.body).toContain('href="/sign-in/oidc"');
  });

  it("signs an existing account in with a good code (PKCE, state, nonce), audited, and signs out at the provider too", async () => {
    const client = new TestClient(t.app);
    const start = await client.get("/sign-in/oidc");
    const authorization = new URL(String(start.headers.location));
    expect(authorization.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorization.searchParams.get("state")).toBeTruthy();
    expect(authorization.searchParams.get("nonce")).toBeTruthy();
    const answer = await signInBySso(client, "person", BASE);
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe("/");
    const home = await client.get("/account");
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(person.email);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user.sign-in-sso"));
    expect(audited.length).toBeGreaterThan(0);
    const out = await client.post("/sign-out");
    expect(out.statusCode).toBe(303);
    const end = new URL(String(out.headers.location));
    expect(end.origin).toBe(provider.issuer);
    expect(end.searchParams.get("id_token_hint")).toBeTruthy();
    expect(end.searchParams.get("post_logout_redirect_uri")).toBe(`${BASE}/sign-in?signedOut=1`);
    expect((await client.get("/account")).statusCode).toBe(303);
  });

  it("refuses an id token for another audience", async () => {
    provider.flags.wrongAudience = true;
    try {
      const client = new TestClient(t.app);
      const answer = await signInBySso(client, "person", BASE);
      expect(answer.statusCode).toBe(403);
      expect(answer.body).toContain("We could not sign you in");
      expect((await client.get("/account")).statusCode).toBe(303);
    } finally {
      provider.flags.wrongAudience = false;
    }
  });

  it("refuses a tampered state, and a callback with no sign-in started", async () => {
    const client = new TestClient(t.app);
    const answer = await signInBySso(client, "person", BASE, (url) =>
      url.searchParams.set("state", "tampered"),
    );
    expect(answer.statusCode).toBe(403);
    expect((await client.get("/account")).statusCode).toBe(303);
    const cold = await new TestClient(t.app).get("/sign-in/oidc/callback?code=x&state=y");
    expect(cold.statusCode).toBe(403);
    expect(cold.body).toContain("Your sign-in timed out");
  });

  it("refuses an unknown e-mail address with a clear page and creates nothing", async () => {
    const before = await userCount();
    const answer = await signInBySso(new TestClient(t.app), "stranger", BASE);
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toContain("You do not have a Waymark account");
    expect(await userCount()).toBe(before);
  });

  it("refuses an e-mail address the provider has not verified", async () => {
    const answer = await signInBySso(new TestClient(t.app), "unverified", BASE);
    expect(answer.statusCode).toBe(403);
    expect(answer.body).toContain("Your e-mail address is not verified");
  });

  it("refuses a domain that is not allowed", async () => {
    const domains = t.config.oidc?.allowedDomains ?? [];
    domains.push("nhs.example");
    try {
      const answer = await signInBySso(new TestClient(t.app), "person", BASE);
      expect(answer.statusCode).toBe(403);
      expect(answer.body).toContain("Your organisation cannot sign in to Waymark this way");
    } finally {
      domains.length = 0;
    }
  });
});

describe.each(testDatabaseKinds())("a partnership that requires single sign-on (%s)", (kind) => {
  let t: TestApp;
  let provider: TestProvider;
  const coordinator = demoUser("admin");
  const person = demoUser("editor");

  beforeAll(async () => {
    provider = await startTestProvider(BASE);
    t = await createTestApp({
      kind,
      config: {
        baseUrl: BASE,
        oidc: {
          issuer: provider.issuer,
          clientId: provider.clientId,
          clientSecret: provider.clientSecret,
          allowedDomains: [],
          emailClaim: "email",
        },
      },
    });
    provider.accounts.set("person", { email: person.email, email_verified: true });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it("is set by the coordinator on the Manage pages (versioned, audited); members' passwords are then refused", async () => {
    const admin = new TestClient(t.app);
    await admin.signIn(coordinator.email);
    const manage = await admin.get("/p/ashvale/manage");
    expect(manage.body).toContain('href="/p/ashvale/sign-in-settings"');
    const page = await admin.get("/p/ashvale/sign-in-settings");
    expect(page.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? "";
    const missing = await admin.post("/p/ashvale/sign-in-settings", { version });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('href="#ssoRequired"');
    const set = await admin.post("/p/ashvale/sign-in-settings", { ssoRequired: "yes", version });
    expect(set.statusCode).toBe(303);
    const stale = await admin.post("/p/ashvale/sign-in-settings", { ssoRequired: "no", version });
    expect(stale.statusCode).toBe(409);
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "partnership.sso-required"));
    expect(audited).toHaveLength(1);

    const member = new TestClient(t.app);
    await member.get("/sign-in");
    const refused = await member.post("/sign-in", { email: person.email, password: "waymark-demo-password" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      "Your partnership requires you to sign in with your organisation&#39;s account",
    );
    expect((await member.get("/account")).statusCode).toBe(303);
    const sso = await signInBySso(member, "person", BASE);
    expect(sso.statusCode).toBe(303);
    expect((await member.get("/account")).statusCode).toBe(200);
  });
});

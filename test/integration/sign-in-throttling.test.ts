import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInFailures } from "../../src/db/schema.ts";
import { DEMO_PASSWORD } from "../../src/demo/load.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 11: ten wrong passwords from anywhere locked the real user out, and a spoofed
// X-Forwarded-For reset the per-address limit. Limits are small here so the tests stay short.
const limits = { signInPerAddress: 4, signInPerAccountAndAddress: 3, signInPerAccount: 6 };

async function attempt(client: TestClient, email: string, password: string): Promise<number> {
  await client.get("/sign-in");
  return (await client.post("/sign-in", { email, password })).statusCode;
}

describe.each(testDatabaseKinds())("sign-in throttling (%s)", (kind) => {
  let t: TestApp;
  let proxied: TestApp;
  let listed: TestApp;
  const pauses: number[] = [];

  beforeAll(async () => {
    t = await createTestApp({ kind, config: { rateLimits: limits, trustProxy: false } });
    t.services.auth.pause = async (ms) => {
      pauses.push(ms);
    };
    proxied = await createTestApp({ kind, config: { rateLimits: limits, trustProxy: 1 } });
    listed = await createTestApp({ kind, config: { rateLimits: limits, trustProxy: ["10.0.0.1"] } });
  });
  afterAll(async () => {
    await t?.close();
    await proxied?.close();
    await listed?.close();
  });

  it("refuses one account from one address after its limit, but not the same account from elsewhere", async () => {
    const email = demoUser("viewer").email;
    const attacker = new TestClient(t.app, { remoteAddress: "198.51.100.1" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await attempt(attacker, email, "wrong password!"));
    expect(statuses).toEqual([400, 400, 400, 429]);
    // Even the right password is refused from there for now…
    expect(await attempt(attacker, email, DEMO_PASSWORD)).toBe(429);
    // …while the account's owner, elsewhere, is told only that the password is wrong, then gets in.
    const owner = new TestClient(t.app, { remoteAddress: "192.0.2.20" });
    expect(await attempt(owner, email, "mistyped password")).toBe(400);
    expect(await attempt(owner, email, DEMO_PASSWORD)).toBe(303);
  });

  it("lets the real user in from their own address while someone else hammers their account", async () => {
    const email = demoUser("editor").email;
    // Five addresses, three failures each: 15 failures on the account, well over its ceiling of 6.
    for (let a = 1; a <= 5; a++) {
      const attacker = new TestClient(t.app, { remoteAddress: `203.0.113.${a}` });
      for (let i = 0; i < 3; i++) expect(await attempt(attacker, email, `guess number ${a}-${i}`)).toBe(400);
      expect(await attempt(attacker, email, "one more guess")).toBe(429);
    }
    const failures = await t.database.db.select().from(signInFailures);
    expect(failures.filter((f) => f.pairHash !== null).length).toBeGreaterThanOrEqual(15);
    pauses.length = 0;
    const owner = new TestClient(t.app, { remoteAddress: "192.0.2.30" });
    const response = await owner.signIn(email);
    expect(response.headers.location).toBe("/");
    // The account is slowed (a growing delay) rather than locked.
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toBeGreaterThanOrEqual(1000);
    expect((await owner.get("/p/ashvale")).statusCode).toBe(200);
  });

  it("stores neither the e-mail address nor the client's address in the failures table", async () => {
    const attacker = new TestClient(t.app, { remoteAddress: "198.51.100.77" });
    await attempt(attacker, "someone@ashvale.example", "wrong password!");
    const rows = JSON.stringify(await t.database.db.select().from(signInFailures));
    expect(rows).not.toContain("someone");
    expect(rows).not.toContain("198.51.100.77");
  });

  it("with TRUST_PROXY off, a spoofed X-Forwarded-For gains nothing: the per-address limit still holds", async () => {
    const client = new TestClient(t.app, { remoteAddress: "192.0.2.50" });
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      client.extraHeaders = { "x-forwarded-for": `10.9.8.${i}` };
      // A different unknown account each time, so only the per-address limit can stop it.
      statuses.push(await attempt(client, `nobody${i}@example.org`, "wrong password!"));
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });

  it("with TRUST_PROXY=1, the address the proxy saw is used; a client-written left-most address resets nothing", async () => {
    const viaProxy = new TestClient(proxied.app, { remoteAddress: "10.0.0.1" });
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      // The proxy appends the address it saw (198.51.100.9) to whatever the client sent.
      viaProxy.extraHeaders = { "x-forwarded-for": `172.16.0.${i}, 198.51.100.9` };
      statuses.push(await attempt(viaProxy, `nobody${i}@example.org`, "wrong password!"));
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    // Another client behind the same proxy has its own allowance.
    viaProxy.extraHeaders = { "x-forwarded-for": "198.51.100.10" };
    expect(await attempt(viaProxy, "nobody@example.org", "wrong password!")).toBe(400);
  });

  it("with TRUST_PROXY listing the proxy, only that proxy's X-Forwarded-For is believed", async () => {
    const direct = new TestClient(listed.app, { remoteAddress: "203.0.113.99" });
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      direct.extraHeaders = { "x-forwarded-for": `10.9.9.${i}` };
      statuses.push(await attempt(direct, `nobody${i}@example.org`, "wrong password!"));
    }
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
    // Through the listed proxy, the address the proxy saw is the client's: the same client, now
    // behind it, is still over its limit whatever it writes itself, and another client is not.
    const viaProxy = new TestClient(listed.app, { remoteAddress: "10.0.0.1" });
    viaProxy.extraHeaders = { "x-forwarded-for": "198.51.100.20, 203.0.113.99" };
    expect(await attempt(viaProxy, "nobody@example.org", "wrong password!")).toBe(429);
    viaProxy.extraHeaders = { "x-forwarded-for": "203.0.113.99, 198.51.100.20" };
    expect(await attempt(viaProxy, "nobody@example.org", "wrong password!")).toBe(400);
  });
});

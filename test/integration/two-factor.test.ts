import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, mailOutbox, sessions } from "../../src/db/schema.ts";
import { recoveryCodes, userTwoFactor } from "../../src/db/schema-two-factor.ts";
import { systemActor } from "../../src/services/actor.ts";
import { totpCodeAt } from "../../src/services/two-factor/totp.ts";
import { createTestApp, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { enrol, keyOnPage, newPerson, nextCode, PASSWORD } from "./two-factor-fixture.ts";

// Issue 17: two-factor sign-in with time-based codes, recovery codes, and a reset by a coordinator.

describe.each(testDatabaseKinds())("two-factor sign-in (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind });
  });
  afterAll(async () => t?.close());

  const db = () => t.database.db;
  const auditOf = async (action: string, userId: number) =>
    db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.entityId, String(userId))));

  it("is set up with a QR code or the key, confirmed with a code, and shows ten recovery codes once", async () => {
    const person = await newPerson(t, "editor");
    const client = new TestClient(t.app);
    await client.signIn(person.email, PASSWORD);
    const page = await client.get("/account/two-factor/set-up");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('src="data:image/svg+xml;base64,');
    const secret = keyOnPage(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrong = await client.post("/account/two-factor/set-up", { code: "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#code"');
    expect(keyOnPage(wrong.body)).toBe(secret);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id))).toEqual([]);

    const done = await client.post("/account/two-factor/set-up", { code: totpCodeAt(secret) });
    expect(done.statusCode).toBe(200);
    const shown = [...done.body.matchAll(/<code class="app-password">([a-z2-9-]+)<\/code>/g)].map(
      (m) => m[1],
    );
    expect(shown).toHaveLength(10);
    const [row] = await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id));
    expect(row!.secretEncrypted).not.toContain(secret);
    const stored = await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id));
    expect(stored).toHaveLength(10);
    expect(JSON.stringify(stored)).not.toContain(shown[0]!);
    const audits = await auditOf("user-two-factor.enable", person.id);
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(secret);

    const status = await client.get("/account/two-factor");
    expect(status.body).toContain("10 of 10");
    // The key is never shown again: the set-up page now offers a new one.
    expect(keyOnPage((await client.get("/account/two-factor/set-up")).body)).not.toBe(secret);
  });

  it("asks for the code after the password, refuses a wrong one and a code used before", async () => {
    const person = await newPerson(t, "viewer");
    const { secret } = await enrol(t, person);
    const client = new TestClient(t.app);
    await client.get("/sign-in");
    const password = await client.post("/sign-in", { email: person.email, password: PASSWORD });
    expect(password.headers.location).toBe("/sign-in/two-factor");
    // Not signed in yet.
    expect((await client.get("/account")).statusCode).toBe(303);
    const form = await client.get("/sign-in/two-factor");
    expect(form.statusCode).toBe(200);
    const wrong = await client.post("/sign-in/two-factor", { code: "123456" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Enter a correct security code or recovery code");
    expect((await client.get("/account")).statusCode).toBe(303);
    await client.get("/sign-in/two-factor");
    const code = nextCode(secret);
    const right = await client.post("/sign-in/two-factor", { code });
    expect(right.statusCode).toBe(303);
    expect((await client.get("/account")).statusCode).toBe(200);

    // The same code again (another browser, the same 30 seconds) is refused, as is the earlier one.
    const replay = new TestClient(t.app);
    await replay.get("/sign-in");
    await replay.post("/sign-in", { email: person.email, password: PASSWORD });
    await replay.get("/sign-in/two-factor");
    expect((await replay.post("/sign-in/two-factor", { code })).statusCode).toBe(400);
    expect((await replay.post("/sign-in/two-factor", { code: totpCodeAt(secret) })).statusCode).toBe(400);
    expect((await replay.get("/account")).statusCode).toBe(303);
  });

  it("signs in once with each recovery code, and audits it", async () => {
    const person = await newPerson(t, "editor");
    const { codes } = await enrol(t, person);
    const first = new TestClient(t.app);
    const answer = await first.signIn(person.email, PASSWORD, { code: codes[0]!.toUpperCase() });
    expect(answer.statusCode).toBe(303);
    const home = await first.get(answer.headers.location as string);
    expect([200, 303]).toContain(home.statusCode);
    expect((await first.get("/account/two-factor")).body).toContain("9 of 10");
    expect(await auditOf("user-two-factor.recovery-code", person.id)).toHaveLength(1);
    const again = new TestClient(t.app);
    await expect(again.signIn(person.email, PASSWORD, { code: codes[0]! })).rejects.toThrow(/400/);
  });

  it("lets a partner turn it off with a code, refusing a wrong one", async () => {
    const person = await newPerson(t, "editor");
    const { secret, codes } = await enrol(t, person);
    const client = new TestClient(t.app);
    await client.signIn(person.email, PASSWORD, { code: nextCode(secret) });
    expect((await client.get("/account/two-factor/turn-off")).statusCode).toBe(200);
    const wrong = await client.post("/account/two-factor/turn-off", { code: "not-a-code" });
    expect(wrong.statusCode).toBe(400);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id))).toHaveLength(
      1,
    );
    const off = await client.post("/account/two-factor/turn-off", { code: codes[1]! });
    expect(off.statusCode).toBe(303);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id))).toEqual([]);
    expect(await db().select().from(recoveryCodes).where(eq(recoveryCodes.userId, person.id))).toEqual([]);
    expect(await auditOf("user-two-factor.disable", person.id)).toHaveLength(1);
    // Next time the password is enough.
    const next = new TestClient(t.app);
    expect((await next.signIn(person.email, PASSWORD)).headers.location).toBe("/");
  });

  it("is reset by another coordinator of the partnership: audited, signed out, told by e-mail", async () => {
    const coordinator = await newPerson(t, "admin");
    const person = await newPerson(t, "editor");
    const { secret } = await enrol(t, person);
    const theirs = new TestClient(t.app);
    await theirs.signIn(person.email, PASSWORD, { code: nextCode(secret) });

    // Not by a partner, nor by themselves.
    const partner = await newPerson(t, "editor");
    const partnerClient = new TestClient(t.app);
    await partnerClient.signIn(partner.email, PASSWORD);
    await partnerClient.get("/p/ashvale");
    const refused = await partnerClient.post(`/p/ashvale/people/${person.id}/two-factor/reset`);
    expect(refused.statusCode).toBe(403);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id))).toHaveLength(
      1,
    );

    const admin = new TestClient(t.app);
    await admin.signIn(coordinator.email, PASSWORD);
    const shown = await admin.get(`/p/ashvale/people/${person.id}`);
    expect(shown.body).toContain(`/p/ashvale/people/${person.id}/two-factor/reset`);
    const confirm = await admin.get(`/p/ashvale/people/${person.id}/two-factor/reset`);
    expect(confirm.statusCode).toBe(200);
    const done = await admin.post(`/p/ashvale/people/${person.id}/two-factor/reset`);
    expect(done.statusCode).toBe(303);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, person.id))).toEqual([]);
    expect(await db().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
    expect((await theirs.get("/account")).statusCode).toBe(303);
    const [entry] = await auditOf("user-two-factor.reset", person.id);
    expect(entry!.partnershipId).toBe(person.partnershipId);
    expect(entry!.after).toMatchObject({ resetBy: coordinator.email });
    const mails = await db().select().from(mailOutbox).where(eq(mailOutbox.toAddress, person.email));
    expect(mails.map((m) => m.kind)).toEqual(["two-factor-reset"]);
    expect(mails[0]!.textBody).toContain(coordinator.name);

    // A coordinator cannot reset their own (setting it up signed their other sessions out).
    const own = await enrol(t, coordinator);
    await admin.signIn(coordinator.email, PASSWORD, { code: nextCode(own.secret) });
    await admin.get(`/p/ashvale/people/${coordinator.id}/two-factor/reset`);
    const self = await admin.post(`/p/ashvale/people/${coordinator.id}/two-factor/reset`);
    expect(self.statusCode).toBe(400);
    expect(
      await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, coordinator.id)),
    ).toHaveLength(1);
  });

  it("is reset by the operator from the command line when no coordinator can", async () => {
    const coordinator = await newPerson(t, "admin");
    await enrol(t, coordinator);
    expect(await t.services.twoFactor.resetByOperator(systemActor("cli"), coordinator.email)).toBe(true);
    expect(await db().select().from(userTwoFactor).where(eq(userTwoFactor.userId, coordinator.id))).toEqual(
      [],
    );
    const [entry] = await auditOf("user-two-factor.reset", coordinator.id);
    expect(entry!.after).toMatchObject({ resetBy: "cli" });
    expect(await t.services.twoFactor.resetByOperator(systemActor("cli"), coordinator.email)).toBe(false);
  });
});

describe.each(testDatabaseKinds())("two-factor required for coordinators (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      kind,
      config: { twoFactor: { requiredForAdmins: true, key: "a-test-key-of-at-least-thirty-two-characters" } },
    });
  });
  afterAll(async () => t?.close());

  it("takes a coordinator without it to set it up before anything else, and not a partner", async () => {
    const coordinator = await newPerson(t, "admin");
    const client = new TestClient(t.app);
    const signedIn = await client.signIn(coordinator.email, PASSWORD);
    expect(signedIn.headers.location).toBe("/account/two-factor/set-up");
    for (const url of ["/", "/p/ashvale", "/p/ashvale/people", "/account", "/account/sessions"]) {
      const page = await client.get(url);
      expect(page.statusCode, url).toBe(303);
      expect(page.headers.location, url).toBe("/account/two-factor/set-up");
    }
    const page = await client.get("/account/two-factor/set-up");
    expect(page.body).toContain("Coordinators must use two-factor sign-in");
    const blocked = await client.post("/account/name", { name: "Not Yet" });
    expect(blocked.statusCode).toBe(403);
    const secret = keyOnPage(page.body);
    const done = await client.post("/account/two-factor/set-up", { code: totpCodeAt(secret) });
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('href="/"');
    expect((await client.get("/p/ashvale")).statusCode).toBe(200);
    // Coordinators cannot turn it off while it is required.
    expect((await client.get("/account/two-factor/turn-off")).headers.location).toBe("/account/two-factor");
    const refused = await client.post("/account/two-factor/turn-off", { code: nextCode(secret) });
    expect(refused.statusCode).toBe(400);

    const partner = await newPerson(t, "viewer");
    const partnerClient = new TestClient(t.app);
    expect((await partnerClient.signIn(partner.email, PASSWORD)).headers.location).toBe("/");
    expect((await partnerClient.get("/account")).statusCode).toBe(200);
  });

  it("asks an enrolled coordinator for the code, then lets them in", async () => {
    const coordinator = await newPerson(t, "admin");
    const { secret } = await enrol(t, coordinator);
    const client = new TestClient(t.app);
    const answer = await client.signIn(coordinator.email, PASSWORD, { code: nextCode(secret) });
    expect(answer.headers.location).toBe("/");
    expect((await client.get("/p/ashvale")).statusCode).toBe(200);
  });
});

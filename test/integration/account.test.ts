import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, sessions, users } from "../../src/db/schema.ts";
import { DEMO_PASSWORD } from "../../src/demo/load.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 11: there was no way to change your own password.

describe.each(testDatabaseKinds())("your account (%s)", (kind) => {
  let t: TestApp;
  const person = demoUser("editor");

  beforeAll(async () => {
    t = await createTestApp({ kind });
  });
  afterAll(async () => t?.close());

  const userRow = async () =>
    (await t.database.db.select().from(users).where(eq(users.email, person.email)))[0]!;

  it("is linked from the header of every signed-in page and shows the person's own details", async () => {
    const client = new TestClient(t.app);
    await client.signIn(person.email);
    const home = await client.get("/p/ashvale");
    expect(home.body).toContain('href="/account"');
    const page = await client.get("/account");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(person.email);
    expect(page.body).toContain('href="/account/password"');
    expect(page.body).toContain('href="/p/ashvale"');
  });

  it("sends someone signed out to sign in first, and refuses their posts", async () => {
    const anonymous = new TestClient(t.app);
    const page = await anonymous.get("/account");
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/sign-in?returnTo=%2Faccount");
    await anonymous.get("/sign-in");
    const post = await anonymous.post("/account/name", { name: "Anonymous" });
    expect(post.statusCode).toBe(401);
  });

  it("refuses a wrong current password or a weak new one, saying which field, and changes nothing", async () => {
    const client = new TestClient(t.app);
    await client.signIn(person.email);
    await client.get("/account/password");
    const before = await userRow();
    const wrong = await client.post("/account/password", {
      currentPassword: "not my password",
      newPassword: "kettle orbit lantern",
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('href="#currentPassword"');
    expect(wrong.body).toContain("Your current password is not right");
    for (const weak of ["password1234", "aaaaaaaaaaaa", "            ", "qwertyuiop12", DEMO_PASSWORD]) {
      const response = await client.post("/account/password", {
        currentPassword: DEMO_PASSWORD,
        newPassword: weak,
      });
      expect(response.statusCode, weak).toBe(400);
      expect(response.body).toContain('href="#newPassword"');
      expect(response.body).not.toContain(`value="${DEMO_PASSWORD}"`);
    }
    expect((await userRow()).passwordHash).toBe(before.passwordHash);
  });

  it("changes the password, ends every other session of the person, keeps this one on a new id, and audits it without the password", async () => {
    const here = new TestClient(t.app);
    const elsewhere = new TestClient(t.app, { remoteAddress: "192.0.2.44" });
    const someoneElse = new TestClient(t.app);
    await here.signIn(person.email);
    await elsewhere.signIn(person.email);
    await someoneElse.signIn(demoUser("viewer").email);
    const oldCookie = here.cookieHeader();
    const user = await userRow();
    const sessionsOf = async () => t.database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect((await sessionsOf()).length).toBeGreaterThanOrEqual(2);
    await here.get("/account/password");
    const changed = await here.post("/account/password", {
      currentPassword: DEMO_PASSWORD,
      newPassword: "kettle orbit lantern",
    });
    expect(changed.statusCode).toBe(303);
    expect(changed.headers.location).toBe("/account");
    expect(here.cookieHeader()).not.toBe(oldCookie);
    expect((await sessionsOf()).length).toBe(1);
    const account = await here.get("/account");
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain("Your password has been changed");
    // The other session of the same person has ended; another person's has not.
    expect((await elsewhere.get("/p/ashvale")).statusCode).toBe(303);
    expect((await someoneElse.get("/p/ashvale")).statusCode).toBe(200);
    // The old session id is worthless too.
    const replay = await t.app.inject({ method: "GET", url: "/p/ashvale", headers: { cookie: oldCookie } });
    expect(replay.statusCode).toBe(303);
    // The new password works and the old one no longer does.
    await new TestClient(t.app).signIn(person.email, "kettle orbit lantern");
    const old = new TestClient(t.app);
    await old.get("/sign-in");
    expect((await old.post("/sign-in", { email: person.email, password: DEMO_PASSWORD })).statusCode).toBe(
      400,
    );
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "user-password.update"));
    expect(entries).toHaveLength(1);
    expect(entries[0]?.userId).toBe(user.id);
    const stored = JSON.stringify(entries);
    expect(stored).not.toContain("kettle");
    expect(stored).not.toContain(DEMO_PASSWORD);
    expect(stored).not.toContain("scrypt");
  });

  it("lets the person change their own name, seen in every partnership and audited there", async () => {
    const client = new TestClient(t.app);
    await client.signIn(person.email, "kettle orbit lantern");
    await client.get("/account/name");
    const empty = await client.post("/account/name", { name: "  " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('href="#name"');
    const saved = await client.post("/account/name", { name: "Priya Renamed" });
    expect(saved.statusCode).toBe(303);
    expect((await userRow()).name).toBe("Priya Renamed");
    expect((await client.get("/p/ashvale")).body).toContain("Priya Renamed");
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "user.update"));
    expect(entries.at(-1)?.partnershipId).not.toBeNull();
    expect(entries.at(-1)?.after).toEqual({ name: "Priya Renamed" });
  });

  it("lets the operator set a new password for someone who forgot theirs, ending every session of theirs", async () => {
    const client = new TestClient(t.app);
    await client.signIn(person.email, "kettle orbit lantern");
    expect((await client.get("/p/ashvale")).statusCode).toBe(200);
    await expect(
      t.services.account.resetPassword(systemActor("cli"), person.email, "password1234"),
    ).rejects.toThrow(/too common/);
    const { generatedPassword } = await t.services.account.resetPassword(systemActor("cli"), person.email);
    expect(generatedPassword).toMatch(/^[a-z0-9]{5}(-[a-z0-9]{5}){3}$/);
    expect((await client.get("/p/ashvale")).statusCode).toBe(303);
    await new TestClient(t.app).signIn(person.email, generatedPassword!);
  });
});

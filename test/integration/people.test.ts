import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Issue 11: Brookfield's admin could add Ashvale's coordinator (the confirmation said the account
// existed) and then rename them for every partnership, audited only in Brookfield.

const flashOf = (body: string) =>
  /<div class="govuk-notification-banner[\s\S]*?<\/div>\s*<\/div>/.exec(body)?.[0] ?? "";

describe.each(testDatabaseKinds())("people and shared accounts (%s)", (kind) => {
  let t: TestApp;
  let brookfield: TestClient;
  let brookfieldOrgId: number;
  let ashvaleId: number;
  const coordinator = demoUser("admin");

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const b = await t.services.partnerships.create(systemActor("test"), {
      slug: "brookfield",
      name: "Brookfield Partnership",
      areaName: "Brookfield",
    });
    const actor = systemActor("test", b.id);
    brookfieldOrgId = (
      await t.services.organisations.create(actor, { name: "Brookfield Council", kind: "Council" })
    ).id;
    await t.services.people.add(
      actor,
      {
        email: "admin@brookfield.example",
        name: "Bea Brookfield",
        organisationId: brookfieldOrgId,
        role: "admin",
      },
      "kettle orbit lantern",
    );
    brookfield = new TestClient(t.app);
    await brookfield.signIn("admin@brookfield.example", "kettle orbit lantern");
    const [row] = await t.database.db.select().from(users).where(eq(users.email, coordinator.email));
    ashvaleId = (await t.services.auth.memberships(row!.id)).find((m) => m.slug === "ashvale")!.partnershipId;
  });
  afterAll(async () => t?.close());

  async function add(email: string, name: string) {
    await brookfield.get("/p/brookfield/people/new");
    const response = await brookfield.post("/p/brookfield/people", {
      email,
      name,
      organisationId: String(brookfieldOrgId),
      role: "viewer",
      password: "",
    });
    expect(response.statusCode).toBe(303);
    const page = await brookfield.get(String(response.headers.location));
    return { location: String(response.headers.location), flash: flashOf(page.body) };
  }

  it("says the same thing whether or not the account exists, and never takes over an existing account's name or password", async () => {
    const [before] = await t.database.db.select().from(users).where(eq(users.email, coordinator.email));
    // Typed in another case, which must not show through as the stored address either.
    const typed = coordinator.email.toUpperCase();
    const existing = await add(typed, "Someone Else Entirely");
    const fresh = await add("new.person@brookfield.example", "New Person");
    const normalise = (flash: string, email: string) =>
      flash.replaceAll(email, "EMAIL").replace(/<code class="app-password">[^<]*<\/code>/, "PASSWORD");
    expect(normalise(existing.flash, typed)).toBe(normalise(fresh.flash, "new.person@brookfield.example"));
    expect(existing.flash).toContain(`${typed} has been added to Brookfield Partnership`);
    expect(existing.flash).not.toContain(coordinator.email);
    expect(existing.flash).not.toContain("Ashvale");
    const [after] = await t.database.db.select().from(users).where(eq(users.email, coordinator.email));
    expect(after?.name).toBe(before?.name);
    expect(after?.passwordHash).toBe(before?.passwordHash);
    expect(after?.email).toBe(before?.email);
    // The real coordinator still signs in with their own password.
    await new TestClient(t.app).signIn(coordinator.email);
  });

  it("shows a shared account's name read-only to the other partnership's admin, and refuses a forged rename", async () => {
    const [person] = await t.database.db.select().from(users).where(eq(users.email, coordinator.email));
    const form = await brookfield.get(`/p/brookfield/people/${person!.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`Only ${person!.name} can change this`);
    expect(form.body).not.toMatch(/<input[^>]*name="name"/);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? "1";
    const auditBefore = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.partnershipId, ashvaleId));
    const forged = await brookfield.post(`/p/brookfield/people/${person!.id}/edit`, {
      name: "Renamed By Brookfield",
      organisationId: String(brookfieldOrgId),
      role: "editor",
      version,
    });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain(`Only ${person!.name} can change their name`);
    // Brookfield may still change its own membership: the role, without a name.
    const roleOnly = await brookfield.post(`/p/brookfield/people/${person!.id}/edit`, {
      organisationId: String(brookfieldOrgId),
      role: "editor",
      version,
    });
    expect(roleOnly.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(users).where(eq(users.id, person!.id));
    expect(after).toEqual(person);
    const auditAfter = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.partnershipId, ashvaleId));
    expect(auditAfter.length).toBe(auditBefore.length);
    // Ashvale's People page still shows the person's own name, and their Ashvale role is unchanged.
    const ashvale = new TestClient(t.app);
    await ashvale.signIn(coordinator.email);
    const list = await ashvale.get("/p/ashvale/people");
    expect(list.body).toContain(person!.name);
    expect(list.body).not.toContain("Renamed By Brookfield");
    expect((await ashvale.get("/p/ashvale/organisations")).statusCode).toBe(200);
  });

  it("lets an admin correct the name of an account that is their partnership's alone", async () => {
    const { location } = await add("only.here@brookfield.example", "Only Here");
    const id = location.split("/").at(-1);
    const form = await brookfield.get(`/p/brookfield/people/${id}/edit`);
    expect(form.body).toMatch(/<input[^>]*name="name"/);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? "1";
    const saved = await brookfield.post(`/p/brookfield/people/${id}/edit`, {
      name: "Only Here Corrected",
      organisationId: String(brookfieldOrgId),
      role: "viewer",
      version,
    });
    expect(saved.statusCode).toBe(303);
    const [row] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.email, "only.here@brookfield.example"));
    expect(row?.name).toBe("Only Here Corrected");
  });

  it("refuses a weak password chosen by the admin, with a GOV.UK error, and keeps no password in the page", async () => {
    await brookfield.get("/p/brookfield/people/new");
    for (const password of ["password1234", "aaaaaaaaaaaa", "            "]) {
      const response = await brookfield.post("/p/brookfield/people", {
        email: "weak@brookfield.example",
        name: "Weak Password",
        organisationId: String(brookfieldOrgId),
        role: "viewer",
        password,
      });
      expect(response.statusCode, password).toBe(400);
      expect(response.body).toContain('href="#password"');
      expect(response.body).not.toContain(`value="${password}"`);
    }
    const rows = await t.database.db.select().from(users).where(eq(users.email, "weak@brookfield.example"));
    expect(rows).toEqual([]);
  });
});

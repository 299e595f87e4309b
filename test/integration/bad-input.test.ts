import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices } from "../../src/services/index.ts";
import { createApp } from "../../src/web/app.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { csvOf } from "../support/import-files.ts";

// Characters PostgreSQL refuses (U+0000), that UTF-8 cannot hold (lone surrogates) or that the Word and
// Excel files cannot hold (other C0 controls), and uploads cut short, on PGlite and PostgreSQL: a
// clear message or a 400, never a server error, nothing changed, and nothing typed in the log.

// A browser's form cannot carry a lone surrogate (encoders send U+FFFD, and an invalid %-sequence stays
// as typed); a JSON body can, see below.
const REFUSED = [
  ["a NUL byte", "abc\u0000def"],
  ["a control code", "abc\u0001def"],
  ["a vertical tab", "abc\u000Bdef"],
] as const;

/** Characters no page may send back: what was refused, or the U+FFFD a lone surrogate would become. */
const shownRefused = (body: string) => ["\u0000", "\u0001", "\u000B", "\uFFFD"].some((c) => body.includes(c));

describe.each(testDatabaseKinds())("bad input (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let planId: number;
  /** A second app on the same services whose log lines are kept. */
  let logged: FastifyInstance;
  const logLines: string[] = [];

  async function fingerprint() {
    const { rows } = await t.database.execute(
      "select (select count(*)::int from audit_log) as audit, (select coalesce(sum(data_version), 0)::int from partnerships) as versions",
    );
    return rows[0];
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const { rows } = await t.database.execute("select id from action_plans order by id limit 1");
    planId = (rows[0] as { id: number }).id;
    const stream = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    logged = await createApp({
      services: createServices(t.database, t.config),
      logger: { level: "info", stream },
    });
    await logged.ready();
  });
  afterAll(async () => {
    await logged?.close();
    await t?.close();
  });

  it.each(
    REFUSED,
  )("shows the form again with an error linked to a field holding %s, and saves nothing", async (_, text) => {
    await admin.get("/p/ashvale/organisations/new");
    const before = await fingerprint();
    const response = await admin.post("/p/ashvale/organisations", { name: text, kind: "Other" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>\s*Error: /);
    expect(response.body).toContain('href="#name"');
    expect(response.body).toContain("Name must not contain hidden or control characters");
    // The value is kept, without the characters that cannot be stored.
    expect(response.body).toContain('value="abcdef"');
    expect(shownRefused(response.body)).toBe(false);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses them in an update's narrative, and keeps the rest of what was typed", async () => {
    const { rows } = await t.database.execute(
      "select a.id, a.action_plan_id as plan from actions a order by a.id limit 1",
    );
    const action = rows[0] as { id: number; plan: number };
    const [adminRow] = (
      await t.database.execute("select id from users where email = $1", [demoUser("admin").email])
    ).rows as { id: number }[];
    const actor = (await t.services.auth.memberActor(adminRow!.id, "ashvale"))!;
    const { round } = await t.services.rounds.open(actor, {
      actionPlanId: action.plan,
      name: "Bad input round",
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
      deadline: "2099-01-31",
      graceDays: 5,
      reminderDaysBefore: 7,
      actionIds: [action.id],
    });
    const url = `/p/ashvale/rounds/${round.id}/actions/${action.id}/update`;
    await admin.get(url);
    const before = await fingerprint();
    const response = await admin.post(url, {
      intent: "submit",
      rating: "green",
      narrative: "Pasted from the case system:\u0000\u0007 training delivered",
      remedy: "",
      toNote: "",
      version: "",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#narrative"');
    expect(response.body).toContain("Narrative must not contain hidden or control characters");
    expect(response.body).toContain("Pasted from the case system: training delivered");
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses them in every field of a form, each linked to its field", async () => {
    await admin.get("/p/ashvale/people/new");
    const before = await fingerprint();
    const response = await admin.post("/p/ashvale/people", {
      email: "jane\u0000@example.org",
      name: "Jane\u0000Smith",
      organisationId: "1",
      role: "viewer",
      password: "",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#email"');
    expect(response.body).toContain('href="#name"');
    expect(await fingerprint()).toEqual(before);
  });

  it("answers them in a query string or a route parameter with a 400 page", async () => {
    for (const url of [
      "/p/ashvale/audit?entityType=a%00b",
      "/p/ashvale/audit?entityType=a%01b",
      "/p/ash%00vale",
      "/p/ash%00vale/organisations",
      "/sign-in?returnTo=%00",
    ]) {
      const response = await admin.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toContain("The web address contains characters Waymark cannot store");
    }
  });

  it("takes only forms on browser routes: a JSON body (which can hold a lone surrogate) is refused", async () => {
    await admin.get("/p/ashvale/organisations/new");
    const before = await fingerprint();
    const response = await t.app.inject({
      method: "POST",
      url: "/p/ashvale/organisations",
      headers: { cookie: admin.cookieHeader(), "content-type": "application/json" },
      payload: `{"_csrf":"${admin.csrfToken}","name":"abc\\ud800def","kind":"Other"}`,
    });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain("Waymark cannot read what was sent");
    expect(await fingerprint()).toEqual(before);
    // A page asked for with such a header is still a page.
    const page = await admin.get("/p/ashvale/organisations/new", { "content-type": "application/json" });
    expect(page.statusCode).toBe(200);
  });

  it("answers them in the API with a 400 problem", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/v1/strategies?x=%00" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: expect.stringContaining("cannot store") });
  });

  it("answers them in cookies and headers without a server error", async () => {
    for (const headers of [
      { cookie: "waymark_session=abc%00def" },
      { cookie: `waymark_session=${"\u0001".repeat(3)}` },
      { authorization: "Bearer wmk_abc\u0001" },
      { "x-forwarded-for": "1.2.3.4\u0001, 5.6.7.8" },
      { "accept-language": "\u0001" },
    ]) {
      for (const url of ["/p/ashvale", "/api/v1/strategies", "/sign-in"]) {
        const response = await t.app.inject({ method: "GET", url, headers });
        expect(response.statusCode, `${url} ${JSON.stringify(headers)}`).toBeLessThan(500);
      }
    }
  });

  it("refuses them on sign-in without a server error", async () => {
    const client = new TestClient(t.app);
    await client.get("/sign-in");
    const response = await client.post("/sign-in", { email: "x\u0000@example.org", password: "y\u0000" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#email"');
  });

  it("refuses them in services too: a change holding them is not saved", async () => {
    const [admin] = (
      await t.database.execute("select id from users where email = $1", [demoUser("admin").email])
    ).rows as { id: number }[];
    const actor = await t.services.auth.memberActor(admin!.id, "ashvale");
    const before = await fingerprint();
    await expect(
      t.services.organisations.create(actor!, { name: "Ctrl\u0007 org", kind: "Other" }),
    ).rejects.toMatchObject({ name: "ValidationError", errors: [{ field: "name" }] });
    expect(await fingerprint()).toEqual(before);
  });

  it("leaves such characters out of imported files' cells", async () => {
    const base = `/p/ashvale/action-plans/${planId}/import`;
    await admin.get(base);
    const response = await admin.postMultipart(
      base,
      {},
      {
        filename: "plan\u0000.csv",
        contentType: "text/csv",
        content: csvOf([
          ["Commitment", "What we will do", "Who will lead"],
          ["1.1", "Train\u000B staff\u0001 now", "Marston Police"],
        ]),
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Train staff now");
    expect(response.body).toContain(
      "Row 2, What we will do: hidden or control characters were left out (Waymark cannot store them)",
    );
    expect(shownRefused(response.body)).toBe(false);
    // Confirming saves the text as previewed.
    const token = /name="token" value="([^"]+)"/.exec(response.body)?.[1];
    expect(token).toBeTruthy();
    const choices = [...response.body.matchAll(/name="(organisation-\d+)"/g)].map((m) => [m[1]!, "new"]);
    const confirmed = await admin.post(`${base}/confirm`, { token: token!, ...Object.fromEntries(choices) });
    expect(confirmed.statusCode).toBe(303);
    const { rows } = await t.database.execute("select what from actions where what like 'Train%staff%now'");
    expect(rows).toEqual([{ what: "Train staff now" }]);
  });

  it("answers uploads cut short or malformed with a 400 page, on every import", async () => {
    for (const url of [`/p/ashvale/action-plans/${planId}/import`, "/p/ashvale/indicators/import"]) {
      await admin.get(url);
      const before = await fingerprint();
      const send = (contentType: string, payload: string) =>
        t.app.inject({
          method: "POST",
          url,
          headers: { cookie: admin.cookieHeader(), "content-type": contentType },
          payload,
        });
      const csrf = `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrfToken}\r\n`;
      const file = `--B\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\nContent-Type: text/csv\r\n\r\n${"x,y\r\n".repeat(20_000)}`;
      for (const [name, contentType, payload] of [
        ["cut short inside the file (Part terminated early)", "multipart/form-data; boundary=B", csrf + file],
        ["without a boundary", "multipart/form-data", "x"],
      ] as const) {
        const response = await send(contentType, payload);
        expect(response.statusCode, `${url} ${name}`).toBe(400);
        expect(response.body, `${url} ${name}`).toContain("The upload was not received completely");
      }
      expect(await fingerprint()).toEqual(before);
    }
  });

  it("never logs submitted values: not in errors, not in the URL", async () => {
    const client = new TestClient(logged);
    await client.signIn(demoUser("admin").email);
    await client.get("/p/ashvale/people/new");
    logLines.length = 0;
    await client.post("/p/ashvale/people", {
      email: "jane.secretname\u0000@example.org",
      name: "Jane Secretname\u0000",
      organisationId: "1",
      role: "viewer",
      password: "",
    });
    await client.get("/p/ashvale/audit?entityType=Secretname%00b");
    // A broken JSON body: JSON.parse quotes it in its message.
    await logged.inject({
      method: "POST",
      url: "/p/ashvale/organisations",
      headers: { cookie: client.cookieHeader(), "content-type": "application/json" },
      payload: `{"name": Jane Secretname of 12 Acacia Road ${"x".repeat(40)}}`,
    });
    await logged.inject({
      method: "POST",
      url: "/p/ashvale/organisations",
      headers: { cookie: client.cookieHeader(), "content-type": "application/json" },
      payload: "Secretname",
    });
    await client.get("/p/ashvale/audit?entityType=Secretname");
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((line) => /secretname/i.test(line))).toEqual([]);
    expect(logLines.join("")).toContain("entityType=[hidden]");
  });
});

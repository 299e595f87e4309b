import { desc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionPlans, commitments, partnerships } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { type Fields, formsOf } from "./forms-of-pages.ts";

// Every form sent without the choice it asks for (a radio, a checkbox, a select left on its first
// option) comes back with the GOV.UK error summary linking to that choice, and changes nothing. Text
// fields are filled, so the choice is the only thing missing.

describe.each(testDatabaseKinds())("forms sent without a choice (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let pages: { page: string; required: string[] }[];

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const db = t.database.db;
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    const [commitment] = await db.select().from(commitments).limit(1);
    const p = "/p/ashvale";
    // Each page's form and the choices it cannot do without.
    pages = [
      { page: `${p}/people/new`, required: ["role"] },
      { page: `${p}/organisations/new`, required: ["kind"] },
      { page: `${p}/rounds/new`, required: ["actionIds"] },
      {
        page: `${p}/action-plans/${plan!.id}/actions/new`,
        required: ["commitmentId", "leadOrganisationIds"],
      },
      { page: `${p}/commitments/${commitment!.id}/rating`, required: ["rating"] },
      { page: `${p}/indicators/areas`, required: ["kind"] },
    ];
  });
  afterAll(async () => t?.close());

  const dataVersion = async () =>
    (await t.database.db.select({ v: partnerships.dataVersion }).from(partnerships))
      .map((r) => r.v)
      .join(",");

  it("gives the error summary linked to the missing choice, and saves nothing", async () => {
    const failures: string[] = [];
    for (const { page, required } of pages) {
      const response = await admin.get(page);
      expect(response.statusCode, page).toBe(200);
      const forms = formsOf(response.body, page.split("?")[0]!).filter((f) => f.choices.length > 0);
      expect(forms.length, `${page} has a form with a choice`).toBeGreaterThan(0);
      for (const form of forms.filter((f) => required.some((r) => f.choices.includes(r)))) {
        const fields: Fields = {};
        for (const [name, value] of Object.entries(form.fields)) {
          if (name === "_csrf" || form.choices.includes(name)) continue;
          fields[name] = value === "" ? "Test value" : value;
        }
        const before = await dataVersion();
        const sent = await admin.post(form.action, fields);
        const missing = required.filter((r) => form.choices.includes(r));
        if (sent.statusCode !== 400) failures.push(`${form.action}: ${sent.statusCode}, not 400`);
        if (!sent.body.includes("govuk-error-summary")) failures.push(`${form.action}: no error summary`);
        for (const name of missing) {
          if (!new RegExp(`govuk-error-summary[\\s\\S]*href="#${name}(-[\\w-]+)?"`).test(sent.body))
            failures.push(`${form.action}: the summary does not link to ${name}`);
        }
        if ((await dataVersion()) !== before) failures.push(`${form.action}: changed something`);
      }
    }
    expect(failures).toEqual([]);
  });
});

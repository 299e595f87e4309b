import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionPlans, actions, auditLog, commitments, organisations } from "../../src/db/schema.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { csvOf, xlsxOf, zipBomb } from "../support/import-files.ts";

// Imports through the web, on PGlite and PostgreSQL: bad files get a message and change nothing,
// the preview writes nothing, confirming writes everything in one audited transaction, and an
// exported action plan imported into an empty partnership exports again as the same file.

const HEAD = [
  "Priority",
  "Commitment",
  "What we will do",
  "How we will do it",
  "Who will lead",
  "Performance target",
];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Cell values of every sheet, row by row; text trimmed (the importer trims cells, as the forms do). */
async function sheetValues(data: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ExcelJS.Buffer);
  return workbook.worksheets.map((sheet) => ({
    name: sheet.name,
    rows: sheet
      .getSheetValues()
      .map((row) =>
        (Array.isArray(row) ? row : []).map((v) => (typeof v === "string" ? v.trim() : (v ?? null))),
      ),
  }));
}

describe.each(testDatabaseKinds())("imports (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let ashvale: Actor;
  let planId: number;
  let base: string;

  /** Everything an import could change, and the audit log. */
  async function fingerprint() {
    const { rows } = await t.database.execute(
      "select (select count(*)::int from audit_log) as audit, (select count(*)::int from actions) as actions, " +
        "(select count(*)::int from commitments) as commitments, (select count(*)::int from organisations) as orgs, " +
        "(select count(*)::int from priorities) as priorities, (select coalesce(sum(data_version), 0)::int from partnerships) as versions",
    );
    return rows[0];
  }

  const upload = (client: TestClient, url: string, filename: string, content: Buffer | string, fields = {}) =>
    client.postMultipart(url, fields, {
      filename,
      content,
      contentType: filename.endsWith(".csv") ? "text/csv" : XLSX,
    });
  const tokenOf = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1];

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const partnership = (await t.services.partnerships.findBySlug("ashvale"))!;
    ashvale = systemActor("test", partnership.id);
    planId = (await t.services.actionPlans.list(ashvale)).find((p) => p.name === "2025–26")!.id;
    base = `/p/ashvale/action-plans/${planId}/import`;
  });
  afterAll(async () => t?.close());

  it("shows the upload form with the columns it reads and a template to download", async () => {
    const page = await admin.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain('accept=".xlsx,.csv,.docx"');
    expect(page.body).toContain("Who will lead");
    expect(page.body).toContain(`/reports/action-plan?plan=${planId}&amp;format=xlsx`);
  });

  it.each([
    ["a huge file", "plan.csv", Buffer.alloc(6 * 1024 * 1024, 0x61), /must be smaller than 5 MB/],
    [
      "a non-spreadsheet renamed .xlsx",
      "plan.xlsx",
      Buffer.from("%PDF-1.7 not a workbook"),
      /not an Excel workbook/,
    ],
    ["a zip bomb", "plan.xlsx", zipBomb(), /zip bomb/],
    ["an empty file", "plan.csv", Buffer.alloc(0), /empty/],
    [
      "a file with the wrong headings",
      "plan.csv",
      csvOf([
        ["Name", "Email"],
        ["a", "b"],
      ]),
      /column headings/,
    ],
    ["no file at all", "", Buffer.alloc(0), /Select an Excel workbook/],
  ])("refuses %s with a message linked to the file input, and changes nothing", async (_, filename, content, message) => {
    await admin.get(base);
    const before = await fingerprint();
    const response = await upload(admin, base, filename, content);
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>\s*Error: /);
    expect(response.body).toContain('href="#file"');
    expect(response.body).toMatch(message);
    expect(await fingerprint()).toEqual(before);
  });

  it("answers malformed uploads with a 4xx page, never a server error", async () => {
    await admin.get(base);
    const send = (contentType: string, payload: string) =>
      t.app.inject({
        method: "POST",
        url: base,
        headers: { cookie: admin.cookieHeader(), "content-type": contentType },
        payload,
      });
    const csrf = `--B\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrfToken}\r\n`;
    const file = (name: string) =>
      `--B\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.csv"\r\n\r\nWhat,Lead\r\nx,y\r\n`;
    const before = await fingerprint();
    expect((await send("multipart/form-data", "x")).statusCode).toBe(400);
    expect(
      (await send("multipart/form-data; boundary=B", `${csrf}${file("file")}`.slice(0, -12))).statusCode,
    ).toBe(400);
    expect(
      (await send("multipart/form-data; boundary=B", `${csrf}${file("file")}${file("other")}--B--\r\n`))
        .statusCode,
    ).toBe(413);
    expect(await fingerprint()).toEqual(before);
  });

  it("refuses an upload without the CSRF token", async () => {
    await admin.get(base);
    const response = await upload(admin, base, "plan.csv", csvOf([HEAD]), { _csrf: undefined });
    expect(response.statusCode).toBe(403);
  });

  it("previews matches, new commitments, new organisations and problems without writing anything", async () => {
    const file = csvOf([
      HEAD,
      [
        "Priority 1: Changing attitudes",
        "1.4 Train frontline staff",
        "Run refresher training",
        "",
        "Marston Police / Lanternway",
        "",
      ],
      ["", "", "Train school staff", "", "Ashvale Education Improvement Service", "100 staff"],
      ["", "Hold a football tournament against abuse", "Book pitches", "", "Ashvale Sports Trust", ""],
      ["", "", "A row without a lead", "", "", ""],
    ]);
    await admin.get(base);
    const before = await fingerprint();
    const response = await upload(admin, base, "plan.csv", file);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Check the import");
    expect(response.body).toContain("Matched by number");
    expect(response.body).toContain("Continues the row above");
    expect(response.body).toContain("New commitment under priority 1");
    expect(response.body).toContain("Row 5, Who will lead: empty — every action needs a lead");
    expect(response.body).toContain('href="#problem-0"');
    expect(response.body).toContain("Ashvale Sports Trust");
    // A file with errors has nothing to confirm.
    expect(tokenOf(response.body)).toBeUndefined();
    expect(response.body).not.toContain("/import/confirm");
    expect(await fingerprint()).toEqual(before);
  });

  it("writes nothing until confirmed, then all of it in one transaction with one audit entry", async () => {
    const file = csvOf([
      HEAD,
      [
        "Priority 1: Changing attitudes",
        "1.4",
        "Run refresher training",
        "Half-day sessions",
        "Marston Police\nLanternway",
        "200 staff\nDue by 31 January 2026",
      ],
      ["", "1.9 Hold a tournament against abuse", "Book pitches", "", "Ashvale Sports Trust", ""],
    ]);
    await admin.get(base);
    const before = await fingerprint();
    const preview = await upload(admin, base, "plan.csv", file);
    expect(preview.statusCode).toBe(200);
    expect(await fingerprint()).toEqual(before);
    const token = tokenOf(preview.body)!;
    expect(token).toBeTruthy();
    // "Lanternway" is offered as the same as Lanternway Domestic Abuse Support; "Ashvale Sports Trust" is new.
    const lanternway =
      /<option value="(\d+)" selected>Same as: Lanternway Domestic Abuse Support<\/option>/.exec(
        preview.body,
      );
    expect(lanternway).not.toBeNull();
    const choices = [...preview.body.matchAll(/name="(organisation-\d+)"/g)].map((m) => m[1]!);
    expect(choices).toHaveLength(2);

    const response = await admin.post(`${base}/confirm`, {
      token,
      [choices[0]!]: lanternway![1]!,
      [choices[1]!]: "new",
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/p/ashvale/action-plans/${planId}`);
    const after = await fingerprint();
    expect(after).toMatchObject({
      audit: (before!.audit as number) + 1,
      actions: (before!.actions as number) + 2,
      commitments: (before!.commitments as number) + 1,
      orgs: (before!.orgs as number) + 1,
      versions: (before!.versions as number) + 1,
    });
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .orderBy(auditLog.id)
      .offset(Number(before!.audit));
    expect(entry).toMatchObject({
      action: "import.action-plan",
      entityType: "action-plan",
      entityId: String(planId),
    });
    expect(entry?.actor).toBe(demoUser("admin").email);
    expect((entry?.after as { counts: { newActions: number } }).counts.newActions).toBe(2);

    const page = await admin.get(`/p/ashvale/action-plans/${planId}`);
    expect(page.body).toContain("Imported 2 actions");
    expect(page.body).toContain("Run refresher training");
    expect(page.body).toContain("Hold a tournament against abuse");
    const [training] = await t.database.db
      .select()
      .from(actions)
      .where(eq(actions.what, "Run refresher training"));
    expect(training).toMatchObject({
      how: "Half-day sessions",
      performanceTarget: "200 staff",
      dueOn: "2026-01-31",
    });
    const trust = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Ashvale Sports Trust"));
    expect(trust).toHaveLength(1);
    expect(
      await t.database.db.select().from(organisations).where(eq(organisations.name, "Lanternway")),
    ).toHaveLength(0);

    // The same preview cannot be confirmed twice: the plan has changed since.
    const again = await admin.post(`${base}/confirm`, { token });
    expect(again.statusCode).toBe(400);
    expect(again.body).toMatch(/changed after the file was checked/);
  });

  it("refuses a forged or foreign preview token and changes nothing", async () => {
    await admin.get(base);
    const before = await fingerprint();
    const forged = await admin.post(`${base}/confirm`, { token: "eyJ2IjoxfQ.bm90LWEtc2lnbmF0dXJl" });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toMatch(/expired or cannot be used/);
    const preview = await upload(
      admin,
      base,
      "plan.csv",
      csvOf([HEAD, ["", "1.1", "Another poster run", "", "Marston Police", ""]]),
    );
    const token = tokenOf(preview.body)!;
    const otherPlan = (await t.services.actionPlans.list(ashvale)).find((p) => p.id !== planId)!;
    const foreign = await admin.post(`/p/ashvale/action-plans/${otherPlan.id}/import/confirm`, { token });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toMatch(/made for another import/);
    expect(await fingerprint()).toEqual(before);
  });

  it("imports a framework into a strategy from a council's table", async () => {
    const strategy = await t.services.strategies.create(ashvale, {
      title: "Refreshed strategy",
      startYear: 2029,
      endYear: 2034,
      vision: "",
      framework: "priorities",
      itemLabel: "Commitment",
    });
    const url = `/p/ashvale/strategies/${strategy.id}/import`;
    const file = await xlsxOf({
      rows: [
        ["Strategic commitment", "Progress so far", "RAG rating"],
        ["Priority 1: Culture change"],
        ["1.1 Implement consistent domestic abuse policies", "Done", "Green"],
        ["1.2 Implement a whole school approach", "", ""],
        ["Priority 2: Early help"],
        ["2.1 Ensure effective approaches to referral", "", ""],
      ],
      merges: ["A2:C2", "A5:C5"],
    });
    expect((await admin.get(url)).statusCode).toBe(200);
    const preview = await upload(admin, url, "framework.xlsx", file);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("New priority 2: Early help");
    const response = await admin.post(`${url}/confirm`, { token: tokenOf(preview.body)! });
    expect(response.statusCode).toBe(303);
    const rows = await t.database.db
      .select()
      .from(commitments)
      .where(eq(commitments.strategyId, strategy.id));
    expect(rows.map((c) => c.number).sort()).toEqual(["1.1", "1.2", "2.1"]);
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .orderBy(auditLog.id)
      .limit(1)
      .offset(Number((await fingerprint())!.audit) - 1);
    expect(entry?.action).toBe("import.framework");
  });

  it("round trip: the exported plan, imported into an empty partnership, exports as the same file", async () => {
    const original = await admin.get(`/p/ashvale/reports/action-plan?plan=${planId}&format=xlsx`);
    expect(original.statusCode).toBe(200);
    const originalCsv = await admin.get(`/p/ashvale/reports/action-plan?plan=${planId}&format=csv`);

    const source = (await t.services.partnerships.findBySlug("ashvale"))!;
    const copy = await t.services.partnerships.create(systemActor("test"), {
      slug: `copy-${kind}`,
      name: source.name,
      areaName: source.areaName,
    });
    const actor = systemActor("test", copy.id);
    const council = await t.services.organisations.create(actor, {
      name: "Copy coordinator's team",
      kind: "Council",
    });
    await t.services.people.add(
      actor,
      {
        email: `coordinator@copy-${kind}.example`,
        name: "Copy Coordinator",
        organisationId: council.id,
        role: "admin",
      },
      "lantern-harbour-walk-47",
    );
    const [plan] = await t.database.db.select().from(actionPlans).where(eq(actionPlans.id, planId));
    const strategyRow = await t.services.strategies.get(ashvale, plan!.strategyId);
    const strategy = await t.services.strategies.create(actor, {
      title: strategyRow.title,
      startYear: strategyRow.startYear,
      endYear: strategyRow.endYear,
      vision: strategyRow.vision,
      framework: strategyRow.framework,
      itemLabel: strategyRow.itemLabel,
    });
    const newPlan = await t.services.actionPlans.create(actor, strategy.id, {
      name: plan!.name,
      startsOn: plan!.startsOn,
      endsOn: plan!.endsOn,
    });

    const client = new TestClient(t.app);
    await client.signIn(`coordinator@copy-${kind}.example`, "lantern-harbour-walk-47");
    const p = `/p/copy-${kind}`;
    // The framework first, from the same export; then the plan.
    await client.get(`${p}/strategies/${strategy.id}/import`);
    const framework = await upload(
      client,
      `${p}/strategies/${strategy.id}/import`,
      "plan.xlsx",
      original.rawPayload,
    );
    expect(framework.statusCode).toBe(200);
    expect(
      (
        await client.post(`${p}/strategies/${strategy.id}/import/confirm`, {
          token: tokenOf(framework.body)!,
        })
      ).statusCode,
    ).toBe(303);
    const preview = await upload(
      client,
      `${p}/action-plans/${newPlan.id}/import`,
      "plan.xlsx",
      original.rawPayload,
    );
    expect(preview.statusCode).toBe(200);
    // Every lead is new here: add each as a new organisation (the form's default).
    const confirm = await client.post(`${p}/action-plans/${newPlan.id}/import/confirm`, {
      token: tokenOf(preview.body)!,
    });
    expect(confirm.statusCode).toBe(303);

    const again = await client.get(`${p}/reports/action-plan?plan=${newPlan.id}&format=xlsx`);
    expect(again.statusCode).toBe(200);
    expect(await sheetValues(again.rawPayload)).toEqual(await sheetValues(original.rawPayload));
    const againCsv = await client.get(`${p}/reports/action-plan?plan=${newPlan.id}&format=csv`);
    const records = (body: string) =>
      (parse(body, { bom: true, relax_column_count: true }) as string[][]).map((r) => r.map((c) => c.trim()));
    expect(records(againCsv.body)).toEqual(records(originalCsv.body));
    expect(records(originalCsv.body).length).toBeGreaterThan(20);
  });
});

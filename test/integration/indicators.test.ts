import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { apiTokens, indicators, observations } from "../../src/db/schema.ts";
import { buildKeyStatisticsSection } from "../../src/reports/key-statistics.ts";
import { systemActor } from "../../src/services/actor.ts";
import { API_PREFIX, IndicatorList, ObservationList } from "../../src/web/openapi.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { csvOf, xlsxOf } from "../support/import-files.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe.each(testDatabaseKinds())("key statistics (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let viewer: TestClient;
  let ashvaleId: number;
  const byName = async (name: string) =>
    (await t.database.db.select().from(indicators).where(eq(indicators.name, name)))[0]!;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    viewer = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    await viewer.signIn(demoUser("viewer").email);
    ashvaleId = (await t.services.partnerships.findBySlug("ashvale"))!.id;
  });
  afterAll(async () => t?.close());

  it("lists the demo's indicators with their latest figures and judgements, words always with the colour", async () => {
    const page = await viewer.get("/p/ashvale/indicators");
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain("Marac repeat cases");
    expect(body).toContain("Q4 2025/26");
    expect(page.body).toMatch(
      /<strong class="govuk-tag govuk-tag--(orange|green|red) app-rag">(Amber|Green|Red)<\/strong>/,
    );
    expect(body).toMatch(/Improving|Worsening|No real change/);
  });

  it("shows an indicator with its rules, definition change, chart (no inline style) and the same figures as a table", async () => {
    const repeat = await byName("Marac repeat cases");
    const page = await viewer.get(`/p/ashvale/indicators/${repeat.id}`);
    expect(page.statusCode).toBe(200);
    const body = text(page.body);
    expect(body).toContain("How this was judged");
    expect(body).toContain("Green when at or better than the target of 36.0%");
    expect(body).toContain("SafeLives widened the definition of a repeat");
    expect(body).toMatch(/against .* in England/);
    const svg = /<svg[^>]*>[\s\S]*?<\/svg>/.exec(page.body)?.[0] ?? "";
    expect(svg).toContain('role="img"');
    expect(svg).toContain("<title");
    expect(svg).not.toMatch(/\sstyle=/);
    expect(svg).toContain("Definition changed");
    expect(body).toContain("Figures by period, newest first");
    // Every own-area figure of the chart is in the table.
    const held = await t.database.db
      .select()
      .from(observations)
      .where(eq(observations.indicatorId, repeat.id));
    expect(held.length).toBe(80);
    expect(body).toContain("Q1 2021/22");
    // A viewer cannot change figures, so the table has no change links.
    expect(page.body).not.toContain("/observations/");
  });

  it("lets the coordinator add an indicator with the GOV.UK error pattern, then a figure, and refuses a stale edit", async () => {
    await admin.get("/p/ashvale/indicators/new");
    const bad = await admin.post("/p/ashvale/indicators", {
      name: "",
      unit: "rate",
      frequency: "quarterly",
      polarity: "down",
      kind: "performance",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain('href="#name"');
    const created = await admin.post("/p/ashvale/indicators", {
      name: "Repeat incidents reported to the police",
      definition: "Domestic abuse incidents where the victim reported another in the previous 12 months.",
      unit: "percentage",
      source: "Marston Police",
      frequency: "quarterly",
      polarity: "down",
      kind: "performance",
      baselinePeriod: "2023/24",
      baselineValue: "30",
      targetValue: "25",
      "targetDate-day": "31",
      "targetDate-month": "3",
      "targetDate-year": "2027",
      thresholdMeasure: "absolute",
      greenShortfall: "0",
      amberShortfall: "2",
      noChangeMeasure: "absolute",
      noChangeAmount: "1",
    });
    expect(created.statusCode).toBe(303);
    const row = await byName("Repeat incidents reported to the police");
    expect(row.baselinePeriodEnd).toBe("2024-03-31");
    const ownArea = (await t.services.indicators.listAreas(systemActor("t", ashvaleId))).find(
      (a) => a.kind === "own",
    )!;
    await admin.get(`/p/ashvale/indicators/${row.id}/observations/new`);
    const wrongPeriod = await admin.post(`/p/ashvale/indicators/${row.id}/observations`, {
      period: "2024-25",
      areaId: String(ownArea.id),
      numerator: "27",
      denominator: "100",
    });
    expect(wrongPeriod.statusCode).toBe(400);
    expect(text(wrongPeriod.body)).toContain("This indicator is quarterly: enter a quarter");
    const added = await admin.post(`/p/ashvale/indicators/${row.id}/observations`, {
      period: "Q1 2024/25",
      areaId: String(ownArea.id),
      numerator: "27",
      denominator: "100",
    });
    expect(added.statusCode).toBe(303);
    const page = await admin.get(`/p/ashvale/indicators/${row.id}`);
    expect(text(page.body)).toContain("Amber 27.0% is 2.0 percentage points short of the target of 25.0%");
    const [figure] = await t.database.db
      .select()
      .from(observations)
      .where(eq(observations.indicatorId, row.id));
    await admin.get(`/p/ashvale/observations/${figure!.id}/edit`);
    const first = await admin.post(`/p/ashvale/observations/${figure!.id}/edit`, {
      numerator: "24",
      denominator: "100",
      version: String(figure!.version),
    });
    expect(first.statusCode).toBe(303);
    const stale = await admin.post(`/p/ashvale/observations/${figure!.id}/edit`, {
      numerator: "26",
      denominator: "100",
      version: String(figure!.version),
    });
    expect(stale.statusCode).toBe(409);
    expect(text(stale.body)).toContain("Someone else changed this while you were editing");
  });

  it("switches on a built-in template once", async () => {
    await admin.get("/p/ashvale/indicators/templates");
    const on = await admin.post("/p/ashvale/indicators/templates", { templateKey: "marac-disabled" });
    expect(on.statusCode).toBe(303);
    const again = await admin.post("/p/ashvale/indicators/templates", { templateKey: "marac-disabled" });
    expect(again.statusCode).toBe(400);
    expect(text(again.body)).toContain("is already switched on");
    expect((await byName("Marac victims who are disabled")).source).toContain("SafeLives");
  });

  it("imports nothing from a file with a bad row, and everything from a good one after the preview", async () => {
    const before = (await t.database.db.select().from(observations)).length;
    await admin.get("/p/ashvale/indicators/import");
    const bad = await admin.postMultipart(
      "/p/ashvale/indicators/import",
      {},
      {
        filename: "figures.csv",
        content: csvOf([
          ["indicator", "period", "area", "value", "numerator", "denominator"],
          ["Marac cases discussed", "Q1 2026/27", "Ashvale Borough", "101", "", ""],
          ["Marac cases discussed", "Q1 2026/27", "Atlantis", "5", "", ""],
        ]),
      },
    );
    expect(bad.statusCode).toBe(303);
    const preview = await admin.get(bad.headers.location as string);
    expect(text(preview.body)).toContain('There is no area called "Atlantis"');
    expect(preview.body).not.toContain("/confirm");
    const refused = await admin.post(`${bad.headers.location}/confirm`);
    expect(refused.statusCode).toBe(400);
    expect((await t.database.db.select().from(observations)).length).toBe(before);

    const good = await admin.postMultipart(
      "/p/ashvale/indicators/import",
      {},
      {
        filename: "figures.xlsx",
        content: await xlsxOf({
          rows: [
            ["Indicator", "Period", "Area", "Value", "Numerator", "Denominator"],
            ["Marac cases discussed", "Q1 2026/27", "Ashvale Borough", 101, null, null],
            ["Marac repeat cases", "2026/27 Q1", "England", "33.1%", null, null],
            ["People supported in safe accommodation", "2025-26", "Ashvale Borough", 295, null, null],
          ],
        }),
      },
    );
    expect(good.statusCode).toBe(303);
    const check = await admin.get(good.headers.location as string);
    expect(text(check.body)).toContain("2 new, 1 changed");
    const confirmed = await admin.post(`${good.headers.location}/confirm`);
    expect(confirmed.statusCode).toBe(303);
    expect((await t.database.db.select().from(observations)).length).toBe(before + 2);
    expect((await admin.post(`${good.headers.location}/confirm`)).statusCode).toBe(400);
  });

  it("previews what would be published: small counts hidden, secondary suppression, no judgement on hidden figures", async () => {
    await admin.get("/p/ashvale/indicators/published");
    const page = await admin.get("/p/ashvale/indicators/published");
    const body = text(page.body);
    expect(body).toContain('Counts below 5, zero included, are shown as "fewer than 5".');
    expect(body).toContain("fewer than 5");
    expect(body).toContain("suppressed");
    // "Other" bed spaces were 3 in 2022/23: hidden, and so is the smallest other part that year.
    const section = await buildKeyStatisticsSection(t.services, systemActor("t", ashvaleId), {
      forPublication: true,
      png: true,
    });
    const other = section.views.find((v) => v.indicator.templateKey === "sa-bed-spaces-other")!;
    const dispersed = section.views.find((v) => v.indicator.templateKey === "sa-bed-spaces-dispersed")!;
    const in2023 = (v: typeof other) => v.observations.find((o) => o.period.label === "2022/23")!;
    expect(in2023(other).text).toBe("fewer than 5");
    expect(in2023(dispersed).text).toBe("suppressed");
    const figures = section.blocks.filter((b) => b.kind === "figure");
    expect(figures.length).toBeGreaterThan(10);
    for (const f of figures) {
      if (f.kind !== "figure") continue;
      expect(f.alt).toMatch(/^Chart of /);
      expect([...(f.png ?? []).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    // Held figures for members are unchanged.
    const held = await t.services.indicators.detail(systemActor("t", ashvaleId), other.indicator.id);
    expect(held.observations.find((o) => o.period.label === "2022/23")!.text).toBe("3");
    expect(held.observations.find((o) => o.period.label === "2022/23")!.withheld).toBe(true);
  });

  it("changes the suppression threshold with a version check", async () => {
    const settings = await t.services.indicators.settings(systemActor("t", ashvaleId));
    await admin.get("/p/ashvale/indicators/published");
    const tooLow = await admin.post("/p/ashvale/indicators/published/threshold", {
      suppressionThreshold: "0",
      version: String(settings.version),
    });
    expect(tooLow.statusCode).toBe(400);
    const set = await admin.post("/p/ashvale/indicators/published/threshold", {
      suppressionThreshold: "10",
      version: String(settings.version),
    });
    expect(set.statusCode).toBe(303);
    const stale = await admin.post("/p/ashvale/indicators/published/threshold", {
      suppressionThreshold: "5",
      version: String(settings.version),
    });
    expect(stale.statusCode).toBe(409);
    const now = await t.services.indicators.settings(systemActor("t", ashvaleId));
    await t.services.indicators.setSuppressionThreshold(systemActor("t", ashvaleId), 5, now.version);
  });

  describe("the API", () => {
    let privateToken: string;
    let publicToken: string;
    const get = async <S extends z.ZodType>(url: string, schema: S, token: string) => {
      const response = await t.app.inject({
        method: "GET",
        url: `${API_PREFIX}${url}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      const parsed = schema.safeParse(response.json());
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      return parsed.data as z.output<S>;
    };

    beforeAll(async () => {
      const sys = systemActor("test");
      privateToken = (await t.services.auth.createToken(sys, "ashvale", "Power BI")).token;
      const open = await t.services.auth.createToken(sys, "ashvale", "Open data feed");
      await t.database.db.update(apiTokens).set({ public: true }).where(eq(apiTokens.id, open.id));
      publicToken = open.token;
    });

    it("lists indicators with judgements, published only for a public token", async () => {
      const held = await get("/indicators", IndicatorList, privateToken);
      expect(held.published).toBe(false);
      const repeat = held.indicators.find((i) => i.name === "Marac repeat cases")!;
      expect(repeat.definitionNotes[0]?.changedOn).toBe("2023-04-01");
      expect(repeat.againstTarget.rule).toContain("Green when");
      const open = await get("/indicators", IndicatorList, publicToken);
      expect(open.published).toBe(true);
      const doc = await t.app.inject({ method: "GET", url: `${API_PREFIX}/openapi.json` });
      expect(Object.keys(doc.json().paths)).toEqual(
        expect.arrayContaining(["/indicators", "/indicators/{id}/observations"]),
      );
    });

    it("gives every figure to a private token and suppresses small ones for a public token", async () => {
      const other = await byName("Bed spaces in other safe accommodation");
      const held = await get(`/indicators/${other.id}/observations`, ObservationList, privateToken);
      const open = await get(`/indicators/${other.id}/observations`, ObservationList, publicToken);
      const y = (list: typeof held) => list.observations.find((o) => o.periodLabel === "2022/23")!;
      expect(y(held)).toMatchObject({ value: 3, suppressed: false, shownAs: "3" });
      expect(y(open)).toMatchObject({ value: null, suppressed: true, shownAs: "fewer than 5" });
      expect(JSON.stringify(open)).not.toMatch(/"value":[0-4][,}]/);
    });

    it("answers 404 for another partnership's indicator", async () => {
      const response = await t.app.inject({
        method: "GET",
        url: `${API_PREFIX}/indicators/999999/observations`,
        headers: { authorization: `Bearer ${privateToken}` },
      });
      expect(response.statusCode).toBe(404);
    });
  });
});

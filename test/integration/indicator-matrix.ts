// The key statistics part of the permission matrix (permissions.test.ts): the ids its routes need in
// each partnership, and a valid body for each of its POST routes, so a refusal proves the permission
// check and not validation.
import { eq, sql } from "drizzle-orm";
import { indicators, observationImports, observations, partnerships } from "../../src/db/schema.ts";
import { INDICATOR_TEMPLATES } from "../../src/domain/indicator-templates.ts";
import { pastedFile } from "../../src/imports/observations.ts";
import type { Actor } from "../../src/services/actor.ts";
import { indicatorFormValues } from "../../src/web/routes/partnership/indicator-forms.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/** The repeat-rate indicator (switched on if need be), an own-area figure for it, and a staged import. */
export async function indicatorMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const service = t.services.indicators;
  const existing = (await service.rows(actor)).find((i) => i.templateKey === "marac-repeat-rate");
  const indicator = existing ?? (await service.enableTemplate(actor, "marac-repeat-rate"));
  const area = (await service.listAreas(actor)).find((a) => a.kind === "own")!;
  const detail = await service.detail(actor, indicator.id);
  const observation =
    detail.observations.find((o) => o.own) ??
    (await service.addObservation(actor, indicator.id, {
      period: "Q1 2024/25",
      areaId: area.id,
      value: null,
      numerator: 12,
      denominator: 40,
    }));
  const staged = await service.stageImport(
    actor,
    pastedFile(
      `indicator,period,area,numerator,denominator\n${indicator.name},Q1 2031/32,${area.name},10,40\n`,
    ),
  );
  return { indicatorId: indicator.id, observationId: observation.id, areaId: area.id, importId: staged.id };
}

export function indicatorMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const indicatorRow = async (id: number) =>
    (await db().select().from(indicators).where(eq(indicators.id, id)))[0]!;
  return {
    "POST /p/:slug/indicators": async () => ({
      name: `Matrix indicator ${next()}`,
      definition: "Counts something for the matrix",
      unit: "count",
      source: "The matrix",
      frequency: "quarterly",
      polarity: "neither",
      kind: "contextual",
    }),
    "POST /p/:slug/indicators/:indicatorId/edit": async (ids) => {
      const values = indicatorFormValues(await indicatorRow(ids.indicatorId!));
      const date = values.targetDate as { day: string; month: string; year: string };
      const form: Record<string, string> = {};
      for (const key of [
        "name",
        "definition",
        "unit",
        "numeratorLabel",
        "denominatorLabel",
        "rateBase",
        "populationLabel",
        "source",
        "ownerOrganisationId",
        "frequency",
        "polarity",
        "kind",
        "baselinePeriod",
        "baselineValue",
        "targetValue",
        "thresholdMeasure",
        "greenShortfall",
        "amberShortfall",
        "noChangeMeasure",
        "noChangeAmount",
        "partOfIndicatorId",
        "version",
      ]) {
        form[key] = String(values[key] ?? "");
      }
      form.definition = `${(form.definition ?? "").replace(/ \(\d+\)$/, "")} (${next()})`;
      return {
        ...form,
        "targetDate-day": date.day,
        "targetDate-month": date.month,
        "targetDate-year": date.year,
      };
    },
    "POST /p/:slug/indicators/:indicatorId/notes": async () => ({
      "changedOn-day": "1",
      "changedOn-month": "4",
      "changedOn-year": "2022",
      note: `The matrix changed the definition ${next()}`,
    }),
    "POST /p/:slug/indicators/:indicatorId/links": async (ids) => ({
      version: String((await indicatorRow(ids.indicatorId!)).version),
      commitmentIds: [String(ids.commitmentId)],
    }),
    "POST /p/:slug/indicators/:indicatorId/observations": async (ids) => {
      const year = 2040 + next();
      return {
        period: `Q1 ${year}/${String((year + 1) % 100).padStart(2, "0")}`,
        areaId: String(ids.areaId),
        numerator: "20",
        denominator: "50",
      };
    },
    "POST /p/:slug/observations/:observationId/edit": async (ids) => {
      const [o] = await db().select().from(observations).where(eq(observations.id, ids.observationId!));
      return {
        value: "",
        numerator: String(10 + (next() % 20)),
        denominator: "60",
        version: String(o?.version ?? 1),
      };
    },
    "POST /p/:slug/indicators/templates": async () => {
      const [ashvale] = await db()
        .select({ id: partnerships.id })
        .from(partnerships)
        .where(eq(partnerships.slug, "ashvale"));
      const used = new Set(
        (
          await db()
            .select({ key: indicators.templateKey })
            .from(indicators)
            .where(eq(indicators.partnershipId, ashvale!.id))
        ).map((r) => r.key),
      );
      return {
        templateKey:
          INDICATOR_TEMPLATES.find((tpl) => !used.has(tpl.key) && !tpl.partOf)?.key ?? "marac-cases",
      };
    },
    "POST /p/:slug/indicators/areas": async () => ({ name: `Matrix area ${next()}`, kind: "other" }),
    // Issue 17: "no" keeps password sign-in working for the rest of the matrix.
    "POST /p/:slug/sign-in-settings": async () => {
      const [p] = await db()
        .select({ version: partnerships.version })
        .from(partnerships)
        .where(eq(partnerships.slug, "ashvale"));
      return { ssoRequired: "no", version: String(p?.version ?? 1) };
    },
    "POST /p/:slug/indicators/published/threshold": async () => {
      const [p] = await db()
        .select({ version: partnerships.version })
        .from(partnerships)
        .where(eq(partnerships.slug, "ashvale"));
      return { suppressionThreshold: "5", version: String(p?.version ?? 1) };
    },
    "POST /p/:slug/indicators/import": async () => {
      const year = 2040 + next();
      const period = `Q2 ${year}/${String((year + 1) % 100).padStart(2, "0")}`;
      return {
        csv: `indicator,period,area,numerator,denominator\nMarac repeat cases,${period},Ashvale Borough,10,40\n`,
      };
    },
    "POST /p/:slug/indicators/imports/:importId/confirm": async (ids) => {
      // Every role meets an import waiting to be confirmed.
      await db()
        .update(observationImports)
        .set({ confirmedAt: sql`null` })
        .where(eq(observationImports.id, ids.importId!));
      return {};
    },
  };
}

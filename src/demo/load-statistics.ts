// Loads a demo partnership's key statistics (ashvale-statistics.ts, north-marston-statistics.ts) in the
// demo's own transaction: areas, indicators, notes, links and figures, one set-based insert each.
import { eq } from "drizzle-orm";
import type { Tx } from "../db/database.ts";
import { areas, indicatorDefinitionNotes, indicatorLinks, indicators, observations } from "../db/schema.ts";
import { addDays } from "../domain/calendar-dates.ts";
import { findTemplate } from "../domain/indicator-templates.ts";
import { defaultThresholds } from "../domain/thresholds.ts";
import { ashvaleStatistics } from "./ashvale-statistics.ts";
import type { DemoCalendar } from "./calendar.ts";
import { northMarstonStatisticsOf, OWN_AREA } from "./north-marston-statistics.ts";
import type { DemoStatistics } from "./types.ts";

export interface DemoStatisticsContext {
  partnershipId: number;
  areaName: string;
  organisationIds: ReadonlyMap<string, number>;
  commitmentIds: ReadonlyMap<string, number>;
  calendar: DemoCalendar;
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`Demo statistics refer to an unknown ${what}`);
  return value;
};

/** A demo partnership's key statistics, by slug (none for a partnership without a story). */
export function statisticsStoryOf(slug: string): ((calendar: DemoCalendar) => DemoStatistics) | undefined {
  return slug === "ashvale" ? ashvaleStatistics : northMarstonStatisticsOf(slug);
}

/** Inserts a partnership's areas, indicators, notes, links and figures: a handful of set-based inserts. */
export async function loadDemoStatistics(
  tx: Tx,
  story: DemoStatistics,
  context: DemoStatisticsContext,
): Promise<{ indicators: number; observations: number }> {
  const pid = context.partnershipId;
  const areaRows = await tx
    .insert(areas)
    .values([
      { partnershipId: pid, kind: "own" as const, name: context.areaName, position: 0 },
      ...story.comparators.map((c, i) => ({
        partnershipId: pid,
        kind: c.kind,
        name: c.name,
        position: i + 1,
      })),
    ])
    .returning({ id: areas.id, name: areas.name });
  const areaId = new Map(areaRows.map((a) => [a.name, a.id]));
  areaId.set(OWN_AREA, need(areaRows[0], "own area").id);

  const resolved = story.indicators.map((d) => {
    const t = d.template ? need(findTemplate(d.template), `template ${d.template}`) : undefined;
    const unit = need(d.unit ?? t?.unit, "unit");
    return { d, t, unit, name: need(d.name ?? t?.name, "name") };
  });
  const base = resolved.map(({ d, t, unit, name }, i) => ({
    partnershipId: pid,
    name,
    definition: need(d.definition ?? t?.definition, "definition"),
    unit,
    numeratorLabel: d.numeratorLabel ?? t?.numeratorLabel ?? "",
    denominatorLabel: d.denominatorLabel ?? t?.denominatorLabel ?? "",
    rateBase: unit === "rate" ? need(d.rateBase ?? t?.rateBase, "rate base") : null,
    populationLabel: d.populationLabel ?? t?.populationLabel ?? "",
    source: need(d.source ?? t?.source, "source"),
    ownerOrganisationId: need(context.organisationIds.get(d.owner), `organisation ${d.owner}`),
    frequency: need(d.frequency ?? t?.frequency, "frequency"),
    polarity: need(d.polarity ?? t?.polarity, "polarity"),
    kind: need(d.kind ?? t?.kind, "kind"),
    baselinePeriodLabel: d.baseline?.period.label ?? null,
    baselinePeriodStart: d.baseline?.period.start ?? null,
    baselinePeriodEnd: d.baseline?.period.end ?? null,
    baselineValue: d.baseline?.value ?? null,
    targetValue: d.target?.value ?? null,
    targetDate: d.target?.date ?? null,
    thresholds: d.thresholds ?? defaultThresholds(unit),
    templateKey: d.template ?? null,
    position: i + 1,
  }));
  const rows = await tx
    .insert(indicators)
    .values(base)
    .returning({ id: indicators.id, templateKey: indicators.templateKey });
  const ids = rows.map((r) => r.id);
  const byTemplate = new Map(rows.flatMap((r) => (r.templateKey ? [[r.templateKey, r.id]] : [])));
  // Parts of a total, once both exist.
  for (const [i, { d }] of resolved.entries()) {
    if (!d.partOf) continue;
    await tx
      .update(indicators)
      .set({ partOfIndicatorId: need(byTemplate.get(d.partOf), `total ${d.partOf}`) })
      .where(eq(indicators.id, ids[i]!));
  }
  const notes = resolved.flatMap(({ d }, i) =>
    (d.notes ?? []).map((n) => ({ partnershipId: pid, indicatorId: ids[i]!, ...n })),
  );
  if (notes.length > 0) await tx.insert(indicatorDefinitionNotes).values(notes);
  const links = resolved.flatMap(({ d }, i) =>
    (d.commitments ?? []).map((number) => ({
      partnershipId: pid,
      indicatorId: ids[i]!,
      commitmentId: need(context.commitmentIds.get(number), `commitment ${number}`),
      actionId: null,
    })),
  );
  if (links.length > 0) await tx.insert(indicatorLinks).values(links);
  // A figure is entered about six weeks after its period ends (never after the demo's day), so a
  // report "as at" an earlier day holds the figures known then.
  const enteredOn = (periodEnd: string) => {
    const day = addDays(periodEnd, 42);
    return new Date(`${day < context.calendar.today ? day : context.calendar.today}T12:00:00Z`);
  };
  const figures = resolved.flatMap(({ d, unit }, i) =>
    d.figures.map((f) => {
      const value =
        f.value ??
        (unit === "percentage"
          ? (100 * f.numerator!) / f.denominator!
          : (need(d.rateBase ?? findTemplate(d.template ?? "")?.rateBase, "rate base") * f.numerator!) /
            f.denominator!);
      return {
        partnershipId: pid,
        indicatorId: ids[i]!,
        areaId: need(areaId.get(f.area), `area ${f.area}`),
        periodStart: f.period.start,
        periodEnd: f.period.end,
        periodLabel: f.period.label,
        value,
        numerator: f.numerator ?? null,
        denominator: f.denominator ?? null,
        createdAt: enteredOn(f.period.end),
        updatedAt: enteredOn(f.period.end),
      };
    }),
  );
  await tx.insert(observations).values(figures);
  return { indicators: ids.length, observations: figures.length };
}

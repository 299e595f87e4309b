// Regional key statistics (issue 15): each indicator held by the region's partnerships, matched
// across them (the same template, else the same name whatever its case), with every partnership's
// PUBLISHED figures — its own suppression threshold, primary and secondary (domain/publication.ts,
// as the board pack and public tokens apply it) — and the comparators (police force area, region,
// England) once per indicator; the latest periods side by side, and a chart of the same figures.
import { type Chart, type ChartPoint, renderChart } from "../../charts/indicator-chart.ts";
import type { IndicatorRow, ObservationWithArea } from "../../data/indicators.ts";
import {
  readRegionIndicators,
  readRegionObservations,
  readSuppressionThresholds,
} from "../../data/region/figures-reads.ts";
import type { RegionPartnership } from "../../data/region/sharing.ts";
import type { Executor } from "../../db/database.ts";
import type { IsoDate } from "../../domain/calendar-dates.ts";
import {
  AREA_KIND_LABELS,
  describeUnit,
  FREQUENCY_PERIOD_KIND,
  formatValue,
  type UnitSpec,
} from "../../domain/indicators.ts";
import { publishAll } from "../../domain/publication.ts";
import { indicatorMatchKey, isComparatorKind } from "../../domain/region/figures.ts";
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  type PublishedFigure,
  publishedText,
} from "../../domain/suppression.ts";
import { endOfUkDay } from "../../reports/history.ts";
import { specOf } from "../indicator-reads.ts";

/** How many of the latest periods the table sets side by side (the chart shows every period). */
export const LATEST_PERIODS = 4;

export interface StatisticPeriod {
  start: string;
  end: string;
  label: string;
}

export interface StatisticCell {
  /** "46.9%", "12.2" (a rate, its unit given with the indicator), "fewer than 5", "suppressed" or "no data". */
  text: string;
  status: PublishedFigure["status"];
  /** The published value; null when suppressed or missing. */
  value: number | null;
}

export type StatisticRow =
  | { kind: "not-shared"; name: string }
  | { kind: "not-held"; name: string }
  | {
      kind: "partnership" | "comparator";
      name: string;
      /** For a comparator: "England", "Police force area", "Region". */
      areaKindLabel: string | null;
      /** One per `periods`, oldest first. */
      cells: StatisticCell[];
    };

export interface RegionIndicator {
  key: string;
  name: string;
  unitText: string;
  /** The latest periods any partnership published, oldest first (at most LATEST_PERIODS). */
  periods: StatisticPeriod[];
  /** Every partnership of the region (in the region's order), then the comparators. */
  rows: StatisticRow[];
  /** Null for counts (areas of different sizes do not share a count axis) or when not drawn. */
  chart: Chart | null;
  chartNote: string | null;
}

export interface RegionStatistics {
  partnerships: { id: number; name: string; shared: boolean }[];
  indicators: RegionIndicator[];
}

const MISSING: StatisticCell = { text: "no data", status: "missing", value: null };

function cellOf(figure: PublishedFigure | undefined, spec: UnitSpec): StatisticCell {
  if (!figure) return MISSING;
  return {
    // A rate's unit is the indicator's, given once above its table: a cell holds the number alone.
    text: publishedText(figure, (v) => formatValue(spec, v, { short: true })),
    status: figure.status,
    value: figure.status === "shown" ? figure.value : null,
  };
}

const periodKey = (p: { periodStart: string; periodEnd: string }) => `${p.periodStart}|${p.periodEnd}`;

interface Held {
  partnership: RegionPartnership;
  indicator: IndicatorRow;
  observations: ObservationWithArea[];
  published: Map<number, PublishedFigure>;
}

export interface RegionStatisticsOptions {
  /** False leaves out the charts (Excel, and tests). */
  draw?: boolean;
  /** Only the figures known on this day: periods ended and figures entered by then (the report). */
  asAt?: IsoDate;
}

/** Every statistic of the sharing partnerships, published. Four queries with the sharing read. */
export async function readRegionStatistics(
  db: Executor,
  all: readonly RegionPartnership[],
  sharing: readonly RegionPartnership[],
  options: RegionStatisticsOptions = {},
): Promise<RegionStatistics> {
  const ids = sharing.map((p) => p.id);
  const asAt = options.asAt
    ? { periodEndedBy: options.asAt, recordedBefore: endOfUkDay(options.asAt) }
    : undefined;
  const [indicatorRows, observationRows, thresholds] = await Promise.all([
    readRegionIndicators(db, ids),
    readRegionObservations(db, ids, asAt),
    readSuppressionThresholds(db, ids),
  ]);
  const thresholdOf = new Map(thresholds.map((t) => [t.id, t.threshold]));
  // Suppression is each partnership's own: its threshold, its totals and their parts.
  const held: Held[] = [];
  for (const partnership of sharing) {
    const own = indicatorRows.filter((i) => i.partnershipId === partnership.id);
    const observations = observationRows.filter((o) => o.partnershipId === partnership.id);
    const published = publishAll(
      own.map((i) => ({ id: i.id, spec: specOf(i), partOfIndicatorId: i.partOfIndicatorId })),
      observations,
      thresholdOf.get(partnership.id) ?? DEFAULT_SUPPRESSION_THRESHOLD,
    );
    for (const indicator of own)
      held.push({
        partnership,
        indicator,
        observations: observations.filter((o) => o.indicatorId === indicator.id),
        published,
      });
  }
  const groups = new Map<string, Held[]>();
  for (const h of held) {
    const key = indicatorMatchKey(h.indicator);
    groups.set(key, [...(groups.get(key) ?? []), h]);
  }
  const sharedIds = new Set(ids);
  const indicators: RegionIndicator[] = [];
  let index = 0;
  for (const [key, group] of groups) {
    indicators.push(await regionIndicator(key, group, all, sharedIds, options.draw ?? true, index++));
  }
  return {
    partnerships: all.map((p) => ({ id: p.id, name: p.name, shared: sharedIds.has(p.id) })),
    indicators,
  };
}

async function regionIndicator(
  key: string,
  group: readonly Held[],
  all: readonly RegionPartnership[],
  sharedIds: ReadonlySet<number>,
  draw: boolean,
  index: number,
): Promise<RegionIndicator> {
  const first = group[0]!;
  const spec = specOf(first.indicator);
  const periodsByKey = new Map<string, StatisticPeriod>();
  for (const h of group)
    for (const o of h.observations)
      periodsByKey.set(periodKey(o), { start: o.periodStart, end: o.periodEnd, label: o.periodLabel });
  const everyPeriod = [...periodsByKey.entries()].sort(([, a], [, b]) =>
    a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start),
  );
  const latest = everyPeriod.slice(-LATEST_PERIODS);
  const points: ChartPoint[] = [];
  const rows: StatisticRow[] = [];

  for (const p of all) {
    if (!sharedIds.has(p.id)) {
      rows.push({ kind: "not-shared", name: p.name });
      continue;
    }
    const h = group.find((g) => g.partnership.id === p.id);
    if (!h) {
      rows.push({ kind: "not-held", name: p.name });
      continue;
    }
    const own = h.observations.filter((o) => o.areaKind === "own");
    const ownSpec = specOf(h.indicator);
    const figureAt = (k: string) => {
      const o = own.find((x) => periodKey(x) === k);
      return o ? cellOf(h.published.get(o.id), ownSpec) : MISSING;
    };
    rows.push({
      kind: "partnership",
      name: p.name,
      areaKindLabel: null,
      cells: latest.map(([k]) => figureAt(k)),
    });
    for (const [k, period] of everyPeriod)
      if (own.some((o) => periodKey(o) === k))
        points.push({
          periodLabel: period.label,
          periodStart: period.start,
          series: p.name,
          value: figureAt(k).value,
        });
  }

  // Comparators once each: the same area (kind and name) given by several partnerships is one row,
  // each period from the first partnership (in the region's order) that holds a figure for it.
  const comparators = new Map<string, { name: string; kind: string; byPeriod: Map<string, StatisticCell> }>();
  for (const h of group) {
    const ownSpec = specOf(h.indicator);
    for (const o of h.observations) {
      if (!isComparatorKind(o.areaKind)) continue;
      const areaKey = `${o.areaKind}|${o.areaName.trim().toLowerCase()}`;
      const entry = comparators.get(areaKey) ?? { name: o.areaName, kind: o.areaKind, byPeriod: new Map() };
      const k = periodKey(o);
      if (!entry.byPeriod.has(k)) entry.byPeriod.set(k, cellOf(h.published.get(o.id), ownSpec));
      comparators.set(areaKey, entry);
    }
  }
  for (const c of comparators.values()) {
    rows.push({
      kind: "comparator",
      name: c.name,
      areaKindLabel: AREA_KIND_LABELS[c.kind as keyof typeof AREA_KIND_LABELS] ?? null,
      cells: latest.map(([k]) => c.byPeriod.get(k) ?? MISSING),
    });
    for (const [k, period] of everyPeriod) {
      const cell = c.byPeriod.get(k);
      if (cell)
        points.push({
          periodLabel: period.label,
          periodStart: period.start,
          series: c.name,
          value: cell.value,
        });
    }
  }

  const firstShown = rows.find((r) => r.kind === "partnership")?.name ?? first.partnership.name;
  let chart: Chart | null = null;
  let chartNote: string | null = null;
  if (spec.unit === "count") {
    chartNote = "Counts are not charted side by side: the areas differ in size. The table gives each figure.";
  } else if (draw && points.some((p) => p.value !== null)) {
    chart = await renderChart(
      {
        title: first.indicator.name,
        spec,
        ownSeries: firstShown,
        points,
        periodKind: FREQUENCY_PERIOD_KIND[first.indicator.frequency],
      },
      `region-statistic-${index}`,
    );
  }
  return {
    key,
    name: first.indicator.name,
    unitText: describeUnit(spec),
    periods: latest.map(([, p]) => p),
    rows,
    chart,
    chartNote,
  };
}

// Reading key statistics: every indicator with its figures, judgements and chart, either as held (for
// signed-in members) or as they would be published (suppression applied), which the preview page, the
// public API and reports marked for publication use. One builder serves both, so the preview is
// exactly what is published.
import { asc, eq } from "drizzle-orm";
import { type Chart, type ChartInput, renderChart } from "../charts/indicator-chart.ts";
import * as data from "../data/indicators.ts";
import type { Db } from "../db/database.ts";
import { actionPlans, actions, commitments, strategies } from "../db/schema.ts";
import { type Assessment, assessIndicator, type IndicatorRules } from "../domain/indicator-assessment.ts";
import { INDICATOR_TEMPLATES, templateGroups } from "../domain/indicator-templates.ts";
import {
  describeUnit,
  FREQUENCY_PERIOD_KIND,
  formatNumber,
  formatValue,
  type UnitSpec,
} from "../domain/indicators.ts";
import type { Figure } from "../domain/judgement.ts";
import type { Period } from "../domain/periods.ts";
import { publishAll } from "../domain/publication.ts";
import { type PublishedFigure, publishedText } from "../domain/suppression.ts";
import { defaultThresholds, formatDate, readThresholds } from "../domain/thresholds.ts";
import type { Actor } from "./actor.ts";
import { found, partnershipOf } from "./permissions.ts";

export type Mode = "held" | "published";

export interface ObservationView {
  id: number;
  areaId: number;
  areaName: string;
  own: boolean;
  period: Period;
  /** As held; null in published mode when suppressed. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  version: number;
  published: PublishedFigure;
  /** What judgements see in this mode. */
  figure: Figure;
  /** "46.9%", or "fewer than 5" / "suppressed" in published mode. */
  text: string;
  /** "38 of 81" for a percentage or rate with its numerator and denominator shown. */
  detail: string | null;
  /** Held mode: this figure would be hidden when published. */
  withheld: boolean;
}

export interface IndicatorView {
  indicator: data.IndicatorRow;
  spec: UnitSpec;
  rules: IndicatorRules;
  unitText: string;
  observations: ObservationView[];
  assessment: Assessment;
  /** The latest own-area figure as text, or null. */
  latestText: string | null;
  /** "46.9% (2018/19)" or "None set". */
  baselineText: string;
  /** "38.0% by 31 March 2026", "Contextual: trend only" or "None set". */
  targetText: string;
}

function baselineText(row: data.IndicatorRow): string {
  return row.baselineValue === null
    ? "None set"
    : `${formatValue(specOf(row), row.baselineValue)} (${row.baselinePeriodLabel})`;
}

function targetText(row: data.IndicatorRow): string {
  if (row.kind === "contextual") return "Contextual: trend only";
  if (row.targetValue === null) return "None set";
  return `${formatValue(specOf(row), row.targetValue)}${row.targetDate ? ` by ${formatDate(row.targetDate)}` : ""}`;
}

export function specOf(row: data.IndicatorRow): UnitSpec {
  return { unit: row.unit, rateBase: row.rateBase, populationLabel: row.populationLabel };
}

export function rulesOf(row: data.IndicatorRow): IndicatorRules {
  const thresholds = readThresholds(row.thresholds);
  return {
    spec: specOf(row),
    polarity: row.polarity,
    kind: row.kind,
    thresholds: thresholds.ok ? thresholds.value : defaultThresholds(row.unit),
    baseline: { value: row.baselineValue, label: row.baselinePeriodLabel, date: row.baselinePeriodEnd },
    target: { value: row.targetValue, date: row.targetDate },
  };
}

function observationView(
  row: data.IndicatorRow,
  o: data.ObservationWithArea,
  published: PublishedFigure,
  mode: Mode,
): ObservationView {
  const spec = specOf(row);
  const hidden = mode === "published" && published.status !== "shown";
  const showParts = !hidden && o.numerator !== null && o.denominator !== null && spec.unit !== "count";
  return {
    id: o.id,
    areaId: o.areaId,
    areaName: o.areaName,
    own: o.areaKind === "own",
    period: {
      kind: FREQUENCY_PERIOD_KIND[row.frequency],
      start: o.periodStart,
      end: o.periodEnd,
      label: o.periodLabel,
    },
    value: hidden ? null : o.value,
    numerator: hidden ? null : o.numerator,
    denominator: hidden ? null : o.denominator,
    version: o.version,
    published,
    figure: hidden ? { state: "suppressed" } : { state: "value", value: o.value },
    text: hidden ? publishedText(published, (v) => formatValue(spec, v)) : formatValue(spec, o.value),
    detail: showParts ? `${formatNumber(o.numerator!)} of ${formatNumber(o.denominator!)}` : null,
    withheld: mode === "held" && published.status === "suppressed",
  };
}

/** Every indicator of the partnership with its figures and judgements in one mode. Two queries. */
export async function loadIndicatorViews(
  db: Db,
  partnershipId: number,
  mode: Mode,
  onlyId?: number,
): Promise<IndicatorView[]> {
  return (await loadIndicatorData(db, partnershipId, mode, onlyId)).views;
}

/** The views, with the partnership's settings they were made with. */
async function loadIndicatorData(db: Db, partnershipId: number, mode: Mode, onlyId?: number) {
  const { indicators: rows, settings } = await data.listIndicatorsWithSettings(db, partnershipId);
  // Secondary suppression needs a total's parts even when one indicator is asked for.
  const group = (r: data.IndicatorRow) => r.partOfIndicatorId ?? r.id;
  const only = rows.find((r) => r.id === onlyId);
  const wanted = only === undefined ? rows : rows.filter((r) => group(r) === group(only));
  const observations = await data.listObservations(
    db,
    partnershipId,
    wanted.map((r) => r.id),
  );
  const threshold = settings?.suppressionThreshold ?? 5;
  const published = publishAll(
    wanted.map((r) => ({ id: r.id, spec: specOf(r), partOfIndicatorId: r.partOfIndicatorId })),
    observations,
    threshold,
  );
  const views = wanted
    .filter((r) => onlyId === undefined || r.id === onlyId)
    .map((row): IndicatorView => {
      const views = observations
        .filter((o) => o.indicatorId === row.id)
        .map((o) => observationView(row, o, published.get(o.id) ?? { status: "missing" }, mode));
      const rules = rulesOf(row);
      const assessment = assessIndicator(
        rules,
        views.map((v) => ({
          areaId: v.areaId,
          areaName: v.areaName,
          own: v.own,
          period: v.period,
          figure: v.figure,
        })),
      );
      const latest = assessment.latest
        ? views.find((v) => v.own && v.period.start === assessment.latest!.period.start)
        : undefined;
      return {
        indicator: row,
        spec: specOf(row),
        rules,
        unitText: describeUnit(specOf(row)),
        observations: views,
        assessment,
        latestText: latest?.text ?? null,
        baselineText: baselineText(row),
        targetText: targetText(row),
      };
    });
  return { views, settings };
}

/** Periods (newest first) × areas (own first): the data table under every chart. */
export function dataTable(view: IndicatorView) {
  const areaList = [
    ...new Map(
      view.observations.map((o) => [o.areaId, { id: o.areaId, name: o.areaName, own: o.own }]),
    ).values(),
  ].sort((a, b) => Number(b.own) - Number(a.own));
  const periods = [...new Map(view.observations.map((o) => [o.period.start, o.period])).values()].sort(
    (a, b) => b.start.localeCompare(a.start),
  );
  return {
    areas: areaList,
    rows: periods.map((period) => ({
      period,
      cells: areaList.map(
        (a) => view.observations.find((o) => o.areaId === a.id && o.period.start === period.start) ?? null,
      ),
    })),
  };
}

export function chartInput(view: IndicatorView, notes: readonly { changedOn: string }[] = []): ChartInput {
  const own = view.observations.find((o) => o.own)?.areaName ?? "Our area";
  return {
    title: view.indicator.name,
    spec: view.spec,
    ownSeries: own,
    points: [...view.observations]
      .sort((a, b) => Number(b.own) - Number(a.own))
      .map((o) => ({
        periodLabel: o.period.label,
        periodStart: o.period.start,
        series: o.areaName,
        value: o.figure.state === "value" ? o.figure.value : null,
      })),
    target: view.indicator.kind === "performance" ? view.indicator.targetValue : null,
    periodKind: FREQUENCY_PERIOD_KIND[view.indicator.frequency],
    // A definition change is marked at the first period that starts on or after it.
    markers: notes.flatMap((n) => {
      const first = [...view.observations]
        .sort((a, b) => a.period.start.localeCompare(b.period.start))
        .find((o) => o.period.start >= n.changedOn);
      return first ? [{ periodLabel: first.period.label, text: "Definition changed" }] : [];
    }),
  };
}

function notesByIndicator(notes: readonly data.NoteRow[]): Map<number, data.NoteRow[]> {
  const map = new Map<number, data.NoteRow[]>();
  for (const n of notes) {
    const list = map.get(n.indicatorId);
    if (list) list.push(n);
    else map.set(n.indicatorId, [n]);
  }
  return map;
}

export function createIndicatorReads(db: Db) {
  return {
    /** Every indicator with its latest figure and judgements, as held. */
    list: (actor: Actor) => loadIndicatorViews(db, partnershipOf(actor), "held"),

    /** As they would be published: suppression applied, judgements on what is shown. */
    listPublished: (actor: Actor) => loadIndicatorViews(db, partnershipOf(actor), "published"),

    /** The indicators' rows only, without figures (for forms). */
    rows: (actor: Actor) => data.listIndicators(db, partnershipOf(actor)),

    get: async (actor: Actor, id: number) =>
      found(await data.findIndicator(db, partnershipOf(actor), id), "That indicator"),

    /** The indicator page: the view, its definition notes, links, owner, parts, chart and table. */
    async detail(actor: Actor, id: number, mode: Mode = "held") {
      const pid = partnershipOf(actor);
      const indicator = found(await data.findIndicator(db, pid, id), "That indicator");
      const [[view], notes, links, owner, all] = await Promise.all([
        loadIndicatorViews(db, pid, mode, id),
        data.listNotes(db, pid, id),
        data.listLinks(db, pid, id),
        data.organisationName(db, pid, indicator.ownerOrganisationId),
        data.listIndicators(db, pid),
      ]);
      const v = view!;
      const chart: Chart | null =
        v.observations.length > 0 ? await renderChart(chartInput(v, notes), `chart-${id}`) : null;
      return {
        ...v,
        notes,
        links,
        owner,
        partOf: all.find((i) => i.id === indicator.partOfIndicatorId) ?? null,
        parts: all.filter((i) => i.partOfIndicatorId === id),
        chart,
        table: dataTable(v),
      };
    },

    listAreas: async (actor: Actor) => {
      const pid = partnershipOf(actor);
      const list = await data.listAreas(db, pid);
      return list.length > 0 ? list : [await data.ensureOwnArea(db, pid)];
    },

    async getObservation(actor: Actor, id: number) {
      const pid = partnershipOf(actor);
      const observation = found(await data.findObservation(db, pid, id), "That figure");
      const indicator = found(await data.findIndicator(db, pid, observation.indicatorId), "That indicator");
      return { observation, indicator };
    },

    async templates(actor: Actor) {
      const enabled = new Map(
        (await data.listIndicators(db, partnershipOf(actor))).flatMap((i) =>
          i.templateKey ? [[i.templateKey, i.id]] : [],
        ),
      );
      return {
        total: INDICATOR_TEMPLATES.length,
        groups: templateGroups().map((g) => ({
          group: g.group,
          templates: g.templates.map((t) => ({
            ...t,
            unitText: describeUnit(t),
            indicatorId: enabled.get(t.key) ?? null,
          })),
        })),
      };
    },

    async settings(actor: Actor) {
      return found(await data.partnershipSettings(db, partnershipOf(actor)), "That partnership");
    },

    /** Commitments and actions an indicator can be linked to, with those linked now. */
    async linkChoices(actor: Actor, id: number) {
      const pid = partnershipOf(actor);
      const indicator = found(await data.findIndicator(db, pid, id), "That indicator");
      const [commitmentRows, actionRows, linked] = await Promise.all([
        db
          .select({
            id: commitments.id,
            number: commitments.number,
            text: commitments.text,
            strategy: strategies.title,
          })
          .from(commitments)
          .innerJoin(strategies, eq(strategies.id, commitments.strategyId))
          .where(eq(commitments.partnershipId, pid))
          .orderBy(asc(strategies.startYear), asc(commitments.position)),
        db
          .select({ id: actions.id, what: actions.what, plan: actionPlans.name, number: commitments.number })
          .from(actions)
          .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
          .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
          .where(eq(actions.partnershipId, pid))
          .orderBy(asc(actionPlans.startsOn), asc(actions.position)),
        data.linkIds(db, pid, id),
      ]);
      return { indicator, commitments: commitmentRows, actions: actionRows, linked };
    },

    /** Whether an API caller gets published figures only: a token marked public. */
    async publicationModeFor(actor: Actor): Promise<Mode> {
      if (actor.kind !== "token") return "held";
      return (await data.isPublicToken(db, actor.partnershipId, actor.tokenId)) ? "published" : "held";
    },

    loadViews: (actor: Actor, mode: Mode) => loadIndicatorViews(db, partnershipOf(actor), mode),

    /**
     * What the board pack's key statistics need: every view in one mode, the definition notes by
     * indicator and the partnership's settings (the suppression threshold). Three queries.
     */
    async keyStatistics(actor: Actor, mode: Mode) {
      const pid = partnershipOf(actor);
      const { views, settings } = await loadIndicatorData(db, pid, mode);
      return {
        views,
        notes: notesByIndicator(await data.listAllNotes(db, pid)),
        settings: found(settings, "That partnership"),
      };
    },

    /** Every definition note of the partnership, by indicator id. */
    async notesByIndicator(actor: Actor): Promise<Map<number, data.NoteRow[]>> {
      return notesByIndicator(await data.listAllNotes(db, partnershipOf(actor)));
    },
  };
}

// The board pack's "Key statistics" section: a table of every indicator (latest value, baseline,
// target, judgement, direction of travel, comparator) and, for each indicator with figures, a chart
// (SVG for the page, PNG for Word, alt text, one-sentence summary) followed by the same figures as a
// table. Built from the report model's own blocks (model.ts), so every renderer draws it as it is.
//
// `forPublication: true` applies the partnership's suppression rules to every figure, chart and
// judgement: the coordinator's "What would be published" page shows exactly this.
import { createHash } from "node:crypto";
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  type Chart,
  type ChartInput,
  chartPng,
  chartSummary,
  renderChart,
} from "../charts/indicator-chart.ts";
import { type FigureFreshness, figureFreshness } from "../domain/figure-freshness.ts";
import type { Judgement, TargetRating } from "../domain/judgement.ts";
import { type IsoDate, ukDateOf } from "../domain/periods.ts";
import { RATING_CELL_COLOURS } from "../domain/rag.ts";
import { suppressionRules } from "../domain/suppression.ts";
import { formatDate } from "../domain/thresholds.ts";
import type { Actor } from "../services/actor.ts";
import type { Services } from "../services/index.ts";
import { chartInput, dataTable, type IndicatorView } from "../services/indicator-reads.ts";
import { longDate } from "./build.ts";
import type { Block, Cell, ReportRating, ReportSection, ReportTable } from "./model.ts";

export interface KeyStatisticsOptions {
  /** Apply suppression (reports, exports and anything else marked for publication). */
  forPublication: boolean;
  /** Render PNGs for Word (slower); the page needs only the SVG. */
  png: boolean;
  /**
   * Draw the charts at all (default true). Excel and CSV show a chart's summary only, so they leave
   * it out: the figure then has an empty `svg` and no `png`.
   */
  draw?: boolean;
  /** Only these indicators, in this order; all of them when left out. */
  indicatorIds?: readonly number[];
  /**
   * The day the figures are read for (a pack's as-at date; today when left out): a latest figure
   * further behind it than its frequency allows is marked "latest figure: Q4 2024/25".
   */
  asAt?: IsoDate;
}

/** The section, plus the views it was built from (for pages that want more than the blocks). */
export interface KeyStatisticsSection extends ReportSection {
  readonly id: "key-statistics";
  readonly heading: "Key statistics";
  readonly views: readonly IndicatorView[];
}

const NO_JUDGEMENT: ReportRating = {
  rating: null,
  label: "No judgement",
  colours: RATING_CELL_COLOURS.grey,
  overridden: false,
};

/** A target judgement as a report rating cell: the word always, with the RAG colours. */
export function judgementRating(j: Judgement<TargetRating>): ReportRating {
  if (!j.judged) return NO_JUDGEMENT;
  const label = j.outcome === "green" ? "Green" : j.outcome === "amber" ? "Amber" : "Red";
  return { rating: j.outcome, label, colours: RATING_CELL_COLOURS[j.outcome], overridden: false };
}

const textCell = (text: string, lead?: string): Cell =>
  lead ? { kind: "text", text, lead } : { kind: "text", text };

/** The latest figure's freshness on `asAt`; null when there is no figure. */
export function freshnessOf(view: IndicatorView, asAt: IsoDate): FigureFreshness | null {
  return figureFreshness(view.assessment.latest?.period ?? null, asAt);
}

/** "Out of date — latest figure: Q4 2024/25 (4 quarters behind Q4 2025/26)." */
function staleText(f: FigureFreshness): string {
  return `Out of date — ${f.label} (${f.behind} ${f.lastEnded.kind}s behind ${f.lastEnded.label})`;
}

function summaryTable(views: readonly IndicatorView[], asAt: IsoDate): ReportTable {
  return {
    caption: "Key statistics: the latest figure for each indicator, judged against its target and over time",
    sheetName: "Key statistics",
    columns: [
      { header: "Indicator", width: 20 },
      { header: "Latest", width: 11 },
      { header: "Baseline", width: 11 },
      { header: "Target", width: 11 },
      { header: "Against target", width: 9 },
      { header: "Direction of travel", width: 19 },
      { header: "Compared with other areas", width: 19 },
    ],
    groupColumns: [],
    groups: [
      {
        heading: null,
        description: null,
        flat: [],
        rows: views.map((v) => {
          const a = v.assessment;
          const freshness = freshnessOf(v, asAt);
          const latest = a.latest
            ? `${v.latestText ?? "no data"} (${a.latest.period.label})${freshness?.stale ? `. ${staleText(freshness)}` : ""}`
            : "No figures yet";
          const direction = a.sinceLastYear.judged ? a.sinceLastYear.summary : a.sincePrevious.summary;
          return [
            textCell(v.indicator.name),
            textCell(latest),
            textCell(v.baselineText),
            textCell(v.targetText),
            { kind: "rating", rating: judgementRating(a.target) },
            textCell(direction),
            textCell(a.comparator.summary),
          ];
        }),
      },
    ],
    landscape: true,
    emptyText: "No indicators have been added yet.",
  };
}

function figuresTable(view: IndicatorView): ReportTable {
  const table = dataTable(view);
  return {
    caption: `${view.indicator.name}: figures by period and area`,
    sheetName: `KS ${view.indicator.id}`.slice(0, 31),
    columns: [
      { header: "Period", width: 20 },
      ...table.areas.map((a) => ({
        header: a.name,
        width: Math.floor(80 / Math.max(1, table.areas.length)),
      })),
    ],
    groupColumns: [],
    groups: [
      {
        heading: null,
        description: null,
        flat: [],
        rows: table.rows.map((r) => [
          textCell(r.period.label),
          ...r.cells.map((c) => textCell(c ? (c.detail ? `${c.text} (${c.detail})` : c.text) : "no data")),
        ]),
      },
    ],
    landscape: false,
    emptyText: "No figures yet.",
  };
}

// Drawing a chart is the slow part of a board pack (vega-lite to SVG, then resvg to PNG: about a
// tenth of a second each, for every indicator). A chart is a pure function of what it shows, so the
// drawings are kept, keyed by a hash of their input, and a report made again from unchanged figures
// draws nothing. The key is the content itself, so one partnership can never be shown another's.
const DRAWINGS_KEPT = 128;
const charts = new Map<string, Promise<Chart>>();
const pngs = new Map<string, Promise<Uint8Array>>();

function kept<T>(cache: Map<string, Promise<T>>, key: string, draw: () => Promise<T>): Promise<T> {
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is dropped first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const drawing = draw();
  cache.set(key, drawing);
  drawing.catch(() => {
    if (cache.get(key) === drawing) cache.delete(key);
  });
  if (cache.size > DRAWINGS_KEPT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return drawing;
}

const digest = (...parts: string[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("base64");
};

/** The chart drawn as SVG, drawn once for the same input and id. */
export function drawChart(input: ChartInput, id: string): Promise<Chart> {
  return kept(charts, digest(JSON.stringify(input), id), () => renderChart(input, id));
}

/** The chart as PNG for Word, drawn once for the same SVG. */
export function drawPng(svg: string, widthPx: number): Promise<Uint8Array> {
  return kept(pngs, digest(svg, String(widthPx)), () => chartPng(svg, widthPx));
}

/** Builds the section for the actor's partnership. */
export async function buildKeyStatisticsSection(
  services: Pick<Services, "indicators">,
  actor: Actor,
  options: KeyStatisticsOptions,
): Promise<KeyStatisticsSection> {
  const mode = options.forPublication ? "published" : "held";
  const { views: all, notes, settings } = await services.indicators.keyStatistics(actor, mode);
  const views = options.indicatorIds
    ? options.indicatorIds.flatMap((id) => all.filter((v) => v.indicator.id === id))
    : all;
  const blocks: Block[] = [];
  if (options.forPublication) {
    blocks.push({ kind: "bullets", items: suppressionRules(settings.suppressionThreshold) });
  }
  blocks.push({
    kind: "paragraph",
    text: "Each judgement follows a stated rule: the rating against target uses the indicator's thresholds, direction of travel compares the latest period with the same period a year earlier, and a figure that is missing or suppressed gets no judgement.",
  });
  const asAt = options.asAt ?? ukDateOf(new Date());
  // Figures older than their frequency allows are named before the table, in words: a board must not
  // read a figure from 20 months ago as the current position.
  const stale = views.flatMap((v) => {
    const f = freshnessOf(v, asAt);
    return f?.stale ? [`${v.indicator.name}: ${staleText(f)}`] : [];
  });
  if (stale.length > 0) {
    blocks.push({
      kind: "paragraph",
      lead: "Out of date figures.",
      text: `${stale.length === 1 ? "This indicator's latest figure is" : "These indicators' latest figures are"} more than two periods behind ${longDate(asAt)}:`,
    });
    blocks.push({ kind: "bullets", items: stale });
  }
  blocks.push({ kind: "table", table: summaryTable(views, asAt) });
  const draw = options.draw ?? true;
  for (const view of views) {
    if (view.observations.length === 0) continue;
    const input = chartInput(view, notes.get(view.indicator.id) ?? []);
    const chart: Chart = draw
      ? await drawChart(input, `ks-chart-${view.indicator.id}`)
      : { kind: "line", svg: "", summary: chartSummary(input), widthPx: CHART_WIDTH, heightPx: CHART_HEIGHT };
    const changes = (notes.get(view.indicator.id) ?? [])
      .map((n) => ` Definition changed ${formatDate(n.changedOn)}: ${n.note}`)
      .join("");
    const freshness = freshnessOf(view, asAt);
    blocks.push({
      kind: "paragraph",
      lead: view.indicator.name,
      text: `${freshness?.stale ? `${staleText(freshness)}. ` : ""}${view.indicator.definition} Source: ${view.indicator.source}.${changes}`,
    });
    blocks.push({
      kind: "figure",
      alt: `Chart of ${view.indicator.name}. ${chart.summary}`,
      summary: chart.summary,
      svg: chart.svg,
      ...(options.png && draw ? { png: await drawPng(chart.svg, chart.widthPx) } : {}),
      widthPx: chart.widthPx,
      heightPx: chart.heightPx,
    });
    blocks.push({ kind: "table", table: figuresTable(view) });
  }
  return { id: "key-statistics", heading: "Key statistics", blocks, views };
}

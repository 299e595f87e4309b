// Charts of key statistics, drawn on the server with vega-lite: SVG for pages (inline, no script, no
// inline style, so the Content-Security-Policy `style-src 'self'` holds) and PNG (resvg) for Word.
// Every chart comes with a one-sentence summary; pages and reports also show the same figures as a
// table, so a chart is never the only way to read a number.
//
// Counts are drawn as bars for the partnership's own area only (areas of different sizes cannot share
// a count axis); percentages and rates as lines, the own area beside its comparators, each line with
// its own colour AND dash pattern so colour is never the only difference.
//
// vega, vega-lite and resvg are loaded when the first chart is drawn (about half a second), not when
// the server starts.

import type { TopLevelSpec } from "vega-lite";
import { describeUnit, formatValue, type UnitSpec } from "../domain/indicators.ts";

export interface ChartPoint {
  periodLabel: string;
  /** ISO date; orders the x axis. */
  periodStart: string;
  series: string;
  /** Null: no figure, or suppressed for publication (a gap in the line). */
  value: number | null;
}

export interface ChartInput {
  /** The indicator's name. */
  title: string;
  spec: UnitSpec;
  /** The partnership's own area's name; its series is drawn first and strongest. */
  ownSeries: string;
  points: readonly ChartPoint[];
  target?: number | null;
  /** Quarterly and monthly series label only the first period of each financial year. */
  periodKind: "year" | "quarter" | "month";
  /** Vertical markers, e.g. where the definition changed: drawn at the period's bar or point. */
  markers?: readonly { periodLabel: string; text: string }[];
}

export interface Chart {
  kind: "line" | "bar";
  svg: string;
  summary: string;
  widthPx: number;
  heightPx: number;
}

// GOV.UK Design System colours with strong contrast on white.
const COLOURS = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#6f777b"];
const DASHES = [
  [1, 0],
  [8, 4],
  [2, 3],
  [12, 3, 3, 3],
  [4, 4],
];
const FONT = "Arial, Liberation Sans, Helvetica, sans-serif";
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 280;

function chartKind(input: ChartInput): "line" | "bar" {
  return input.spec.unit === "count" ? "bar" : "line";
}

/** The vega-lite specification (exported for tests). */
export function chartSpec(input: ChartInput): TopLevelSpec {
  const kind = chartKind(input);
  const series = [
    input.ownSeries,
    ...new Set(input.points.map((p) => p.series).filter((s) => s !== input.ownSeries)),
  ];
  const points = input.points.filter((p) => kind === "line" || p.series === input.ownSeries);
  const order = [
    ...new Map(
      [...points]
        .sort((a, b) => a.periodStart.localeCompare(b.periodStart))
        .map((p) => [p.periodLabel, p.periodStart]),
    ).keys(),
  ];
  const labelExpr =
    input.periodKind === "quarter"
      ? "indexof(datum.label, 'Q1 ') == 0 ? slice(datum.label, 3) : ''"
      : input.periodKind === "month"
        ? "indexof(datum.label, 'April ') == 0 ? datum.label : ''"
        : "datum.label";
  const yTitle =
    input.spec.unit === "percentage"
      ? "Per cent"
      : input.spec.unit === "rate"
        ? describeUnit(input.spec)
        : "Number";
  const x = {
    field: "periodLabel",
    type: "ordinal" as const,
    sort: order,
    title: input.periodKind === "quarter" ? "Quarter (labelled at Q1 of each financial year)" : "Period",
    axis: { labelExpr, labelAngle: 0, labelOverlap: false },
  };
  const y = { field: "value", type: "quantitative" as const, title: yTitle, axis: { tickCount: 5 } };
  const layers: object[] = [];
  if (kind === "bar") {
    layers.push({ mark: { type: "bar", color: COLOURS[0] }, encoding: { x, y } });
  } else {
    const visible = series.filter((s) => points.some((p) => p.series === s));
    const domain = { domain: visible, range: COLOURS.slice(0, visible.length) };
    layers.push({
      mark: { type: "line", point: { filled: true, size: 36 }, strokeWidth: 2.5 },
      encoding: {
        x,
        y,
        color: {
          field: "series",
          type: "nominal",
          title: null,
          scale: domain,
          sort: visible,
          legend: { orient: "bottom", direction: "vertical" },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: null,
          scale: { domain: visible, range: DASHES.slice(0, visible.length) },
          sort: visible,
          legend: { orient: "bottom", direction: "vertical" },
        },
      },
    });
  }
  if (input.target !== null && input.target !== undefined) {
    layers.push(
      {
        data: { values: [{ target: input.target }] },
        mark: { type: "rule", color: "#0b0c0c", strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { y: { field: "target", type: "quantitative" } },
      },
      {
        data: {
          values: [
            {
              target: input.target,
              text: `Target ${formatValue(input.spec, input.target, { short: true })}`,
            },
          ],
        },
        mark: {
          type: "text",
          align: "left",
          dx: 4,
          dy: -8,
          x: 0,
          color: "#0b0c0c",
          fontSize: 13,
          fontWeight: "bold",
        },
        encoding: { y: { field: "target", type: "quantitative" }, text: { field: "text" } },
      },
    );
  }
  const markers = (input.markers ?? []).filter((m) => order.includes(m.periodLabel));
  if (markers.length > 0) {
    layers.push(
      {
        data: { values: markers },
        mark: { type: "rule", color: "#505a5f", strokeDash: [2, 2], strokeWidth: 1.5 },
        encoding: { x: { field: "periodLabel", type: "ordinal", sort: order } },
      },
      {
        data: { values: markers },
        mark: {
          type: "text",
          align: "left",
          baseline: "bottom",
          dx: 4,
          y: CHART_HEIGHT - 4,
          color: "#505a5f",
          fontSize: 12,
        },
        encoding: { x: { field: "periodLabel", type: "ordinal", sort: order }, text: { field: "text" } },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    background: "#ffffff",
    data: { values: points.map((p) => ({ ...p })) },
    layer: layers,
    config: {
      aria: false,
      font: FONT,
      axis: {
        labelFontSize: 13,
        titleFontSize: 13,
        labelColor: "#0b0c0c",
        titleColor: "#0b0c0c",
        gridColor: "#e5e6e7",
      },
      legend: {
        labelFontSize: 13,
        symbolStrokeWidth: 2.5,
        symbolSize: 300,
        symbolType: "stroke",
        labelLimit: 400,
      },
      view: { stroke: null },
    },
  } as TopLevelSpec;
}

/** Turns any `style="a: b; c: d"` into presentation attributes, which CSP `style-src 'self'` allows. */
export function withoutInlineStyles(svg: string): string {
  return svg.replace(/\sstyle="([^"]*)"/g, (_, declarations: string) =>
    declarations
      .split(";")
      .map((d) => d.trim())
      .filter((d) => /^[a-z-]+\s*:/.test(d))
      .map((d) => {
        const [name, ...rest] = d.split(":");
        return ` ${name!.trim()}="${rest.join(":").trim().replace(/"/g, "&quot;")}"`;
      })
      .join(""),
  );
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Makes vega's SVG an image with a name: role="img", a <title>, and a width that scales with the page. */
function finishSvg(svg: string, label: string, id: string): { svg: string; width: number; height: number } {
  const open = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? "<svg>";
  const width = Number(/\swidth="(\d+(?:\.\d+)?)"/.exec(open)?.[1] ?? CHART_WIDTH);
  const height = Number(/\sheight="(\d+(?:\.\d+)?)"/.exec(open)?.[1] ?? CHART_HEIGHT);
  const attributes = open
    .replace(/\s(width|height|class)="[^"]*"/g, "")
    .replace(
      /^<svg/,
      `<svg class="app-chart__svg" width="100%" role="img" aria-labelledby="${id}-title" focusable="false" preserveAspectRatio="xMinYMin meet"`,
    );
  // The whole chart is one image named by its <title>; vega's own roles and labels on marks inside it
  // would be unnamed images of their own to a screen reader, so they go.
  const body = svg.slice(open.length).replace(/\s(role|aria-[a-z]+)="[^"]*"/g, "");
  return { svg: `${attributes}<title id="${id}-title">${escapeXml(label)}</title>${body}`, width, height };
}

/** "Ashvale: 35.0% in Q4 2024/25, down from 41.2% in Q1 2020/21; England 31.0% in Q4 2024/25." */
export function chartSummary(input: ChartInput): string {
  const own = input.points
    .filter((p) => p.series === input.ownSeries)
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const known = own.filter((p) => p.value !== null);
  const first = known[0];
  const last = known.at(-1);
  if (!first || !last) return `${input.title}: no figures to show for ${input.ownSeries} yet.`;
  const value = (v: number) => formatValue(input.spec, v);
  let sentence =
    first === last
      ? `${input.ownSeries}: ${value(last.value!)} in ${last.periodLabel}`
      : `${input.ownSeries}: ${value(last.value!)} in ${last.periodLabel}, ${last.value! > first.value! ? "up" : last.value! < first.value! ? "down" : "unchanged"} from ${value(first.value!)} in ${first.periodLabel}`;
  if (chartKind(input) === "line") {
    const others = [...new Set(input.points.map((p) => p.series))].filter((s) => s !== input.ownSeries);
    const at = others.flatMap((s) => {
      const p = input.points.find(
        (q) => q.series === s && q.periodLabel === last.periodLabel && q.value !== null,
      );
      return p ? [`${s} ${value(p.value!)}`] : [];
    });
    if (at.length > 0) sentence += `; ${at.join(", ")} in ${last.periodLabel}`;
  }
  if (own.length > known.length)
    sentence += `; ${own.length - known.length} of ${own.length} periods have no figure shown`;
  return `${sentence}.`;
}

async function renderVega(spec: TopLevelSpec): Promise<string> {
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as inline SVG with its summary; `id` must be unique in the page. */
export async function renderChart(input: ChartInput, id: string): Promise<Chart> {
  const summary = chartSummary(input);
  const raw = withoutInlineStyles(await renderVega(chartSpec(input)));
  const finished = finishSvg(raw, `Chart: ${input.title}. ${summary}`, id);
  return {
    kind: chartKind(input),
    svg: finished.svg,
    summary,
    widthPx: finished.width,
    heightPx: finished.height,
  };
}

/** The chart as a PNG (twice the SVG's size, for print), e.g. for Word. */
export async function chartPng(svg: string, widthPx: number): Promise<Uint8Array> {
  const { Resvg } = await import("@resvg/resvg-js");
  const resvg = new Resvg(svg.replace(/\swidth="100%"/, ` width="${widthPx}"`), {
    fitTo: { mode: "width", value: widthPx * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" },
    background: "#ffffff",
  });
  return resvg.render().asPng();
}

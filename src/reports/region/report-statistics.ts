// The regional report's key statistics (issue 15), drawn from what services.regionFigures.statistics
// read and published (each partnership's own suppression, primary and secondary): no second copy of
// those rules. Only partnerships that share their statistics appear in the figures; the others are
// named once, above them. On the page and in Word each indicator is its chart beside its latest
// periods (one row that is never split); in Excel one sheet of every figure, numbers as numbers.

import type {
  RegionIndicator,
  RegionStatistics,
  StatisticCell,
  StatisticRow,
} from "../../services/region/figures-statistics.ts";
import type { Block, Cell, ReportSection, ReportTable } from "../model.ts";

export type StatisticsOutput = "page" | "docx" | "xlsx";

export interface StatisticsSectionInput {
  statistics: RegionStatistics;
  output: StatisticsOutput;
  /** Each charted indicator's PNG by its key, for Word. */
  pngs?: ReadonlyMap<string, Uint8Array>;
}

const t = (text: string): Cell => ({ kind: "text", text });

/** A published figure: its number with its text ("46.9%"), else the words ("fewer than 5", "suppressed"). */
function figureCell(cell: StatisticCell): Cell {
  return cell.status === "shown" && cell.value !== null
    ? { kind: "number", value: cell.value, text: cell.text }
    : t(cell.text);
}

/** A row's area as the tables name it: comparators say so. */
function areaName(row: Exclude<StatisticRow, { kind: "not-shared" }>): string {
  return row.kind === "comparator" ? `${row.name} (comparator)` : row.name;
}

/** The rows the report shows: partnerships that share, then comparators; never one that does not share. */
function shownRows(indicator: RegionIndicator) {
  return indicator.rows.filter(
    (r): r is Exclude<StatisticRow, { kind: "not-shared" }> => r.kind !== "not-shared",
  );
}

function indicatorTable(indicator: RegionIndicator, index: number): ReportTable {
  const periods = indicator.periods;
  // The periods get the room: "suppressed" and "fewer than 5" fit on one line in Word's 8 pt.
  const width = Math.floor(76 / Math.max(1, periods.length));
  return {
    caption: `${indicator.name}: the latest periods by partnership and comparator`,
    sheetName: `Statistic ${index + 1}`,
    columns: [{ header: "Area", width: 24 }, ...periods.map((p) => ({ header: p.label, width }))],
    groupColumns: [],
    groups: [
      {
        heading: null,
        description: null,
        flat: [],
        rows: shownRows(indicator).map((row): Cell[] => [
          t(areaName(row)),
          ...(row.kind === "not-held"
            ? periods.map(() => t("not reported"))
            : row.cells.map((c) => figureCell(c))),
        ]),
      },
    ],
    landscape: false,
    dense: true,
    emptyText: "No figures by this date.",
  };
}

function indicatorBlocks(
  indicator: RegionIndicator,
  index: number,
  pngs: ReadonlyMap<string, Uint8Array> | undefined,
): Block[] {
  const table = indicatorTable(indicator, index);
  const description: Block = {
    kind: "paragraph",
    lead: indicator.name,
    text: `${indicator.unitText}.${indicator.chartNote ? ` ${indicator.chartNote}` : ""}`,
  };
  const chart = indicator.chart;
  if (!chart) return [description, { kind: "table", table }];
  const png = pngs?.get(indicator.key);
  return [
    description,
    {
      kind: "figure",
      alt: `Chart of ${indicator.name} by partnership. ${chart.summary}`,
      summary: chart.summary,
      svg: chart.svg,
      ...(png ? { png } : {}),
      widthPx: chart.widthPx,
      heightPx: chart.heightPx,
      table,
    },
  ];
}

/** Excel: every figure of every indicator on one sheet, one row per indicator, area and period. */
function figuresSheet(indicators: readonly RegionIndicator[]): ReportTable {
  return {
    caption: "Key statistics: each published figure by indicator, area and period",
    sheetName: "Statistics",
    columns: [
      { header: "Indicator", width: 30 },
      { header: "Measure", width: 20 },
      { header: "Area", width: 26 },
      { header: "Period", width: 12 },
      { header: "Figure", width: 12 },
    ],
    groupColumns: [],
    groups: [
      {
        heading: null,
        description: null,
        flat: [],
        rows: indicators.flatMap((indicator) =>
          shownRows(indicator).flatMap((row) =>
            row.kind === "not-held"
              ? []
              : row.cells.map((c, i): Cell[] => [
                  t(indicator.name),
                  t(indicator.unitText),
                  t(areaName(row)),
                  t(indicator.periods[i]?.label ?? ""),
                  figureCell(c),
                ]),
          ),
        ),
      },
    ],
    landscape: false,
    emptyText: "No partnership of the region shares key statistics with figures by this date.",
  };
}

export function statisticsSection(input: StatisticsSectionInput): ReportSection {
  const { statistics, output } = input;
  const notSharing = statistics.partnerships.filter((p) => !p.shared).map((p) => p.name);
  // An indicator with no figure by the report's date has nothing to show.
  const indicators = statistics.indicators.filter((i) => i.periods.length > 0);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: "Each indicator the partnerships share with the region, with the latest periods side by side. Only published figures: each partnership's own suppression applies, so a small count reads \u201cfewer than\u201d its threshold, and where a total and its parts would let a hidden figure be worked out, another is hidden too. Only figures for periods ended and entered by this date.",
    },
  ];
  if (notSharing.length > 0)
    blocks.push({
      kind: "paragraph",
      text: `Not shared with the region, so not included: ${notSharing.join(", ")}.`,
    });
  if (indicators.length === 0)
    blocks.push({
      kind: "paragraph",
      text: "No partnership of the region shares key statistics with figures by this date.",
    });
  else if (output === "xlsx") blocks.push({ kind: "table", table: figuresSheet(indicators) });
  else blocks.push(...indicators.flatMap((i, n) => indicatorBlocks(i, n, input.pngs)));
  return { id: "statistics", heading: "Key statistics", blocks };
}

// The regional report (issue 15) on the reports' shared model: the landscape (the region's
// partnerships, their populations and what each shares) and each published standard's results for
// its latest cycle as at the report's date; then spend, key statistics and governance from
// services.regionFigures.

import type { RegionPartnership } from "../../data/region/sharing.ts";
import { SHARING_KINDS, SHARING_LABELS } from "../../domain/region/vocabulary.ts";
import { shares } from "../../services/region/access.ts";
import type { StandardResult } from "../../services/region/comparison-service.ts";
import type { RegionGovernance } from "../../services/region/figures-governance.ts";
import type { SpendAndCapacity } from "../../services/region/figures-spend.ts";
import type { RegionStatistics } from "../../services/region/figures-statistics.ts";
import { longDate } from "../build.ts";
import type { Cell, ReportDocument, ReportSection } from "../model.ts";
import { comparisonTable } from "./comparison-document.ts";
import { governanceSection, spendSection } from "./report-figures.ts";
import { type RatingsInput, ratingsSection } from "./report-ratings.ts";
import { type StatisticsOutput, statisticsSection } from "./report-statistics.ts";

export interface RegionReportInput {
  region: { name: string; slug: string };
  asAt: string;
  partnerships: readonly RegionPartnership[];
  results: readonly StandardResult[];
  spend: SpendAndCapacity;
  statistics: RegionStatistics;
  governance: RegionGovernance;
  /** Commitment ratings today; null for a report as at an earlier day (they are not rebuilt). */
  ratings: RatingsInput | null;
  /** What the document is drawn as: the statistics are charts on the page and in Word, one sheet in Excel. */
  output: StatisticsOutput;
  /** The statistics' charts as PNG by indicator key, for Word. */
  pngs?: ReadonlyMap<string, Uint8Array>;
}

const t = (text: string): Cell => ({ kind: "text", text });

function landscape(partnerships: readonly RegionPartnership[]): ReportSection {
  return {
    id: "landscape",
    heading: "The region's partnerships",
    blocks: [
      {
        kind: "paragraph",
        text: `${partnerships.length} ${partnerships.length === 1 ? "partnership belongs" : "partnerships belong"} to the region. Each decides what the region sees.`,
      },
      {
        kind: "table",
        table: {
          caption: "Partnerships, their populations and what each shares with the region",
          sheetName: "Partnerships",
          columns: [
            { header: "Partnership", width: 24 },
            { header: "Area", width: 16 },
            { header: "Population", width: 14 },
            { header: "Shares with the region", width: 46 },
          ],
          groupColumns: [],
          groups: [
            {
              heading: null,
              description: null,
              flat: [],
              rows: partnerships.map((p): Cell[] => [
                t(p.name),
                t(p.areaName),
                p.population === null
                  ? t("Not given")
                  : t(
                      `${p.population.toLocaleString("en-GB")}${p.populationSource ? ` (${p.populationSource})` : ""}`,
                    ),
                {
                  kind: "list",
                  items: SHARING_KINDS.filter((k) => shares(p, k)).map((k) => SHARING_LABELS[k].label),
                },
              ]),
            },
          ],
          landscape: false,
          emptyText: "No partnership belongs to the region yet.",
        },
      },
    ],
  };
}

function standardResults(results: readonly StandardResult[]): ReportSection {
  return {
    id: "standard-results",
    heading: "Results against the region's standards",
    blocks:
      results.length === 0
        ? [{ kind: "paragraph", text: "No cycle of a published standard had opened by this date." }]
        : results.flatMap(({ standard, cycle, matrix }) => [
            {
              kind: "paragraph" as const,
              lead: `${standard.name}, ${cycle.name}.`,
              text: "Submitted and moderated self-assessments by this date; the agreed level where moderated by then.",
            },
            {
              kind: "table" as const,
              // The sheet is named after the standard (cut to Excel's 31 characters; a repeat gets a number).
              table: comparisonTable(matrix, `${standard.name}, ${cycle.name}`, standard.name),
            },
          ]),
  };
}

export function regionReportDocument(input: RegionReportInput): ReportDocument {
  return {
    kind: "region-report",
    title: `Regional report: ${input.region.name}`,
    partnershipName: input.region.name,
    asAt: input.asAt,
    asAtLabel: `As at ${longDate(input.asAt)}`,
    fileStem: `${input.region.slug}-regional-report-${input.asAt}`,
    intro: [
      {
        kind: "paragraph",
        text: "What the region's partnerships share with it: never drafts, people's details or a partnership's audit log.",
      },
    ],
    sections: [
      landscape(input.partnerships),
      ratingsSection(input.ratings),
      standardResults(input.results),
      spendSection(input.spend),
      statisticsSection({
        statistics: input.statistics,
        output: input.output,
        ...(input.pngs ? { pngs: input.pngs } : {}),
      }),
      governanceSection(input.governance),
    ],
  };
}

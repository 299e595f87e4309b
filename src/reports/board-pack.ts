import { ukDateOf } from "../domain/periods.ts";
import type { Actor } from "../services/actor.ts";
import type { Services } from "../services/index.ts";
import { partnershipOf } from "../services/permissions.ts";
import { buildReport, type ReportOptions } from "./build.ts";
import { FORMAT_DETAILS, renderReport, reportFileName } from "./export.ts";
import { buildFundingSection } from "./funding/board-section.ts";
import { buildKeyStatisticsSection } from "./key-statistics.ts";
import type { ReportDocument, ReportFormat, ReportKind } from "./model.ts";

/** How many periods each indicator's figures table keeps in Word, beside its chart: a year of quarters. */
const WORD_LATEST_PERIODS = 4;

/** The reports that go to the board as its pack, and so carry the key statistics too. */
const WITH_KEY_STATISTICS: ReadonlySet<ReportKind> = new Set(["strategy-review", "round-summary"]);

/**
 * A report as the board receives it: the report itself, and for the board-pack reports a key
 * statistics section (figures as published — small numbers suppressed — with charts as PNG for Word).
 * The statistics are the latest held; they keep no "as at" history of their own. When the partnership
 * holds funding or contracts, a "Funding and spend" section follows (reports/funding/board-section.ts).
 */
export async function buildBoardReport(
  services: Pick<Services, "database" | "indicators">,
  actor: Actor,
  options: ReportOptions,
  /**
   * `png`: charts as pictures for Word; `charts: false`: no drawing at all (Excel, CSV);
   * `latestPeriods`: each indicator's figures table keeps that many periods (Word).
   */
  render: { png: boolean; charts?: boolean; latestPeriods?: number },
): Promise<ReportDocument> {
  const doc = await buildReport(services.database.db, actor, options);
  if (!WITH_KEY_STATISTICS.has(options.kind)) return doc;
  // The statistics and the funding section read different tables: together, not one after the other.
  const [section, funding] = await Promise.all([
    buildKeyStatisticsSection(services, actor, {
      forPublication: true,
      png: render.png,
      draw: render.charts ?? true,
      asAt: doc.asAt,
      ...(render.latestPeriods === undefined ? {} : { latestPeriods: render.latestPeriods }),
    }),
    buildFundingSection(
      services.database.db,
      { id: partnershipOf(actor), name: doc.partnershipName },
      doc.asAt,
      ukDateOf(new Date()),
    ),
  ]);
  const added = [...(section.blocks.length > 0 ? [section] : []), ...(funding ? [funding] : [])];
  return added.length === 0 ? doc : { ...doc, sections: [...doc.sections, ...added] };
}

/** What each format needs drawn: Word the charts as pictures, the page as SVG, Excel and CSV nothing. */
export function renderNeeds(format: ReportFormat): { png: boolean; charts: boolean; latestPeriods?: number } {
  const needs = { png: format === "docx", charts: format === "docx" || format === "html" };
  return format === "docx" ? { ...needs, latestPeriods: WORD_LATEST_PERIODS } : needs;
}

/**
 * A board report as a file, in-process: the report built from live data (with the key statistics for
 * the board-pack reports) and written in `format`, with its file name and MIME type. What the reports
 * page's downloads and a benchmark call.
 */
export async function boardReportFile(
  services: Pick<Services, "database" | "indicators">,
  actor: Actor,
  options: ReportOptions,
  format: ReportFormat,
): Promise<{ body: Buffer | string; fileName: string; type: string; doc: ReportDocument }> {
  const doc = await buildBoardReport(services, actor, options, renderNeeds(format));
  return {
    body: await renderReport(doc, format),
    fileName: reportFileName(doc, format),
    type: FORMAT_DETAILS[format].type,
    doc,
  };
}

import type { Actor } from "../services/actor.ts";
import type { Services } from "../services/index.ts";
import { buildReport, type ReportOptions } from "./build.ts";
import { buildKeyStatisticsSection } from "./key-statistics.ts";
import type { ReportDocument, ReportKind } from "./model.ts";

/** The reports that go to the board as its pack, and so carry the key statistics too. */
const WITH_KEY_STATISTICS: ReadonlySet<ReportKind> = new Set(["strategy-review", "round-summary"]);

/**
 * A report as the board receives it: the report itself, and for the board-pack reports a key
 * statistics section (figures as published — small numbers suppressed — with charts as PNG for Word).
 * The statistics are the latest held; they keep no "as at" history of their own.
 */
export async function buildBoardReport(
  services: Pick<Services, "database" | "indicators">,
  actor: Actor,
  options: ReportOptions,
  render: { png: boolean },
): Promise<ReportDocument> {
  const doc = await buildReport(services.database.db, actor, options);
  if (!WITH_KEY_STATISTICS.has(options.kind)) return doc;
  const section = await buildKeyStatisticsSection(services, actor, { forPublication: true, png: render.png });
  if (section.blocks.length === 0) return doc;
  return { ...doc, sections: [...doc.sections, section] };
}

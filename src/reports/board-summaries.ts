// The board summaries form's content (issue 12): each commitment of a strategy with its board summary
// for one financial year as saved, or, where none is saved, the draft made from that year's latest
// accepted narrative per action (domain/board-paper.ts), which summary-mode reports show until then.

import { listBoardSummaries } from "../data/board-papers.ts";
import { listReportChoices, strategyHistory } from "../data/reports.ts";
import type { Executor } from "../db/database.ts";
import { draftBoardSummary } from "../domain/board-paper.ts";
import { financialYearOf, ukDateOf } from "../domain/periods.ts";
import type { Actor } from "../services/actor.ts";
import { NotFoundError } from "../services/errors.ts";
import { partnershipOf } from "../services/permissions.ts";
import { readStrategy } from "./build-strategy.ts";
import { StrategyTimeline } from "./history.ts";

/** `yearStart` undefined: the latest financial year of the strategy's rounds. */
export async function boardSummaryDrafts(
  db: Executor,
  actor: Actor,
  strategyId: number,
  requestedYear: number | undefined,
) {
  const pid = partnershipOf(actor);
  const before = new Date();
  const choices = await listReportChoices(db, pid);
  const strategy = choices.strategies.find((s) => s.id === strategyId);
  if (!strategy) throw new NotFoundError("That strategy");
  const [priorities, commitmentRows, reads] = await readStrategy(db, pid, strategyId, before);
  const timeline = new StrategyTimeline(strategyHistory(reads, strategyId, before, choices.rounds));
  // The years the strategy's rounds cover, for the year links.
  const years = [...new Set(timeline.rounds.map((r) => financialYearOf(r.periodEnd).startYear))].sort();
  const yearStart = requestedYear ?? years.at(-1) ?? financialYearOf(ukDateOf(before)).startYear;
  const saved = await listBoardSummaries(db, pid, strategyId, yearStart);
  const cutoff = timeline.rounds.at(-1) ?? null;
  const savedOf = new Map(saved.map((s) => [s.commitmentId, s]));
  const priorityOf = new Map(priorities.map((p) => [p.id, `Priority ${p.number}: ${p.title}`]));
  const rows = commitmentRows.map(({ commitment: c }) => {
    const year = timeline.yearsOfProgress(c.id, cutoff, yearStart)[0];
    const draft = draftBoardSummary(year?.latestNarratives ?? []);
    const row = savedOf.get(c.id);
    return {
      commitmentId: c.id,
      number: c.number,
      text: row?.text ?? draft,
      commitment: c.text,
      priority: c.priorityId === null ? "" : (priorityOf.get(c.priorityId) ?? ""),
      version: row?.version ?? null,
      drafted: !row,
      hasProgress: year !== undefined,
    };
  });
  return { strategy: { id: strategy.id, title: strategy.title }, year: yearStart, rows, years };
}

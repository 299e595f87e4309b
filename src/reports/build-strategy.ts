// The strategy review (the board paper's appendix: every commitment, its progress so far and its
// rating) and the annual progress report (every recommendation and the progress made this year).

import { readTogether } from "../data/read-together.ts";
import { readStrategyHistory, strategyHistory } from "../data/reports.ts";
import { listCommitmentsWithLinks, listPriorities } from "../data/strategies.ts";
import type { Executor } from "../db/database.ts";
import {
  financialYearEnd,
  financialYearOf,
  financialYearStart,
  formatFinancialYear,
} from "../domain/periods.ts";
import { RATING_LABELS, RATINGS } from "../domain/rag.ts";
import { countProvenance, provenanceHeadline } from "../domain/rating-provenance.ts";
import { ROLLUP_RULE } from "../domain/rollup.ts";
import { type BuildContext, documentBase, longDate, plural } from "./build.ts";
import { type RatingAt, StrategyTimeline } from "./history.ts";
import type { Block, Cell, ReportDocument, ReportTable, RowGroup } from "./model.ts";
import { NOT_YET_STARTED } from "./model.ts";

/**
 * A strategy's framework and its history up to `before`, as read: everything a report needs of the
 * strategy but the rounds, so a report can start it while it checks its options (see buildReport).
 */
export function readStrategy(db: Executor, partnershipId: number, strategyId: number, before: Date) {
  return readTogether(db, [
    () => listPriorities(db, partnershipId, strategyId),
    () => listCommitmentsWithLinks(db, partnershipId, strategyId),
    () => readStrategyHistory(db, partnershipId, strategyId, before),
  ]);
}

export type StrategyReads = Awaited<ReturnType<typeof readStrategy>>;

/** The strategy's framework with its history up to the as-at instant, and the round to report at. */
export async function loadStrategyState(context: BuildContext) {
  const { db, partnershipId: pid, strategy } = context;
  const [priorities, commitmentRows, reads] = await (context.strategyReads ??
    readStrategy(db, pid, strategy.id, context.before));
  const history = strategyHistory(reads, strategy.id, context.before, context.rounds);
  const commitments = commitmentRows.map((r) => r.commitment);
  const links = new Map(commitmentRows.map((r) => [r.commitment.id, r.seeAlsoIds]));
  const timeline = new StrategyTimeline(history);
  const cutoff = context.round
    ? (timeline.round(context.round.id) ?? null)
    : (timeline.rounds.at(-1) ?? null);
  const numberOf = new Map(commitments.map((c) => [c.id, c.number]));
  /** Commitments under their priorities, in order; those without a priority last (or alone, when flat). */
  const groups = [
    ...priorities.map((p) => ({
      heading: `Priority ${p.number}: ${p.title}`,
      outcome: p.outcome,
      commitments: commitments.filter((c) => c.priorityId === p.id),
    })),
  ];
  const loose = commitments.filter(
    (c) => c.priorityId === null || !priorities.some((p) => p.id === c.priorityId),
  );
  if (loose.length > 0) {
    groups.push({
      heading: priorities.length > 0 ? `Other ${context.strategy.itemLabel.toLowerCase()}s` : "",
      outcome: "",
      commitments: loose,
    });
  }
  const seeAlso = (commitmentId: number) =>
    (links.get(commitmentId) ?? [])
      .map((id) => numberOf.get(id))
      .filter((n): n is string => n !== undefined)
      .sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  return { commitments, groups: groups.filter((g) => g.commitments.length > 0), timeline, cutoff, seeAlso };
}

type StrategyState = Awaited<ReturnType<typeof loadStrategyState>>;

/** "12 Green, 3 Amber, 16 not yet started" over the ratings given. */
function ratingTally(ratings: RatingAt[]): string {
  const parts: string[] = [];
  for (const r of RATINGS) {
    const n = ratings.filter((x) => x.rating.rating === r).length;
    if (n > 0) parts.push(`${n} ${RATING_LABELS[r]}`);
  }
  const none = ratings.filter((x) => x.rating.rating === null).length;
  if (none > 0) parts.push(`${none} ${NOT_YET_STARTED.toLowerCase()}`);
  return parts.join(", ");
}

function ratingKey(itemLabel: string): Block[] {
  return [
    {
      kind: "paragraph",
      lead: "Ratings.",
      text:
        "Red: off track. Amber: at risk. Green: on track. Grey: not started. Complete: done. " +
        `${NOT_YET_STARTED}: no progress has been reported yet. ` +
        `${/^[aeiou]/i.test(itemLabel) ? "An" : "A"} ${itemLabel.toLowerCase()}'s rating is derived from its actions' latest accepted ratings: ` +
        `${ROLLUP_RULE.summary.charAt(0).toLowerCase()}${ROLLUP_RULE.summary.slice(1)} ` +
        "Where the coordinator has set a rating, their reason is given. " +
        "A rating that does not come from the round reported on says which round it comes from.",
    },
  ];
}

/** The table of commitment | progress | rating, one group per priority. */
function progressTable(
  context: BuildContext,
  state: StrategyState,
  options: { progressHeader: string; empty: string; year?: number; caption: string; sheetName: string },
): { table: ReportTable; ratings: RatingAt[] } {
  const item = context.strategy.itemLabel;
  const grouped = context.strategy.framework === "priorities" && state.groups.some((g) => g.heading !== "");
  const ratings: RatingAt[] = [];
  const groups: RowGroup[] = state.groups.map((g) => ({
    heading: grouped ? g.heading : null,
    description: null,
    flat: grouped ? [g.heading] : [],
    rows: g.commitments.map((c): Cell[] => {
      const rating = state.timeline.ratingAt(c.id, state.cutoff);
      ratings.push(rating);
      return [
        { kind: "text", lead: c.number, text: c.text },
        {
          kind: "progress",
          seeAlso: state.seeAlso(c.id),
          years: state.timeline.progress(c.id, state.cutoff, options.year),
          notes: rating.note ? [rating.note] : [],
          empty: options.empty,
        },
        { kind: "rating", rating: rating.rating },
      ];
    }),
  }));
  return {
    ratings,
    table: {
      caption: options.caption,
      sheetName: options.sheetName,
      columns: [
        { header: `Strategic ${item.toLowerCase()}`, flatHeader: item, width: 30 },
        { header: options.progressHeader, width: 55 },
        { header: "Rating", width: 15 },
      ],
      groupColumns: grouped ? ["Priority"] : [],
      groups,
      landscape: false,
      emptyText: `This strategy has no ${item.toLowerCase()}s yet.`,
    },
  };
}

/**
 * "27 rated in Q4 2025/26; 11 carried from earlier rounds": the headline under "Ratings are those of
 * the … round", so a board does not read a carried rating as this round's. Null before any round.
 */
function provenanceBlock(state: StrategyState, ratings: RatingAt[]): Block[] {
  const headline = provenanceHeadline(
    state.cutoff?.name ?? null,
    countProvenance(ratings.map((r) => r.provenance)),
  );
  return headline === null ? [] : [{ kind: "paragraph", lead: "Ratings this round.", text: `${headline}.` }];
}

function roundSentence(context: BuildContext, state: StrategyState): string {
  if (state.cutoff === null) return `No update round had been opened by ${longDate(context.asAt)}.`;
  return context.round
    ? `Ratings are those of the ${state.cutoff.name} update round.`
    : `Ratings are those of the latest update round, ${state.cutoff.name}.`;
}

export async function buildStrategyReview(context: BuildContext): Promise<ReportDocument> {
  const state = await loadStrategyState(context);
  const item = context.strategy.itemLabel.toLowerCase();
  const { table, ratings } = progressTable(context, state, {
    progressHeader: "Progress so far",
    empty: "No progress reported yet.",
    caption: `Progress against each ${item} of ${context.strategy.title}`,
    sheetName: "Strategy review",
  });
  const intro: Block[] = [
    {
      kind: "paragraph",
      text:
        `This review sets out each of the ${plural(state.commitments.length, item)} in ${context.strategy.title}, ` +
        "with the progress reported so far from every accepted update across the yearly action plans, " +
        "and its rating.",
    },
    {
      kind: "paragraph",
      text:
        `It shows the position at the end of ${longDate(context.asAt)}: updates accepted and ratings set ` +
        `after that day are not included. ${roundSentence(context, state)}`,
    },
  ];
  if (ratings.length > 0) {
    intro.push({ kind: "paragraph", lead: "Summary.", text: `${ratingTally(ratings)}.` });
    intro.push(...provenanceBlock(state, ratings));
  }
  intro.push(...ratingKey(context.strategy.itemLabel));
  return {
    ...documentBase(context, "strategy-review", `Strategy review: ${context.strategy.title}`),
    intro,
    sections: [
      { id: "review", heading: `Progress against each ${item}`, blocks: [{ kind: "table", table }] },
    ],
  };
}

export async function buildAnnualReport(context: BuildContext): Promise<ReportDocument> {
  const state = await loadStrategyState(context);
  const item = context.strategy.itemLabel.toLowerCase();
  const fy = financialYearOf(context.plan?.startsOn ?? context.asAt);
  const year = formatFinancialYear(fy);
  const { table, ratings } = progressTable(context, state, {
    progressHeader: "Progress this year",
    empty: "No progress reported this year.",
    year: fy.startYear,
    caption: `Progress in ${year} against each ${item} of ${context.strategy.title}`,
    sheetName: `Progress ${formatFinancialYear(fy, "hyphen")}`,
  });
  const intro: Block[] = [
    {
      kind: "paragraph",
      text:
        `This report sets out, for each of the ${plural(state.commitments.length, item)} in ` +
        `${context.strategy.title}, the progress reported in the ${year} financial year ` +
        `(${longDate(financialYearStart(fy))} to ${longDate(financialYearEnd(fy))}) from accepted updates, ` +
        "and its rating.",
    },
    {
      kind: "paragraph",
      text:
        `It shows the position at the end of ${longDate(context.asAt)}: updates accepted after that day ` +
        `are not included. ${roundSentence(context, state)}`,
    },
  ];
  if (ratings.length > 0) {
    intro.push({ kind: "paragraph", lead: "Summary.", text: `${ratingTally(ratings)}.` });
    intro.push(...provenanceBlock(state, ratings));
  }
  intro.push(...ratingKey(context.strategy.itemLabel));
  return {
    ...documentBase(context, "annual-report", `Annual progress report ${year}: ${context.strategy.title}`),
    fileStem: `${context.partnership.slug}-annual-report-${formatFinancialYear(fy, "hyphen")}-${context.asAt}`,
    intro,
    sections: [{ id: "progress", heading: `Progress in ${year}`, blocks: [{ kind: "table", table }] }],
  };
}

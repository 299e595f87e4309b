// What was known at a point in the past: each commitment's rating and "progress so far" recomputed
// from the history read by data/reports.ts (rounds opened, updates accepted and overrides made before
// an instant). Pure: no I/O.
//
// The rating follows the same steps as the rating engine and the rating service, so a report made
// today shows what the commitment page shows:
// 1. the round that rates a commitment is the latest round (up to the report's round) in which an
//    update on one of its actions had been accepted;
// 2. its derived rating is recomputed from the latest accepted rating of each of the commitment's
//    actions in that round's action plan, counting rounds opened no later than it, with the roll-up
//    rule version stored for that round (commitment_ratings.rule_version), so a rule changed later
//    does not change a past report;
// 3. the coordinator's latest override made before the next round opened (and before the report's
//    instant) sits on top; a clearing entry means the derived rating counts again;
// 4. the rating's provenance (domain/rating-provenance.ts): the derived rating counts as coming from
//    the last round (up to the report's round) of the action plan that rated it, as on the pages, and
//    an override from the round it was made in; a rating not from the report's round says so.

import type { HistoryRound, HistoryUpdate, StrategyHistory } from "../data/reports.ts";
import {
  addDays,
  financialYearOf,
  formatFinancialYear,
  type IsoDate,
  isIsoDate,
  ukDateOf,
} from "../domain/periods.ts";
import { RATING_LABELS, type Rating } from "../domain/rag.ts";
import { type RatingProvenance, ratingProvenance } from "../domain/rating-provenance.ts";
import { applyOverride, deriveCommitmentRatingWith, ROLLUP_RULE } from "../domain/rollup.ts";
import { type ProgressEntry, type ProgressYear, type ReportRating, reportRating } from "./model.ts";

/**
 * The first instant after a UK calendar day ends: "as at 30 October" counts everything up to
 * midnight at the end of 30 October in England, whether that is 23:00 or 00:00 UTC.
 */
export function endOfUkDay(date: IsoDate): Date {
  if (!isIsoDate(date)) throw new RangeError(`Not a date: ${date}`);
  const next = addDays(date, 1);
  const midnightUtc = Date.parse(`${next}T00:00:00Z`);
  for (const hours of [0, 1, -1]) {
    const candidate = new Date(midnightUtc - hours * 3_600_000);
    if (ukDateOf(candidate) === next && ukDateOf(new Date(candidate.getTime() - 1)) === date)
      return candidate;
  }
  return new Date(midnightUtc);
}

/** A commitment's rating at a round, with the coordinator's reason when they set it. */
export interface RatingAt {
  readonly rating: ReportRating;
  /** "Rating set by the coordinator: …", or null. */
  readonly note: string | null;
  /** Where the rating comes from, and whether that is the report's round. */
  readonly provenance: RatingProvenance;
}

/** Runs of white space other than a single space (which is left alone: most of a text is those). */
const LOOSE_SPACE = /\s\s+|[^\S ]/g;

/** Paragraphs of a narrative as one line of text. */
function oneLine(text: string): string {
  return text.replace(LOOSE_SPACE, " ").trim();
}

/** "To note" points: one per line, without the bullets people paste from Word. */
function points(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => oneLine(line.replace(/^\s*(?:[-*•·▪➢➤>]|\d+[.)])\s+/, "")))
    .filter((line) => line !== "");
}

const byRoundThenAcceptance = (a: { opened: number; accepted: number }, b: typeof a) =>
  b.opened - a.opened || b.accepted - a.accepted;

export class StrategyTimeline {
  private readonly roundIndex = new Map<number, number>();
  private readonly actionsOf = new Map<number, { id: number; actionPlanId: number }[]>();
  private readonly commitmentOfAction = new Map<number, number>();
  private readonly updatesOf = new Map<number, HistoryUpdate[]>();
  private readonly ratedByAction = new Map<number, { rating: Rating; opened: number }[]>();
  /** The financial year of each round's period end, worked out once per report. */
  private readonly yearOfRound = new Map<number, { startYear: number; label: string }>();

  constructor(private readonly history: StrategyHistory) {
    history.rounds.forEach((r, i) => {
      this.roundIndex.set(r.id, i);
    });
    for (const a of history.actions) {
      const list = this.actionsOf.get(a.commitmentId);
      if (list) list.push(a);
      else this.actionsOf.set(a.commitmentId, [a]);
      this.commitmentOfAction.set(a.id, a.commitmentId);
    }
    for (const u of history.updates) {
      const commitmentId = this.commitmentOfAction.get(u.actionId);
      if (commitmentId === undefined) continue;
      const list = this.updatesOf.get(commitmentId);
      if (list) list.push(u);
      else this.updatesOf.set(commitmentId, [u]);
    }
    for (const r of history.rounds) {
      const fy = financialYearOf(r.periodEnd);
      this.yearOfRound.set(r.id, { startYear: fy.startYear, label: formatFinancialYear(fy) });
    }
  }

  /**
   * An action's rated updates, newest round first and then newest acceptance, worked out once per
   * action and report (each commitment's rating asks for them again at every round).
   */
  private ratedOf(actionId: number): { rating: Rating; opened: number }[] {
    const known = this.ratedByAction.get(actionId);
    if (known) return known;
    const commitmentId = this.commitmentOfAction.get(actionId);
    const rated = (commitmentId === undefined ? [] : (this.updatesOf.get(commitmentId) ?? []))
      .flatMap((u) =>
        u.actionId === actionId && u.rating !== null
          ? [
              {
                rating: u.rating,
                opened: this.round(u.roundId)?.openedAt.getTime() ?? Number.POSITIVE_INFINITY,
                accepted: u.acceptedAt.getTime(),
              },
            ]
          : [],
      )
      .sort(byRoundThenAcceptance)
      .map(({ rating, opened }) => ({ rating, opened }));
    this.ratedByAction.set(actionId, rated);
    return rated;
  }

  /** Rounds opened before the instant, oldest first. */
  get rounds(): readonly HistoryRound[] {
    return this.history.rounds;
  }

  round(id: number): HistoryRound | undefined {
    const index = this.roundIndex.get(id);
    return index === undefined ? undefined : this.history.rounds[index];
  }

  /** The round before `round`, or null for the first. */
  previous(round: HistoryRound): HistoryRound | null {
    const index = this.roundIndex.get(round.id) ?? 0;
    return index > 0 ? (this.history.rounds[index - 1] ?? null) : null;
  }

  private next(round: HistoryRound): HistoryRound | null {
    const index = this.roundIndex.get(round.id);
    return index === undefined ? null : (this.history.rounds[index + 1] ?? null);
  }

  private index(round: HistoryRound): number {
    return this.roundIndex.get(round.id) ?? -1;
  }

  /** The commitment's accepted updates in rounds up to `cutoff` (all of them when null means none). */
  private updatesUpTo(commitmentId: number, cutoff: HistoryRound | null): HistoryUpdate[] {
    if (cutoff === null) return [];
    const last = this.index(cutoff);
    return (this.updatesOf.get(commitmentId) ?? []).filter(
      (u) => (this.roundIndex.get(u.roundId) ?? -1) <= last,
    );
  }

  /** True when any update on the commitment had been accepted by `cutoff`. */
  hasProgress(commitmentId: number, cutoff: HistoryRound | null): boolean {
    return this.updatesUpTo(commitmentId, cutoff).length > 0;
  }

  /** The commitment's effective rating at `cutoff` (null: before any round). */
  ratingAt(commitmentId: number, cutoff: HistoryRound | null): RatingAt {
    const own = this.updatesUpTo(commitmentId, cutoff);
    // 1. The latest round in which one of its updates was accepted.
    let rater: HistoryRound | null = null;
    for (const u of own) {
      const r = this.round(u.roundId);
      if (r && (rater === null || this.index(r) > this.index(rater))) rater = r;
    }
    // 2. Derive from that round's plan actions with the rule version stored for that round.
    let derived = null;
    if (rater !== null) {
      const openedBy = rater.openedAt.getTime();
      const ratings: (Rating | null)[] = (this.actionsOf.get(commitmentId) ?? [])
        .filter((a) => a.actionPlanId === rater.actionPlanId)
        .map((a) => {
          // Newest round first, then newest acceptance: the first that counts is the latest.
          const latest = this.ratedOf(a.id).find((c) => c.opened <= openedBy);
          return latest?.rating ?? null;
        });
      const version = this.history.ruleVersions.get(`${rater.id}:${commitmentId}`) ?? ROLLUP_RULE.version;
      derived = deriveCommitmentRatingWith(version, ratings);
    }
    // 3. The latest override made before the round after the cutoff opened.
    const limit = cutoff ? this.next(cutoff)?.openedAt.getTime() : undefined;
    const override = this.history.overrides
      .filter(
        (o) => o.commitmentId === commitmentId && (limit === undefined || o.createdAt.getTime() < limit),
      )
      .at(-1);
    const active = override?.rating ? { rating: override.rating, reason: override.reason } : null;
    const provenance = ratingProvenance({
      currentRound: cutoff,
      derivedRound: rater === null ? null : this.lastRoundOfPlan(rater.actionPlanId, cutoff),
      override:
        active && override
          ? { round: override.roundId === null ? null : (this.round(override.roundId) ?? null) }
          : null,
    });
    if (derived === null && active === null) return { rating: reportRating(null), note: null, provenance };
    const base = derived ?? deriveCommitmentRatingWith(ROLLUP_RULE.version, []);
    const effective = applyOverride(base, active);
    const note = effective.overridden
      ? `Rating set by the coordinator: ${(effective.reason ?? "").replace(/[.\s]+$/, "")}. ` +
        `The roll-up rule gives ${derived ? RATING_LABELS[derived.rating] : "no rating yet"}.`
      : null;
    return {
      rating: reportRating(effective.rating, effective.overridden, provenance.note),
      note,
      provenance,
    };
  }

  /** The last round of an action plan opened no later than `cutoff` (the plan's rating's round). */
  private lastRoundOfPlan(actionPlanId: number, cutoff: HistoryRound | null): HistoryRound | null {
    const last = cutoff === null ? -1 : this.index(cutoff);
    for (let i = last; i >= 0; i -= 1) {
      const r = this.history.rounds[i];
      if (r && r.actionPlanId === actionPlanId) return r;
    }
    return null;
  }

  /**
   * The commitment's accepted updates up to `cutoff` as bullet points, grouped by the financial year
   * of each round's period end, oldest first; `inYear` keeps one financial year only (start year).
   * The same text reported twice in a year (an unchanged quarterly update) is shown once.
   */
  progress(commitmentId: number, cutoff: HistoryRound | null, inYear?: number): ProgressYear[] {
    const years: {
      year: string;
      entries: ProgressEntry[];
      toNote: string[];
      seen: Set<string>;
      noted: Set<string>;
    }[] = [];
    for (const u of this.updatesUpTo(commitmentId, cutoff)) {
      const round = this.round(u.roundId);
      const fy = this.yearOfRound.get(u.roundId);
      if (!round || !fy) continue;
      if (inYear !== undefined && fy.startYear !== inYear) continue;
      let year = years.at(-1);
      if (!year || year.year !== fy.label) {
        year = { year: fy.label, entries: [], toNote: [], seen: new Set(), noted: new Set() };
        years.push(year);
      }
      const text = oneLine(u.narrative);
      if (text !== "" && !year.seen.has(text)) {
        year.seen.add(text);
        const source = u.organisationName ? `${u.organisationName}, ${round.name}` : round.name;
        year.entries.push({ text, source });
      }
      if (u.toNote !== "") {
        for (const point of points(u.toNote)) {
          if (year.noted.has(point)) continue;
          year.noted.add(point);
          year.toNote.push(point);
        }
      }
    }
    return years
      .filter((y) => y.entries.length > 0 || y.toNote.length > 0)
      .map(({ year, entries, toNote }) => ({ year, entries, toNote }));
  }
}

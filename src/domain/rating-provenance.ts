// Where a commitment's rating comes from, and whether that is the round a page or report is about.
//
// Pure: no I/O. WHY this exists: a commitment with no action in the current action plan keeps the
// rating of the last round that rated it (the roll-up has nothing newer to count), and a page or a
// board paper that says "the ratings of Q4 2025/26" would otherwise present a year-old judgement as
// this quarter's. Every place that shows a commitment's rating (pages, reports, API) asks here for the
// same words, so a board member reads the same sentence on the page and in the Word file.

/** A round as the provenance rule needs it: which one, and its name ("Q4 2024/25"). */
export interface ProvenanceRound {
  readonly id: number;
  readonly name: string;
}

export interface ProvenanceInput {
  /** The round the page or report is about (the latest round, or the report's round); null: none yet. */
  readonly currentRound: ProvenanceRound | null;
  /**
   * The round the derived rating comes from: the last round of the action plan whose actions rated
   * the commitment (up to the current round); null when no round has rated it.
   */
  readonly derivedRound: ProvenanceRound | null;
  /**
   * The coordinator's override in force, with the round it was made in (null round: before any round
   * was opened); null when the rating is not overridden.
   */
  readonly override: { readonly round: ProvenanceRound | null } | null;
}

export interface RatingProvenance {
  /** Where the rating shown comes from: the coordinator's override, the roll-up, or nothing yet. */
  readonly source: "override" | "derived" | "none";
  /** The round the rating shown comes from; null when nothing has rated it (or an override predates every round). */
  readonly round: ProvenanceRound | null;
  /** True when the rating shown is the current round's own. */
  readonly isCurrent: boolean;
  /**
   * What to say beside the rating when it is not the current round's: "from Q4 2024/25; no update
   * since", "set by the coordinator in Q4 2024/25; not reviewed since"; null when nothing needs saying.
   */
  readonly note: string | null;
}

const sameRound = (a: ProvenanceRound | null, b: ProvenanceRound | null) =>
  a !== null && b !== null && a.id === b.id;

/**
 * The provenance of a commitment's rating. The rule:
 * 1. an override in force is the rating shown, so its round counts: made in the current round, it is
 *    current; made earlier, it is carried ("set by the coordinator in Q4 2024/25; not reviewed since");
 * 2. otherwise the derived rating is current when it comes from the current round, and carried from
 *    its round otherwise ("from Q4 2024/25; no update since");
 * 3. a commitment nothing has rated is neither current nor carried: its rating says "not yet started"
 *    by itself, and no note is added.
 * Before any round is opened nothing is current and nothing needs saying.
 */
export function ratingProvenance(input: ProvenanceInput): RatingProvenance {
  const { currentRound, derivedRound, override } = input;
  if (override !== null) {
    const isCurrent = sameRound(override.round, currentRound);
    const note =
      isCurrent || currentRound === null
        ? null
        : override.round === null
          ? "set by the coordinator before the first round; not reviewed since"
          : `set by the coordinator in ${override.round.name}; not reviewed since`;
    return { source: "override", round: override.round, isCurrent, note };
  }
  if (derivedRound === null) return { source: "none", round: null, isCurrent: false, note: null };
  const isCurrent = sameRound(derivedRound, currentRound);
  const note = isCurrent || currentRound === null ? null : `from ${derivedRound.name}; no update since`;
  return { source: "derived", round: derivedRound, isCurrent, note };
}

/** "Amber — from Q4 2024/25; no update since", or just "Amber" when the rating is the current round's. */
export function ratingWithProvenance(label: string, provenance: Pick<RatingProvenance, "note">): string {
  return provenance.note === null ? label : `${label} — ${provenance.note}`;
}

/** How many commitments the current round rated, how many carry an earlier round's rating, how many none. */
export interface ProvenanceCounts {
  readonly current: number;
  readonly carried: number;
  readonly unrated: number;
}

/** Counts provenances: current, carried (a note is shown), and not rated at all. */
export function countProvenance(provenances: readonly RatingProvenance[]): ProvenanceCounts {
  let current = 0;
  let carried = 0;
  let unrated = 0;
  for (const p of provenances) {
    if (p.isCurrent) current += 1;
    else if (p.source === "none") unrated += 1;
    else carried += 1;
  }
  return { current, carried, unrated };
}

/**
 * The headline a page or report opens its ratings with: "27 rated in Q4 2025/26; 11 carried from
 * earlier rounds" (and "; 2 not yet rated" when some are). WHY both numbers: a board reading "Ratings
 * are those of Q4 2025/26" must not take a carried rating for this quarter's. Null before any round.
 */
export function provenanceHeadline(currentRoundName: string | null, counts: ProvenanceCounts): string | null {
  if (currentRoundName === null) return null;
  const parts = [`${counts.current} rated in ${currentRoundName}`];
  if (counts.carried > 0)
    parts.push(
      `${counts.carried} carried from ${counts.carried === 1 ? "an earlier round" : "earlier rounds"}`,
    );
  if (counts.unrated > 0) parts.push(`${counts.unrated} not yet rated`);
  return parts.join("; ");
}

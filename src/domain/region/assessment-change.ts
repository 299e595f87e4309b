// How a criterion's rating moved since the partnership's previous cycle of the same standard (issue 15,
// "History"). Levels of one standard are ordered by position, lowest first, so a higher position is
// better. The previous rating is the region's agreed level when that assessment was moderated, else
// the partnership's own; the caller picks it (`previousRatingOf`).

export interface RatedLevel {
  position: number;
  label: string;
}

export type RatingChangeKind = "up" | "same" | "down" | "new" | "unrated";

export interface RatingChange {
  kind: RatingChangeKind;
  /** "Up from Partly met", "No change", "Down from Met", "New", "Not rated yet". */
  text: string;
}

/**
 * The change from the previous cycle's rating to this one. "New": the criterion was not rated in the
 * previous cycle (or there was none). "Not rated yet": there is nothing to compare this cycle with.
 */
export function ratingChange(previous: RatedLevel | null, current: RatedLevel | null): RatingChange {
  if (current === null) return { kind: "unrated", text: "Not rated yet" };
  if (previous === null) return { kind: "new", text: "New" };
  if (current.position > previous.position) return { kind: "up", text: `Up from ${previous.label}` };
  if (current.position < previous.position) return { kind: "down", text: `Down from ${previous.label}` };
  return { kind: "same", text: "No change" };
}

/** The rating a past cycle stands at: agreed by the region when moderated, else the self-rating. */
export function previousRatingOf<L>(
  moderated: boolean,
  rating: { level: L | null; agreed: L | null },
): L | null {
  if (moderated && rating.agreed !== null) return rating.agreed;
  return rating.level;
}

/**
 * The criteria of a self-assessment still unrated, numbered as the standard numbers them ("1.2"), for
 * the error summary a submission answers with.
 */
export function unratedCriteria<C extends { id: number; number: string; title: string }>(
  criteria: readonly C[],
  ratedIds: ReadonlySet<number>,
): C[] {
  return criteria.filter((c) => !ratedIds.has(c.id));
}

// The comparison's words (issue 15): what one cell of the criteria × partnerships table says, and the
// region's spread for a criterion ("2 Met, 1 Partly met, 1 not submitted"). Pure: the comparison
// service, the page and the Word and Excel files all take their words from here, so they agree.

/** One step of a standard's scale as the comparison needs it, lowest first. */
export interface ScaleLevel {
  id: number;
  position: number;
  label: string;
}

/**
 * What the region may see of one partnership's answer for one criterion. `not-submitted`: no
 * self-assessment, or only a draft (whose content the region never sees); `not-rated`: submitted with
 * this criterion left without a rating.
 */
export type CellInput =
  | { state: "not-submitted" }
  | {
      state: "submitted" | "moderated";
      selfLevelId: number | null;
      /** The region's agreed level; only counted when the assessment is moderated. */
      agreedLevelId: number | null;
    };

export interface ComparisonCell {
  /** The level the region counts: the agreed one when moderated, else the self-rating. */
  level: ScaleLevel | null;
  /** How the level was reached: "agreed" by moderation, "self-assessed", or nothing shown. */
  basis: "agreed" | "self-assessed" | "not-rated" | "not-submitted";
  /** The cell as one line, e.g. "Met (agreed; self-assessed Partly met)". */
  text: string;
  /** The tag's word ("Met", "Not submitted"). */
  tag: string;
  /** A note after the tag ("agreed; self-assessed Partly met"), "" when none. */
  note: string;
}

export const NOT_SUBMITTED = "Not submitted";
export const NOT_RATED = "Not rated";

function levelOf(levels: readonly ScaleLevel[], id: number | null): ScaleLevel | null {
  return id === null ? null : (levels.find((l) => l.id === id) ?? null);
}

/** A cell of the comparison: the agreed level beside the self-rating when moderated, words always. */
export function comparisonCell(levels: readonly ScaleLevel[], input: CellInput): ComparisonCell {
  if (input.state === "not-submitted")
    return { level: null, basis: "not-submitted", text: NOT_SUBMITTED, tag: NOT_SUBMITTED, note: "" };
  const self = levelOf(levels, input.selfLevelId);
  const agreed = input.state === "moderated" ? levelOf(levels, input.agreedLevelId) : null;
  if (agreed) {
    const note = `agreed; self-assessed ${self ? self.label : NOT_RATED.toLowerCase()}`;
    return { level: agreed, basis: "agreed", text: `${agreed.label} (${note})`, tag: agreed.label, note };
  }
  if (self)
    return {
      level: self,
      basis: "self-assessed",
      text: `${self.label} (self-assessed)`,
      tag: self.label,
      note: "self-assessed",
    };
  return { level: null, basis: "not-rated", text: NOT_RATED, tag: NOT_RATED, note: "" };
}

export interface Spread {
  /** Partnerships at each level, highest level first, levels nobody reached left out. */
  atLevel: Array<{ level: ScaleLevel; count: number }>;
  notRated: number;
  notSubmitted: number;
  /** "2 Met, 1 Partly met, 1 not submitted"; "No partnerships" when there are none. */
  text: string;
}

/** How the region's partnerships spread over a criterion's levels, in words. */
export function spreadOf(levels: readonly ScaleLevel[], cells: readonly ComparisonCell[]): Spread {
  const highestFirst = [...levels].sort((a, b) => b.position - a.position);
  const atLevel = highestFirst
    .map((level) => ({ level, count: cells.filter((c) => c.level?.id === level.id).length }))
    .filter((l) => l.count > 0);
  const notRated = cells.filter((c) => c.basis === "not-rated").length;
  const notSubmitted = cells.filter((c) => c.basis === "not-submitted").length;
  const parts = [
    ...atLevel.map((l) => `${l.count} ${l.level.label}`),
    ...(notRated > 0 ? [`${notRated} not rated`] : []),
    ...(notSubmitted > 0 ? [`${notSubmitted} not submitted`] : []),
  ];
  return { atLevel, notRated, notSubmitted, text: parts.length > 0 ? parts.join(", ") : "No partnerships" };
}

/**
 * The tag's colour class for a level by its place on the scale (lowest red, highest green, between
 * orange and yellow) and a class naming the position itself, so the scale never rests on colour
 * alone: the word is always in the tag.
 */
export function levelTagClasses(levels: readonly ScaleLevel[], level: ScaleLevel | null): string {
  if (!level) return "govuk-tag--grey app-level--none";
  const rank = [...levels].sort((a, b) => a.position - b.position).findIndex((l) => l.id === level.id);
  const last = levels.length - 1;
  const colour =
    rank <= 0 && last > 0
      ? "govuk-tag--red"
      : rank >= last
        ? "govuk-tag--green"
        : rank / last < 0.5
          ? "govuk-tag--orange"
          : "govuk-tag--yellow";
  return `${colour} app-level--${rank + 1}`;
}

import { RATINGS, type Rating } from "../../../domain/rag.ts";
import { asArray, type FormValues } from "../../forms.ts";

// The strategy page's filter: commitments by rating, priority and lead organisation, read from the
// query string of a GET form so it works without JavaScript and every filtered list has an address
// (the home page's counts link to them).

/** "none" is a commitment with no rating yet. */
export type RatingFilter = Rating | "none";
const RATING_FILTERS: readonly RatingFilter[] = [...RATINGS, "none"];

export interface StrategyFilter {
  ratings: RatingFilter[];
  priorityId: number | null;
  organisationId: number | null;
}

const idOf = (value: string | string[] | undefined): number | null => {
  const text = asArray(value)[0] ?? "";
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
};

/** Unknown values are ignored rather than refused: a filter link never leads to an error page. */
export function readStrategyFilter(values: FormValues): StrategyFilter {
  const ratings = asArray(values.rating).filter((r): r is RatingFilter =>
    (RATING_FILTERS as readonly string[]).includes(r),
  );
  return {
    ratings: [...new Set(ratings)],
    priorityId: idOf(values.priority),
    organisationId: idOf(values.lead),
  };
}

export const isFiltering = (f: StrategyFilter) =>
  f.ratings.length > 0 || f.priorityId !== null || f.organisationId !== null;

interface Filterable {
  id: number;
  priorityId: number | null;
}

/** Whether one commitment passes the filter, given its rating (null: not rated) and lead organisations. */
export function passes(
  filter: StrategyFilter,
  commitment: Filterable,
  rating: Rating | null,
  leadIds: ReadonlySet<number>,
): boolean {
  if (filter.priorityId !== null && commitment.priorityId !== filter.priorityId) return false;
  if (filter.organisationId !== null && !leadIds.has(filter.organisationId)) return false;
  if (filter.ratings.length > 0 && !filter.ratings.includes(rating ?? "none")) return false;
  return true;
}

interface OutlineCommitment extends Filterable {
  number: string;
}

interface Outline<C extends OutlineCommitment> {
  groups: { priority: { id: number; number: string; title: string }; commitments: C[] }[];
  unassigned: C[];
}

/**
 * The strategy's outline with only the commitments that pass the filter (priorities with none left
 * are dropped), and what the filter form needs: its options, what is chosen, how many match.
 */
export function filteredOutline<C extends OutlineCommitment, O extends Outline<C>>(
  outline: O,
  filter: StrategyFilter,
  ratings: ReadonlyMap<number, { rating: Rating | null }>,
  leads: readonly { commitmentId: number; organisationId: number; organisationName: string }[],
) {
  const leadsOf = new Map<number, Set<number>>();
  const organisations = new Map<number, string>();
  for (const l of leads) {
    leadsOf.set(l.commitmentId, (leadsOf.get(l.commitmentId) ?? new Set()).add(l.organisationId));
    organisations.set(l.organisationId, l.organisationName);
  }
  const keep = (c: C) => passes(filter, c, ratings.get(c.id)?.rating ?? null, leadsOf.get(c.id) ?? new Set());
  const filtering = isFiltering(filter);
  const groups = outline.groups
    .map((g) => ({ ...g, commitments: g.commitments.filter(keep) }))
    .filter((g) => !filtering || g.commitments.length > 0);
  const unassigned = outline.unassigned.filter(keep);
  return {
    ...outline,
    groups,
    unassigned,
    filtering,
    /** The strategy's whole count, whatever the filter shows. */
    priorityCount: outline.groups.length,
    matchCount: groups.reduce((n, g) => n + g.commitments.length, 0) + unassigned.length,
    filter: {
      ratings: filter.ratings,
      priorityId: filter.priorityId === null ? "" : String(filter.priorityId),
      organisationId: filter.organisationId === null ? "" : String(filter.organisationId),
      priorityOptions: outline.groups.map((g) => ({
        value: String(g.priority.id),
        text: `${g.priority.number}. ${g.priority.title}`,
      })),
      organisationOptions: [...organisations].map(([id, name]) => ({ value: String(id), text: name })),
    },
  };
}

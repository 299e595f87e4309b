// Commitments' derived ratings per round, as src/services/rating-engine.ts stores them: for each round,
// the commitments with actions in the round's plan, rolled up (src/domain/rollup.ts, with its rule
// version and explanation) from each action's latest accepted rating in a round opened no later.
// Set-based: the counts per round and commitment go to a scratch table; the distinct count patterns
// (a few hundred) are derived in TypeScript with the application's own rule, and joined back.
import type { Rating } from "../../../src/domain/rag.ts";
import { deriveCommitmentRating } from "../../../src/domain/rollup.ts";
import type { Step } from "../sql.ts";

const SCRATCH = "bench_commitment_rating_counts";
/** The order of the count columns, and of the ratings they count. */
const COUNTED: readonly Rating[] = ["red", "amber", "green", "grey", "complete"];

/** The latest accepted rating: this round's if accepted, else the newest from earlier rounds. */
const latestRatingSql = `coalesce(
  (select u.rating from updates u
    where u.round_id = ro.id and u.action_id = a.id and u.status = 'accepted' and u.rating is not null),
  (select u.rating from updates u join rounds ur on ur.id = u.round_id
    where u.action_id = a.id and u.partnership_id = ro.partnership_id and u.status = 'accepted'
      and u.rating is not null and ur.opened_at <= ro.opened_at
    order by ur.opened_at desc, u.accepted_at desc limit 1))`;

const countsSql = `
  create unlogged table ${SCRATCH} as
  select round_id, partnership_id, commitment_id, opened_at, closed_at,
    ${COUNTED.map((r) => `count(*) filter (where rating = '${r}')::int as ${r}`).join(", ")},
    count(*) filter (where rating is null)::int as unrated
  from (
    select ro.id as round_id, ro.partnership_id, ro.opened_at, ro.closed_at, a.commitment_id,
      ${latestRatingSql} as rating
    from rounds ro join actions a on a.action_plan_id = ro.action_plan_id
  ) latest
  group by round_id, partnership_id, commitment_id, opened_at, closed_at`;

interface Pattern {
  counts: number[];
  rating: Rating;
  ruleVersion: string;
  explanation: string;
}

/** The rule's result for one pattern of counts (red, amber, green, grey, complete, unrated). */
function derive(counts: number[]): Pattern {
  const ratings: (Rating | null)[] = [];
  COUNTED.forEach((rating, i) => {
    for (let n = 0; n < (counts[i] ?? 0); n++) ratings.push(rating);
  });
  for (let n = 0; n < (counts[COUNTED.length] ?? 0); n++) ratings.push(null);
  const derived = deriveCommitmentRating(ratings);
  return {
    counts,
    rating: derived.rating,
    ruleVersion: derived.ruleVersion,
    explanation: derived.explanation,
  };
}

const columns = [...COUNTED, "unrated"];

export const ratingSteps: Step[] = [
  {
    table: "commitment_ratings",
    async run({ database }) {
      // Fresh statistics first: without them the planner guesses badly about a million new updates.
      await database.execute("analyze rounds, actions, updates");
      await database.execute(`drop table if exists ${SCRATCH}`);
      await database.execute(countsSql);
      const { rows } = await database.execute(`select distinct ${columns.join(", ")} from ${SCRATCH}`);
      const patterns = rows.map((row) => derive(columns.map((c) => Number(row[c]))));
      const params = [
        ...columns.map((_, i) => patterns.map((p) => p.counts[i] ?? 0)),
        patterns.map((p) => p.rating),
        patterns.map((p) => p.ruleVersion),
        patterns.map((p) => p.explanation),
      ];
      const unnest = columns.map((_, i) => `$${i + 1}::int[]`).join(", ");
      const n = columns.length;
      // Computed when the round's last update was accepted (before it closed), or now for the open one.
      await database.execute(
        `insert into commitment_ratings (partnership_id, round_id, commitment_id, derived_rating, rule_version,
          explanation, computed_at)
        select c.partnership_id, c.round_id, c.commitment_id, s.rating::rating, s.rule_version, s.explanation,
          coalesce(c.closed_at - interval '1 day', now())
        from ${SCRATCH} c
        join unnest(${unnest}, $${n + 1}::text[], $${n + 2}::text[], $${n + 3}::text[])
          as s(${columns.join(", ")}, rating, rule_version, explanation) using (${columns.join(", ")})
        order by c.opened_at, c.partnership_id, c.commitment_id`,
        params,
      );
      await database.execute(`drop table ${SCRATCH}`);
    },
  },
];

// One five-year strategy per partnership, its priorities (the six themes) and commitments.
import { THEME_POOL_SIZE, THEMES, VISION } from "../content/strategy.ts";
import { FIRST_YEAR } from "../model.ts";
import { townSql } from "../places.ts";
import { lit, type Step, statement, textArray } from "../sql.ts";

/** The theme (1-based) of priority k. */
export const themeOf = (k: string) => `(1 + ((${k}) - 1) % ${THEMES.length})`;

const strategies = statement("strategies", ({ scale }) => {
  const end = FIRST_YEAR + scale.actionPlans;
  return `
  insert into strategies (id, partnership_id, title, start_year, end_year, vision, framework, item_label)
  overriding system value
  select p, p, ${townSql("p")} || ${lit(` Domestic Abuse Strategy ${FIRST_YEAR}–${end}`)},
    ${FIRST_YEAR}, ${end}, replace(${lit(VISION)}, '{town}', ${townSql("p")}), 'priorities', 'Commitment'
  from generate_series(1, ${scale.partnerships}) p`;
});

const priorities = statement(
  "priorities",
  ({ scale, model }) => `
  insert into priorities (id, partnership_id, strategy_id, number, title, outcome, position)
  overriding system value
  select ${model.priorityId("p", "k")}, p, p, k::text,
    ${textArray(THEMES.map((t) => t.title))}[${themeOf("k")}],
    ${textArray(THEMES.map((t) => t.outcome))}[${themeOf("k")}], k
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${scale.priorities}) k`,
);

/**
 * Commitments "k.j", spread evenly over the priorities; each priority's texts come from its theme,
 * rotated by the partnership so neighbouring partnerships do not read alike.
 */
const commitments = statement("commitments", ({ scale, model }) => {
  const texts = textArray(THEMES.flatMap((t) => t.commitments));
  return `
  insert into commitments (id, partnership_id, strategy_id, priority_id, number, text, position)
  overriding system value
  select ${model.commitmentId("p", "c")}, p, p, ${model.priorityId("p", "k")}, k || '.' || j,
    ${texts}[(${themeOf("k")} - 1) * ${THEME_POOL_SIZE} + 1 + (j - 1 + p) % ${THEME_POOL_SIZE}], c
  from (
    select p, c, k, c - (${model.firstCommitmentOf("k")}) + 1 as j
    from generate_series(1, ${scale.partnerships}) p
    cross join generate_series(1, ${scale.commitments}) c
    cross join lateral (select ${model.priorityOf("c")} as k) priority
  ) numbered
  order by p, c`;
});

export const strategySteps: Step[] = [strategies, priorities, commitments];

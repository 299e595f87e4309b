// Five yearly action plans per partnership, their actions (each serving one commitment), the actions'
// lead organisations and milestones.
import { MILESTONES, THEME_POOL_SIZE, THEMES } from "../content/strategy.ts";
import { elementSql, FIRST_YEAR, type Model, pickSql, SALT } from "../model.ts";
import type { BenchScale } from "../scale.ts";
import { type Step, statement, textArray } from "../sql.ts";
import { themeOf } from "./strategy.ts";

/** 1 April of plan y's financial year. */
export const planStartSql = (y: string) => `make_date(${FIRST_YEAR} - 1 + (${y}), 4, 1)`;

/** Every action of every partnership: columns p, y, a and the action's id as `action`. */
export function allActions(scale: BenchScale, model: Model): string {
  return `(
    select p, y, a, ${model.actionId("p", "y", "a")} as action
    from generate_series(1, ${scale.partnerships}) p
    cross join generate_series(1, ${scale.actionPlans}) y
    cross join generate_series(1, ${scale.actionsPerPlan}) a
  )`;
}

/** "2021–22", 1 April 2021 to 31 March 2022. */
const actionPlans = statement(
  "action_plans",
  ({ scale, model }) => `
  insert into action_plans (id, partnership_id, strategy_id, name, starts_on, ends_on) overriding system value
  select ${model.planId("p", "y")}, p, p,
    (${FIRST_YEAR} - 1 + y) || '–' || lpad(((${FIRST_YEAR} + y) % 100)::text, 2, '0'),
    ${planStartSql("y")}, make_date(${FIRST_YEAR} + y, 3, 31)
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${scale.actionPlans}) y
  order by p, y`,
);

/**
 * The texts follow the theme of the commitment's priority. They rotate with the action's position
 * (not a hash), so the two actions of one commitment never read the same.
 */
const actions = statement("actions", ({ scale, model }) => {
  const pool = (pick: (a: (typeof THEMES)[number]["actions"][number]) => string) =>
    textArray(THEMES.flatMap((t) => t.actions.map(pick)));
  const text = (array: string) =>
    `${array}[(${themeOf("k")} - 1) * ${THEME_POOL_SIZE} + 1 + (a + p + y) % ${THEME_POOL_SIZE}]`;
  return `
  insert into actions (id, partnership_id, action_plan_id, commitment_id, what, how, performance_target,
    due_on, closed, position) overriding system value
  select action, p, ${model.planId("p", "y")}, ${model.commitmentId("p", "c")},
    ${text(pool((x) => x.what))}, ${text(pool((x) => x.how))}, ${text(pool((x) => x.target))},
    (${planStartSql("y")} + make_interval(months => 3 * (1 + ${pickSql("action", SALT.due, 4)}::int)))::date - 1,
    false, a
  from ${allActions(scale, model)} base
  cross join lateral (select ${model.actionCommitment("y", "a")} as c) commitment
  cross join lateral (select ${model.priorityOf("c")} as k) priority
  order by action`;
});

/** The first lead (model.leadOf, whose editor writes the updates) and, for a third, a second one. */
const actionLeads = statement("action_leads", ({ scale, model }) => {
  const O = scale.organisationsPerPartnership;
  const second = `1 + (lead - 1 + 1 + ${pickSql("action", SALT.secondLead, Math.max(1, O - 1))}) % ${O}`;
  return `
  insert into action_leads (partnership_id, action_id, organisation_id)
  select p, action, ${model.organisationId("p", "org")}
  from (
    select p, action, ${model.leadOf("action")} as lead,
      ${O} > 1 and ${pickSql("action", SALT.hasSecondLead, 3)} = 0 as two
    from ${allActions(scale, model)} base
  ) leads
  cross join lateral (select lead as org union all select ${second} where two) org
  order by action, org`;
});

/**
 * One or two milestones in the plan's year; those due before the open round's quarter are done, bar
 * one in ten that slipped.
 */
const milestones = statement("milestones", ({ scale, model }) => {
  const openQuarterStart = `make_date(${FIRST_YEAR}, 4, 1) + make_interval(months => ${3 * (scale.rounds - 1)})`;
  return `
  insert into milestones (id, partnership_id, action_id, description, due_on, done, position)
  overriding system value
  select ${model.milestoneId("action", "m")}, p, action, ${elementSql(textArray(MILESTONES), "pick + m * 3")},
    due, due < ${openQuarterStart} and pick % 10 <> 0, m
  from (
    select p, y, action, ${pickSql("action", SALT.milestones, 1000)}::int as pick from ${allActions(scale, model)} base
  ) picked
  cross join generate_series(1, 2) m
  cross join lateral (select (${planStartSql("y")} + make_interval(months => m * 5 - 1 + pick % 2))::date as due) d
  where m <= 1 + pick % 2
  order by action, m`;
});

export const planSteps: Step[] = [actionPlans, actions, actionLeads, milestones];

// Quarterly update rounds: each asks for an update on every action of the partnership (all five
// plans, as the issue's "about a million updates" needs), and belongs to the plan of its year. All but
// the last are closed; the last is open, with its deadline moved into the future at generation time.
import { atSql, FIRST_YEAR } from "../model.ts";
import { type Step, statement } from "../sql.ts";
import { allActions } from "./plans.ts";

/** The first day of round r's quarter. */
export const periodStartSql = (r: string) =>
  `(make_date(${FIRST_YEAR}, 4, 1) + make_interval(months => 3 * ((${r}) - 1)))::date`;
/** The 15th of the month after the quarter (a date). */
export const naturalDeadlineSql = (r: string) => `(${periodStartSql(`(${r}) + 1`)} + 14)`;
/** 09:00 on the first day after the quarter. */
export const naturalOpenedSql = (r: string) => atSql(periodStartSql(`(${r}) + 1`), "9");

const rounds = statement("rounds", ({ scale, model }) => {
  const R = scale.rounds;
  const fy = `(${FIRST_YEAR} + (r - 1) / 4)`;
  return `
  insert into rounds (id, partnership_id, action_plan_id, name, period_start, period_end, deadline,
    grace_days, reminder_days_before, status, opened_at, closed_at, created_at) overriding system value
  select ${model.roundId("p", "r")}, p, ${model.planId("p", model.planOfRound("r"))},
    'Q' || ((r - 1) % 4 + 1) || ' ' || ${fy} || '/' || lpad(((${fy} + 1) % 100)::text, 2, '0'),
    ${periodStartSql("r")}, ${periodStartSql("r + 1")} - 1,
    case when r < ${R} then ${naturalDeadlineSql("r")}
      else greatest(${naturalDeadlineSql("r")}, current_date + 14) end,
    5, 7,
    (case when r < ${R} then 'closed' else 'open' end)::round_status,
    opened, case when r < ${R} then ${atSql(`${naturalDeadlineSql("r")} + 10`, "16", "30")} end, opened
  from generate_series(1, ${scale.partnerships}) p
  cross join generate_series(1, ${R}) r
  cross join lateral (
    select case when r < ${R} then ${naturalOpenedSql("r")}
      else least(${naturalOpenedSql("r")}, now() - interval '1 day') end as opened
  ) o
  order by p, r`;
});

/** In time order (round by round), as a real database would have stored them. */
const roundActions = statement(
  "round_actions",
  ({ scale, model }) => `
  insert into round_actions (partnership_id, round_id, action_id)
  select p, ${model.roundId("p", "r")}, action
  from ${allActions(scale, model)} base cross join generate_series(1, ${scale.rounds}) r
  order by r, p, action`,
);

export const roundSteps: Step[] = [rounds, roundActions];

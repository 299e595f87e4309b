// Money and commissioning (issue 14) for every partnership, set-based: three streams (a grant, a
// partner's contribution, a pooled pot of four contributions) over the plans' financial years, an
// allocation to every action of each year's plan with four quarterly returns (one in seven with a
// variance past 10%, explained), and two contracts with the eleven procurement milestones each.
// Generated ids (identity columns), so the application can add rows straight after.
import { statement } from "../sql.ts";

const STREAMS = `(values ('Safe accommodation grant', 'grant', 'Ministry of Housing, Communities and Local Government', 0),
  ('Commissioner''s contribution', 'partner_contribution', 'Police and crime commissioner', 1),
  ('Pooled regional pot', 'pooled_budget', 'Regional partnerships', 2)) s(name, kind, funder, n)`;

export const fundingSteps = [
  statement(
    "funding_settings",
    () =>
      `insert into funding_settings (partnership_id, variance_threshold_percent) select id, 10 from partnerships`,
  ),
  statement(
    "funding_streams",
    () => `insert into funding_streams (partnership_id, name, kind, funder_name, first_year_start, last_year_start, conditions)
      select p.id, s.name, s.kind, s.funder, y.first, y.last, 'Spend on the partnership''s strategy only.'
      from partnerships p
      cross join ${STREAMS}
      join lateral (select min(extract(year from starts_on))::int as first, max(extract(year from starts_on))::int as last
        from action_plans a where a.partnership_id = p.id) y on y.first is not null
      order by p.id, s.n`,
  ),
  statement(
    "funding_contributions",
    () => `insert into funding_contributions (partnership_id, stream_id, contributor_name, year_start, amount_pence, received, position)
      select s.partnership_id, s.id, 'Contributor ' || k, y,
        case when s.kind = 'pooled_budget' then case when k = 4 then 1050000 else 800000 end else 250000000 end,
        k % 2 = 1, k
      from funding_streams s
      cross join generate_series(s.first_year_start, s.last_year_start) y
      cross join generate_series(1, case when s.kind = 'pooled_budget' then 4 else 1 end) k`,
  ),
  statement(
    "funding_allocations",
    () => `insert into funding_allocations (partnership_id, stream_id, year_start, action_id, amount_pence)
      select a.partnership_id, s.id, extract(year from ap.starts_on)::int, a.id,
        case when s.kind = 'pooled_budget' then 50000 else 1500000 + (a.id % 40) * 10000 end
      from actions a
      join action_plans ap on ap.id = a.action_plan_id
      join funding_streams s on s.partnership_id = a.partnership_id
        and s.kind = (array['grant', 'partner_contribution', 'pooled_budget'])[1 + a.id % 3]
      order by a.id`,
  ),
  statement(
    "spend_returns",
    () => `insert into spend_returns (partnership_id, allocation_id, year_start, quarter, budget_pence, committed_pence,
        actual_pence, forecast_pence, explanation, source)
      select f.partnership_id, f.id, f.year_start, q, f.amount_pence, f.amount_pence,
        f.amount_pence * q / 4,
        case when f.id % 7 = 0 then f.amount_pence * 85 / 100 else f.amount_pence end,
        case when f.id % 7 = 0 then 'The service started a quarter late; the rest is carried forward.' else '' end,
        'import'
      from funding_allocations f cross join generate_series(1, 4) q`,
  ),
  statement(
    "contracts",
    () => `insert into contracts (partnership_id, service, provider_name, stage, annual_value_pence, starts_on, ends_on,
        latest_end_on, extension_decision_due_on)
      select p.id, c.service, c.provider, c.stage, c.value, ((y.last - 2 + c.n) || '-04-01')::date, ((y.last + 1 + c.n) || '-03-31')::date,
        ((y.last + 3 + c.n) || '-03-31')::date, case when c.n = 0 then (y.last || '-09-30')::date end
      from partnerships p
      join lateral (select max(extract(year from starts_on))::int as last from action_plans a where a.partnership_id = p.id) y
        on y.last is not null
      cross join (values ('Specialist safe accommodation service', 'A specialist provider', 'review', 42000000, 0),
        ('Community support service (new model)', '', 'do', 24000000, 2)) c(service, provider, stage, value, n)
      order by p.id, c.n`,
  ),
  statement(
    "contract_milestones",
    () => `insert into contract_milestones (partnership_id, contract_id, position, name, planned_on, actual_on)
      select c.partnership_id, c.id, m.n, m.name, c.starts_on - (12 - m.n) * 30, case when m.n <= 4 then c.starts_on - (12 - m.n) * 30 end
      from contracts c
      cross join (values (1, 'Needs assessment'), (2, 'Engagement'), (3, 'Service model agreed'), (4, 'Tender published'),
        (5, 'Tender closes'), (6, 'Evaluation'), (7, 'Award decision'), (8, 'Standstill ends'), (9, 'Contract signed'),
        (10, 'Mobilisation'), (11, 'Service starts')) m(n, name)`,
  ),
];

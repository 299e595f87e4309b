// What the pages are measured on, found in the database by natural keys (slug, numbers, status), so
// the national and the single-partnership databases give the same pages whatever their ids.

import pg from "pg";

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(serverUrl: string, name: string): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    const result = await client.query("select 1 from pg_database where datname = $1", [name]);
    return result.rowCount === 1;
  });
}

export interface MeasuredIds {
  partnershipId: number;
  slug: string;
  strategyId: number;
  commitmentId: number;
  /** "1.1": the first commitment of the strategy. */
  commitmentNumber: string;
  actionPlanId: number;
  roundId: number;
  partnerships: number;
  commitments: number;
  /** The financial year (start) of the round's plan: the money reports' year. */
  fundingYear: number;
}

async function one<T>(client: pg.Client, what: string, text: string, values: unknown[]): Promise<T> {
  const result = await client.query(text, values);
  const row = result.rows[0] as T | undefined;
  if (!row) throw new Error(`the database has no ${what}`);
  return row;
}

/** The latest strategy, its first commitment, the open round (or the latest) and that round's plan. */
export async function findMeasuredIds(url: string, slug: string): Promise<MeasuredIds> {
  return withClient(url, async (client) => {
    const p = await one<{ id: number }>(
      client,
      `partnership "${slug}"`,
      "select id from partnerships where slug = $1",
      [slug],
    );
    const s = await one<{ id: number }>(
      client,
      `strategy in "${slug}"`,
      "select id from strategies where partnership_id = $1 order by start_year desc, id desc limit 1",
      [p.id],
    );
    const c = await one<{ id: number; number: string }>(
      client,
      "commitment",
      `select c.id, c.number from commitments c left join priorities p on p.id = c.priority_id
       where c.strategy_id = $1 order by p.position nulls first, c.position, c.id limit 1`,
      [s.id],
    );
    const r = await one<{ id: number; action_plan_id: number }>(
      client,
      `round in "${slug}"`,
      `select r.id, r.action_plan_id from rounds r join action_plans a on a.id = r.action_plan_id
       where r.partnership_id = $1 and a.strategy_id = $2
       order by (r.status = 'open') desc, r.opened_at desc, r.id desc limit 1`,
      [p.id, s.id],
    );
    const plan = await one<{ year: number }>(
      client,
      "the round's plan",
      "select extract(year from starts_on)::int as year from action_plans where id = $1",
      [r.action_plan_id],
    );
    const counts = await one<{ partnerships: number; commitments: number }>(
      client,
      "counts",
      `select (select count(*) from partnerships)::int as partnerships,
              (select count(*) from commitments where strategy_id = $1)::int as commitments`,
      [s.id],
    );
    return {
      partnershipId: p.id,
      slug,
      strategyId: s.id,
      commitmentId: c.id,
      commitmentNumber: c.number,
      actionPlanId: r.action_plan_id,
      roundId: r.id,
      partnerships: counts.partnerships,
      commitments: counts.commitments,
      fundingYear: plan.year,
    };
  });
}

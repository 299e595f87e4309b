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
  /** The partnership's first contract, when the data set has contracts (issue 14). */
  contractId: number | null;
  partnerships: number;
  commitments: number;
  /** The next meeting with an agenda, and the latest published pack: absent until the data has them. */
  meetingId?: number;
  packId?: number;
  /** The financial year (start) of the round's plan: the money reports' year. */
  fundingYear: number;
  /** The stream with the most allocations, when the data set has funding (issue 14); else null. */
  fundingStreamId: number | null;
  /** The strategic board (the Steering Group), its last held meeting and its next one. */
  boardId: number;
  heldMeetingId: number;
  nextMeetingId: number;
  /**
   * The partnership's submitted (or moderated) self-assessment and its region, whose lead or viewer
   * the measured coordinator is (bench/generate/steps/region.ts): absent until the data has them.
   */
  assessment?: { id: number; regionSlug: string };
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
    const contract = await client.query<{ id: number }>(
      "select id from contracts where partnership_id = $1 order by id limit 1",
      [p.id],
    );
    const counts = await one<{ partnerships: number; commitments: number }>(
      client,
      "counts",
      `select (select count(*) from partnerships)::int as partnerships,
              (select count(*) from commitments where strategy_id = $1)::int as commitments`,
      [s.id],
    );
    // Governance (issue 13): measured once the generator writes meetings and packs.
    const meeting = await client.query<{ id: number }>(
      `select m.id from meetings m where m.partnership_id = $1
         and exists (select 1 from agenda_items a where a.meeting_id = m.id)
       order by (m.status = 'planned') desc, m.meets_on, m.id limit 1`,
      [p.id],
    );
    const pack = await client.query<{ id: number }>(
      "select id from meeting_packs where partnership_id = $1 order by published_at desc, id desc limit 1",
      [p.id],
    );
    const meetingId = meeting.rows[0]?.id;
    const packId = pack.rows[0]?.id;
    const stream = await client.query(
      `select s.id from funding_streams s left join funding_allocations a on a.stream_id = s.id
       where s.partnership_id = $1 group by s.id order by count(a.id) desc, s.id limit 1`,
      [p.id],
    );
    const g = await one<{ board_id: number; held_id: number; next_id: number }>(
      client,
      `strategic board with meetings in "${slug}"`,
      `select t.board_id,
         (select id from meetings where board_id = t.board_id and meets_on < current_date order by meets_on desc limit 1) as held_id,
         (select id from meetings where board_id = t.board_id and meets_on >= current_date order by meets_on limit 1) as next_id
       from board_terms t where t.partnership_id = $1 and t.kind = 'strategic' order by t.board_id limit 1`,
      [p.id],
    );
    // The region (issue 15): the partnership's self-assessment the region can read.
    const assessment = await client.query<{ id: number; region_slug: string }>(
      `select a.id, r.slug as region_slug from self_assessments a
         join partnerships p on p.id = a.partnership_id
         join regions r on r.id = p.region_id
       where a.partnership_id = $1 and a.status <> 'draft' order by a.id limit 1`,
      [p.id],
    );
    const assessed = assessment.rows[0];
    return {
      ...(meetingId === undefined ? {} : { meetingId }),
      ...(assessed === undefined
        ? {}
        : { assessment: { id: assessed.id, regionSlug: assessed.region_slug } }),
      ...(packId === undefined ? {} : { packId }),
      fundingStreamId: (stream.rows[0] as { id: number } | undefined)?.id ?? null,
      partnershipId: p.id,
      slug,
      strategyId: s.id,
      commitmentId: c.id,
      commitmentNumber: c.number,
      actionPlanId: r.action_plan_id,
      roundId: r.id,
      contractId: contract.rows[0]?.id ?? null,
      partnerships: counts.partnerships,
      commitments: counts.commitments,
      fundingYear: plan.year,
      boardId: g.board_id,
      heldMeetingId: g.held_id,
      nextMeetingId: g.next_id,
    };
  });
}

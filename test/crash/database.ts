// The crash test's own look at the database, in this process, while no server runs on it: the demo
// loaded before the first start, and afterwards the check that every acknowledged write is there and
// nothing is there half.

import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, type DatabaseTarget, openDatabase } from "../../src/db/database.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { loadDemoPartnership } from "../../src/demo/load.ts";
import type { Target, Write } from "./writers.ts";

/** A new, empty PostgreSQL database of the run's own on the server at `adminUrl`, and how to drop it. */
export async function scratchPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `waymark_crash_${randomBytes(6).toString("hex")}`;
  const run = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

async function one<T>(database: Database, sql: string, values: unknown[] = []): Promise<T> {
  const row = (await database.execute(sql, values)).rows[0];
  if (!row) throw new Error(`no row from: ${sql}`);
  return row as T;
}

/** Loads the demo partnership and chooses where the clients write: its latest plan, two of its organisations. */
export async function prepare(target: DatabaseTarget, base: string): Promise<Target> {
  const database = await openDatabase(target);
  try {
    const { partnershipId } = await loadDemoPartnership(database.db, ashvale);
    const plan = await one<{ id: number; strategy_id: number }>(
      database,
      "select id, strategy_id from action_plans where partnership_id = $1 order by starts_on desc, id desc limit 1",
      [partnershipId],
    );
    const commitment = await one<{ id: number }>(
      database,
      "select id from commitments where partnership_id = $1 and strategy_id = $2 order by id limit 1",
      [partnershipId, plan.strategy_id],
    );
    const orgs = (
      await database.execute("select id from organisations where partnership_id = $1 order by id limit 2", [
        partnershipId,
      ])
    ).rows.map((r) => Number(r.id));
    if (orgs.length < 2) throw new Error("the demo partnership has fewer than two organisations");
    return {
      base,
      slug: ashvale.slug,
      planId: Number(plan.id),
      commitmentId: Number(commitment.id),
      leadOrganisationIds: [orgs[0] as number, orgs[1] as number],
    };
  } finally {
    await database.close();
  }
}

export interface Verdict {
  acknowledged: number;
  acknowledgedPresent: number;
  /** Writes cut off by a kill that were committed nonetheless (whole). */
  cutOffCommitted: number;
  cutOffAbsent: number;
  rows: number;
  problems: string[];
}

interface StoredAction {
  id: number;
  what: string;
  leads: number;
  milestones: number;
  audits: number;
}

/**
 * Every action the run tried to add, as stored: each acknowledged one present with its own id and text;
 * every stored one whole (two leads, one milestone, one audit entry of its creation) and one the run
 * tried; no audit entry of a creation whose action is missing; no text stored twice.
 */
export async function verify(target: DatabaseTarget, prefix: string, writes: Write[]): Promise<Verdict> {
  const database = await openDatabase(target);
  try {
    const rows = (
      await database.execute(
        `select a.id, a.what,
           (select count(*)::int from action_leads l where l.action_id = a.id) as leads,
           (select count(*)::int from milestones m where m.action_id = a.id) as milestones,
           (select count(*)::int from audit_log g
             where g.entity_type = 'action' and g.entity_id = a.id::text and g.action = 'action.create') as audits
         from actions a where a.what like $1 order by a.id`,
        [`${prefix}%`],
      )
    ).rows as unknown as StoredAction[];
    const orphanAudits = await one<{ n: number }>(
      database,
      `select count(*)::int as n from audit_log g
        where g.action = 'action.create' and g.after->>'what' like $1
          and not exists (select 1 from actions a where a.id::text = g.entity_id)`,
      [`${prefix}%`],
    );
    const problems: string[] = [];
    const byText = new Map<string, StoredAction>();
    for (const row of rows) {
      if (byText.has(row.what)) problems.push(`"${row.what}" is stored twice`);
      byText.set(row.what, row);
      if (row.leads !== 2 || row.milestones !== 1 || row.audits !== 1)
        problems.push(
          `action ${row.id} ("${row.what}") is half-written: ${row.leads} leads, ${row.milestones} milestones, ${row.audits} audit entries`,
        );
    }
    if (orphanAudits.n > 0) problems.push(`${orphanAudits.n} audit entries of a creation with no action`);
    const tried = new Set(writes.map((w) => w.text));
    for (const row of rows)
      if (!tried.has(row.what)) problems.push(`action ${row.id} ("${row.what}") was never sent`);
    let acknowledgedPresent = 0;
    let cutOffCommitted = 0;
    for (const write of writes) {
      const stored = byText.get(write.text);
      if (write.outcome === "acknowledged") {
        if (stored && stored.id === write.id) acknowledgedPresent++;
        else problems.push(`acknowledged write "${write.text}" (action ${write.id}) is missing`);
      } else if (write.outcome === "cut off" && stored) cutOffCommitted++;
      else if (write.outcome === "refused" && stored)
        problems.push(`refused write "${write.text}" is stored`);
    }
    const acknowledged = writes.filter((w) => w.outcome === "acknowledged").length;
    const cutOff = writes.filter((w) => w.outcome === "cut off").length;
    return {
      acknowledged,
      acknowledgedPresent,
      cutOffCommitted,
      cutOffAbsent: cutOff - cutOffCommitted,
      rows: rows.length,
      problems,
    };
  } finally {
    await database.close();
  }
}

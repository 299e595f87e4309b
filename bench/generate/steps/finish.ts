// After the inserts: identity sequences moved past the generated ids (so the application can add
// rows), each partnership's data version, and fresh planner statistics.
import type { Step } from "../sql.ts";
import { GOVERNANCE_IDENTITY_TABLES } from "./governance.ts";
import { REGION_IDENTITY_TABLES } from "./region.ts";

/** Tables whose `id` is an identity column given explicitly by the generator. */
const IDENTITY_TABLES = [
  "regions",
  "partnerships",
  "organisations",
  "users",
  "boards",
  "strategies",
  "priorities",
  "commitments",
  "action_plans",
  "actions",
  "milestones",
  "rounds",
  "updates",
  "areas",
  "indicators",
  "indicator_links",
  "observations",
  ...GOVERNANCE_IDENTITY_TABLES,
  ...REGION_IDENTITY_TABLES,
];

/**
 * The bulk load may run without foreign-key triggers (session_replication_role = replica, see
 * generate.ts and targets.ts), so every foreign key of the schema is checked here instead, set-based:
 * one anti-join per key. Fails the generation if any row points nowhere.
 */
const foreignKeys: Step = {
  table: "(foreign keys checked)",
  async run({ database }) {
    const { rows } = await database.execute(`
      select c.conname, c.conrelid::regclass::text as child, a.attname as col,
        c.confrelid::regclass::text as parent, af.attname as parent_col, cardinality(c.conkey) as columns
      from pg_constraint c
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      join pg_attribute af on af.attrelid = c.confrelid and af.attnum = c.confkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace
      order by 1`);
    const broken: string[] = [];
    for (const fk of rows) {
      if (Number(fk.columns) !== 1)
        throw new Error(`${fk.conname}: only single-column foreign keys are checked`);
      const { rows: found } = await database.execute(`
        select count(*)::int as n from ${fk.child} x
        where x.${fk.col} is not null
          and not exists (select 1 from ${fk.parent} y where y.${fk.parent_col} = x.${fk.col})`);
      if (Number(found[0]?.n) > 0) broken.push(`${fk.conname}: ${found[0]?.n} rows`);
    }
    if (broken.length > 0) throw new Error(`Generated rows break foreign keys: ${broken.join("; ")}`);
  },
};

const sequences: Step = {
  table: "(identity sequences)",
  async run({ database }) {
    for (const table of IDENTITY_TABLES) {
      await database.execute(
        `select setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) from ${table}`,
      );
    }
  },
};

/**
 * Every change bumps a partnership's data version (src/services/unit-of-work.ts); one per update written
 * is about what five years of use would have left, and keys page caches like a real partnership's.
 */
const dataVersions: Step = {
  table: "(data versions)",
  async run({ database }) {
    await database.execute(`
      update partnerships p set data_version = 1 + c.n
      from (select partnership_id, count(*)::int as n from updates group by partnership_id) c
      where c.partnership_id = p.id`);
  },
};

/** VACUUM as well on PostgreSQL: sets hint bits and the visibility map, as autovacuum would have by now. */
const analyse: Step = {
  table: "(vacuum and analyse)",
  async run({ database }) {
    await database.execute(database.kind === "postgres" ? "vacuum analyze" : "analyze");
  },
};

export const finishSteps: Step[] = [foreignKeys, sequences, dataVersions, analyse];

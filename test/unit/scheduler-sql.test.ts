import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "../../src/notify/scheduler.ts";

// pg-boss hands its schema and maintenance to the database as one "BEGIN; …; COMMIT;" string. On the
// embedded database the adapter runs those statements one by one, so the split must be exact.

describe("splitSqlStatements", () => {
  it("splits at semicolons outside quotes, comments and dollar-quoted bodies", () => {
    const text = `
      SELECT 'a;b', "odd;name" FROM t; -- a comment; still a comment
      CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; PERFORM 2; END; $$ LANGUAGE plpgsql;
      /* block; comment */ SELECT $1::text, $tag$ x; y $tag$;
      SELECT 'it''s; fine';
      ;
    `;
    expect(splitSqlStatements(text)).toEqual([
      `SELECT 'a;b', "odd;name" FROM t`,
      "-- a comment; still a comment\n      CREATE FUNCTION f() RETURNS void AS $$ BEGIN PERFORM 1; PERFORM 2; END; $$ LANGUAGE plpgsql",
      "/* block; comment */ SELECT $1::text, $tag$ x; y $tag$",
      "SELECT 'it''s; fine'",
    ]);
  });

  it("splits pg-boss's own schema into whole statements, its functions intact", () => {
    const plan = PgBoss.getConstructionPlans("pgboss");
    const inner = /^\s*BEGIN\s*;([\s\S]*?);?\s*COMMIT\s*;?\s*$/i.exec(plan)?.[1] ?? "";
    const statements = splitSqlStatements(inner);
    expect(statements[0]).toMatch(/^SET LOCAL lock_timeout/);
    expect(statements.some((s) => s.startsWith("SELECT pg_advisory_xact_lock"))).toBe(true);
    const functions = statements.filter((s) => s.startsWith("CREATE FUNCTION"));
    expect(functions).toHaveLength(2);
    for (const f of functions) expect(f.trimEnd().endsWith("LANGUAGE plpgsql")).toBe(true);
    expect(statements.at(-1)).toMatch(/^INSERT INTO pgboss\.version/);
  });
});

// Generates the synthetic national data set into one open, migrated, empty database: every table in
// one set-based statement for all partnerships at once, in dependency order, timed per table.
import type { Database } from "../../src/db/database.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { BENCH_PASSWORD } from "../config.ts";
import { createModel } from "./model.ts";
import { type BenchScale, benchScale } from "./scale.ts";
import type { Step, StepContext } from "./sql.ts";
import { finishSteps } from "./steps/finish.ts";
import { fundingSteps } from "./steps/funding.ts";
import { governanceSteps } from "./steps/governance.ts";
import { peopleSteps } from "./steps/people.ts";
import { planSteps } from "./steps/plans.ts";
import { ratingSteps } from "./steps/ratings.ts";
import { regionSteps } from "./steps/region.ts";
import { roundSteps } from "./steps/rounds.ts";
import { statisticSteps } from "./steps/statistics.ts";
import { strategySteps } from "./steps/strategy.ts";
import { updateSteps } from "./steps/updates.ts";

export const ALL_STEPS: readonly Step[] = [
  ...peopleSteps,
  ...strategySteps,
  ...planSteps,
  ...roundSteps,
  ...updateSteps,
  ...ratingSteps,
  ...statisticSteps,
  ...fundingSteps,
  ...governanceSteps,
  ...regionSteps,
  ...finishSteps,
];

export interface GenerateOptions {
  /** Overrides of bench/config.ts SCALE (tests use a tiny shape). */
  scale?: Partial<BenchScale>;
  /** The hash of BENCH_PASSWORD, to hash it once for several targets; computed when absent. */
  passwordHash?: string;
  /** Progress lines; silent when absent. */
  log?: (line: string) => void;
}

export interface GenerateResult {
  scale: BenchScale;
  /** Rows per table after generation. */
  counts: Record<string, number>;
  seconds: number;
}

export async function countRows(database: Database, table: string): Promise<number> {
  const { rows } = await database.execute(`select count(*)::int as n from ${table}`);
  return Number(rows[0]?.n ?? 0);
}

/** Refuses a database that already has partnerships: ids are given explicitly and would collide. */
async function assertEmpty(database: Database): Promise<void> {
  if ((await countRows(database, "partnerships")) > 0 || (await countRows(database, "users")) > 0) {
    throw new Error(`${database.location} already has data; the generator needs an empty database`);
  }
}

export async function generateBenchData(
  database: Database,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const scale = benchScale(options.scale);
  const log = options.log ?? (() => undefined);
  await assertEmpty(database);
  const context: StepContext = {
    database,
    scale,
    model: createModel(scale),
    passwordHash: options.passwordHash ?? (await hashPassword(BENCH_PASSWORD)),
  };
  const started = performance.now();
  const counts: Record<string, number> = {};
  // The embedded database has one connection, so a session setting holds for every statement: load
  // without foreign-key triggers (checked afterwards, set-based, by steps/finish.ts). PostgreSQL's pool
  // has several connections; targets.ts sets it per database for the bench's own.
  if (database.kind === "pglite") await database.execute("set session_replication_role = replica");
  try {
    await runSteps(context, counts, log);
  } finally {
    if (database.kind === "pglite") await database.execute("reset session_replication_role");
  }
  return { scale, counts, seconds: (performance.now() - started) / 1000 };
}

async function runSteps(context: StepContext, counts: Record<string, number>, log: (line: string) => void) {
  const { database } = context;
  for (const step of ALL_STEPS) {
    const stepStarted = performance.now();
    await step.run(context);
    const seconds = (performance.now() - stepStarted) / 1000;
    if (step.table.startsWith("(")) {
      log(`  ${step.table.padEnd(22)} ${"".padStart(10)}  ${seconds.toFixed(1).padStart(6)} s`);
      continue;
    }
    counts[step.table] = await countRows(database, step.table);
    log(
      `  ${step.table.padEnd(22)} ${counts[step.table]!.toLocaleString("en-GB").padStart(10)}  ${seconds.toFixed(1).padStart(6)} s`,
    );
  }
}

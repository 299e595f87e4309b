// `npm run bench:data`: generates the synthetic national data set (GitHub issue 6) into PostgreSQL
// (every partnership, and partnership 1 alone) and into the embedded database (partnership 1), from
// bench/config.ts. Reproducible: the same seed and scale give the same data, bar the open round's
// deadline and its updates' times, which follow the day of generation.
import { Command, Option } from "commander";
import type { Database } from "../../src/db/database.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import {
  BENCH_PASSWORD,
  benchDatabaseUrl,
  coordinatorEmail,
  MEASURED_SLUG,
  NATIONAL_DATABASE,
  SCALE,
  SINGLE_DATABASE,
} from "../config.ts";
import { generateBenchData } from "./generate.ts";
import { finishPostgres, pgliteDir, recreatePglite, recreatePostgres } from "./targets.ts";

type TargetName = "national" | "single" | "pglite";

interface Target {
  name: TargetName;
  where: string;
  partnerships: (national: number) => number;
  open(): Promise<Database>;
  finish(): Promise<void>;
}

const TARGETS: readonly Target[] = [
  {
    name: "national",
    where: benchDatabaseUrl(NATIONAL_DATABASE),
    partnerships: (national) => national,
    open: () => recreatePostgres(NATIONAL_DATABASE),
    finish: () => finishPostgres(NATIONAL_DATABASE),
  },
  {
    name: "single",
    where: benchDatabaseUrl(SINGLE_DATABASE),
    partnerships: () => 1,
    open: () => recreatePostgres(SINGLE_DATABASE),
    finish: () => finishPostgres(SINGLE_DATABASE),
  },
  {
    name: "pglite",
    where: pgliteDir,
    partnerships: () => 1,
    open: recreatePglite,
    finish: async () => undefined,
  },
];

async function generateInto(target: Target, partnerships: number, passwordHash: string): Promise<number> {
  console.log(`\n${target.name}: ${partnerships} partnership(s) into ${target.where}`);
  const started = performance.now();
  try {
    const database = await target.open();
    try {
      const result = await generateBenchData(database, {
        scale: { partnerships },
        passwordHash,
        log: (line) => console.log(line),
      });
      console.log(`  generated in ${result.seconds.toFixed(1)} s`);
    } finally {
      await database.close();
    }
  } finally {
    await target.finish();
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`${target.name}: done in ${seconds.toFixed(1)} s (with creating and migrating the database)`);
  return seconds;
}

async function main(): Promise<void> {
  const program = new Command("bench:data")
    .description("Generate the synthetic national data set for the performance benchmark")
    .addOption(new Option("--only <target>", "only one target").choices(["national", "single", "pglite"]))
    .option("--partnerships <n>", "partnerships in the national database", String(SCALE.partnerships))
    .parse();
  const options = program.opts<{ only?: TargetName; partnerships: string }>();
  const national = Number(options.partnerships);
  if (!Number.isInteger(national) || national < 1)
    throw new Error("--partnerships must be a positive integer");

  // One hash for every user of every target: scrypt is slow on purpose, and once is enough.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const timings: string[] = [];
  for (const target of TARGETS.filter((t) => !options.only || t.name === options.only)) {
    const seconds = await generateInto(target, target.partnerships(national), passwordHash);
    timings.push(`${target.name} ${seconds.toFixed(1)} s`);
  }
  console.log(`\nTotal: ${timings.join(", ")}`);
  console.log(`Sign in to ${MEASURED_SLUG} as ${coordinatorEmail(MEASURED_SLUG)} with "${BENCH_PASSWORD}".`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

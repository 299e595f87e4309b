// `npm run bench`: measures Waymark on this machine, over loopback, against the synthetic data of
// `npm run bench:data` (bench/config.ts), and writes bench/RESULTS.md. See `npm run bench -- --help`.

import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  BENCH_PASSWORD,
  BENCH_SERVER_URL,
  benchDatabaseUrl,
  coordinatorEmail,
  editorEmail,
  MEASURED_SLUG,
  NATIONAL_DATABASE,
  partnershipSlug,
  SCALE,
  SINGLE_DATABASE,
} from "./config.ts";
import { measureBoardPack } from "./lib/boardpack.ts";
import { type EditorsSession, prepareEditors, runEditors } from "./lib/editors.ts";
import { signIn } from "./lib/http.ts";
import { databaseExists, findMeasuredIds, type MeasuredIds } from "./lib/ids.ts";
import { describeMachine } from "./lib/machine.ts";
import { measureBaseline, measurePages, pagesOf } from "./lib/pages.ts";
import { printProfile } from "./lib/profile.ts";
import {
  type DataSet,
  type EditorsRuns,
  type PagesResult,
  type RunData,
  summaryLines,
  writeResults,
} from "./lib/results.ts";
import { type BenchServer, type Memory, ROOT, startBenchServer } from "./lib/server.ts";
import { measureStartup } from "./lib/startup.ts";
import { runWorkers } from "./lib/workers.ts";

const SCENARIOS = ["pages", "boardpack", "editors", "workers", "startup"] as const;
type Scenario = (typeof SCENARIOS)[number];

const HELP = `npm run bench [-- options]

Measures, over loopback: pages at national scale and with one partnership loaded (PostgreSQL),
against a route with no database; board pack generation against the bare docx/exceljs libraries;
200 concurrent editors (throughput, p99, lost updates) against one; server memory; serve --workers 2
against one worker; npm start to the first page. Writes bench/RESULTS.md (keeping its notes section) and prints a summary.

  --quick              short runs, to try it out (figures not comparable)
  --only <list>        pages, boardpack, editors, workers, startup (comma-separated)
  --dev-url <url>      a PostgreSQL database holding the demo data (npx waymark demo load), used as
                       both "national" and "one partnership" before npm run bench:data exists
  --cpu-prof           profile the national server (node --cpu-prof) and print where the time went
  --profile <page>     only load one page (home, strategy, commitment, plan, round, review) on the
                       national server under node --cpu-prof and print its hot spots; writes no results
  --think-ms <ms>      the concurrent editors' mean pause (default 5000)
  --page-cache off     start the servers with PAGE_CACHE=off (every page rendered)
  --out <file>         write the results there instead of bench/RESULTS.md
`;

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    "dev-url": { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    profile: { type: "string" },
    "think-ms": { type: "string" },
    "page-cache": { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

const only = new Set<Scenario>();
for (const item of (args.only ?? []).flatMap((o) => o.split(","))) {
  const name = item.trim();
  if (!(SCENARIOS as readonly string[]).includes(name)) {
    console.error(`Unknown scenario "${name}": choose from ${SCENARIOS.join(", ")}.`);
    process.exit(2);
  }
  only.add(name as Scenario);
}
const wanted = (s: Scenario) => only.size === 0 || only.has(s);

const quick = args.quick;
const LOAD = quick
  ? { connections: 10, duration: 3, warmup: 1 }
  : { connections: 10, duration: 10, warmup: 3 };
const BOARD_PACK = quick ? { iterations: 3, warmup: 1 } : { iterations: 15, warmup: 3 };
/**
 * 200 editors, each pausing ~5 s (2.5 to 7.5 s) between opening the form and saving and between saving
 * and the next form: quicker than anyone writes an update. Also run with one editor and, in a full
 * run, 200 with no pause at all (the throughput ceiling).
 */
const EDITORS = {
  editors: 200,
  thinkMs: Number(args["think-ms"] ?? 5000),
  submitEvery: 3,
  duration: quick ? 10 : 30,
  shortDuration: quick ? 5 : 15,
};

if (!Number.isFinite(EDITORS.thinkMs) || EDITORS.thinkMs < 0) {
  console.error("--think-ms must be a number of milliseconds, 0 or more.");
  process.exit(2);
}

const log = (line: string) => console.log(line);
const serverEnv: Record<string, string> = {
  SIGN_IN_LIMIT_PER_ADDRESS: "100000",
  ...(args["page-cache"] === "off" ? { PAGE_CACHE: "off" } : {}),
};

interface Target {
  data: DataSet;
  url: string;
}

function redact(url: string): string {
  const u = new URL(url);
  u.password = "";
  return u.toString();
}

async function targets(): Promise<{ national: Target; single: Target; slug: string; password: string }> {
  const devUrl = args["dev-url"];
  if (devUrl) {
    const label = "development: the demo data, one database for both";
    return {
      national: { url: devUrl, data: { label, database: redact(devUrl), partnerships: 0, commitments: 0 } },
      single: { url: devUrl, data: { label, database: redact(devUrl), partnerships: 0, commitments: 0 } },
      slug: "ashvale",
      password: "waymark-demo-password",
    };
  }
  for (const name of [NATIONAL_DATABASE, SINGLE_DATABASE]) {
    if (!(await databaseExists(BENCH_SERVER_URL, name))) {
      throw new Error(
        `The database ${name} does not exist on ${redact(BENCH_SERVER_URL)}: run \`npm run bench:data\` first ` +
          "(or try the runner on the demo data with --dev-url).",
      );
    }
  }
  const make = (name: string, label: string) => ({
    url: benchDatabaseUrl(name),
    data: { label, database: name, partnerships: 0, commitments: 0 },
  });
  return {
    national: make(NATIONAL_DATABASE, "national scale"),
    single: make(SINGLE_DATABASE, "one partnership loaded"),
    slug: MEASURED_SLUG,
    password: BENCH_PASSWORD,
  };
}

/** Synthetic editors outside the measured partnership, in order: partnership 2, organisation 1, editor 1… */
function editorCandidates(count: number): string[] {
  const perPartnership = SCALE.organisationsPerPartnership * SCALE.editorsPerOrganisation;
  const partnerships = Math.min(SCALE.partnerships, 2 + Math.ceil((2 * count) / perPartnership));
  const out: string[] = [];
  for (let p = 2; p <= partnerships; p += 1)
    for (let o = 1; o <= SCALE.organisationsPerPartnership; o += 1)
      for (let e = 1; e <= SCALE.editorsPerOrganisation; e += 1)
        out.push(editorEmail(partnershipSlug(p), o, e));
  return out;
}

const figureLine = (label: string, f: { p50: number; p99: number; rps: number; bytes: number }) =>
  `${label.padEnd(44)} p50 ${f.p50.toFixed(2).padStart(7)} ms  p99 ${f.p99.toFixed(2).padStart(7)} ms  ` +
  `${f.rps.toFixed(0).padStart(5)} req/s  ${(f.bytes / 1024).toFixed(0)} KiB`;

/**
 * Each page on the national server, then at once the same page on the one-partnership server, so
 * whatever else the machine is doing weighs on both alike.
 */
async function comparePages(
  servers: { national: BenchServer; single: BenchServer },
  ids: { national: MeasuredIds; single: MeasuredIds },
  password: string,
): Promise<PagesResult> {
  const jars = {
    national: await signIn(servers.national.url, coordinatorEmail(ids.national.slug), password),
    single: await signIn(servers.single.url, coordinatorEmail(ids.single.slug), password),
  };
  const result: PagesResult = {
    national: { baseline: await measureBaseline(servers.national.url, LOAD), pages: [] },
    single: { baseline: await measureBaseline(servers.single.url, LOAD), pages: [] },
  };
  result.national.baseline.memoryAfter = servers.national.memory();
  result.single.baseline.memoryAfter = servers.single.memory();
  log(figureLine(`    ${result.national.baseline.label}, national`, result.national.baseline));
  log(figureLine(`    ${result.single.baseline.label}, one`, result.single.baseline));
  const singlePages = pagesOf(ids.single);
  for (const page of pagesOf(ids.national)) {
    const other = singlePages.find((p) => p.key === page.key);
    if (!other) continue;
    for (const which of page.nationalOnly ? (["national"] as const) : (["national", "single"] as const)) {
      const server = servers[which];
      const [figure] = await measurePages(
        server.url,
        jars[which].header(),
        [which === "national" ? page : other],
        LOAD,
        () => undefined,
        () => server.memory(),
      );
      if (!figure) continue;
      result[which].pages.push(figure);
      log(figureLine(`    ${figure.label}, ${which === "national" ? "national" : "one"}`, figure));
    }
  }
  return result;
}

async function stopServer(server: BenchServer): Promise<void> {
  const code = await server.stop();
  if (code !== 0 && code !== null)
    log(`    (the server exited with ${code})\n${server.output().slice(-2000)}`);
}

const startServerOn = (url: string, extra: { cpuProfileDir?: string; serveArgs?: string[] } = {}) =>
  startBenchServer({ env: { ...serverEnv, DATABASE_URL: url }, ...extra });

async function editorsOn(server: BenchServer, databaseUrl: string, slug: string, password: string) {
  log(`  editors: signing in ${EDITORS.editors} editors and their coordinators…`);
  const session: EditorsSession = await prepareEditors(
    server.url,
    databaseUrl,
    editorCandidates(EDITORS.editors),
    EDITORS.editors,
    slug,
    password,
    coordinatorEmail,
  );
  const settings = {
    editors: EDITORS.editors,
    duration: EDITORS.duration,
    thinkMs: EDITORS.thinkMs,
    submitEvery: EDITORS.submitEvery,
  };
  const report = (r: Awaited<ReturnType<typeof runEditors>>, label: string) =>
    log(
      `    ${label.padEnd(34)} POST p50 ${r.post.p50.toFixed(1).padStart(7)} ms  p99 ${r.post.p99.toFixed(1).padStart(7)} ms  ` +
        `${r.rps.toFixed(0)} req/s  ${r.saved + r.submitted} saved, ${r.conflicts} conflicts, ${r.lost + r.overwritten} lost`,
    );
  const one = await runEditors(session, {
    ...settings,
    editors: 1,
    thinkMs: 0,
    duration: EDITORS.shortDuration,
  });
  report(one, "1 editor, no pause");
  const concurrent = await runEditors(session, settings);
  report(concurrent, `${settings.editors} editors, ~${settings.thinkMs} ms pauses`);
  let saturated: Awaited<ReturnType<typeof runEditors>> | undefined;
  if (!quick) {
    saturated = await runEditors(session, { ...settings, thinkMs: 0, duration: EDITORS.shortDuration });
    report(saturated, `${settings.editors} editors, no pause`);
  }
  return { concurrent, single: one, ...(saturated ? { saturated } : {}) } satisfies EditorsRuns;
}

async function main(): Promise<void> {
  const { national, single, slug, password } = await targets();
  const skipped = SCENARIOS.filter((s) => !wanted(s)).map((s) => `${s} (--only)`);
  const data: RunData = {
    date: new Date(),
    mode: [
      quick ? "quick run (short durations; not comparable)" : "full run",
      ...(only.size > 0 ? [`only ${[...only].join(", ")}`] : []),
      ...(args["dev-url"] ? ["development data (--dev-url)"] : []),
      ...(args["page-cache"] === "off" ? ["page cache off"] : []),
      ...(args["think-ms"] !== undefined ? [`editors pausing ~${EDITORS.thinkMs} ms`] : []),
    ].join(", "),
    machine: await describeMachine(national.url),
    load: LOAD,
    national: national.data,
    single: single.data,
    slug,
    skipped,
    loadAverageAtEnd: 0,
  };
  const needsIds = wanted("pages") || wanted("boardpack") || wanted("editors") || wanted("workers");
  const nationalIds = needsIds ? await findMeasuredIds(national.url, slug) : undefined;
  if (nationalIds) {
    national.data.partnerships = nationalIds.partnerships;
    national.data.commitments = nationalIds.commitments;
  }
  log(`Waymark bench — ${data.mode}`);
  log(
    `  ${data.machine.cpu}, ${data.machine.cores} cores, Node ${data.machine.node}, PostgreSQL ${data.machine.postgres}`,
  );

  const profileDir = args["cpu-prof"] ? path.join(ROOT, "tmp", `bench-prof-${Date.now()}`) : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  if (nationalIds && (wanted("pages") || wanted("editors"))) {
    log(
      `\nNational scale: ${national.data.database}, ${nationalIds.partnerships} partnerships, measured on ${slug}`,
    );
    const server = await startServerOn(national.url, profileDir ? { cpuProfileDir: profileDir } : {});
    try {
      let afterPages: Memory | undefined;
      let singleMemory: Memory | undefined;
      if (wanted("pages")) {
        const singleIds = await findMeasuredIds(single.url, slug);
        single.data.partnerships = singleIds.partnerships;
        single.data.commitments = singleIds.commitments;
        log(
          `One partnership loaded: ${single.data.database}, ${singleIds.partnerships === 1 ? "1 partnership" : `${singleIds.partnerships} partnerships`}`,
        );
        const other = await startServerOn(single.url);
        try {
          data.pages = await comparePages(
            { national: server, single: other },
            { national: nationalIds, single: singleIds },
            password,
          );
          singleMemory = other.memory();
        } finally {
          await stopServer(other);
        }
        afterPages = server.memory();
      }
      if (wanted("editors")) data.editors = await editorsOn(server, national.url, slug, password);
      const memory = server.memory();
      data.memory = {
        national: memory,
        ...(afterPages ? { afterPages } : {}),
        ...(singleMemory ? { single: singleMemory } : {}),
      };
      log(`    memory, national: VmRSS ${memory.rssMb.toFixed(0)} MB, VmHWM ${memory.hwmMb.toFixed(0)} MB`);
      if (singleMemory)
        log(
          `    memory, one partnership: VmRSS ${singleMemory.rssMb.toFixed(0)} MB, VmHWM ${singleMemory.hwmMb.toFixed(0)} MB`,
        );
    } finally {
      await stopServer(server);
    }
  }

  if (nationalIds && wanted("boardpack")) {
    log("\nBoard pack (in-process, national database)");
    data.boardpack = await measureBoardPack(national.url, nationalIds, BOARD_PACK, log);
  }

  if (nationalIds && wanted("workers")) {
    const start = (serveArgs: string[]) => startServerOn(national.url, { serveArgs });
    data.workers = await runWorkers(start, stopServer, nationalIds, password, LOAD, log);
  }

  if (wanted("startup")) {
    log("\nnpm start to the first page (embedded database)");
    data.startup = await measureStartup(log);
  }

  data.loadAverageAtEnd = os.loadavg()[0] ?? 0;
  const out = path.resolve(args.out ?? path.join(ROOT, "bench", "RESULTS.md"));
  writeResults(out, data);
  log("\nTargets:");
  for (const line of summaryLines(data)) log(line);
  log(`\nWritten to ${path.relative(process.cwd(), out) || out}`);

  if (profileDir) printProfile(profileDir, log);
}

/** `--profile <page>`: one page under load on the national server, profiled; nothing written. */
async function profilePage(key: string): Promise<void> {
  const { national, slug, password } = await targets();
  const ids = await findMeasuredIds(national.url, slug);
  const page = pagesOf(ids).find((p) => p.key === key);
  if (!page)
    throw new Error(
      `--profile: choose one of ${pagesOf(ids)
        .map((p) => p.key)
        .join(", ")}`,
    );
  const folder = path.join(ROOT, "tmp", `bench-prof-${key}-${Date.now()}`);
  mkdirSync(folder, { recursive: true });
  log(`Profiling ${page.label} (${page.path}) on ${national.data.database}…`);
  const server = await startServerOn(national.url, { cpuProfileDir: folder });
  try {
    const jar = await signIn(server.url, coordinatorEmail(ids.slug), password);
    await measurePages(server.url, jar.header(), [page], LOAD, log);
  } finally {
    await stopServer(server);
  }
  printProfile(folder, log);
}

(args.profile ? profilePage(args.profile) : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause) console.error("Caused by:", error.cause);
  process.exit(1);
});

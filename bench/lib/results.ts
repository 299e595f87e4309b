// One run's figures → bench/RESULTS.md (and a summary for the terminal). Every figure is shown with
// its ratio to the baseline measured in the same run, and each target as met or not met. The notes
// section between the markers is written by people and kept as it is from one run to the next.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { BoardPackResult, Contender } from "./boardpack.ts";
import type { EditorsResult } from "./editors.ts";
import type { Machine } from "./machine.ts";
import type { PageFigure } from "./pages.ts";
import type { Memory } from "./server.ts";
import type { StartTiming, StartupResult } from "./startup.ts";
import { type WorkersResult, workersSection, workersVerdicts } from "./workers.ts";

export interface DataSet {
  label: string;
  database: string;
  partnerships: number;
  commitments: number;
}

export interface PagesResult {
  national: { baseline: PageFigure; pages: PageFigure[] };
  single: { baseline: PageFigure; pages: PageFigure[] };
}

export interface EditorsRuns {
  concurrent: EditorsResult;
  saturated?: EditorsResult;
  single: EditorsResult;
}

export interface RunData {
  date: Date;
  mode: string;
  machine: Machine;
  load: { connections: number; duration: number; warmup: number };
  national: DataSet;
  single: DataSet;
  slug: string;
  pages?: PagesResult;
  /** The national server at the end (after pages and editors) and after the pages alone. */
  memory?: { national: Memory; afterPages?: Memory; single?: Memory };
  boardpack?: BoardPackResult;
  editors?: EditorsRuns;
  startup?: StartupResult;
  /** `serve --workers 2` against one worker (PostgreSQL). */
  workers?: WorkersResult;
  loadAverageAtEnd: number;
  /** What was not measured, and why (e.g. `--only pages`). */
  skipped: string[];
}

export const TARGETS = {
  pageScale: 1.5,
  baselineShare: 0.25,
  boardPack: 2,
  editorsP99: 10,
  startupSeconds: 5,
  memoryMb: 300,
} as const;

export interface Verdict {
  target: string;
  figure: string;
  met: boolean;
}

const ms = (n: number) =>
  Number.isNaN(n) ? "–" : n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0);
const x = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}×` : "–");
const pct = (n: number) => `${(100 * n).toFixed(0)}%`;
const rps = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const count = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
const kib = (n: number) => (n < 10 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024).toFixed(0)} KiB`);
const mb = (n: number) => `${n.toFixed(0)} MB`;
const triple = (p: { p50: number; p99: number; rps: number }) =>
  `${ms(p.p50)} / ${ms(p.p99)} / ${rps(p.rps)}`;

function contender(result: BoardPackResult, key: string): Contender | undefined {
  return result.contenders.find((c) => c.key === key);
}

export function verdicts(data: RunData): Verdict[] {
  const out: Verdict[] = [];
  if (data.pages) {
    const { national, single } = data.pages;
    for (const page of national.pages) {
      const one = single.pages.find((p) => p.key === page.key);
      if (!one) continue;
      const ratio = page.p50 / one.p50;
      out.push({
        target: `${page.label}: national p50 ≤ ${TARGETS.pageScale}× one partnership`,
        figure: `${ms(page.p50)} ms vs ${ms(one.p50)} ms = ${x(ratio)} (p99 ${x(page.p99 / one.p99)})`,
        met: ratio <= TARGETS.pageScale,
      });
    }
    // The regional comparison (issue 15): a region of about nine against a region of four, both national.
    const region4 = national.pages.find((p) => p.key === "region-comparison-4");
    const region9 = national.pages.find((p) => p.key === "region-comparison-9");
    if (region4 && region9) {
      const ratio = region9.p50 / region4.p50;
      out.push({
        target: `Regional comparison: a region of 9 p50 ≤ ${TARGETS.pageScale}× a region of 4 (national)`,
        figure: `${ms(region9.p50)} ms vs ${ms(region4.p50)} ms = ${x(ratio)} (p99 ${x(region9.p99 / region4.p99)})`,
        met: ratio <= TARGETS.pageScale,
      });
    }
    for (const page of national.pages) {
      const share = page.rps / national.baseline.rps;
      out.push({
        target: `${page.label}: req/s ≥ ${pct(TARGETS.baselineShare)} of the no-database baseline`,
        figure: `${rps(page.rps)} of ${rps(national.baseline.rps)} req/s = ${pct(share)}`,
        met: share >= TARGETS.baselineShare,
      });
    }
  }
  if (data.boardpack) {
    for (const format of ["docx", "xlsx"] as const) {
      const ours = contender(data.boardpack, `${format}-table`);
      const bare = contender(data.boardpack, `${format}-bare`);
      if (!ours || !bare) continue;
      const ratio = ours.timing.p50 / bare.timing.p50;
      out.push({
        target: `Board pack .${format}: at most ${TARGETS.boardPack}× the bare library writing the same table`,
        figure: `${ms(ours.timing.p50)} ms vs ${ms(bare.timing.p50)} ms = ${x(ratio)}`,
        met: ratio <= TARGETS.boardPack,
      });
    }
  }
  if (data.editors) {
    const { concurrent, saturated, single } = data.editors;
    for (const run of [concurrent, saturated, single]) {
      if (!run) continue;
      out.push({
        target: `${editorsLabel(run)}: 0 lost or overwritten updates`,
        figure: `${run.lost + run.overwritten} of ${run.updatesWritten} updates written (${run.saved + run.submitted} acknowledged writes, ${run.conflicts} refused as conflicts)`,
        met: run.lost + run.overwritten === 0 && run.updatesWritten > 0,
      });
    }
    const ratio = concurrent.post.p99 / single.post.p99;
    out.push({
      target: `${editorsLabel(concurrent)}: save/submit p99 ≤ ${TARGETS.editorsP99}× one editor's`,
      figure: `${ms(concurrent.post.p99)} ms vs ${ms(single.post.p99)} ms = ${x(ratio)} (vs one editor's p50: ${x(concurrent.post.p99 / single.post.p50)})`,
      met: ratio <= TARGETS.editorsP99,
    });
  }
  if (data.startup) {
    out.push(
      {
        target: `\`npm start\` to first page, first start (demo data) ≤ ${TARGETS.startupSeconds} s`,
        figure: `${data.startup.firstStart.seconds.toFixed(2)} s`,
        met: data.startup.firstStart.seconds <= TARGETS.startupSeconds,
      },
      {
        target: `\`npm start\` to first page, restart ≤ ${TARGETS.startupSeconds} s`,
        figure: `${data.startup.restart.seconds.toFixed(2)} s`,
        met: data.startup.restart.seconds <= TARGETS.startupSeconds,
      },
    );
  }
  if (data.workers) out.push(...workersVerdicts(data.workers));
  if (data.memory) {
    out.push({
      target: `Server memory at national scale (peak resident, VmHWM) ≤ ${TARGETS.memoryMb} MB`,
      figure: `${mb(data.memory.national.hwmMb)} (now ${mb(data.memory.national.rssMb)})`,
      met: data.memory.national.hwmMb <= TARGETS.memoryMb,
    });
  }
  return out;
}

function editorsLabel(run: EditorsResult): string {
  const n = run.settings.editors;
  const who = n === 1 ? "1 editor" : `${n} concurrent editors`;
  return run.settings.thinkMs > 0 ? `${who} (pausing ~${run.settings.thinkMs} ms)` : `${who} (no pause)`;
}

const NOTES_START = "<!-- notes:start -->";
const NOTES_END = "<!-- notes:end -->";
const DEFAULT_NOTES = `_Hand-written. For each target not met: what was tried, what it changed, and what the limit is
(with the CPU profile's top functions where a page is slow). \`npm run bench\` keeps this section as it is._`;

export function existingNotes(file: string): string {
  if (!existsSync(file)) return DEFAULT_NOTES;
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(NOTES_START);
  const end = text.indexOf(NOTES_END);
  if (start < 0 || end < start) return DEFAULT_NOTES;
  return text.slice(start + NOTES_START.length, end).trim() || DEFAULT_NOTES;
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

function pagesSection(data: RunData, pages: PagesResult): string {
  const { national, single } = pages;
  const rows = [
    [
      `${national.baseline.label}`,
      triple(national.baseline),
      triple(single.baseline),
      x(national.baseline.p50 / single.baseline.p50),
      "100%",
      "100%",
      kib(national.baseline.bytes),
    ],
  ];
  for (const page of national.pages) {
    const one = single.pages.find((p) => p.key === page.key);
    rows.push([
      `${page.label}<br>\`${page.path}\``,
      triple(page),
      one ? triple(one) : "–",
      one ? `${x(page.p50 / one.p50)} (p99 ${x(page.p99 / one.p99)})` : "–",
      pct(page.rps / national.baseline.rps),
      one ? pct(one.rps / single.baseline.rps) : "–",
      kib(page.bytes),
    ]);
  }
  const spoiled = [national.baseline, single.baseline, ...national.pages, ...single.pages].filter(
    (p) => p.non2xx > 0 || p.errors > 0,
  );
  return [
    "## Pages",
    "",
    `Signed in as the coordinator of \`${data.slug}\`. One server process per database (PostgreSQL), ` +
      `${data.load.connections} connections for ${data.load.duration} s after a ${data.load.warmup} s warm-up. ` +
      "Figures are p50 / p99 latency in ms (each answer timed to the microsecond) / requests per second. Every request (the baseline's too) " +
      "carries the `Accept-Encoding` Chromium sends, so pages arrive gzipped as a browser gets them; " +
      "the answer size is what was sent (headers and body).",
    "",
    `- National: ${data.national.label} — ${count(data.national.partnerships, "partnership")} (\`${data.national.database}\`)`,
    `- One partnership: ${data.single.label} — ${count(data.single.partnerships, "partnership")} (\`${data.single.database}\`)`,
    "",
    table(
      [
        "page",
        "national",
        "one partnership",
        "national ÷ one (p50)",
        "req/s ÷ baseline (national)",
        "req/s ÷ baseline (one)",
        "answer size (as sent)",
      ],
      rows,
    ),
    ...(spoiled.length > 0
      ? [
          "",
          `**Warning:** non-2xx answers or errors during: ${spoiled.map((p) => `${p.label} (${p.non2xx} non-2xx, ${p.errors} errors)`).join("; ")}.`,
        ]
      : []),
  ].join("\n");
}

function boardPackSection(result: BoardPackResult): string {
  const rows: string[][] = [];
  for (const c of result.contenders) {
    const bare = contender(result, `${c.format}-bare`);
    rows.push([
      c.label,
      `${ms(c.timing.p50)} / ${ms(c.timing.p99)} / ${c.perSecond.toFixed(2)}`,
      `${(c.bytes / 1024).toFixed(0)} KiB`,
      bare ? x(c.timing.p50 / bare.timing.p50) : "–",
    ]);
  }
  return [
    "## Board pack",
    "",
    `The strategy review of the measured partnership: ${result.commitments} commitments, ${result.rows} rows in ` +
      `${count(result.tables, "table")}, ${result.progressEntries} accepted updates over ${result.years} years. In-process ` +
      `(PostgreSQL, national database), ${result.iterations} files each, in interleaved rounds (each of a format's three compared contenders once a round, in turn, after all were warmed up; the full board packs timed apart). Figures are p50 / p99 ms / files per second. ` +
      "The bare libraries are given the report's rows already as text (group columns and cells, as in the Excel export) " +
      "and write them with default styles; the target compares Waymark's strategy review (read from the database, " +
      "built, rendered) with them. The full board pack adds the key statistics section with its charts, which the bare table does not have.",
    "",
    table(["contender", "p50 / p99 / files/s", "size", "÷ bare (p50)"], rows),
  ].join("\n");
}

const ordinal = (n: number) =>
  `${n}${n % 10 === 1 && n !== 11 ? "st" : n % 10 === 2 && n !== 12 ? "nd" : n % 10 === 3 && n !== 13 ? "rd" : "th"}`;

function editorsSection(runs: EditorsRuns): string {
  const list = [runs.concurrent, runs.saturated, runs.single].filter(
    (r): r is EditorsResult => r !== undefined,
  );
  const rows = list.map((r) => [
    editorsLabel(r),
    `${r.distinctUsers} user${r.distinctUsers === 1 ? "" : "s"} in ${r.partnerships} partnership${r.partnerships === 1 ? "" : "s"}`,
    `${r.settings.duration} s`,
    `${ms(r.get.p50)} / ${ms(r.get.p99)}`,
    `${ms(r.post.p50)} / ${ms(r.post.p99)}`,
    x(r.post.p99 / runs.single.post.p99),
    `${rps(r.rps)} (${rps(r.postsPerSecond)} POST/s)`,
    `${r.saved} + ${r.submitted}`,
    String(r.conflicts),
    String(r.refused + r.errors),
    `**${r.lost + r.overwritten}** of ${r.updatesWritten}`,
  ]);
  const c = runs.concurrent;
  return [
    "## Concurrent editors",
    "",
    "Each editor is a different signed-in user writing the updates its organisation owes in the open round: GET " +
      "the form (CSRF token and hidden `version`), POST a draft, revise it, and submit it at every " +
      `${ordinal(c.settings.submitEvery)} write of an update before moving to the next; a coordinator per partnership returns submitted updates (their requests, ` +
      `p50 ${ms(c.review.p50)} / p99 ${ms(c.review.p99)} ms, are not in the editors' figures) so they can be revised again. ` +
      `Pausing editors wait ${c.settings.thinkMs / 2} to ${(c.settings.thinkMs * 3) / 2} ms (at random) after opening the form ` +
      "and again after saving — faster than anyone writes an update — and start spread over one such cycle. " +
      "A 409 is a stale form refused: correct, not a loss. Afterwards the database is read: " +
      "an update is lost when its stored text is not the text of the last acknowledged write (the one made on the highest " +
      "version), overwritten when two acknowledged writes were made on the same version.",
    "",
    table(
      [
        "run",
        "editors",
        "time",
        "form GET p50 / p99 ms",
        "save POST p50 / p99 ms",
        "POST p99 ÷ one editor",
        "req/s",
        "drafts + submissions acknowledged",
        "409 conflicts",
        "refused / errors",
        "lost or overwritten",
      ],
      rows,
    ),
    "",
    `Slowest save in each second of the pausing run (ms): ${Array.from(c.worstBySecond, (w: number | undefined) => (w ?? 0).toFixed(0)).join(", ")}.`,
    "",
    `With ${c.settings.editors} editors pausing, editors had nothing to write ${c.idlePercent.toFixed(0)}% of the time ` +
      "(all their updates waiting for the coordinator). The no-pause run is a closed loop at saturation: its latency " +
      "is the queue (editors ÷ throughput), shown for the throughput ceiling and for lost updates under the most contention.",
  ].join("\n");
}

/** The peak after each page's load: which page raised it. */
function pagePeaks(pages: PagesResult | undefined): string[] {
  if (!pages) return [];
  const line = (label: string, list: PageFigure[]) =>
    `- ${label}: ${list.map((p) => `${p.key} ${p.memoryAfter ? mb(p.memoryAfter.hwmMb) : "–"}`).join(", ")}`;
  return [
    "Peak (VmHWM) after each page's load, in the order measured:",
    "",
    line("national", [pages.national.baseline, ...pages.national.pages]),
    line("one partnership", [pages.single.baseline, ...pages.single.pages]),
    "",
  ];
}

function startRow(label: string, timing: StartTiming): string[] {
  return [
    label,
    `${timing.seconds.toFixed(2)} s`,
    x(timing.seconds / TARGETS.startupSeconds),
    timing.milestones.map((m) => `${m.label}: ${m.seconds.toFixed(2)}`).join("; "),
  ];
}

export function renderMarkdown(data: RunData, notes: string): string {
  const m = data.machine;
  const parts: string[] = [
    "# Waymark benchmark results",
    "",
    `Written by \`npm run bench\` (bench/run.ts) on ${data.date.toISOString().replace("T", " ").slice(0, 16)} UTC — ${data.mode}. ` +
      "Everything above the notes is rewritten by each run; the notes are kept.",
    "",
    "## Machine",
    "",
    table(
      ["", ""],
      [
        ["CPU", `${m.cpu}, ${m.cores} cores`],
        ["Memory", `${m.memoryGb.toFixed(1)} GiB`],
        [
          "Load average",
          `${m.loadAverage.toFixed(1)} at the start, ${data.loadAverageAtEnd.toFixed(1)} at the end (1 minute; above ${m.cores} means other work shared the CPUs)`,
        ],
        ["OS", m.os],
        ["Node.js", m.node],
        ["PostgreSQL", m.postgres],
        [
          "Load",
          `autocannon ${m.autocannon} over loopback; the server in its own process (LOG_LEVEL=warn, SCHEDULED_JOBS=off)`,
        ],
      ],
    ),
    "",
    "## Targets",
    "",
  ];
  const v = verdicts(data);
  parts.push(
    v.length > 0
      ? table(
          ["target", "this run", "result"],
          v.map((t) => [t.target, t.figure, t.met ? "met" : "**not met**"]),
        )
      : "Nothing measured.",
  );
  if (data.skipped.length > 0) parts.push("", `Not measured in this run: ${data.skipped.join("; ")}.`);
  if (data.pages) parts.push("", pagesSection(data, data.pages));
  if (data.boardpack) parts.push("", boardPackSection(data.boardpack));
  if (data.editors) parts.push("", editorsSection(data.editors));
  if (data.workers) parts.push("", workersSection(data.workers));
  if (data.memory) {
    const { national, afterPages, single } = data.memory;
    const row = (label: string, m: Memory) => [
      label,
      mb(m.rssMb),
      mb(m.hwmMb),
      single ? x(m.hwmMb / single.hwmMb) : "–",
    ];
    parts.push(
      "",
      "## Memory",
      "",
      "Read from `/proc/<pid>/status` of the server process (`node --import tsx src/cli.ts serve`, so tsx's " +
        "loader is in it, as in `npm start`). The peak (VmHWM) is the target's figure. Signing the editors in " +
        "runs up to 4 scrypt hashes at once (libuv's thread pool), each holding 32 MiB (N=2^15, r=8) while it runs.",
      "",
      ...pagePeaks(data.pages),
      table(
        ["server", "VmRSS then", "VmHWM peak so far", "peak ÷ one partnership's"],
        [
          ...(afterPages ? [row("National, after the pages", afterPages)] : []),
          row(data.editors ? "National, after the editors too" : "National", national),
          ...(single ? [row("One partnership, after the pages", single)] : []),
        ],
      ),
    );
  }
  if (data.startup) {
    parts.push(
      "",
      "## Start-up",
      "",
      "`npm start` (tsx, `serve --demo`) on the embedded database in a new folder under tmp/, timed from spawning npm " +
        "until `GET /sign-in` answers 200; then stopped and started again on the same folder.",
      "",
      table(
        ["start", "to first page", "÷ target", "on the way (seconds from spawn)"],
        [
          startRow(
            "First (empty folder: database created, migrations, demo loaded)",
            data.startup.firstStart,
          ),
          startRow("Restart (same folder)", data.startup.restart),
        ],
      ),
    );
  }
  parts.push("", "## Notes: what was tried and what the limit is", "", NOTES_START, notes, NOTES_END, "");
  return parts.join("\n");
}

export function writeResults(file: string, data: RunData): void {
  writeFileSync(file, renderMarkdown(data, existingNotes(file)));
}

/** The targets for the terminal. */
export function summaryLines(data: RunData): string[] {
  return verdicts(data).map(
    (v) => `${v.met ? "  met    " : "  NOT MET"}  ${v.target}\n             ${v.figure}`,
  );
}

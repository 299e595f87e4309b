// The crash test's figures, printed and written into bench/RESULTS.md's notes: `npm run bench` rewrites
// everything above the notes and keeps the notes (bench/lib/results.ts), so the crash test keeps its
// own part inside them, between markers of its own, and replaces only that part.

import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Machine } from "../../bench/lib/machine.ts";
import { ROOT } from "../../bench/lib/server.ts";
import type { Verdict } from "./database.ts";

export interface Restart {
  /** Spawn to the first 200, in ms. */
  ms: number;
  /** CPU time the server had used by then, in ms. */
  cpuMs: number;
  /** The machine's 1-minute load average then. */
  load: number;
}

export interface KindSummary {
  kind: "embedded" | "postgres";
  loops: number;
  clients: number;
  /** Each start after a kill -9. */
  restarts: Restart[];
  firstStart: Restart;
  /** Requests in flight when each kill came. */
  inFlightAtKill: number[];
  /** Acknowledged writes seen through the restarted server's pages. */
  pagesChecked: number;
  verdict: Verdict;
  problems: string[];
  seconds: number;
}

const RESULTS = path.join(ROOT, "bench/RESULTS.md");
const NOTES_END = "<!-- notes:end -->";
const START = "<!-- crash:start -->";
const END = "<!-- crash:end -->";
const LIMIT_MS = 5000;

const ms = (n: number) => `${(n / 1000).toFixed(2)} s`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** Every acknowledged write there, nothing half-written, nothing else wrong. */
export function dataIntact(s: KindSummary): boolean {
  return s.problems.length === 0 && s.verdict.problems.length === 0;
}

export function restartsMet(s: KindSummary): boolean {
  return s.restarts.length > 0 && s.restarts.every((r) => r.ms < LIMIT_MS);
}

export function passed(s: KindSummary): boolean {
  return dataIntact(s) && restartsMet(s);
}

const spread = (values: number[]) =>
  `${ms(Math.min(...values))} / ${ms(median(values))} / ${ms(Math.max(...values))}`;

function line(s: KindSummary): string {
  const v = s.verdict;
  const kills = s.inFlightAtKill.reduce((a, b) => a + b, 0);
  return (
    `| ${s.kind === "embedded" ? "Embedded (PGlite, DATA_DIR)" : "PostgreSQL (DATABASE_URL)"} | ${s.loops} × ${s.clients} clients | ` +
    `${v.acknowledgedPresent} of ${v.acknowledged} | ${kills} (${v.cutOffCommitted} committed whole, ${v.cutOffAbsent} absent) | ` +
    `${v.rows} actions, ${v.problems.length === 0 ? "none half-written" : `${v.problems.length} problems`} | ` +
    `${spread(s.restarts.map((r) => r.ms))} | ${spread(s.restarts.map((r) => r.cpuMs))} | ` +
    `${s.restarts.filter((r) => r.ms < LIMIT_MS).length} of ${s.restarts.length} | ` +
    `${dataIntact(s) ? "met" : "**not met**"} / ${restartsMet(s) ? "met" : "**not met**"} |`
  );
}

export function renderCrash(summaries: KindSummary[], machine: Machine, when: Date): string {
  const parts = [
    START,
    `**Crash recovery (\`npm run test:crash\`) — ${when.toISOString().slice(0, 16).replace("T", " ")} UTC, ` +
      `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb.toFixed(0)} GB, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres}, load average ${machine.loadAverage.toFixed(2)} at the start.** ` +
      "Each loop: the real server (`node --import tsx src/cli.ts serve`, same port, same data folder or " +
      "database), coordinators signed in over loopback adding actions (an action, two leads, a milestone and " +
      "its audit entry in one transaction) until a random number of them is acknowledged, `kill -9` with " +
      "requests in flight, a restart timed from spawn to the first 200, each acknowledged action read back " +
      "through the restarted server's page; at the end every stored action is checked in the database.",
    "",
    "| database | loops | acknowledged writes present | in flight at the kills | stored | restart to first 200, min / median / max | its CPU time, min / median / max | restarts < 5 s | writes / restarts |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...summaries.map(line),
    "",
  ];
  for (const s of summaries) {
    const problems = [...s.problems, ...s.verdict.problems];
    parts.push(
      `${s.kind === "embedded" ? "Embedded" : "PostgreSQL"}: first start ${ms(s.firstStart.ms)} ` +
        `(${ms(s.firstStart.cpuMs)} CPU); load average at the restarts ${Math.min(...s.restarts.map((r) => r.load)).toFixed(1)}–` +
        `${Math.max(...s.restarts.map((r) => r.load)).toFixed(1)}; ` +
        `${s.pagesChecked} acknowledged actions read back through the restarted server; run took ${s.seconds.toFixed(0)} s` +
        (problems.length === 0 ? "." : `; problems: ${problems.slice(0, 10).join("; ")}.`),
    );
  }
  parts.push(END);
  return parts.join("\n");
}

export function printSummary(summaries: KindSummary[]): void {
  for (const s of summaries) {
    const v = s.verdict;
    console.log(
      `${s.kind}: data ${dataIntact(s) ? "PASSED" : "FAILED"}, restarts < 5 s ${restartsMet(s) ? "PASSED" : "FAILED"} — ` +
        `${s.loops} loops, ${v.acknowledgedPresent}/${v.acknowledged} ` +
        `acknowledged writes present, ${v.cutOffCommitted} cut-off writes committed whole, ${v.cutOffAbsent} absent, ` +
        `restarts ${spread(s.restarts.map((r) => r.ms))} (min / median / max; CPU ${spread(s.restarts.map((r) => r.cpuMs))})`,
    );
    for (const problem of [...s.problems, ...s.verdict.problems].slice(0, 20)) console.log(`  - ${problem}`);
  }
}

/** Replaces the crash part of the notes (or adds it at their end), leaving the rest of the file as it is. */
export function writeCrashNotes(section: string, file = RESULTS): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run bench first`);
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  let next: string;
  if (start >= 0 && end > start) next = text.slice(0, start) + section + text.slice(end + END.length);
  else {
    const at = text.indexOf(NOTES_END);
    if (at < 0) throw new Error(`${file} has no notes section (${NOTES_END})`);
    next = `${text.slice(0, at).trimEnd()}\n\n${section}\n${text.slice(at)}`;
  }
  writeFileSync(file, next);
}

// Shaping the forward plan for its pages: the table's groups (by month of the meeting, or by board)
// and the report form's choices. Pure, so the grouping is tested without a server.

import { FORWARD_REPORT_KINDS } from "../../../../domain/governance/routing.ts";
import type { ReportSubjects } from "../../../../services/governance/report-subjects.ts";

const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export interface PlanStop {
  boardId: number;
  boardName: string;
  meetsOn: string | null;
  dueOn: string | null;
  position: number;
}

export interface PlanReport<S extends PlanStop> {
  item: { id: number };
  stops: S[];
}

/**
 * Every stop of every report as table rows, grouped by the month of its meeting ("No meeting yet"
 * last) or by board (in name order), each group in meeting date order. `boardId` keeps one board's.
 */
export function groupStops<S extends PlanStop, R extends PlanReport<S>>(
  reports: readonly R[],
  by: "month" | "board",
  boardId?: number,
) {
  const rows = reports.flatMap((report) =>
    report.stops
      .filter((stop) => boardId === undefined || stop.boardId === boardId)
      .map((stop) => ({ report, stop, last: stop.position === report.stops.length - 1 })),
  );
  const keyOf = (stop: S) =>
    by === "board" ? stop.boardName : stop.meetsOn ? stop.meetsOn.slice(0, 7) : "9999-99";
  const headingOf = (stop: S) =>
    by === "board"
      ? stop.boardName
      : stop.meetsOn
        ? MONTH.format(new Date(`${stop.meetsOn.slice(0, 7)}-01T00:00:00Z`))
        : "No meeting yet";
  const groups = new Map<string, { key: string; heading: string; rows: typeof rows }>();
  for (const row of rows) {
    const key = keyOf(row.stop);
    const group = groups.get(key) ?? { key, heading: headingOf(row.stop), rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  const when = (s: S) => s.meetsOn ?? "9999-99-99";
  return [...groups.values()]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((g) => ({
      ...g,
      rows: g.rows.sort(
        (a, b) =>
          when(a.stop).localeCompare(when(b.stop)) || a.stop.boardName.localeCompare(b.stop.boardName),
      ),
    }));
}

/** The report form's choices: which report (radios) and its subject (one list of every subject). */
export function itemForm(subjects: ReportSubjects) {
  return {
    kinds: FORWARD_REPORT_KINDS.map((k) => ({ value: k.value, text: k.label })),
    subjects: [
      ...subjects.strategy.map((s) => ({ value: `strategy:${s.id}`, text: `Strategy: ${s.label}` })),
      ...subjects.plan.map((s) => ({ value: `plan:${s.id}`, text: `Action plan: ${s.label}` })),
      ...subjects.round.map((s) => ({ value: `round:${s.id}`, text: `Update round: ${s.label}` })),
    ],
  };
}

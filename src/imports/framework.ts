import {
  describeCommitment,
  describeHeader,
  findSheet,
  headingRow,
  type ImportHeader,
} from "./action-plan.ts";
import { type ColumnKey, cellOf, labelOf, parsePriorityHeading } from "./columns.ts";
import type { Sheet } from "./read-table.ts";
import {
  type HistoricalUpdate,
  progressOf,
  ratingOfCell,
  reviewColumns,
  yearLabel,
} from "./review-history.ts";
import { FrameworkBuilder } from "./structure.ts";
import {
  type Change,
  type NewCommitment,
  type NewPriority,
  type Problem,
  Problems,
  type StrategySnapshot,
} from "./types.ts";

// Plans a framework import (priorities and numbered commitments, or a flat list of recommendations)
// into an empty or existing strategy, without touching the database. It reads the layouts Waymark's
// own exports produce (the strategy review: Priority | Commitment | Progress so far | Rating; the action
// plan: Priority | Outcome | Commitment | …) as well as a council's own table ("Priority 1: …" heading
// rows with "1.1 …" rows under them, or Priority / Number / Commitment columns).

export interface FrameworkRow {
  row: number;
  /** "1.4 Train frontline staff…" */
  label: string;
  status: "new" | "changed" | "unchanged";
}

export interface FrameworkPreview {
  kind: "framework";
  header: ImportHeader;
  rows: FrameworkRow[];
  newPriorities: NewPriority[];
  newCommitments: NewCommitment[];
  changes: Change[];
  /** A strategy review's progress, by year, to record as accepted updates (review-history.ts). */
  history: HistoricalUpdate[];
  /** Existing priorities and commitments the file names as they are. */
  unchanged: { priorities: number; commitments: number };
  problems: Problem[];
}

export const FRAMEWORK_COLUMNS = "Priority and Commitment (or Number and Recommendation)";

export function planFrameworkImport(sheets: Sheet[], strategy: StrategySnapshot): FrameworkPreview {
  const { sheet, header } = findSheet(
    sheets,
    { required: [["commitment", "priority"]], expected: FRAMEWORK_COLUMNS },
    { commitment: [strategy.itemLabel] },
  );
  const problems = new Problems();
  const framework = new FrameworkBuilder(strategy, "framework", problems);
  const has = (key: ColumnKey) => header.index[key] !== undefined;
  const commitmentKey: ColumnKey = has("commitment") ? "commitment" : "priority";
  const separatePriority = commitmentKey === "commitment" && has("priority");
  const label = (key: ColumnKey) => labelOf(header, key);
  // Only the framework's own columns count; anything else (progress, ratings, actions) is not read.
  const notFramework = new Set(
    (["what", "how", "lead", "target", "due"] as ColumnKey[])
      .map((k) => header.index[k])
      .filter((i) => i !== undefined),
  );
  const rows: FrameworkRow[] = [];
  const listed = new Set<string>();
  const review = reviewColumns(sheet.rows, header);
  const history: HistoricalUpdate[] = [];

  for (const row of sheet.rows.filter((r) => r.rowNumber > header.rowNumber)) {
    const structural = {
      ...row,
      cells: row.cells.map((c, i) => (notFramework.has(i) || !isFrameworkColumn(header, i) ? "" : c)),
    };
    if (headingRow(structural, new Set(), framework, header)) continue;
    if (separatePriority)
      framework.priorityCell(row.rowNumber, label("priority"), cellOf(row, header, "priority"));
    if (has("outcome")) framework.setOutcome(row.rowNumber, label("outcome"), cellOf(row, header, "outcome"));
    const cell = cellOf(row, header, commitmentKey);
    const heading = commitmentKey === "priority" ? parsePriorityHeading(cell) : null;
    if (heading) {
      framework.setPriority(row.rowNumber, label("priority"), heading);
      continue;
    }
    const match = framework.commitmentCell(
      row.rowNumber,
      label(commitmentKey),
      cell,
      cellOf(row, header, "number"),
    );
    if (!match) continue;
    const progress = review ? progressOf(row.cells[review.progress] ?? "") : null;
    if (review && progress) {
      const rating = ratingOfCell(row, review.rating);
      const year = yearLabel(progress.startYear);
      if (rating) {
        history.push({
          row: row.rowNumber,
          commitment: match.ref,
          commitmentLabel: describeCommitment(framework, match.ref),
          startYear: progress.startYear,
          yearLabel: year,
          rating,
          narrative: progress.narrative,
        });
      } else {
        problems.warning(
          row.rowNumber,
          sheet.rows.find((r) => r.rowNumber === header.rowNumber)?.cells[review.rating ?? review.progress] ??
            null,
          `the progress for ${year} has no rating Waymark can read (a word like Green, or the cell's colour), so it is not recorded`,
        );
      }
    }
    const key = `${match.ref.kind}:${match.ref.number}`;
    if (listed.has(key)) continue; // an action plan repeats its commitment on every action's row
    listed.add(key);
    const changed =
      match.ref.kind === "existing" &&
      framework.changes.some((c) => c.field === "text" && c.number === match.ref.number);
    rows.push({
      row: row.rowNumber,
      label: describeCommitment(framework, match.ref),
      status: match.ref.kind === "new" ? "new" : changed ? "changed" : "unchanged",
    });
  }
  if (rows.length === 0 && framework.newPriorities.size === 0 && !problems.hasErrors) {
    problems.error(null, null, `The file has no ${framework.item}s under its headings`);
  }
  return {
    kind: "framework",
    header: describeHeader(sheet, header),
    rows,
    newPriorities: [...framework.newPriorities.values()],
    newCommitments: [...framework.newCommitments.values()],
    changes: framework.changes,
    history,
    unchanged: {
      priorities: [...framework.confirmedPriorities].filter(
        (id) => !framework.changes.some((c) => c.id === id && c.field !== "text"),
      ).length,
      commitments: rows.filter((r) => r.status === "unchanged").length,
    },
    problems: problems.list,
  };
}

function isFrameworkColumn(header: ReturnType<typeof findSheet>["header"], index: number): boolean {
  return (["priority", "commitment", "number", "outcome"] as ColumnKey[]).some(
    (k) => header.index[k] === index,
  );
}

/**
 * The shape of strategy a file describes, for a strategy created by its import: "flat" when it has
 * no Priority column and no "Priority 2: …" rows (a list of recommendations), and the word its
 * items go by ("Recommendation" when the column says so).
 */
export function frameworkShape(sheets: Sheet[]): { framework: "priorities" | "flat"; itemLabel: string } {
  const { sheet, header } = findSheet(sheets, {
    required: [["commitment", "priority"]],
    expected: FRAMEWORK_COLUMNS,
  });
  const column = header.index.commitment ?? header.index.priority ?? 0;
  const headings = sheet.rows.some(
    (r) => r.rowNumber > header.rowNumber && parsePriorityHeading(r.cells[column] ?? "") !== null,
  );
  const flat = header.index.priority === undefined && !headings;
  const recommendations = /recommendation/i.test(header.label.commitment ?? "");
  return {
    framework: flat ? "flat" : "priorities",
    itemLabel: recommendations ? "Recommendation" : "Commitment",
  };
}

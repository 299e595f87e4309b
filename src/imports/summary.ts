import { formatScore } from "../domain/text-match.ts";
import type { ActionPlanPreview } from "./action-plan.ts";
import type { FrameworkPreview } from "./framework.ts";
import type { Problem } from "./types.ts";

// The words of a preview, the same on the web page, in the command line and in the audit entry.

export type ImportPreview = ActionPlanPreview | FrameworkPreview;

export interface ImportCounts {
  newActions: number;
  updatedActions: number;
  unchangedActions: number;
  newCommitments: number;
  changedCommitments: number;
  newPriorities: number;
  changedPriorities: number;
  newOrganisations: number;
  /** Past progress from a strategy review, recorded as accepted updates. */
  historicalUpdates: number;
  errors: number;
  warnings: number;
}

export function countPreview(preview: ImportPreview): ImportCounts {
  const actions = preview.kind === "action-plan" ? preview.actions : [];
  return {
    newActions: actions.filter((a) => a.change === "create").length,
    updatedActions: actions.filter((a) => a.change === "update").length,
    unchangedActions: actions.filter((a) => a.change === "unchanged").length,
    newCommitments: preview.newCommitments.length,
    changedCommitments: preview.changes.filter((c) => c.field === "text").length,
    newPriorities: preview.newPriorities.length,
    changedPriorities: new Set(preview.changes.filter((c) => c.field !== "text").map((c) => c.id)).size,
    newOrganisations: preview.kind === "action-plan" ? preview.newOrganisations.length : 0,
    historicalUpdates: preview.kind === "framework" ? preview.history.length : 0,
    errors: preview.problems.filter((p) => p.severity === "error").length,
    warnings: preview.problems.filter((p) => p.severity === "warning").length,
  };
}

/** Whether confirming would change anything at all. */
export function hasChanges(counts: ImportCounts): boolean {
  return (
    counts.newActions +
      counts.updatedActions +
      counts.newCommitments +
      counts.changedCommitments +
      counts.newPriorities +
      counts.changedPriorities +
      counts.newOrganisations +
      counts.historicalUpdates >
    0
  );
}

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "Row 7, Who will lead: empty — every action needs a lead". */
export function problemText(problem: Problem): string {
  const where = [problem.row === null ? null : `Row ${problem.row}`, problem.column]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}

/** "24 new actions, 3 new commitments, 2 new organisations" (only what is not zero). */
export function changeSentence(counts: ImportCounts, itemLabel: string): string {
  const item = itemLabel.toLowerCase();
  const parts = [
    counts.newActions && plural(counts.newActions, "new action"),
    counts.updatedActions && plural(counts.updatedActions, "changed action"),
    counts.newPriorities && plural(counts.newPriorities, "new priority", "new priorities"),
    counts.changedPriorities && plural(counts.changedPriorities, "changed priority", "changed priorities"),
    counts.newCommitments && plural(counts.newCommitments, `new ${item}`),
    counts.changedCommitments && plural(counts.changedCommitments, `changed ${item}`),
    counts.newOrganisations && plural(counts.newOrganisations, "new organisation"),
    counts.historicalUpdates && plural(counts.historicalUpdates, "past progress update"),
  ].filter((p): p is string => typeof p === "string");
  return parts.length > 0 ? parts.join(", ") : "nothing new";
}

/** The preview as lines of text, for the command line. */
export function previewLines(preview: ImportPreview, itemLabel: string): string[] {
  const counts = countPreview(preview);
  const lines = [
    `Sheet "${preview.header.sheetName}", headings on row ${preview.header.rowNumber}: ` +
      preview.header.columns.map((c) => c.label).join(" | "),
  ];
  if (preview.header.ignored.length > 0) lines.push(`Not read: ${preview.header.ignored.join(", ")}`);
  lines.push(`Would import: ${changeSentence(counts, itemLabel)}.`);
  for (const p of preview.newPriorities) lines.push(`  + priority ${p.number}: ${p.title}`);
  for (const c of preview.changes)
    lines.push(`  ~ ${c.field === "text" ? "" : "priority "}${c.number} ${c.field}: "${c.from}" → "${c.to}"`);
  for (const c of preview.newCommitments) lines.push(`  + ${itemLabel.toLowerCase()} ${c.number} ${c.text}`);
  if (preview.kind === "action-plan") {
    for (const o of preview.newOrganisations)
      lines.push(`  + organisation ${o.name}${o.suggestion ? ` (perhaps ${o.suggestion.name})` : ""}`);
    if (preview.allPartnersRows.length > 0)
      lines.push(
        `  "All partners" (rows ${preview.allPartnersRows.join(", ")}): every organisation of the partnership leads`,
      );
    for (const a of preview.actions) {
      const how = a.match === "new" ? "new" : a.match === "above" ? "as above" : `by ${a.match}`;
      const score = a.score === null || a.match === "above" ? "" : ` ${formatScore(a.score)}`;
      lines.push(
        `  row ${a.row} [${a.change}] ${a.commitmentLabel.slice(0, 50)} (${how}${score}): ${a.what.slice(0, 60)}`,
      );
    }
  } else {
    for (const r of preview.rows) lines.push(`  row ${r.row} [${r.status}] ${r.label.slice(0, 90)}`);
    for (const h of preview.history)
      lines.push(`  row ${h.row} progress ${h.yearLabel} [${h.rating}] ${h.commitmentLabel.slice(0, 60)}`);
  }
  if (preview.problems.length > 0) {
    lines.push(`${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}:`);
    for (const p of preview.problems)
      lines.push(`  ${p.severity === "error" ? "ERROR" : "warning"} ${problemText(p)}`);
  }
  return lines;
}

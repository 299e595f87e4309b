import { normaliseText } from "../domain/text-match.ts";
import {
  type ColumnKey,
  cellOf,
  findHeader,
  type HeaderMap,
  labelOf,
  parseDate,
  parsePriorityHeading,
  splitLeads,
} from "./columns.ts";
import {
  type LeadRef,
  MAX_NEW_ORGANISATIONS,
  type NewOrganisation,
  type OrganisationSnapshot,
  Organisations,
} from "./organisations.ts";
import { columnHoldsPriorities } from "./priority-cell.ts";
import { columnLetter, FileProblem, type Sheet, type TableRow } from "./read-table.ts";
import { FrameworkBuilder } from "./structure.ts";
import {
  type Change,
  type CommitmentMatch,
  type CommitmentRef,
  type NewCommitment,
  type NewPriority,
  type Problem,
  Problems,
  type StrategySnapshot,
} from "./types.ts";

// Plans an action plan import without touching the database: given the file's rows, the strategy,
// the plan's current actions and the partnership's organisations, it says what would be created or
// changed and every problem, row by row. The service shows this as the preview and, once confirmed,
// plans again inside the transaction and writes exactly that.

export interface ExistingAction {
  id: number;
  commitmentId: number;
  what: string;
  how: string;
  performanceTarget: string;
  dueOn: string | null;
  leadIds: number[];
}

export type { LeadRef, NewOrganisation, OrganisationSnapshot } from "./organisations.ts";

export interface PlannedAction {
  row: number;
  /** The row whose cell named the commitment (this row, or the first of those it continues). */
  sourceRow: number;
  commitment: CommitmentRef;
  /** "1.4 Train frontline staff…", for the preview. */
  commitmentLabel: string;
  /** How the commitment was found; "chosen" when the coordinator picked it on the preview. */
  match: CommitmentMatch["by"] | "chosen";
  score: number | null;
  /** The file's wording of the commitment, for rows matched by it (shown beside the match). */
  fileWording: string;
  what: string;
  how: string;
  performanceTarget: string;
  dueOn: string | null;
  leads: LeadRef[];
  change: "create" | "update" | "unchanged";
  existingActionId: number | null;
}

export interface ImportHeader {
  sheetName: string;
  rowNumber: number;
  columns: { key: ColumnKey; label: string }[];
  ignored: string[];
}

export interface ActionPlanPreview {
  kind: "action-plan";
  header: ImportHeader;
  actions: PlannedAction[];
  newPriorities: NewPriority[];
  newCommitments: NewCommitment[];
  changes: Change[];
  newOrganisations: NewOrganisation[];
  /** Rows whose leads say "All partners": every organisation leads them (see organisations.ts). */
  allPartnersRows: number[];
  /**
   * The council's layout: Priority | What we will do (the commitment) | How we will do it (the
   * action). Said on the preview so nobody wonders where "What we will do" went.
   */
  commitmentFromWhat: boolean;
  problems: Problem[];
}

const MAX_TEXT = 4000;
const MAX_ORGANISATION_NAME = 200;
const ACTION_COLUMNS: ColumnKey[] = ["what", "how", "lead", "target", "due"];
/** The exports write a due date as the target's last line: "Due by 31 December 2025". */
const DUE_LINE = /\n?\s*due by ([^\n]+)\s*$/i;

export const ACTION_PLAN_COLUMNS =
  "Priority, Commitment, What we will do, How we will do it, Who will lead and Performance target";

/** A commitment as people read it: "1.4 Train frontline staff…". */
export function describeCommitment(framework: FrameworkBuilder, ref: CommitmentRef): string {
  if (ref.kind === "new")
    return `${ref.number} ${framework.newCommitments.get(ref.number)?.text ?? ""}`.trim();
  const c = framework.strategy.commitments.find((x) => x.id === ref.id);
  return c ? `${c.number} ${c.text}` : ref.number;
}

/** The first sheet with the headings an action plan needs, and its heading row. */
export function findSheet(
  sheets: Sheet[],
  requirement: Parameters<typeof findHeader>[1],
  extraAliases: Partial<Record<ColumnKey, string[]>> = {},
): { sheet: Sheet; header: HeaderMap } {
  let firstProblem: FileProblem | undefined;
  for (const sheet of sheets) {
    try {
      return { sheet, header: findHeader(sheet.rows, requirement, 30, extraAliases) };
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
      firstProblem ??= error;
    }
  }
  throw firstProblem ?? new FileProblem("The selected file is empty: it has no rows");
}

export function describeHeader(sheet: Sheet, header: HeaderMap): ImportHeader {
  return {
    sheetName: sheet.name,
    rowNumber: header.rowNumber,
    columns: (Object.keys(header.index) as ColumnKey[])
      .sort((a, b) => (header.index[a] ?? 0) - (header.index[b] ?? 0))
      .map((key) => ({ key, label: labelOf(header, key) })),
    ignored: header.ignored,
  };
}

const sameLeads = (a: number[], b: LeadRef[]) =>
  b.every((l) => l.kind === "existing") &&
  a.length === b.length &&
  b.every((l) => l.kind === "existing" && a.includes(l.id));

/** Plans the import of an action plan file into a plan of `strategy`. Throws FileProblem for a bad file. */
export function planActionPlanImport(
  sheets: Sheet[],
  strategy: StrategySnapshot,
  existingActions: ExistingAction[],
  organisations: OrganisationSnapshot[],
): ActionPlanPreview {
  const { sheet, header } = findSheet(
    sheets,
    { required: [["what"], ["lead"]], expected: ACTION_PLAN_COLUMNS },
    { commitment: [strategy.itemLabel] },
  );
  const problems = new Problems();
  const framework = new FrameworkBuilder(strategy, "plan", problems);
  const orgs = new Organisations(organisations);
  const actions: PlannedAction[] = [];
  const unmatched = [...existingActions];
  const has = (key: ColumnKey) => header.index[key] !== undefined;
  const body = sheet.rows.filter((r) => r.rowNumber > header.rowNumber);
  // The councils' own layout (issue 12): Priority holds "3. Early help Partners will…", What we will
  // do holds the commitment as the strategy words it (or nearly), How we will do it the action.
  const commitmentFromWhat =
    !has("commitment") &&
    has("priority") &&
    has("what") &&
    has("how") &&
    columnHoldsPriorities(
      body.map((r) => cellOf(r, header, "priority")),
      strategy.priorities,
    );
  // With a Priority column and no Commitment column (older Word tables), the Priority column holds
  // the commitment on action rows and "Priority 2: …" on heading rows.
  const commitmentKey: ColumnKey | null = has("commitment")
    ? "commitment"
    : commitmentFromWhat
      ? "what"
      : has("priority")
        ? "priority"
        : null;
  const separatePriority = (commitmentKey === "commitment" || commitmentFromWhat) && has("priority");
  const label = (key: ColumnKey) => labelOf(header, key);
  const actionIndexes = new Set(ACTION_COLUMNS.map((k) => header.index[k]).filter((i) => i !== undefined));
  const seen = new Map<string, number>();
  let sourceRow = 0;
  let fileWording = "";

  for (const row of body) {
    if (headingRow(row, actionIndexes, framework, header)) continue;
    if (separatePriority)
      framework.priorityCell(row.rowNumber, label("priority"), cellOf(row, header, "priority"));
    if (has("outcome")) framework.setOutcome(row.rowNumber, label("outcome"), cellOf(row, header, "outcome"));
    const whatCell = cellOf(row, header, "what");
    const howCell = cellOf(row, header, "how");
    // In the councils' layout the action is How we will do it (or, without one, the commitment).
    const what = commitmentFromWhat ? howCell || whatCell : whatCell;
    const how = commitmentFromWhat ? "" : howCell;
    let match: CommitmentMatch | null = null;
    let commitmentText = "";
    if (commitmentKey) {
      const cell = cellOf(row, header, commitmentKey);
      commitmentText = cell;
      const heading = parsePriorityHeading(cell);
      if (heading && commitmentKey === "priority")
        framework.setPriority(row.rowNumber, label("priority"), heading);
      else
        match = framework.commitmentCell(
          row.rowNumber,
          label(commitmentKey),
          cell,
          cellOf(row, header, "number"),
        );
    } else if (has("number")) {
      // No commitment column, but a number: the commitment it delivers, by number only.
      match = framework.commitmentCell(row.rowNumber, label("number"), "", cellOf(row, header, "number"));
    } else if (whatCell) {
      // Neither: the action's own wording says which commitment it delivers.
      match = framework.commitmentCell(row.rowNumber, label("what"), whatCell);
      commitmentText = whatCell;
    }
    const leadCell = cellOf(row, header, "lead");
    let target = cellOf(row, header, "target");
    const dueCell = cellOf(row, header, "due");
    if (!whatCell && !howCell && !leadCell && !target && !dueCell) continue; // a commitment's own row
    const r = row.rowNumber;
    // A row that names a commitment which could not be resolved (a problem already listed) does not
    // fall back to the one above.
    const failed = match === null && problems.list.some((p) => p.row === r && p.severity === "error");
    const above = framework.commitment
      ? { ...framework.commitment, by: "above" as const, score: null }
      : null;
    const current = match ?? (failed ? null : above);
    if (match && match.by !== "above") {
      sourceRow = row.rowNumber;
      fileWording = match.by === "text" || match.by === "new" ? commitmentText.replace(/\s+/g, " ") : "";
    }
    if (!current && commitmentKey && !failed) {
      problems.error(
        r,
        label(commitmentKey),
        `empty — the first action needs the ${framework.item} it delivers`,
      );
    }
    if (!what) {
      const column = commitmentFromWhat ? label("how") : label("what");
      problems.error(r, column, "empty — every action needs to say what we will do");
    }
    if (!leadCell) problems.error(r, label("lead"), "empty — every action needs a lead");
    for (const [key, value] of [
      ["what", what],
      ["how", how],
      ["target", target],
    ] as const) {
      if (value.length > MAX_TEXT)
        problems.error(r, label(key), `longer than ${MAX_TEXT.toLocaleString("en-GB")} characters`);
    }
    let dueOn: string | null = null;
    if (dueCell) {
      dueOn = parseDate(dueCell);
      if (!dueOn) problems.error(r, label("due"), `"${dueCell}" is not a date — write it like 31/12/2025`);
    } else {
      const due = DUE_LINE.exec(target);
      const parsed = due?.[1] ? parseDate(due[1]) : null;
      if (due && parsed) {
        dueOn = parsed;
        target = target.slice(0, due.index).trim();
      }
    }
    const leads = splitLeads(
      leadCell,
      organisations.map((o) => o.name),
    ).map((name) => {
      if (name.length > MAX_ORGANISATION_NAME) {
        problems.error(
          r,
          label("lead"),
          `an organisation's name is longer than ${MAX_ORGANISATION_NAME} characters`,
        );
      }
      return orgs.resolve(r, name);
    });
    if (!current || !what || leads.length === 0) continue;
    const key = `${current.ref.kind}:${current.ref.number}:${normaliseText(what)}`;
    if (seen.has(key)) problems.warning(r, label("what"), `repeats the action on row ${seen.get(key)}`);
    seen.set(key, r);
    const ref = current.ref;
    const existingIndex =
      ref.kind === "existing"
        ? unmatched.findIndex(
            (a) => a.commitmentId === ref.id && normaliseText(a.what) === normaliseText(what),
          )
        : -1;
    const existing = existingIndex >= 0 ? unmatched.splice(existingIndex, 1)[0]! : null;
    const unchanged =
      existing !== null &&
      existing.what.trim() === what &&
      existing.how.trim() === how &&
      existing.performanceTarget.trim() === target &&
      existing.dueOn === dueOn &&
      sameLeads(existing.leadIds, leads);
    actions.push({
      row: r,
      sourceRow: sourceRow || r,
      commitment: ref,
      commitmentLabel: describeCommitment(framework, ref),
      match: current.by,
      score: current.score,
      fileWording: current.by === "above" ? "" : fileWording,
      what,
      how,
      performanceTarget: target,
      dueOn,
      leads,
      change: existing ? (unchanged ? "unchanged" : "update") : "create",
      existingActionId: existing?.id ?? null,
    });
  }
  if (orgs.refused) {
    problems.error(
      null,
      label("lead"),
      `The file names more than ${MAX_NEW_ORGANISATIONS} new organisations; split it`,
    );
  }
  if (actions.length === 0 && !problems.hasErrors) {
    problems.error(null, null, "The file has no actions under its headings");
  }
  return {
    kind: "action-plan",
    header: describeHeader(sheet, header),
    actions,
    newPriorities: [...framework.newPriorities.values()],
    newCommitments: [...framework.newCommitments.values()],
    changes: framework.changes,
    newOrganisations: [...orgs.added.values()],
    allPartnersRows: orgs.allPartnersRows,
    commitmentFromWhat,
    problems: problems.list,
  };
}

/**
 * A group heading row ("Priority 2: Early help", perhaps with "Outcome: …" in the same cell or the
 * next, often merged across the table) or an outcome row on its own. Nothing in the action columns.
 */
export function headingRow(
  row: TableRow,
  actionIndexes: Set<number | undefined>,
  framework: FrameworkBuilder,
  header: HeaderMap,
): boolean {
  const filled = row.cells.map((c, i) => ({ text: c.trim(), i })).filter((c) => c.text);
  const first = filled[0];
  if (!first || filled.some((c) => actionIndexes.has(c.i))) return false;
  const key = (Object.keys(header.index) as ColumnKey[]).find((k) => header.index[k] === first.i);
  const column = key ? labelOf(header, key) : `Column ${columnLetter(first.i)}`;
  const heading = parsePriorityHeading(first.text);
  const others = filled.slice(1).map((c) => c.text);
  if (heading && (filled.length === 1 || others.every((t) => /^outcomes?\s*:/i.test(t)))) {
    const outcome = [heading.outcome, ...others.map((t) => t.replace(/^outcomes?\s*:\s*/i, ""))]
      .filter(Boolean)
      .join(" ");
    framework.setPriority(row.rowNumber, column, { ...heading, outcome });
    return true;
  }
  if (filled.length === 1 && /^outcomes?\s*:/i.test(first.text)) {
    framework.setOutcome(row.rowNumber, column, first.text);
    return true;
  }
  return false;
}

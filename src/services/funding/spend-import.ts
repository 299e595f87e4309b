// The coordinator's spend import: an Excel sheet (or CSV) with a row per allocation and quarter —
// allocation (its number or what it pays for), quarter, budget, committed, actual, forecast,
// explanation — read through imports/read-table.ts, previewed with each row's problems, then written
// in one transaction through the same writer as every other spend return.
import * as data from "../../data/funding/streams.ts";
import type { Db } from "../../db/database.ts";
import { parsePounds } from "../../domain/funding/money.ts";
import { formatQuarter, parseQuarter } from "../../domain/periods.ts";
import { TEXT_LIMITS } from "../../domain/text-limits.ts";
import { FileProblem, readTable, type UploadedFile } from "../../imports/read-table.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import { checkFreeText } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";
import { describeTarget, thresholdOf } from "./funding-reads.ts";
import { type SpendInput, spendErrors, writeSpend } from "./spend-service.ts";

const COLUMNS = {
  allocation: /^(allocation|reference|allocation reference|name|allocation name)$/,
  quarter: /^quarter$/,
  budget: /^budget/,
  committed: /^committed/,
  actual: /^actual/,
  forecast: /^forecast/,
  explanation: /^(explanation|variance explanation|comment)/,
} as const;
type Column = keyof typeof COLUMNS;

export interface ImportedSpendRow {
  rowNumber: number;
  allocationId: number | null;
  allocationText: string;
  quarterLabel: string;
  input: SpendInput | null;
  problems: string[];
}

const money = (text: string, what: string, problems: string[]) => {
  if (text.trim() === "") {
    problems.push(`${what} is empty`);
    return 0;
  }
  const parsed = parsePounds(text);
  if (!parsed.ok) problems.push(`${what}: ${parsed.error.replace(/^Enter/, "enter")}`);
  return parsed.ok ? parsed.pence : 0;
};

export function createSpendImport(db: Db) {
  /** Reads the sheet's rows against the partnership's allocations; nothing is written. */
  async function plan(actor: Actor, rows: { rowNumber: number; cells: string[] }[]) {
    const pid = partnershipOf(actor);
    const [allocations, threshold] = await Promise.all([
      data.listAllocations(db, pid, {}),
      thresholdOf(db, pid),
    ]);
    const [header, ...body] = rows;
    if (!header) throw new ValidationError([{ field: "file", message: "The file has no rows" }]);
    const index: Partial<Record<Column, number>> = {};
    header.cells.forEach((cell, i) => {
      const name = cell.trim().toLowerCase();
      for (const [column, pattern] of Object.entries(COLUMNS) as [Column, RegExp][]) {
        if (index[column] === undefined && pattern.test(name)) index[column] = i;
      }
    });
    const missing = (["allocation", "quarter", "budget", "forecast"] as Column[]).filter(
      (c) => index[c] === undefined,
    );
    if (missing.length > 0) {
      throw new ValidationError([
        { field: "file", message: `The first row must name the columns; missing: ${missing.join(", ")}` },
      ]);
    }
    const cell = (row: { cells: string[] }, column: Column) =>
      index[column] === undefined ? "" : (row.cells[index[column]!] ?? "").trim();
    return body.map((row): ImportedSpendRow => {
      const problems: string[] = [];
      const allocationText = cell(row, "allocation");
      const quarter = parseQuarter(cell(row, "quarter"));
      if (!quarter) problems.push("The quarter must be written like Q2 2025/26");
      const byNumber = /^A?(\d{1,9})$/i.exec(allocationText);
      const candidates = allocations.filter((a) =>
        byNumber
          ? a.allocation.id === Number(byNumber[1])
          : describeTarget(a).text.toLowerCase() === allocationText.toLowerCase() &&
            (!quarter || a.allocation.yearStart === quarter.startYear),
      );
      if (candidates.length === 0) problems.push(`No allocation matches “${allocationText.slice(0, 60)}”`);
      if (candidates.length > 1)
        problems.push("More than one allocation matches: use the allocation's number");
      const allocation = candidates.length === 1 ? candidates[0]!.allocation : null;
      if (allocation && quarter && allocation.yearStart !== quarter.startYear) {
        problems.push("The quarter is not in the allocation's financial year");
      }
      const explanation = cell(row, "explanation");
      if (explanation.length > TEXT_LIMITS.spendExplanation) {
        problems.push(`The explanation must be ${TEXT_LIMITS.spendExplanation} characters or fewer`);
      }
      if (checkFreeText({ explanation }).length > 0) {
        problems.push("The explanation may identify a person: remove the details and import again");
      }
      const input: SpendInput = {
        quarter: quarter?.quarter ?? 1,
        budgetPence: money(cell(row, "budget"), "Budget", problems),
        committedPence:
          cell(row, "committed") === "" ? 0 : money(cell(row, "committed"), "Committed", problems),
        actualPence: cell(row, "actual") === "" ? 0 : money(cell(row, "actual"), "Actual", problems),
        forecastPence: money(cell(row, "forecast"), "Forecast", problems),
        explanation,
      };
      if (problems.length === 0) problems.push(...spendErrors(input, threshold).map((e) => e.message));
      return {
        rowNumber: row.rowNumber,
        allocationId: allocation?.id ?? null,
        allocationText,
        quarterLabel: quarter ? formatQuarter(quarter) : cell(row, "quarter"),
        input: problems.length === 0 ? input : null,
        problems,
      };
    });
  }

  return {
    async preview(actor: Actor, file: UploadedFile) {
      requireAdmin(actor);
      let sheets: Awaited<ReturnType<typeof readTable>>;
      try {
        sheets = await readTable(file);
      } catch (error) {
        if (error instanceof FileProblem)
          throw new ValidationError([{ field: "file", message: error.message }]);
        throw error;
      }
      const rows = await plan(actor, sheets[0]?.rows ?? []);
      if (rows.length === 0)
        throw new ValidationError([{ field: "file", message: "The file has no spend rows" }]);
      return {
        rows,
        ready: rows.filter((r) => r.input !== null),
        withProblems: rows.filter((r) => r.input === null),
      };
    },

    /** Writes the rows the preview found ready (sent back by the confirm form), checking each again. */
    async confirm(actor: Actor, rows: { allocationId: number; input: SpendInput }[]) {
      requireAdmin(actor);
      return inTransaction(db, actor, async (work) => {
        const pid = partnershipOf(actor);
        const allocations = new Map(
          (await data.listAllocations(work.tx, pid, {})).map((a) => [a.allocation.id, a.allocation]),
        );
        let written = 0;
        for (const row of rows) {
          const allocation = allocations.get(row.allocationId);
          if (!allocation)
            throw new ValidationError([
              { field: "form", message: "An allocation has gone: upload the file again" },
            ]);
          await writeSpend(work, pid, { allocation, input: row.input, source: "import" });
          written += 1;
        }
        return { written };
      });
    },
  };
}

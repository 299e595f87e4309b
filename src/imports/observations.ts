// Importing key statistics' observations from a spreadsheet or CSV in long format: one row per
// indicator, period and area, with columns indicator, period, area, value, numerator, denominator.
//
// The file is read by read-table.ts (shared with the action-plan import); here every row is checked
// against the partnership's indicators and areas and given a verdict the preview shows: new, changed,
// unchanged or the row's errors. Nothing is written here; the service writes all rows or none.

import {
  checkObservation,
  FREQUENCY_PERIOD_KIND,
  type Frequency,
  formatValue,
  type UnitSpec,
} from "../domain/indicators.ts";
import { parsePeriod } from "../domain/periods.ts";
import { FileProblem, readTable, type TableRow, type UploadedFile } from "./read-table.ts";

export const OBSERVATION_COLUMNS = [
  "indicator",
  "period",
  "area",
  "value",
  "numerator",
  "denominator",
] as const;
type Column = (typeof OBSERVATION_COLUMNS)[number];

export interface ImportIndicator extends UnitSpec {
  id: number;
  name: string;
  frequency: Frequency;
}

export interface ImportArea {
  id: number;
  name: string;
}

export interface ExistingFigure {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/** One row as the preview shows it and as it is kept until the coordinator confirms. */
export interface PreviewRow {
  rowNumber: number;
  cells: Record<Column, string>;
  errors: string[];
  /** Set when the row has no errors. */
  write?: {
    indicatorId: number;
    areaId: number;
    periodStart: string;
    periodEnd: string;
    periodLabel: string;
    value: number;
    numerator: number | null;
    denominator: number | null;
    change: "new" | "changed" | "unchanged";
    /** "12.3%" etc., as it is held now, when changed. */
    previous: string | null;
    shown: string;
  };
}

export const observationKey = (indicatorId: number, areaId: number, start: string, end: string) =>
  `${indicatorId}|${areaId}|${start}|${end}`;

const HEADINGS: Record<string, Column> = {
  indicator: "indicator",
  "indicator name": "indicator",
  measure: "indicator",
  period: "period",
  quarter: "period",
  year: "period",
  month: "period",
  area: "area",
  "area name": "area",
  geography: "area",
  value: "value",
  figure: "value",
  numerator: "numerator",
  denominator: "denominator",
};

const heading = (text: string): Column | null =>
  HEADINGS[text.trim().toLowerCase().replace(/\s+/g, " ")] ?? null;

/** Reads a number as people type it in a spreadsheet: "1,234", "46.9%", " 12 ". Null when empty. */
export function readNumber(
  text: string,
): { ok: true; value: number | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  if (/^[<>*~]|^(x|c|n\/?a|-|\.\.)$/i.test(trimmed)) {
    return {
      ok: false,
      message: `"${trimmed}" is not a figure. Enter the actual number: Waymark hides small numbers itself when it publishes`,
    };
  }
  const cleaned = trimmed.replace(/,(?=\d{3}(\D|$))/g, "").replace(/%$/, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return { ok: false, message: `"${trimmed}" is not a number` };
  return { ok: true, value: Number(cleaned) };
}

const KIND_EXAMPLE: Record<Frequency, string> = {
  monthly: "a month, like 2024-06",
  quarterly: "a quarter, like Q2 2024/25",
  annual: "a financial year, like 2024-25",
};

/** Finds the heading row (the first of the first 10 rows naming indicator, period and area). */
function findHeadings(rows: readonly TableRow[]): { index: number; columns: Map<Column, number> } {
  for (let index = 0; index < Math.min(rows.length, 10); index++) {
    const columns = new Map<Column, number>();
    rows[index]!.cells.forEach((cell, i) => {
      const column = heading(cell);
      if (column && !columns.has(column)) columns.set(column, i);
    });
    if (columns.has("indicator") && columns.has("period") && columns.has("area")) return { index, columns };
  }
  throw new FileProblem(
    `The file needs a heading row with the columns ${OBSERVATION_COLUMNS.join(", ")} (value, or numerator and denominator)`,
  );
}

/** Checks every row; throws FileProblem only for a problem with the whole file. */
export function checkObservationRows(
  rows: readonly TableRow[],
  indicators: readonly ImportIndicator[],
  areas: readonly ImportArea[],
  existing: ReadonlyMap<string, ExistingFigure>,
): PreviewRow[] {
  const { index, columns } = findHeadings(rows);
  if (!columns.has("value") && !(columns.has("numerator") && columns.has("denominator"))) {
    throw new FileProblem("The file needs a value column, or numerator and denominator columns");
  }
  const byName = new Map(indicators.map((i) => [i.name.trim().toLowerCase(), i]));
  const areaByName = new Map(areas.map((a) => [a.name.trim().toLowerCase(), a]));
  const seen = new Map<string, number>();
  const body = rows.slice(index + 1);
  if (body.length === 0) throw new FileProblem("The file has a heading row but no figures under it");
  return body.map((row) => {
    const cell = (c: Column) => (columns.has(c) ? (row.cells[columns.get(c)!] ?? "").trim() : "");
    const cells = Object.fromEntries(OBSERVATION_COLUMNS.map((c) => [c, cell(c)])) as Record<Column, string>;
    const errors: string[] = [];
    const indicator = byName.get(cells.indicator.toLowerCase());
    if (!cells.indicator) errors.push("Enter the indicator's name");
    else if (!indicator) errors.push(`There is no indicator called "${cells.indicator}"`);
    const area = areaByName.get(cells.area.toLowerCase());
    if (!cells.area) errors.push("Enter the area");
    else if (!area)
      errors.push(`There is no area called "${cells.area}". Add it under Areas first, or correct the name`);
    const period = parsePeriod(cells.period);
    if (!cells.period) errors.push("Enter the period");
    else if (!period)
      errors.push(
        `"${cells.period}" is not a period: write a quarter like Q2 2024/25, a year like 2024-25 or a month like 2024-06`,
      );
    else if (indicator && period.kind !== FREQUENCY_PERIOD_KIND[indicator.frequency]) {
      errors.push(`${indicator.name} is ${indicator.frequency}: give ${KIND_EXAMPLE[indicator.frequency]}`);
    }
    const numbers = {
      value: readNumber(cells.value),
      numerator: readNumber(cells.numerator),
      denominator: readNumber(cells.denominator),
    };
    for (const [name, parsed] of Object.entries(numbers))
      if (!parsed.ok) errors.push(`The ${name}: ${parsed.message}`);
    if (
      errors.length > 0 ||
      !indicator ||
      !area ||
      !period ||
      !numbers.value.ok ||
      !numbers.numerator.ok ||
      !numbers.denominator.ok
    ) {
      return { rowNumber: row.rowNumber, cells, errors };
    }
    const checked = checkObservation(indicator, {
      value: numbers.value.value,
      numerator: numbers.numerator.value,
      denominator: numbers.denominator.value,
    });
    if (!checked.ok) return { rowNumber: row.rowNumber, cells, errors: [checked.message] };
    const key = observationKey(indicator.id, area.id, period.start, period.end);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      return {
        rowNumber: row.rowNumber,
        cells,
        errors: [`Row ${earlier} already gives ${indicator.name} for ${period.label} in ${area.name}`],
      };
    }
    seen.set(key, row.rowNumber);
    const held = existing.get(key);
    const same =
      held !== undefined &&
      Math.abs(held.value - checked.value) < 1e-9 &&
      held.numerator === checked.numerator &&
      held.denominator === checked.denominator;
    return {
      rowNumber: row.rowNumber,
      cells,
      errors: [],
      write: {
        indicatorId: indicator.id,
        areaId: area.id,
        periodStart: period.start,
        periodEnd: period.end,
        periodLabel: period.label,
        value: checked.value,
        numerator: checked.numerator,
        denominator: checked.denominator,
        change: held === undefined ? "new" : same ? "unchanged" : "changed",
        previous: held === undefined || same ? null : formatValue(indicator, held.value),
        shown: formatValue(indicator, checked.value),
      },
    };
  });
}

/** A pasted block of CSV, read as if it were an uploaded file. */
export function pastedFile(text: string): UploadedFile {
  return { filename: "pasted.csv", data: Buffer.from(text, "utf8") };
}

/** Reads the first sheet that has a heading row; FileProblem otherwise. */
export async function readObservationFile(file: UploadedFile): Promise<TableRow[]> {
  const sheets = await readTable(file);
  for (const sheet of sheets) {
    try {
      findHeadings(sheet.rows);
      return sheet.rows;
    } catch (error) {
      if (!(error instanceof FileProblem)) throw error;
    }
  }
  return sheets[0]?.rows ?? [];
}

import { describe, expect, it } from "vitest";
import {
  checkObservationRows,
  type ImportIndicator,
  observationKey,
  readNumber,
} from "../../src/imports/observations.ts";
import { FileProblem, type TableRow } from "../../src/imports/read-table.ts";

const indicators: ImportIndicator[] = [
  { id: 1, name: "Marac cases discussed", unit: "count", frequency: "quarterly" },
  { id: 2, name: "Marac repeat cases", unit: "percentage", frequency: "quarterly" },
  { id: 3, name: "People supported in safe accommodation", unit: "count", frequency: "annual" },
];
const areas = [
  { id: 10, name: "Ashvale Borough" },
  { id: 11, name: "England" },
];
const rows = (...lines: string[][]): TableRow[] => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));
const HEAD = ["Indicator", "Period", "Area", "Value", "Numerator", "Denominator"];

describe("checking imported observations", () => {
  it("accepts good rows in every period form and says what each will do", () => {
    const existing = new Map([
      [observationKey(1, 10, "2024-04-01", "2024-06-30"), { value: 80, numerator: null, denominator: null }],
    ]);
    const result = checkObservationRows(
      rows(
        HEAD,
        ["Marac cases discussed", "Q1 2024/25", "Ashvale Borough", "81", "", ""],
        ["marac repeat cases", "2024/25 Q1", "ashvale borough", "", "38", "81"],
        ["Marac repeat cases", "Q1 2024-25", "England", "31%", "", ""],
        ["People supported in safe accommodation", "2023-24", "Ashvale Borough", "1,204", "", ""],
      ),
      indicators,
      areas,
      existing,
    );
    expect(result.map((r) => r.errors)).toEqual([[], [], [], []]);
    expect(result.map((r) => r.write?.change)).toEqual(["changed", "new", "new", "new"]);
    expect(result[0]!.write).toMatchObject({ previous: "80", shown: "81", periodLabel: "Q1 2024/25" });
    expect(result[1]!.write).toMatchObject({ numerator: 38, denominator: 81, shown: "46.9%" });
    expect(result[3]!.write).toMatchObject({
      value: 1204,
      periodStart: "2023-04-01",
      periodEnd: "2024-03-31",
    });
  });

  it("gives each bad row its own errors", () => {
    const result = checkObservationRows(
      rows(
        HEAD,
        ["Marac cases", "Q1 2024/25", "Ashvale Borough", "81"],
        ["Marac cases discussed", "Q5 2024/25", "Englnd", "81"],
        ["Marac cases discussed", "2024-25", "England", "81"],
        ["Marac cases discussed", "Q1 2024/25", "England", "<5"],
        ["Marac repeat cases", "Q1 2024/25", "England", "50", "38", "81"],
        ["Marac cases discussed", "Q2 2024/25", "England", "12"],
        ["Marac cases discussed", "Q2 2024/25", "England", "13"],
      ),
      indicators,
      areas,
      new Map(),
    );
    expect(result.map((r) => r.errors)).toEqual([
      ['There is no indicator called "Marac cases"'],
      [
        'There is no area called "Englnd". Add it under Areas first, or correct the name',
        '"Q5 2024/25" is not a period: write a quarter like Q2 2024/25, a year like 2024-25 or a month like 2024-06',
      ],
      ["Marac cases discussed is quarterly: give a quarter, like Q2 2024/25"],
      [
        'The value: "<5" is not a figure. Enter the actual number: Waymark hides small numbers itself when it publishes',
      ],
      ["The value 50.0 does not match the numerator and denominator, which give 46.9"],
      [],
      ["Row 7 already gives Marac cases discussed for Q2 2024/25 in England"],
    ]);
  });

  it("refuses a file without the columns it needs", () => {
    expect(() =>
      checkObservationRows(rows(["Name", "When"], ["x", "y"]), indicators, areas, new Map()),
    ).toThrow(FileProblem);
    expect(() =>
      checkObservationRows(
        rows(["Indicator", "Period", "Area"], ["x", "y", "z"]),
        indicators,
        areas,
        new Map(),
      ),
    ).toThrow("The file needs a value column, or numerator and denominator columns");
    expect(() => checkObservationRows(rows(HEAD), indicators, areas, new Map())).toThrow("no figures");
  });

  it("reads numbers as spreadsheets write them", () => {
    expect(readNumber(" 1,234 ")).toEqual({ ok: true, value: 1234 });
    expect(readNumber("46.9%")).toEqual({ ok: true, value: 46.9 });
    expect(readNumber("")).toEqual({ ok: true, value: null });
    expect(readNumber("12a").ok).toBe(false);
  });
});

import { normaliseText } from "../domain/text-match.ts";

// What the importers read from the database and what they plan: plain data, no behaviour beyond
// collecting problems. The framework and action plan importers share these.

export interface ExistingPriority {
  id: number;
  number: string;
  title: string;
  outcome: string;
}

export interface ExistingCommitment {
  id: number;
  number: string;
  text: string;
  priorityId: number | null;
}

export interface StrategySnapshot {
  id: number;
  title: string;
  framework: "priorities" | "flat";
  itemLabel: string;
  priorities: ExistingPriority[];
  commitments: ExistingCommitment[];
}

export interface Problem {
  row: number | null;
  column: string | null;
  message: string;
  severity: "error" | "warning";
}

export class Problems {
  readonly list: Problem[] = [];
  error(row: number | null, column: string | null, message: string): void {
    this.list.push({ row, column, message, severity: "error" });
  }
  warning(row: number | null, column: string | null, message: string): void {
    this.list.push({ row, column, message, severity: "warning" });
  }
  get hasErrors(): boolean {
    return this.list.some((p) => p.severity === "error");
  }
}

export type PriorityRef = { kind: "existing"; id: number; number: string } | { kind: "new"; number: string };

export interface NewPriority {
  number: string;
  title: string;
  outcome: string;
  row: number;
}

export interface Change {
  /** The record's id and number ("priority 2", "commitment 1.4"). */
  id: number;
  number: string;
  field: "title" | "outcome" | "text";
  from: string;
  to: string;
  row: number;
}

export type CommitmentRef =
  | { kind: "existing"; id: number; number: string }
  | { kind: "new"; number: string };

export interface NewCommitment {
  number: string;
  text: string;
  priorityNumber: string | null;
  row: number;
}

export interface CommitmentMatch {
  ref: CommitmentRef;
  /** How the row found it: its number, its wording, new, or inherited from the rows above. */
  by: "number" | "text" | "new" | "above";
  /** Likeness of the file's wording to the matched commitment's, when both have wording. */
  score: number | null;
}

/**
 * The next free number: after the largest whole number in `taken` ("7" after 1–6), or under a
 * priority ("1.7" after 1.1–1.6 when `under` is "1").
 */
export function nextNumber(taken: readonly string[], under?: string): string {
  if (under === undefined) return String(Math.max(0, ...taken.map(Number).filter(Number.isInteger)) + 1);
  const prefix = `${under}.`;
  const suffixes = taken.filter((n) => n.startsWith(prefix)).map((n) => Number(n.slice(prefix.length)));
  return `${prefix}${Math.max(0, ...suffixes.filter(Number.isInteger)) + 1}`;
}

export const STRUCTURE_LIMITS = { priorityTitle: 200, outcome: 4000, commitment: 2000, number: 10 };
/** More new commitments than any strategy has; beyond it matching would be slow for nothing. */
export const MAX_NEW_COMMITMENTS = 500;
export const sameText = (a: string, b: string) => normaliseText(a) === normaliseText(b);
export const quote = (text: string, max = 60) =>
  `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;

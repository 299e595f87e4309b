import {
  bestMatch,
  diceCoefficient,
  formatScore,
  MATCH_THRESHOLD,
  normaliseText,
} from "../domain/text-match.ts";
import { type PriorityHeading, splitNumbered } from "./columns.ts";
import { parsePriorityCell } from "./priority-cell.ts";
import {
  type Change,
  type CommitmentMatch,
  type CommitmentRef,
  type ExistingCommitment,
  type ExistingPriority,
  STRUCTURE_LIMITS as LIMITS,
  MAX_NEW_COMMITMENTS,
  type NewCommitment,
  type NewPriority,
  nextNumber,
  type PriorityRef,
  type Problems,
  quote,
  type StrategySnapshot,
  sameText,
} from "./types.ts";

// The framework part of an import (priorities and numbered commitments), shared by the framework and
// the action plan importers: it walks the rows in order, remembers the priority and commitment that
// later rows continue, matches what the file names to the strategy's existing records (by number
// where the file gives one, otherwise by wording) and collects what would be new or changed.

export type ImportMode = "plan" | "framework";

/** Walks a file's framework rows; see the module comment. */
export class FrameworkBuilder {
  readonly newPriorities = new Map<string, NewPriority>();
  readonly newCommitments = new Map<string, NewCommitment>();
  readonly changes: Change[] = [];
  /** Existing records the file names as they are. */
  readonly confirmedPriorities = new Set<number>();
  readonly confirmedCommitments = new Set<number>();
  priority: PriorityRef | null = null;
  commitment: CommitmentMatch | null = null;
  private flatReported = false;
  /** The commitment cell (and number cell) the current commitment was read from. */
  private lastCell = "";
  private lastPriorityCell = "";
  /** Differences already reported, so a commitment repeated on every row is mentioned once. */
  private readonly noted = new Set<string>();

  constructor(
    readonly strategy: StrategySnapshot,
    readonly mode: ImportMode,
    readonly problems: Problems,
  ) {}

  get item(): string {
    return this.strategy.itemLabel.toLowerCase();
  }

  private existingPriorityByNumber(number: string) {
    return this.strategy.priorities.find((p) => p.number.toLowerCase() === number.toLowerCase());
  }

  private refuseFlat(row: number, column: string): boolean {
    if (this.strategy.framework !== "flat") return false;
    if (this.flatReported) return true;
    this.flatReported = true;
    const message =
      `${this.strategy.title} is a single numbered list of ${this.item}s, so it has no priorities. Import ` +
      "into a strategy organised by priorities, or remove the priorities from the file";
    this.problems.error(row, column, message);
    return true;
  }

  private tooLong(row: number, column: string, value: string, max: number, what: string): boolean {
    if (value.length <= max) return false;
    this.problems.error(row, column, `${what} is longer than ${max.toLocaleString("en-GB")} characters`);
    return true;
  }

  private reword = (row: number, c: ExistingCommitment, to: string) =>
    this.recordChange({ id: c.id, number: c.number, field: "text", from: c.text, to, row });

  private recordChange(change: Change): void {
    if (
      !this.changes.some((c) => c.id === change.id && c.field === change.field && c.number === change.number)
    ) {
      this.changes.push(change);
    }
  }

  /** The file's wording of an existing priority's title or outcome: a change, or a note that it differs. */
  private compare(
    row: number,
    column: string,
    p: ExistingPriority,
    field: "title" | "outcome",
    value: string,
  ) {
    if (!value || sameText(value, p[field])) return;
    if (this.mode === "framework" || (field === "outcome" && p.outcome === "")) {
      this.recordChange({ id: p.id, number: p.number, field, from: p[field], to: value, row });
    } else {
      this.problems.warning(
        row,
        column,
        `The file's ${field} of priority ${p.number} (${quote(value)}) differs from the strategy's ` +
          `(${quote(p[field])}); the strategy's is kept`,
      );
    }
  }

  /** Sets the priority later rows belong to, from a heading ("Priority 2: Early help") or a cell. */
  setPriority(row: number, column: string, heading: PriorityHeading): void {
    if (this.refuseFlat(row, column)) return;
    const title = heading.title.replace(/\s+/g, " ").trim();
    this.tooLong(row, column, title, LIMITS.priorityTitle, "The priority's title");
    this.tooLong(row, column, heading.outcome, LIMITS.outcome, "The priority's outcome");
    let ref: PriorityRef | null = null;
    if (heading.number) {
      const existing = this.existingPriorityByNumber(heading.number);
      if (existing) {
        ref = { kind: "existing", id: existing.id, number: existing.number };
        this.confirmedPriorities.add(existing.id);
        this.compare(row, column, existing, "title", title);
        this.compare(row, column, existing, "outcome", heading.outcome);
      } else if (this.newPriorities.has(heading.number)) {
        ref = { kind: "new", number: heading.number };
        const known = this.newPriorities.get(heading.number)!;
        if (!known.outcome && heading.outcome) known.outcome = heading.outcome;
      } else if (!title) {
        this.problems.error(
          row,
          column,
          `Priority ${heading.number} is not in the strategy; give its title, like "Priority ${heading.number}: Working together"`,
        );
      } else {
        this.newPriorities.set(heading.number, {
          number: heading.number,
          title,
          outcome: heading.outcome,
          row,
        });
        ref = { kind: "new", number: heading.number };
      }
    } else if (title) {
      const existing = bestMatch(title, this.strategy.priorities, (p) => p.title);
      const known = [...this.newPriorities.values()].find((p) => sameText(p.title, title));
      if (existing && existing.score >= MATCH_THRESHOLD) {
        ref = { kind: "existing", id: existing.item.id, number: existing.item.number };
        this.confirmedPriorities.add(existing.item.id);
        this.compare(row, column, existing.item, "outcome", heading.outcome);
      } else if (known) {
        ref = { kind: "new", number: known.number };
      } else {
        const number = nextNumber([
          ...this.strategy.priorities.map((p) => p.number),
          ...this.newPriorities.keys(),
        ]);
        this.newPriorities.set(number, { number, title, outcome: heading.outcome, row });
        ref = { kind: "new", number };
      }
    }
    if (ref && (ref.kind !== this.priority?.kind || ref.number !== this.priority.number))
      this.commitment = null;
    this.priority = ref;
  }

  /** An outcome statement on its own ("Outcome: …"), for the current priority. */
  setOutcome(row: number, column: string, text: string): void {
    const outcome = text.replace(/^\s*outcomes?\s*:\s*/i, "").trim();
    if (!outcome || !this.priority) return;
    if (this.tooLong(row, column, outcome, LIMITS.outcome, "The outcome")) return;
    if (this.priority.kind === "new") {
      const p = this.newPriorities.get(this.priority.number);
      if (p && !p.outcome) p.outcome = outcome;
      return;
    }
    const id = this.priority.id;
    const existing = this.strategy.priorities.find((p) => p.id === id);
    if (existing) this.compare(row, column, existing, "outcome", outcome);
  }

  /** A Priority cell ("Priority 2: …", "2", "3. Early help Partners will…"); a merged one read once. */
  priorityCell(row: number, column: string, text: string): void {
    if (!text || text === this.lastPriorityCell) return;
    this.lastPriorityCell = text;
    const known = [...this.strategy.priorities, ...this.newPriorities.values()];
    this.setPriority(row, column, parsePriorityCell(text, known));
  }

  /**
   * The priority of a new numbered commitment: the one its number starts with ("2.7" → 2) when that
   * priority exists or the file adds it, else the priority the rows are under. Numbers that say one
   * priority under another's heading, or that no priority can be found for, are problems.
   */
  private priorityOfNumber(row: number, column: string, number: string): PriorityRef | null {
    if (this.strategy.framework === "flat") return null;
    const prefix = number.includes(".") ? (number.split(".")[0] ?? "") : null;
    const current = this.priority;
    if (prefix === null || (current && current.number.toLowerCase() === prefix)) {
      if (current) return current;
    } else {
      const existing = this.existingPriorityByNumber(prefix);
      if (existing) return { kind: "existing", id: existing.id, number: existing.number };
      if (this.newPriorities.has(prefix)) return { kind: "new", number: prefix };
    }
    this.problems.error(
      row,
      column,
      current
        ? `${number} is under priority ${current.number} in the file, but its number says priority ${prefix}, which ` +
            "is not in the strategy"
        : `${number} is not in the strategy and the file does not say which priority it belongs to. Put it ` +
            `under a heading row like "Priority ${prefix ?? 1}: …", or add a Priority column`,
    );
    return null;
  }

  private addNew(row: number, number: string, text: string, priority: PriorityRef | null): CommitmentMatch {
    this.newCommitments.set(number, { number, text, priorityNumber: priority?.number ?? null, row });
    return { ref: { kind: "new", number }, by: "new", score: null };
  }

  private checkPriority(row: number, column: string, existing: ExistingCommitment): void {
    if (this.strategy.framework === "flat") return;
    const current = this.priority;
    const owner = this.strategy.priorities.find((p) => p.id === existing.priorityId);
    if (!current) {
      if (owner) this.priority = { kind: "existing", id: owner.id, number: owner.number };
      return;
    }
    if (current.kind === "new" || current.id !== existing.priorityId) {
      this.problems.warning(
        row,
        column,
        `${existing.number} is under priority ${owner?.number ?? "(none)"} in the strategy, not priority ` +
          `${current.number} as in the file; it stays where it is`,
      );
    }
  }

  /**
   * Resolves a commitment cell ("1.4 Train…", "Train…", or a number column beside it) and makes it the
   * one later rows continue. Returns null when the row leaves it blank (continuing the one above).
   */
  commitmentCell(row: number, column: string, cell: string, numberCell = ""): CommitmentMatch | null {
    const numbered = splitNumbered(cell);
    const fromNumberColumn = numberCell ? (splitNumbered(numberCell).number ?? numberCell.trim()) : null;
    const number = (fromNumberColumn ?? numbered.number)?.toLowerCase().replace(/\.$/, "") ?? null;
    const text = (fromNumberColumn ? cell.trim() : numbered.text).replace(/\s+/g, " ");
    if (!number && !text) return null;
    // The same words as the row above (a merged cell, or a table that repeats the commitment on each
    // of its actions' rows) continue it.
    const same = `${cell.trim()}\n${numberCell.trim()}`;
    if (this.commitment && same === this.lastCell) return { ...this.commitment, by: "above", score: null };
    this.lastCell = same;
    this.tooLong(row, column, text, LIMITS.commitment, `The ${this.item}`);
    if (number && (number.length > LIMITS.number || !/^[0-9a-z.]+$/.test(number))) {
      this.problems.error(row, column, `"${number}" is not a ${this.item} number Waymark can use, like 1.4`);
      return null;
    }
    if (this.newCommitments.size >= MAX_NEW_COMMITMENTS) {
      // Past the limit every row would be compared with every new one: stop matching (reported once).
      if (this.newCommitments.size === MAX_NEW_COMMITMENTS && !this.noted.has("limit")) {
        this.noted.add("limit");
        this.problems.error(
          row,
          column,
          `The file would add more than ${MAX_NEW_COMMITMENTS} ${this.item}s; split it`,
        );
      }
      return null;
    }
    const match = number ? this.byNumber(row, column, number, text) : this.byText(row, column, text);
    if (match) this.commitment = match;
    return match;
  }

  private byNumber(row: number, column: string, number: string, text: string): CommitmentMatch | null {
    const existing = this.strategy.commitments.find((c) => c.number.toLowerCase() === number);
    if (existing) {
      this.confirmedCommitments.add(existing.id);
      this.checkPriority(row, column, existing);
      const score = text ? diceCoefficient(text, existing.text) : null;
      if (text && !sameText(text, existing.text)) {
        if (this.mode === "framework") {
          this.reword(row, existing, text);
        } else if (
          score !== null &&
          score < MATCH_THRESHOLD &&
          // Tables often shorten a commitment to its first words: that is not a different wording.
          !normaliseText(existing.text).startsWith(normaliseText(text)) &&
          !this.noted.has(`${existing.number}\n${text}`)
        ) {
          this.noted.add(`${existing.number}\n${text}`);
          this.problems.warning(
            row,
            column,
            `The file's ${existing.number} reads ${quote(text)} but the strategy's reads ${quote(existing.text)} ` +
              `(${formatScore(score)} alike); the row is matched by its number`,
          );
        }
      }
      return { ref: { kind: "existing", id: existing.id, number: existing.number }, by: "number", score };
    }
    const known = this.newCommitments.get(number);
    if (known) {
      if (text && !sameText(text, known.text)) {
        this.problems.error(
          row,
          column,
          `${number} is used for two different ${this.item}s in the file (rows ${known.row} and ${row})`,
        );
      }
      return { ref: { kind: "new", number }, by: "number", score: null };
    }
    if (!text) {
      this.problems.error(row, column, `${number} is not in the strategy; give its wording after the number`);
      return null;
    }
    if (this.mode === "plan") {
      const similar = bestMatch(text, this.strategy.commitments, (c) => c.text);
      if (similar && similar.score >= MATCH_THRESHOLD) {
        this.problems.warning(
          row,
          column,
          `The file numbers this ${this.item} ${number}, the strategy ${similar.item.number}; it is matched by ` +
            `its wording (${formatScore(similar.score)} alike)`,
        );
        this.confirmedCommitments.add(similar.item.id);
        return {
          ref: { kind: "existing", id: similar.item.id, number: similar.item.number },
          by: "text",
          score: similar.score,
        };
      }
    }
    const priority = this.priorityOfNumber(row, column, number);
    if (!priority && this.strategy.framework === "priorities") return null;
    return this.addNew(row, number, text, priority);
  }

  private byText(row: number, column: string, text: string): CommitmentMatch | null {
    const candidates = [
      ...this.strategy.commitments.map((c) => ({
        ref: { kind: "existing", id: c.id, number: c.number } as CommitmentRef,
        text: c.text,
        existing: c,
      })),
      ...[...this.newCommitments.values()].map((c) => ({
        ref: { kind: "new", number: c.number } as CommitmentRef,
        text: c.text,
        existing: null,
      })),
    ];
    const best = bestMatch(text, candidates, (c) => c.text);
    if (best && best.score >= MATCH_THRESHOLD) {
      if (best.runnerUp >= MATCH_THRESHOLD && best.score - best.runnerUp < 0.05) {
        this.problems.warning(
          row,
          column,
          `${quote(text)} is close to more than one ${this.item}; check the match`,
        );
      }
      const existing = best.item.existing;
      if (existing) {
        this.confirmedCommitments.add(existing.id);
        this.checkPriority(row, column, existing);
        if (this.mode === "framework" && !sameText(text, existing.text)) {
          this.reword(row, existing, text);
        }
      }
      return { ref: best.item.ref, by: best.item.ref.kind === "new" ? "number" : "text", score: best.score };
    }
    if (this.strategy.framework === "priorities" && !this.priority) {
      this.problems.error(
        row,
        column,
        `${quote(text)} is not in the strategy and the file does not say which priority it belongs to. Put it ` +
          `under a heading row like "Priority 1: …", or give its number, like 1.7`,
      );
      return null;
    }
    const match = this.addNew(
      row,
      nextNumber(
        [...this.strategy.commitments.map((c) => c.number), ...this.newCommitments.keys()],
        this.priority?.number,
      ),
      text,
      this.priority,
    );
    return { ...match, score: best?.score ?? null };
  }
}

// Spend in the partner's quarterly update: when the action being updated has an allocation for the
// round's financial year, the update carries that quarter's committed, actual and forecast figures
// and an explanation, saved in the update's own transaction (so both are saved or neither) with
// source "update" and the update's id. Who may write it is who may write the update (the lead
// organisation's editors and the coordinator): the update service has checked that already.
import type { RoundRow } from "../../data/rounds.ts";
import type { Executor } from "../../db/database.ts";
import { quarterOf } from "../../domain/periods.ts";
import type { FieldError } from "../errors.ts";
import { ValidationError } from "../errors.ts";
import type { Work } from "../unit-of-work.ts";
import { spendForUpdate, writeSpend } from "./spend-service.ts";

/** One allocation's figures as the partner typed them (null: left blank). */
export interface UpdateSpendEntry {
  allocationId: number;
  committedPence: number | null;
  actualPence: number | null;
  forecastPence: number | null;
  explanation: string;
}

/** The quarter a round reports on: the quarter its period starts in. */
export const roundQuarter = (round: Pick<RoundRow, "periodStart">) => quarterOf(round.periodStart);

/** The Spend section of the update form and of the review page; null when the action has no allocation. */
export function updateSpendSection(ex: Executor, pid: number, actionId: number, round: RoundRow) {
  return spendForUpdate(ex, pid, actionId, roundQuarter(round));
}

export const spendFieldPrefix = (allocationId: number) => `spend-${allocationId}-`;

/**
 * Saves the update's spend for each of the action's allocations the partner filled in. A row left
 * wholly blank is skipped; a row with figures needs a forecast. Runs inside the update's transaction.
 */
export async function saveUpdateSpend(
  work: Work,
  pid: number,
  actionId: number,
  round: RoundRow,
  updateId: number,
  entries: readonly UpdateSpendEntry[] | undefined,
  identifiesNobody: boolean | undefined,
) {
  if (!entries || entries.length === 0) return;
  const section = await spendForUpdate(work.tx, pid, actionId, roundQuarter(round));
  if (!section) return;
  const errors: FieldError[] = [];
  const writes = [];
  for (const item of section.items) {
    const entry = entries.find((e) => e.allocationId === item.allocation.id);
    if (!entry) continue;
    const blank =
      entry.committedPence === null &&
      entry.actualPence === null &&
      entry.forecastPence === null &&
      entry.explanation.trim() === "";
    if (blank) continue;
    const prefix = spendFieldPrefix(item.allocation.id);
    if (entry.forecastPence === null) {
      errors.push({ field: `${prefix}forecast`, message: "Enter the forecast outturn for the year" });
      continue;
    }
    writes.push({
      allocation: item.allocation,
      fieldPrefix: prefix,
      input: {
        quarter: section.quarter,
        // The partner reports against the budget already set: the quarter's own, or the allocation.
        budgetPence: item.spend?.budgetPence ?? item.allocation.amountPence,
        committedPence: entry.committedPence ?? 0,
        actualPence: entry.actualPence ?? 0,
        forecastPence: entry.forecastPence,
        explanation: entry.explanation,
        identifiesNobody,
      },
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  for (const write of writes) {
    await writeSpend(work, pid, { ...write, source: "update", updateId });
  }
}

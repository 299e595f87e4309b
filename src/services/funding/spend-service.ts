// Quarterly spend per allocation: entered by the coordinator, imported from Excel (spend-import.ts), or
// reported by the lead organisation's editor in the quarterly update (writeSpend, called from the
// update service inside its own transaction). Whatever the source, one writer applies the rules: a
// variance past the partnership's threshold needs an explanation, and the explanation passes the
// personal-data guard.
import * as spendData from "../../data/funding/spend.ts";
import * as data from "../../data/funding/streams.ts";
import type { Db, Executor } from "../../db/database.ts";
import { spendReturns } from "../../db/schema-funding.ts";
import { missingExplanation } from "../../domain/funding/allocation.ts";
import type { SpendSource } from "../../domain/funding/vocabulary.ts";
import { formatQuarter } from "../../domain/periods.ts";
import { type Actor, actorUserId } from "../actor.ts";
import { ConflictError, type FieldError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction, type Work } from "../unit-of-work.ts";
import { canReportSpend, describeTarget, thresholdOf } from "./funding-reads.ts";

export interface SpendInput {
  quarter: number;
  budgetPence: number;
  committedPence: number;
  actualPence: number;
  forecastPence: number;
  explanation: string;
  identifiesNobody?: boolean;
}

export interface SpendWrite {
  allocation: data.AllocationRow;
  input: SpendInput;
  source: SpendSource;
  updateId?: number | null;
  /** The version the form was opened with (null: the quarter had no return then); undefined: no check. */
  expectedVersion?: number | null;
  /** Field names prefixed so a form with several allocations links each error to its own box. */
  fieldPrefix?: string;
}

/** The errors of one return, before anything is written: the explanation rule. */
export function spendErrors(
  input: SpendInput,
  threshold: { percent: number | null; pence: number | null },
  prefix = "",
): FieldError[] {
  const message = missingExplanation(input, threshold);
  return message ? [{ field: `${prefix}explanation`, message }] : [];
}

/** Writes (inserts or replaces) one quarter's return inside the caller's transaction, audited. */
export async function writeSpend(work: Work, pid: number, write: SpendWrite) {
  const { tx, audit, actor } = work;
  const { allocation, input, source } = write;
  const prefix = write.fieldPrefix ?? "";
  const errors = spendErrors(input, await thresholdOf(tx, pid), prefix);
  const flagged = guardText(
    { [`${prefix}explanation`]: input.explanation },
    { identifiesNobody: input.identifiesNobody },
    errors,
  );
  if (errors.length > 0) throw new ValidationError(errors);
  const key = { allocationId: allocation.id, yearStart: allocation.yearStart, quarter: input.quarter };
  const values = {
    budgetPence: input.budgetPence,
    committedPence: input.committedPence,
    actualPence: input.actualPence,
    forecastPence: input.forecastPence,
    explanation: input.explanation,
    source,
    updateId: write.updateId ?? null,
    enteredByUserId: actorUserId(actor),
    updatedAt: new Date(),
  };
  const existing = await spendData.findSpend(tx, pid, key);
  if (write.expectedVersion !== undefined && (existing?.version ?? null) !== write.expectedVersion) {
    if (existing) throw new ConflictError(existing);
  }
  const [row] = await tx
    .insert(spendReturns)
    .values({ ...values, ...key, partnershipId: pid })
    .onConflictDoUpdate({
      target: [spendReturns.allocationId, spendReturns.yearStart, spendReturns.quarter],
      set: { ...values, version: (existing?.version ?? 0) + 1 },
    })
    .returning();
  if (!row) throw new Error("upsert returned nothing");
  audit({
    partnershipId: pid,
    action: existing ? "spend-return.update" : "spend-return.create",
    entityType: "spend-return",
    entityId: row.id,
    before: existing,
    after: row,
  });
  recordAcknowledgement(audit, flagged, { partnershipId: pid, entityType: "spend-return", entityId: row.id });
  return row;
}

/** An action's allocations for a quarter's year, with that quarter's return, for the update form. */
export async function spendForUpdate(
  ex: Executor,
  pid: number,
  actionId: number,
  quarter: { startYear: number; quarter: number },
) {
  const allocations = await data.listAllocations(ex, pid, { actionId, yearStart: quarter.startYear });
  if (allocations.length === 0) return null;
  const threshold = await thresholdOf(ex, pid);
  // One read for every allocation's return (this also runs inside the update's transaction).
  const stored = await spendData.spendOfQuarter(
    ex,
    pid,
    allocations.map((a) => a.allocation.id),
    quarter,
  );
  const returns = allocations.map((a) => stored.find((r) => r.allocationId === a.allocation.id));
  return {
    quarter: quarter.quarter,
    quarterLabel: formatQuarter({ startYear: quarter.startYear, quarter: quarter.quarter as 1 | 2 | 3 | 4 }),
    threshold,
    items: allocations.map((a, i) => ({
      allocation: a.allocation,
      streamName: a.streamName,
      target: describeTarget(a),
      spend: returns[i] ?? null,
    })),
  };
}

export function createSpendService(db: Db) {
  return {
    /** The coordinator enters (or corrects) a quarter of an allocation. */
    async enter(actor: Actor, allocationId: number, expectedVersion: number | null, input: SpendInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async (work) => {
        const pid = partnershipOf(actor);
        const [row] = await data.listAllocations(work.tx, pid, { allocationId });
        const allocation = found(row, "That allocation").allocation;
        return writeSpend(work, pid, { allocation, input, source: "coordinator", expectedVersion });
      });
    },

    /** The return stored for a quarter, for the coordinator's form (who may see it: canReportSpend). */
    async quarter(actor: Actor, allocationId: number, quarter: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const [row] = await data.listAllocations(db, pid, { allocationId });
      const allocation = found(row, "That allocation");
      const spend = await spendData.findSpend(db, pid, {
        allocationId,
        yearStart: allocation.allocation.yearStart,
        quarter,
      });
      return {
        allocation: allocation.allocation,
        streamName: allocation.streamName,
        target: describeTarget(allocation),
        spend: spend ?? null,
      };
    },

    canReportSpend,
  };
}

export type SpendService = ReturnType<typeof createSpendService>;

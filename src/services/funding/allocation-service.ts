// Allocations of a stream's money for a financial year to what it pays for. The check that a year is
// not allocated past what the stream holds runs inside the transaction with the stream's row locked,
// so two allocations made at once are checked one after the other.
import { and, eq } from "drizzle-orm";
import * as data from "../../data/funding/streams.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Tx } from "../../db/database.ts";
import { actions, commitments } from "../../db/schema.ts";
import { contracts, fundingAllocations } from "../../db/schema-funding.ts";
import {
  type AllocationTarget,
  overAllocationMessage,
  targetColumns,
} from "../../domain/funding/allocation.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

export interface AllocationInput {
  yearStart: number;
  target: AllocationTarget;
  amountPence: number;
  notes: string;
  /** domain/region/vocabulary.ts SERVICE_TYPES, or "" (from its contract, else other); left as it is when absent. */
  serviceType?: string;
}

async function requireTarget(tx: Tx, pid: number, target: AllocationTarget) {
  const missing = (message: string) => new ValidationError([{ field: `${target.kind}Id`, message }]);
  if (target.kind === "action") {
    const [row] = await tx
      .select({ id: actions.id })
      .from(actions)
      .where(and(eq(actions.partnershipId, pid), eq(actions.id, target.actionId)));
    if (!row) throw missing("Select an action from the list");
  } else if (target.kind === "commitment") {
    const [row] = await tx
      .select({ id: commitments.id })
      .from(commitments)
      .where(and(eq(commitments.partnershipId, pid), eq(commitments.id, target.commitmentId)));
    if (!row) throw missing("Select a commitment from the list");
  } else if (target.kind === "contract") {
    const [row] = await tx
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.partnershipId, pid), eq(contracts.id, target.contractId)));
    if (!row) throw missing("Select a contract from the list");
  } else if (target.projectName.trim() === "") {
    throw new ValidationError([{ field: "projectName", message: "Enter the project's name" }]);
  }
}

export function createAllocationService(db: Db) {
  /** Refuses the allocation if the year would hold less than is allocated from it. */
  async function checkFits(
    tx: Tx,
    pid: number,
    stream: data.StreamRow,
    input: AllocationInput,
    exceptAllocationId?: number,
  ) {
    if (input.yearStart < stream.firstYearStart || input.yearStart > stream.lastYearStart) {
      throw new ValidationError([
        { field: "yearStart", message: "Select one of the stream's financial years" },
      ]);
    }
    const held = (await data.contributionTotals(tx, pid, stream.id)).find(
      (r) => r.yearStart === input.yearStart,
    );
    const [allocated] = await data.allocationTotals(tx, pid, {
      streamId: stream.id,
      yearStart: input.yearStart,
      exceptAllocationId,
    });
    const message = overAllocationMessage({
      holdsPence: held?.totalPence ?? 0,
      allocatedPence: allocated?.totalPence ?? 0,
      requestedPence: input.amountPence,
      yearStart: input.yearStart,
    });
    if (message) throw new ValidationError([{ field: "amount", message }]);
  }

  const values = (input: AllocationInput) => ({
    yearStart: input.yearStart,
    amountPence: input.amountPence,
    notes: input.notes,
    ...(input.serviceType === undefined ? {} : { serviceType: input.serviceType }),
    ...targetColumns(input.target),
  });

  return {
    async create(actor: Actor, streamId: number, input: AllocationInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const stream = found(await data.lockStream(tx, pid, streamId), "That funding stream");
        await requireTarget(tx, pid, input.target);
        await checkFits(tx, pid, stream, input);
        const [row] = await tx
          .insert(fundingAllocations)
          .values({ ...values(input), partnershipId: pid, streamId })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "funding-allocation.create",
          entityType: "funding-allocation",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async update(actor: Actor, allocationId: number, expectedVersion: number, input: AllocationInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const [existing] = await data.listAllocations(tx, pid, { allocationId });
        const current = found(existing, "That allocation").allocation;
        const stream = found(await data.lockStream(tx, pid, current.streamId), "That funding stream");
        await requireTarget(tx, pid, input.target);
        await checkFits(tx, pid, stream, input, allocationId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            fundingAllocations,
            { partnershipId: pid, id: allocationId, expectedVersion },
            values(input),
          ),
          "That allocation",
        );
        audit({
          partnershipId: pid,
          action: "funding-allocation.update",
          entityType: "funding-allocation",
          entityId: allocationId,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type AllocationService = ReturnType<typeof createAllocationService>;

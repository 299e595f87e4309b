// The Domestic Abuse Act Part 4 annual return (issue 14): one record per financial year. The
// coordinator (admin) keeps it — drafts may be partial, a complete return has every mandatory measure —
// and exports it to Excel, in full or as published (small numbers suppressed). Only admins see it:
// small counts of households in one area are close to identifying, and the return is the
// coordinator's submission to the ministry; board members receive it published, in the board pack.
import * as data from "../../data/funding/commissioning.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db } from "../../db/database.ts";
import { safeAccommodationReturns } from "../../db/schema-funding.ts";
import {
  missingMandatory,
  type Part4Counts,
  type Part4Problem,
  partsOverTotal,
} from "../../domain/funding/part4-return.ts";
import { ukDateOf } from "../../domain/periods.ts";
import type { Actor } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

/** Part 4 of the Act came into force in 2021: the first return is for 2021/22. */
export const FIRST_RETURN_YEAR = 2021;

/** The years a return may be kept for: from the first to the current financial year. */
export function returnYears(today: string = ukDateOf(new Date())): number[] {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const current = m >= 4 ? y : y - 1;
  const years: number[] = [];
  for (let year = current; year >= FIRST_RETURN_YEAR; year--) years.push(year);
  return years;
}

export interface Part4Input {
  counts: Part4Counts;
  notes: string;
  /** Mark complete (every mandatory measure needed) or keep as a draft. */
  complete: boolean;
  /** The version the form was opened at; null when no return existed. */
  expectedVersion: number | null;
}

const asErrors = (problems: Part4Problem[]) => problems.map((p) => ({ field: p.key, message: p.message }));

export function createPart4Service(db: Db) {
  function checkYear(yearStart: number) {
    if (!returnYears().includes(yearStart)) throw new NotFoundError("That year's return");
  }

  return {
    years: () => returnYears(),

    async list(actor: Actor) {
      requireAdmin(actor);
      return data.listReturns(db, partnershipOf(actor));
    },

    /** The year's return, or undefined when none is kept yet (the form starts empty). */
    async get(actor: Actor, yearStart: number) {
      requireAdmin(actor);
      checkYear(yearStart);
      return data.findReturn(db, partnershipOf(actor), yearStart);
    },

    publicationSettings: (actor: Actor) => data.publicationSettings(db, partnershipOf(actor)),

    async save(actor: Actor, yearStart: number, input: Part4Input, options: GuardOptions = {}) {
      requireAdmin(actor);
      checkYear(yearStart);
      const problems = [
        ...partsOverTotal(input.counts),
        ...(input.complete ? missingMandatory(input.counts) : []),
      ];
      if (problems.length > 0) throw new ValidationError(asErrors(problems));
      const flagged = guardText({ notes: input.notes }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const existing = await data.findReturn(tx, pid, yearStart);
        const entityId = `${pid}:${yearStart}`;
        recordAcknowledgement(audit, flagged, { partnershipId: pid, entityType: "part4-return", entityId });
        const values = {
          counts: input.counts,
          notes: input.notes,
          submittedAt: input.complete ? (existing?.submittedAt ?? new Date()) : null,
          updatedAt: new Date(),
        };
        if (!existing) {
          const [row] = await tx
            .insert(safeAccommodationReturns)
            .values({ ...values, partnershipId: pid, yearStart })
            // Two first saves at once: the unique (partnership, year) index lets one win; the other
            // is told, like any concurrent edit, by the conflict check below on its next try.
            .onConflictDoNothing()
            .returning();
          if (!row)
            throw new ValidationError([
              { field: "form", message: "Someone else started this return: open it again" },
            ]);
          audit({
            partnershipId: pid,
            action: "part4-return.create",
            entityType: "part4-return",
            entityId,
            after: row,
          });
          return row;
        }
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            safeAccommodationReturns,
            { partnershipId: pid, id: existing.id, expectedVersion: input.expectedVersion ?? -1 },
            values,
          ),
          "That return",
        );
        audit({
          partnershipId: pid,
          action: "part4-return.update",
          entityType: "part4-return",
          entityId,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type Part4Service = ReturnType<typeof createPart4Service>;

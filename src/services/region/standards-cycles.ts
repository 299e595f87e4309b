// Assessment cycles of a standard ("2025–27": opens, due), suggested from the standard's cycle
// length after the last one, and closed when done; and, for a region's cycle, where each of the
// region's partnerships stands — the state of its self-assessment only, and only for partnerships
// that share their self-assessments with the region.
import { eq } from "drizzle-orm";
import {
  assessmentStates,
  findCycle,
  findStandard,
  listCycles,
  updateById,
} from "../../data/region/standards.ts";
import type { Db } from "../../db/database.ts";
import { assessmentCycles } from "../../db/schema-region.ts";
import { ukDateOf } from "../../domain/calendar-dates.ts";
import { suggestCycle } from "../../domain/region/templates.ts";
import { ASSESSMENT_STATUS_LABELS, type AssessmentStatus } from "../../domain/region/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { guardText } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createRegionAccess, shares } from "./access.ts";
import { auditScope, ownerOf, readable, requireWriter, writable } from "./standards-owner.ts";

export interface CycleInput {
  name: string;
  opensOn: string;
  dueOn: string;
}

export type CycleState =
  | { kind: "not-shared"; label: "Not shared" }
  | { kind: "not-started"; label: "Not started" }
  | { kind: AssessmentStatus; label: string; assessmentId: number };

export function createStandardCycles(db: Db) {
  const regionAccess = createRegionAccess(db);

  async function ownPublished(actor: Actor, standardId: number) {
    const owner = await ownerOf(db, actor);
    requireWriter(actor, owner);
    const standard = writable(owner, await findStandard(db, standardId));
    return standard;
  }

  return {
    /** The form's suggestion: the day after the last cycle was due (or today), for the standard's cycle length. */
    async suggestedCycle(actor: Actor, standardId: number, today = ukDateOf(new Date())) {
      const standard = await ownPublished(actor, standardId);
      const [last] = (await listCycles(db, standardId)).sort((a, b) => (a.dueOn < b.dueOn ? 1 : -1));
      return { standard, suggestion: suggestCycle(standard.cycleMonths, last?.dueOn ?? null, today) };
    },

    async createCycle(actor: Actor, standardId: number, input: CycleInput) {
      const standard = await ownPublished(actor, standardId);
      const errors = [];
      if (standard.status !== "published") {
        errors.push({ field: "name", message: "Publish the standard before opening a cycle" });
      }
      if (input.dueOn <= input.opensOn) {
        errors.push({ field: "dueOn", message: "The due date must be after the opening date" });
      }
      const existing = await listCycles(db, standardId);
      if (existing.some((c) => c.name.trim().toLowerCase() === input.name.trim().toLowerCase())) {
        errors.push({ field: "name", message: "This standard already has a cycle with that name" });
      }
      if (errors.length > 0) throw new ValidationError(errors);
      guardText({ name: input.name });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const [row] = await tx
          .insert(assessmentCycles)
          .values({ standardId, name: input.name.trim(), opensOn: input.opensOn, dueOn: input.dueOn })
          .returning();
        audit({
          ...auditScope(standard),
          action: "assessment-cycle.create",
          entityType: "assessment-cycle",
          entityId: row!.id,
          after: row,
        });
        return row!;
      });
    },

    /** Closing a cycle a second time says when it was closed and changes nothing. */
    async closeCycle(actor: Actor, standardId: number, cycleId: number) {
      const standard = await ownPublished(actor, standardId);
      const cycle = await findCycle(db, cycleId);
      if (!cycle || cycle.standardId !== standardId) throw new NotFoundError("That cycle");
      if (cycle.closedAt) return { cycle, already: true };
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { before, after } = unwrapUpdate(
          await updateById(
            tx,
            assessmentCycles,
            {
              id: cycleId,
              expectedVersion: cycle.version,
              scope: eq(assessmentCycles.standardId, standardId),
            },
            { closedAt: new Date() },
          ),
          "That cycle",
        );
        audit({
          ...auditScope(standard),
          action: "assessment-cycle.close",
          entityType: "assessment-cycle",
          entityId: cycleId,
          before,
          after,
        });
        return { cycle: after, already: false };
      });
    },

    async cyclesOf(actor: Actor, standardId: number) {
      const owner = await ownerOf(db, actor);
      const standard = readable(owner, await findStandard(db, standardId));
      return { standard, cycles: await listCycles(db, standardId) };
    },

    /**
     * A region's cycle: every partnership of the region with the state of its self-assessment. A
     * partnership that does not share its self-assessments shows "Not shared"; a draft shows its
     * state only; submitted and moderated ones link to the assessment.
     */
    async cycleStatus(actor: Actor, cycleId: number) {
      if (actor.kind !== "region") throw new NotFoundError("That cycle");
      const cycle = await findCycle(db, cycleId);
      const standard = cycle ? await findStandard(db, cycle.standardId) : undefined;
      if (!cycle || !standard || standard.regionId !== actor.regionId) throw new NotFoundError("That cycle");
      const partnerships = await regionAccess.partnerships(actor);
      const sharing = partnerships.filter((p) => shares(p, "assessments"));
      const states = await assessmentStates(
        db,
        cycle.id,
        sharing.map((p) => p.id),
      );
      const byPartnership = new Map(states.map((s) => [s.partnershipId, s]));
      const rows = partnerships.map((p) => {
        let state: CycleState;
        if (!shares(p, "assessments")) state = { kind: "not-shared", label: "Not shared" };
        else {
          const found = byPartnership.get(p.id);
          const status = found?.status as AssessmentStatus | undefined;
          state =
            found && status
              ? { kind: status, label: ASSESSMENT_STATUS_LABELS[status] ?? status, assessmentId: found.id }
              : { kind: "not-started", label: "Not started" };
        }
        return { partnershipId: p.id, name: p.name, areaName: p.areaName, state };
      });
      return { cycle, standard, rows };
    },
  };
}

// Key statistics use cases for figures: areas (the partnership's own and its comparators), adding and
// changing observations one at a time, and the suppression threshold for everything published.
// Imports are in indicator-imports.ts; indicators themselves in indicator-service.ts.
import { and, eq, sql } from "drizzle-orm";
import * as data from "../data/indicators.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db } from "../db/database.ts";
import { areas, observations, partnerships } from "../db/schema.ts";
import { type AreaKind, checkObservation, FREQUENCY_PERIOD_KIND } from "../domain/indicators.ts";
import { parsePeriod } from "../domain/periods.ts";
import { checkThreshold } from "../domain/suppression.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, type FieldError, ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface ObservationFormInput {
  period: string;
  areaId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const fail = (errors: FieldError[]): never => {
  throw new ValidationError(errors);
};

export function createIndicatorFigures(db: Db) {
  const requireIndicator = async (actor: Actor, ex: Parameters<typeof data.findIndicator>[0], id: number) =>
    found(await data.findIndicator(ex, partnershipOf(actor), id), "That indicator");

  return {
    async addArea(actor: Actor, input: { name: string; kind: Exclude<AreaKind, "own"> }) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await data.ensureOwnArea(tx, pid);
        const [clash] = await tx
          .select({ id: areas.id })
          .from(areas)
          .where(and(eq(areas.partnershipId, pid), sql`lower(${areas.name}) = lower(${input.name})`));
        if (clash) fail([{ field: "name", message: `There is already an area called ${input.name}` }]);
        const [position] = await tx
          .select({ max: sql<number>`coalesce(max(${areas.position}), 0)::int` })
          .from(areas)
          .where(eq(areas.partnershipId, pid));
        const [row] = await tx
          .insert(areas)
          .values({
            partnershipId: pid,
            name: input.name,
            kind: input.kind,
            position: (position?.max ?? 0) + 1,
          })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "area.create",
          entityType: "area",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async addObservation(actor: Actor, indicatorId: number, input: ObservationFormInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const indicator = await requireIndicator(actor, tx, indicatorId);
        const errors: FieldError[] = [];
        const period = parsePeriod(input.period);
        if (!period)
          errors.push({ field: "period", message: "Enter the period like Q2 2024/25, 2024/25 or 2024-06" });
        else if (period.kind !== FREQUENCY_PERIOD_KIND[indicator.frequency]) {
          errors.push({
            field: "period",
            message: `This indicator is ${indicator.frequency}: enter a ${FREQUENCY_PERIOD_KIND[indicator.frequency]}`,
          });
        }
        const area = await data.findArea(tx, pid, input.areaId);
        if (!area) errors.push({ field: "areaId", message: "Select the area" });
        const checked = checkObservation(indicator, input);
        if (!checked.ok) errors.push({ field: checked.field, message: checked.message });
        if (errors.length > 0 || !period || !area || !checked.ok) return fail(errors);
        const [held] = await tx
          .select({ id: observations.id })
          .from(observations)
          .where(
            and(
              eq(observations.indicatorId, indicatorId),
              eq(observations.areaId, area.id),
              eq(observations.periodStart, period.start),
              eq(observations.periodEnd, period.end),
            ),
          );
        if (held)
          fail([
            {
              field: "period",
              message: `There is already a figure for ${period.label} in ${area.name}: change that one instead`,
            },
          ]);
        const [row] = await data.upsertObservations(tx, [
          {
            partnershipId: pid,
            indicatorId,
            areaId: area.id,
            periodStart: period.start,
            periodEnd: period.end,
            periodLabel: period.label,
            value: checked.value,
            numerator: checked.numerator,
            denominator: checked.denominator,
          },
        ]);
        audit({
          partnershipId: pid,
          action: "observation.create",
          entityType: "observation",
          entityId: row?.id ?? null,
          after: row,
        });
        return row!;
      });
    },

    async updateObservation(
      actor: Actor,
      observationId: number,
      expectedVersion: number,
      input: { value: number | null; numerator: number | null; denominator: number | null },
    ) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findObservation(tx, pid, observationId), "That figure");
        const indicator = await requireIndicator(actor, tx, current.indicatorId);
        const checked = checkObservation(indicator, input);
        if (!checked.ok) return fail([{ field: checked.field, message: checked.message }]);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            observations,
            { partnershipId: pid, id: observationId, expectedVersion },
            {
              value: checked.value,
              numerator: checked.numerator,
              denominator: checked.denominator,
              updatedAt: new Date(),
            },
          ),
          "That figure",
        );
        audit({
          partnershipId: pid,
          action: "observation.update",
          entityType: "observation",
          entityId: observationId,
          before,
          after,
        });
        return after;
      });
    },

    /** The partnership's suppression threshold for everything published; names the version read. */
    async setSuppressionThreshold(actor: Actor, threshold: number, expectedVersion: number) {
      requireAdmin(actor);
      try {
        checkThreshold(threshold);
      } catch (error) {
        fail([{ field: "suppressionThreshold", message: (error as Error).message }]);
      }
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const [before] = await tx.select().from(partnerships).where(eq(partnerships.id, pid)).for("update");
        if (!before)
          return fail([{ field: "suppressionThreshold", message: "The partnership was not found" }]);
        if (before.version !== expectedVersion) throw new ConflictError(before);
        const [after] = await tx
          .update(partnerships)
          .set({ suppressionThreshold: threshold, version: sql`${partnerships.version} + 1` })
          .where(and(eq(partnerships.id, pid), eq(partnerships.version, expectedVersion)))
          .returning();
        audit({
          partnershipId: pid,
          action: "partnership.suppression-threshold",
          entityType: "partnership",
          entityId: pid,
          before: { suppressionThreshold: before.suppressionThreshold },
          after: { suppressionThreshold: after?.suppressionThreshold },
        });
        return after;
      });
    },
  };
}

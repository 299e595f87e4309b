// Key statistics use cases: indicators, definition notes, links to commitments and actions, areas,
// observations (one by one or imported), built-in templates and the suppression threshold. Only the
// coordinator changes them; everyone in the partnership reads them (indicator-reads.ts).
import { and, eq, sql } from "drizzle-orm";
import * as data from "../data/indicators.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { areas, indicatorDefinitionNotes, indicators, observations, partnerships } from "../db/schema.ts";
import {
  type AreaKind,
  checkObservation,
  FREQUENCY_PERIOD_KIND,
  type Frequency,
  type IndicatorKind,
  isRateBase,
  type Polarity,
  type Unit,
} from "../domain/indicators.ts";
import { findTemplate } from "../domain/indicator-templates.ts";
import { parsePeriod } from "../domain/periods.ts";
import { checkThreshold } from "../domain/suppression.ts";
import { defaultThresholds, readThresholds, type Thresholds } from "../domain/thresholds.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, type FieldError, ValidationError } from "./errors.ts";
import { createIndicatorImports } from "./indicator-imports.ts";
import { createIndicatorReads } from "./indicator-reads.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface IndicatorInput {
  name: string;
  definition: string;
  unit: Unit;
  numeratorLabel: string;
  denominatorLabel: string;
  rateBase: number | null;
  populationLabel: string;
  source: string;
  ownerOrganisationId: number | null;
  frequency: Frequency;
  polarity: Polarity;
  kind: IndicatorKind;
  /** "" or a period as people write it: "2019/20", "Q4 2019/20", "2020-03". */
  baselinePeriod: string;
  baselineValue: number | null;
  targetValue: number | null;
  targetDate: string | null;
  thresholds: Thresholds;
  partOfIndicatorId: number | null;
}

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

/** Checks an indicator's fields against each other and the partnership; returns the row's values. */
async function indicatorValues(ex: Executor, pid: number, input: IndicatorInput, selfId: number | null) {
  const errors: FieldError[] = [];
  const clash = await data.findIndicatorByName(ex, pid, input.name);
  if (clash && clash.id !== selfId) errors.push({ field: "name", message: `There is already an indicator called ${clash.name}` });
  if (input.unit === "rate" && !isRateBase(input.rateBase)) {
    errors.push({ field: "rateBase", message: "Select what the rate is per: 100, 1,000, 10,000 or 100,000" });
  }
  const baseline = input.baselinePeriod.trim() ? parsePeriod(input.baselinePeriod) : null;
  if (input.baselinePeriod.trim() && !baseline) {
    errors.push({ field: "baselinePeriod", message: "Enter the baseline period like 2019/20, Q4 2019/20 or 2020-03" });
  }
  if (input.baselinePeriod.trim() && input.baselineValue === null) {
    errors.push({ field: "baselineValue", message: "Enter the baseline value" });
  }
  if (!input.baselinePeriod.trim() && input.baselineValue !== null) {
    errors.push({ field: "baselinePeriod", message: "Enter the period the baseline value is for" });
  }
  if (input.kind === "performance") {
    if (input.targetValue === null) errors.push({ field: "targetValue", message: "Enter the target: a performance indicator has one" });
    if (!input.targetDate) errors.push({ field: "targetDate", message: "Enter the date the target is to be met by" });
  } else if (input.targetValue !== null || input.targetDate) {
    errors.push({
      field: "targetValue",
      message: "A contextual indicator shows a trend and has no target: remove the target, or make it a performance indicator",
    });
  }
  if (baseline && input.targetDate && input.targetDate <= baseline.end) {
    errors.push({ field: "targetDate", message: "The target date must be after the end of the baseline period" });
  }
  const thresholds = readThresholds(input.thresholds);
  if (!thresholds.ok) errors.push({ field: "amberShortfall", message: thresholds.errors[0] ?? "Check the thresholds" });
  if (input.ownerOrganisationId !== null && !(await data.organisationName(ex, pid, input.ownerOrganisationId))) {
    errors.push({ field: "ownerOrganisationId", message: "Select an organisation of this partnership" });
  }
  if (input.partOfIndicatorId !== null) {
    const total = await data.findIndicator(ex, pid, input.partOfIndicatorId);
    if (!total || total.id === selfId || total.unit !== "count" || input.unit !== "count" || total.partOfIndicatorId !== null) {
      errors.push({ field: "partOfIndicatorId", message: "Only a count can be part of another count's total, which is not itself a part" });
    }
  }
  if (errors.length > 0) fail(errors);
  return {
    name: input.name,
    definition: input.definition,
    unit: input.unit,
    numeratorLabel: input.unit === "count" ? "" : input.numeratorLabel,
    denominatorLabel: input.unit === "count" ? "" : input.denominatorLabel,
    rateBase: input.unit === "rate" ? input.rateBase : null,
    populationLabel: input.unit === "rate" ? input.populationLabel : "",
    source: input.source,
    ownerOrganisationId: input.ownerOrganisationId,
    frequency: input.frequency,
    polarity: input.polarity,
    kind: input.kind,
    baselinePeriodLabel: baseline?.label ?? null,
    baselinePeriodStart: baseline?.start ?? null,
    baselinePeriodEnd: baseline?.end ?? null,
    baselineValue: baseline ? input.baselineValue : null,
    targetValue: input.kind === "performance" ? input.targetValue : null,
    targetDate: input.kind === "performance" ? input.targetDate : null,
    thresholds: input.thresholds,
    partOfIndicatorId: input.partOfIndicatorId,
  };
}

export function createIndicatorService(db: Db) {
  const reads = createIndicatorReads(db);

  async function requireIndicator(ex: Executor, actor: Actor, id: number) {
    return found(await data.findIndicator(ex, partnershipOf(actor), id), "That indicator");
  }

  async function create(actor: Actor, input: IndicatorInput, templateKey: string | null = null) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const values = await indicatorValues(tx, pid, input, null);
        const position = await data.nextIndicatorPosition(tx, pid);
        const [row] = await tx.insert(indicators).values({ ...values, partnershipId: pid, position, templateKey }).returning();
        if (!row) throw new Error("insert returned nothing");
        await data.ensureOwnArea(tx, pid);
        audit({ partnershipId: pid, action: "indicator.create", entityType: "indicator", entityId: row.id, after: row });
        return row;
      });
  }

  return {
    ...reads,
    ...createIndicatorImports(db),
    create,

    async update(actor: Actor, id: number, expectedVersion: number, input: IndicatorInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = await requireIndicator(tx, actor, id);
        if (input.unit !== current.unit) {
          const [held] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(observations)
            .where(and(eq(observations.partnershipId, pid), eq(observations.indicatorId, id)));
          if ((held?.n ?? 0) > 0) fail([{ field: "unit", message: "The unit cannot change once figures are held: add a new indicator instead" }]);
        }
        if (input.frequency !== current.frequency) {
          const [held] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(observations)
            .where(and(eq(observations.partnershipId, pid), eq(observations.indicatorId, id)));
          if ((held?.n ?? 0) > 0) fail([{ field: "frequency", message: "The frequency cannot change once figures are held" }]);
        }
        const values = await indicatorValues(tx, pid, input, id);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, indicators, { partnershipId: pid, id, expectedVersion }, values),
          "That indicator",
        );
        audit({ partnershipId: pid, action: "indicator.update", entityType: "indicator", entityId: id, before, after });
        return after;
      });
    },

    /** Switches on a built-in template: an ordinary indicator made from its definition. */
    async enableTemplate(actor: Actor, key: string) {
      requireAdmin(actor);
      const template = findTemplate(key);
      if (!template) fail([{ field: "templateKey", message: "Select a template" }]);
      const t = template!;
      const pid = partnershipOf(actor);
      const existing = (await data.listIndicators(db, pid)).find((i) => i.templateKey === t.key);
      if (existing) fail([{ field: "templateKey", message: `${t.name} is already switched on` }]);
      const total = t.partOf ? (await data.listIndicators(db, pid)).find((i) => i.templateKey === t.partOf) : undefined;
      return create(
        actor,
        {
          name: t.name,
          definition: t.definition,
          unit: t.unit,
          numeratorLabel: t.numeratorLabel ?? "",
          denominatorLabel: t.denominatorLabel ?? "",
          rateBase: t.rateBase ?? null,
          populationLabel: t.populationLabel ?? "",
          source: t.source,
          ownerOrganisationId: null,
          frequency: t.frequency,
          polarity: t.polarity,
          kind: t.kind,
          baselinePeriod: "",
          baselineValue: null,
          targetValue: null,
          targetDate: null,
          thresholds: defaultThresholds(t.unit),
          partOfIndicatorId: total?.id ?? null,
        },
        t.key,
      );
    },

    async addNote(actor: Actor, indicatorId: number, input: { changedOn: string; note: string }) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const indicator = await requireIndicator(tx, actor, indicatorId);
        const [row] = await tx
          .insert(indicatorDefinitionNotes)
          .values({ partnershipId: indicator.partnershipId, indicatorId, ...input })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({ partnershipId: row.partnershipId, action: "indicator.note", entityType: "indicator", entityId: indicatorId, after: row });
        return row;
      });
    },

    /** Replaces the commitments and actions an indicator measures; names the indicator's version. */
    async setLinks(actor: Actor, indicatorId: number, expectedVersion: number, links: { commitmentIds: number[]; actionIds: number[] }) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const commitmentIds = [...new Set(links.commitmentIds)];
        const actionIds = [...new Set(links.actionIds)];
        const owned = await data.countOwned(tx, pid, commitmentIds, actionIds);
        if (owned.commitments !== commitmentIds.length || owned.actions !== actionIds.length) {
          fail([{ field: "commitmentIds", message: "Choose commitments and actions of this partnership" }]);
        }
        const before = await data.linkIds(tx, pid, indicatorId);
        unwrapUpdate(await updateVersioned(tx, indicators, { partnershipId: pid, id: indicatorId, expectedVersion }, {}), "That indicator");
        await data.replaceLinks(tx, pid, indicatorId, commitmentIds, actionIds);
        audit({
          partnershipId: pid,
          action: "indicator.links",
          entityType: "indicator",
          entityId: indicatorId,
          before,
          after: { commitmentIds, actionIds },
        });
      });
    },

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
          .values({ partnershipId: pid, name: input.name, kind: input.kind, position: (position?.max ?? 0) + 1 })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({ partnershipId: pid, action: "area.create", entityType: "area", entityId: row.id, after: row });
        return row;
      });
    },

    async addObservation(actor: Actor, indicatorId: number, input: ObservationFormInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const indicator = await requireIndicator(tx, actor, indicatorId);
        const errors: FieldError[] = [];
        const period = parsePeriod(input.period);
        if (!period) errors.push({ field: "period", message: "Enter the period like Q2 2024/25, 2024/25 or 2024-06" });
        else if (period.kind !== FREQUENCY_PERIOD_KIND[indicator.frequency]) {
          errors.push({ field: "period", message: `This indicator is ${indicator.frequency}: enter a ${FREQUENCY_PERIOD_KIND[indicator.frequency]}` });
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
        if (held) fail([{ field: "period", message: `There is already a figure for ${period.label} in ${area.name}: change that one instead` }]);
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
        audit({ partnershipId: pid, action: "observation.create", entityType: "observation", entityId: row?.id ?? null, after: row });
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
        const indicator = await requireIndicator(tx, actor, current.indicatorId);
        const checked = checkObservation(indicator, input);
        if (!checked.ok) return fail([{ field: checked.field, message: checked.message }]);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, observations, { partnershipId: pid, id: observationId, expectedVersion }, {
            value: checked.value,
            numerator: checked.numerator,
            denominator: checked.denominator,
            updatedAt: new Date(),
          }),
          "That figure",
        );
        audit({ partnershipId: pid, action: "observation.update", entityType: "observation", entityId: observationId, before, after });
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
        if (!before) return fail([{ field: "suppressionThreshold", message: "The partnership was not found" }]);
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

export type IndicatorService = ReturnType<typeof createIndicatorService>;

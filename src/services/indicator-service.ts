// Key statistics use cases: indicators, definition notes, links to commitments and actions, areas,
// observations (one by one or imported), built-in templates and the suppression threshold. Only the
// coordinator changes them; everyone in the partnership reads them (indicator-reads.ts).
import { and, eq, sql } from "drizzle-orm";
import * as data from "../data/indicators.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { indicatorDefinitionNotes, indicators, observations } from "../db/schema.ts";
import { findTemplate } from "../domain/indicator-templates.ts";
import {
  type Frequency,
  type IndicatorKind,
  isRateBase,
  type Polarity,
  type Unit,
} from "../domain/indicators.ts";
import { parsePeriod } from "../domain/periods.ts";
import { defaultThresholds, readThresholds, type Thresholds } from "../domain/thresholds.ts";
import type { Actor } from "./actor.ts";
import { type FieldError, ValidationError } from "./errors.ts";
import { createIndicatorFigures } from "./indicator-figures.ts";
import { createIndicatorImports } from "./indicator-imports.ts";
import { createIndicatorReads } from "./indicator-reads.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { guardText, recordAcknowledgement } from "./privacy/guard.ts";
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

const fail = (errors: FieldError[]): never => {
  throw new ValidationError(errors);
};

/** Checks an indicator's fields against each other and the partnership; returns the row's values. */
async function indicatorValues(ex: Executor, pid: number, input: IndicatorInput, selfId: number | null) {
  const errors: FieldError[] = [];
  const clash = await data.findIndicatorByName(ex, pid, input.name);
  if (clash && clash.id !== selfId)
    errors.push({ field: "name", message: `There is already an indicator called ${clash.name}` });
  if (input.unit === "rate" && !isRateBase(input.rateBase)) {
    errors.push({ field: "rateBase", message: "Select what the rate is per: 100, 1,000, 10,000 or 100,000" });
  }
  const baseline = input.baselinePeriod.trim() ? parsePeriod(input.baselinePeriod) : null;
  if (input.baselinePeriod.trim() && !baseline) {
    errors.push({
      field: "baselinePeriod",
      message: "Enter the baseline period like 2019/20, Q4 2019/20 or 2020-03",
    });
  }
  if (input.baselinePeriod.trim() && input.baselineValue === null) {
    errors.push({ field: "baselineValue", message: "Enter the baseline value" });
  }
  if (!input.baselinePeriod.trim() && input.baselineValue !== null) {
    errors.push({ field: "baselinePeriod", message: "Enter the period the baseline value is for" });
  }
  if (input.kind === "performance") {
    if (input.targetValue === null)
      errors.push({ field: "targetValue", message: "Enter the target: a performance indicator has one" });
    if (!input.targetDate)
      errors.push({ field: "targetDate", message: "Enter the date the target is to be met by" });
  } else if (input.targetValue !== null || input.targetDate) {
    errors.push({
      field: "targetValue",
      message:
        "A contextual indicator shows a trend and has no target: remove the target, or make it a performance indicator",
    });
  }
  if (baseline && input.targetDate && input.targetDate <= baseline.end) {
    errors.push({
      field: "targetDate",
      message: "The target date must be after the end of the baseline period",
    });
  }
  const thresholds = readThresholds(input.thresholds);
  if (!thresholds.ok)
    errors.push({ field: "amberShortfall", message: thresholds.errors[0] ?? "Check the thresholds" });
  if (
    input.ownerOrganisationId !== null &&
    !(await data.organisationName(ex, pid, input.ownerOrganisationId))
  ) {
    errors.push({ field: "ownerOrganisationId", message: "Select an organisation of this partnership" });
  }
  if (input.partOfIndicatorId !== null) {
    const total = await data.findIndicator(ex, pid, input.partOfIndicatorId);
    if (
      !total ||
      total.id === selfId ||
      total.unit !== "count" ||
      input.unit !== "count" ||
      total.partOfIndicatorId !== null
    ) {
      errors.push({
        field: "partOfIndicatorId",
        message: "Only a count can be part of another count's total, which is not itself a part",
      });
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
      const [row] = await tx
        .insert(indicators)
        .values({ ...values, partnershipId: pid, position, templateKey })
        .returning();
      if (!row) throw new Error("insert returned nothing");
      await data.ensureOwnArea(tx, pid);
      audit({
        partnershipId: pid,
        action: "indicator.create",
        entityType: "indicator",
        entityId: row.id,
        after: row,
      });
      return row;
    });
  }

  return {
    ...reads,
    ...createIndicatorImports(db),
    ...createIndicatorFigures(db),
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
          if ((held?.n ?? 0) > 0)
            fail([
              {
                field: "unit",
                message: "The unit cannot change once figures are held: add a new indicator instead",
              },
            ]);
        }
        if (input.frequency !== current.frequency) {
          const [held] = await tx
            .select({ n: sql<number>`count(*)::int` })
            .from(observations)
            .where(and(eq(observations.partnershipId, pid), eq(observations.indicatorId, id)));
          if ((held?.n ?? 0) > 0)
            fail([{ field: "frequency", message: "The frequency cannot change once figures are held" }]);
        }
        const values = await indicatorValues(tx, pid, input, id);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, indicators, { partnershipId: pid, id, expectedVersion }, values),
          "That indicator",
        );
        audit({
          partnershipId: pid,
          action: "indicator.update",
          entityType: "indicator",
          entityId: id,
          before,
          after,
        });
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
      const total = t.partOf
        ? (await data.listIndicators(db, pid)).find((i) => i.templateKey === t.partOf)
        : undefined;
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

    async addNote(
      actor: Actor,
      indicatorId: number,
      input: { changedOn: string; note: string; identifiesNobody?: boolean },
    ) {
      requireAdmin(actor);
      const { changedOn, note, identifiesNobody } = input;
      const flagged = guardText({ note }, { identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const indicator = await requireIndicator(tx, actor, indicatorId);
        const [row] = await tx
          .insert(indicatorDefinitionNotes)
          .values({ partnershipId: indicator.partnershipId, indicatorId, changedOn, note })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: row.partnershipId,
          action: "indicator.note",
          entityType: "indicator",
          entityId: indicatorId,
          after: row,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: row.partnershipId,
          entityType: "indicator",
          entityId: indicatorId,
        });
        return row;
      });
    },

    /** Replaces the commitments and actions an indicator measures; names the indicator's version. */
    async setLinks(
      actor: Actor,
      indicatorId: number,
      expectedVersion: number,
      links: { commitmentIds: number[]; actionIds: number[] },
    ) {
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
        unwrapUpdate(
          await updateVersioned(tx, indicators, { partnershipId: pid, id: indicatorId, expectedVersion }, {}),
          "That indicator",
        );
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
  };
}

export type IndicatorService = ReturnType<typeof createIndicatorService>;

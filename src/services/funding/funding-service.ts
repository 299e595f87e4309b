// Funding streams and their contributions (the coordinator manages them; everyone reads totals), the
// partnership's variance threshold, and the pages' reads. Allocations: allocation-service.ts; spend:
// spend-service.ts.
import { and, eq } from "drizzle-orm";
import * as data from "../../data/funding/streams.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Tx } from "../../db/database.ts";
import { organisations } from "../../db/schema.ts";
import { fundingContributions, fundingSettings, fundingStreams } from "../../db/schema-funding.ts";
import { formatPounds, type VarianceThreshold } from "../../domain/funding/money.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createFundingReads } from "./funding-reads.ts";

export interface StreamInput {
  name: string;
  kind: string;
  funderOrganisationId: number | null;
  funderName: string;
  firstYearStart: number;
  lastYearStart: number;
  conditions: string;
  reportingRequirements: string;
  decisionReference: string;
  decisionLink: string;
  awardedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  identifiesNobody?: boolean;
}

export interface ContributionInput {
  contributorOrganisationId: number | null;
  contributorName: string;
  yearStart: number;
  amountPence: number;
  received: boolean;
  receivedOn: string | null;
}

export const DEFAULT_THRESHOLD: VarianceThreshold = { percent: 10, pence: null };

async function requireOrganisation(tx: Tx, pid: number, id: number | null, field: string) {
  if (id === null) return;
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.partnershipId, pid), eq(organisations.id, id)));
  if (!row) throw new ValidationError([{ field, message: "Select an organisation from the list" }]);
}

function checkStream(input: StreamInput) {
  const errors = [];
  if (input.funderOrganisationId === null && input.funderName.trim() === "") {
    errors.push({ field: "funderName", message: "Enter who funds the stream, or select a partner" });
  }
  if (input.lastYearStart < input.firstYearStart) {
    errors.push({ field: "lastYearStart", message: "The last year must be the first year or later" });
  }
  if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
    errors.push({ field: "endsOn", message: "The end date must be on or after the start date" });
  }
  if (errors.length > 0) throw new ValidationError(errors);
}

export function createFundingService(db: Db) {
  const streamValues = (input: StreamInput) => {
    const { identifiesNobody: _, ...values } = input;
    return { ...values, funderName: input.funderOrganisationId === null ? input.funderName : "" };
  };

  /** What a stream's contributions hold for a year must still cover what is allocated from it. */
  async function checkStillCovers(tx: Tx, pid: number, streamId: number, yearStart: number) {
    const [held] = (await data.contributionTotals(tx, pid, streamId)).filter(
      (r) => r.yearStart === yearStart,
    );
    const [allocated] = await data.allocationTotals(tx, pid, { streamId, yearStart });
    const holds = held?.totalPence ?? 0;
    if (allocated && allocated.totalPence > holds) {
      throw new ValidationError([
        {
          field: "amount",
          message: `The stream would hold ${formatPounds(holds)} but ${formatPounds(allocated.totalPence)} of it is allocated: change the allocations first`,
        },
      ]);
    }
  }

  function checkContribution(stream: data.StreamRow, input: ContributionInput) {
    const errors = [];
    if (input.contributorOrganisationId === null && input.contributorName.trim() === "") {
      errors.push({ field: "contributorName", message: "Enter who contributes, or select a partner" });
    }
    if (input.yearStart < stream.firstYearStart || input.yearStart > stream.lastYearStart) {
      errors.push({ field: "yearStart", message: "Select one of the stream's financial years" });
    }
    if (!input.received && input.receivedOn) {
      errors.push({ field: "receivedOn", message: "Leave the date empty until the money is received" });
    }
    if (errors.length > 0) throw new ValidationError(errors);
  }

  const contributionValues = (input: ContributionInput) => ({
    ...input,
    contributorName: input.contributorOrganisationId === null ? input.contributorName : "",
    receivedOn: input.received ? input.receivedOn : null,
  });

  return {
    ...createFundingReads(db),

    async contribution(actor: Actor, id: number) {
      requireAdmin(actor);
      return found(await data.findContribution(db, partnershipOf(actor), id), "That contribution");
    },

    async createStream(actor: Actor, input: StreamInput, award: number | null = null) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const flagged = guardText(
          { conditions: input.conditions, reportingRequirements: input.reportingRequirements },
          { identifiesNobody: input.identifiesNobody },
        );
        checkStream(input);
        await requireOrganisation(tx, pid, input.funderOrganisationId, "funderOrganisationId");
        const [row] = await tx
          .insert(fundingStreams)
          .values({ ...streamValues(input), partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "funding-stream.create",
          entityType: "funding-stream",
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "funding-stream",
          entityId: row.id,
        });
        if (award !== null && award > 0) {
          // A single funder's award is the stream's one contribution, so the total is still computed.
          const [c] = await tx
            .insert(fundingContributions)
            .values({
              partnershipId: pid,
              streamId: row.id,
              contributorOrganisationId: row.funderOrganisationId,
              contributorName: row.funderName,
              yearStart: row.firstYearStart,
              amountPence: award,
            })
            .returning();
          audit({
            partnershipId: pid,
            action: "funding-contribution.create",
            entityType: "funding-contribution",
            entityId: c!.id,
            after: c,
          });
        }
        return row;
      });
    },

    async updateStream(actor: Actor, id: number, expectedVersion: number, input: StreamInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const flagged = guardText(
          { conditions: input.conditions, reportingRequirements: input.reportingRequirements },
          { identifiesNobody: input.identifiesNobody },
        );
        checkStream(input);
        await requireOrganisation(tx, pid, input.funderOrganisationId, "funderOrganisationId");
        const years = await data.contributionTotals(tx, pid, id);
        const allocated = await data.allocationTotals(tx, pid, { streamId: id });
        const outside = [...years, ...allocated].some(
          (r) => r.yearStart < input.firstYearStart || r.yearStart > input.lastYearStart,
        );
        if (outside) {
          throw new ValidationError([
            {
              field: "firstYearStart",
              message: "The stream has contributions or allocations in a year outside these years",
            },
          ]);
        }
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            fundingStreams,
            { partnershipId: pid, id, expectedVersion },
            streamValues(input),
          ),
          "That funding stream",
        );
        audit({
          partnershipId: pid,
          action: "funding-stream.update",
          entityType: "funding-stream",
          entityId: id,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "funding-stream",
          entityId: id,
        });
        return after;
      });
    },

    async addContribution(actor: Actor, streamId: number, input: ContributionInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const stream = found(await data.lockStream(tx, pid, streamId), "That funding stream");
        checkContribution(stream, input);
        await requireOrganisation(tx, pid, input.contributorOrganisationId, "contributorOrganisationId");
        const [row] = await tx
          .insert(fundingContributions)
          .values({ ...contributionValues(input), partnershipId: pid, streamId })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "funding-contribution.create",
          entityType: "funding-contribution",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async updateContribution(actor: Actor, id: number, expectedVersion: number, input: ContributionInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const existing = found(await data.findContribution(tx, pid, id), "That contribution");
        const stream = found(await data.lockStream(tx, pid, existing.streamId), "That funding stream");
        checkContribution(stream, input);
        await requireOrganisation(tx, pid, input.contributorOrganisationId, "contributorOrganisationId");
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            fundingContributions,
            { partnershipId: pid, id, expectedVersion },
            contributionValues(input),
          ),
          "That contribution",
        );
        // Less money in a year (or money moved to another year) must not leave allocations uncovered.
        await checkStillCovers(tx, pid, stream.id, before.yearStart);
        audit({
          partnershipId: pid,
          action: "funding-contribution.update",
          entityType: "funding-contribution",
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },

    async saveSettings(actor: Actor, expectedVersion: number | null, threshold: VarianceThreshold) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const values = {
          varianceThresholdPercent: threshold.percent ?? 0,
          varianceThresholdPence: threshold.pence,
        };
        const existing = await data.findSettings(tx, pid);
        if (!existing) {
          const [row] = await tx
            .insert(fundingSettings)
            .values({ ...values, partnershipId: pid })
            .returning();
          audit({
            partnershipId: pid,
            action: "funding-settings.update",
            entityType: "funding-settings",
            entityId: pid,
            after: row,
          });
          return row!;
        }
        // One row per partnership, keyed by it (no id column), so the version check is written out here.
        if (existing.version !== expectedVersion) throw new ConflictError(existing);
        const [after] = await tx
          .update(fundingSettings)
          .set({ ...values, version: existing.version + 1 })
          .where(and(eq(fundingSettings.partnershipId, pid), eq(fundingSettings.version, existing.version)))
          .returning();
        if (!after) throw new ConflictError(existing);
        audit({
          partnershipId: pid,
          action: "funding-settings.update",
          entityType: "funding-settings",
          entityId: pid,
          before: existing,
          after,
        });
        return after;
      });
    },
  };
}

export type FundingService = ReturnType<typeof createFundingService>;

// Funding streams, their contributions and allocations: reads for the pages (set-based, a fixed number
// of statements whatever the number of streams) and the row lock that serialises allocations.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor, Tx } from "../../db/database.ts";
import { actionLeads, actions, commitments, organisations } from "../../db/schema.ts";
import {
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingSettings,
  fundingStreams,
} from "../../db/schema-funding.ts";
import { readTogether } from "../read-together.ts";

export type StreamRow = typeof fundingStreams.$inferSelect;
export type ContributionRow = typeof fundingContributions.$inferSelect;
export type AllocationRow = typeof fundingAllocations.$inferSelect;
export type FundingSettingsRow = typeof fundingSettings.$inferSelect;

/** A sum of a bigint column (numeric in SQL, a string on the wire) as whole pence. */
const total = (column: typeof fundingContributions.amountPence | typeof fundingAllocations.amountPence) =>
  sql<string>`coalesce(sum(${column}), 0)`.mapWith(Number);

export async function listStreams(ex: Executor, pid: number) {
  return ex
    .select({ stream: fundingStreams, funderOrganisation: organisations.name })
    .from(fundingStreams)
    .leftJoin(organisations, eq(organisations.id, fundingStreams.funderOrganisationId))
    .where(eq(fundingStreams.partnershipId, pid))
    .orderBy(asc(fundingStreams.name), asc(fundingStreams.id));
}

export async function findStream(ex: Executor, pid: number, id: number) {
  const [row] = await ex
    .select({ stream: fundingStreams, funderOrganisation: organisations.name })
    .from(fundingStreams)
    .leftJoin(organisations, eq(organisations.id, fundingStreams.funderOrganisationId))
    .where(and(eq(fundingStreams.partnershipId, pid), eq(fundingStreams.id, id)));
  return row;
}

/**
 * Locks the stream's row until the transaction ends, so two allocations from the same stream are
 * checked one after the other and cannot both fit in what only one of them fits in.
 */
export async function lockStream(tx: Tx, pid: number, id: number): Promise<StreamRow | undefined> {
  const [row] = await tx
    .select()
    .from(fundingStreams)
    .where(and(eq(fundingStreams.partnershipId, pid), eq(fundingStreams.id, id)))
    .for("update");
  return row;
}

/** Per stream and year: contributions' total, what has been received, and how many there are. */
export async function contributionTotals(ex: Executor, pid: number, streamId?: number) {
  return ex
    .select({
      streamId: fundingContributions.streamId,
      yearStart: fundingContributions.yearStart,
      totalPence: total(fundingContributions.amountPence),
      receivedPence:
        sql<string>`coalesce(sum(${fundingContributions.amountPence}) filter (where ${fundingContributions.received}), 0)`.mapWith(
          Number,
        ),
      count: sql<number>`count(*)::int`,
    })
    .from(fundingContributions)
    .where(
      and(
        eq(fundingContributions.partnershipId, pid),
        streamId === undefined ? undefined : eq(fundingContributions.streamId, streamId),
      ),
    )
    .groupBy(fundingContributions.streamId, fundingContributions.yearStart);
}

/** Per stream and year: what is allocated (optionally leaving out one allocation, being changed). */
export async function allocationTotals(
  ex: Executor,
  pid: number,
  filter: { streamId?: number; yearStart?: number; exceptAllocationId?: number } = {},
) {
  return ex
    .select({
      streamId: fundingAllocations.streamId,
      yearStart: fundingAllocations.yearStart,
      totalPence: total(fundingAllocations.amountPence),
    })
    .from(fundingAllocations)
    .where(
      and(
        eq(fundingAllocations.partnershipId, pid),
        filter.streamId === undefined ? undefined : eq(fundingAllocations.streamId, filter.streamId),
        filter.yearStart === undefined ? undefined : eq(fundingAllocations.yearStart, filter.yearStart),
        filter.exceptAllocationId === undefined
          ? undefined
          : sql`${fundingAllocations.id} <> ${filter.exceptAllocationId}`,
      ),
    )
    .groupBy(fundingAllocations.streamId, fundingAllocations.yearStart);
}

export async function listContributions(ex: Executor, pid: number, streamId: number) {
  return ex
    .select({ contribution: fundingContributions, organisation: organisations.name })
    .from(fundingContributions)
    .leftJoin(organisations, eq(organisations.id, fundingContributions.contributorOrganisationId))
    .where(and(eq(fundingContributions.partnershipId, pid), eq(fundingContributions.streamId, streamId)))
    .orderBy(
      asc(fundingContributions.yearStart),
      asc(fundingContributions.position),
      asc(fundingContributions.id),
    );
}

export async function findContribution(ex: Executor, pid: number, id: number) {
  const [row] = await ex
    .select()
    .from(fundingContributions)
    .where(and(eq(fundingContributions.partnershipId, pid), eq(fundingContributions.id, id)));
  return row;
}

/** Allocations with what they pay for, named: the action, commitment, contract or project. */
export async function listAllocations(
  ex: Executor,
  pid: number,
  filter: { streamId?: number; allocationId?: number; actionId?: number; yearStart?: number },
) {
  return ex
    .select({
      allocation: fundingAllocations,
      streamName: fundingStreams.name,
      actionWhat: actions.what,
      commitmentNumber: commitments.number,
      commitmentText: commitments.text,
      contractService: contracts.service,
    })
    .from(fundingAllocations)
    .innerJoin(fundingStreams, eq(fundingStreams.id, fundingAllocations.streamId))
    .leftJoin(actions, eq(actions.id, fundingAllocations.actionId))
    .leftJoin(commitments, eq(commitments.id, fundingAllocations.commitmentId))
    .leftJoin(contracts, eq(contracts.id, fundingAllocations.contractId))
    .where(
      and(
        eq(fundingAllocations.partnershipId, pid),
        filter.streamId === undefined ? undefined : eq(fundingAllocations.streamId, filter.streamId),
        filter.allocationId === undefined ? undefined : eq(fundingAllocations.id, filter.allocationId),
        filter.actionId === undefined ? undefined : eq(fundingAllocations.actionId, filter.actionId),
        filter.yearStart === undefined ? undefined : eq(fundingAllocations.yearStart, filter.yearStart),
      ),
    )
    .orderBy(asc(fundingAllocations.yearStart), asc(fundingAllocations.id));
}

export type AllocationListRow = Awaited<ReturnType<typeof listAllocations>>[number];

/** The organisations that lead each of these actions (the editors who may report their spend). */
export async function leadsOfActions(ex: Executor, pid: number, actionIds: readonly number[]) {
  if (actionIds.length === 0) return new Map<number, number[]>();
  const rows = await ex
    .select({ actionId: actionLeads.actionId, organisationId: actionLeads.organisationId })
    .from(actionLeads)
    .where(and(eq(actionLeads.partnershipId, pid), inArray(actionLeads.actionId, [...actionIds])));
  const map = new Map<number, number[]>();
  for (const r of rows) map.set(r.actionId, [...(map.get(r.actionId) ?? []), r.organisationId]);
  return map;
}

export async function findSettings(ex: Executor, pid: number): Promise<FundingSettingsRow | undefined> {
  const [row] = await ex.select().from(fundingSettings).where(eq(fundingSettings.partnershipId, pid));
  return row;
}

/** The partnership's choices for a stream's funder, a contributor and an allocation's target. */
export async function fundingChoices(ex: Executor, pid: number) {
  const [orgs, acts, comms, cons] = await readTogether(ex, [
    () =>
      ex
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(eq(organisations.partnershipId, pid))
        .orderBy(asc(organisations.name)),
    () =>
      ex
        .select({ id: actions.id, what: actions.what, commitmentNumber: commitments.number })
        .from(actions)
        .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
        .where(and(eq(actions.partnershipId, pid), eq(actions.closed, false)))
        .orderBy(asc(commitments.number), asc(actions.position), asc(actions.id)),
    () =>
      ex
        .select({ id: commitments.id, number: commitments.number, text: commitments.text })
        .from(commitments)
        .where(eq(commitments.partnershipId, pid))
        .orderBy(asc(commitments.number), asc(commitments.id)),
    () =>
      ex
        .select({ id: contracts.id, service: contracts.service })
        .from(contracts)
        .where(eq(contracts.partnershipId, pid))
        .orderBy(asc(contracts.service)),
  ]);
  return { organisations: orgs, actions: acts, commitments: comms, contracts: cons };
}

// What the money reports, the board pack's funding section and the API read: funding streams with
// their contributions, allocations with what they pay for and their latest spend return, contracts
// with their milestones. A handful of set-based queries, however many rows: the report page must not
// grow a query per stream or allocation (query-count.test.ts).
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/database.ts";
import { actionLeads, actions, commitments, organisations, partnerships } from "../../db/schema.ts";
import {
  contractMilestones,
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingSettings,
  fundingStreams,
  spendReturns,
} from "../../db/schema-funding.ts";
import { readTogether } from "../read-together.ts";

export interface StreamRow {
  id: number;
  name: string;
  kind: string;
  funderOrganisationId: number | null;
  funder: string;
  firstYearStart: number;
  lastYearStart: number;
  conditions: string;
  reportingRequirements: string;
  decisionReference: string;
  decisionLink: string;
  awardedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  version: number;
}

export interface ContributionRow {
  id: number;
  streamId: number;
  contributorOrganisationId: number | null;
  contributor: string;
  yearStart: number;
  amountPence: number;
  received: boolean;
  receivedOn: string | null;
}

export interface AllocationRow {
  id: number;
  streamId: number;
  yearStart: number;
  amountPence: number;
  notes: string;
  projectName: string;
  actionId: number | null;
  actionWhat: string | null;
  contractId: number | null;
  contractService: string | null;
  /** The commitment the allocation serves: its own, or its action's. */
  commitmentId: number | null;
  commitmentNumber: string | null;
  commitmentText: string | null;
  /** The action's lead organisations, or the contract's provider when it is one of the partners. */
  leads: { id: number; name: string }[];
  /** A contract's provider that is not a partner organisation. */
  providerName: string;
  /** The allocation's latest spend return of its year, if any. */
  latest: SpendRow | null;
}

export interface SpendRow {
  id: number;
  allocationId: number;
  yearStart: number;
  quarter: number;
  budgetPence: number;
  committedPence: number;
  actualPence: number;
  forecastPence: number;
  explanation: string;
  source: string;
  updatedAt: Date;
}

export interface ContractRow {
  id: number;
  service: string;
  reference: string;
  providerOrganisationId: number | null;
  provider: string;
  fundingStreamId: number | null;
  fundingStream: string | null;
  stage: string;
  annualValuePence: number | null;
  startsOn: string | null;
  endsOn: string | null;
  latestEndOn: string | null;
  extensionDecisionDueOn: string | null;
  notes: string;
  version: number;
}

export interface MilestoneRow {
  id: number;
  contractId: number;
  position: number;
  name: string;
  plannedOn: string | null;
  actualOn: string | null;
}

export interface FundingYear {
  yearStart: number;
  threshold: { percent: number; pence: number | null };
  streams: StreamRow[];
  contributions: ContributionRow[];
  allocations: AllocationRow[];
}

const streamColumns = {
  id: fundingStreams.id,
  name: fundingStreams.name,
  kind: fundingStreams.kind,
  funderOrganisationId: fundingStreams.funderOrganisationId,
  funder: sql<string>`coalesce(${organisations.name}, ${fundingStreams.funderName})`,
  firstYearStart: fundingStreams.firstYearStart,
  lastYearStart: fundingStreams.lastYearStart,
  conditions: fundingStreams.conditions,
  reportingRequirements: fundingStreams.reportingRequirements,
  decisionReference: fundingStreams.decisionReference,
  decisionLink: fundingStreams.decisionLink,
  awardedOn: fundingStreams.awardedOn,
  startsOn: fundingStreams.startsOn,
  endsOn: fundingStreams.endsOn,
  version: fundingStreams.version,
};

/** Every stream of the partnership, or those covering one financial year. */
export function readStreams(ex: Executor, partnershipId: number, yearStart?: number): Promise<StreamRow[]> {
  return ex
    .select(streamColumns)
    .from(fundingStreams)
    .leftJoin(organisations, eq(organisations.id, fundingStreams.funderOrganisationId))
    .where(
      and(
        eq(fundingStreams.partnershipId, partnershipId),
        yearStart === undefined
          ? undefined
          : and(lte(fundingStreams.firstYearStart, yearStart), gte(fundingStreams.lastYearStart, yearStart)),
      ),
    )
    .orderBy(asc(fundingStreams.name), asc(fundingStreams.id));
}

/** Contributions of every stream, or of one financial year. */
export function readContributions(
  ex: Executor,
  partnershipId: number,
  yearStart?: number,
): Promise<ContributionRow[]> {
  return ex
    .select({
      id: fundingContributions.id,
      streamId: fundingContributions.streamId,
      contributorOrganisationId: fundingContributions.contributorOrganisationId,
      contributor: sql<string>`coalesce(${organisations.name}, ${fundingContributions.contributorName})`,
      yearStart: fundingContributions.yearStart,
      amountPence: fundingContributions.amountPence,
      received: fundingContributions.received,
      receivedOn: fundingContributions.receivedOn,
    })
    .from(fundingContributions)
    .leftJoin(organisations, eq(organisations.id, fundingContributions.contributorOrganisationId))
    .where(
      and(
        eq(fundingContributions.partnershipId, partnershipId),
        yearStart === undefined ? undefined : eq(fundingContributions.yearStart, yearStart),
      ),
    )
    .orderBy(
      asc(fundingContributions.streamId),
      asc(fundingContributions.yearStart),
      asc(fundingContributions.position),
      asc(fundingContributions.id),
    );
}

const provider = alias(organisations, "provider");

/** Allocations (of one year, or all) with what they pay for, their leads and latest spend return. */
export async function readAllocations(
  ex: Executor,
  partnershipId: number,
  yearStart?: number,
): Promise<AllocationRow[]> {
  const year = (column: typeof fundingAllocations.yearStart | typeof spendReturns.yearStart) =>
    yearStart === undefined ? undefined : eq(column, yearStart);
  const [rows, leads, latest] = await readTogether(ex, [
    () =>
      ex
        .select({
          id: fundingAllocations.id,
          streamId: fundingAllocations.streamId,
          yearStart: fundingAllocations.yearStart,
          amountPence: fundingAllocations.amountPence,
          notes: fundingAllocations.notes,
          projectName: fundingAllocations.projectName,
          actionId: fundingAllocations.actionId,
          actionWhat: actions.what,
          contractId: fundingAllocations.contractId,
          contractService: contracts.service,
          commitmentId: commitments.id,
          commitmentNumber: commitments.number,
          commitmentText: commitments.text,
          providerId: provider.id,
          providerOrgName: provider.name,
          providerName: sql<string>`coalesce(${contracts.providerName}, '')`,
        })
        .from(fundingAllocations)
        .leftJoin(actions, eq(actions.id, fundingAllocations.actionId))
        .leftJoin(
          commitments,
          eq(commitments.id, sql`coalesce(${fundingAllocations.commitmentId}, ${actions.commitmentId})`),
        )
        .leftJoin(contracts, eq(contracts.id, fundingAllocations.contractId))
        .leftJoin(provider, eq(provider.id, contracts.providerOrganisationId))
        .where(and(eq(fundingAllocations.partnershipId, partnershipId), year(fundingAllocations.yearStart)))
        .orderBy(
          asc(fundingAllocations.streamId),
          asc(fundingAllocations.yearStart),
          asc(fundingAllocations.id),
        ),
    () =>
      ex
        .selectDistinct({ actionId: actionLeads.actionId, id: organisations.id, name: organisations.name })
        .from(actionLeads)
        .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
        .innerJoin(fundingAllocations, eq(fundingAllocations.actionId, actionLeads.actionId))
        .where(and(eq(actionLeads.partnershipId, partnershipId), year(fundingAllocations.yearStart)))
        .orderBy(asc(actionLeads.actionId), asc(organisations.name)),
    () => latestReturns(ex, partnershipId, yearStart),
  ] as const);
  const leadsOf = new Map<number, { id: number; name: string }[]>();
  for (const l of leads)
    leadsOf.set(l.actionId, [...(leadsOf.get(l.actionId) ?? []), { id: l.id, name: l.name }]);
  const latestOf = new Map(latest.map((r) => [r.allocationId, r]));
  return rows.map(({ providerId, providerOrgName, ...r }) => ({
    ...r,
    leads:
      r.actionId !== null
        ? (leadsOf.get(r.actionId) ?? [])
        : providerId !== null
          ? [{ id: providerId, name: providerOrgName ?? "" }]
          : [],
    latest: latestOf.get(r.id) ?? null,
  }));
}

const spendColumns = {
  id: spendReturns.id,
  allocationId: spendReturns.allocationId,
  yearStart: spendReturns.yearStart,
  quarter: spendReturns.quarter,
  budgetPence: spendReturns.budgetPence,
  committedPence: spendReturns.committedPence,
  actualPence: spendReturns.actualPence,
  forecastPence: spendReturns.forecastPence,
  explanation: spendReturns.explanation,
  source: spendReturns.source,
  updatedAt: spendReturns.updatedAt,
};

/** Each allocation's latest return in its own year (returns are year-to-date, so the latest says it all). */
function latestReturns(ex: Executor, partnershipId: number, yearStart?: number): Promise<SpendRow[]> {
  return ex
    .selectDistinctOn([spendReturns.allocationId], spendColumns)
    .from(spendReturns)
    .innerJoin(
      fundingAllocations,
      and(
        eq(fundingAllocations.id, spendReturns.allocationId),
        eq(fundingAllocations.yearStart, spendReturns.yearStart),
      ),
    )
    .where(
      and(
        eq(spendReturns.partnershipId, partnershipId),
        yearStart === undefined ? undefined : eq(spendReturns.yearStart, yearStart),
      ),
    )
    .orderBy(asc(spendReturns.allocationId), desc(spendReturns.quarter));
}

/** Every quarterly return (of one year, or all), in allocation and quarter order. */
export function readSpend(ex: Executor, partnershipId: number, yearStart?: number): Promise<SpendRow[]> {
  return ex
    .select(spendColumns)
    .from(spendReturns)
    .where(
      and(
        eq(spendReturns.partnershipId, partnershipId),
        yearStart === undefined ? undefined : eq(spendReturns.yearStart, yearStart),
      ),
    )
    .orderBy(asc(spendReturns.allocationId), asc(spendReturns.yearStart), asc(spendReturns.quarter));
}

export async function readThreshold(
  ex: Executor,
  partnershipId: number,
): Promise<{ percent: number; pence: number | null }> {
  const [row] = await ex
    .select()
    .from(fundingSettings)
    .where(eq(fundingSettings.partnershipId, partnershipId));
  // No settings row yet: the schema's default, 10%.
  return { percent: row?.varianceThresholdPercent ?? 10, pence: row?.varianceThresholdPence ?? null };
}

/** One financial year's streams, contributions and allocations, with the explanation threshold. */
export async function readFundingYear(
  ex: Executor,
  partnershipId: number,
  yearStart: number,
): Promise<FundingYear> {
  const [threshold, streams, contributions, allocations] = await readTogether(ex, [
    () => readThreshold(ex, partnershipId),
    () => readStreams(ex, partnershipId, yearStart),
    () => readContributions(ex, partnershipId, yearStart),
    () => readAllocations(ex, partnershipId, yearStart),
  ] as const);
  return { yearStart, threshold, streams, contributions, allocations };
}

/** The financial years (start years) the partnership has any funding in, latest first. */
export async function readFundingYears(ex: Executor, partnershipId: number): Promise<number[]> {
  const rows = await ex
    .select({ first: fundingStreams.firstYearStart, last: fundingStreams.lastYearStart })
    .from(fundingStreams)
    .where(eq(fundingStreams.partnershipId, partnershipId));
  const years = new Set<number>();
  for (const r of rows) for (let y = r.first; y <= r.last && y - r.first < 50; y++) years.add(y);
  return [...years].sort((a, b) => b - a);
}

export function readContracts(ex: Executor, partnershipId: number): Promise<ContractRow[]> {
  return ex
    .select({
      id: contracts.id,
      service: contracts.service,
      reference: contracts.reference,
      providerOrganisationId: contracts.providerOrganisationId,
      provider: sql<string>`coalesce(${organisations.name}, ${contracts.providerName})`,
      fundingStreamId: contracts.fundingStreamId,
      fundingStream: fundingStreams.name,
      stage: contracts.stage,
      annualValuePence: contracts.annualValuePence,
      startsOn: contracts.startsOn,
      endsOn: contracts.endsOn,
      latestEndOn: contracts.latestEndOn,
      extensionDecisionDueOn: contracts.extensionDecisionDueOn,
      notes: contracts.notes,
      version: contracts.version,
    })
    .from(contracts)
    .leftJoin(organisations, eq(organisations.id, contracts.providerOrganisationId))
    .leftJoin(fundingStreams, eq(fundingStreams.id, contracts.fundingStreamId))
    .where(eq(contracts.partnershipId, partnershipId))
    .orderBy(asc(contracts.service), asc(contracts.id));
}

export function readMilestones(ex: Executor, partnershipId: number): Promise<MilestoneRow[]> {
  return ex
    .select({
      id: contractMilestones.id,
      contractId: contractMilestones.contractId,
      position: contractMilestones.position,
      name: contractMilestones.name,
      plannedOn: contractMilestones.plannedOn,
      actualOn: contractMilestones.actualOn,
    })
    .from(contractMilestones)
    .where(eq(contractMilestones.partnershipId, partnershipId))
    .orderBy(
      asc(contractMilestones.contractId),
      asc(contractMilestones.position),
      asc(contractMilestones.id),
    );
}

/** Whether the partnership holds any funding stream or contract (the board pack's section is shown then). */
export async function hasFunding(ex: Executor, partnershipId: number): Promise<boolean> {
  const [streams, held] = await readTogether(ex, [
    () =>
      ex
        .select({ id: fundingStreams.id })
        .from(fundingStreams)
        .where(eq(fundingStreams.partnershipId, partnershipId))
        .limit(1),
    () =>
      ex
        .select({ id: contracts.id })
        .from(contracts)
        .where(eq(contracts.partnershipId, partnershipId))
        .limit(1),
  ] as const);
  return streams.length > 0 || held.length > 0;
}

/** The partnership's name and slug, for a report's title and file name. */
export async function readPartnershipName(
  ex: Executor,
  partnershipId: number,
): Promise<{ slug: string; name: string } | undefined> {
  const [row] = await ex
    .select({ slug: partnerships.slug, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row;
}

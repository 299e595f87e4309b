// What the region's spend, statistics and governance pages read (issue 15): set-based over the
// partnerships the caller passes — always those `services.regionAccess.sharing(actor, kind)` gave —
// so each read is one query however many partnerships the region holds (query-count.test.ts).
// Nothing here reads a person: no seat holder, no author, no e-mail.
import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { areas, boards, indicators, observations, organisations, partnerships } from "../../db/schema.ts";
import { contracts, fundingAllocations, fundingStreams, spendReturns } from "../../db/schema-funding.ts";
import { boardSeats, boardTerms } from "../../db/schema-governance.ts";
import type { AllocationRow, SpendRow } from "../funding/report-reads.ts";
import type { IndicatorRow, ObservationWithArea } from "../indicators.ts";

/** An allocation as the region reads it: totals, what kind of service, and who funds it. */
export interface RegionAllocationRow extends AllocationRow {
  partnershipId: number;
  /** The allocation's own service type ("" when not set). */
  serviceType: string;
  /** Its contract's service type, when it pays for a contract. */
  contractServiceType: string | null;
  /** The stream's funder: the partner organisation's name, or the outside body's. */
  funder: string;
}

/** Every allocation of these partnerships with its latest spend return of its year. Two queries. */
export async function readRegionAllocations(
  ex: Executor,
  partnershipIds: readonly number[],
): Promise<RegionAllocationRow[]> {
  if (partnershipIds.length === 0) return [];
  const ids = [...partnershipIds];
  const rows = await ex
    .select({
      id: fundingAllocations.id,
      partnershipId: fundingAllocations.partnershipId,
      streamId: fundingAllocations.streamId,
      yearStart: fundingAllocations.yearStart,
      amountPence: fundingAllocations.amountPence,
      notes: fundingAllocations.notes,
      projectName: fundingAllocations.projectName,
      actionId: fundingAllocations.actionId,
      contractId: fundingAllocations.contractId,
      contractService: contracts.service,
      serviceType: fundingAllocations.serviceType,
      contractServiceType: contracts.serviceType,
      funder: sql<string>`coalesce(${organisations.name}, ${fundingStreams.funderName})`,
    })
    .from(fundingAllocations)
    .innerJoin(
      fundingStreams,
      and(
        eq(fundingStreams.id, fundingAllocations.streamId),
        eq(fundingStreams.partnershipId, fundingAllocations.partnershipId),
      ),
    )
    .leftJoin(organisations, eq(organisations.id, fundingStreams.funderOrganisationId))
    .leftJoin(
      contracts,
      and(
        eq(contracts.id, fundingAllocations.contractId),
        eq(contracts.partnershipId, fundingAllocations.partnershipId),
      ),
    )
    .where(inArray(fundingAllocations.partnershipId, ids))
    .orderBy(
      asc(fundingAllocations.partnershipId),
      asc(fundingAllocations.yearStart),
      asc(fundingAllocations.id),
    );
  const latest = await latestReturns(ex, ids);
  const latestOf = new Map(latest.map((r) => [r.allocationId, r]));
  // What an allocation pays for (its action, commitment, leads) stays with the partnership: the
  // region reads totals, so those fields are left empty rather than read.
  return rows.map((r) => ({
    ...r,
    actionWhat: null,
    commitmentId: null,
    commitmentNumber: null,
    commitmentText: null,
    leads: [],
    providerName: "",
    latest: latestOf.get(r.id) ?? null,
  }));
}

/** Each allocation's latest return in its own year (returns are year to date: the latest says it all). */
function latestReturns(ex: Executor, partnershipIds: number[]): Promise<SpendRow[]> {
  return ex
    .selectDistinctOn([spendReturns.allocationId], {
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
    })
    .from(spendReturns)
    .innerJoin(
      fundingAllocations,
      and(
        eq(fundingAllocations.id, spendReturns.allocationId),
        eq(fundingAllocations.partnershipId, spendReturns.partnershipId),
        eq(fundingAllocations.yearStart, spendReturns.yearStart),
      ),
    )
    .where(inArray(spendReturns.partnershipId, partnershipIds))
    .orderBy(asc(spendReturns.allocationId), desc(spendReturns.quarter));
}

export interface RegionContractRow {
  id: number;
  partnershipId: number;
  service: string;
  serviceType: string;
  provider: string;
  annualValuePence: number | null;
  endsOn: string | null;
  latestEndOn: string | null;
}

/** Contracts of these partnerships ending from `from` to `to` (inclusive), soonest first. */
export function readContractsEnding(
  ex: Executor,
  partnershipIds: readonly number[],
  from: string,
  to: string,
): Promise<RegionContractRow[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select({
      id: contracts.id,
      partnershipId: contracts.partnershipId,
      service: contracts.service,
      serviceType: contracts.serviceType,
      provider: sql<string>`coalesce(${organisations.name}, ${contracts.providerName})`,
      annualValuePence: contracts.annualValuePence,
      endsOn: contracts.endsOn,
      latestEndOn: contracts.latestEndOn,
    })
    .from(contracts)
    .leftJoin(organisations, eq(organisations.id, contracts.providerOrganisationId))
    .where(
      and(
        inArray(contracts.partnershipId, [...partnershipIds]),
        gte(contracts.endsOn, from),
        lte(contracts.endsOn, to),
      ),
    )
    .orderBy(asc(contracts.endsOn), asc(contracts.service), asc(contracts.id));
}

/** Each partnership's suppression threshold (its own: small counts differ by area). */
export function readSuppressionThresholds(
  ex: Executor,
  partnershipIds: readonly number[],
): Promise<{ id: number; threshold: number }[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select({ id: partnerships.id, threshold: partnerships.suppressionThreshold })
    .from(partnerships)
    .where(inArray(partnerships.id, [...partnershipIds]));
}

/** Every indicator of these partnerships, in each one's own order. */
export function readRegionIndicators(
  ex: Executor,
  partnershipIds: readonly number[],
): Promise<IndicatorRow[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select()
    .from(indicators)
    .where(inArray(indicators.partnershipId, [...partnershipIds]))
    .orderBy(asc(indicators.partnershipId), asc(indicators.position), asc(indicators.id));
}

const observationColumns = {
  id: observations.id,
  partnershipId: observations.partnershipId,
  indicatorId: observations.indicatorId,
  areaId: observations.areaId,
  periodStart: observations.periodStart,
  periodEnd: observations.periodEnd,
  periodLabel: observations.periodLabel,
  value: observations.value,
  numerator: observations.numerator,
  denominator: observations.denominator,
  createdAt: observations.createdAt,
  updatedAt: observations.updatedAt,
  version: observations.version,
  areaName: areas.name,
  areaKind: areas.kind,
  areaPosition: areas.position,
};

/** Which figures a report "as at" a day may hold: periods ended by then, figures entered by then. */
export interface ObservationsAsAt {
  /** The as-at day: a period ending after it had no figure yet. */
  periodEndedBy: string;
  /** The first instant after that day (UK time): a figure entered from then on was not yet known. */
  recordedBefore: Date;
}

/**
 * Every observation of these partnerships with its area, oldest period first; with `asAt`, only the
 * figures known on that day. A figure corrected since shows its value now: observations keep no
 * earlier values (the audit log does).
 */
export function readRegionObservations(
  ex: Executor,
  partnershipIds: readonly number[],
  asAt?: ObservationsAsAt,
): Promise<ObservationWithArea[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select(observationColumns)
    .from(observations)
    .innerJoin(
      areas,
      and(eq(areas.id, observations.areaId), eq(areas.partnershipId, observations.partnershipId)),
    )
    .where(
      and(
        inArray(observations.partnershipId, [...partnershipIds]),
        asAt ? lte(observations.periodEnd, asAt.periodEndedBy) : undefined,
        asAt ? lt(observations.createdAt, asAt.recordedBefore) : undefined,
      ),
    )
    .orderBy(asc(observations.periodStart), asc(areas.position), asc(areas.id));
}

export interface RegionBoardRow {
  id: number;
  partnershipId: number;
  name: string;
  parentBoardId: number | null;
  kind: string;
}

/** Every board of these partnerships with its kind (never its chair or seats' holders). */
export function readRegionBoards(ex: Executor, partnershipIds: readonly number[]): Promise<RegionBoardRow[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select({
      id: boards.id,
      partnershipId: boards.partnershipId,
      name: boards.name,
      parentBoardId: boards.parentBoardId,
      kind: sql<string>`coalesce(${boardTerms.kind}, 'operational')`,
    })
    .from(boards)
    .leftJoin(
      boardTerms,
      and(eq(boardTerms.boardId, boards.id), eq(boardTerms.partnershipId, boards.partnershipId)),
    )
    .where(inArray(boards.partnershipId, [...partnershipIds]))
    .orderBy(asc(boards.partnershipId), asc(boards.name), asc(boards.id));
}

/** The s58(2) categories each seat represents: categories only, never who holds the seat. */
export function readRegionSeatCategories(
  ex: Executor,
  partnershipIds: readonly number[],
): Promise<{ boardId: number; partnershipId: number; categories: string[] }[]> {
  if (partnershipIds.length === 0) return Promise.resolve([]);
  return ex
    .select({
      boardId: boardSeats.boardId,
      partnershipId: boardSeats.partnershipId,
      categories: boardSeats.categories,
    })
    .from(boardSeats)
    .where(inArray(boardSeats.partnershipId, [...partnershipIds]))
    .orderBy(asc(boardSeats.boardId), asc(boardSeats.position), asc(boardSeats.id));
}

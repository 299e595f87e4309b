// The contract register's queries: contracts with their provider's and funding stream's names,
// milestones, and the Part 4 returns. Every query filters on the partnership first.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { organisations, partnerships } from "../../db/schema.ts";
import {
  contractMilestones,
  contracts,
  fundingStreams,
  safeAccommodationReturns,
} from "../../db/schema-funding.ts";

export type ContractRow = typeof contracts.$inferSelect;
export type MilestoneRow = typeof contractMilestones.$inferSelect;
export type Part4ReturnRow = typeof safeAccommodationReturns.$inferSelect;

export interface ContractListRow extends ContractRow {
  providerOrganisationName: string | null;
  fundingStreamName: string | null;
}

const withNames = {
  providerOrganisationName: organisations.name,
  fundingStreamName: fundingStreams.name,
};

function contractQuery(db: Executor) {
  return db
    .select({ contract: contracts, ...withNames })
    .from(contracts)
    .leftJoin(
      organisations,
      and(
        eq(organisations.id, contracts.providerOrganisationId),
        eq(organisations.partnershipId, contracts.partnershipId),
      ),
    )
    .leftJoin(
      fundingStreams,
      and(
        eq(fundingStreams.id, contracts.fundingStreamId),
        eq(fundingStreams.partnershipId, contracts.partnershipId),
      ),
    );
}

const flatten = (r: {
  contract: ContractRow;
  providerOrganisationName: string | null;
  fundingStreamName: string | null;
}): ContractListRow => ({
  ...r.contract,
  providerOrganisationName: r.providerOrganisationName,
  fundingStreamName: r.fundingStreamName,
});

export async function listContracts(db: Executor, partnershipId: number): Promise<ContractListRow[]> {
  const rows = await contractQuery(db)
    .where(eq(contracts.partnershipId, partnershipId))
    .orderBy(asc(contracts.endsOn), asc(contracts.service), asc(contracts.id));
  return rows.map(flatten);
}

export async function findContract(
  db: Executor,
  partnershipId: number,
  id: number,
): Promise<ContractListRow | undefined> {
  const [row] = await contractQuery(db).where(
    and(eq(contracts.partnershipId, partnershipId), eq(contracts.id, id)),
  );
  return row ? flatten(row) : undefined;
}

/** The milestones of some contracts (all of the partnership's when no ids), in their order. */
export async function listMilestones(
  db: Executor,
  partnershipId: number,
  contractIds?: readonly number[],
): Promise<MilestoneRow[]> {
  if (contractIds?.length === 0) return [];
  const conditions = [eq(contractMilestones.partnershipId, partnershipId)];
  if (contractIds) conditions.push(inArray(contractMilestones.contractId, [...contractIds]));
  return db
    .select()
    .from(contractMilestones)
    .where(and(...conditions))
    .orderBy(
      asc(contractMilestones.contractId),
      asc(contractMilestones.position),
      asc(contractMilestones.id),
    );
}

/** Whether an organisation, and a funding stream, belong to the partnership (for the contract form). */
export async function organisationBelongs(db: Executor, partnershipId: number, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id)));
  return row !== undefined;
}

export async function streamBelongs(db: Executor, partnershipId: number, id: number): Promise<boolean> {
  const [row] = await db
    .select({ id: fundingStreams.id })
    .from(fundingStreams)
    .where(and(eq(fundingStreams.partnershipId, partnershipId), eq(fundingStreams.id, id)));
  return row !== undefined;
}

/** The funding streams a contract may name, by name. */
export async function listStreamChoices(db: Executor, partnershipId: number) {
  return db
    .select({ id: fundingStreams.id, name: fundingStreams.name })
    .from(fundingStreams)
    .where(eq(fundingStreams.partnershipId, partnershipId))
    .orderBy(asc(fundingStreams.name), asc(fundingStreams.id));
}

export async function listReturns(db: Executor, partnershipId: number): Promise<Part4ReturnRow[]> {
  return db
    .select()
    .from(safeAccommodationReturns)
    .where(eq(safeAccommodationReturns.partnershipId, partnershipId))
    .orderBy(asc(safeAccommodationReturns.yearStart));
}

export async function findReturn(
  db: Executor,
  partnershipId: number,
  yearStart: number,
): Promise<Part4ReturnRow | undefined> {
  const [row] = await db
    .select()
    .from(safeAccommodationReturns)
    .where(
      and(
        eq(safeAccommodationReturns.partnershipId, partnershipId),
        eq(safeAccommodationReturns.yearStart, yearStart),
      ),
    );
  return row;
}

/** The partnership's small-number threshold and name, for the published return. */
export async function publicationSettings(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({ threshold: partnerships.suppressionThreshold, name: partnerships.name })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row ?? { threshold: 5, name: "" };
}

// Quarterly spend returns: one row per allocation and quarter (unique), whoever entered it.
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { users } from "../../db/schema.ts";
import { fundingAllocations, spendReturns } from "../../db/schema-funding.ts";

export type SpendRow = typeof spendReturns.$inferSelect;

export async function listSpend(ex: Executor, pid: number, allocationId: number) {
  return ex
    .select({ spend: spendReturns, enteredBy: users.name })
    .from(spendReturns)
    .leftJoin(users, eq(users.id, spendReturns.enteredByUserId))
    .where(and(eq(spendReturns.partnershipId, pid), eq(spendReturns.allocationId, allocationId)))
    .orderBy(asc(spendReturns.yearStart), asc(spendReturns.quarter));
}

export async function findSpend(
  ex: Executor,
  pid: number,
  key: { allocationId: number; yearStart: number; quarter: number },
): Promise<SpendRow | undefined> {
  const [row] = await ex
    .select()
    .from(spendReturns)
    .where(
      and(
        eq(spendReturns.partnershipId, pid),
        eq(spendReturns.allocationId, key.allocationId),
        eq(spendReturns.yearStart, key.yearStart),
        eq(spendReturns.quarter, key.quarter),
      ),
    );
  return row;
}

/** These allocations' returns for one quarter. */
export async function spendOfQuarter(
  ex: Executor,
  pid: number,
  allocationIds: readonly number[],
  quarter: { startYear: number; quarter: number },
): Promise<SpendRow[]> {
  if (allocationIds.length === 0) return [];
  return ex
    .select()
    .from(spendReturns)
    .where(
      and(
        eq(spendReturns.partnershipId, pid),
        inArray(spendReturns.allocationId, [...allocationIds]),
        eq(spendReturns.yearStart, quarter.startYear),
        eq(spendReturns.quarter, quarter.quarter),
      ),
    );
}

/**
 * Each allocation's latest return (actual to date is cumulative, so the latest quarter is where the
 * allocation stands), for a stream's allocations or all of the partnership's.
 */
export async function latestSpend(ex: Executor, pid: number, streamId?: number) {
  return ex
    .selectDistinctOn([spendReturns.allocationId], {
      allocationId: spendReturns.allocationId,
      streamId: fundingAllocations.streamId,
      yearStart: spendReturns.yearStart,
      quarter: spendReturns.quarter,
      budgetPence: spendReturns.budgetPence,
      committedPence: spendReturns.committedPence,
      actualPence: spendReturns.actualPence,
      forecastPence: spendReturns.forecastPence,
      explanation: spendReturns.explanation,
    })
    .from(spendReturns)
    .innerJoin(fundingAllocations, eq(fundingAllocations.id, spendReturns.allocationId))
    .where(
      and(
        eq(spendReturns.partnershipId, pid),
        streamId === undefined ? undefined : eq(fundingAllocations.streamId, streamId),
      ),
    )
    .orderBy(spendReturns.allocationId, desc(spendReturns.yearStart), desc(spendReturns.quarter));
}

export type LatestSpendRow = Awaited<ReturnType<typeof latestSpend>>[number];

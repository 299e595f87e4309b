// More money for the query-count test (query-count.test.ts): more streams with several contributions,
// allocations to every action of a plan with a year of quarterly returns, and more contracts with
// their milestones. Written directly (set-based), so the caller bumps the data version after it.
import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import { actionLeads, actions } from "../../src/db/schema.ts";
import {
  contractMilestones,
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingStreams,
  spendReturns,
} from "../../src/db/schema-funding.ts";

export async function growFunding(
  db: Db,
  partnershipId: number,
  planId: number,
  yearStart: number,
  leadOrgId: number,
) {
  const streams = await db
    .insert(fundingStreams)
    .values(
      Array.from({ length: 5 }, (_, i) => ({
        partnershipId,
        name: `Growth stream ${i + 1}`,
        kind: "pooled_budget",
        funderName: `Growth funder ${i + 1}`,
        firstYearStart: yearStart,
        lastYearStart: yearStart,
        conditions: "Growth conditions",
      })),
    )
    .returning({ id: fundingStreams.id });
  await db.insert(fundingContributions).values(
    streams.flatMap((s, i) =>
      Array.from({ length: 4 }, (_, k) => ({
        partnershipId,
        streamId: s.id,
        contributorOrganisationId: k === 0 ? leadOrgId : null,
        contributorName: k === 0 ? "" : `Growth body ${i}-${k}`,
        yearStart,
        amountPence: 5_000_000 + k,
        received: k % 2 === 0,
      })),
    ),
  );
  const planActions = await db
    .select({ id: actions.id })
    .from(actions)
    .where(eq(actions.actionPlanId, planId));
  await db
    .insert(actionLeads)
    .values(planActions.map((a) => ({ partnershipId, actionId: a.id, organisationId: leadOrgId })))
    .onConflictDoNothing();
  const allocations = await db
    .insert(fundingAllocations)
    .values(
      planActions.map((a, i) => ({
        partnershipId,
        streamId: streams[i % streams.length]!.id,
        yearStart,
        actionId: a.id,
        amountPence: 100_001 + i,
      })),
    )
    .returning({ id: fundingAllocations.id });
  await db.insert(spendReturns).values(
    allocations.flatMap((a, i) =>
      [1, 2, 3, 4].map((quarter) => ({
        partnershipId,
        allocationId: a.id,
        yearStart,
        quarter,
        budgetPence: 100_001 + i,
        actualPence: 20_000 * quarter,
        forecastPence: 100_001 + i + (i % 3 === 0 ? 50_000 : 0),
        explanation: i % 3 === 0 ? "Growth explanation" : "",
        source: "import",
      })),
    ),
  );
  const grown = await db
    .insert(contracts)
    .values(
      Array.from({ length: 6 }, (_, i) => ({
        partnershipId,
        service: `Growth service ${i + 1}`,
        providerName: `Growth provider ${i + 1}`,
        annualValuePence: 10_000_000,
        startsOn: `${yearStart}-04-01`,
        endsOn: `${yearStart + 2}-03-31`,
        extensionDecisionDueOn: `${yearStart + 1}-09-30`,
      })),
    )
    .returning({ id: contracts.id });
  await db.insert(contractMilestones).values(
    grown.flatMap((c) =>
      Array.from({ length: 11 }, (_, k) => ({
        partnershipId,
        contractId: c.id,
        position: k + 1,
        name: `Growth milestone ${k + 1}`,
        plannedOn: `${yearStart}-0${1 + (k % 9)}-15`,
        actualOn: k < 4 ? `${yearStart}-0${1 + (k % 9)}-16` : null,
      })),
    ),
  );
}

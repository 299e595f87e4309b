// Funding rows for the query-count test: a stream with an allocation to the measured action before,
// then many more streams, contributions, allocations and quarters of spend.
import {
  fundingAllocations,
  fundingContributions,
  fundingStreams,
  spendReturns,
} from "../../src/db/schema-funding.ts";
import { systemActor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";

export async function fundingBaseline(t: TestApp, pid: number, actionId: number, year: number) {
  const actor = systemActor("query-count test", pid);
  const stream = await t.services.funding.createStream(
    actor,
    {
      name: "Measured stream",
      kind: "pooled_budget",
      funderOrganisationId: null,
      funderName: "Four bodies",
      firstYearStart: year,
      lastYearStart: year,
      conditions: "",
      reportingRequirements: "",
      decisionReference: "",
      decisionLink: "",
      awardedOn: null,
      startsOn: null,
      endsOn: null,
    },
    800_000,
  );
  const allocation = await t.services.fundingAllocations.create(actor, stream.id, {
    yearStart: year,
    amountPence: 500_000,
    notes: "",
    target: { kind: "action", actionId },
  });
  await t.services.fundingSpend.enter(actor, allocation.id, null, {
    quarter: 1,
    budgetPence: 500_000,
    committedPence: 0,
    actualPence: 100_000,
    forecastPence: 500_000,
    explanation: "",
  });
  return { streamId: stream.id, allocationId: allocation.id };
}

/** 10 more streams of 3 contributions; 30 more allocations of the measured stream, each with 4 quarters. */
export async function growFunding(
  t: TestApp,
  pid: number,
  measured: { streamId: number; allocationId: number },
  actionIds: number[],
  year: number,
) {
  const { streamId } = measured;
  const db = t.database.db;
  const streams = await db
    .insert(fundingStreams)
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        partnershipId: pid,
        name: `Growth stream ${i + 1}`,
        kind: "grant",
        funderName: `Growth funder ${i + 1}`,
        firstYearStart: year,
        lastYearStart: year,
      })),
    )
    .returning({ id: fundingStreams.id });
  await db.insert(fundingContributions).values(
    [...streams, { id: streamId }].flatMap((s) =>
      [1, 2, 3].map((n) => ({
        partnershipId: pid,
        streamId: s.id,
        contributorName: `Growth body ${n}`,
        yearStart: year,
        amountPence: 10_000_000,
      })),
    ),
  );
  const allocations = await db
    .insert(fundingAllocations)
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        partnershipId: pid,
        streamId,
        yearStart: year,
        amountPence: 100_000 + i,
        ...(i % 3 === 2
          ? { projectName: `Growth project ${i}` }
          : { actionId: actionIds[i % actionIds.length]! }),
      })),
    )
    .returning({ id: fundingAllocations.id });
  await db.insert(spendReturns).values(
    [...allocations, { id: measured.allocationId }].flatMap((a) =>
      (a.id === measured.allocationId ? [2, 3, 4] : [1, 2, 3, 4]).map((quarter) => ({
        partnershipId: pid,
        allocationId: a.id,
        yearStart: year,
        quarter,
        budgetPence: 100_000,
        actualPence: quarter * 20_000,
        forecastPence: 100_000,
        source: "import",
      })),
    ),
  );
}

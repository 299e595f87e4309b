// The funding part of the permission matrix (permissions.test.ts): a stream holding money for 2026/27
// with a contribution and an allocation to the action the lead editor's organisation leads (so the
// allocation's spend page is the coordinator's and the lead organisation's), and a valid body for each
// funding POST route, so a refusal proves the permission check and not validation.
import { and, eq } from "drizzle-orm";
import {
  fundingAllocations,
  fundingContributions,
  fundingSettings,
  fundingStreams,
  spendReturns,
} from "../../src/db/schema-funding.ts";
import type { Actor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;
type Upload = (ids: Ids) => Promise<{ filename: string; content: Buffer; fields?: Record<string, string> }>;

const YEAR = 2026;

export async function fundingMatrixIds(t: TestApp, actor: Actor, actionId: number): Promise<Ids> {
  const stream = await t.services.funding.createStream(
    actor,
    {
      name: "Matrix stream",
      kind: "grant",
      funderOrganisationId: null,
      funderName: "The matrix ministry",
      firstYearStart: YEAR,
      lastYearStart: YEAR,
      conditions: "",
      reportingRequirements: "",
      decisionReference: "",
      decisionLink: "",
      awardedOn: null,
      startsOn: null,
      endsOn: null,
    },
    100_000_000,
  );
  const contribution = await t.services.funding.addContribution(actor, stream.id, {
    contributorOrganisationId: null,
    contributorName: "The matrix council",
    yearStart: YEAR,
    amountPence: 100_000,
    received: false,
    receivedOn: null,
  });
  const allocation = await t.services.fundingAllocations.create(actor, stream.id, {
    yearStart: YEAR,
    amountPence: 1_000_000,
    notes: "",
    target: { kind: "action", actionId },
  });
  return { streamId: stream.id, contributionId: contribution.id, allocationId: allocation.id };
}

/** The funding routes only the coordinator and the lead organisation's editors may open. */
export const FUNDING_LEAD_ONLY = ["/p/:slug/allocations/:allocationId"];

export function fundingMatrixUploads(): Record<string, Upload> {
  return {
    "POST /p/:slug/funding/spend/import": async (ids) => ({
      filename: "spend.csv",
      content: Buffer.from(
        `Allocation,Quarter,Budget,Committed,Actual,Forecast,Explanation\nA${ids.allocationId},Q1 2026/27,10000,0,100,10000,\n`,
      ),
    }),
  };
}

export function fundingMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const versionOf = async (
    table: typeof fundingStreams | typeof fundingContributions | typeof fundingAllocations,
    id: number,
  ) => {
    const [row] = await db().select({ v: table.version }).from(table).where(eq(table.id, id));
    return String(row?.v ?? 1);
  };
  const stream = (n: number) => ({
    name: `Matrix stream ${n}`,
    kind: "grant",
    funderOrganisationId: "",
    funderName: "The matrix ministry",
    firstYearStart: String(YEAR),
    lastYearStart: String(YEAR),
  });
  const quarter = {
    quarter: "1",
    budget: "10000",
    committed: "0",
    actual: "100",
    forecast: "10000",
    explanation: "",
  };
  return {
    "POST /p/:slug/funding/new": async () => stream(next()),
    "POST /p/:slug/funding/:streamId/edit": async (ids) => ({
      ...stream(next()),
      version: await versionOf(fundingStreams, ids.streamId!),
    }),
    "POST /p/:slug/funding/:streamId/contributions/new": async () => ({
      contributorName: `Matrix body ${next()}`,
      yearStart: String(YEAR),
      amount: "100",
      received: "no",
    }),
    "POST /p/:slug/contributions/:contributionId/edit": async (ids) => ({
      contributorName: `Matrix council ${next()}`,
      yearStart: String(YEAR),
      amount: "1000",
      received: "yes",
      version: await versionOf(fundingContributions, ids.contributionId!),
    }),
    "POST /p/:slug/funding/:streamId/allocations/new": async (ids) => ({
      yearStart: String(YEAR),
      targetKind: "action",
      actionId: String(ids.actionId),
      amount: "1",
    }),
    "POST /p/:slug/allocations/:allocationId/edit": async (ids) => ({
      yearStart: String(YEAR),
      targetKind: "action",
      actionId: String(ids.actionId),
      amount: String(10000 + (next() % 100)),
      version: await versionOf(fundingAllocations, ids.allocationId!),
    }),
    "POST /p/:slug/allocations/:allocationId/spend": async (ids) => {
      const [row] = await db()
        .select({ v: spendReturns.version })
        .from(spendReturns)
        .where(and(eq(spendReturns.allocationId, ids.allocationId!), eq(spendReturns.quarter, 1)));
      return { ...quarter, actual: String(100 + next()), version: row ? String(row.v) : "" };
    },
    "POST /p/:slug/funding/settings": async () => {
      const [row] = await db().select({ v: fundingSettings.version }).from(fundingSettings);
      return { percent: String(10 + (next() % 5)), pence: "", version: row ? String(row.v) : "" };
    },
    "POST /p/:slug/funding/spend/import/confirm": async (ids) => ({
      rows: JSON.stringify([
        {
          allocationId: ids.allocationId,
          input: {
            quarter: 2,
            budgetPence: 1_000_000,
            committedPence: 0,
            actualPence: next(),
            forecastPence: 1_000_000,
            explanation: "",
          },
        },
      ]),
    }),
  };
}

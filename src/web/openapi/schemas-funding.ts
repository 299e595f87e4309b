// Component schemas of money and commissioning (issue 14): funding streams with their contributions,
// allocations with their spend measures, quarterly spend returns, contracts with their milestones,
// and the two open-standard shapes (360Giving grants, OCDS releases), validated in tests against
// the standards' own JSON schemas (test/fixtures/standards/).
import { z } from "zod";
import { component, DateTime, Id, IsoDate, Version } from "./registry.ts";
import { OrganisationRef } from "./schemas.ts";

const Pence = z.int().describe("An amount of money in whole pence (800050 is £8,000.50)");
const YearStart = z.int().describe("A financial year by its start: 2026 is 2026/27 (April to March)");
const Party = z.strictObject({
  organisation: OrganisationRef.nullable().describe("A partner organisation, when it is one"),
  name: z.string().describe("The name shown: the organisation's, or an outside body's"),
});

export const FundingStreamList = component(
  "FundingStreamList",
  "The partnership's funding streams, each with its contributions; a stream's amount in a year is the sum of that year's contributions.",
  z.strictObject({
    streams: z.array(
      z.strictObject({
        id: Id,
        name: z.string(),
        kind: z.enum(["grant", "partner_contribution", "core_budget", "pooled_budget"]),
        funder: Party,
        firstYearStart: YearStart,
        lastYearStart: YearStart,
        conditions: z.string(),
        reportingRequirements: z.string(),
        decisionReference: z.string(),
        decisionLink: z.string(),
        awardedOn: IsoDate.nullable(),
        startsOn: IsoDate.nullable(),
        endsOn: IsoDate.nullable(),
        years: z.array(
          z.strictObject({
            yearStart: YearStart,
            heldPence: Pence.describe("The year's contributions added up"),
            parts: z.string().describe('How it is made up, e.g. "£34,500 = 3 × £8,000 + £10,500"'),
          }),
        ),
        contributions: z.array(
          z.strictObject({
            id: Id,
            contributor: Party,
            yearStart: YearStart,
            amountPence: Pence,
            received: z.boolean(),
            receivedOn: IsoDate.nullable(),
          }),
        ),
        version: Version,
      }),
    ),
  }),
);

const Measures = {
  allocatedPence: Pence,
  budgetPence: Pence.describe("The latest return's budget, or the allocation"),
  committedPence: Pence,
  spentPence: Pence.describe("Actual spend to date in the year (the latest return's)"),
  remainingPence: Pence.describe("Allocated less spent"),
  forecastPence: Pence.describe("Forecast outturn; the allocation when there is no return yet"),
  variancePence: Pence.describe("Forecast outturn less budget: negative is an underspend"),
  variancePercent: z
    .string()
    .describe('The variance as a share of the budget, e.g. "-18.8%"; "" with no budget'),
};

export const AllocationList = component(
  "AllocationList",
  "Allocations of funding streams to what they pay for, per financial year, with spend to date and forecast from each allocation's latest return.",
  z.strictObject({
    allocations: z.array(
      z.strictObject({
        id: Id,
        streamId: Id,
        yearStart: YearStart,
        paysFor: z.strictObject({
          kind: z.enum(["action", "commitment", "contract", "project"]),
          actionId: Id.nullable(),
          contractId: Id.nullable(),
          commitmentId: Id.nullable(),
          commitmentNumber: z.string().nullable(),
          text: z.string(),
        }),
        leads: z.array(OrganisationRef),
        notes: z.string(),
        ...Measures,
        latestQuarter: z.int().min(1).max(4).nullable(),
        needsExplanation: z.boolean().describe("The variance reaches the partnership's threshold"),
        explanation: z.string(),
      }),
    ),
  }),
);

export const SpendList = component(
  "SpendList",
  "Quarterly spend returns: year-to-date budget, committed, actual and forecast outturn per allocation.",
  z.strictObject({
    returns: z.array(
      z.strictObject({
        id: Id,
        allocationId: Id,
        yearStart: YearStart,
        quarter: z.int().min(1).max(4),
        budgetPence: Pence,
        committedPence: Pence,
        actualPence: Pence,
        forecastPence: Pence,
        variancePence: Pence,
        variancePercent: z.string(),
        explanation: z.string(),
        source: z.enum(["update", "coordinator", "import"]),
        updatedAt: DateTime,
      }),
    ),
  }),
);

export const ContractList = component(
  "ContractList",
  "The contract register with each contract's procurement milestones and the status their dates give them.",
  z.strictObject({
    milestoneRule: z.array(z.string()),
    contracts: z.array(
      z.strictObject({
        id: Id,
        service: z.string(),
        reference: z.string(),
        provider: Party.nullable(),
        fundingStreamId: Id.nullable(),
        stage: z.enum(["analyse", "plan", "do", "review"]),
        annualValuePence: Pence.nullable(),
        startsOn: IsoDate.nullable(),
        endsOn: IsoDate.nullable(),
        latestEndOn: IsoDate.nullable(),
        extensionDecisionDueOn: IsoDate.nullable(),
        notes: z.string(),
        milestones: z.array(
          z.strictObject({
            id: Id,
            position: z.int(),
            name: z.string(),
            plannedOn: IsoDate.nullable(),
            actualOn: IsoDate.nullable(),
            status: z.enum(["done", "overdue", "due-soon", "planned", "not-planned"]),
          }),
        ),
        version: Version,
      }),
    ),
  }),
);

export const GrantPackage360 = component(
  "GrantPackage360Giving",
  "The streams' contributions as grants in the 360Giving Data Standard's JSON package shape (schema 1.x): one grant per contribution, from its contributor to the partnership.",
  z.looseObject({
    grants: z.array(z.looseObject({ id: z.string(), title: z.string(), amountAwarded: z.number() })),
  }),
);

export const OcdsReleasePackage = component(
  "OcdsReleasePackage",
  "The contract register as an Open Contracting Data Standard 1.1 release package: one release per contract, with its tender, award and contract and their milestones.",
  z.looseObject({
    uri: z.string(),
    version: z.literal("1.1"),
    publishedDate: z.string(),
    publisher: z.looseObject({ name: z.string() }),
    releases: z.array(
      z.looseObject({ ocid: z.string(), id: z.string(), date: z.string(), tag: z.array(z.string()) }),
    ),
  }),
);

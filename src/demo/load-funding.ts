// Loads a demo partnership's money and commissioning (src/demo/ashvale-funding.ts, and the smaller
// North Marston partnerships' in north-marston-<name>.ts) in the demo's own transaction,
// one multi-row insert per table so the embedded database stays fast.
import type { Tx } from "../db/database.ts";
import {
  contractMilestones,
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingSettings,
  fundingStreams,
  spendReturns,
} from "../db/schema-funding.ts";
import { ashvaleFunding, type DemoFunding, type DemoParty, fundingOn } from "./ashvale-funding.ts";
import type { DemoCalendar } from "./calendar.ts";
import { northMarstonFundingOf } from "./north-marston.ts";
import type { DemoActionPlan } from "./types.ts";

/** A demo partnership's money, by slug (none for a partnership without a story). */
export function fundingStoryOf(slug: string): DemoFunding | undefined {
  return slug === "ashvale" ? ashvaleFunding : northMarstonFundingOf(slug);
}

export interface DemoFundingContext {
  partnershipId: number;
  organisationIds: Map<string, number>;
  /** The loaded plans (already moved to the calendar), their actions in the order of `actionIds`. */
  plans: { plan: DemoActionPlan; actionIds: number[] }[];
  calendar: DemoCalendar;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo funding refers to an unknown ${what}`);
  return value;
}

export async function loadDemoFunding(tx: Tx, story: DemoFunding, ctx: DemoFundingContext): Promise<void> {
  const funding = fundingOn(story, ctx.calendar);
  const pid = ctx.partnershipId;
  const party = (p: DemoParty) =>
    "organisation" in p
      ? {
          organisationId: need(ctx.organisationIds.get(p.organisation), `organisation ${p.organisation}`),
          name: "",
        }
      : { organisationId: null, name: p.name };
  const actionId = (planName: string, start: string) => {
    const loaded = need(
      ctx.plans.find((p) => p.plan.name === planName),
      `plan ${planName}`,
    );
    const index = loaded.plan.actions.findIndex((a) => a.what.startsWith(start));
    return need(loaded.actionIds[index], `action "${start}" in ${planName}`);
  };

  await tx.insert(fundingSettings).values({
    partnershipId: pid,
    varianceThresholdPercent: funding.varianceThresholdPercent,
  });

  const streamRows = await tx
    .insert(fundingStreams)
    .values(
      funding.streams.map((s) => {
        const funder = party(s.funder);
        return {
          partnershipId: pid,
          name: s.name,
          kind: s.kind,
          funderOrganisationId: funder.organisationId,
          funderName: funder.name,
          firstYearStart: s.firstYearStart,
          lastYearStart: s.lastYearStart,
          conditions: s.conditions,
          reportingRequirements: s.reportingRequirements,
          decisionReference: s.decisionReference,
          decisionLink: s.decisionLink,
          awardedOn: s.awardedOn,
          startsOn: s.startsOn,
          endsOn: s.endsOn,
        };
      }),
    )
    .returning({ id: fundingStreams.id });
  const streamId = new Map(funding.streams.map((s, i) => [s.key, need(streamRows[i], "stream").id]));

  await tx.insert(fundingContributions).values(
    funding.streams.flatMap((s) =>
      s.contributions.map((c, i) => {
        const from = party(c.from);
        return {
          partnershipId: pid,
          streamId: need(streamId.get(s.key), `stream ${s.key}`),
          contributorOrganisationId: from.organisationId,
          contributorName: from.name,
          yearStart: c.yearStart,
          amountPence: c.amountPence,
          received: c.received,
          receivedOn: c.receivedOn ?? null,
          position: i + 1,
        };
      }),
    ),
  );

  const contractRows = await tx
    .insert(contracts)
    .values(
      funding.contracts.map((c) => {
        const provider = c.provider ? party(c.provider) : { organisationId: null, name: "" };
        return {
          partnershipId: pid,
          service: c.service,
          reference: c.reference,
          providerOrganisationId: provider.organisationId,
          providerName: provider.name,
          fundingStreamId: c.stream ? need(streamId.get(c.stream), `stream ${c.stream}`) : null,
          stage: c.stage,
          annualValuePence: c.annualValuePence,
          startsOn: c.startsOn,
          endsOn: c.endsOn,
          latestEndOn: c.latestEndOn,
          extensionDecisionDueOn: c.extensionDecisionDueOn,
          notes: c.notes,
          serviceType: c.serviceType ?? "",
        };
      }),
    )
    .returning({ id: contracts.id });
  const contractId = new Map(funding.contracts.map((c, i) => [c.key, need(contractRows[i], "contract").id]));
  const milestoneRows = funding.contracts.flatMap((c) =>
    c.milestones.map((m, i) => ({
      partnershipId: pid,
      contractId: need(contractId.get(c.key), `contract ${c.key}`),
      position: i + 1,
      name: m.name,
      plannedOn: m.plannedOn,
      actualOn: m.actualOn,
    })),
  );
  if (milestoneRows.length > 0) await tx.insert(contractMilestones).values(milestoneRows);

  const allocationRows = await tx
    .insert(fundingAllocations)
    .values(
      funding.allocations.map((a) => ({
        partnershipId: pid,
        streamId: need(streamId.get(a.stream), `stream ${a.stream}`),
        yearStart: a.yearStart,
        actionId: "plan" in a.target ? actionId(a.target.plan, a.target.action) : null,
        contractId: "contract" in a.target ? need(contractId.get(a.target.contract), "contract") : null,
        projectName: "project" in a.target ? a.target.project : "",
        amountPence: a.amountPence,
        notes: a.notes ?? "",
        serviceType: a.serviceType ?? "",
      })),
    )
    .returning({ id: fundingAllocations.id });
  const returns = funding.allocations.flatMap((a, i) =>
    a.returns.map((r) => ({
      partnershipId: pid,
      allocationId: need(allocationRows[i], "allocation").id,
      ...r,
      // The finance system's export for the past year; the coordinator's entries since.
      source: r.yearStart < ctx.calendar.liveQuarter.startYear ? "import" : "coordinator",
    })),
  );
  if (returns.length > 0) await tx.insert(spendReturns).values(returns);
}

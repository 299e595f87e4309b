// Money and commissioning in the API (issue 14): response shapes for /funding-streams, /allocations,
// /spend and /contracts, from the rows services.fundingReports reads. Amounts are whole pence.
import type { z } from "zod";
import type { ContractRow, ContributionRow, StreamRow } from "../../data/funding/report-reads.ts";
import { MILESTONE_RULE, milestoneStatus } from "../../domain/funding/milestones.ts";
import { formatVariancePercent, partsSentence, sumPence, variance } from "../../domain/funding/money.ts";
import { ukDateOf } from "../../domain/periods.ts";
import { allocationFigures } from "../../reports/funding/figures.ts";
import type { TokenActor } from "../../services/actor.ts";
import type { Services } from "../../services/index.ts";
import {
  type AllocationList,
  type ContractList,
  endpoints,
  type FundingStreamList,
  type SpendList,
} from "../openapi.ts";
import { contractsOcds, grants360Giving } from "./api-funding-standards.ts";
import type { ApiGet } from "./api-governance.ts";

type Out<T extends z.ZodType> = z.output<T>;
type Kind = Out<typeof FundingStreamList>["streams"][number]["kind"];
type Stage = Out<typeof ContractList>["contracts"][number]["stage"];
type Source = Out<typeof SpendList>["returns"][number]["source"];

const party = (organisationId: number | null, name: string) => ({
  organisation: organisationId === null ? null : { id: organisationId, name },
  name,
});

function streamOut(s: StreamRow, contributions: ContributionRow[]) {
  const own = contributions.filter((c) => c.streamId === s.id);
  const years = [...new Set(own.map((c) => c.yearStart))].sort((a, b) => a - b);
  return {
    id: s.id,
    name: s.name,
    kind: s.kind as Kind,
    funder: party(s.funderOrganisationId, s.funder),
    firstYearStart: s.firstYearStart,
    lastYearStart: s.lastYearStart,
    conditions: s.conditions,
    reportingRequirements: s.reportingRequirements,
    decisionReference: s.decisionReference,
    decisionLink: s.decisionLink,
    awardedOn: s.awardedOn,
    startsOn: s.startsOn,
    endsOn: s.endsOn,
    years: years.map((yearStart) => {
      const parts = own.filter((c) => c.yearStart === yearStart).map((c) => c.amountPence);
      return { yearStart, heldPence: sumPence(parts), parts: partsSentence(parts) };
    }),
    contributions: own.map((c) => ({
      id: c.id,
      contributor: party(c.contributorOrganisationId, c.contributor),
      yearStart: c.yearStart,
      amountPence: c.amountPence,
      received: c.received,
      receivedOn: c.receivedOn,
    })),
    version: s.version,
  };
}

export async function fundingStreamList(
  services: Services,
  actor: TokenActor,
  year: number | undefined,
): Promise<Out<typeof FundingStreamList>> {
  const { streams, contributions } = await services.fundingReports.streams(actor, year);
  return { streams: streams.map((s) => streamOut(s, contributions)) };
}

export async function allocationList(
  services: Services,
  actor: TokenActor,
  year: number | undefined,
): Promise<Out<typeof AllocationList>> {
  const { allocations, threshold } = await services.fundingReports.allocations(actor, year);
  return {
    allocations: allocations.map((row) => {
      const f = allocationFigures(row, threshold);
      const kind =
        row.actionId !== null
          ? "action"
          : row.contractId !== null
            ? "contract"
            : row.projectName
              ? "project"
              : "commitment";
      return {
        id: row.id,
        streamId: row.streamId,
        yearStart: row.yearStart,
        paysFor: {
          kind,
          actionId: row.actionId,
          contractId: row.contractId,
          commitmentId: row.commitmentId,
          commitmentNumber: row.commitmentNumber,
          text: row.actionWhat ?? row.contractService ?? (row.projectName || (row.commitmentText ?? "")),
        },
        leads: row.leads,
        notes: row.notes,
        allocatedPence: f.allocatedPence,
        budgetPence: f.budgetPence,
        committedPence: f.committedPence,
        spentPence: f.spentPence,
        remainingPence: f.remainingPence,
        forecastPence: f.forecastPence,
        variancePence: f.variance.amountPence,
        variancePercent: formatVariancePercent(f.variance),
        latestQuarter: f.latestQuarter,
        needsExplanation: f.needsExplanation,
        explanation: f.explanation,
      };
    }),
  };
}

export async function spendList(
  services: Services,
  actor: TokenActor,
  year: number | undefined,
): Promise<Out<typeof SpendList>> {
  const rows = await services.fundingReports.spend(actor, year);
  return {
    returns: rows.map((r) => {
      const v = variance(r.budgetPence, r.forecastPence);
      return {
        id: r.id,
        allocationId: r.allocationId,
        yearStart: r.yearStart,
        quarter: r.quarter,
        budgetPence: r.budgetPence,
        committedPence: r.committedPence,
        actualPence: r.actualPence,
        forecastPence: r.forecastPence,
        variancePence: v.amountPence,
        variancePercent: formatVariancePercent(v),
        explanation: r.explanation,
        source: r.source as Source,
        updatedAt: r.updatedAt.toISOString(),
      };
    }),
  };
}

export async function contractList(
  services: Services,
  actor: TokenActor,
  today: string,
): Promise<Out<typeof ContractList>> {
  const { contracts, milestones } = await services.fundingReports.contracts(actor);
  return {
    milestoneRule: [...MILESTONE_RULE],
    contracts: contracts.map((c: ContractRow) => ({
      id: c.id,
      service: c.service,
      reference: c.reference,
      provider: c.provider ? party(c.providerOrganisationId, c.provider) : null,
      fundingStreamId: c.fundingStreamId,
      stage: c.stage as Stage,
      annualValuePence: c.annualValuePence,
      startsOn: c.startsOn,
      endsOn: c.endsOn,
      latestEndOn: c.latestEndOn,
      extensionDecisionDueOn: c.extensionDecisionDueOn,
      notes: c.notes,
      milestones: milestones
        .filter((m) => m.contractId === c.id)
        .map((m) => ({
          id: m.id,
          position: m.position,
          name: m.name,
          plannedOn: m.plannedOn,
          actualOn: m.actualOn,
          status: milestoneStatus(m, today),
        })),
      version: c.version,
    })),
  };
}

/** The money endpoints, registered by api.ts beside the rest (its `get` checks the token and the shape). */
export function registerFundingApi(get: ApiGet, services: Services): void {
  get(endpoints.listFundingStreams, async (actor, { query }) =>
    fundingStreamList(services, actor, query.year),
  );
  get(endpoints.listAllocations, async (actor, { query }) => allocationList(services, actor, query.year));
  get(endpoints.listSpend, async (actor, { query }) => spendList(services, actor, query.year));
  get(endpoints.listContracts, async (actor) => contractList(services, actor, ukDateOf(new Date())));
  get(endpoints.listGrants360Giving, async (actor, { query }) =>
    grants360Giving(services, actor, query.year),
  );
  get(endpoints.listContractsOcds, async (actor) => {
    const now = new Date();
    return contractsOcds(
      services,
      actor,
      `${services.config.baseUrl}/api/v1${endpoints.listContractsOcds.path}`,
      now,
      ukDateOf(now),
    );
  });
}

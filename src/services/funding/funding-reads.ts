// What the funding pages show: every stream with its totals (all members read them), one stream with
// its contributions, years and allocations, one allocation with its quarterly spend (the coordinator
// and the editors of the organisation that leads what it pays for). A fixed number of statements each.
import * as spendData from "../../data/funding/spend.ts";
import * as data from "../../data/funding/streams.ts";
import type { Db, Executor } from "../../db/database.ts";
import { spendVariance, targetOf } from "../../domain/funding/allocation.ts";
import {
  formatVarianceAmount,
  formatVariancePercent,
  needsExplanation,
  partsSentence,
  sumPence,
  type VarianceThreshold,
} from "../../domain/funding/money.ts";
import { FUNDING_KINDS, labelOf, SPEND_SOURCES } from "../../domain/funding/vocabulary.ts";
import { formatFinancialYear } from "../../domain/periods.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError } from "../errors.ts";
import { found, isAdmin, partnershipOf, roleOf } from "../permissions.ts";

const yearLabel = (yearStart: number) => formatFinancialYear({ startYear: yearStart });

/** What an allocation pays for, in words, and where its page is (relative to /p/:slug). */
export function describeTarget(row: data.AllocationListRow) {
  const target = targetOf(row.allocation);
  switch (target.kind) {
    case "action":
      return { kind: "Action", text: row.actionWhat ?? "", href: `/actions/${target.actionId}` };
    case "commitment":
      return {
        kind: "Commitment",
        text: `${row.commitmentNumber ?? ""} ${row.commitmentText ?? ""}`.trim(),
        href: `/commitments/${target.commitmentId}`,
      };
    case "contract":
      return { kind: "Commissioned service", text: row.contractService ?? "", href: null };
    default:
      return { kind: "Project", text: target.projectName, href: null };
  }
}

export async function thresholdOf(
  ex: Executor,
  pid: number,
): Promise<VarianceThreshold & { version: number | null }> {
  const row = await data.findSettings(ex, pid);
  return row
    ? { percent: row.varianceThresholdPercent, pence: row.varianceThresholdPence, version: row.version }
    : { percent: 10, pence: null, version: null };
}

/**
 * Whether the actor may see and report an allocation's spend: the coordinator, or an editor of an
 * organisation that leads the action it pays for (or provides the contracted service).
 */
export function canReportSpend(actor: Actor, leadOrganisationIds: readonly number[]): boolean {
  if (isAdmin(actor)) return true;
  if (roleOf(actor) !== "editor" || actor.kind !== "member") return false;
  return leadOrganisationIds.includes(actor.organisationId);
}

export function createFundingReads(db: Db) {
  async function leadsOf(pid: number, rows: data.AllocationListRow[]) {
    const actionIds = rows.map((r) => r.allocation.actionId).filter((id): id is number => id !== null);
    return data.leadsOfActions(db, pid, actionIds);
  }

  return {
    threshold: (actor: Actor) => thresholdOf(db, partnershipOf(actor)),
    choices: (actor: Actor) => data.fundingChoices(db, partnershipOf(actor)),

    /** Every stream with its totals: held (contributions), received, allocated, spent to date. */
    async overview(actor: Actor) {
      const pid = partnershipOf(actor);
      const [streams, held, allocated, latest] = await Promise.all([
        data.listStreams(db, pid),
        data.contributionTotals(db, pid),
        data.allocationTotals(db, pid),
        spendData.latestSpend(db, pid),
      ]);
      const sumFor = <T extends { streamId: number }>(rows: T[], id: number, pick: (r: T) => number) =>
        sumPence(rows.filter((r) => r.streamId === id).map(pick));
      const rows = streams.map(({ stream, funderOrganisation }) => {
        const totalPence = sumFor(held, stream.id, (r) => r.totalPence);
        const allocatedPence = sumFor(allocated, stream.id, (r) => r.totalPence);
        return {
          stream,
          funder: funderOrganisation ?? stream.funderName,
          kind: labelOf(FUNDING_KINDS, stream.kind),
          years:
            stream.firstYearStart === stream.lastYearStart
              ? yearLabel(stream.firstYearStart)
              : `${yearLabel(stream.firstYearStart)} to ${yearLabel(stream.lastYearStart)}`,
          totalPence,
          receivedPence: sumFor(held, stream.id, (r) => r.receivedPence),
          allocatedPence,
          remainingPence: totalPence - allocatedPence,
          spentPence: sumFor(latest, stream.id, (r) => r.actualPence),
        };
      });
      return {
        rows,
        totals: {
          totalPence: sumPence(rows.map((r) => r.totalPence)),
          allocatedPence: sumPence(rows.map((r) => r.allocatedPence)),
          spentPence: sumPence(rows.map((r) => r.spentPence)),
        },
        canManage: isAdmin(actor),
      };
    },

    /** One stream: its contributions by year (with the parts sentence), each year's balance, allocations. */
    async stream(actor: Actor, streamId: number) {
      const pid = partnershipOf(actor);
      const { stream, funderOrganisation } = found(
        await data.findStream(db, pid, streamId),
        "That funding stream",
      );
      const [contributions, allocations, latest] = await Promise.all([
        data.listContributions(db, pid, streamId),
        data.listAllocations(db, pid, { streamId }),
        spendData.latestSpend(db, pid, streamId),
      ]);
      const leads = await leadsOf(pid, allocations);
      const latestBy = new Map(latest.map((l) => [l.allocationId, l]));
      const years = [];
      for (let y = stream.firstYearStart; y <= stream.lastYearStart; y += 1) {
        const parts = contributions.filter((c) => c.contribution.yearStart === y);
        const allocs = allocations.filter((a) => a.allocation.yearStart === y);
        const holdsPence = sumPence(parts.map((c) => c.contribution.amountPence));
        const allocatedPence = sumPence(allocs.map((a) => a.allocation.amountPence));
        years.push({
          yearStart: y,
          label: yearLabel(y),
          contributions: parts.map((c) => ({
            ...c.contribution,
            contributor: c.organisation ?? c.contribution.contributorName,
          })),
          partsSentence: partsSentence(parts.map((c) => c.contribution.amountPence)),
          holdsPence,
          receivedPence: sumPence(
            parts.filter((c) => c.contribution.received).map((c) => c.contribution.amountPence),
          ),
          allocatedPence,
          remainingPence: holdsPence - allocatedPence,
          allocations: allocs.map((a) => {
            // An allocation's own spend is for the coordinator and its lead organisation; everyone
            // else reads the stream's totals.
            const canSeeSpend = canReportSpend(actor, leads.get(a.allocation.actionId ?? -1) ?? []);
            const latestSpend = canSeeSpend ? latestBy.get(a.allocation.id) : undefined;
            return {
              allocation: a.allocation,
              target: describeTarget(a),
              spentPence: latestSpend?.actualPence ?? null,
              forecastPence: latestSpend?.forecastPence ?? null,
              canSeeSpend,
            };
          }),
          spentPence: sumPence(allocs.map((a) => latestBy.get(a.allocation.id)?.actualPence ?? 0)),
        });
      }
      return {
        stream,
        funder: funderOrganisation ?? stream.funderName,
        kind: labelOf(FUNDING_KINDS, stream.kind),
        years,
        totalPence: sumPence(years.map((y) => y.holdsPence)),
        totalPartsSentence: partsSentence(contributions.map((c) => c.contribution.amountPence)),
        canManage: isAdmin(actor),
      };
    },

    /** One allocation and its quarters, with each quarter's variance and whether it needs explaining. */
    async allocation(actor: Actor, allocationId: number) {
      const pid = partnershipOf(actor);
      const [row] = await data.listAllocations(db, pid, { allocationId });
      const allocation = found(row, "That allocation");
      const leads = await leadsOf(pid, [allocation]);
      if (!canReportSpend(actor, leads.get(allocation.allocation.actionId ?? -1) ?? [])) {
        throw new ForbiddenError(
          "Only the coordinator and the lead organisation can see this allocation's spend",
        );
      }
      const [spend, threshold] = await Promise.all([
        spendData.listSpend(db, pid, allocationId),
        thresholdOf(db, pid),
      ]);
      return {
        allocation: allocation.allocation,
        streamName: allocation.streamName,
        target: describeTarget(allocation),
        yearLabel: yearLabel(allocation.allocation.yearStart),
        threshold,
        quarters: spend.map(({ spend: s, enteredBy }) => {
          const v = spendVariance(s);
          return {
            spend: s,
            enteredBy,
            source: labelOf(SPEND_SOURCES, s.source),
            varianceAmount: formatVarianceAmount(v),
            variancePercent: formatVariancePercent(v),
            needsExplanation: needsExplanation(v, threshold),
          };
        }),
        canManage: isAdmin(actor),
      };
    },
  };
}

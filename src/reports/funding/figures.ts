// The money each report shows, worked out once from the rows read (data/funding/report-reads.ts):
// per allocation its budget, spend to date, remaining, forecast outturn and variance; the same
// summed by stream, by commitment and by lead organisation. Pure, whole pence, exact sums.
//
// The rule, stated once: spend returns are year-to-date, so an allocation's latest return of the
// year says what is spent and forecast. An allocation with no return yet has spent nothing and is
// forecast at its allocation (on budget). The variance is forecast outturn − budget (the return's
// budget, or the allocation); it needs an explanation when it reaches the partnership's threshold.
import type { AllocationRow, ContributionRow, StreamRow } from "../../data/funding/report-reads.ts";
import {
  needsExplanation,
  sumPence,
  type Variance,
  type VarianceThreshold,
  variance,
} from "../../domain/funding/money.ts";

export interface Measures {
  allocatedPence: number;
  budgetPence: number;
  committedPence: number;
  spentPence: number;
  remainingPence: number;
  forecastPence: number;
  variance: Variance;
}

export interface AllocationFigures extends Measures {
  row: AllocationRow;
  /** "Q2 2026/27", or null when there is no return this year. */
  latestQuarter: number | null;
  needsExplanation: boolean;
  explanation: string;
}

export function allocationFigures(row: AllocationRow, threshold: VarianceThreshold): AllocationFigures {
  const latest = row.latest;
  const budget = latest?.budgetPence ?? row.amountPence;
  const forecast = latest?.forecastPence ?? budget;
  const spent = latest?.actualPence ?? 0;
  const v = variance(budget, forecast);
  return {
    row,
    allocatedPence: row.amountPence,
    budgetPence: budget,
    committedPence: latest?.committedPence ?? 0,
    spentPence: spent,
    remainingPence: sumPence([row.amountPence, -spent]),
    forecastPence: forecast,
    variance: v,
    latestQuarter: latest?.quarter ?? null,
    needsExplanation: needsExplanation(v, threshold),
    explanation: latest?.explanation ?? "",
  };
}

/** The measures of several allocations added up (the variance of the sums, not a sum of percentages). */
export function sumMeasures(items: readonly Measures[]): Measures {
  const sum = (pick: (m: Measures) => number) => sumPence(items.map(pick));
  const budget = sum((m) => m.budgetPence);
  const forecast = sum((m) => m.forecastPence);
  return {
    allocatedPence: sum((m) => m.allocatedPence),
    budgetPence: budget,
    committedPence: sum((m) => m.committedPence),
    spentPence: sum((m) => m.spentPence),
    remainingPence: sum((m) => m.remainingPence),
    forecastPence: forecast,
    variance: variance(budget, forecast),
  };
}

export interface StreamFigures extends Measures {
  stream: StreamRow;
  /** What the year's contributions add up to: the stream's amount, never typed. */
  heldPence: number;
  contributions: ContributionRow[];
  unallocatedPence: number;
  allocations: AllocationFigures[];
}

export function streamFigures(
  streams: readonly StreamRow[],
  contributions: readonly ContributionRow[],
  allocations: readonly AllocationFigures[],
): StreamFigures[] {
  return streams.map((stream) => {
    const own = contributions.filter((c) => c.streamId === stream.id);
    const mine = allocations.filter((a) => a.row.streamId === stream.id);
    const measures = sumMeasures(mine);
    const held = sumPence(own.map((c) => c.amountPence));
    return {
      stream,
      ...measures,
      heldPence: held,
      contributions: own,
      unallocatedPence: sumPence([held, -measures.allocatedPence]),
      allocations: mine,
    };
  });
}

export interface GroupFigures extends Measures {
  key: string;
  label: string;
  lead?: string;
  count: number;
}

/** Allocations summed by a key, in first-seen order of a sorted list of keys. */
export function groupFigures(
  allocations: readonly AllocationFigures[],
  keyOf: (a: AllocationFigures) => { key: string; label: string; lead?: string },
  order: (a: GroupFigures, b: GroupFigures) => number,
): GroupFigures[] {
  const groups = new Map<string, { label: string; lead?: string; items: AllocationFigures[] }>();
  for (const a of allocations) {
    const k = keyOf(a);
    const group = groups.get(k.key) ?? { label: k.label, ...(k.lead ? { lead: k.lead } : {}), items: [] };
    group.items.push(a);
    groups.set(k.key, group);
  }
  return [...groups]
    .map(([key, g]) => ({
      key,
      label: g.label,
      ...(g.lead ? { lead: g.lead } : {}),
      count: g.items.length,
      ...sumMeasures(g.items),
    }))
    .sort(order);
}

/** Commitment numbers in their natural order: 1.2 before 1.10. */
export function compareNumbers(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

export const NO_COMMITMENT = "Not tied to a commitment";
export const NO_LEAD = "No lead organisation";

export function byCommitment(allocations: readonly AllocationFigures[]): GroupFigures[] {
  return groupFigures(
    allocations,
    (a) =>
      a.row.commitmentId === null
        ? { key: "none", label: NO_COMMITMENT }
        : {
            key: String(a.row.commitmentId),
            label: a.row.commitmentText ?? "",
            lead: a.row.commitmentNumber ?? "",
          },
    (x, y) => (x.key === "none" ? 1 : y.key === "none" ? -1 : compareNumbers(x.lead ?? "", y.lead ?? "")),
  );
}

/**
 * By lead organisation. An allocation whose action several organisations lead counts once, under
 * their names together ("A and B, jointly"), so the rows add up to the total.
 */
export function byOrganisation(allocations: readonly AllocationFigures[]): GroupFigures[] {
  return groupFigures(
    allocations,
    (a) => {
      const names = [...a.row.leads.map((l) => l.name)].sort();
      if (names.length === 0)
        return a.row.providerName
          ? { key: `provider:${a.row.providerName}`, label: a.row.providerName }
          : { key: "none", label: NO_LEAD };
      const label =
        names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}, jointly`;
      return {
        key: a.row.leads
          .map((l) => l.id)
          .sort((x, y) => x - y)
          .join(","),
        label,
      };
    },
    (x, y) => (x.key === "none" ? 1 : y.key === "none" ? -1 : x.label.localeCompare(y.label, "en")),
  );
}

/** What an allocation pays for, in words. */
export function targetText(row: AllocationRow): string {
  if (row.actionWhat) return row.actionWhat;
  if (row.contractService) return `Contract: ${row.contractService}`;
  if (row.projectName) return `Project: ${row.projectName}`;
  if (row.commitmentText) return `Commitment: ${row.commitmentText}`;
  return "";
}

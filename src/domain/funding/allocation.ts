// The rules of allocating a stream and reporting its spend, pure: how much a stream holds for a year,
// when an allocation is refused, when a quarter's variance needs an explanation.
import { formatFinancialYear } from "../periods.ts";
import { formatPounds, needsExplanation, sumPence, type VarianceThreshold, variance } from "./money.ts";

/**
 * The message for an allocation that would take a year past what the stream holds, or null when it
 * fits: "This would allocate £36,000 of £34,500: £1,500 more than the stream holds for 2026/27".
 */
export function overAllocationMessage(input: {
  holdsPence: number;
  /** What the year's other allocations already take (not counting the one being changed). */
  allocatedPence: number;
  requestedPence: number;
  yearStart: number;
}): string | null {
  const total = sumPence([input.allocatedPence, input.requestedPence]);
  if (total <= input.holdsPence) return null;
  const year = formatFinancialYear({ startYear: input.yearStart });
  if (input.holdsPence === 0) {
    return `The stream holds nothing for ${year}: add its contributions for ${year} first`;
  }
  return (
    `This would allocate ${formatPounds(total)} of ${formatPounds(input.holdsPence)}: ` +
    `${formatPounds(total - input.holdsPence)} more than the stream holds for ${year}`
  );
}

export interface SpendFigures {
  budgetPence: number;
  committedPence: number;
  actualPence: number;
  forecastPence: number;
}

/** A quarter's variance: the forecast outturn against the budget (positive is an overspend). */
export function spendVariance(spend: Pick<SpendFigures, "budgetPence" | "forecastPence">) {
  return variance(spend.budgetPence, spend.forecastPence);
}

/** The message when a quarter's variance passes the partnership's threshold without an explanation. */
export function missingExplanation(
  spend: SpendFigures & { explanation: string },
  threshold: VarianceThreshold,
): string | null {
  if (spend.explanation.trim() !== "") return null;
  if (!needsExplanation(spendVariance(spend), threshold)) return null;
  return `Explain the variance: the forecast differs from the budget by ${describeThreshold(threshold, "or more")}`;
}

/** "10% or £5,000 or more", as the settings page and the spend forms say it. */
export function describeThreshold(threshold: VarianceThreshold, suffix = ""): string {
  const parts = [
    threshold.percent !== null ? `${threshold.percent}%` : null,
    threshold.pence !== null ? formatPounds(threshold.pence) : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return "any amount";
  return `${parts.join(" or ")}${suffix ? ` ${suffix}` : ""}`;
}

export type AllocationTarget =
  | { kind: "commitment"; commitmentId: number }
  | { kind: "action"; actionId: number }
  | { kind: "contract"; contractId: number }
  | { kind: "project"; projectName: string };

export const ALLOCATION_TARGET_KINDS = [
  { value: "action", label: "An action" },
  { value: "commitment", label: "A commitment" },
  { value: "contract", label: "A commissioned service (contract)" },
  { value: "project", label: "A project" },
] as const;

/** The row's columns for a target: exactly one set, the others null or empty. */
export function targetColumns(target: AllocationTarget) {
  return {
    commitmentId: target.kind === "commitment" ? target.commitmentId : null,
    actionId: target.kind === "action" ? target.actionId : null,
    contractId: target.kind === "contract" ? target.contractId : null,
    projectName: target.kind === "project" ? target.projectName : "",
  };
}

/** A stored row's target. */
export function targetOf(row: {
  commitmentId: number | null;
  actionId: number | null;
  contractId: number | null;
  projectName: string;
}): AllocationTarget {
  if (row.actionId !== null) return { kind: "action", actionId: row.actionId };
  if (row.commitmentId !== null) return { kind: "commitment", commitmentId: row.commitmentId };
  if (row.contractId !== null) return { kind: "contract", contractId: row.contractId };
  return { kind: "project", projectName: row.projectName };
}

// The words of money and commissioning (issue 14), one list each, read by forms, pages and checks.

export const FUNDING_KINDS = [
  { value: "grant", label: "Grant" },
  { value: "partner_contribution", label: "Partner contribution" },
  { value: "core_budget", label: "Core budget" },
  { value: "pooled_budget", label: "Pooled budget" },
] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number]["value"];

export const SPEND_SOURCES = [
  { value: "update", label: "Quarterly update" },
  { value: "coordinator", label: "Entered by the coordinator" },
  { value: "import", label: "Imported from Excel" },
] as const;
export type SpendSource = (typeof SPEND_SOURCES)[number]["value"];

/** The commissioning cycle (analyse, plan, do, review), as commissioners name its stages. */
export const COMMISSIONING_STAGES = [
  { value: "analyse", label: "Analyse" },
  { value: "plan", label: "Plan" },
  { value: "do", label: "Do" },
  { value: "review", label: "Review" },
] as const;
export type CommissioningStage = (typeof COMMISSIONING_STAGES)[number]["value"];

/** The milestones a new contract starts with; councils differ, so the list is editable per contract. */
export const DEFAULT_PROCUREMENT_MILESTONES = [
  "Needs assessment",
  "Engagement",
  "Service model agreed",
  "Tender published",
  "Tender closes",
  "Evaluation",
  "Award decision",
  "Standstill ends",
  "Contract signed",
  "Mobilisation",
  "Service starts",
] as const;

export function labelOf<T extends { value: string; label: string }>(
  list: readonly T[],
  value: string | null,
): string {
  return list.find((entry) => entry.value === value)?.label ?? "";
}

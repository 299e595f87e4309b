// The words of governance (issue 13): the kinds of board, the Domestic Abuse Act 2021 s58(2)
// membership categories, meeting frequencies and the statuses of meetings, decisions and actions.
// One list each, read by the schema's checks, the forms' radios and the pages' labels, so a value
// and its label never drift apart.

export const BOARD_KINDS = [
  { value: "operational", label: "Operational group" },
  { value: "strategic", label: "Strategic board / DA Local Partnership Board" },
  { value: "health_improvement", label: "Health Improvement Board" },
  { value: "health_wellbeing", label: "Health & Wellbeing Board" },
  { value: "community_safety", label: "Community Safety Partnership" },
  { value: "safeguarding", label: "Safeguarding board" },
  { value: "task_and_finish", label: "Task-and-finish group" },
] as const;
export type BoardKind = (typeof BOARD_KINDS)[number]["value"];

/** The board kind whose membership the Act prescribes (s58(2)): the Local Partnership Board. */
export const LOCAL_PARTNERSHIP_BOARD_KIND: BoardKind = "strategic";

/**
 * Domestic Abuse Act 2021 s58(2): a Local Partnership Board must include at least one person who
 * represents the interests of each of these. ("Lower-tier authorities" applies in two-tier areas.)
 */
export const S58_CATEGORIES = [
  { value: "local_authority", label: "The relevant local authority" },
  { value: "lower_tier_authorities", label: "Lower-tier authorities in the area" },
  { value: "victims", label: "Victims of domestic abuse" },
  { value: "children_of_victims", label: "Children of victims of domestic abuse" },
  { value: "domestic_abuse_charities", label: "Charities and voluntary organisations for victims" },
  { value: "health", label: "Persons providing health care services" },
  { value: "policing_criminal_justice", label: "Persons providing policing or criminal justice services" },
] as const;
export type S58Category = (typeof S58_CATEGORIES)[number]["value"];

export const MEETING_FREQUENCIES = [
  { value: "monthly", label: "Monthly", monthsApart: 1 },
  { value: "six_weekly", label: "Every six weeks", monthsApart: 1.5 },
  { value: "bimonthly", label: "Every two months", monthsApart: 2 },
  { value: "quarterly", label: "Quarterly", monthsApart: 3 },
  { value: "four_monthly", label: "Three times a year", monthsApart: 4 },
  { value: "six_monthly", label: "Twice a year", monthsApart: 6 },
  { value: "annually", label: "Once a year", monthsApart: 12 },
  { value: "as_needed", label: "As needed", monthsApart: null },
] as const;
export type MeetingFrequency = (typeof MEETING_FREQUENCIES)[number]["value"];

export const MEETING_STATUSES = [
  { value: "planned", label: "Planned" },
  { value: "held", label: "Held" },
  { value: "cancelled", label: "Cancelled" },
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number]["value"];

export const ATTENDANCE_STATUSES = [
  { value: "present", label: "Present" },
  { value: "apology", label: "Apologies" },
  { value: "deputy", label: "Deputy attended" },
  { value: "absent", label: "Absent" },
] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]["value"];

export const AGENDA_PURPOSES = [
  { value: "decision", label: "For decision" },
  { value: "discussion", label: "For discussion" },
  { value: "information", label: "For information" },
] as const;
export type AgendaPurpose = (typeof AGENDA_PURPOSES)[number]["value"];

/** What an agenda item is about: a report (of a kind and subject), a commitment, or free text. */
export const AGENDA_SUBJECTS = ["report", "commitment", "text"] as const;
export type AgendaSubject = (typeof AGENDA_SUBJECTS)[number];

export const DECISION_STATUSES = [
  { value: "agreed", label: "Agreed" },
  { value: "agreed_with_changes", label: "Agreed with changes" },
  { value: "deferred", label: "Deferred" },
  { value: "rejected", label: "Not agreed" },
  { value: "implemented", label: "Implemented" },
  { value: "withdrawn", label: "Withdrawn" },
] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number]["value"];

export const MEETING_ACTION_STATUSES = [
  { value: "not_started", label: "Not started" },
  { value: "in_progress", label: "In progress" },
  { value: "done", label: "Done" },
  { value: "cancelled", label: "Cancelled" },
] as const;
export type MeetingActionStatus = (typeof MEETING_ACTION_STATUSES)[number]["value"];

export const CONTEXT_ITEM_KINDS = [
  { value: "bill", label: "Bill" },
  { value: "act", label: "Act" },
  { value: "statutory_guidance", label: "Statutory guidance" },
  { value: "national_strategy", label: "National strategy" },
  { value: "consultation", label: "Consultation" },
  { value: "inspection", label: "Inspection" },
  { value: "review", label: "Review or research" },
  { value: "funding", label: "Funding announcement" },
  { value: "other", label: "Other" },
] as const;
export type ContextItemKind = (typeof CONTEXT_ITEM_KINDS)[number]["value"];

export const FORWARD_PLAN_STOP_STATUSES = [
  { value: "planned", label: "Planned" },
  { value: "in_pack", label: "In the pack" },
  { value: "received", label: "Received" },
  { value: "deferred", label: "Deferred" },
] as const;
export type ForwardPlanStopStatus = (typeof FORWARD_PLAN_STOP_STATUSES)[number]["value"];

/** The label of a value in one of the lists above ("" for a value not in it). */
export function labelOf<T extends { value: string; label: string }>(
  list: readonly T[],
  value: string | null,
): string {
  return list.find((entry) => entry.value === value)?.label ?? "";
}

export const valuesOf = <T extends { value: string }>(list: readonly T[]) =>
  list.map((entry) => entry.value) as [T["value"], ...T["value"][]];

// A procurement milestone's status, from its dates alone (issue 14). Pure: "today" is passed in, so
// the page, the reports and the tests all apply the same rule. The rule in words is MILESTONE_RULE,
// shown on the contract's page.

import { addDays, type IsoDate } from "../periods.ts";

export type MilestoneStatus = "done" | "overdue" | "due-soon" | "planned" | "not-planned";

/** How many days ahead a planned milestone counts as "due soon". */
export const DUE_SOON_DAYS = 30;

export const MILESTONE_RULE = [
  "Done: the milestone has an actual date.",
  "Overdue: its planned date has passed and it has no actual date.",
  `Due soon: its planned date is today or within the next ${DUE_SOON_DAYS} days.`,
  "Planned: its planned date is further ahead.",
  "Not planned: it has neither date yet.",
] as const;

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, { text: string; colour: string }> = {
  done: { text: "Done", colour: "green" },
  overdue: { text: "Overdue", colour: "red" },
  "due-soon": { text: "Due soon", colour: "yellow" },
  planned: { text: "Planned", colour: "blue" },
  "not-planned": { text: "Not planned", colour: "grey" },
};

export interface MilestoneDates {
  plannedOn: IsoDate | null;
  actualOn: IsoDate | null;
}

/** The rule above, in order: an actual date wins whatever the planned date says. */
export function milestoneStatus(milestone: MilestoneDates, today: IsoDate): MilestoneStatus {
  if (milestone.actualOn) return "done";
  if (!milestone.plannedOn) return "not-planned";
  if (milestone.plannedOn < today) return "overdue";
  if (milestone.plannedOn <= addDays(today, DUE_SOON_DAYS)) return "due-soon";
  return "planned";
}

/** Counts by status, for the register's "procurement" column and the contract's summary. */
export function milestoneCounts(
  milestones: readonly MilestoneDates[],
  today: IsoDate,
): Record<MilestoneStatus, number> {
  const counts: Record<MilestoneStatus, number> = {
    done: 0,
    overdue: 0,
    "due-soon": 0,
    planned: 0,
    "not-planned": 0,
  };
  for (const m of milestones) counts[milestoneStatus(m, today)] += 1;
  return counts;
}

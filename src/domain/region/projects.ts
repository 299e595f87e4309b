// A regional project's words and its deliverables' progress (issue 15). Pure: "today" is passed in.
// A deliverable's progress is its host action's: the latest accepted rating and the action's
// milestones (the next one due, and those overdue); nothing here reads drafts, the caller gives only
// accepted ratings.

import { RATING_LABELS, type Rating } from "../rag.ts";
import type { ProjectStatus } from "./vocabulary.ts";

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, { text: string; colour: string }> = {
  proposed: { text: "Proposed", colour: "grey" },
  active: { text: "Active", colour: "blue" },
  complete: { text: "Complete", colour: "green" },
  closed: { text: "Closed", colour: "purple" },
};

/** Ratings as GOV.UK tag colours; the word is always shown with it. */
const RATING_COLOURS: Record<Rating, string> = {
  red: "red",
  amber: "orange",
  green: "green",
  grey: "grey",
  complete: "blue",
};

export interface DeliverableStatus {
  text: string;
  colour: string;
}

/**
 * What a deliverable's tag says: not linked yet, linked with no accepted update yet, or the host
 * action's latest accepted rating in words.
 */
export function deliverableStatus(linked: boolean, latestAcceptedRating: Rating | null): DeliverableStatus {
  if (!linked) return { text: "Not linked to an action yet", colour: "grey" };
  if (latestAcceptedRating === null) return { text: "No accepted update yet", colour: "grey" };
  return { text: RATING_LABELS[latestAcceptedRating], colour: RATING_COLOURS[latestAcceptedRating] };
}

export interface ActionMilestone {
  description: string;
  dueOn: string | null;
  done: boolean;
}

export interface MilestoneProgress<M extends ActionMilestone> {
  /** The earliest milestone not done whose date is today or later (or, failing that, one with no date). */
  next: M | null;
  /** Milestones not done whose date has passed, earliest first. */
  overdue: M[];
  doneCount: number;
  total: number;
}

/** The next milestone and the overdue ones, from the action's milestones in their order. */
export function milestoneProgress<M extends ActionMilestone>(
  milestones: readonly M[],
  today: string,
): MilestoneProgress<M> {
  const open = milestones.filter((m) => !m.done);
  const overdue = open
    .filter((m) => m.dueOn !== null && m.dueOn < today)
    .sort((a, b) => String(a.dueOn).localeCompare(String(b.dueOn)));
  const ahead = open
    .filter((m) => m.dueOn !== null && m.dueOn >= today)
    .sort((a, b) => String(a.dueOn).localeCompare(String(b.dueOn)));
  const undated = open.filter((m) => m.dueOn === null);
  return {
    next: ahead[0] ?? undated[0] ?? null,
    overdue,
    doneCount: milestones.length - open.length,
    total: milestones.length,
  };
}

/** Where a deliverable moves: one place up or down the list; nothing when already at that end. */
export function movedPosition(ids: readonly number[], id: number, direction: "up" | "down"): number[] | null {
  const at = ids.indexOf(id);
  if (at < 0) return null;
  const to = direction === "up" ? at - 1 : at + 1;
  if (to < 0 || to >= ids.length) return null;
  const order = [...ids];
  [order[at], order[to]] = [order[to] as number, order[at] as number];
  return order;
}

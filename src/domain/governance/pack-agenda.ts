// A meeting's agenda as the pack prints it: items numbered by their place in the tree ("1", "2",
// "2.1"), in reading order, each with the time it starts (the meeting's start plus the minutes
// allowed for every item before it), and when a pack is due and whether it is late. Pure.

import { addDays, type IsoDate } from "../periods.ts";

export interface AgendaNode {
  id: number;
  parentItemId: number | null;
  position: number;
}

export type NumberedItem<T extends AgendaNode> = T & {
  /** "2.1" */
  number: string;
  /** 0 for a top-level item. */
  depth: number;
  /** "14:20", or null when the meeting has no start time. */
  startsAt: string | null;
};

function toMinutes(time: string | null): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time ?? "");
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/**
 * Numbers the agenda depth first. An item whose parent is missing is treated as top-level, so a
 * broken link never hides an item. A parent's own minutes come before its children's.
 */
export function numberAgenda<T extends AgendaNode & { durationMinutes: number | null }>(
  items: readonly T[],
  meetingStartsAt: string | null,
): NumberedItem<T>[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<number | null, T[]>();
  for (const item of items) {
    const parent = item.parentItemId !== null && ids.has(item.parentItemId) ? item.parentItemId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const out: NumberedItem<T>[] = [];
  let elapsed = toMinutes(meetingStartsAt);
  const seen = new Set<number>();
  const walk = (parent: number | null, prefix: string, depth: number) => {
    (children.get(parent) ?? []).forEach((item, i) => {
      if (seen.has(item.id)) return;
      seen.add(item.id);
      const number = prefix ? `${prefix}.${i + 1}` : String(i + 1);
      out.push({ ...item, number, depth, startsAt: elapsed === null ? null : clock(elapsed) });
      if (elapsed !== null) elapsed += item.durationMinutes ?? 0;
      walk(item.id, number, depth + 1);
    });
  };
  walk(null, "", 0);
  return out;
}

/** The day a meeting's pack is due: the meeting's own date if set, else its lead days before. */
export function packDueOn(meetsOn: IsoDate, storedDueOn: IsoDate | null, leadDays: number | null): IsoDate {
  return storedDueOn ?? addDays(meetsOn, -(leadDays ?? 7));
}

/** A pack not published by its due day is late from the day after. */
export function isPackLate(dueOn: IsoDate, today: IsoDate): boolean {
  return today > dueOn;
}

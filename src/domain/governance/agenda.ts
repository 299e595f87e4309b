// The agenda's shape (issue 13): items nest under a parent and are ordered within it; the page and the
// pack number them 1, 1.1, 1.2, 2 … And the references of decisions and meeting actions, which a board
// quotes in its minutes ("DAOB-2026-003"). Pure: the services read the rows and write the outcome.

export interface AgendaNode {
  id: number;
  parentItemId: number | null;
  position: number;
}

export type Numbered<T extends AgendaNode> = T & { number: string; depth: number; childCount: number };

function childrenByParent<T extends AgendaNode>(items: readonly T[]): Map<number | null, T[]> {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(items.map((i) => i.id));
  for (const item of items) {
    // An item whose parent is missing (never by the service, but defensively) sits at the top.
    const parent = item.parentItemId !== null && ids.has(item.parentItemId) ? item.parentItemId : null;
    const list = byParent.get(parent) ?? [];
    list.push(item);
    byParent.set(parent, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  return byParent;
}

/** The items in reading order (each parent before its children), numbered "1", "1.1", "1.1.1". */
export function numberAgenda<T extends AgendaNode>(items: readonly T[]): Numbered<T>[] {
  const byParent = childrenByParent(items);
  const out: Numbered<T>[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, prefix: string, depth: number) => {
    (byParent.get(parent) ?? []).forEach((item, i) => {
      if (seen.has(item.id)) return; // a cycle cannot loop forever
      seen.add(item.id);
      const number = prefix === "" ? String(i + 1) : `${prefix}.${i + 1}`;
      out.push({ ...item, number, depth, childCount: byParent.get(item.id)?.length ?? 0 });
      walk(item.id, number, depth + 1);
    });
  };
  walk(null, "", 0);
  return out;
}

/** The item and everything under it, at any depth (what deleting it removes). */
export function descendantsOf(items: readonly AgendaNode[], id: number): number[] {
  const byParent = childrenByParent(items);
  const out: number[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as number;
    if (out.includes(next)) continue;
    out.push(next);
    for (const child of byParent.get(next) ?? []) stack.push(child.id);
  }
  return out;
}

/** Items an item may sit under: any other item of the meeting that is not itself or below it. */
export function possibleParents<T extends AgendaNode>(items: readonly T[], id: number | null): T[] {
  const excluded = new Set(id === null ? [] : descendantsOf(items, id));
  return items.filter((i) => !excluded.has(i.id));
}

/**
 * Moving an item up or down swaps it with its neighbour among its siblings. Returns the two new
 * positions to write, or null when it is already first (up) or last (down).
 */
export function moveWithinSiblings(
  items: readonly AgendaNode[],
  id: number,
  direction: "up" | "down",
): { id: number; position: number }[] | null {
  const item = items.find((i) => i.id === id);
  if (!item) return null;
  const siblings = items
    .filter((i) => i.parentItemId === item.parentItemId)
    .sort((a, b) => a.position - b.position || a.id - b.id);
  const at = siblings.findIndex((i) => i.id === id);
  const other = siblings[direction === "up" ? at - 1 : at + 1];
  if (!other) return null;
  // Renumber the whole sibling list so equal or gapped positions still move by exactly one place.
  const order = siblings.map((s) => s.id);
  const j = order.indexOf(other.id);
  order[at] = other.id;
  order[j] = id;
  return order.map((sid, i) => ({ id: sid, position: i + 1 }));
}

const SMALL_WORDS = new Set(["and", "of", "the", "for", "&", "on", "in", "a"]);

/**
 * A board's abbreviation for references: the initials of its name's words, small words left out
 * ("Domestic Abuse Operational Board" → "DAOB"), at most six letters; "BRD" when nothing is left.
 */
export function boardAbbreviation(name: string): string {
  const words = name
    .replace(/[^A-Za-z0-9&\s-]/g, " ")
    .split(/[\s-]+/)
    .filter((w) => w !== "" && !SMALL_WORDS.has(w.toLowerCase()));
  const initials = words.map((w) => (/^[A-Z0-9]{2,5}$/.test(w) ? w : (w[0] ?? "").toUpperCase())).join("");
  return initials.slice(0, 6) || "BRD";
}

/** "DAOB-2026-" for decisions, "DAOB-A-2026-" for meeting actions: every reference of a year starts so. */
export function referencePrefix(kind: "decision" | "action", boardName: string, year: number): string {
  const abbreviation = boardAbbreviation(boardName);
  return kind === "decision" ? `${abbreviation}-${year}-` : `${abbreviation}-A-${year}-`;
}

/** The next reference after those already taken with the prefix: "DAOB-2026-004". */
export function nextReference(prefix: string, taken: readonly string[]): string {
  let highest = 0;
  for (const reference of taken) {
    if (!reference.startsWith(prefix)) continue;
    const n = Number(reference.slice(prefix.length));
    if (Number.isSafeInteger(n) && n > highest) highest = n;
  }
  return `${prefix}${String(highest + 1).padStart(3, "0")}`;
}

/** A meeting action is open until done or cancelled; open and past its due date, it is overdue. */
export function isOpenAction(status: string): boolean {
  return status !== "done" && status !== "cancelled";
}

export function isOverdueAction(action: { status: string; dueOn: string | null }, today: string): boolean {
  return isOpenAction(action.status) && action.dueOn !== null && action.dueOn < today;
}

/** The reports an agenda item can be about, with what each report's subject is. */
export const AGENDA_REPORT_KINDS = [
  { value: "strategy-review", label: "Strategy review", subject: "strategy" },
  { value: "action-plan", label: "Action plan", subject: "plan" },
  { value: "round-summary", label: "Update round summary", subject: "round" },
  { value: "key-statistics", label: "Key statistics", subject: null },
  { value: "annual-report", label: "Annual progress report", subject: "plan" },
] as const;
export type AgendaReportKind = (typeof AGENDA_REPORT_KINDS)[number]["value"];

export function isAgendaReportKind(value: unknown): value is AgendaReportKind {
  return AGENDA_REPORT_KINDS.some((k) => k.value === value);
}

// Meetings and agenda items for the forward plan's tests, written directly (the meetings part, A,
// owns their forms): the demo's chain of boards (Operational Group → Steering Group → Health and
// Wellbeing Board) with meetings placed from today, so routes and reminders are the same whatever
// day the tests run.

import { and, eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import { boards } from "../../src/db/schema.ts";
import { agendaItems, meetings } from "../../src/db/schema-governance.ts";
import { ukDay } from "./mail-helpers.ts";

export interface ForwardFixture {
  boards: { daog: number; dasg: number; hwb: number };
  /** Operational Group: +20 (pack due +10), +80. Steering Group: +25 cancelled, +30, +90. H&WB: +60 (pack due +50). */
  meetings: {
    daog1: number;
    daog2: number;
    dasgCancelled: number;
    dasg1: number;
    dasg2: number;
    hwb1: number;
  };
  day: (n: number) => string;
  agendaItemId: number;
}

const BOARD_NAMES = {
  daog: "Domestic Abuse Operational Group",
  dasg: "Domestic Abuse Steering Group",
  hwb: "Ashvale Health and Wellbeing Board",
} as const;

export async function buildForwardFixture(db: Db, partnershipId: number): Promise<ForwardFixture> {
  const ids = {} as ForwardFixture["boards"];
  for (const [key, name] of Object.entries(BOARD_NAMES) as [keyof typeof BOARD_NAMES, string][]) {
    const [row] = await db
      .select({ id: boards.id })
      .from(boards)
      .where(and(eq(boards.partnershipId, partnershipId), eq(boards.name, name)));
    if (!row) throw new Error(`the demo has no board ${name}`);
    ids[key] = row.id;
  }
  const meeting = async (
    boardId: number,
    days: number,
    extra: { packDueDays?: number; status?: string } = {},
  ) => {
    const [row] = await db
      .insert(meetings)
      .values({
        partnershipId,
        boardId,
        meetsOn: ukDay(days),
        status: extra.status ?? "planned",
        packDueOn: extra.packDueDays === undefined ? null : ukDay(extra.packDueDays),
      })
      .returning({ id: meetings.id });
    return row!.id;
  };
  const m = {
    daog1: await meeting(ids.daog, 20, { packDueDays: 10 }),
    daog2: await meeting(ids.daog, 80),
    dasgCancelled: await meeting(ids.dasg, 25, { status: "cancelled" }),
    dasg1: await meeting(ids.dasg, 30),
    dasg2: await meeting(ids.dasg, 90),
    hwb1: await meeting(ids.hwb, 60, { packDueDays: 50 }),
  };
  const [agenda] = await db
    .insert(agendaItems)
    .values({ partnershipId, meetingId: m.dasg1, position: 0, title: "Strategy review", subject: "text" })
    .returning({ id: agendaItems.id });
  return { boards: ids, meetings: m, day: ukDay, agendaItemId: agenda!.id };
}

// Fixtures for the meeting tests (issue 13, part B): a meeting of a board of the test's own, with terms
// (a quorum) and seats, written straight into part A's tables. The demo's boards already have terms,
// seats, meetings, decisions and actions, so a board of its own keeps the test's quorum, seat count
// and reference numbers (its own initials) apart from the demo's. The data version is bumped, as a
// service's write would.

import { and, eq } from "drizzle-orm";
import { boards, memberships, organisations, partnerships, users } from "../../src/db/schema.ts";
import { boardSeats, boardTerms, meetingAttendance, meetings } from "../../src/db/schema-governance.ts";
import { bumpDataVersion, demoUser, type TestApp } from "../support/app.ts";

export interface MeetingFixture {
  partnershipId: number;
  boardId: number;
  meetingId: number;
  seatIds: number[];
  /** The police editor's organisation (owns actions in the tests) and another organisation. */
  ownerOrganisationId: number;
  otherOrganisationId: number;
}

export async function partnershipIdOf(t: TestApp, slug: string): Promise<number> {
  const [row] = await t.database.db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.slug, slug));
  if (!row) throw new Error(`no partnership ${slug}`);
  return row.id;
}

export async function organisationOfUser(t: TestApp, email: string, partnershipId: number): Promise<number> {
  const [row] = await t.database.db
    .select({ id: memberships.organisationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, email), eq(memberships.partnershipId, partnershipId)));
  if (!row) throw new Error(`${email} has no membership`);
  return row.id;
}

/**
 * A meeting on `meetsOn` of a new board, "Test Meetings Board" (references "TMB-…"), with `seatCount`
 * voting seats and terms with `quorum`; or, given `boardId`, another meeting of that board with more seats.
 */
export async function meetingFixture(
  t: TestApp,
  partnershipId: number,
  options: { meetsOn?: string; seatCount?: number; quorum?: number | null; boardId?: number } = {},
): Promise<MeetingFixture> {
  const db = t.database.db;
  const [board] = options.boardId
    ? await db.select().from(boards).where(eq(boards.id, options.boardId))
    : await db.insert(boards).values({ partnershipId, name: "Test Meetings Board" }).returning();
  if (!board) throw new Error("no such board");
  await db
    .insert(boardTerms)
    .values({ boardId: board.id, partnershipId, quorum: options.quorum === undefined ? 2 : options.quorum })
    .onConflictDoNothing();
  const orgs = await db.select().from(organisations).where(eq(organisations.partnershipId, partnershipId));
  const seatCount = options.seatCount ?? 3;
  const seats = seatCount
    ? await db
        .insert(boardSeats)
        .values(
          Array.from({ length: seatCount }, (_, i) => ({
            partnershipId,
            boardId: board.id,
            title: `Seat ${i + 1}`,
            organisationId: orgs[i % orgs.length]?.id ?? null,
            position: i,
          })),
        )
        .returning()
    : [];
  const [meeting] = await db
    .insert(meetings)
    .values({
      partnershipId,
      boardId: board.id,
      meetsOn: options.meetsOn ?? "2026-03-12",
      startsAt: "14:00",
      endsAt: "16:00",
      location: "Council Chamber",
      status: "held",
    })
    .returning();
  await bumpDataVersion(t.database, partnershipId);
  let owner = orgs[0]?.id ?? 0;
  try {
    owner = await organisationOfUser(t, demoUser("editor", "police").email, partnershipId);
  } catch {
    // Another partnership than the demo's: its first organisation owns.
  }
  return {
    partnershipId,
    boardId: board.id,
    meetingId: meeting!.id,
    seatIds: seats.map((s) => s.id),
    ownerOrganisationId: owner,
    otherOrganisationId: orgs.find((o) => o.id !== owner)?.id ?? owner,
  };
}

export async function recordAttendance(t: TestApp, f: MeetingFixture, statuses: string[]): Promise<void> {
  await t.database.db.insert(meetingAttendance).values(
    statuses.map((status, i) => ({
      partnershipId: f.partnershipId,
      meetingId: f.meetingId,
      seatId: f.seatIds[i]!,
      status,
    })),
  );
  await bumpDataVersion(t.database, f.partnershipId);
}

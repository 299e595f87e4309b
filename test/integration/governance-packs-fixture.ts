// A board with seats, a held meeting (attendance, a decision, an action) and the next meeting's
// agenda (a strategy review, a commitment, free text with a sub-item) with context items attached,
// written straight into the governance tables (their own services are other parts' work), for the
// meeting pack tests and the permission matrix.

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import { boards, commitments, organisations, partnerships, strategies, users } from "../../src/db/schema.ts";
import {
  agendaItems,
  boardSeats,
  boardTerms,
  contextAttachments,
  contextItems,
  decisions,
  meetingActions,
  meetingAttendance,
  meetings,
} from "../../src/db/schema-governance.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";

export interface PackFixture {
  partnershipId: number;
  boardId: number;
  previousMeetingId: number;
  meetingId: number;
  decisionId: number;
  meetingActionId: number;
  textItemId: number;
  strategyId: number;
  commitmentId: number;
  holderUserId: number | null;
  deputyUserId: number | null;
}

let counter = 0;

/**
 * Builds the fixture in the partnership `slug`: a new board with a sub-board, the partnership's first
 * strategy and commitment.
 * Seats name the given members (by e-mail) when they exist in the partnership. The next meeting is
 * `daysAhead` from today.
 */
export async function seedPackFixture(
  db: Db,
  slug: string,
  options: { holderEmail?: string; deputyEmail?: string; daysAhead?: number } = {},
): Promise<PackFixture> {
  const n = ++counter;
  const [p] = await db.select().from(partnerships).where(eq(partnerships.slug, slug));
  const pid = p!.id;
  // Its own board (and a sub-board under it), so the demo's boards, with their own seats,
  // meetings and decisions, stay out of what the tests count.
  const [board] = await db
    .insert(boards)
    .values({ partnershipId: pid, name: `Pack test board ${n}`, description: "Meeting pack tests" })
    .returning();
  await db
    .insert(boards)
    .values({ partnershipId: pid, name: `Pack test sub-group ${n}`, parentBoardId: board!.id });
  const [strategy] = await db.select().from(strategies).where(eq(strategies.partnershipId, pid)).limit(1);
  const [commitment] = await db
    .select()
    .from(commitments)
    .where(and(eq(commitments.partnershipId, pid), eq(commitments.strategyId, strategy!.id)))
    .orderBy(asc(commitments.position))
    .limit(1);
  const [org] = await db.select().from(organisations).where(eq(organisations.partnershipId, pid)).limit(1);
  const userId = async (email?: string) =>
    email
      ? ((await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]?.id ?? null)
      : null;
  const holderUserId = await userId(options.holderEmail);
  const deputyUserId = await userId(options.deputyEmail);
  await db.insert(boardTerms).values({
    boardId: board!.id,
    partnershipId: pid,
    kind: "health_wellbeing",
    chair: "Director of Public Health",
    quorum: 2,
  });
  const seats = await db
    .insert(boardSeats)
    .values([
      { partnershipId: pid, boardId: board!.id, title: "Chair", holderUserId, holderName: "", position: 1 },
      {
        partnershipId: pid,
        boardId: board!.id,
        title: "Police",
        organisationId: org!.id,
        holderName: "Chief Inspector",
        deputyUserId,
        position: 2,
      },
      {
        partnershipId: pid,
        boardId: board!.id,
        title: "Adviser",
        holderName: "Legal adviser",
        voting: false,
        position: 3,
      },
    ])
    .returning();
  const today = ukDateOf(new Date());
  const [previous, next] = await db
    .insert(meetings)
    .values([
      {
        partnershipId: pid,
        boardId: board!.id,
        meetsOn: addDays(today, -60 - n),
        status: "held",
        startsAt: "14:00",
      },
      {
        partnershipId: pid,
        boardId: board!.id,
        meetsOn: addDays(today, options.daysAhead ?? 20),
        status: "planned",
        startsAt: "14:00",
        endsAt: "16:00",
        location: "County Hall, Committee Room 2",
      },
    ])
    .returning();
  await db.insert(meetingAttendance).values([
    { partnershipId: pid, meetingId: previous!.id, seatId: seats[0]!.id, status: "present" },
    {
      partnershipId: pid,
      meetingId: previous!.id,
      seatId: seats[1]!.id,
      status: "deputy",
      attendeeName: "Inspector Deputy",
    },
    { partnershipId: pid, meetingId: previous!.id, seatId: seats[2]!.id, status: "apology" },
  ]);
  const [decision] = await db
    .insert(decisions)
    .values({
      partnershipId: pid,
      meetingId: previous!.id,
      reference: `HWB/${slug}/${n}`,
      decision: `Agree the refreshed governance ${n}`,
      decidedOn: previous!.meetsOn,
      keyDecision: true,
    })
    .returning();
  const [action] = await db
    .insert(meetingActions)
    .values({
      partnershipId: pid,
      meetingId: previous!.id,
      reference: `A/${slug}/${n}`,
      description: `Bring the refuge capacity review ${n}`,
      ownerOrganisationId: org!.id,
      dueOn: addDays(today, 10),
      status: "in_progress",
    })
    .returning();
  const items = await db
    .insert(agendaItems)
    .values([
      {
        partnershipId: pid,
        meetingId: next!.id,
        position: 1,
        title: "Welcome and apologies",
        durationMinutes: 5,
        subject: "text",
        description: "The chair welcomes the board.",
      },
      {
        partnershipId: pid,
        meetingId: next!.id,
        position: 2,
        title: "Strategy progress",
        purpose: "discussion",
        presenter: "Partnership coordinator",
        durationMinutes: 30,
        subject: "report",
        reportKind: "strategy-review",
        reportSubjectId: strategy!.id,
      },
      {
        partnershipId: pid,
        meetingId: next!.id,
        position: 3,
        title: "Commitment in focus",
        purpose: "decision",
        durationMinutes: 20,
        subject: "commitment",
        commitmentId: commitment!.id,
      },
    ])
    .returning();
  const [child] = await db
    .insert(agendaItems)
    .values({
      partnershipId: pid,
      meetingId: next!.id,
      parentItemId: items[0]!.id,
      position: 1,
      title: "Declarations of interest",
      subject: "text",
      durationMinutes: 5,
    })
    .returning();
  const [bill, guidance] = await db
    .insert(contextItems)
    .values([
      {
        partnershipId: pid,
        title: `Victims and Prisoners Act ${n}`,
        kind: "act",
        stage: "Royal Assent",
        stageOn: "2024-05-24",
        summary: "Duties on victims' services.",
      },
      {
        partnershipId: pid,
        title: `Statutory guidance ${n}`,
        kind: "statutory_guidance",
        stage: "Published",
        summary: "Guidance for local partnership boards.",
      },
    ])
    .returning();
  await db.insert(contextAttachments).values([
    { partnershipId: pid, contextItemId: bill!.id, agendaItemId: items[2]!.id },
    {
      partnershipId: pid,
      contextItemId: guidance!.id,
      reportKind: "strategy-review",
      reportSubjectId: strategy!.id,
    },
  ]);
  return {
    partnershipId: pid,
    boardId: board!.id,
    previousMeetingId: previous!.id,
    meetingId: next!.id,
    decisionId: decision!.id,
    meetingActionId: action!.id,
    textItemId: child!.id,
    strategyId: strategy!.id,
    commitmentId: commitment!.id,
    holderUserId,
    deputyUserId,
  };
}

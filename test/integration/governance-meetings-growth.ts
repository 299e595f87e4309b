// The meeting pages in query-count.test.ts (issue 13, part B): the demo's Steering Group's last held
// meeting (it has decisions and actions), and how it grows: more items nested two deep about a report,
// a commitment and text, with minutes, decisions, actions and updates; more seats and another meeting
// of the board with attendance.

import { and, desc, eq } from "drizzle-orm";
import { boards, commitments, strategies } from "../../src/db/schema.ts";
import { meetingActions, meetings } from "../../src/db/schema-governance.ts";
import { systemActor } from "../../src/services/actor.ts";
import type { AgendaItemInput } from "../../src/services/governance/meetings-agenda.ts";
import type { TestApp } from "../support/app.ts";
import { meetingFixture, recordAttendance } from "./governance-meetings-fixtures.ts";

export interface DemoMeeting {
  meetingId: number;
  boardId: number;
  /** One of the meeting's actions, for its page. */
  actionId: number;
}

export async function demoHeldMeeting(t: TestApp, partnershipId: number): Promise<DemoMeeting> {
  const [row] = await t.database.db
    .select({ meetingId: meetings.id, boardId: meetings.boardId, actionId: meetingActions.id })
    .from(meetings)
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .innerJoin(meetingActions, eq(meetingActions.meetingId, meetings.id))
    .where(
      and(
        eq(meetings.partnershipId, partnershipId),
        eq(meetings.status, "held"),
        eq(boards.name, "Domestic Abuse Steering Group"),
      ),
    )
    .orderBy(desc(meetings.meetsOn), meetingActions.id)
    .limit(1);
  if (!row) throw new Error("the demo's Steering Group has no held meeting with actions");
  return row;
}

const base: AgendaItemInput = {
  title: "",
  parentItemId: null,
  purpose: "discussion",
  presenter: "Coordinator",
  durationMinutes: 10,
  subject: "text",
  reportKind: null,
  reportSubjectId: null,
  commitmentId: null,
  description: "",
};

/** `n` "Growth" items with decisions and actions owned by `ownerOrganisationId`; `n` updates of the measured action. */
export async function growMeeting(
  t: TestApp,
  partnershipId: number,
  m: DemoMeeting,
  ownerOrganisationId: number,
  n: number,
): Promise<void> {
  const actor = systemActor("query-count test", partnershipId);
  const service = t.services.governanceMeetings;
  const [strategy] = await t.database.db
    .select()
    .from(strategies)
    .where(eq(strategies.partnershipId, partnershipId))
    .limit(1);
  const [commitment] = await t.database.db
    .select()
    .from(commitments)
    .where(eq(commitments.strategyId, strategy!.id))
    .limit(1);
  for (let i = 1; i <= n; i += 1) {
    const top = await service.add(actor, m.meetingId, {
      ...base,
      title: `Growth report item ${i}`,
      subject: "report",
      reportKind: "strategy-review",
      reportSubjectId: strategy!.id,
    });
    const child = await service.add(actor, m.meetingId, {
      ...base,
      title: `Growth commitment item ${i}`,
      parentItemId: top.id,
      subject: "commitment",
      commitmentId: commitment!.id,
    });
    await service.add(actor, m.meetingId, {
      ...base,
      title: `Growth text item ${i}`,
      parentItemId: child.id,
    });
    const item = await service.item(actor, top.id);
    await service.saveMinutes(actor, top.id, item.item.version, `Minutes of growth ${i}`);
    await service.addDecision(actor, m.meetingId, {
      decision: `Growth decision ${i}`,
      reasons: "Because",
      alternativesConsidered: "",
      decisionMaker: "The board",
      decidedOn: "2026-03-12",
      keyDecision: false,
      status: "agreed",
      agendaItemId: top.id,
    });
    await service.addAction(actor, m.meetingId, {
      description: `Growth action from the meeting ${i}`,
      ownerOrganisationId,
      dueOn: "2030-06-30",
      status: "not_started",
      agendaItemId: child.id,
    });
  }
  for (let i = 1; i <= n; i += 1) {
    const current = await service.action(actor, m.actionId);
    await service.progress(actor, m.actionId, current.action.version, {
      status: "in_progress",
      rating: "amber",
      narrative: `Growth update ${i}`,
    });
  }
  // More seats on the board, and another meeting with their attendance.
  const more = await meetingFixture(t, partnershipId, {
    seatCount: 5,
    boardId: m.boardId,
    meetsOn: "2030-06-11",
  });
  await recordAttendance(t, more, ["present", "present", "absent", "present", "apology"]);
}

// The meetings part of the permission matrix (permissions.test.ts, issue 13 part B): the ids its
// routes need in each partnership (a meeting with two agenda items, a decision and an action owned
// by the lead editor's organisation), a valid body for each of its POST routes, and the routes only
// the owner organisation's editors and the coordinator may use.
import { eq } from "drizzle-orm";
import { agendaItems, decisions, meetingActions } from "../../src/db/schema-governance.ts";
import type { Actor } from "../../src/services/actor.ts";
import { partnershipOf } from "../../src/services/permissions.ts";
import type { TestApp } from "../support/app.ts";
import { meetingFixture } from "./governance-meetings-fixtures.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/** Routes the owner organisation's editors may use as well as the coordinator (the matrix's lead editor owns). */
export const GOVERNANCE_MEETINGS_OWNER_ROUTES = ["/p/:slug/meeting-actions/:meetingActionId/update"];

export async function governanceMeetingsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const f = await meetingFixture(t, partnershipOf(actor), { seatCount: 2 });
  const meetings = t.services.governanceMeetings;
  const item = {
    parentItemId: null,
    purpose: "decision" as const,
    presenter: "Coordinator",
    durationMinutes: 10,
    subject: "text" as const,
    reportKind: null,
    reportSubjectId: null,
    commitmentId: null,
    description: "",
  };
  const first = await meetings.add(actor, f.meetingId, { ...item, title: "Matrix item" });
  await meetings.add(actor, f.meetingId, { ...item, title: "Matrix second item" });
  const decision = await meetings.addDecision(actor, f.meetingId, {
    decision: "Matrix decision",
    reasons: "",
    alternativesConsidered: "",
    decisionMaker: "The board",
    decidedOn: "2026-03-12",
    keyDecision: false,
    status: "agreed",
    agendaItemId: null,
  });
  const action = await meetings.addAction(actor, f.meetingId, {
    description: "Matrix action",
    ownerOrganisationId: f.ownerOrganisationId,
    dueOn: "2026-06-30",
    status: "not_started",
    agendaItemId: null,
  });
  return {
    meetingId: f.meetingId,
    agendaItemId: first.id,
    decisionId: decision.id,
    meetingActionId: action.id,
  };
}

export function governanceMeetingsMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const agendaRow = async (id: number) =>
    (await db().select().from(agendaItems).where(eq(agendaItems.id, id)))[0];
  const itemBody = (title: string) => ({
    title,
    parentItemId: "",
    purpose: "discussion",
    presenter: "Coordinator",
    durationMinutes: "10",
    subject: "text",
    report: "",
    commitmentId: "",
    description: "",
  });
  return {
    "POST /p/:slug/meetings/:meetingId/agenda/new": async () => itemBody(`Matrix added ${next()}`),
    "POST /p/:slug/agenda/:agendaItemId/edit": async (ids) => ({
      ...itemBody(`Matrix item ${next()}`),
      version: String((await agendaRow(ids.agendaItemId!))?.version ?? 1),
    }),
    "POST /p/:slug/agenda/:agendaItemId/move": async () => ({ direction: "down" }),
    // The admin's post deletes the item: the routes after it get a fresh item (written straight to
    // the table, so the matrix's "nothing changed" fingerprint is not moved by the fixture itself).
    "POST /p/:slug/agenda/:agendaItemId/delete": async (ids) => {
      const current = await agendaRow(ids.agendaItemId!);
      if (current) {
        const { id: _, createdAt: __, ...copy } = current;
        const [fresh] = await db()
          .insert(agendaItems)
          .values({ ...copy, title: `Matrix item ${next()}`, position: copy.position + 100 })
          .returning();
        ids.agendaItemId = fresh!.id;
      }
      return {};
    },
    "POST /p/:slug/agenda/:agendaItemId/minutes": async (ids) => ({
      version: String((await agendaRow(ids.agendaItemId!))?.version ?? 1),
      minutes: `The board discussed the matrix (${next()}).`,
    }),
    "POST /p/:slug/meetings/:meetingId/decisions/new": async () => ({
      decision: `Matrix decision ${next()}`,
      reasons: "",
      alternativesConsidered: "",
      decisionMaker: "The board",
      "decidedOn-day": "12",
      "decidedOn-month": "3",
      "decidedOn-year": "2026",
      keyDecision: "no",
      status: "agreed",
      agendaItemId: "",
    }),
    "POST /p/:slug/decisions/:decisionId/edit": async (ids) => {
      const [row] = await db().select().from(decisions).where(eq(decisions.id, ids.decisionId!));
      return {
        decision: `Matrix decision changed ${next()}`,
        reasons: "",
        alternativesConsidered: "",
        decisionMaker: "The board",
        "decidedOn-day": "12",
        "decidedOn-month": "3",
        "decidedOn-year": "2026",
        keyDecision: "no",
        status: "implemented",
        agendaItemId: "",
        version: String(row?.version ?? 1),
      };
    },
    "POST /p/:slug/meetings/:meetingId/actions/new": async (ids) => ({
      description: `Matrix action ${next()}`,
      ownerOrganisationId: String(ids.organisationId),
      "dueOn-day": "",
      "dueOn-month": "",
      "dueOn-year": "",
      status: "not_started",
      agendaItemId: "",
    }),
    "POST /p/:slug/meeting-actions/:meetingActionId/edit": async (ids) => {
      const [row] = await db()
        .select()
        .from(meetingActions)
        .where(eq(meetingActions.id, ids.meetingActionId!));
      return {
        description: `Matrix action changed ${next()}`,
        ownerOrganisationId: String(row?.ownerOrganisationId ?? ids.organisationId),
        "dueOn-day": "30",
        "dueOn-month": "6",
        "dueOn-year": "2026",
        status: "in_progress",
        agendaItemId: "",
        version: String(row?.version ?? 1),
      };
    },
    "POST /p/:slug/meeting-actions/:meetingActionId/update": async (ids) => {
      const [row] = await db()
        .select()
        .from(meetingActions)
        .where(eq(meetingActions.id, ids.meetingActionId!));
      return {
        version: String(row?.version ?? 1),
        status: "in_progress",
        rating: "green",
        narrative: `On track (${next()}).`,
      };
    },
  };
}

// Decisions and meeting actions (issue 13, part B), recorded by admins. Each gets a reference quoted
// in minutes and logs — "DAOB-2026-003" for a decision, "DAOB-A-2026-003" for an action: the board's
// abbreviation, the year, the next number of that board and year — unique in the partnership (the
// unique index is the last word: a clash with a concurrent insert takes the next number).

import { and, eq } from "drizzle-orm";
import {
  findDecision,
  findMeeting,
  findMeetingAction,
  takenReferences,
} from "../../data/governance/meetings-reads.ts";
import { findOrganisation } from "../../data/organisations.ts";
import { updateVersioned } from "../../data/versioned.ts";
import type { Db, Tx } from "../../db/database.ts";
import { agendaItems, decisions, meetingActions } from "../../db/schema-governance.ts";
import { nextReference, referencePrefix } from "../../domain/governance/agenda.ts";
import type { DecisionStatus, MeetingActionStatus } from "../../domain/governance/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";

export const DECISION_ENTITY = "decision";
export const MEETING_ACTION_ENTITY = "meeting-action";

export interface DecisionInput {
  decision: string;
  reasons: string;
  alternativesConsidered: string;
  decisionMaker: string;
  decidedOn: string;
  keyDecision: boolean;
  status: DecisionStatus;
  agendaItemId: number | null;
}

export interface MeetingActionInput {
  description: string;
  ownerOrganisationId: number;
  dueOn: string | null;
  status: MeetingActionStatus;
  agendaItemId: number | null;
}

async function checkAgendaItem(tx: Tx, pid: number, meetingId: number, agendaItemId: number | null) {
  if (agendaItemId === null) return;
  const [row] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.partnershipId, pid),
        eq(agendaItems.meetingId, meetingId),
        eq(agendaItems.id, agendaItemId),
      ),
    );
  if (!row)
    throw new ValidationError([
      { field: "agendaItemId", message: "Select an item of this meeting's agenda" },
    ]);
}

async function checkOwner(tx: Tx, pid: number, organisationId: number) {
  if (!(await findOrganisation(tx, pid, organisationId)))
    throw new ValidationError([
      { field: "ownerOrganisationId", message: "Select the organisation that owns the action" },
    ]);
}

/** Inserts with the next free reference, taking the next number if a concurrent insert took it. */
async function insertWithReference<Row>(
  tx: Tx,
  pid: number,
  kind: "decision" | "action",
  prefix: string,
  insert: (reference: string) => Promise<Row | undefined>,
): Promise<Row> {
  const taken = await takenReferences(tx, pid, kind, prefix);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const reference = nextReference(prefix, taken);
    const row = await insert(reference);
    if (row) return row;
    taken.push(reference);
  }
  throw new Error(`no free ${kind} reference after 20 attempts (${prefix})`);
}

export function createDecisionService(db: Db) {
  return {
    async addDecision(actor: Actor, meetingId: number, input: DecisionInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const flagged = guardText(
        {
          decision: input.decision,
          reasons: input.reasons,
          alternativesConsidered: input.alternativesConsidered,
        },
        options,
      );
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const meeting = found(await findMeeting(tx, pid, meetingId), "That meeting");
        await checkAgendaItem(tx, pid, meetingId, input.agendaItemId);
        const prefix = referencePrefix("decision", meeting.board.name, Number(input.decidedOn.slice(0, 4)));
        const row = await insertWithReference(tx, pid, "decision", prefix, async (reference) => {
          const [r] = await tx
            .insert(decisions)
            .values({ ...input, partnershipId: pid, meetingId, reference })
            .onConflictDoNothing()
            .returning();
          return r;
        });
        audit({
          partnershipId: pid,
          action: "decision.create",
          entityType: DECISION_ENTITY,
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: DECISION_ENTITY,
          entityId: row.id,
        });
        return row;
      });
    },

    /** The reference stays what it was: minutes and other papers already quote it. */
    async editDecision(
      actor: Actor,
      decisionId: number,
      expectedVersion: number,
      input: DecisionInput,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText(
        {
          decision: input.decision,
          reasons: input.reasons,
          alternativesConsidered: input.alternativesConsidered,
        },
        options,
      );
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await findDecision(tx, pid, decisionId), "That decision");
        await checkAgendaItem(tx, pid, current.meeting.id, input.agendaItemId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            decisions,
            { partnershipId: pid, id: decisionId, expectedVersion },
            input,
          ),
          "That decision",
        );
        audit({
          partnershipId: pid,
          action: "decision.update",
          entityType: DECISION_ENTITY,
          entityId: decisionId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: DECISION_ENTITY,
          entityId: decisionId,
        });
        return after;
      });
    },

    decision: async (actor: Actor, decisionId: number) =>
      found(await findDecision(db, partnershipOf(actor), decisionId), "That decision"),

    async addAction(actor: Actor, meetingId: number, input: MeetingActionInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const flagged = guardText({ description: input.description }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const meeting = found(await findMeeting(tx, pid, meetingId), "That meeting");
        await checkAgendaItem(tx, pid, meetingId, input.agendaItemId);
        await checkOwner(tx, pid, input.ownerOrganisationId);
        const prefix = referencePrefix(
          "action",
          meeting.board.name,
          Number(meeting.meeting.meetsOn.slice(0, 4)),
        );
        const row = await insertWithReference(tx, pid, "action", prefix, async (reference) => {
          const [r] = await tx
            .insert(meetingActions)
            .values({ ...input, partnershipId: pid, meetingId, reference })
            .onConflictDoNothing()
            .returning();
          return r;
        });
        audit({
          partnershipId: pid,
          action: "meeting-action.create",
          entityType: MEETING_ACTION_ENTITY,
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: MEETING_ACTION_ENTITY,
          entityId: row.id,
        });
        return row;
      });
    },

    async editAction(
      actor: Actor,
      meetingActionId: number,
      expectedVersion: number,
      input: MeetingActionInput,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const flagged = guardText({ description: input.description }, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await findMeetingAction(tx, pid, meetingActionId), "That action");
        await checkAgendaItem(tx, pid, current.meeting.id, input.agendaItemId);
        await checkOwner(tx, pid, input.ownerOrganisationId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            meetingActions,
            { partnershipId: pid, id: meetingActionId, expectedVersion },
            { ...input, updatedAt: new Date() },
          ),
          "That action",
        );
        audit({
          partnershipId: pid,
          action: "meeting-action.update",
          entityType: MEETING_ACTION_ENTITY,
          entityId: meetingActionId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: MEETING_ACTION_ENTITY,
          entityId: meetingActionId,
        });
        return after;
      });
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;

// Meeting packs: the coordinator's draft (built live from the agenda), publishing (which freezes the
// web page and the Word file as they are sent, as version n + 1 with a reason from version 2 on, and
// tells the board's members by e-mail), a member opening a published pack (a receipt the first time),
// and what the home pages show: a member's latest packs, the coordinator's packs due.

import type { Config } from "../../config.ts";
import * as data from "../../data/governance/pack-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import type { Database, Db } from "../../db/database.ts";
import { isPackLate, packDueOn } from "../../domain/governance/pack-agenda.ts";
import { addDays, type IsoDate, ukDateOf } from "../../domain/periods.ts";
import { TEXT_LIMITS } from "../../domain/text-limits.ts";
import { enqueueMail } from "../../notify/outbox.ts";
import { buildMeetingPack } from "../../reports/governance/meeting-pack.ts";
import { renderPackDocx, renderPackHtml } from "../../reports/governance/render-pack.ts";
import type { Actor } from "../actor.ts";
import { actorUserId } from "../actor.ts";
import { type FieldError, ValidationError } from "../errors.ts";
import type { createIndicatorService } from "../indicator-service.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import type { createRatingService } from "../rating-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createGovernanceApiReads } from "./packs-api.ts";
import { packPublishedMail } from "./packs-mail.ts";

/** How far ahead the coordinator's "Packs due" looks. */
export const PACKS_DUE_WEEKS = 6;

export interface PublishInput {
  reason: string;
  /** How many versions the coordinator saw on the page: another published meanwhile is reported. */
  seenVersions: number;
}

interface Dependencies {
  database: Database;
  indicators: ReturnType<typeof createIndicatorService>;
  ratings: ReturnType<typeof createRatingService>;
  onMailQueued?: () => void;
  clock?: () => Date;
}

export function createGovernancePacksService(db: Db, config: Config, deps: Dependencies) {
  const clock = deps.clock ?? (() => new Date());
  const baseUrl = config.baseUrl.replace(/\/$/, "");
  const today = (): IsoDate => ukDateOf(clock());

  return {
    /** The API's governance reads (boards, meetings with agenda, decisions, meeting actions). */
    api: createGovernanceApiReads(db),

    /** The pack as it would be published today, the versions so far and who opened them (coordinator). */
    async draft(actor: Actor, meetingId: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const pack = await buildMeetingPack(deps, actor, meetingId, today(), { png: false });
      const [versions, receipts, recipients] = await readTogether(db, [
        () => data.listPacks(db, pid, meetingId),
        () => data.listReceipts(db, pid, meetingId),
        () => data.listPackRecipients(db, pid, pack.meeting.meeting.boardId),
      ] as const);
      return { ...pack, versions, receipts, recipients };
    },

    /** Publishes the pack as at today: stored, audited, and mailed to the board's members once each. */
    async publish(actor: Actor, meetingId: number, input: PublishInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const reason = input.reason.trim();
      const flagged = guardText({ reason }, options);
      const asAt = today();
      // Built before the transaction: a report's reads overlap on the pool, not on one connection.
      const pack = await buildMeetingPack(deps, actor, meetingId, asAt);
      const html = renderPackHtml(pack.doc);
      const docx = await renderPackDocx(pack.doc);
      return inTransaction(db, actor, async ({ tx, audit, afterCommit }) => {
        found(await data.lockMeeting(tx, pid, meetingId), "That meeting");
        const versions = await data.listPacks(tx, pid, meetingId);
        const errors: FieldError[] = [];
        if (versions.length !== input.seenVersions) {
          const latest = versions.at(-1);
          errors.push({
            field: "reason",
            message: latest
              ? `Version ${latest.packVersion} was published while you were looking at the draft: read it before publishing again`
              : "The page was out of date: look at the draft again before publishing",
          });
        } else if (versions.length > 0 && reason === "")
          errors.push({ field: "reason", message: "Enter why this version replaces the last one" });
        if (reason.length > TEXT_LIMITS.packReason)
          errors.push({
            field: "reason",
            message: `Reason must be ${TEXT_LIMITS.packReason} characters or fewer`,
          });
        if (errors.length > 0) throw new ValidationError(errors);
        const packVersion = versions.length + 1;
        const row = await data.insertPack(tx, {
          partnershipId: pid,
          meetingId,
          packVersion,
          asAt,
          reason,
          title: pack.doc.title,
          html,
          docx,
          publishedByUserId: actorUserId(actor),
        });
        audit({
          partnershipId: pid,
          action: "meeting-pack.publish",
          entityType: "meeting-pack",
          entityId: row.id,
          after: { meetingId, packVersion, asAt, reason, title: row.title },
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "meeting-pack",
          entityId: row.id,
        });
        const m = pack.meeting;
        const { people } = await data.listPackRecipients(tx, pid, m.meeting.boardId);
        const packUrl = `${baseUrl}/p/${m.partnershipSlug}/packs/${row.id}`;
        const queued = await enqueueMail(
          tx,
          people.map((person) => ({
            partnershipId: pid,
            // One mail per pack version and person, however often publishing is retried.
            dedupeKey: `meeting-pack:${row.id}:user:${person.userId}`,
            kind: "meeting-pack-published",
            to: person.email,
            ...packPublishedMail({
              partnershipName: m.partnershipName,
              recipientName: person.name,
              boardName: m.boardName,
              meetsOn: m.meeting.meetsOn,
              packVersion,
              reason,
              packUrl,
            }),
          })),
        );
        if (queued > 0) afterCommit(() => deps.onMailQueued?.());
        return { pack: row, mailsQueued: queued };
      });
    },

    /**
     * A published pack as stored, with the meeting's versions; opening it records the member's
     * receipt the first time (not the publisher's own look at the version they sent).
     */
    async open(actor: Actor, packId: number) {
      const pid = partnershipOf(actor);
      const pack = found(await data.findPack(db, pid, packId), "That pack");
      const userId = actorUserId(actor);
      const [versions, meeting] = await readTogether(db, [
        () => data.listPacks(db, pid, pack.meetingId),
        () => data.findPackMeeting(db, pid, pack.meetingId),
        // Who published a version has not "received" it: their own look at it is not a receipt.
        ...(userId !== null && actor.kind === "member" && userId !== pack.publishedByUserId
          ? [() => data.recordReceipt(db, pid, packId, userId)]
          : []),
      ] as const);
      return { pack, versions, meeting: found(meeting, "That meeting") };
    },

    /** The stored Word file, byte for byte as published. */
    async docx(actor: Actor, packId: number) {
      const pid = partnershipOf(actor);
      const row = found(await data.findPackDocx(db, pid, packId), "That pack");
      const userId = actorUserId(actor);
      if (userId !== null && actor.kind === "member" && userId !== row.publishedByUserId)
        await data.recordReceipt(db, pid, packId, userId);
      return row;
    },

    /** The latest published pack of each board the member sits on. */
    latestForMember(actor: Actor) {
      const userId = actorUserId(actor);
      if (userId === null) return Promise.resolve([]);
      return data.listLatestPacksForMember(db, partnershipOf(actor), userId);
    },

    /** Meetings in the next six weeks whose pack is unpublished, with the day it is due; late ones marked. */
    async packsDue(actor: Actor) {
      requireAdmin(actor);
      const now = today();
      const rows = await data.listPacksDue(db, partnershipOf(actor), now, addDays(now, PACKS_DUE_WEEKS * 7));
      return rows.map((r) => {
        const dueOn = packDueOn(r.meetsOn, r.packDueOn, r.packLeadDays);
        return { ...r, dueOn, late: isPackLate(dueOn, now) };
      });
    },
  };
}

export type GovernancePacksService = ReturnType<typeof createGovernancePacksService>;

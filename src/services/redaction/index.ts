// The coordinator's redaction: a passage that should never have been written (a victim's name, a
// child's date of birth) is replaced by "[redacted]" in the record, in every audit entry and e-mail of
// the partnership that holds it, and in anything built from them afterwards (reports are built from
// the records, and the data version bump drops cached pages). What is recorded is who, when, why,
// which record and field — never the passage, which is why the reason may not repeat it.

import {
  auditEntriesHolding,
  mailsHolding,
  rewriteAuditEntry,
  rewriteMail,
  startRedaction,
} from "../../data/redactions.ts";
import type { Db, Executor } from "../../db/database.ts";
import { jsonEscaped, passageProblems, redactJson, redactText } from "../../domain/redaction.ts";
import { type Actor, actorLabel, actorUserId } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import { inTransaction } from "../unit-of-work.ts";
import {
  REDACTION_TARGETS,
  type RedactableField,
  type RedactableRecord,
  type RedactionKind,
} from "./targets.ts";

export type { RedactableRecord, RedactionKind } from "./targets.ts";

export interface RedactionRequest {
  field: string;
  passage: string;
  reason: string;
}

export interface CheckedRedaction {
  record: RedactableRecord;
  field: RedactableField;
  /** The passage as the record holds it (line breaks as stored). */
  passage: string;
  reason: string;
}

export interface RedactionOutcome extends CheckedRedaction {
  redactionId: number;
  auditEntries: number;
  mails: number;
  /** Other fields of the same record that still hold the passage. */
  alsoIn: string[];
  /** Other records of the partnership whose text holds it too (each is redacted on its own). */
  elsewhere: { label: string; path: string }[];
}

/**
 * The passage as typed, or with its line breaks as the field holds them: a browser sends a textarea's
 * lines as CRLF, while text that came through the API may have plain LF.
 */
function asHeld(texts: readonly string[], passage: string): string {
  const trimmed = passage.trim();
  if (texts.some((t) => t.includes(trimmed))) return trimmed;
  for (const variant of [trimmed.replace(/\r\n/g, "\n"), trimmed.replace(/\r?\n/g, "\r\n")]) {
    if (texts.some((t) => t.includes(variant))) return variant;
  }
  return trimmed;
}

export function createRedactionService(db: Db) {
  async function load(ex: Executor, actor: Actor, kind: RedactionKind, id: number, lock = false) {
    requireAdmin(actor);
    const record = await REDACTION_TARGETS[kind].load(ex, partnershipOf(actor), id, lock);
    if (!record) throw new NotFoundError("That record");
    return record;
  }

  function check(record: RedactableRecord, input: RedactionRequest): CheckedRedaction {
    const field = record.fields.find((f) => f.key === input.field);
    if (!field) {
      throw new ValidationError([
        { field: "field", message: "Select the part of the record that holds the passage" },
      ]);
    }
    const texts = [field.value, ...field.earlier];
    const passage = asHeld(texts, input.passage);
    const reason = input.reason.trim();
    // Earlier versions count: the passage may have been edited out of the record but kept in its history.
    const problems = passageProblems(texts.join("\n\u0000\n"), passage, reason);
    if (problems.length > 0) throw new ValidationError(problems);
    return { record, field, passage, reason };
  }

  return {
    /** The record and its redactable fields, for the form. Admin only; another partnership's is 404. */
    async record(actor: Actor, kind: RedactionKind, id: number): Promise<RedactableRecord> {
      return load(db, actor, kind, id);
    },

    /** Checks a request without changing anything, for the confirmation page. */
    async check(
      actor: Actor,
      kind: RedactionKind,
      id: number,
      input: RedactionRequest,
    ): Promise<CheckedRedaction> {
      return check(await load(db, actor, kind, id), input);
    },

    /** Redacts the passage everywhere it is stored. Cannot be undone. */
    async redact(
      actor: Actor,
      kind: RedactionKind,
      id: number,
      input: RedactionRequest,
    ): Promise<RedactionOutcome> {
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const checked = check(await load(tx, actor, kind, id, true), input);
        const { record, field, passage, reason } = checked;
        const redaction = await startRedaction(tx, {
          partnershipId: pid,
          userId: actorUserId(actor),
          actor: actorLabel(actor),
          entityType: kind,
          entityId: String(id),
          field: field.key,
          reason,
        });
        await REDACTION_TARGETS[kind].write(tx, pid, record, field.key, passage);

        let auditEntries = 0;
        for (const entry of await auditEntriesHolding(tx, pid, jsonEscaped(passage))) {
          const before = redactJson(entry.before, passage);
          const after = redactJson(entry.after, passage);
          if (before.count + after.count === 0) continue;
          await rewriteAuditEntry(tx, pid, entry.id, { before: before.value, after: after.value });
          auditEntries++;
        }
        let mails = 0;
        for (const mail of await mailsHolding(tx, pid, passage)) {
          await rewriteMail(tx, pid, mail.id, {
            subject: redactText(mail.subject, passage).text,
            textBody: redactText(mail.textBody, passage).text,
          });
          mails++;
        }

        audit({
          partnershipId: pid,
          action: "redaction",
          entityType: record.audit.entityType,
          entityId: record.audit.entityId,
          after: {
            redactionId: redaction.id,
            record: kind,
            recordId: id,
            field: field.label,
            reason,
            auditEntriesRewritten: auditEntries,
            mailsRewritten: mails,
          },
        });
        const alsoIn = record.fields
          .filter((f) => f.key !== field.key && f.value.includes(passage))
          .map((f) => f.label);
        const elsewhere: { label: string; path: string }[] = [];
        for (const [otherKind, target] of Object.entries(REDACTION_TARGETS)) {
          for (const other of await target.holding(tx, pid, passage)) {
            if (otherKind === kind && other.id === id) continue;
            elsewhere.push({ label: other.label, path: other.path });
          }
        }
        return { ...checked, redactionId: redaction.id, auditEntries, mails, alsoIn, elsewhere };
      });
    },
  };
}

export type RedactionService = ReturnType<typeof createRedactionService>;

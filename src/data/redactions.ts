import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Executor, Tx } from "../db/database.ts";
import {
  actions,
  auditLog,
  commitments,
  indicatorDefinitionNotes,
  indicators,
  mailOutbox,
  ratingOverrides,
  redactions,
  rounds,
  updates,
} from "../db/schema.ts";

export type RedactionRow = typeof redactions.$inferSelect;

export interface RedactionInput {
  partnershipId: number;
  userId: number | null;
  actor: string;
  entityType: string;
  entityId: string;
  field: string;
  reason: string;
}

/**
 * Records the redaction and names it as this transaction's, which is what lets the audit log's
 * trigger (migration 0006) accept rewrites of its entries until the transaction ends.
 */
export async function startRedaction(tx: Tx, input: RedactionInput): Promise<RedactionRow> {
  const [row] = await tx.insert(redactions).values(input).returning();
  if (!row) throw new Error("insert returned nothing");
  await tx.execute(sql`select set_config('waymark.redaction_id', ${String(row.id)}, true)`);
  return row;
}

/** The audit entries of a partnership whose before or after JSON text holds `needle`. */
export async function auditEntriesHolding(tx: Tx, partnershipId: number, needle: string) {
  return tx
    .select({ id: auditLog.id, before: auditLog.before, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.partnershipId, partnershipId),
        or(
          sql`strpos(${auditLog.before}::text, ${needle}) > 0`,
          sql`strpos(${auditLog.after}::text, ${needle}) > 0`,
        ),
      ),
    )
    .for("update");
}

export async function rewriteAuditEntry(
  tx: Tx,
  partnershipId: number,
  id: number,
  values: { before: unknown; after: unknown },
): Promise<void> {
  await tx
    .update(auditLog)
    .set({ before: values.before ?? null, after: values.after ?? null })
    .where(and(eq(auditLog.partnershipId, partnershipId), eq(auditLog.id, id)));
}

/** The partnership's e-mails (sent or not) whose subject or body holds the passage. */
export async function mailsHolding(tx: Tx, partnershipId: number, passage: string) {
  return tx
    .select({ id: mailOutbox.id, subject: mailOutbox.subject, textBody: mailOutbox.textBody })
    .from(mailOutbox)
    .where(
      and(
        eq(mailOutbox.partnershipId, partnershipId),
        or(
          sql`strpos(${mailOutbox.subject}, ${passage}) > 0`,
          sql`strpos(${mailOutbox.textBody}, ${passage}) > 0`,
        ),
      ),
    )
    .for("update");
}

export async function rewriteMail(
  tx: Tx,
  partnershipId: number,
  id: number,
  values: { subject: string; textBody: string },
): Promise<void> {
  await tx
    .update(mailOutbox)
    .set(values)
    .where(and(eq(mailOutbox.partnershipId, partnershipId), eq(mailOutbox.id, id)));
}

export async function listRedactions(db: Executor, partnershipId: number, limit = 200) {
  return db
    .select()
    .from(redactions)
    .where(eq(redactions.partnershipId, partnershipId))
    .orderBy(desc(redactions.createdAt), desc(redactions.id))
    .limit(limit);
}

// The records a passage can be redacted from, each with what its page shows as its title.

export async function updateForRedaction(ex: Executor, partnershipId: number, id: number, lock = false) {
  const query = ex
    .select({
      update: updates,
      roundName: rounds.name,
      actionWhat: actions.what,
      commitmentNumber: commitments.number,
    })
    .from(updates)
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .innerJoin(actions, eq(actions.id, updates.actionId))
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .where(and(eq(updates.partnershipId, partnershipId), eq(updates.id, id)));
  const [row] = lock ? await query.for("update", { of: updates }) : await query;
  return row;
}

export async function overrideForRedaction(ex: Executor, partnershipId: number, id: number, lock = false) {
  const query = ex
    .select({
      override: ratingOverrides,
      commitmentNumber: commitments.number,
      commitmentText: commitments.text,
    })
    .from(ratingOverrides)
    .innerJoin(commitments, eq(commitments.id, ratingOverrides.commitmentId))
    .where(and(eq(ratingOverrides.partnershipId, partnershipId), eq(ratingOverrides.id, id)));
  const [row] = lock ? await query.for("update", { of: ratingOverrides }) : await query;
  return row;
}

/** Sets redacted text on an update, as a new version, so a form opened before it is out of date. */
export async function setUpdateText(
  tx: Tx,
  partnershipId: number,
  id: number,
  values: Partial<Pick<UpdateRow, "narrative" | "remedy" | "toNote" | "reviewComment" | "evidenceLinks">>,
): Promise<void> {
  await tx
    .update(updates)
    .set({ ...values, version: sql`${updates.version} + 1` })
    .where(and(eq(updates.partnershipId, partnershipId), eq(updates.id, id)));
}

export async function setOverrideReason(
  tx: Tx,
  partnershipId: number,
  id: number,
  reason: string,
): Promise<void> {
  await tx
    .update(ratingOverrides)
    .set({ reason })
    .where(and(eq(ratingOverrides.partnershipId, partnershipId), eq(ratingOverrides.id, id)));
}

type UpdateRow = typeof updates.$inferSelect;

/** Ids of the partnership's updates whose written text holds the passage. */
export async function updatesHolding(
  ex: Executor,
  partnershipId: number,
  passage: string,
): Promise<number[]> {
  const rows = await ex
    .select({ id: updates.id })
    .from(updates)
    .where(
      and(
        eq(updates.partnershipId, partnershipId),
        or(
          sql`strpos(${updates.narrative}, ${passage}) > 0`,
          sql`strpos(${updates.remedy}, ${passage}) > 0`,
          sql`strpos(${updates.toNote}, ${passage}) > 0`,
          sql`strpos(${updates.reviewComment}, ${passage}) > 0`,
          sql`strpos(array_to_string(${updates.evidenceLinks}, ' '), ${passage}) > 0`,
        ),
      ),
    );
  return rows.map((r) => r.id);
}

/** The partnership's overrides whose reason holds the passage, with the commitment each is on. */
export async function overridesHolding(ex: Executor, partnershipId: number, passage: string) {
  return ex
    .select({ id: ratingOverrides.id, commitmentId: ratingOverrides.commitmentId })
    .from(ratingOverrides)
    .where(
      and(
        eq(ratingOverrides.partnershipId, partnershipId),
        sql`strpos(${ratingOverrides.reason}, ${passage}) > 0`,
      ),
    );
}

export async function noteForRedaction(ex: Executor, partnershipId: number, id: number, lock = false) {
  const query = ex
    .select({ note: indicatorDefinitionNotes, indicatorName: indicators.name })
    .from(indicatorDefinitionNotes)
    .innerJoin(indicators, eq(indicators.id, indicatorDefinitionNotes.indicatorId))
    .where(
      and(eq(indicatorDefinitionNotes.partnershipId, partnershipId), eq(indicatorDefinitionNotes.id, id)),
    );
  const [row] = lock ? await query.for("update", { of: indicatorDefinitionNotes }) : await query;
  return row;
}

export async function setNoteText(tx: Tx, partnershipId: number, id: number, note: string): Promise<void> {
  await tx
    .update(indicatorDefinitionNotes)
    .set({ note })
    .where(
      and(eq(indicatorDefinitionNotes.partnershipId, partnershipId), eq(indicatorDefinitionNotes.id, id)),
    );
}

export async function notesHolding(ex: Executor, partnershipId: number, passage: string) {
  return ex
    .select({ id: indicatorDefinitionNotes.id, indicatorId: indicatorDefinitionNotes.indicatorId })
    .from(indicatorDefinitionNotes)
    .where(
      and(
        eq(indicatorDefinitionNotes.partnershipId, partnershipId),
        sql`strpos(${indicatorDefinitionNotes.note}, ${passage}) > 0`,
      ),
    );
}

import { inArray, sql } from "drizzle-orm";
import { type AuditEntryInput, insertAuditEntries } from "../data/audit.ts";
import type { Db, Tx } from "../db/database.ts";
import { partnerships } from "../db/schema.ts";
import { refusedCharactersMessage, refusedPaths } from "../domain/text-safety.ts";
import { type Actor, actorLabel, actorUserId } from "./actor.ts";
import { ValidationError } from "./errors.ts";

export interface AuditRecord {
  partnershipId: number | null;
  /** Set by the region's own changes, so the region's log can show them. */
  regionId?: number | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface Work {
  tx: Tx;
  actor: Actor;
  /** Records a change; written to the audit log in the same transaction. */
  audit(record: AuditRecord): void;
  /** Runs after the transaction commits (e-mail, job scheduling) and never if it rolls back. */
  afterCommit(fn: () => Promise<void> | void): void;
}

type ErrorReporter = (error: unknown) => void;
let reportAfterCommitError: ErrorReporter = (error) => console.error("after-commit task failed", error);
export function setAfterCommitErrorReporter(reporter: ErrorReporter): void {
  reportAfterCommitError = reporter;
}

/**
 * Text Waymark cannot store (domain/text-safety.ts) is refused at the edges (web forms, the address,
 * imported files); this is the last net, for any caller that missed it: every change is audited with
 * what it wrote, so a change holding such text is refused and its transaction rolled back.
 */
function refuseUnstorableText(records: AuditRecord[]): void {
  const fields = new Set(records.flatMap((r) => refusedPaths(r.after).map((p) => p.split(".")[0] ?? p)));
  if (fields.size === 0) return;
  throw new ValidationError(
    [...fields].map((field) => ({ field: field || "form", message: refusedCharactersMessage(field) })),
  );
}

/**
 * Every change goes through here: one transaction, its audit entries written with it, the data version
 * of each touched partnership bumped (so cached pages are invalidated at once), then after-commit hooks.
 */
export async function inTransaction<T>(db: Db, actor: Actor, fn: (work: Work) => Promise<T>): Promise<T> {
  const hooks: Array<() => Promise<void> | void> = [];
  const result = await db.transaction(async (tx) => {
    const records: AuditRecord[] = [];
    const work: Work = {
      tx,
      actor,
      audit: (record) => records.push(record),
      afterCommit: (hook) => hooks.push(hook),
    };
    const value = await fn(work);
    refuseUnstorableText(records);
    if (records.length > 0) {
      const entries: AuditEntryInput[] = records.map((r) => ({
        ...r,
        actor: actorLabel(actor),
        userId: actorUserId(actor),
      }));
      await insertAuditEntries(tx, entries);
      const touched = [
        ...new Set(records.map((r) => r.partnershipId).filter((id): id is number => id !== null)),
      ];
      if (touched.length > 0) {
        await tx
          .update(partnerships)
          .set({ dataVersion: sql`${partnerships.dataVersion} + 1` })
          .where(inArray(partnerships.id, touched));
      }
    }
    return value;
  });
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      reportAfterCommitError(error);
    }
  }
  return result;
}

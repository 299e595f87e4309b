import type { Executor } from "../db/database.ts";
import { mailOutbox } from "../db/schema.ts";

export interface OutgoingMail {
  partnershipId: number | null;
  /**
   * Names the reason for the mail and its recipient, e.g. "round:12:opened:user:5". The outbox holds
   * each key once, so a reminder is queued exactly once however often (and wherever) it is triggered.
   */
  dedupeKey: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues mails inside the caller's transaction: they exist only if the change that caused them
 * commits. Delivery happens afterwards (see delivery.ts). Returns how many were newly queued.
 */
export async function enqueueMail(tx: Executor, mails: OutgoingMail[]): Promise<number> {
  if (mails.length === 0) return 0;
  const inserted = await tx
    .insert(mailOutbox)
    .values(
      mails.map((m) => ({
        partnershipId: m.partnershipId,
        dedupeKey: m.dedupeKey,
        kind: m.kind,
        toAddress: m.to,
        subject: m.subject,
        textBody: m.text,
      })),
    )
    .onConflictDoNothing({ target: mailOutbox.dedupeKey })
    .returning({ id: mailOutbox.id });
  return inserted.length;
}

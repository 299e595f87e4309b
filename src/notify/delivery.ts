// Sends what the outbox holds. Mails are written to mail_outbox inside the transaction that caused
// them (outbox.ts); this runs afterwards, after commit and on a schedule, on any number of instances.
//
// Claiming: one UPDATE marks a batch as claimed (claimed_at = now(), attempts + 1) and returns it. Its
// inner SELECT … FOR UPDATE SKIP LOCKED makes two instances take different rows; a row another
// instance claimed and committed no longer matches `claimed_at IS NULL`. The claim commits before
// anything is sent, so a mail is handed to SMTP by one instance only.
//
// Failures: the error is kept in last_error and claimed_at stays set, so the mail is tried again
// once the claim has gone stale (`retryAfterSeconds`, 5 minutes by default; this is also how a mail
// claimed by an instance that died is picked up). After `maxAttempts` tries it is left alone and the
// outbox page shows it as failed. WHY not clear claimed_at at once: every commit triggers a delivery
// run, so a broken SMTP server would use up all attempts within seconds.
//
// The one window left: an instance that dies after the SMTP server accepted a mail but before
// sent_at is written will send it again after the claim goes stale. Each mail has a stable
// Message-ID (from its outbox id) so a receiving system can recognise the repeat.

import type { Database } from "../db/database.ts";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  headers?: Record<string, string>;
}

/** What delivery needs of a transport; nodemailer's Transporter fits. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>;
  close?(): void;
}

export interface DeliveryOptions {
  /** The From header (MAIL_FROM). */
  from: string;
  /** Tries before a mail is given up as failed. */
  maxAttempts?: number;
  /** Mails claimed per round trip. */
  batchSize?: number;
  /** How long a claim holds: a failed mail is retried, and a dead instance's claim taken over, after this. */
  retryAfterSeconds?: number;
  /** The domain part of each Message-ID, e.g. the host name of BASE_URL. */
  messageIdDomain?: string;
  /** At most this many batches per call, so one call cannot run forever. */
  maxBatches?: number;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  failed: number;
}

export const MAX_ATTEMPTS = 5;
export const RETRY_AFTER_SECONDS = 5 * 60;
const MAX_ERROR_LENGTH = 1000;

const CLAIM_SQL = `
  UPDATE mail_outbox SET claimed_at = now(), attempts = attempts + 1
  WHERE id IN (
    SELECT id FROM mail_outbox
    WHERE sent_at IS NULL
      AND attempts < $1
      AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2))
    ORDER BY id
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  )
  RETURNING id, to_address, subject, text_body, attempts`;

const SENT_SQL = "UPDATE mail_outbox SET sent_at = now(), last_error = NULL WHERE id = $1";
const FAILED_SQL = "UPDATE mail_outbox SET last_error = $2, claimed_at = now() WHERE id = $1";

interface ClaimedMail {
  id: number;
  to: string;
  subject: string;
  text: string;
}

function toClaimed(row: Record<string, unknown>): ClaimedMail {
  return {
    id: Number(row.id),
    to: String(row.to_address),
    subject: String(row.subject),
    text: String(row.text_body),
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text || "Unknown error").slice(0, MAX_ERROR_LENGTH);
}

/**
 * Claims unsent mails batch by batch and sends each through the transport: sent_at on success,
 * last_error on failure. Safe to run at the same time on several instances.
 */
export async function deliverPending(
  database: Database,
  transport: MailTransport,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
  const batchSize = options.batchSize ?? 50;
  const retryAfter = options.retryAfterSeconds ?? RETRY_AFTER_SECONDS;
  const domain = options.messageIdDomain ?? "waymark.invalid";
  const result: DeliveryResult = { claimed: 0, sent: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const { rows } = await database.execute(CLAIM_SQL, [maxAttempts, retryAfter, batchSize]);
    const claimed = rows.map(toClaimed).sort((a, b) => a.id - b.id);
    result.claimed += claimed.length;
    for (const mail of claimed) {
      try {
        await transport.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: `<outbox-${mail.id}@${domain}>`,
          headers: { "X-Waymark-Mail-Id": String(mail.id) },
        });
      } catch (error) {
        result.failed += 1;
        await database.execute(FAILED_SQL, [mail.id, errorText(error)]);
        continue;
      }
      result.sent += 1;
      await database.execute(SENT_SQL, [mail.id]);
    }
    if (claimed.length < batchSize) break;
  }
  return result;
}

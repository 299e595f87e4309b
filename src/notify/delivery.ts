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
// Message-ID (from its outbox id) so a receiving system can recognise the repeat. GOV.UK Notify
// closes that window: each mail's reference is the same id, and a mail claimed before (attempts > 1)
// is first looked up by its reference (`findSent`), so one Notify already holds is recorded, not sent
// again.
//
// A transport may say more about a failure (notify-transport.ts does): a `PermanentMailError`
// (Notify's 400 or 403: bad key, bad template, a recipient a team key may not send to) is given up at
// once with its message kept (failed_at); a `TransientMailError` (429, 5xx, no answer) releases the
// claim and is tried again after a backoff that grows with each attempt (retry_at). Anything else is
// the SMTP rule above.

import type { Database } from "../db/database.ts";

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId?: string;
  headers?: Record<string, string>;
  /** The outbox id as a reference ("outbox-12@waymark.example"), the same on every attempt. */
  reference?: string;
}

/** What a transport that knows more than "sent" reports (GOV.UK Notify: its notification id). */
export interface MailReceipt {
  notifyId: string;
  /** Notify's delivery status, when known (created, sending, delivered, permanent-failure …). */
  status?: string;
}

/** What delivery needs of a transport; nodemailer's Transporter fits. */
export interface MailTransport {
  /** Recorded in sent_via; "smtp" when not given. */
  via?: "smtp" | "notify";
  /** Resolves to a MailReceipt when the transport gives one (anything else means simply "sent"). */
  sendMail(message: MailMessage): Promise<unknown>;
  /** The mail this reference was sent as, if the service already holds it (a retry after a crash). */
  findSent?(reference: string): Promise<MailReceipt | undefined>;
  close?(): void;
}

/** The mail can never be sent as it is: given up at once, the message kept for the Outbox page. */
export class PermanentMailError extends Error {
  override name = "PermanentMailError";
}

/** Worth trying again soon (rate limit, the service down or not answering): retried with backoff. */
export class TransientMailError extends Error {
  override name = "TransientMailError";
}

/** Seconds before a transient failure's next try: 30 s, 2 min, 8 min, 32 min, at most an hour. */
export function retryBackoffSeconds(attempts: number): number {
  return Math.min(30 * 4 ** Math.max(0, attempts - 1), 3600);
}

function isReceipt(value: unknown): value is MailReceipt {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { notifyId?: unknown }).notifyId === "string"
  );
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
      AND failed_at IS NULL
      AND attempts < $1
      AND (claimed_at IS NULL OR claimed_at < now() - make_interval(secs => $2))
      AND (retry_at IS NULL OR retry_at <= now())
    ORDER BY id
    LIMIT $3
    FOR UPDATE SKIP LOCKED
  )
  RETURNING id, to_address, subject, text_body, attempts`;

const SENT_SQL = `UPDATE mail_outbox
  SET sent_at = now(), last_error = NULL, retry_at = NULL, sent_via = $2, notify_id = $3,
      delivery_status = $4, delivery_checked_at = CASE WHEN $4::text IS NULL THEN NULL ELSE now() END
  WHERE id = $1`;
const FAILED_SQL = "UPDATE mail_outbox SET last_error = $2, claimed_at = now(), sent_via = $3 WHERE id = $1";
const GIVEN_UP_SQL =
  "UPDATE mail_outbox SET last_error = $2, claimed_at = now(), failed_at = now(), sent_via = $3 WHERE id = $1";
const RETRY_SQL = `UPDATE mail_outbox
  SET last_error = $2, claimed_at = NULL, retry_at = now() + make_interval(secs => $3), sent_via = $4
  WHERE id = $1`;

interface ClaimedMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  attempts: number;
}

function toClaimed(row: Record<string, unknown>): ClaimedMail {
  return {
    id: Number(row.id),
    to: String(row.to_address),
    subject: String(row.subject),
    text: String(row.text_body),
    attempts: Number(row.attempts),
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
  const via = transport.via ?? "smtp";
  const result: DeliveryResult = { claimed: 0, sent: 0, failed: 0 };
  for (let batch = 0; batch < (options.maxBatches ?? 20); batch++) {
    const { rows } = await database.execute(CLAIM_SQL, [maxAttempts, retryAfter, batchSize]);
    const claimed = rows.map(toClaimed).sort((a, b) => a.id - b.id);
    result.claimed += claimed.length;
    for (const mail of claimed) {
      const reference = `outbox-${mail.id}@${domain}`;
      let outcome: unknown;
      try {
        // Claimed before: the last try may have reached the service before its instance stopped.
        const earlier = mail.attempts > 1 ? await transport.findSent?.(reference) : undefined;
        outcome =
          earlier ??
          (await transport.sendMail({
            from: options.from,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            messageId: `<${reference}>`,
            headers: { "X-Waymark-Mail-Id": String(mail.id) },
            reference,
          }));
      } catch (error) {
        result.failed += 1;
        if (error instanceof PermanentMailError) {
          await database.execute(GIVEN_UP_SQL, [mail.id, errorText(error), via]);
        } else if (error instanceof TransientMailError) {
          const wait = retryBackoffSeconds(mail.attempts);
          await database.execute(RETRY_SQL, [mail.id, errorText(error), wait, via]);
        } else {
          await database.execute(FAILED_SQL, [mail.id, errorText(error), via]);
        }
        continue;
      }
      result.sent += 1;
      const receipt = isReceipt(outcome) ? outcome : undefined;
      await database.execute(SENT_SQL, [mail.id, via, receipt?.notifyId ?? null, receipt?.status ?? null]);
    }
    if (claimed.length < batchSize) break;
  }
  return result;
}

// What became of the mails GOV.UK Notify accepted: the scheduler's delivery sweep asks Notify about
// each one still "created" or "sending" (GET /v2/notifications/{id}) and keeps the answer in
// delivery_status, which the Outbox page shows (delivered, permanent-failure …). A mail is asked
// about for a week after it was accepted, at most once a minute; the sweep stops at the first
// refusal (a rate limit, a revoked key), leaving the rest for the next minute.

import type { Database } from "../db/database.ts";
import { NOTIFY_PENDING_STATUSES } from "./mail-status.ts";
import type { NotifyTransport } from "./notify-transport.ts";

export interface DeliveryCheckResult {
  checked: number;
  changed: number;
}

export interface DeliveryCheckOptions {
  /** Mails asked about per sweep (default 100). */
  limit?: number;
  /** A mail is asked about again only after this many seconds (default 60). */
  recheckAfterSeconds?: number;
}

const PENDING_LIST = NOTIFY_PENDING_STATUSES.map((s) => `'${s}'`).join(", ");

const DUE_SQL = `
  SELECT id, notify_id, delivery_status FROM mail_outbox
  WHERE sent_via = 'notify' AND notify_id IS NOT NULL AND sent_at > now() - interval '7 days'
    AND (delivery_status IS NULL OR delivery_status IN (${PENDING_LIST}))
    AND (delivery_checked_at IS NULL OR delivery_checked_at <= now() - make_interval(secs => $1))
  ORDER BY sent_at, id
  LIMIT $2`;

const CHECKED_SQL = "UPDATE mail_outbox SET delivery_status = $2, delivery_checked_at = now() WHERE id = $1";

export async function checkDeliveries(
  database: Database,
  transport: NotifyTransport,
  options: DeliveryCheckOptions = {},
): Promise<DeliveryCheckResult> {
  const { rows } = await database.execute(DUE_SQL, [options.recheckAfterSeconds ?? 60, options.limit ?? 100]);
  const result: DeliveryCheckResult = { checked: 0, changed: 0 };
  for (const row of rows) {
    let status: string;
    try {
      status = await transport.statusOf(String(row.notify_id));
    } catch {
      // Notify refused or did not answer (a rate limit, a revoked key): the rest wait for the next sweep.
      break;
    }
    result.checked += 1;
    if (status !== row.delivery_status) result.changed += 1;
    await database.execute(CHECKED_SQL, [Number(row.id), status]);
  }
  return result;
}

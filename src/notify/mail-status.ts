import type { mailOutbox } from "../db/schema.ts";
import { MAX_ATTEMPTS } from "./delivery.ts";

// How the Outbox page describes a mail: sent by SMTP, accepted by GOV.UK Notify (then what Notify
// says became of it, when delivery-checks.ts has asked), waiting, being retried, or failed.

export type MailStatus =
  | { kind: "sent"; text: string }
  | { kind: "waiting"; text: string }
  | { kind: "retrying"; text: string; error: string }
  | { kind: "failed"; text: string; error: string };

type OutboxRow = typeof mailOutbox.$inferSelect;

/** Notify's email statuses (its API documentation), in the words the Outbox page uses. */
const NOTIFY_STATUS: Record<string, MailStatus> = {
  created: { kind: "sent", text: "Accepted by GOV.UK Notify, sending" },
  sending: { kind: "sent", text: "Accepted by GOV.UK Notify, sending" },
  pending: { kind: "sent", text: "Accepted by GOV.UK Notify, sending" },
  delivered: { kind: "sent", text: "Delivered" },
  "permanent-failure": {
    kind: "failed",
    text: "Not delivered: Notify's provider says the email address is wrong (permanent failure)",
    error: "permanent-failure",
  },
  "temporary-failure": {
    kind: "failed",
    text: "Not delivered: the inbox was full or would not accept it (temporary failure)",
    error: "temporary-failure",
  },
  "technical-failure": {
    kind: "failed",
    text: "Not delivered: a problem between GOV.UK Notify and its email provider (technical failure)",
    error: "technical-failure",
  },
};

/** Statuses Notify may still change: delivery-checks.ts asks again about these. */
export const NOTIFY_PENDING_STATUSES = ["created", "sending", "pending"] as const;

export function mailStatus(
  mail: OutboxRow,
  sendingConfigured: boolean,
  maxAttempts = MAX_ATTEMPTS,
): MailStatus {
  if (mail.sentAt && mail.notifyId) {
    const known = mail.deliveryStatus ? NOTIFY_STATUS[mail.deliveryStatus] : undefined;
    if (known) return known;
    if (mail.deliveryStatus)
      return { kind: "sent", text: `Accepted by GOV.UK Notify (${mail.deliveryStatus})` };
    return { kind: "sent", text: "Accepted by GOV.UK Notify" };
  }
  if (mail.sentAt) return { kind: "sent", text: "Sent" };
  if (mail.lastError && (mail.failedAt || mail.attempts >= maxAttempts)) {
    return { kind: "failed", text: `Failed: ${mail.lastError}`, error: mail.lastError };
  }
  if (mail.lastError) {
    return {
      kind: "retrying",
      text: `Not sent yet, will try again: ${mail.lastError}`,
      error: mail.lastError,
    };
  }
  return {
    kind: "waiting",
    text: sendingConfigured ? "Waiting to be sent" : "Waiting (SMTP not configured)",
  };
}

// Sending through GOV.UK Notify with its official client (notifications-node-client): every Waymark
// mail goes through one email template whose subject is ((subject)) and whose body is ((body)), so
// the mails stay written by Waymark (templates.ts) and Notify only carries them.
//
// The outbox id is the notification's reference, so a mail tried again after an instance stopped
// mid-send is first looked up (`findSent`) and recorded rather than sent twice. Notify's answers
// become delivery's error kinds: 400 and 403 (and any other 4xx but 429) are permanent — a bad key,
// a template that does not exist, an address a team or test key may not send to — and are given up
// at once with Notify's own message; 429 (rate or daily limit), 5xx and no answer at all are
// transient and tried again with backoff.

import axios from "axios";
import { NotifyClient } from "notifications-node-client";
import type { NotifyConfig } from "../config.ts";
import {
  type MailMessage,
  type MailReceipt,
  type MailTransport,
  PermanentMailError,
  TransientMailError,
} from "./delivery.ts";

/** Notify's error body: `{"status_code": 400, "errors": [{"error": "BadRequestError", "message": "…"}]}`. */
interface NotifyErrorBody {
  status_code?: number;
  errors?: { error?: string; message?: string }[];
}

export interface NotifyTransport extends MailTransport {
  via: "notify";
  sendMail(message: MailMessage): Promise<MailReceipt>;
  /** Notify's status of a notification it accepted (GET /v2/notifications/{id}). */
  statusOf(notifyId: string): Promise<string>;
}

export interface NotifyTransportOptions {
  /** Milliseconds before a request to Notify is abandoned (default 30 s); it then counts as transient. */
  timeoutMs?: number;
}

function describe(body: unknown): string {
  const errors = (body as NotifyErrorBody | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return "";
  return errors
    .map((e) => [e.error, e.message].filter((part) => typeof part === "string" && part !== "").join(": "))
    .filter((text) => text !== "")
    .join("; ");
}

/**
 * Notify's refusal as delivery's error kinds. Only Notify's own words are kept: the request (with its
 * Authorization token) is never part of the message.
 */
export function notifyError(error: unknown): Error {
  if (!axios.isAxiosError(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return new TransientMailError(`GOV.UK Notify could not be reached: ${text}`);
  }
  const status = error.response?.status;
  if (status === undefined) {
    return new TransientMailError(`GOV.UK Notify did not answer (${error.code ?? error.message})`);
  }
  const detail = describe(error.response?.data) || error.response?.statusText || "no details";
  const text = `GOV.UK Notify answered ${status}: ${detail}`;
  if (status === 429 || status >= 500) return new TransientMailError(text);
  return new PermanentMailError(text);
}

/** A transport sending each mail as one notification of the configured template. */
export function createNotifyTransport(settings: NotifyConfig, options: NotifyTransportOptions = {}) {
  const client = new NotifyClient(settings.baseUrl, settings.apiKey);
  // The client's default has no timeout: a Notify that never answers would hold delivery for ever.
  // (The client's types name axios's CommonJS declarations, ours the ES module's: the same axios.)
  type RestClient = Parameters<NotifyClient["setClient"]>[0];
  client.setClient(axios.create({ timeout: options.timeoutMs ?? 30_000 }) as unknown as RestClient);

  const transport: NotifyTransport = {
    via: "notify",

    async sendMail(message: MailMessage): Promise<MailReceipt> {
      try {
        const response = await client.sendEmail(settings.templateId, message.to, {
          personalisation: { subject: message.subject, body: message.text },
          reference: message.reference,
          emailReplyToId: settings.replyToId,
        });
        return { notifyId: String(response.data.id) };
      } catch (error) {
        throw notifyError(error);
      }
    },

    async findSent(reference: string): Promise<MailReceipt | undefined> {
      try {
        const response = await client.getNotifications("email", undefined, reference);
        const [found] = response.data.notifications;
        return found ? { notifyId: String(found.id), status: String(found.status) } : undefined;
      } catch (error) {
        throw notifyError(error);
      }
    },

    async statusOf(notifyId: string): Promise<string> {
      try {
        const response = await client.getNotificationById(notifyId);
        return String(response.data.status);
      } catch (error) {
        throw notifyError(error);
      }
    },
  };
  return transport;
}

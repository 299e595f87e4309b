import { and, desc, eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { mailOutbox } from "../db/schema.ts";
import { type IsoDate, ukDateOf } from "../domain/periods.ts";
import { type ContractScanResult, scanContractReminders } from "../notify/contract-reminders.ts";
import { type DeliveryResult, deliverPending, type MailTransport } from "../notify/delivery.ts";
import { checkDeliveries, type DeliveryCheckResult } from "../notify/delivery-checks.ts";
import { mailStatus } from "../notify/mail-status.ts";
import { createNotifyTransport, type NotifyTransport } from "../notify/notify-transport.ts";
import { type PackScanResult, scanPackReminders } from "../notify/pack-reminders.ts";
import { type ScanResult, scanReminders } from "../notify/reminders.ts";
import { mailKindLabel } from "../notify/templates.ts";
import type { Actor } from "./actor.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";

// E-mail: delivery of the outbox, the scheduled reminder scan, and the coordinator's view of the
// outbox. Other services queue mails with enqueueMail inside their transaction and call
// `mail.deliverSoon()` from `work.afterCommit`, so a mail goes out only once its cause is committed.
// Mail goes through GOV.UK Notify when NOTIFY_API_KEY is set (notify-transport.ts), else SMTP when
// SMTP_URL is; without either nothing is sent: mails stay in the outbox, which the coordinator reads.

export { type MailStatus, mailStatus } from "../notify/mail-status.ts";

/** The transport the configuration asks for: Notify, SMTP, or none. */
function configuredTransport(config: Config): MailTransport | undefined {
  if (config.notify) return createNotifyTransport(config.notify);
  if (config.smtpUrl) return nodemailer.createTransport(config.smtpUrl);
  return undefined;
}

function isNotify(transport: MailTransport | undefined): transport is NotifyTransport {
  return transport?.via === "notify" && "statusOf" in transport;
}

export interface MailServiceOptions {
  /** Replaces the transport built from NOTIFY_API_KEY or SMTP_URL (tests use a failing one). */
  transport?: MailTransport;
  /** "Today" as a UK date, for the reminder scan; defaults to the clock. */
  today?: () => IsoDate;
  /** How long deliverSoon() waits for more commits before sending (default 200 ms). */
  debounceMs?: number;
  /** Where delivery failures are reported (default console.error). */
  reportError?: (error: unknown) => void;
}

const OUTBOX_LIMIT = 200;

export function createMailService(database: Database, config: Config, options: MailServiceOptions = {}) {
  const db = database.db;
  const transport: MailTransport | undefined = options.transport ?? configuredTransport(config);
  const debounceMs = options.debounceMs ?? 200;
  const report = options.reportError ?? ((error: unknown) => console.error("mail delivery failed", error));
  const today = options.today ?? (() => ukDateOf(new Date()));
  const messageIdDomain = (() => {
    try {
      return new URL(config.baseUrl).hostname || "waymark.invalid";
    } catch {
      return "waymark.invalid";
    }
  })();

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  async function deliverNow(): Promise<DeliveryResult> {
    if (!transport || closed) return { claimed: 0, sent: 0, failed: 0 };
    return deliverPending(database, transport, { from: config.mailFrom, messageIdDomain });
  }

  function runSoon(): void {
    timer = undefined;
    running = deliverNow()
      .then(
        () => undefined,
        (error: unknown) => report(error),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          deliverSoon();
        }
      });
  }

  /**
   * Starts delivery shortly, without waiting for it: for after-commit hooks. Calls close together
   * share one run; a call during a run starts another after it, so nothing committed is left behind.
   */
  function deliverSoon(): void {
    if (!transport || closed) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) return;
    timer = setTimeout(runSoon, debounceMs);
    // A pending delivery never keeps the process alive; the scheduler's sweep picks up the rest.
    timer.unref();
  }

  return {
    /** Whether mail is sent (by SMTP or GOV.UK Notify): without either mails wait in the outbox. */
    smtpConfigured: transport !== undefined,

    /** How mail is sent: "notify", "smtp", or undefined when it is not. */
    sendingVia: transport ? (transport.via ?? "smtp") : undefined,

    deliverSoon,

    /** Sends what the outbox holds now and says what happened; the scheduler's sweep calls this. */
    deliverNow,

    /**
     * Asks GOV.UK Notify what became of the mails it accepted and are not yet delivered or failed
     * (the scheduler's sweep, after deliverNow). Nothing to do with SMTP, which says no more than "sent".
     */
    async checkDeliveries(): Promise<DeliveryCheckResult> {
      if (!isNotify(transport) || closed) return { checked: 0, changed: 0 };
      return checkDeliveries(database, transport);
    },

    /** Runs a pending deliverSoon() at once and waits until no delivery is running (tests, shutdown). */
    async flush(): Promise<void> {
      for (;;) {
        if (timer) {
          clearTimeout(timer);
          runSoon();
        }
        if (!running) return;
        await running;
      }
    },

    /** Queues the reminders due on `on` (default today, UK) and starts their delivery after commit. */
    async scanReminders(on?: IsoDate): Promise<ScanResult> {
      return scanReminders(db, { today: on ?? today(), baseUrl: config.baseUrl, onQueued: deliverSoon });
    },

    /** Queues the forward plan's "report due for a pack" reminders due on `on` (default today, UK). */
    async scanPackReminders(on?: IsoDate): Promise<PackScanResult> {
      return scanPackReminders(db, { today: on ?? today(), baseUrl: config.baseUrl, onQueued: deliverSoon });
    },

    /** Queues the contract reminders due on `on` (domain/funding/contract-reminders.ts). */
    async scanContractReminders(on?: IsoDate): Promise<ContractScanResult> {
      return scanContractReminders(db, {
        today: on ?? today(),
        baseUrl: config.baseUrl,
        onQueued: deliverSoon,
      });
    },

    /** The scheduled job: round, contract and pack reminders, each run even if another fails. */
    async scanAllReminders(
      on?: IsoDate,
    ): Promise<{ rounds: ScanResult; contracts: ContractScanResult; packs: PackScanResult }> {
      const options = { today: on ?? today(), baseUrl: config.baseUrl, onQueued: deliverSoon };
      // One after the other: the embedded database runs on this thread, so side by side gains nothing.
      // Each runs whatever the others do; the first failure then fails the job (pg-boss retries it).
      const rounds = await scanReminders(db, options).catch((error: unknown) => error as Error);
      const contracts = await scanContractReminders(db, options).catch((error: unknown) => error as Error);
      const packs = await scanPackReminders(db, options);
      if (rounds instanceof Error) throw rounds;
      if (contracts instanceof Error) throw contracts;
      return { rounds, contracts, packs };
    },

    /** The partnership's mails, newest first, for the coordinator. */
    async listOutbox(actor: Actor, limit = OUTBOX_LIMIT) {
      requireAdmin(actor);
      const rows = await db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.partnershipId, partnershipOf(actor)))
        .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
        .limit(limit);
      return rows.map((row) => ({
        ...row,
        kindText: mailKindLabel(row.kind),
        status: mailStatus(row, transport !== undefined),
      }));
    },

    /** One mail of the partnership; another partnership's is "not found". */
    async getOutboxMail(actor: Actor, mailId: number) {
      requireAdmin(actor);
      const [row] = await db
        .select()
        .from(mailOutbox)
        .where(and(eq(mailOutbox.partnershipId, partnershipOf(actor)), eq(mailOutbox.id, mailId)));
      const mail = found(row, "mail");
      return {
        ...mail,
        kindText: mailKindLabel(mail.kind),
        status: mailStatus(mail, transport !== undefined),
      };
    },

    /** Stops delivering: cancels a pending run, waits for one in progress, closes the SMTP transport. */
    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = undefined;
      closed = true;
      while (running) await running;
      transport?.close?.();
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;

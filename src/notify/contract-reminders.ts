// The contract reminder scan (issue 14): before a contract ends and before its extension decision is
// due (12 and 6 months by default, per contract), each coordinator of the partnership gets one e-mail
// per contract, reason, date and threshold — the rule is domain/funding/contract-reminders.ts, the
// "exactly once" is the outbox's dedupe key (contractReminderDedupeKey), as for round reminders. Run
// by the same scheduled job as the round reminders (services/mail-service.ts scanAllReminders).
//
// One read of every contract with a date, then one transaction per partnership with something due.

import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { memberships, partnerships, users } from "../db/schema.ts";
import { contracts } from "../db/schema-funding.ts";
import {
  type ContractReminder,
  contractReminderDedupeKey,
  contractRemindersDue,
} from "../domain/funding/contract-reminders.ts";
import type { IsoDate } from "../domain/periods.ts";
import { systemActor } from "../services/actor.ts";
import { inTransaction } from "../services/unit-of-work.ts";
import { enqueueMail, type OutgoingMail } from "./outbox.ts";
import { contractReminderMail } from "./templates.ts";

export const CONTRACT_REMINDER_MAIL_KINDS = {
  "contract-end": "reminder-contract-end",
  "extension-decision": "reminder-extension-decision",
} as const;

export interface ContractScanResult {
  /** Contracts with a reminder in force on the day. */
  contracts: number;
  /** Mails newly queued. */
  queued: number;
}

export function contractUrl(baseUrl: string, slug: string, contractId: number): string {
  return `${baseUrl}/p/${slug}/contracts/${contractId}`;
}

export async function scanContractReminders(
  db: Db,
  options: { today: IsoDate; baseUrl: string; onQueued?: () => void },
): Promise<ContractScanResult> {
  const candidates = await db
    .select({
      id: contracts.id,
      partnershipId: contracts.partnershipId,
      endsOn: contracts.endsOn,
      extensionDecisionDueOn: contracts.extensionDecisionDueOn,
      reminderMonths: contracts.reminderMonths,
    })
    .from(contracts)
    .where(or(isNotNull(contracts.endsOn), isNotNull(contracts.extensionDecisionDueOn)))
    .orderBy(asc(contracts.partnershipId), asc(contracts.id));
  const due = candidates.filter((c) => contractRemindersDue(c, options.today).length > 0);
  const result: ContractScanResult = { contracts: due.length, queued: 0 };
  const byPartnership = new Map<number, number[]>();
  for (const c of due)
    byPartnership.set(c.partnershipId, [...(byPartnership.get(c.partnershipId) ?? []), c.id]);
  const errors: unknown[] = [];
  for (const [partnershipId, ids] of byPartnership) {
    try {
      result.queued += await inTransaction(db, systemActor("reminders", partnershipId), async (work) => {
        const [partnership] = await work.tx
          .select({ slug: partnerships.slug, name: partnerships.name })
          .from(partnerships)
          .where(eq(partnerships.id, partnershipId));
        if (!partnership) return 0;
        // Read again inside the transaction: a contract changed since the first read is judged as it is now.
        const rows = await work.tx
          .select()
          .from(contracts)
          .where(and(eq(contracts.partnershipId, partnershipId), inArray(contracts.id, ids)));
        const coordinators = await work.tx
          .select({ userId: users.id, email: users.email, name: users.name })
          .from(memberships)
          .innerJoin(users, eq(users.id, memberships.userId))
          .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.role, "admin")))
          .orderBy(asc(users.id));
        const mails: OutgoingMail[] = [];
        for (const contract of rows) {
          for (const reminder of contractRemindersDue(contract, options.today)) {
            for (const c of coordinators) {
              mails.push({
                partnershipId,
                dedupeKey: contractReminderDedupeKey(contract.id, reminder as ContractReminder, c.userId),
                kind: CONTRACT_REMINDER_MAIL_KINDS[reminder.reason],
                to: c.email,
                ...contractReminderMail({
                  partnershipName: partnership.name,
                  recipientName: c.name,
                  service: contract.service,
                  reminder,
                  latestEndOn: contract.latestEndOn,
                  contractUrl: contractUrl(options.baseUrl, partnership.slug, contract.id),
                }),
              });
            }
          }
        }
        const inserted = await enqueueMail(work.tx, mails);
        if (inserted > 0 && options.onQueued) work.afterCommit(options.onQueued);
        return inserted;
      });
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, `The contract reminder scan failed for ${errors.length} partnerships`);
  }
  return result;
}

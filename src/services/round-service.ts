import type { Config } from "../config.ts";
import { findActionPlan, listActionPlans } from "../data/action-plans.ts";
import * as data from "../data/rounds.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db } from "../db/database.ts";
import { rounds } from "../db/schema.ts";
import { canSubmit, graceEndsOn, reminderDates, roundPhase } from "../domain/deadlines.ts";
import {
  addDays,
  type IsoDate,
  isIsoDate,
  quarterPeriod,
  roundNameFor,
  roundQuarterFor,
  ukDateOf,
} from "../domain/periods.ts";
import { isOwedUpdateLate, tallyByOrganisation, toCsv, workStatusOf } from "../domain/round-rules.ts";
import { enqueueMail } from "../notify/outbox.ts";
import { type ActionLine, roundOpenedMail } from "../notify/templates.ts";
import type { Actor } from "./actor.ts";
import { type FieldError, ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";
import { submittedOn, timingOf, type UpdateCycleOptions } from "./update-cycle.ts";

export { type Clock, submittedOn, timingOf, type UpdateCycleOptions } from "./update-cycle.ts";

export interface RoundInput {
  actionPlanId: number;
  name: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  deadline: IsoDate;
  graceDays: number;
  reminderDaysBefore: number;
  actionIds: number[];
}

export interface ExtendInput {
  deadline: IsoDate;
  graceDays: number;
}

type PlanAction = Awaited<ReturnType<typeof data.listPlanActions>>[number];

/** A plan's actions grouped under their priorities, for the checkboxes of "which actions need an update". */
function groupPlanActions(rows: PlanAction[]) {
  const groups: { priority: PlanAction["priority"]; rows: PlanAction[] }[] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last.priority?.id === row.priority?.id) last.rows.push(row);
    else groups.push({ priority: row.priority, rows: [row] });
  }
  return groups;
}

export function createRoundService(db: Db, config: Config, options: UpdateCycleOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const today = () => ukDateOf(clock());
  const baseUrl = config.baseUrl.replace(/\/$/, "");

  async function requireRound(actor: Actor, roundId: number) {
    return found(await data.findRound(db, partnershipOf(actor), roundId), "That round");
  }

  function validateDates(input: RoundInput, now: IsoDate): FieldError[] {
    const errors: FieldError[] = [];
    for (const field of ["periodStart", "periodEnd", "deadline"] as const) {
      if (!isIsoDate(input[field])) errors.push({ field, message: "Enter a real date" });
    }
    if (errors.length > 0) return errors;
    if (input.periodEnd < input.periodStart) {
      errors.push({
        field: "periodEnd",
        message: "The end of the period must be the same as or after its start",
      });
    }
    if (input.deadline < now)
      errors.push({ field: "deadline", message: "The deadline must be today or in the future" });
    if (input.deadline < input.periodStart) {
      errors.push({ field: "deadline", message: "The deadline must be on or after the start of the period" });
    }
    return errors;
  }

  /** The coordinator's chasing view: the round, its calendar, each owed update and the table by organisation. */
  async function status(actor: Actor, roundId: number) {
    requireAdmin(actor);
    const pid = partnershipOf(actor);
    const { round, plan } = found(await data.findRoundWithPlan(db, pid, roundId), "That round");
    const now = today();
    const timing = timingOf(round);
    const rows = await data.listRoundActions(db, pid, [round.id]);
    const items = rows.map((r) => {
      const update = r.update?.id ? r.update : null;
      return {
        ...r,
        update,
        status: workStatusOf(update),
        late: isOwedUpdateLate(update ? { submittedOn: submittedOn(update) } : null, timing, now),
      };
    });
    return {
      round,
      plan,
      today: now,
      phase: roundPhase(timing, now),
      canSubmit: canSubmit(timing, now),
      graceEndsOn: graceEndsOn(timing),
      reminders: reminderDates(timing, { daysBefore: Math.max(1, round.reminderDaysBefore) }),
      items,
      organisations: tallyByOrganisation(items),
    };
  }

  return {
    async list(actor: Actor) {
      requireAdmin(actor);
      const now = today();
      const rows = await data.listRounds(db, partnershipOf(actor));
      return rows.map((r) => ({ ...r, phase: roundPhase(timingOf(r.round), now) }));
    },

    /** What the "open a round" form needs: the plans, the chosen plan's actions, suggested answers. */
    async newRoundForm(actor: Actor, planId?: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const plans = await listActionPlans(db, pid);
      const plan =
        planId === undefined
          ? plans.at(-1)
          : found(await findActionPlan(db, pid, planId), "That action plan");
      const actionRows = plan ? await data.listPlanActions(db, pid, plan.id) : [];
      const now = today();
      const period = quarterPeriod(roundQuarterFor(now));
      const suggestedDeadline =
        addDays(period.end, 15) >= addDays(now, 14) ? addDays(period.end, 15) : addDays(now, 14);
      return {
        plans,
        plan: plan ?? null,
        groups: groupPlanActions(actionRows),
        defaults: {
          actionPlanId: plan?.id ?? null,
          name: roundNameFor(now),
          periodStart: period.start,
          periodEnd: period.end,
          deadline: suggestedDeadline,
          graceDays: 5,
          reminderDaysBefore: 7,
          actionIds: actionRows.filter((r) => !r.action.closed).map((r) => r.action.id),
        },
      };
    },

    /**
     * Opens a round: the round, the actions it asks about, an audit entry and a "round opened" e-mail
     * to every editor of an organisation that leads one of them. Opening the same round again (a
     * retried or double-clicked form: same name, plan, period and deadline) returns the round already
     * opened and queues nothing more.
     */
    async open(actor: Actor, input: RoundInput) {
      requireAdmin(actor);
      const now = today();
      const errors = validateDates(input, now);
      const actionIds = [...new Set(input.actionIds)];
      if (actionIds.length === 0)
        errors.push({ field: "actionIds", message: "Select the actions that need an update" });
      if (errors.length > 0) throw new ValidationError(errors);
      return inTransaction(db, actor, async ({ tx, audit, afterCommit }) => {
        const pid = partnershipOf(actor);
        const partnership = found(await data.lockPartnership(tx, pid), "That partnership");
        const plan = await findActionPlan(tx, pid, input.actionPlanId);
        if (!plan) throw new ValidationError([{ field: "actionPlanId", message: "Select an action plan" }]);
        const existing = await data.findRoundByName(tx, pid, input.name);
        if (existing) {
          const sameRound =
            existing.actionPlanId === plan.id &&
            existing.periodStart === input.periodStart &&
            existing.periodEnd === input.periodEnd &&
            existing.deadline === input.deadline;
          if (sameRound) return { round: existing, alreadyOpen: true, mailsQueued: 0 };
          throw new ValidationError([
            { field: "name", message: `There is already a round called ${existing.name}` },
          ]);
        }
        const planActionIds = new Set((await data.listPlanActions(tx, pid, plan.id)).map((r) => r.action.id));
        if (actionIds.some((id) => !planActionIds.has(id))) {
          throw new ValidationError([{ field: "actionIds", message: "Select actions of this action plan" }]);
        }
        const round = await data.insertRound(tx, {
          partnershipId: pid,
          actionPlanId: plan.id,
          name: input.name,
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          deadline: input.deadline,
          graceDays: input.graceDays,
          reminderDaysBefore: input.reminderDaysBefore,
          // From the clock, not now(): PostgreSQL keeps microseconds, a JavaScript Date only milliseconds,
          // and the rating engine compares rounds by opening time with the value read back into a Date.
          openedAt: clock(),
        });
        await data.insertRoundActions(tx, pid, round.id, actionIds);
        audit({
          partnershipId: pid,
          action: "round.open",
          entityType: "round",
          entityId: round.id,
          after: { ...round, actionIds },
        });

        // "Round opened" mails: one per editor, listing what their organisation owes. Queued in this
        // transaction (so only if the round opens), delivered after it commits.
        const rows = await data.listRoundActions(tx, pid, [round.id]);
        const owedByOrg = new Map<number, { name: string; actions: ActionLine[] }>();
        for (const row of rows) {
          for (const lead of row.leads) {
            const owed = owedByOrg.get(lead.id) ?? { name: lead.name, actions: [] };
            owed.actions.push({ label: `${row.commitment.number} ${row.action.what}` });
            owedByOrg.set(lead.id, owed);
          }
        }
        const editors = await data.listEditorsOf(tx, pid, [...owedByOrg.keys()]);
        const mailsQueued = await enqueueMail(
          tx,
          editors.map((editor) => {
            const owed = owedByOrg.get(editor.organisationId)!;
            const content = roundOpenedMail({
              partnershipName: partnership.name,
              recipientName: editor.name,
              organisationName: owed.name,
              roundName: round.name,
              deadline: round.deadline,
              actions: owed.actions,
              yourUpdatesUrl: `${baseUrl}/p/${partnership.slug}/your-updates`,
            });
            return {
              partnershipId: pid,
              dedupeKey: `round:${round.id}:opened:user:${editor.userId}`,
              kind: "round-opened",
              to: editor.email,
              ...content,
            };
          }),
        );
        if (mailsQueued > 0) afterCommit(() => options.onMailQueued?.());
        return { round, alreadyOpen: false, mailsQueued };
      });
    },

    get: (actor: Actor, roundId: number) => {
      requireAdmin(actor);
      return requireRound(actor, roundId);
    },

    status,

    /** The table by organisation as CSV, with a file name made from the round's name. */
    async statusCsv(actor: Actor, roundId: number) {
      const s = await status(actor, roundId);
      const csv = toCsv(
        ["Organisation", "Updates due", "Not started", "Draft", "Returned", "Submitted", "Accepted", "Late"],
        s.organisations.map((o) => [
          o.name,
          o.due,
          o.notStarted,
          o.draft,
          o.returned,
          o.submitted,
          o.accepted,
          o.late,
        ]),
      );
      const slug =
        s.round.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "") || "round";
      return { csv, filename: `${slug}-status.csv` };
    },

    /** A later deadline and/or a different grace period. The deadline can move later, never earlier. */
    async extend(actor: Actor, roundId: number, expectedVersion: number, input: ExtendInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findRound(tx, pid, roundId), "That round");
        const errors: FieldError[] = [];
        if (current.status === "closed")
          errors.push({ field: "deadline", message: "Reopen the round before extending it" });
        else if (input.deadline < current.deadline) {
          errors.push({
            field: "deadline",
            message: "The new deadline must be the same as or after the current one",
          });
        }
        if (errors.length > 0 && current.version === expectedVersion) throw new ValidationError(errors);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            rounds,
            { partnershipId: pid, id: roundId, expectedVersion },
            { deadline: input.deadline, graceDays: input.graceDays },
          ),
          "That round",
        );
        audit({
          partnershipId: pid,
          action: "round.extend",
          entityType: "round",
          entityId: roundId,
          before,
          after,
        });
        return after;
      });
    },

    /** Closes a round: nothing more can be submitted, whatever the dates say. */
    async close(actor: Actor, roundId: number, expectedVersion: number) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findRound(tx, pid, roundId), "That round");
        if (current.status === "closed" && current.version === expectedVersion) {
          throw new ValidationError([{ field: "form", message: "This round is already closed" }]);
        }
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            rounds,
            { partnershipId: pid, id: roundId, expectedVersion },
            { status: "closed", closedAt: clock() },
          ),
          "That round",
        );
        audit({
          partnershipId: pid,
          action: "round.close",
          entityType: "round",
          entityId: roundId,
          before,
          after,
        });
        return after;
      });
    },

    /**
     * Reopens a closed round, or one whose grace period has ended: partners can submit again, late,
     * until the coordinator closes it.
     */
    async reopen(actor: Actor, roundId: number, expectedVersion: number) {
      requireAdmin(actor);
      const now = today();
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findRound(tx, pid, roundId), "That round");
        if (
          current.status === "open" &&
          canSubmit(timingOf(current), now) &&
          current.version === expectedVersion
        ) {
          throw new ValidationError([
            { field: "form", message: "Partners can already submit updates to this round" },
          ]);
        }
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            rounds,
            { partnershipId: pid, id: roundId, expectedVersion },
            { status: "open", closedAt: null, reopenedAt: clock() },
          ),
          "That round",
        );
        audit({
          partnershipId: pid,
          action: "round.reopen",
          entityType: "round",
          entityId: roundId,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type RoundService = ReturnType<typeof createRoundService>;

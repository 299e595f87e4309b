import type { FastifyInstance } from "fastify";
import { ukDateOf } from "../../../domain/calendar-dates.ts";
import { countOutstanding } from "../../../domain/round-rules.ts";
import type { Services } from "../../../services/index.ts";
import { actorOf } from "../helpers.ts";

export function registerHomeRoutes(app: FastifyInstance, services: Services): void {
  // The partnership home: the latest round's ratings by priority, who is late, what was accepted
  // lately, and the strategy at a glance.
  app.get("/", { config: { access: "member", cache: "page" } }, async (request, reply) => {
    const actor = actorOf(request);
    const strategyList = await services.strategies.list(actor);
    const current = strategyList.at(-1);
    const outline = current ? await services.strategies.outline(actor, current.id, current) : null;
    const plans = current ? await services.actionPlans.list(actor, current.id) : [];
    const actionCount = outline
      ? [...outline.groups.flatMap((g) => g.commitments), ...outline.unassigned].reduce(
          (n, c) => n + c.actionCount,
          0,
        )
      : 0;
    const summary = await services.ratings.homeSummary(
      actor,
      outline
        ? { strategyId: outline.strategy.id, priorities: outline.groups.map((g) => g.priority) }
        : undefined,
    );
    // A partner's landing page says first what their organisation owes in each open round.
    const owed =
      actor.role === "editor"
        ? (await services.updates.owed(actor)).rounds.map((r) => ({
            round: r.round,
            outstanding: countOutstanding(r.items),
            total: r.items.length,
            phase: r.phase,
            canSubmit: r.canSubmit,
          }))
        : [];
    // And the actions board meetings gave their organisation (issue 13).
    const meetingActions =
      actor.role === "editor" ? await services.governanceMeetings.owedActions(actor) : [];
    // A board member's boards (they hold or deputise in a seat) and each one's next meeting.
    const yourBoards = await services.governanceBoards.yourBoards(actor, ukDateOf(new Date()));
    // The coordinator's contract reminders (domain/funding/contract-reminders.ts), beside the e-mails.
    const contractReminders =
      actor.role === "admin"
        ? await services.commissioning.remindersInForce(actor, ukDateOf(new Date()))
        : [];
    // The coordinator's "Reports due for packs" (the forward plan's reminders, also e-mailed).
    const duePacks = await services.governanceForward.duePacks(actor);
    return reply.page("home", {
      owed,
      duePacks,
      meetingActionsOwed: {
        count: meetingActions.length,
        overdue: meetingActions.filter((m) => m.overdue).length,
      },
      yourBoards,
      contractReminders,
      title: request.partnership?.name ?? "Home",
      strategy: current ?? null,
      outline,
      plans,
      actionCount,
      otherStrategies: strategyList.slice(0, -1),
      summary,
    });
  });
}

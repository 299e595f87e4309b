import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { asArray, formValues, parseForm } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { registerRatingOverrideRoutes } from "./rating-override.ts";
import { filteredOutline, readStrategyFilter } from "./strategy-filter.ts";

const text = (message: string, max = 2000) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 4000) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const version = z.coerce.number().int().positive();
const NUMBER_PATTERN = /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/;

export const strategySchema = z
  .object({
    title: text("Enter the strategy's title", 200),
    startYear: z.coerce
      .number({ message: "Enter the first year as a number, like 2024" })
      .int("Enter the first year as a whole number")
      .min(2000, "The first year must be 2000 or later")
      .max(2100, "The first year must be 2100 or earlier"),
    endYear: z.coerce
      .number({ message: "Enter the last year as a number, like 2029" })
      .int("Enter the last year as a whole number")
      .min(2000, "The last year must be 2000 or later")
      .max(2100, "The last year must be 2100 or earlier"),
    vision: optionalText(TEXT_LIMITS.strategyVision),
    framework: z.enum(["priorities", "flat"], { message: "Select how the strategy is organised" }),
    itemLabel: text("Enter what the strategy calls its items, like Commitment", 40),
  })
  .refine((s) => s.endYear >= s.startYear, {
    path: ["endYear"],
    message: "The last year must be the same as or after the first year",
  });

export const prioritySchema = z.object({
  number: text("Enter the priority's number, like 1", 10).regex(
    NUMBER_PATTERN,
    "Use digits and letters, like 1 or 2a",
  ),
  title: text("Enter the priority's title", 200),
  outcome: optionalText(TEXT_LIMITS.priorityOutcome),
});

export const commitmentSchema = z.object({
  priorityId: z
    .union([z.literal("").transform(() => null), z.coerce.number().int().positive()])
    .default(null),
  number: text("Enter the commitment's number, like 1.4", 10).regex(
    NUMBER_PATTERN,
    "Use the partnership's numbering, like 1.4",
  ),
  text: text("Enter what the partnership commits to", TEXT_LIMITS.commitmentText),
  seeAlso: z.array(z.coerce.number().int().positive()).default([]),
});

const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));

export function registerStrategyRoutes(app: FastifyInstance, services: Services): void {
  const { strategies } = services;
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const admin = { config: { access: "admin" as const } };
  registerRatingOverrideRoutes(app, services);

  app.get("/strategies", memberPage, async (request, reply) => {
    const list = await strategies.list(actorOf(request));
    return reply.page("strategies/list", { title: "Strategy", strategies: list });
  });

  const strategyPage = (values: Record<string, unknown>, strategyId?: number) => ({
    template: "strategies/form",
    title: strategyId ? "Edit strategy" : "Add a strategy",
    context: { strategyId },
    values: values as Record<string, string>,
  });

  app.get("/strategies/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const year = new Date().getUTCFullYear();
    return reply.page("strategies/form", {
      title: "Add a strategy",
      values: {
        startYear: String(year),
        endYear: String(year + 5),
        framework: "priorities",
        itemLabel: "Commitment",
      },
    });
  });

  app.post("/strategies", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = strategyPage(values);
    const parsed = parseForm(strategySchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => strategies.create(actor, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.title} added`);
    return reply.redirect(`${base(request)}/strategies/${result.value.id}`, 303);
  });

  app.get("/strategies/:strategyId", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const outline = await strategies.outline(actor, idParam(request, "strategyId"));
    // Each commitment's rating, saying where it comes from when that is not the latest round.
    const ratings = await services.ratings.strategyRatings(actor, outline.strategy.id);
    const leads = await strategies.commitmentLeads(actor, outline.strategy.id);
    const filter = readStrategyFilter(formValues(request.query));
    return reply.page("strategies/show", {
      title: outline.strategy.title,
      ...filteredOutline(outline, filter, ratings.byCommitment, leads),
      ratings: Object.fromEntries(ratings.byCommitment),
      ratingsHeadline: ratings.headline,
    });
  });

  app.get("/strategies/:strategyId/edit", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const strategy = await strategies.get(actorOf(request), idParam(request, "strategyId"));
    return reply.page("strategies/form", {
      title: "Edit strategy",
      strategyId: strategy.id,
      values: { ...strategy, startYear: String(strategy.startYear), endYear: String(strategy.endYear) },
    });
  });

  app.post("/strategies/:strategyId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const strategyId = idParam(request, "strategyId");
    await strategies.get(actor, strategyId);
    const values = formValues(request.body);
    const page = strategyPage(values, strategyId);
    const parsed = parseForm(withVersion(strategySchema), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () => strategies.update(actor, strategyId, v, input));
    if (!result.ok) return reply;
    flash(request, "Strategy updated");
    return reply.redirect(`${base(request)}/strategies/${strategyId}`, 303);
  });

  // Priorities

  const priorityPage = (
    values: Record<string, unknown>,
    strategy: { id: number; title: string },
    priorityId?: number,
  ) => ({
    template: "priorities/form",
    title: priorityId ? "Edit priority" : "Add a priority",
    context: { strategy, priorityId },
    values: values as Record<string, string>,
  });

  app.get("/strategies/:strategyId/priorities/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const outline = await strategies.outline(actorOf(request), idParam(request, "strategyId"));
    return reply.page("priorities/form", {
      title: "Add a priority",
      strategy: outline.strategy,
      values: { number: String(outline.groups.length + 1) },
    });
  });

  app.post("/strategies/:strategyId/priorities", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const strategy = await strategies.get(actor, idParam(request, "strategyId"));
    const values = formValues(request.body);
    const page = priorityPage(values, strategy);
    const parsed = parseForm(prioritySchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      strategies.createPriority(actor, strategy.id, parsed.data),
    );
    if (!result.ok) return reply;
    flash(request, `Priority ${result.value.number} added`);
    return reply.redirect(`${base(request)}/strategies/${strategy.id}`, 303);
  });

  app.get("/priorities/:priorityId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const priority = await strategies.getPriority(actor, idParam(request, "priorityId"));
    const strategy = await strategies.get(actor, priority.strategyId);
    return reply.page("priorities/form", {
      title: "Edit priority",
      strategy,
      priorityId: priority.id,
      values: priority,
    });
  });

  app.post("/priorities/:priorityId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const priority = await strategies.getPriority(actor, idParam(request, "priorityId"));
    const strategy = await strategies.get(actor, priority.strategyId);
    const values = formValues(request.body);
    const page = priorityPage(values, strategy, priority.id);
    const parsed = parseForm(withVersion(prioritySchema), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      strategies.updatePriority(actor, priority.id, v, input),
    );
    if (!result.ok) return reply;
    flash(request, `Priority ${input.number} updated`);
    return reply.redirect(`${base(request)}/strategies/${strategy.id}`, 303);
  });

  // Commitments

  async function commitmentFormContext(
    strategyId: number,
    request: Parameters<typeof actorOf>[0],
    selfId?: number,
  ) {
    const outline = await strategies.outline(actorOf(request), strategyId);
    const all = [...outline.groups.flatMap((g) => g.commitments), ...outline.unassigned].filter(
      (c) => c.id !== selfId,
    );
    return {
      strategy: outline.strategy,
      priorities: outline.groups.map((g) => g.priority),
      otherCommitments: all.map((c) => ({ id: c.id, number: c.number, text: c.text })),
      commitmentId: selfId,
    };
  }

  const commitmentValues = (values: Record<string, string | string[] | undefined>) => ({
    ...values,
    seeAlso: asArray(values.seeAlso),
  });

  app.get("/strategies/:strategyId/commitments/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await commitmentFormContext(idParam(request, "strategyId"), request);
    const priorityId = (request.query as { priorityId?: string }).priorityId ?? "";
    return reply.page("commitments/form", {
      title: "Add a commitment",
      ...context,
      values: { priorityId, seeAlso: [] },
    });
  });

  app.post("/strategies/:strategyId/commitments", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const context = await commitmentFormContext(idParam(request, "strategyId"), request);
    const values = formValues(request.body);
    const page = {
      template: "commitments/form",
      title: "Add a commitment",
      context,
      values: commitmentValues(values),
      anchors: { seeAlso: "seeAlso" },
    };
    const parsed = parseForm(commitmentSchema, commitmentValues(values));
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      strategies.createCommitment(actor, context.strategy.id, parsed.data),
    );
    if (!result.ok) return reply;
    flash(request, `Commitment ${result.value.number} added`);
    return reply.redirect(`${base(request)}/commitments/${result.value.id}`, 303);
  });

  app.get("/commitments/:commitmentId", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const commitmentId = idParam(request, "commitmentId");
    const detail = await strategies.getCommitment(actor, commitmentId);
    const actions = await services.actionPlans.actionsForCommitment(actor, commitmentId);
    const byPlan: { plan: (typeof actions)[number]["plan"]; actions: typeof actions }[] = [];
    for (const row of actions) {
      const last = byPlan.at(-1);
      if (last && last.plan.id === row.plan.id) last.actions.push(row);
      else byPlan.push({ plan: row.plan, actions: [row] });
    }
    const { rating, overrideHistory, progress } = await services.ratings.commitmentPage(actor, commitmentId);
    return reply.page("commitments/show", {
      title: `${detail.commitment.number} ${detail.commitment.text}`,
      ...detail,
      actionsByPlan: byPlan,
      rating,
      overrideHistory,
      progress,
    });
  });

  app.get("/commitments/:commitmentId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const detail = await strategies.getCommitment(actor, idParam(request, "commitmentId"));
    const context = await commitmentFormContext(detail.commitment.strategyId, request, detail.commitment.id);
    return reply.page("commitments/form", {
      title: "Edit commitment",
      ...context,
      values: {
        ...detail.commitment,
        priorityId: detail.commitment.priorityId === null ? "" : String(detail.commitment.priorityId),
        seeAlso: detail.seeAlso.map((c) => String(c.id)),
      },
    });
  });

  app.post("/commitments/:commitmentId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const detail = await strategies.getCommitment(actor, idParam(request, "commitmentId"));
    const context = await commitmentFormContext(detail.commitment.strategyId, request, detail.commitment.id);
    const values = formValues(request.body);
    const page = {
      template: "commitments/form",
      title: "Edit commitment",
      context,
      values: commitmentValues(values),
    };
    const parsed = parseForm(withVersion(commitmentSchema), commitmentValues(values));
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      strategies.updateCommitment(actor, detail.commitment.id, v, input),
    );
    if (!result.ok) return reply;
    flash(request, `Commitment ${input.number} updated`);
    return reply.redirect(`${base(request)}/commitments/${detail.commitment.id}`, 303);
  });
}

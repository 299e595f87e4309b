import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { ActionInput } from "../../../services/action-plan-service.ts";
import type { FieldError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { isAdmin, requireAdmin } from "../../../services/permissions.ts";
import { asArray, dateParts, type FormValues, formValues, parseForm, readDate } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";

const text = (message: string, max = 4000) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 4000) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");

const planSchema = z.object({ name: text("Enter the action plan's name, like 2025–26", 60) });

const actionSchema = z.object({
  commitmentId: z.coerce
    .number({ message: "Select the commitment this action delivers" })
    .int()
    .positive("Select the commitment this action delivers"),
  what: text("Enter what we will do", TEXT_LIMITS.actionWhat),
  how: optionalText(TEXT_LIMITS.actionHow),
  leadOrganisationIds: z
    .array(z.coerce.number().int().positive())
    .min(1, "Select at least one organisation to lead"),
  performanceTarget: optionalText(TEXT_LIMITS.actionTarget),
  closed: z.enum(["yes", "no"]).default("no"),
});

const MAX_MILESTONES = 10;

/** Milestone rows arrive as milestone-N-description / -day / -month / -year / -done. */
function readMilestones(values: FormValues): { milestones: ActionInput["milestones"]; errors: FieldError[] } {
  const milestones: ActionInput["milestones"] = [];
  const errors: FieldError[] = [];
  for (let i = 0; i < MAX_MILESTONES; i++) {
    const description = String(values[`milestone-${i}-description`] ?? "").trim();
    const due = readDate(values, `milestone-${i}-dueOn`, `Milestone ${i + 1}'s date`);
    const hasDate = "value" in due ? due.value !== "" : true;
    if (!description && !hasDate) continue;
    if (!description)
      errors.push({ field: `milestone-${i}-description`, message: `Enter milestone ${i + 1}'s description` });
    if ("error" in due) errors.push({ field: `milestone-${i}-dueOn`, message: due.error });
    milestones.push({
      description,
      dueOn: "value" in due && due.value ? due.value : null,
      done: values[`milestone-${i}-done`] === "yes",
    });
  }
  return { milestones, errors };
}

function readPlanDates(values: FormValues) {
  const errors: FieldError[] = [];
  const starts = readDate(values, "startsOn", "The start date");
  const ends = readDate(values, "endsOn", "The end date");
  if ("error" in starts) errors.push({ field: "startsOn", message: starts.error });
  else if (!starts.value) errors.push({ field: "startsOn", message: "Enter the date the plan starts" });
  if ("error" in ends) errors.push({ field: "endsOn", message: ends.error });
  else if (!ends.value) errors.push({ field: "endsOn", message: "Enter the date the plan ends" });
  const startsOn = "value" in starts ? starts.value : "";
  const endsOn = "value" in ends ? ends.value : "";
  if (startsOn && endsOn && endsOn <= startsOn)
    errors.push({ field: "endsOn", message: "The end date must be after the start date" });
  return { startsOn, endsOn, errors };
}

const DATE_ANCHORS = {
  startsOn: "startsOn-day",
  endsOn: "endsOn-day",
  dueOn: "dueOn-day",
  leadOrganisationIds: "leadOrganisationIds",
};

export function registerActionPlanRoutes(app: FastifyInstance, services: Services): void {
  const { actionPlans, strategies, organisations } = services;
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const admin = { config: { access: "admin" as const } };

  app.get("/action-plans", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const [plans, strategyList] = await Promise.all([actionPlans.list(actor), strategies.list(actor)]);
    const strategyById = new Map(strategyList.map((s) => [s.id, s]));
    return reply.page("action-plans/list", {
      title: "Action plans",
      plans: plans.map((p) => ({ ...p, strategy: strategyById.get(p.strategyId) })),
      strategies: strategyList,
    });
  });

  async function planFormContext(request: FastifyRequest, strategyId: number) {
    const strategy = await strategies.get(actorOf(request), strategyId);
    return { strategy };
  }

  app.get("/strategies/:strategyId/action-plans/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await planFormContext(request, idParam(request, "strategyId"));
    const existing = await actionPlans.list(actorOf(request), context.strategy.id);
    const year =
      existing.length > 0 ? Number(existing.at(-1)!.startsOn.slice(0, 4)) + 1 : context.strategy.startYear;
    return reply.page("action-plans/form", {
      title: "Add an action plan",
      ...context,
      values: {
        name: `${year}–${String(year + 1).slice(2)}`,
        startsOn: dateParts(`${year}-04-01`),
        endsOn: dateParts(`${year + 1}-03-31`),
      },
    });
  });

  const planValues = (values: FormValues) => ({
    ...values,
    startsOn: { day: values["startsOn-day"], month: values["startsOn-month"], year: values["startsOn-year"] },
    endsOn: { day: values["endsOn-day"], month: values["endsOn-month"], year: values["endsOn-year"] },
  });

  app.post("/strategies/:strategyId/action-plans", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const context = await planFormContext(request, idParam(request, "strategyId"));
    const values = formValues(request.body);
    const page = {
      template: "action-plans/form",
      title: "Add an action plan",
      context,
      values: planValues(values),
      anchors: DATE_ANCHORS,
    };
    const parsed = parseForm(planSchema, values);
    const dates = readPlanDates(values);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dates.errors];
    if (!parsed.ok || errors.length > 0) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      actionPlans.create(actor, context.strategy.id, {
        name: parsed.data.name,
        startsOn: dates.startsOn,
        endsOn: dates.endsOn,
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Action plan ${result.value.name} added`);
    return reply.redirect(`${base(request)}/action-plans/${result.value.id}`, 303);
  });

  app.get("/action-plans/:planId", memberPage, async (request, reply) => {
    const table = await actionPlans.table(actorOf(request), idParam(request, "planId"));
    return reply.page("action-plans/show", { title: `Action plan ${table.plan.name}`, ...table });
  });

  app.get("/action-plans/:planId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const plan = await actionPlans.get(actor, idParam(request, "planId"));
    const context = await planFormContext(request, plan.strategyId);
    return reply.page("action-plans/form", {
      title: "Edit action plan",
      ...context,
      planId: plan.id,
      values: {
        name: plan.name,
        version: String(plan.version),
        startsOn: dateParts(plan.startsOn),
        endsOn: dateParts(plan.endsOn),
      },
    });
  });

  app.post("/action-plans/:planId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const plan = await actionPlans.get(actor, idParam(request, "planId"));
    const context = { ...(await planFormContext(request, plan.strategyId)), planId: plan.id };
    const values = formValues(request.body);
    const page = {
      template: "action-plans/form",
      title: "Edit action plan",
      context,
      values: planValues(values),
      anchors: DATE_ANCHORS,
    };
    const parsed = parseForm(planSchema.extend({ version: z.coerce.number().int().positive() }), values);
    const dates = readPlanDates(values);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dates.errors];
    if (!parsed.ok || errors.length > 0) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      actionPlans.update(actor, plan.id, parsed.data.version, {
        name: parsed.data.name,
        startsOn: dates.startsOn,
        endsOn: dates.endsOn,
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Action plan ${parsed.data.name} updated`);
    return reply.redirect(`${base(request)}/action-plans/${plan.id}`, 303);
  });

  // Actions

  async function actionFormContext(request: FastifyRequest, planId: number) {
    const actor = actorOf(request);
    const plan = await actionPlans.get(actor, planId);
    const [outline, orgs] = await Promise.all([
      strategies.outline(actor, plan.strategyId),
      organisations.list(actor),
    ]);
    return {
      plan,
      strategy: outline.strategy,
      commitmentGroups: outline.groups.map((g) => ({ priority: g.priority, commitments: g.commitments })),
      unassignedCommitments: outline.unassigned,
      organisations: orgs,
      canChangeLeads: isAdmin(actor),
      milestoneSlots: MAX_MILESTONES,
    };
  }

  /** Values as the form shows them (milestones as rows; an empty row to add one more). */
  function actionFormValues(values: FormValues) {
    const milestones = [];
    for (let i = 0; i < MAX_MILESTONES; i++) {
      milestones.push({
        description: values[`milestone-${i}-description`] ?? "",
        dueOn: {
          day: values[`milestone-${i}-dueOn-day`] ?? "",
          month: values[`milestone-${i}-dueOn-month`] ?? "",
          year: values[`milestone-${i}-dueOn-year`] ?? "",
        },
        done: values[`milestone-${i}-done`] === "yes",
      });
    }
    return {
      ...values,
      leadOrganisationIds: asArray(values.leadOrganisationIds),
      dueOn: { day: values["dueOn-day"], month: values["dueOn-month"], year: values["dueOn-year"] },
      milestones,
    };
  }

  function readAction(values: FormValues): { input?: ActionInput; errors: FieldError[] } {
    const parsed = parseForm(actionSchema, {
      ...values,
      leadOrganisationIds: asArray(values.leadOrganisationIds),
    });
    const due = readDate(values, "dueOn", "The due date");
    const milestones = readMilestones(values);
    const errors = [
      ...(parsed.ok ? [] : parsed.errors),
      ...("error" in due ? [{ field: "dueOn", message: due.error }] : []),
      ...milestones.errors,
    ];
    if (!parsed.ok || errors.length > 0) return { errors };
    return {
      input: {
        commitmentId: parsed.data.commitmentId,
        what: parsed.data.what,
        how: parsed.data.how,
        leadOrganisationIds: parsed.data.leadOrganisationIds,
        performanceTarget: parsed.data.performanceTarget,
        dueOn: "value" in due && due.value ? due.value : null,
        closed: parsed.data.closed === "yes",
        milestones: milestones.milestones,
      },
      errors: [],
    };
  }

  const milestoneAnchors = Object.fromEntries(
    Array.from({ length: MAX_MILESTONES }, (_, i) => [`milestone-${i}-dueOn`, `milestone-${i}-dueOn-day`]),
  );

  app.get("/action-plans/:planId/actions/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await actionFormContext(request, idParam(request, "planId"));
    const commitmentId = (request.query as { commitmentId?: string }).commitmentId ?? "";
    return reply.page("actions/form", {
      title: "Add an action",
      ...context,
      values: actionFormValues({ commitmentId }),
    });
  });

  app.post("/action-plans/:planId/actions", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const context = await actionFormContext(request, idParam(request, "planId"));
    const values = formValues(request.body);
    const page = {
      template: "actions/form",
      title: "Add an action",
      context,
      values: actionFormValues(values),
      anchors: { ...DATE_ANCHORS, ...milestoneAnchors },
    };
    const { input, errors } = readAction(values);
    if (!input) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      actionPlans.createAction(actor, context.plan.id, input),
    );
    if (!result.ok) return reply;
    flash(request, "Action added");
    return reply.redirect(`${base(request)}/actions/${result.value.id}`, 303);
  });

  app.get("/actions/:actionId", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const actionId = idParam(request, "actionId");
    const [detail, origin] = await Promise.all([
      actionPlans.getAction(actor, actionId),
      // The self-assessment criterion this action came from, if any (issue 15).
      services.assessments.originOfAction(actor, actionId),
    ]);
    return reply.page("actions/show", { title: detail.action.what, ...detail, origin });
  });

  app.get("/actions/:actionId/edit", { config: { access: "member" } }, async (request, reply) => {
    const actor = actorOf(request);
    const detail = await actionPlans.getAction(actor, idParam(request, "actionId"));
    if (!detail.canEdit) {
      return reply.code(403).page("errors/forbidden", { title: "You cannot change this action" });
    }
    const context = await actionFormContext(request, detail.action.actionPlanId);
    const values: FormValues = {
      commitmentId: String(detail.action.commitmentId),
      what: detail.action.what,
      how: detail.action.how,
      performanceTarget: detail.action.performanceTarget,
      leadOrganisationIds: detail.leads.map((l) => String(l.id)),
      closed: detail.action.closed ? "yes" : "no",
      version: String(detail.action.version),
      ...Object.fromEntries(
        Object.entries(dateParts(detail.action.dueOn)).map(([k, v]) => [`dueOn-${k}`, v]),
      ),
    };
    detail.milestones.forEach((m, i) => {
      values[`milestone-${i}-description`] = m.description;
      for (const [k, v] of Object.entries(dateParts(m.dueOn))) values[`milestone-${i}-dueOn-${k}`] = v;
      if (m.done) values[`milestone-${i}-done`] = "yes";
    });
    return reply.page("actions/form", {
      title: "Edit action",
      ...context,
      actionId: detail.action.id,
      values: actionFormValues(values),
    });
  });

  app.post("/actions/:actionId/edit", { config: { access: "member" } }, async (request, reply) => {
    const actor = actorOf(request);
    const detail = await actionPlans.getAction(actor, idParam(request, "actionId"));
    if (!detail.canEdit) {
      return reply.code(403).page("errors/forbidden", { title: "You cannot change this action" });
    }
    const context = {
      ...(await actionFormContext(request, detail.action.actionPlanId)),
      actionId: detail.action.id,
    };
    const values = formValues(request.body);
    if (!isAdmin(actor)) {
      // Editors cannot move an action or change who leads it; the form does not offer it.
      values.commitmentId = String(detail.action.commitmentId);
      values.leadOrganisationIds = detail.leads.map((l) => String(l.id));
    }
    const page = {
      template: "actions/form",
      title: "Edit action",
      context,
      values: actionFormValues(values),
      anchors: { ...DATE_ANCHORS, ...milestoneAnchors },
    };
    const version = Number(values.version);
    const { input, errors } = readAction(values);
    if (!Number.isInteger(version) || version < 1)
      errors.push({ field: "form", message: "The form is out of date; open it again" });
    if (!input || errors.length > 0) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      actionPlans.updateAction(actor, detail.action.id, version, input),
    );
    if (!result.ok) return reply;
    flash(request, "Action updated");
    return reply.redirect(`${base(request)}/actions/${detail.action.id}`, 303);
  });
}

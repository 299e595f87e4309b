import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { FieldError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { asArray, dateParts, type FormValues, formValues, parseForm, readDate } from "../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../helpers.ts";

const wholeDays = (what: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Enter ${what} as a whole number of days, like 5` })
    .int(`Enter ${what} as a whole number of days, like 5`)
    .min(min, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${min} days or more`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} days or fewer`);

const roundSchema = z.object({
  actionPlanId: z.coerce.number({ message: "Select an action plan" }).int().positive("Select an action plan"),
  name: z
    .string()
    .trim()
    .min(1, "Enter the round's name, like Q3 2025/26")
    .max(60, "The round's name must be 60 characters or fewer"),
  graceDays: wholeDays("the grace period", 0, 60),
  reminderDaysBefore: wholeDays("the reminder", 1, 60),
  actionIds: z.array(z.coerce.number().int().positive()).min(1, "Select the actions that need an update"),
});

const versionSchema = z.object({ version: z.coerce.number().int().positive() });

const extendSchema = versionSchema.extend({ graceDays: wholeDays("the grace period", 0, 60) });

const DATE_FIELDS = ["periodStart", "periodEnd", "deadline"] as const;
const DATE_LABELS: Record<(typeof DATE_FIELDS)[number], string> = {
  periodStart: "The start of the period",
  periodEnd: "The end of the period",
  deadline: "The deadline",
};
const ANCHORS = {
  periodStart: "periodStart-day",
  periodEnd: "periodEnd-day",
  deadline: "deadline-day",
  actionIds: "actionIds",
  actionPlanId: "actionPlanId",
};

/** Reads the required date inputs; "" for those that are missing, with an error each. */
function readDates<K extends string>(values: FormValues, fields: readonly K[], labels: Record<K, string>) {
  const dates = {} as Record<K, string>;
  const errors: FieldError[] = [];
  for (const field of fields) {
    const result = readDate(values, field, labels[field]);
    dates[field] = "value" in result ? result.value : "";
    if ("error" in result) errors.push({ field, message: result.error });
    else if (!result.value) errors.push({ field, message: `Enter ${labels[field].replace(/^The/, "the")}` });
  }
  return { dates, errors };
}

/** The date inputs' values as the template shows them: {day, month, year} per field. */
function withDateParts(values: FormValues, fields: readonly string[]) {
  const shown: Record<string, unknown> = { ...values };
  for (const f of fields) {
    shown[f] = {
      day: values[`${f}-day`] ?? "",
      month: values[`${f}-month`] ?? "",
      year: values[`${f}-year`] ?? "",
    };
  }
  return shown;
}

function flatDateParts(field: string, iso: string): FormValues {
  return Object.fromEntries(Object.entries(dateParts(iso)).map(([k, v]) => [`${field}-${k}`, v]));
}

export function registerRoundRoutes(app: FastifyInstance, services: Services): void {
  const { rounds } = services;
  const admin = { config: { access: "admin" as const } };
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const adminPage = { config: { access: "admin" as const, cache: "page" as const } };

  app.get("/rounds", adminPage, async (request, reply) => {
    const list = await rounds.list(actorOf(request));
    return reply.page("rounds/list", { title: "Update rounds", rounds: list });
  });

  async function newRoundContext(request: FastifyRequest, planId?: number) {
    const form = await rounds.newRoundForm(actorOf(request), planId);
    return { plans: form.plans, plan: form.plan, groups: form.groups, defaults: form.defaults };
  }

  app.get("/rounds/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const query = request.query as { planId?: string };
    const planId = query.planId && /^\d{1,9}$/.test(query.planId) ? Number(query.planId) : undefined;
    const context = await newRoundContext(request, planId);
    const d = context.defaults;
    const values: FormValues = {
      actionPlanId: d.actionPlanId === null ? "" : String(d.actionPlanId),
      name: d.name,
      graceDays: String(d.graceDays),
      reminderDaysBefore: String(d.reminderDaysBefore),
      actionIds: d.actionIds.map(String),
      ...flatDateParts("periodStart", d.periodStart),
      ...flatDateParts("periodEnd", d.periodEnd),
      ...flatDateParts("deadline", d.deadline),
    };
    return reply.page("rounds/new", {
      title: "Open an update round",
      ...context,
      values: withDateParts(values, DATE_FIELDS),
    });
  });

  app.post("/rounds/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const planId = Number(values.actionPlanId);
    const context = await newRoundContext(
      request,
      Number.isSafeInteger(planId) && planId > 0 ? planId : undefined,
    );
    const shown = { ...withDateParts(values, DATE_FIELDS), actionIds: asArray(values.actionIds) };
    const page: FormPage = {
      template: "rounds/new",
      title: "Open an update round",
      context,
      values: shown,
      anchors: ANCHORS,
    };
    const parsed = parseForm(roundSchema, { ...values, actionIds: asArray(values.actionIds) });
    const { dates, errors: dateErrors } = readDates(values, DATE_FIELDS, DATE_LABELS);
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dateErrors];
    if (!parsed.ok || errors.length > 0) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      rounds.open(actor, { ...parsed.data, ...dates }),
    );
    if (!result.ok) return reply;
    const { round, alreadyOpen, mailsQueued } = result.value;
    flash(
      request,
      alreadyOpen
        ? `${round.name} was already open`
        : `${round.name} opened. ${mailsQueued === 1 ? "1 e-mail" : `${mailsQueued} e-mails`} to partners queued`,
    );
    return reply.redirect(`${base(request)}/rounds/${round.id}`, 303);
  });

  app.get("/rounds/:roundId", adminPage, async (request, reply) => {
    const status = await rounds.status(actorOf(request), idParam(request, "roundId"));
    return reply.page("rounds/show", { title: status.round.name, ...status });
  });

  app.get("/rounds/:roundId/status.csv", admin, async (request, reply) => {
    const { csv, filename } = await rounds.statusCsv(actorOf(request), idParam(request, "roundId"));
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${filename}"`)
      .header("cache-control", "no-store")
      .send(csv);
  });

  // Extend: a later deadline and/or a different grace period.

  const extendPage = async (request: FastifyRequest, values: Record<string, unknown>): Promise<FormPage> => {
    const round = await rounds.get(actorOf(request), idParam(request, "roundId"));
    return {
      template: "rounds/extend",
      title: `Change the deadline of ${round.name}`,
      context: { round },
      values,
      anchors: ANCHORS,
    };
  };

  app.get("/rounds/:roundId/extend", admin, async (request, reply) => {
    const round = await rounds.get(actorOf(request), idParam(request, "roundId"));
    const values = {
      ...flatDateParts("deadline", round.deadline),
      graceDays: String(round.graceDays),
      version: String(round.version),
    };
    const page = await extendPage(request, withDateParts(values, ["deadline"]));
    return reply.page(page.template, { title: page.title, ...page.context, values: page.values });
  });

  app.post("/rounds/:roundId/extend", admin, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const page = await extendPage(request, withDateParts(values, ["deadline"]));
    const parsed = parseForm(extendSchema, values);
    const { dates, errors: dateErrors } = readDates(values, ["deadline"] as const, {
      deadline: "The new deadline",
    });
    const errors = [...(parsed.ok ? [] : parsed.errors), ...dateErrors];
    if (!parsed.ok || errors.length > 0) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      rounds.extend(actor, idParam(request, "roundId"), parsed.data.version, {
        deadline: dates.deadline,
        graceDays: parsed.data.graceDays,
      }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name}: deadline and grace period saved`);
    return reply.redirect(`${base(request)}/rounds/${result.value.id}`, 303);
  });

  // Close and reopen: a confirmation page each, then a POST with the version the coordinator saw.

  const confirmations = {
    close: {
      title: (name: string) => `Close ${name}`,
      run: (request: FastifyRequest, version: number) =>
        rounds.close(actorOf(request), idParam(request, "roundId"), version),
      done: (name: string) => `${name} closed`,
    },
    reopen: {
      title: (name: string) => `Reopen ${name}`,
      run: (request: FastifyRequest, version: number) =>
        rounds.reopen(actorOf(request), idParam(request, "roundId"), version),
      done: (name: string) => `${name} reopened: partners can submit late updates`,
    },
  } as const;

  for (const [verb, c] of Object.entries(confirmations)) {
    const confirmPage = async (
      request: FastifyRequest,
      values: Record<string, unknown>,
    ): Promise<FormPage> => {
      const round = await rounds.get(actorOf(request), idParam(request, "roundId"));
      return { template: "rounds/confirm", title: c.title(round.name), context: { round, verb }, values };
    };

    app.get(`/rounds/:roundId/${verb}`, admin, async (request: FastifyRequest, reply: FastifyReply) => {
      const round = await rounds.get(actorOf(request), idParam(request, "roundId"));
      const page = await confirmPage(request, { version: String(round.version) });
      return reply.page(page.template, { title: page.title, ...page.context, values: page.values });
    });

    app.post(`/rounds/:roundId/${verb}`, admin, async (request: FastifyRequest, reply: FastifyReply) => {
      const values = formValues(request.body);
      const page = await confirmPage(request, values);
      const parsed = parseForm(versionSchema, values);
      if (!parsed.ok) {
        return renderFormErrors(reply, page, [
          { field: "form", message: "The form is out of date; open it again" },
        ]);
      }
      const result = await handleFormErrors(reply, page, () => c.run(request, parsed.data.version));
      if (!result.ok) return reply;
      flash(request, c.done(result.value.name));
      return reply.redirect(`${base(request)}/rounds/${result.value.id}`, 303);
    });
  }
}

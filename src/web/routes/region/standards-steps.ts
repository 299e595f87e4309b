// The standard's steps that are buttons, not forms (moving, removing, publishing, closing a cycle),
// and opening a cycle; registered by standards-pages.ts for each side.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { dateParts, formValues, parseForm, readDate } from "../../forms.ts";
import { flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { cycleSchema, structureSchema } from "./standards-forms.ts";
import type { StandardsSide } from "./standards-pages.ts";

const V = "region/standards";

export function registerStandardSteps(app: FastifyInstance, services: Services, side: StandardsSide): void {
  const { standards } = services;
  const write = { config: { access: side.write } };
  const ctx = (request: FastifyRequest) => ({ sbase: `${side.base(request)}/standards`, side: side.read });
  const standardUrl = (request: FastifyRequest, id: number) => `${side.base(request)}/standards/${id}`;

  // Moving and removing themes and criteria: the view page's buttons (form submits, no script).
  app.post("/standards/:standardId/structure", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    await standards.forEdit(actor, id);
    const parsed = parseForm(structureSchema, formValues(request.body));
    // The buttons send a known step and a number: anything else was not sent by this page.
    if (!parsed.ok) throw Object.assign(new Error("Choose what to move or remove"), { statusCode: 400 });
    const { step, id: target } = parsed.data;
    try {
      if (step === "theme-up" || step === "theme-down")
        await standards.moveTheme(actor, id, target, step === "theme-up" ? "up" : "down");
      else if (step === "criterion-up" || step === "criterion-down")
        await standards.moveCriterion(actor, id, target, step === "criterion-up" ? "up" : "down");
      else if (step === "theme-remove") await standards.removeTheme(actor, id, target);
      else await standards.removeCriterion(actor, id, target);
    } catch (error) {
      if (error instanceof ValidationError) return refused(request, reply, id, error.message);
      throw error;
    }
    flash(request, step.endsWith("remove") ? "Removed" : "Moved");
    return reply.redirect(standardUrl(request, id), 303);
  });

  app.post("/standards/:standardId/publish", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    try {
      const { already } = await standards.publish(actor, id);
      flash(request, already ? "This standard was already published" : "Standard published");
    } catch (error) {
      if (error instanceof ValidationError) return refused(request, reply, id, error.message);
      throw error;
    }
    return reply.redirect(standardUrl(request, id), 303);
  });

  // Cycles.
  const cycleDates = (values: Record<string, unknown>) => ({
    ...Object.fromEntries(
      Object.entries(dateParts(String(values.opensOn ?? ""))).map(([k, v]) => [`opensOn-${k}`, v]),
    ),
    ...Object.fromEntries(
      Object.entries(dateParts(String(values.dueOn ?? ""))).map(([k, v]) => [`dueOn-${k}`, v]),
    ),
  });
  app.get("/standards/:standardId/cycles/new", write, async (request, reply) => {
    const { standard, suggestion } = await standards.suggestedCycle(
      side.actor(request),
      idParam(request, "standardId"),
    );
    return reply.page(`${V}/cycle-new`, {
      title: "Open an assessment cycle",
      ...ctx(request),
      standard,
      values: { name: suggestion.name, ...cycleDates(suggestion) },
    });
  });
  app.post("/standards/:standardId/cycles/new", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { standard } = await standards.suggestedCycle(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/cycle-new`,
      title: "Open an assessment cycle",
      context: { ...ctx(request), standard },
      values,
      anchors: { opensOn: "opensOn-day", dueOn: "dueOn-day" },
    };
    const parsed = parseForm(cycleSchema, values);
    const errors = parsed.ok ? [] : [...parsed.errors];
    const opens = readDate(values, "opensOn", "The opening date");
    const due = readDate(values, "dueOn", "The due date");
    for (const [field, d] of [
      ["opensOn", opens],
      ["dueOn", due],
    ] as const) {
      if ("error" in d) errors.push({ field, message: d.error });
      else if (d.value === "")
        errors.push({
          field,
          message: field === "opensOn" ? "Enter the opening date" : "Enter the due date",
        });
    }
    if (!parsed.ok || errors.length > 0 || !("value" in opens) || !("value" in due))
      return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      standards.createCycle(actor, id, { name: parsed.data.name, opensOn: opens.value, dueOn: due.value }),
    );
    if (!result.ok) return reply;
    flash(request, `Cycle ${result.value.name} opened`);
    return reply.redirect(`${standardUrl(request, id)}#cycles`, 303);
  });
  app.post("/standards/:standardId/cycles/:standardCycleId/close", write, async (request, reply) => {
    const id = idParam(request, "standardId");
    const { already } = await standards.closeCycle(
      side.actor(request),
      id,
      idParam(request, "standardCycleId"),
    );
    flash(request, already ? "This cycle was already closed" : "Cycle closed");
    return reply.redirect(`${standardUrl(request, id)}#cycles`, 303);
  });

  /** A step the service refused (publishing too soon, removing what is rated): back to the standard, saying why. */
  function refused(request: FastifyRequest, reply: FastifyReply, id: number, message: string) {
    request.session.flash = { type: "important", heading: message };
    return reply.redirect(standardUrl(request, id), 303);
  }
}

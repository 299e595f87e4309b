// Key statistics pages: the list of indicators, each indicator's page (definition, judgements with
// their rules, chart and data table), and the coordinator's forms to add and change indicators,
// definition notes, links and figures. Templates, areas, the published preview and imports are in
// indicator-admin.ts.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { figureFreshness } from "../../../domain/figure-freshness.ts";
import {
  AREA_KIND_LABELS,
  FREQUENCY_PERIOD_KIND,
  formatNumber,
  RATE_BASES,
} from "../../../domain/indicators.ts";
import { ukDateOf } from "../../../domain/periods.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { asArray, dateParts, formValues, parseForm, statesIdentifiesNobody } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { registerIndicatorAdminRoutes } from "./indicator-admin.ts";
import {
  DATE_ANCHORS,
  indicatorFormValues,
  linksSchema,
  newIndicatorValues,
  noteSchema,
  observationEditSchema,
  observationSchema,
  readIndicatorForm,
  readNoteDate,
  versionField,
  withDateParts,
} from "./indicator-forms.ts";

const PERIOD_HINTS = {
  year: "For example 2024/25",
  quarter: "For example Q2 2024/25",
  month: "For example 2024-06",
};

export function registerIndicatorRoutes(app: FastifyInstance, services: Services): void {
  const { indicators, organisations } = services;
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const admin = { config: { access: "admin" as const } };

  app.get("/indicators", memberPage, async (request, reply) => {
    const views = await indicators.list(actorOf(request));
    // A latest figure older than its frequency allows is marked in words (figure-freshness.ts).
    const today = ukDateOf(new Date());
    const stale = Object.fromEntries(
      views.flatMap((v) => {
        const f = figureFreshness(v.assessment.latest?.period ?? null, today);
        return f?.stale ? [[v.indicator.id, f]] : [];
      }),
    );
    return reply.page("indicators/list", { title: "Key statistics", views, stale });
  });

  async function formContext(request: FastifyRequest, selfId?: number) {
    const actor = actorOf(request);
    const [orgs, all] = await Promise.all([organisations.list(actor), indicators.rows(actor)]);
    return {
      indicatorId: selfId,
      organisations: orgs,
      totals: all.filter((i) => i.unit === "count" && i.id !== selfId && i.partOfIndicatorId === null),
      rateBases: RATE_BASES.map((b) => ({ value: b, text: `Per ${formatNumber(b, 0)}` })),
    };
  }

  app.get("/indicators/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("indicators/form", {
      title: "Add an indicator",
      ...(await formContext(request)),
      values: newIndicatorValues(),
    });
  });

  app.post("/indicators", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = {
      template: "indicators/form",
      title: "Add an indicator",
      context: await formContext(request),
      values: withDateParts(values, "targetDate"),
      anchors: DATE_ANCHORS,
    };
    const form = readIndicatorForm(values);
    if (!form.ok) return renderFormErrors(reply, page, form.errors);
    const result = await handleFormErrors(reply, page, () => indicators.create(actor, form.input));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/indicators/${result.value.id}`, 303);
  });

  app.get("/indicators/:indicatorId", memberPage, async (request, reply) => {
    const detail = await indicators.detail(actorOf(request), idParam(request, "indicatorId"));
    const freshness = figureFreshness(detail.assessment.latest?.period ?? null, ukDateOf(new Date()));
    return reply.page("indicators/show", {
      title: detail.indicator.name,
      ...detail,
      freshness,
      areaKinds: AREA_KIND_LABELS,
    });
  });

  app.get("/indicators/:indicatorId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const row = await indicators.get(actor, idParam(request, "indicatorId"));
    return reply.page("indicators/form", {
      title: "Edit indicator",
      ...(await formContext(request, row.id)),
      values: indicatorFormValues(row),
    });
  });

  app.post("/indicators/:indicatorId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const row = await indicators.get(actor, idParam(request, "indicatorId"));
    const values = formValues(request.body);
    const page = {
      template: "indicators/form",
      title: "Edit indicator",
      context: await formContext(request, row.id),
      values: withDateParts(values, "targetDate"),
      anchors: DATE_ANCHORS,
    };
    const form = readIndicatorForm(values);
    const version = versionField.safeParse(values.version);
    if (!form.ok) return renderFormErrors(reply, page, form.errors);
    if (!version.success)
      return renderFormErrors(reply, page, [
        { field: "name", message: "Open the form again: it is missing its version" },
      ]);
    const result = await handleFormErrors(reply, page, () =>
      indicators.update(actor, row.id, version.data, form.input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${base(request)}/indicators/${row.id}`, 303);
  });

  // Definition notes

  app.get("/indicators/:indicatorId/notes/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const indicator = await indicators.get(actorOf(request), idParam(request, "indicatorId"));
    return reply.page("indicators/note-form", {
      title: "Add a definition note",
      indicator,
      values: { changedOn: dateParts(null) },
    });
  });

  app.post("/indicators/:indicatorId/notes", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const indicator = await indicators.get(actor, idParam(request, "indicatorId"));
    const values = formValues(request.body);
    const page = {
      template: "indicators/note-form",
      title: "Add a definition note",
      context: { indicator },
      values: withDateParts(values, "changedOn"),
      anchors: DATE_ANCHORS,
    };
    const parsed = parseForm(noteSchema, values);
    const date = readNoteDate(values);
    const errors = [
      ...("error" in date ? [{ field: "changedOn", message: date.error }] : []),
      ...(parsed.ok ? [] : parsed.errors),
    ];
    if (!parsed.ok || "error" in date) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      indicators.addNote(actor, indicator.id, {
        changedOn: date.value,
        note: parsed.data.note,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Definition note added");
    return reply.redirect(`${base(request)}/indicators/${indicator.id}`, 303);
  });

  // Links to commitments and actions

  app.get("/indicators/:indicatorId/links", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const choices = await indicators.linkChoices(actorOf(request), idParam(request, "indicatorId"));
    return reply.page("indicators/links", {
      title: "What this indicator measures",
      ...choices,
      values: {
        commitmentIds: choices.linked.commitmentIds.map(String),
        actionIds: choices.linked.actionIds.map(String),
        version: String(choices.indicator.version),
      },
    });
  });

  app.post("/indicators/:indicatorId/links", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const choices = await indicators.linkChoices(actor, idParam(request, "indicatorId"));
    const raw = formValues(request.body);
    const values = { ...raw, commitmentIds: asArray(raw.commitmentIds), actionIds: asArray(raw.actionIds) };
    const page = {
      template: "indicators/links",
      title: "What this indicator measures",
      context: choices,
      values,
    };
    const parsed = parseForm(linksSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version, ...links } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      indicators.setLinks(actor, choices.indicator.id, version, links),
    );
    if (!result.ok) return reply;
    flash(request, "Links saved");
    return reply.redirect(`${base(request)}/indicators/${choices.indicator.id}`, 303);
  });

  // Figures

  async function observationContext(request: FastifyRequest, indicatorId: number) {
    const actor = actorOf(request);
    const [indicator, areas] = await Promise.all([
      indicators.get(actor, indicatorId),
      indicators.listAreas(actor),
    ]);
    return { indicator, areas, periodHint: PERIOD_HINTS[FREQUENCY_PERIOD_KIND[indicator.frequency]] };
  }

  app.get("/indicators/:indicatorId/observations/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await observationContext(request, idParam(request, "indicatorId"));
    const own = context.areas.find((a) => a.kind === "own");
    return reply.page("indicators/observation-form", {
      title: "Add a figure",
      ...context,
      values: { areaId: String(own?.id ?? "") },
    });
  });

  app.post("/indicators/:indicatorId/observations", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const context = await observationContext(request, idParam(request, "indicatorId"));
    const values = formValues(request.body);
    const page = { template: "indicators/observation-form", title: "Add a figure", context, values };
    const parsed = parseForm(observationSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      indicators.addObservation(actor, context.indicator.id, parsed.data),
    );
    if (!result.ok) return reply;
    flash(request, `Figure for ${result.value.periodLabel} added`);
    return reply.redirect(`${base(request)}/indicators/${context.indicator.id}`, 303);
  });

  app.get("/observations/:observationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { observation, indicator } = await indicators.getObservation(
      actor,
      idParam(request, "observationId"),
    );
    const text = (n: number | null) => (n === null ? "" : String(n));
    return reply.page("indicators/observation-form", {
      title: "Change a figure",
      indicator,
      observation,
      values: {
        value: text(observation.value),
        numerator: text(observation.numerator),
        denominator: text(observation.denominator),
        version: String(observation.version),
      },
    });
  });

  app.post("/observations/:observationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { observation, indicator } = await indicators.getObservation(
      actor,
      idParam(request, "observationId"),
    );
    const values = formValues(request.body);
    const page = {
      template: "indicators/observation-form",
      title: "Change a figure",
      context: { indicator, observation },
      values,
    };
    const parsed = parseForm(observationEditSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version, ...numbers } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      indicators.updateObservation(actor, observation.id, version, numbers),
    );
    if (!result.ok) return reply;
    flash(request, `Figure for ${observation.periodLabel} in ${observation.areaName} updated`);
    return reply.redirect(`${base(request)}/indicators/${indicator.id}`, 303);
  });

  registerIndicatorAdminRoutes(app, services);
}

// The quality standards' pages, the same for a region (/r/:regionSlug/standards, its lead writes)
// and for a partnership (/p/:slug/standards, its coordinator writes): one set of routes over the
// owner-generic service, registered by each side with its own actor, address and access levels.
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { StandardRow } from "../../../data/region/standards.ts";
import type { Actor } from "../../../services/actor.ts";
import type { Services } from "../../../services/index.ts";
import { formValues, parseForm, statesIdentifiesNobody } from "../../forms.ts";
import { type FormPage, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import {
  criterionSchema,
  newStandardSchema,
  readScale,
  SCALE_ROWS,
  standardSchema,
  themeSchema,
  versionField,
} from "./standards-forms.ts";
import { registerStandardSteps } from "./standards-steps.ts";

export interface StandardsSide {
  actor(request: FastifyRequest): Actor;
  base(request: FastifyRequest): string;
  read: "region" | "member";
  write: "region-lead" | "admin";
  /** Checks the writer on GET form pages, so a form is not shown to someone who cannot send it. */
  requireWriter(actor: Actor): void;
}

const V = "region/standards";

export function registerStandardPages(app: FastifyInstance, services: Services, side: StandardsSide): void {
  const { standards } = services;
  const read = { config: { access: side.read } };
  const write = { config: { access: side.write } };
  const ctx = (request: FastifyRequest) => ({ sbase: `${side.base(request)}/standards`, side: side.read });
  const standardUrl = (request: FastifyRequest, id: number) => `${side.base(request)}/standards/${id}`;

  app.get("/standards", read, async (request, reply) => {
    const list = await standards.list(side.actor(request));
    return reply.page(`${V}/list`, { title: "Quality standards", ...ctx(request), ...list });
  });

  async function newPage(request: FastifyRequest, values: Record<string, unknown>): Promise<FormPage> {
    const sources = await standards.sources(side.actor(request));
    return {
      template: `${V}/new`,
      title: "Add a quality standard",
      context: { ...ctx(request), ...sources },
      values,
    };
  }

  app.get("/standards/new", write, async (request, reply) => {
    side.requireWriter(side.actor(request));
    const page = await newPage(request, { scale: "four-level" });
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/standards/new", write, async (request, reply) => {
    const actor = side.actor(request);
    side.requireWriter(actor);
    const values = formValues(request.body);
    const page = await newPage(request, values);
    const parsed = parseForm(newStandardSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { source, name, scale } = parsed.data;
    const from = source.startsWith("template:")
      ? { kind: "template" as const, key: source.slice(9) }
      : source.startsWith("copy:") && /^\d{1,9}$/.test(source.slice(5))
        ? { kind: "copy" as const, standardId: Number(source.slice(5)) }
        : { kind: "blank" as const, scale };
    const result = await handleFormErrors(reply, page, () => standards.create(actor, { source: from, name }));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(standardUrl(request, result.value.id), 303);
  });

  app.get("/standards/:standardId", read, async (request, reply) => {
    const view = await standards.view(side.actor(request), idParam(request, "standardId"));
    return reply.page(`${V}/view`, { title: view.outline.standard.name, ...ctx(request), ...view });
  });

  // The standard's name, summary and cycle length.
  const standardValues = (s: StandardRow) => ({
    ...s,
    cycleMonths: String(s.cycleMonths),
    version: String(s.version),
  });
  app.get("/standards/:standardId/edit", write, async (request, reply) => {
    const { standard } = await standards.forEdit(side.actor(request), idParam(request, "standardId"));
    return reply.page(`${V}/edit`, {
      title: "Change the standard",
      ...ctx(request),
      standard,
      values: standardValues(standard),
    });
  });
  app.post("/standards/:standardId/edit", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { standard } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/edit`,
      title: "Change the standard",
      context: { ...ctx(request), standard },
      values,
    };
    const parsed = parseForm(standardSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      standards.update(actor, id, version, { ...input, identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, "Standard saved");
    return reply.redirect(standardUrl(request, id), 303);
  });

  // The rating scale: up to seven rows; locked to labels and descriptions once rated.
  app.get("/standards/:standardId/scale", write, async (request, reply) => {
    const { standard, outline, rated } = await standards.forEdit(
      side.actor(request),
      idParam(request, "standardId"),
    );
    const values: Record<string, string> = { version: String(standard.version) };
    outline.levels.forEach((l, i) => {
      values[`label-${i + 1}`] = l.label;
      values[`description-${i + 1}`] = l.description;
      values[`meets-${i + 1}`] = l.meetsStandard ? "yes" : "";
    });
    return reply.page(`${V}/scale`, {
      title: "Change the rating scale",
      ...ctx(request),
      standard,
      rated,
      rows: scaleRows(rated ? outline.levels.length : SCALE_ROWS),
      values,
    });
  });
  app.post("/standards/:standardId/scale", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { standard, outline, rated } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    // Once rated, which levels meet the standard is fixed: the stored marks stand, not the form's.
    if (rated) {
      for (const [i, l] of outline.levels.entries()) values[`meets-${i + 1}`] = l.meetsStandard ? "yes" : "";
    }
    const page = {
      template: `${V}/scale`,
      title: "Change the rating scale",
      context: {
        ...ctx(request),
        standard,
        rated,
        rows: scaleRows(rated ? outline.levels.length : SCALE_ROWS),
      },
      values,
      anchors: { levels: "label-1" },
    };
    const version = versionField.safeParse(values.version);
    const { levels, errors } = readScale(values);
    if (errors.length > 0 || !version.success) return renderFormErrors(reply, page, errors);
    const result = await handleFormErrors(reply, page, () =>
      standards.saveScale(actor, id, version.data, levels, statesIdentifiesNobody(values)),
    );
    if (!result.ok) return reply;
    flash(request, "Rating scale saved");
    return reply.redirect(standardUrl(request, id), 303);
  });

  // Themes.
  app.get("/standards/:standardId/themes/new", write, async (request, reply) => {
    const { standard } = await standards.forEdit(side.actor(request), idParam(request, "standardId"));
    return reply.page(`${V}/theme`, { title: "Add a theme", ...ctx(request), standard, values: {} });
  });
  app.post("/standards/:standardId/themes/new", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { standard } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/theme`,
      title: "Add a theme",
      context: { ...ctx(request), standard },
      values,
    };
    const parsed = parseForm(themeSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      standards.addTheme(actor, id, { ...parsed.data, identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `Theme ${result.value.title} added`);
    return reply.redirect(`${standardUrl(request, id)}#theme-${result.value.id}`, 303);
  });
  app.get("/standards/:standardId/themes/:themeId/edit", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const theme = await standards.theme(actor, id, idParam(request, "themeId"));
    const { standard } = await standards.forEdit(actor, id);
    return reply.page(`${V}/theme`, {
      title: "Change the theme",
      ...ctx(request),
      standard,
      theme,
      values: { ...theme, version: String(theme.version) },
    });
  });
  app.post("/standards/:standardId/themes/:themeId/edit", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const theme = await standards.theme(actor, id, idParam(request, "themeId"));
    const { standard } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/theme`,
      title: "Change the theme",
      context: { ...ctx(request), standard, theme },
      values,
    };
    const parsed = parseForm(themeSchema.extend({ version: versionField }), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      standards.updateTheme(actor, id, theme.id, version, {
        ...input,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Theme saved");
    return reply.redirect(`${standardUrl(request, id)}#theme-${theme.id}`, 303);
  });

  // Criteria.
  app.get("/standards/:standardId/themes/:themeId/criteria/new", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const theme = await standards.theme(actor, id, idParam(request, "themeId"));
    const { standard } = await standards.forEdit(actor, id);
    return reply.page(`${V}/criterion`, {
      title: "Add a criterion",
      ...ctx(request),
      standard,
      theme,
      values: {},
    });
  });
  app.post("/standards/:standardId/themes/:themeId/criteria/new", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const theme = await standards.theme(actor, id, idParam(request, "themeId"));
    const { standard } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/criterion`,
      title: "Add a criterion",
      context: { ...ctx(request), standard, theme },
      values,
    };
    const parsed = parseForm(criterionSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      standards.addCriterion(actor, id, theme.id, {
        ...parsed.data,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Criterion added");
    return reply.redirect(`${standardUrl(request, id)}#criterion-${result.value.id}`, 303);
  });
  app.get("/standards/:standardId/criteria/:standardCriterionId/edit", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { criterion, theme } = await standards.criterion(
      actor,
      id,
      idParam(request, "standardCriterionId"),
    );
    const { standard } = await standards.forEdit(actor, id);
    return reply.page(`${V}/criterion`, {
      title: "Change the criterion",
      ...ctx(request),
      standard,
      theme,
      criterion,
      values: { ...criterion, version: String(criterion.version) },
    });
  });
  app.post("/standards/:standardId/criteria/:standardCriterionId/edit", write, async (request, reply) => {
    const actor = side.actor(request);
    const id = idParam(request, "standardId");
    const { criterion, theme } = await standards.criterion(
      actor,
      id,
      idParam(request, "standardCriterionId"),
    );
    const { standard } = await standards.forEdit(actor, id);
    const values = formValues(request.body);
    const page = {
      template: `${V}/criterion`,
      title: "Change the criterion",
      context: { ...ctx(request), standard, theme, criterion },
      values,
    };
    const parsed = parseForm(criterionSchema.extend({ version: versionField }), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      standards.updateCriterion(actor, id, criterion.id, version, {
        ...input,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Criterion saved");
    return reply.redirect(`${standardUrl(request, id)}#criterion-${criterion.id}`, 303);
  });

  registerStandardSteps(app, services, side);
}

function scaleRows(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

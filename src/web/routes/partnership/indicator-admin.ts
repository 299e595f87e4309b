// The coordinator's key statistics pages: built-in templates, areas, the preview of what would be
// published (with the suppression threshold), and importing figures from a file.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { AREA_KIND_LABELS } from "../../../domain/indicators.ts";
import { suppressionRules } from "../../../domain/suppression.ts";
import { withoutRefusedCharacters } from "../../../domain/text-safety.ts";
import { pastedFile } from "../../../imports/observations.ts";
import { READ_LIMITS, type UploadedFile } from "../../../imports/read-table.ts";
import { buildKeyStatisticsSection } from "../../../reports/key-statistics.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { formValues, parseForm, refusedFieldErrors } from "../../forms.ts";
import { registerMalformedUploadHandling } from "../../plugins/malformed-uploads.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";
import { areaSchema, templateSchema, thresholdSchema } from "./indicator-forms.ts";

/** A file field from the multipart body: {filename, data} (our onFile), or a bare Buffer. */
function uploaded(value: unknown): UploadedFile | null {
  if (Buffer.isBuffer(value))
    return value.length > 0
      ? { filename: value[0] === 0x50 ? "upload.xlsx" : "upload.csv", data: value }
      : null;
  const v = value as { filename?: unknown; data?: unknown } | null;
  if (v && typeof v.filename === "string" && Buffer.isBuffer(v.data) && v.data.length > 0)
    return { filename: v.filename, data: v.data };
  return null;
}

export function registerIndicatorAdminRoutes(app: FastifyInstance, services: Services): void {
  const { indicators } = services;
  const admin = { config: { access: "admin" as const } };

  // Templates

  app.get("/indicators/templates", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("indicators/templates", {
      title: "Built-in indicators",
      ...(await indicators.templates(actorOf(request))),
    });
  });

  app.post("/indicators/templates", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = {
      template: "indicators/templates",
      title: "Built-in indicators",
      context: await indicators.templates(actor),
      values,
    };
    const parsed = parseForm(templateSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      indicators.enableTemplate(actor, parsed.data.templateKey),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} switched on`);
    return reply.redirect(`${base(request)}/indicators/${result.value.id}`, 303);
  });

  // Areas

  const areasContext = async (request: FastifyRequest) => ({
    areas: await indicators.listAreas(actorOf(request)),
    kinds: AREA_KIND_LABELS,
  });

  app.get("/indicators/areas", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("indicators/areas", { title: "Areas", ...(await areasContext(request)), values: {} });
  });

  app.post("/indicators/areas", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = {
      template: "indicators/areas",
      title: "Areas",
      context: await areasContext(request),
      values,
    };
    const parsed = parseForm(areaSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => indicators.addArea(actor, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/indicators/areas`, 303);
  });

  // What would be published

  async function publishedContext(request: FastifyRequest) {
    const actor = actorOf(request);
    const settings = await indicators.settings(actor);
    const section = await buildKeyStatisticsSection(services, actor, { forPublication: true, png: false });
    return { settings, section, rules: suppressionRules(settings.suppressionThreshold) };
  }

  app.get("/indicators/published", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await publishedContext(request);
    return reply.page("indicators/published", {
      title: "What would be published",
      ...context,
      values: {
        suppressionThreshold: String(context.settings.suppressionThreshold),
        version: String(context.settings.version),
      },
    });
  });

  app.post("/indicators/published/threshold", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = {
      template: "indicators/published",
      title: "What would be published",
      context: { ...(await publishedContext(request)) },
      values,
    };
    const parsed = parseForm(thresholdSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      indicators.setSuppressionThreshold(actor, parsed.data.suppressionThreshold, parsed.data.version),
    );
    if (!result.ok) return reply;
    flash(request, `Figures below ${parsed.data.suppressionThreshold} are now suppressed when published`);
    return reply.redirect(`${base(request)}/indicators/published`, 303);
  });

  // Importing figures: multipart upload in its own scope, parsed only for signed-in coordinators.

  app.register(async (scope) => {
    scope.addHook("preValidation", async (request, reply) => {
      if (!request.isMultipart?.()) return;
      const user = request.session.user;
      const { slug } = request.params as { slug: string };
      const actor = user ? await services.auth.memberActor(user.id, slug) : null;
      // Refuse before the file is read; the partnership guard gives the usual answer for the rest.
      if (!actor || actor.role !== "admin")
        return reply.code(user ? 404 : 401).page(user ? "errors/not-found" : "errors/forbidden", {
          title: user ? "Page not found" : "Sign in to continue",
        });
    });
    registerMalformedUploadHandling(scope);
    if (!scope.hasContentTypeParser("multipart/form-data")) {
      await scope.register(fastifyMultipart, {
        attachFieldsToBody: "keyValues",
        throwFileSizeLimit: false,
        limits: { fileSize: READ_LIMITS.maxBytes + 1, files: 1, fields: 10, fieldSize: 1024 * 1024 },
        async onFile(part) {
          const data = await part.toBuffer();
          (part as unknown as { value: unknown }).value = {
            filename: withoutRefusedCharacters(part.filename),
            data: part.file.truncated ? Buffer.alloc(READ_LIMITS.maxBytes + 1) : data,
          };
        },
      });
    }

    scope.get("/indicators/import", admin, async (request, reply) => {
      requireAdmin(actorOf(request));
      return reply.page("indicators/import", { title: "Import figures", values: {} });
    });

    scope.post("/indicators/import", admin, async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const pasted = typeof body.csv === "string" ? body.csv.trim() : "";
      const page = {
        template: "indicators/import",
        title: "Import figures",
        context: {},
        values: { csv: pasted },
      };
      // Pasted figures or a file name holding characters Waymark cannot store: the form again.
      const refused = refusedFieldErrors(body);
      if (refused.length > 0) return renderFormErrors(reply, page, refused);
      const file = uploaded(body.file) ?? (pasted ? pastedFile(pasted) : null);
      if (!file)
        return renderFormErrors(reply, page, [
          { field: "file", message: "Select a .csv or .xlsx file, or paste the figures" },
        ]);
      const result = await handleFormErrors(reply, page, () => indicators.stageImport(actor, file));
      if (!result.ok) return reply;
      return reply.redirect(`${base(request)}/indicators/imports/${result.value.id}`, 303);
    });

    scope.get("/indicators/imports/:importId", admin, async (request, reply) => {
      requireAdmin(actorOf(request));
      const preview = await indicators.importPreview(actorOf(request), idParam(request, "importId"));
      return reply.page("indicators/import-preview", {
        title: "Check the figures before importing",
        preview,
      });
    });

    scope.post("/indicators/imports/:importId/confirm", admin, async (request, reply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const preview = await indicators.importPreview(actor, idParam(request, "importId"));
      const page = {
        template: "indicators/import-preview",
        title: "Check the figures before importing",
        context: { preview },
        values: {},
      };
      const result = await handleFormErrors(reply, page, () => indicators.confirmImport(actor, preview.id));
      if (!result.ok) return reply;
      flash(request, `${result.value.new + result.value.changed} figures imported from ${preview.fileName}`);
      return reply.redirect(`${base(request)}/indicators`, 303);
    });
  });
}

import fastifyMultipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { withoutRefusedCharacters } from "../../../domain/text-safety.ts";
import { ACTION_PLAN_COLUMNS } from "../../../imports/action-plan.ts";
import { choosable } from "../../../imports/choices.ts";
import { FRAMEWORK_COLUMNS } from "../../../imports/framework.ts";
import { READ_LIMITS } from "../../../imports/read-table.ts";
import { changeSentence, plural, problemText } from "../../../imports/summary.ts";
import { ValidationError } from "../../../services/errors.ts";
import type { ImportChoices, ImportTarget, PreviewResult } from "../../../services/import-service.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { errorMap, errorSummary, type FormValues, formValues } from "../../forms.ts";
import { registerMalformedUploadHandling } from "../../plugins/malformed-uploads.ts";
import { actorOf, base, flash, idParam } from "../helpers.ts";
import { createTarget } from "./import-targets.ts";

// Imports of action plans and strategy frameworks: upload (multipart) → preview → confirm.
//
// Multipart is registered here, in this plugin's scope only, with its own limits. Its fields are
// attached to the body ("keyValues") before the preHandlers run, so the CSRF check still reads
// `_csrf` from the body like every other form. Because the body is read before the partnership guard
// (a preHandler), a preValidation hook first refuses anybody who is not the partnership's coordinator,
// so nobody else can make the server read a file.

interface Upload {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

declare module "fastify" {
  interface FastifyRequest {
    importUpload?: Upload;
  }
}

const MULTIPART_LIMITS = {
  fileSize: READ_LIMITS.maxBytes,
  files: 1,
  fields: 5,
  fieldSize: 10_000,
  fieldNameSize: 100,
  parts: 8,
  headerPairs: 100,
};
/** The confirm form carries the file's rows (compressed); plenty for the largest file allowed. */
const CONFIRM_BODY_LIMIT = 8 * 1024 * 1024;

type Kind = ImportTarget["kind"];

interface NewTargetForm {
  fields: Record<string, string>;
  errors: { field: string; message: string }[];
  strategies: { id: number; title: string }[];
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export async function registerImportRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { imports, actionPlans, strategies, organisations } = services;

  app.addHook("preValidation", async (request, reply) => {
    if (request.method !== "POST" || !request.isMultipart()) return;
    const user = request.session.user;
    if (!user) return reply.code(401).page("errors/forbidden", { title: "Sign in to continue" });
    const actor = await services.auth.memberActor(user.id, (request.params as { slug: string }).slug);
    if (!actor) return reply.code(404).page("errors/not-found", { title: "Page not found" });
    if (actor.role !== "admin")
      return reply.code(403).page("errors/forbidden", { title: "You cannot do that" });
  });

  registerMalformedUploadHandling(app);

  await app.register(fastifyMultipart, {
    attachFieldsToBody: "keyValues",
    limits: MULTIPART_LIMITS,
    throwFileSizeLimit: false,
    async onFile(this: FastifyRequest, part: MultipartFile) {
      const data = await part.toBuffer();
      if (part.fieldname === "file")
        this.importUpload = {
          filename: withoutRefusedCharacters(part.filename),
          data,
          truncated: part.file.truncated,
        };
    },
  });

  const admin = { config: { access: "admin" as const } };
  /** The reports' Excel download of the same layout, offered as a template when reports exist. */
  const reportHref = (request: FastifyRequest, report: string, query: string) =>
    app.hasRoute({ method: "GET", url: "/p/:slug/reports/:report" })
      ? `${base(request)}/reports/${report}?${query}&format=xlsx`
      : null;

  /** What each kind of import is into, for the pages: its name, where to go back to, the columns. */
  async function targetOf(request: FastifyRequest, kind: Kind) {
    const actor = actorOf(request);
    requireAdmin(actor);
    if (kind === "action-plan") {
      const plan = await actionPlans.get(actor, idParam(request, "planId"));
      const strategy = await strategies.get(actor, plan.strategyId);
      return {
        target: { kind, actionPlanId: plan.id } as ImportTarget | null,
        name: `Action plan ${plan.name}`,
        heading: "Import actions from a spreadsheet",
        backHref: `${base(request)}/action-plans/${plan.id}`,
        formAction: `${base(request)}/action-plans/${plan.id}/import`,
        columns: ACTION_PLAN_COLUMNS.replace("Commitment", strategy.itemLabel),
        templateHref: reportHref(request, "action-plan", `plan=${plan.id}`),
        plan,
        strategy: strategy as { title: string; itemLabel: string },
        create: null as NewTargetForm | null,
      };
    }
    const strategy = await strategies.get(actor, idParam(request, "strategyId"));
    return {
      target: { kind, strategyId: strategy.id } as ImportTarget | null,
      name: strategy.title,
      heading: `Import priorities and ${strategy.itemLabel.toLowerCase()}s from a spreadsheet`,
      backHref: `${base(request)}/strategies/${strategy.id}`,
      formAction: `${base(request)}/strategies/${strategy.id}/import`,
      columns: FRAMEWORK_COLUMNS.replace("Commitment", strategy.itemLabel),
      templateHref: reportHref(request, "strategy-review", `strategy=${strategy.id}`),
      plan: null,
      strategy: strategy as { title: string; itemLabel: string },
      create: null as NewTargetForm | null,
    };
  }

  /**
   * The pages of an import that creates its strategy or plan (import-targets.ts). `values`: the
   * upload or confirm form, checked; null for the empty form.
   */
  async function newTargetOf(request: FastifyRequest, kind: Kind, values: FormValues | null) {
    const actor = actorOf(request);
    requireAdmin(actor);
    const list = await strategies.list(actor);
    const created = values ? createTarget(kind, values) : null;
    const create: NewTargetForm = {
      fields: created?.fields ?? {},
      errors: created && !created.ok ? created.errors : [],
      strategies: list.map((s) => ({ id: s.id, title: s.title })),
    };
    const target = created?.ok ? created.target : null;
    if (kind === "action-plan") {
      const chosen = list.find((s) => String(s.id) === create.fields.strategy) ?? list.at(-1);
      return {
        target,
        name: "New action plan",
        heading: "Import an action plan from a file",
        backHref: `${base(request)}/action-plans`,
        formAction: `${base(request)}/action-plans/import`,
        columns: ACTION_PLAN_COLUMNS.replace("Commitment", chosen?.itemLabel ?? "Commitment"),
        templateHref: null,
        plan: null,
        strategy: chosen ?? { title: "the strategy", itemLabel: "Commitment" },
        create,
      };
    }
    return {
      target,
      name: "New strategy",
      heading: "Import a strategy from a file",
      backHref: `${base(request)}/strategies`,
      formAction: `${base(request)}/strategies/import`,
      columns: FRAMEWORK_COLUMNS,
      templateHref: null,
      plan: null,
      strategy: { title: create.fields.title || "the new strategy", itemLabel: "Commitment" },
      create,
    };
  }

  type Context = Awaited<ReturnType<typeof targetOf>>;
  type Resolve = (request: FastifyRequest, values: FormValues | null) => Promise<Context>;

  const uploadContext = (context: Context, kind: Kind) => ({
    ...context,
    kind,
    title: context.heading,
    maxSize: `${READ_LIMITS.maxBytes / 1024 / 1024} MB`,
    maxRows: READ_LIMITS.maxRows.toLocaleString("en-GB"),
  });

  function renderUploadError(reply: FastifyReply, context: Context, kind: Kind, message: string) {
    const fieldErrors = {
      ...errorMap(context.create?.errors ?? []),
      ...(message ? { file: { text: message } } : {}),
    };
    const errors = [
      ...errorSummary(context.create?.errors ?? []),
      ...(message ? [{ text: message, href: "#file" }] : []),
    ];
    return reply.code(400).page("imports/upload", { ...uploadContext(context, kind), errors, fieldErrors });
  }

  async function renderPreview(
    request: FastifyRequest,
    reply: FastifyReply,
    context: Context,
    kind: Kind,
    result: PreviewResult,
  ) {
    const { preview, counts } = result;
    const existingOrganisations = kind === "action-plan" ? await organisations.list(actorOf(request)) : [];
    const actionRows =
      preview.kind === "action-plan" ? preview.actions.map((a) => ({ ...a, choosable: choosable(a) })) : [];
    const errorProblems = preview.problems.filter((p) => p.severity === "error");
    const errors = errorProblems.slice(0, 20).map((p) => ({
      text: problemText(p),
      href: p.row === null ? "#file" : `#problem-${preview.problems.indexOf(p)}`,
    }));
    if (errorProblems.length > 20)
      errors.push({ text: `and ${errorProblems.length - 20} more problems`, href: "#problems" });
    return reply.code(errors.length > 0 ? 400 : 200).page("imports/preview", {
      ...uploadContext(context, kind),
      title: "Check the import",
      result,
      itemLabel: result.strategy.itemLabel,
      preview,
      counts,
      problems: preview.problems.map((p, i) => ({ ...p, id: `problem-${i}`, text: problemText(p) })),
      actionRows,
      choosableCount: actionRows.filter((a) => a.choosable).length,
      existingOrganisations,
      sentence: changeSentence(counts, result.strategy.itemLabel),
      confirmAction: `${context.formAction}/confirm`,
      errors,
    });
  }

  function routes(kind: Kind, path: string, resolve: Resolve) {
    app.get(path, admin, async (request, reply) => {
      const context = await resolve(request, null);
      return reply.page("imports/upload", uploadContext(context, kind));
    });

    app.post(path, admin, async (request, reply) => {
      const context = await resolve(request, formValues(request.body));
      const upload = request.importUpload;
      if (!upload || (upload.data.length === 0 && !upload.filename)) {
        return renderUploadError(
          reply,
          context,
          kind,
          "Select an Excel workbook (.xlsx), CSV file or Word document (.docx)",
        );
      }
      if (upload.truncated) {
        return renderUploadError(
          reply,
          context,
          kind,
          `The selected file must be smaller than ${READ_LIMITS.maxBytes / 1024 / 1024} MB`,
        );
      }
      if (!context.target) return renderUploadError(reply, context, kind, "");
      try {
        const result = await imports.preview(actorOf(request), context.target, upload);
        return renderPreview(request, reply, context, kind, result);
      } catch (error) {
        if (error instanceof ValidationError)
          return renderUploadError(
            reply,
            context,
            kind,
            error.errors[0]?.message ?? "The file cannot be imported",
          );
        throw error;
      }
    });

    app.post(`${path}/confirm`, { ...admin, bodyLimit: CONFIRM_BODY_LIMIT }, async (request, reply) => {
      const values = formValues(request.body);
      const context = await resolve(request, values);
      if (!context.target) return renderUploadError(reply, context, kind, "Upload the file again");
      const choices: ImportChoices = { organisations: {}, commitments: {} };
      for (const [name, value] of Object.entries(values)) {
        const match = /^(organisation|commitment)-(\d{1,5})$/.exec(name);
        if (!match || typeof value !== "string") continue;
        const choice = /^\d{1,9}$/.test(value) ? Number(value) : "new";
        if (match[1] === "organisation") choices.organisations[Number(match[2])] = choice;
        else choices.commitments![Number(match[2])] = choice;
      }
      try {
        const result = await imports.apply(
          actorOf(request),
          context.target,
          String(values.token ?? ""),
          choices,
        );
        const { counts } = result;
        // Leads mapped to existing organisations on the preview are not new ones.
        const written = { ...counts, newOrganisations: result.addedOrganisations };
        const mapped = result.mappedOrganisations
          ? `; ${plural(result.mappedOrganisations, "lead")} recorded as existing organisations`
          : "";
        const actions = counts.newActions + counts.updatedActions;
        const heading =
          kind === "action-plan"
            ? `Imported ${plural(actions, "action")}`
            : `Imported ${plural(counts.newCommitments + counts.changedCommitments, context.strategy.itemLabel.toLowerCase())}`;
        flash(
          request,
          heading,
          `<p class="govuk-body">${escapeHtml(changeSentence(written, result.strategy.itemLabel))}${mapped}.</p>`,
        );
        const created = context.create
          ? `${base(request)}/${kind === "framework" ? "strategies" : "action-plans"}/${result.targetId}`
          : null;
        return reply.redirect(created ?? context.backHref, 303);
      } catch (error) {
        if (error instanceof ValidationError)
          return renderUploadError(
            reply,
            context,
            kind,
            error.errors[0]?.message ?? "The file cannot be imported",
          );
        throw error;
      }
    });
  }

  const existing =
    (kind: Kind): Resolve =>
    (request) =>
      targetOf(request, kind);
  const creating =
    (kind: Kind): Resolve =>
    (request, values) =>
      newTargetOf(request, kind, values);
  routes("action-plan", "/action-plans/:planId/import", existing("action-plan"));
  routes("framework", "/strategies/:strategyId/import", existing("framework"));
  routes("action-plan", "/action-plans/import", creating("action-plan"));
  routes("framework", "/strategies/import", creating("framework"));
}

// The coordinator's spend import: upload an Excel sheet (or paste CSV) → a preview of every row with
// its problems → confirm, which writes the ready rows. Multipart is parsed in this scope only, and
// only for the coordinator (refused before the file is read), as the figures import does.
import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { formatPounds } from "../../../../domain/funding/money.ts";
import { withoutRefusedCharacters } from "../../../../domain/text-safety.ts";
import { pastedFile } from "../../../../imports/observations.ts";
import { READ_LIMITS, type UploadedFile } from "../../../../imports/read-table.ts";
import { ValidationError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues, refusedFieldErrors } from "../../../forms.ts";
import { registerMalformedUploadHandling } from "../../../plugins/malformed-uploads.ts";
import { actorOf, base, flash, handleFormErrors, renderFormErrors } from "../../helpers.ts";

const COLUMNS = "Allocation, Quarter, Budget, Committed, Actual, Forecast, Explanation";
const TITLE = "Import quarterly spend";

/** The rows the preview found ready, as the confirm form sends them back. */
const confirmedRows = z
  .array(
    z.object({
      allocationId: z.number().int().positive(),
      input: z.object({
        quarter: z.number().int().min(1).max(4),
        budgetPence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        committedPence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        actualPence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        forecastPence: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        explanation: z.string().max(4000),
      }),
    }),
  )
  .min(1)
  .max(READ_LIMITS.maxRows);

function uploaded(value: unknown): UploadedFile | null {
  const v = value as { filename?: unknown; data?: unknown } | null;
  if (v && typeof v.filename === "string" && Buffer.isBuffer(v.data) && v.data.length > 0)
    return { filename: v.filename, data: v.data };
  return null;
}

export function registerFundingSpendImportRoutes(app: FastifyInstance, services: Services): void {
  const { fundingSpendImport } = services;
  const admin = { config: { access: "admin" as const } };

  app.register(async (scope) => {
    scope.addHook("preValidation", async (request, reply) => {
      if (!request.isMultipart?.()) return;
      const user = request.session.user;
      const { slug } = request.params as { slug: string };
      const actor = user ? await services.auth.memberActor(user.id, slug) : null;
      if (!actor || actor.role !== "admin")
        return reply
          .code(user ? (actor ? 403 : 404) : 401)
          .page(user ? (actor ? "errors/forbidden" : "errors/not-found") : "errors/forbidden", {
            title: user ? (actor ? "You cannot do that" : "Page not found") : "Sign in to continue",
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

    const uploadPage = (request: FastifyRequest, values: Record<string, unknown>) => ({
      template: "funding/allocations/import",
      title: TITLE,
      context: { columns: COLUMNS, formAction: `${base(request)}/funding/spend/import` },
      values,
    });

    scope.get("/funding/spend/import", admin, async (request, reply) => {
      requireAdmin(actorOf(request));
      const page = uploadPage(request, {});
      return reply.page(page.template, { ...page.context, title: page.title, values: {} });
    });

    scope.post("/funding/spend/import", admin, async (request, reply: FastifyReply) => {
      const actor = actorOf(request);
      requireAdmin(actor);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const pasted = typeof body.csv === "string" ? body.csv.trim() : "";
      const page = uploadPage(request, { csv: pasted });
      const refused = refusedFieldErrors(body);
      if (refused.length > 0) return renderFormErrors(reply, page, refused);
      const file = uploaded(body.file) ?? (pasted ? pastedFile(pasted) : null);
      if (!file) {
        return renderFormErrors(reply, page, [
          { field: "file", message: "Select an Excel workbook (.xlsx) or CSV file, or paste the rows" },
        ]);
      }
      try {
        const preview = await fundingSpendImport.preview(actor, file);
        return reply.page("funding/allocations/import-preview", {
          title: "Check the spend before importing",
          rows: preview.rows.map((r) => ({
            ...r,
            figures: r.input
              ? [r.input.budgetPence, r.input.committedPence, r.input.actualPence, r.input.forecastPence].map(
                  (p) => formatPounds(p),
                )
              : null,
          })),
          readyCount: preview.ready.length,
          problemCount: preview.withProblems.length,
          payload: JSON.stringify(
            preview.ready.map((r) => ({ allocationId: r.allocationId, input: r.input })),
          ),
        });
      } catch (error) {
        if (error instanceof ValidationError) return renderFormErrors(reply, page, error.errors);
        throw error;
      }
    });

    scope.post(
      "/funding/spend/import/confirm",
      { ...admin, bodyLimit: 8 * 1024 * 1024 },
      async (request, reply) => {
        const actor = actorOf(request);
        requireAdmin(actor);
        const values = formValues(request.body);
        const page = uploadPage(request, {});
        let rows: z.infer<typeof confirmedRows>;
        try {
          const parsed = confirmedRows.safeParse(JSON.parse(String(values.rows ?? "")));
          if (!parsed.success) throw new Error("bad rows");
          rows = parsed.data;
        } catch {
          return renderFormErrors(reply, page, [
            { field: "file", message: "Nothing to import: upload the file again" },
          ]);
        }
        const result = await handleFormErrors(reply, page, () => fundingSpendImport.confirm(actor, rows));
        if (!result.ok) return reply;
        flash(request, `${result.value.written} quarters of spend imported`);
        return reply.redirect(`${base(request)}/funding`, 303);
      },
    );
  });
}

// The Domestic Abuse Act Part 4 annual return (issue 14): the coordinator's yearly form of the
// measures the ministry publishes, driven by PART4_FIELDS, and its Excel export (as held, or
// published with small numbers suppressed). Admin only: see services/funding/part4-service.ts.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import {
  completeness,
  missingMandatory,
  PART4_FIELDS,
  PART4_GROUPS,
  type Part4Counts,
  readPart4Counts,
} from "../../../../domain/funding/part4-return.ts";
import { financialYear, formatFinancialYear } from "../../../../domain/periods.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import { part4FileName, renderPart4Xlsx } from "../../../../services/funding/part4-export.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, renderFormErrors } from "../../helpers.ts";

const notesSchema = z.object({
  notes: z
    .string()
    .trim()
    .max(TEXT_LIMITS.part4Notes, `Must be ${TEXT_LIMITS.part4Notes} characters or fewer`)
    .default(""),
  status: z.enum(["draft", "complete"], { message: "Choose to save a draft or mark the return complete" }),
});

/** The route's year, as a financial year start the return may be kept for; anything else is a 404. */
function yearParam(request: FastifyRequest, years: number[]): number {
  const raw = (request.params as Record<string, string>).returnYear ?? "";
  const year = /^\d{4}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!years.includes(year)) throw Object.assign(new Error("Not found"), { statusCode: 404 });
  return year;
}

const yearLabel = (year: number) => formatFinancialYear(financialYear(year));

/** The form's groups of fields with their values as the inputs show them. */
function formGroups(counts: Record<string, unknown>) {
  return PART4_GROUPS.map((g) => ({
    ...g,
    fields: PART4_FIELDS.filter((f) => f.group === g.key).map((f) => ({
      ...f,
      value: counts[f.key] === null || counts[f.key] === undefined ? "" : String(counts[f.key]),
    })),
  }));
}

export function registerPart4Routes(app: FastifyInstance, services: Services): void {
  const { fundingPart4 } = services;
  const admin = { config: { access: "admin" as const } };

  app.get("/safe-accommodation", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const returns = new Map((await fundingPart4.list(actor)).map((r) => [r.yearStart, r]));
    const mandatory = PART4_FIELDS.filter((f) => f.mandatory).length;
    const years = fundingPart4.years().map((year) => {
      const row = returns.get(year);
      const done = row ? completeness(row.counts) : null;
      return {
        year,
        label: yearLabel(year),
        status: !row ? "Not started" : row.submittedAt ? "Complete" : "Draft",
        detail: done
          ? `${mandatory - done.mandatoryMissing} of ${mandatory} mandatory measures recorded`
          : "",
      };
    });
    return reply.page("funding/part4/list", { title: "Part 4 annual returns", years });
  });

  const formPage = (year: number, values: Record<string, unknown>, complete: boolean) => ({
    template: "funding/part4/form",
    title: `Part 4 annual return ${yearLabel(year)}`,
    context: { year, groups: formGroups(values), complete },
    values,
  });

  app.get("/safe-accommodation/:returnYear", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const year = yearParam(request, fundingPart4.years());
    const row = await fundingPart4.get(actor, year);
    const values = { ...(row?.counts ?? {}), notes: row?.notes ?? "", version: row?.version ?? "" };
    const page = formPage(year, values, Boolean(row?.submittedAt));
    return reply.page(page.template, { title: page.title, ...page.context, values, exists: Boolean(row) });
  });

  app.post("/safe-accommodation/:returnYear", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const year = yearParam(request, fundingPart4.years());
    const values = formValues(request.body);
    const page = formPage(year, values, false);
    const { counts, problems } = readPart4Counts(values);
    const parsed = parseForm(notesSchema, values);
    const errors: FieldError[] = [
      ...problems.map((p) => ({ field: p.key, message: p.message })),
      ...(parsed.ok ? [] : parsed.errors),
    ];
    // Marking complete with other mistakes: every missing mandatory measure is listed at once too.
    if (errors.length > 0 && parsed.ok && parsed.data.status === "complete") {
      const named = new Set(errors.map((e) => e.field));
      for (const m of missingMandatory(counts))
        if (!named.has(m.key)) errors.push({ field: m.key, message: m.message });
    }
    if (!parsed.ok || errors.length > 0) return renderFormErrors(reply, page, errors);
    const version = /^\d{1,9}$/.test(String(values.version ?? "")) ? Number(values.version) : null;
    const result = await handleFormErrors(reply, page, () =>
      fundingPart4.save(
        actor,
        year,
        {
          counts: counts as Part4Counts,
          notes: parsed.data.notes,
          complete: parsed.data.status === "complete",
          expectedVersion: version,
        },
        { identifiesNobody: statesIdentifiesNobody(values) },
      ),
    );
    if (!result.ok) return reply;
    flash(
      request,
      parsed.data.status === "complete"
        ? `${yearLabel(year)} return marked complete`
        : `${yearLabel(year)} draft saved`,
    );
    return reply.redirect(`${base(request)}/safe-accommodation/${year}`, 303);
  });

  app.get("/safe-accommodation/:returnYear/return.xlsx", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const year = yearParam(request, fundingPart4.years());
    const published = (request.query as Record<string, unknown>).published === "yes";
    const [row, settings] = await Promise.all([
      fundingPart4.get(actor, year),
      fundingPart4.publicationSettings(actor),
    ]);
    const body = await renderPart4Xlsx({
      partnershipName: settings.name,
      yearStart: year,
      counts: row?.counts ?? {},
      complete: Boolean(row?.submittedAt),
      publishedThreshold: published ? settings.threshold : null,
    });
    return reply
      .header("cache-control", "private, no-store")
      .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="${part4FileName(year, published)}"`)
      .send(body);
  });
}

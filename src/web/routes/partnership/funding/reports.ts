// The money reports (issue 14), for every member: "Use of funding" for a financial year as a page,
// Word, Excel or CSV, and the commissioning timeline as a page or Word. Both are GET addresses that
// can be bookmarked; a wrong choice comes back to the reports page with the error summary (400).
// What each reader sees is decided by the builder (reports/funding/build-funding.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseFinancialYear } from "../../../../domain/periods.ts";
import { FORMAT_DETAILS, renderReport, reportFileName } from "../../../../reports/export.ts";
import { buildCommissioningTimeline, buildUseOfFunding } from "../../../../reports/funding/build-funding.ts";
import type { ReportDocument, ReportFormat } from "../../../../reports/model.ts";
import { htmlDocument } from "../../../../reports/render-html.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { type FormValues, formValues } from "../../../forms.ts";
import { actorOf } from "../../helpers.ts";
import { reportsFormPage } from "../reports.ts";

function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

/** "2026" or "2026/27" → 2026; undefined for blank (this year); "invalid" otherwise. */
export function parseYearStart(text: string): number | undefined | "invalid" {
  if (text === "") return undefined;
  if (/^\d{4}$/.test(text)) {
    const year = Number(text);
    return year >= 2000 && year <= 2100 ? year : "invalid";
  }
  const fy = parseFinancialYear(text);
  return fy && fy.startYear >= 2000 && fy.startYear <= 2100 ? fy.startYear : "invalid";
}

export function registerFundingReportRoutes(app: FastifyInstance, services: Services): void {
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const db = services.database.db;

  async function send(
    request: FastifyRequest,
    reply: FastifyReply,
    doc: ReportDocument,
    format: ReportFormat,
    downloads: ReportFormat[],
    query: URLSearchParams,
  ) {
    reply.header("cache-control", "private, no-store");
    if (format === "html") {
      const path = request.url.split("?")[0] ?? "";
      return reply.page("reports/show", {
        title: doc.title,
        doc: htmlDocument(doc),
        downloads: downloads.map((f) => {
          const q = new URLSearchParams(query);
          q.set("format", f);
          return { href: `${path}?${q}`, text: FORMAT_DETAILS[f].label };
        }),
      });
    }
    const body = await renderReport(doc, format);
    return reply
      .type(FORMAT_DETAILS[format].type)
      .header("content-disposition", `attachment; filename="${reportFileName(doc, format)}"`)
      .send(body);
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, values: FormValues, errors: FieldError[]) {
    return reportsFormPage(
      services,
      request,
      reply,
      { fundingYear: one(values, "year"), fundingFormat: one(values, "format") },
      errors,
    );
  }

  app.get("/reports/use-of-funding", memberPage, async (request, reply) => {
    const values = formValues(request.query);
    const errors: FieldError[] = [];
    const yearStart = parseYearStart(one(values, "year"));
    if (yearStart === "invalid")
      errors.push({ field: "fundingYear", message: "Select a financial year from the list" });
    const formatText = one(values, "format") || "html";
    const format = (["html", "docx", "xlsx", "csv"] as const).find((f) => f === formatText);
    if (!format) errors.push({ field: "fundingFormat", message: "Select a format" });
    if (errors.length > 0 || !format || yearStart === "invalid")
      return refuse(request, reply, values, errors);
    const doc = await buildUseOfFunding(db, actorOf(request), {
      ...(yearStart === undefined ? {} : { yearStart }),
      // CSV holds one table: the allocations, the table a finance officer works from.
      ...(format === "csv" ? { mainTable: "allocations" as const } : {}),
    });
    const query = new URLSearchParams(yearStart === undefined ? {} : { year: String(yearStart) });
    return send(request, reply, doc, format, ["docx", "xlsx", "csv"], query);
  });

  app.get("/reports/commissioning-timeline", memberPage, async (request, reply) => {
    const values = formValues(request.query);
    const formatText = one(values, "format") || "html";
    const format = (["html", "docx"] as const).find((f) => f === formatText);
    if (!format)
      return refuse(request, reply, values, [{ field: "fundingFormat", message: "Select a format" }]);
    const doc = await buildCommissioningTimeline(db, actorOf(request));
    return send(request, reply, doc, format, ["docx"], new URLSearchParams());
  });
}

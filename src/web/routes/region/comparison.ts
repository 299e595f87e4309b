// The side-by-side comparison (issue 15): GET /r/:regionSlug/comparison with ?standard=&cycle=&theme=
// (GET forms, so it works without JavaScript and the address can be shared), and the same table as
// /comparison.docx and /comparison.xlsx.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ukDateOf } from "../../../domain/calendar-dates.ts";
import { FORMAT_DETAILS, renderReport, reportFileName } from "../../../reports/export.ts";
import type { ReportDocument } from "../../../reports/model.ts";
import { comparisonDocument } from "../../../reports/region/comparison-document.ts";
import { NotFoundError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import type { ComparisonQuery } from "../../../services/region/comparison-service.ts";
import { asArray, formValues } from "../../forms.ts";
import { regionActorOf, regionBase } from "./index.ts";

const ID = /^\d{1,9}$/;

/** An id from the address; anything that is not one is "not found", like an id of another region. */
function idOf(value: string | undefined, what: string): number | undefined {
  if (value === undefined || value === "") return undefined;
  if (!ID.test(value) || Number(value) === 0) throw new NotFoundError(what);
  return Number(value);
}

export function readComparisonQuery(query: unknown): ComparisonQuery {
  const values = formValues(query);
  const one = (name: string) => asArray(values[name])[0];
  const themeIds = asArray(values.theme)
    .filter((v) => v !== "")
    .map((v) => idOf(v, "That theme") as number);
  const result: ComparisonQuery = { themeIds: [...new Set(themeIds)] };
  const standardId = idOf(one("standard"), "That standard");
  const cycleId = idOf(one("cycle"), "That cycle");
  if (standardId !== undefined) result.standardId = standardId;
  if (cycleId !== undefined) result.cycleId = cycleId;
  return result;
}

export async function sendDocument(reply: FastifyReply, doc: ReportDocument, format: "docx" | "xlsx") {
  const body = await renderReport(doc, format);
  return reply
    .header("cache-control", "private, no-store")
    .type(FORMAT_DETAILS[format].type)
    .header("content-disposition", `attachment; filename="${reportFileName(doc, format)}"`)
    .send(body);
}

/** The same query string on another address (the downloads keep the page's choices). */
function withPath(request: FastifyRequest, path: string): string {
  const query = request.url.split("?")[1];
  return query ? `${path}?${query}` : path;
}

export function registerRegionComparisonRoutes(app: FastifyInstance, services: Services): void {
  const region = { config: { access: "region" as const } };
  const today = () => ukDateOf(new Date());

  async function load(request: FastifyRequest) {
    const comparison = await services.regionComparison.compare(
      regionActorOf(request),
      readComparisonQuery(request.query),
    );
    const chosenThemes = comparison.themes.filter((t) => comparison.themeIds.includes(t.id));
    return {
      comparison,
      filters:
        chosenThemes.length > 0
          ? `theme ${chosenThemes.map((t) => `${t.number} ${t.title}`).join(", ")}`
          : "",
    };
  }

  async function file(request: FastifyRequest, reply: FastifyReply, format: "docx" | "xlsx") {
    const { comparison, filters } = await load(request);
    if (!comparison.standard || !comparison.cycle || !comparison.matrix)
      throw new NotFoundError("A comparison");
    const doc = comparisonDocument(comparison.matrix, {
      regionName: request.region?.name ?? "",
      regionSlug: regionActorOf(request).regionSlug,
      standardName: comparison.standard.name,
      cycleName: comparison.cycle.name,
      filters,
      today: today(),
    });
    return sendDocument(reply, doc, format);
  }

  app.get("/comparison", region, async (request, reply) => {
    const { comparison, filters } = await load(request);
    const base = regionBase(request);
    return reply.page("region/comparison/comparison", {
      title: "Comparison",
      ...comparison,
      filters,
      action: `${base}/comparison`,
      downloads: comparison.matrix
        ? [
            { href: withPath(request, `${base}/comparison.docx`), text: "Word (.docx)" },
            { href: withPath(request, `${base}/comparison.xlsx`), text: "Excel (.xlsx)" },
          ]
        : [],
    });
  });
  app.get("/comparison.docx", region, (request, reply) => file(request, reply, "docx"));
  app.get("/comparison.xlsx", region, (request, reply) => file(request, reply, "xlsx"));
}

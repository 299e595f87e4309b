// The regional report (issue 15): GET /r/:regionSlug/report?asAt=YYYY-MM-DD (today when not given),
// and the same document as /report.docx and /report.xlsx.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { htmlDocument } from "../../../reports/render-html.ts";
import { ValidationError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { asArray, errorMap, errorSummary, formValues } from "../../forms.ts";
import { sendDocument } from "./comparison.ts";
import { regionActorOf, regionBase } from "./index.ts";

export function registerRegionReportRoutes(app: FastifyInstance, services: Services): void {
  const region = { config: { access: "region" as const } };

  function asAtOf(request: FastifyRequest): string | undefined {
    const value = asArray(formValues(request.query).asAt)[0]?.trim();
    return value ? value : undefined;
  }

  async function build(request: FastifyRequest, output: "page" | "docx" | "xlsx") {
    const actor = regionActorOf(request);
    const name = request.region?.name ?? actor.regionSlug;
    return services.regionReport.build(actor, { name, slug: actor.regionSlug }, asAtOf(request), output);
  }

  async function file(request: FastifyRequest, reply: FastifyReply, format: "docx" | "xlsx") {
    return sendDocument(reply, await build(request, format), format);
  }

  app.get("/report", region, async (request, reply) => {
    const base = regionBase(request);
    const asAt = asAtOf(request);
    const query = asAt ? `?asAt=${encodeURIComponent(asAt)}` : "";
    try {
      const doc = await build(request, "page");
      return reply.page("region/report/report", {
        title: doc.title,
        doc: htmlDocument(doc),
        action: `${base}/report`,
        asAt: doc.asAt,
        downloads: [
          { href: `${base}/report.docx${query}`, text: "Word (.docx)" },
          { href: `${base}/report.xlsx${query}`, text: "Excel (.xlsx)" },
        ],
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).page("region/report/report", {
        title: "Regional report",
        doc: null,
        action: `${base}/report`,
        asAt: asAt ?? "",
        downloads: [],
        errors: errorSummary(error.errors),
        fieldErrors: errorMap(error.errors),
      });
    }
  });
  app.get("/report.docx", region, (request, reply) => file(request, reply, "docx"));
  app.get("/report.xlsx", region, (request, reply) => file(request, reply, "xlsx"));
}

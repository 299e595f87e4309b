import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isReportMode, type ReportMode } from "../../../domain/board-paper.ts";
import { isIsoDate } from "../../../domain/periods.ts";
import { buildBoardReport, renderNeeds } from "../../../reports/board-pack.ts";
import { type buildReport, optionalId, type ReportOptions, reportChoices } from "../../../reports/build.ts";
import { FORMAT_DETAILS, renderReport, reportFileName } from "../../../reports/export.ts";
import { fundingChoices } from "../../../reports/funding/build-funding.ts";
import { isReportFormat, isReportKind, type ReportFormat, type ReportKind } from "../../../reports/model.ts";
import { htmlDocument } from "../../../reports/render-html.ts";
import { type FieldError, ValidationError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { dateParts, errorMap, errorSummary, type FormValues, formValues, readDate } from "../../forms.ts";
import { actorOf, base } from "../helpers.ts";

// Reports for boards, for every member: a GET form (works without JavaScript) that names a report,
// its strategy, plan or round, an as-at date and a format; the report itself as a web page or a
// Word, Excel or CSV download. Bad options come back to the form with the error summary (400).

/** The form's field for each option the report builder names in its errors. */
const FIELD_OF: Record<string, string> = {
  strategyId: "strategy",
  actionPlanId: "plan",
  roundId: "round",
  asAt: "asAt",
};
const ANCHORS = { asAt: "asAt-day" };

interface Parsed {
  kind: ReportKind | undefined;
  format: ReportFormat;
  options: Omit<ReportOptions, "kind">;
  /** The canonical query string (without format). */
  query: URLSearchParams;
  errors: FieldError[];
  /** What the form shows again. */
  values: Record<string, unknown>;
}

function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() ?? "";
}

function parseQuery(values: FormValues, kindText: string): Parsed {
  const errors: FieldError[] = [];
  const kind = isReportKind(kindText) ? kindText : undefined;
  if (!kind) errors.push({ field: "report", message: "Select a report" });
  const formatText = one(values, "format") || "html";
  const format: ReportFormat = isReportFormat(formatText) ? formatText : "html";
  if (!isReportFormat(formatText)) errors.push({ field: "format", message: "Select a format" });

  const options: {
    strategyId?: number;
    actionPlanId?: number;
    roundId?: number;
    asAt?: string;
    mode?: ReportMode;
  } = {};
  const query = new URLSearchParams();
  for (const [field, key] of [
    ["strategy", "strategyId"],
    ["plan", "actionPlanId"],
    ["round", "roundId"],
  ] as const) {
    const id = optionalId(one(values, field));
    if (id === "invalid")
      errors.push({
        field,
        message: `Select ${field === "plan" ? "an action plan" : `a ${field}`} from the list`,
      });
    else if (id !== undefined) {
      options[key] = id;
      query.set(field, String(id));
    }
  }
  const iso = one(values, "asAt");
  let asAtParts = {
    day: one(values, "asAt-day"),
    month: one(values, "asAt-month"),
    year: one(values, "asAt-year"),
  };
  if (iso !== "") {
    if (isIsoDate(iso)) options.asAt = iso;
    else errors.push({ field: "asAt", message: "The as-at date must be a real date" });
    asAtParts = dateParts(isIsoDate(iso) ? iso : "");
  } else {
    const result = readDate(values, "asAt", "The as-at date");
    if ("error" in result) errors.push({ field: "asAt", message: result.error });
    else if (result.value) options.asAt = result.value;
  }
  if (options.asAt) query.set("asAt", options.asAt);
  const modeText = one(values, "mode") || "full";
  if (isReportMode(modeText)) {
    options.mode = modeText;
    if (modeText !== "full") query.set("mode", modeText);
  } else errors.push({ field: "mode", message: "Select full or summary" });
  return {
    kind,
    format,
    options,
    query,
    errors,
    values: {
      report: kindText,
      format: formatText,
      strategy: one(values, "strategy"),
      plan: one(values, "plan"),
      round: one(values, "round"),
      asAt: asAtParts,
      mode: modeText,
    },
  };
}

/**
 * The reports page: the board reports' chooser and, when the partnership holds funding, the money
 * reports' (funding/reports.ts). Shown again with errors (400) when a choice was wrong.
 */
export async function reportsFormPage(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, unknown>,
  errors: FieldError[],
) {
  const db = services.database.db;
  const actor = actorOf(request);
  const [choices, funding] = await Promise.all([reportChoices(db, actor), fundingChoices(db, actor)]);
  const manyStrategies = choices.strategies.length > 1;
  const titleOf = new Map(choices.strategies.map((s) => [s.id, s.title]));
  const planName = new Map(choices.plans.map((p) => [p.id, p.name]));
  const context = {
    title: "Reports",
    strategies: choices.strategies,
    plans: choices.plans.map((p) => ({
      id: p.id,
      label: manyStrategies ? `${p.name} (${titleOf.get(p.strategyId) ?? ""})` : p.name,
    })),
    rounds: choices.rounds.map((r) => ({
      id: r.id,
      label: `${r.name} (${planName.get(r.actionPlanId) ?? ""} action plan)`,
    })),
    funding,
    values: { asAt: { day: "", month: "", year: "" }, ...values },
    errors: errorSummary(errors, ANCHORS),
    fieldErrors: errorMap(errors),
  };
  return reply.code(errors.length > 0 ? 400 : 200).page("reports/index", context);
}

export function registerReportRoutes(app: FastifyInstance, services: Services): void {
  const member = { config: { access: "member" as const } };
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const formPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[],
  ) => reportsFormPage(services, request, reply, values, errors);

  // The chooser. With `report` in the query (the form was sent) it checks the options and goes to
  // the report's own address, which can be bookmarked and shared.
  app.get("/reports", member, async (request, reply) => {
    const values = formValues(request.query);
    // The bare address shows the empty chooser; any field in the query means the form was sent, so a
    // missing choice of report is an error to show, not a reason to show the empty form again.
    if (Object.keys(values).length === 0) return formPage(request, reply, { format: "html" }, []);
    const parsed = parseQuery(values, one(values, "report"));
    if (parsed.errors.length > 0 || !parsed.kind)
      return formPage(request, reply, parsed.values, parsed.errors);
    parsed.query.set("format", parsed.format);
    return reply.redirect(`${base(request)}/reports/${parsed.kind}?${parsed.query}`, 303);
  });

  app.get("/reports/:report", memberPage, async (request, reply) => {
    const { report } = request.params as { report: string };
    if (!isReportKind(report)) throw Object.assign(new Error("Not found"), { statusCode: 404 });
    const parsed = parseQuery(formValues(request.query), report);
    if (parsed.errors.length > 0) return formPage(request, reply, parsed.values, parsed.errors);
    let doc: Awaited<ReturnType<typeof buildReport>>;
    try {
      doc = await buildBoardReport(
        services,
        actorOf(request),
        { kind: report, ...parsed.options },
        renderNeeds(parsed.format),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const errors = error.errors.map((e) => ({ ...e, field: FIELD_OF[e.field] ?? e.field }));
      return formPage(request, reply, parsed.values, errors);
    }
    reply.header("cache-control", "private, no-store");
    if (parsed.format === "html") {
      const link = (format: ReportFormat) => {
        const q = new URLSearchParams(parsed.query);
        q.set("format", format);
        return `${base(request)}/reports/${report}?${q}`;
      };
      return reply.page("reports/show", {
        title: doc.title,
        doc: htmlDocument(doc),
        downloads: (["docx", "xlsx", "csv"] as const).map((f) => ({
          href: link(f),
          text: FORMAT_DETAILS[f].label,
        })),
      });
    }
    const body = await renderReport(doc, parsed.format);
    return reply
      .type(FORMAT_DETAILS[parsed.format].type)
      .header("content-disposition", `attachment; filename="${reportFileName(doc, parsed.format)}"`)
      .send(body);
  });
}

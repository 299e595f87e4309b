import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { listReportChoices } from "../../../data/reports.ts";
import { BOARD_PAPER_LIMITS, BOARD_PAPER_SECTIONS, MAX_FREE_SECTIONS } from "../../../domain/board-paper.ts";
import { formatFinancialYear } from "../../../domain/periods.ts";
import { boardSummaryDrafts } from "../../../reports/board-summaries.ts";
import { REPORT_TITLES } from "../../../reports/model.ts";
import { PAPER_SUBJECTS, type PaperKind } from "../../../services/board-paper-service.ts";
import { NotFoundError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import {
  type FormValues,
  formValues,
  parseForm,
  refusedFieldErrors,
  statesIdentifiesNobody,
} from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";

// The board paper (issue 12), for admins: the covering report of a report (GET/POST
// /reports/:report/paper?subject=ID) and the board summaries of a strategy's commitments for one
// financial year (GET/POST /strategies/:strategyId/board-summaries?year=2025).

const isPaperKind = (v: string): v is PaperKind => v in PAPER_SUBJECTS;
const text = (limit: number) =>
  z.string().trim().max(limit, `Must be ${limit} characters or fewer`).default("");
const paperSchema = z.object({
  subject: z.coerce.number().int().positive(),
  version: z.string().optional(),
  purpose: text(BOARD_PAPER_LIMITS.boardPaperSection),
  summary: text(BOARD_PAPER_LIMITS.boardPaperSection),
  recommendations: text(BOARD_PAPER_LIMITS.boardPaperSection),
  achievements: text(BOARD_PAPER_LIMITS.boardPaperSection),
  priorities: text(BOARD_PAPER_LIMITS.boardPaperSection),
  contactName: text(BOARD_PAPER_LIMITS.boardPaperContact),
  contactRole: text(BOARD_PAPER_LIMITS.boardPaperContact),
  contactEmail: text(BOARD_PAPER_LIMITS.boardPaperContact),
  contactPhone: text(BOARD_PAPER_LIMITS.boardPaperContact),
});

function one(values: FormValues, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? v[0] : v) ?? "";
}

/** The free sections typed into the form's numbered slots, blank slots left out, in order. */
function freeSectionsOf(values: FormValues) {
  const out: { title: string; text: string }[] = [];
  for (let i = 1; i <= MAX_FREE_SECTIONS; i += 1) {
    const title = one(values, `section${i}Title`).trim();
    const body = one(values, `section${i}Text`).trim();
    if (title !== "" || body !== "") out.push({ title, text: body });
  }
  return out;
}

export function registerBoardPaperRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };
  const db = services.database.db;

  async function subjects(request: FastifyRequest, kind: PaperKind) {
    const choices = await listReportChoices(db, actorOf(request).partnershipId);
    const list = {
      strategy: choices.strategies.map((s) => ({ id: s.id, label: s.title })),
      plan: choices.plans.map((p) => ({ id: p.id, label: `${p.name} action plan` })),
      round: choices.rounds.map((r) => ({ id: r.id, label: r.name })),
    }[PAPER_SUBJECTS[kind]];
    return list;
  }

  async function paperPage(request: FastifyRequest, kind: PaperKind, subjectId: number | undefined) {
    const list = await subjects(request, kind);
    const subject = subjectId === undefined ? list.at(-1) : list.find((s) => s.id === subjectId);
    if (!subject) throw new NotFoundError("That report");
    const paper = await services.boardPapers.paper(actorOf(request), kind, subject.id);
    const values: Record<string, unknown> = { ...(paper ?? {}), version: paper ? String(paper.version) : "" };
    (paper?.freeSections ?? []).forEach((s, i) => {
      values[`section${i + 1}Title`] = s.title;
      values[`section${i + 1}Text`] = s.text;
    });
    return {
      template: "reports/board-paper",
      title: `Board paper: ${REPORT_TITLES[kind]}`,
      context: pageContext(request, kind, subject),
      values,
    };
  }

  function pageContext(request: FastifyRequest, kind: PaperKind, subject: { id: number; label: string }) {
    return {
      report: kind,
      reportTitle: REPORT_TITLES[kind],
      subject,
      sections: BOARD_PAPER_SECTIONS,
      slots: Array.from({ length: MAX_FREE_SECTIONS }, (_, i) => i + 1),
      reportHref: `${base(request)}/reports/${kind}?${PAPER_SUBJECTS[kind] === "round" ? "round" : PAPER_SUBJECTS[kind]}=${subject.id}`,
    };
  }

  app.get("/reports/:report/paper", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const { report } = request.params as { report: string };
    if (!isPaperKind(report)) throw new NotFoundError("That report");
    const raw = one(formValues(request.query), "subject");
    const subjectId = raw === "" ? undefined : Number(raw);
    if (subjectId !== undefined && !Number.isSafeInteger(subjectId)) throw new NotFoundError("That report");
    const page = await paperPage(request, report, subjectId);
    return reply.page(page.template, { ...page.context, title: page.title, values: page.values });
  });

  app.post("/reports/:report/paper", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { report } = request.params as { report: string };
    if (!isPaperKind(report)) throw new NotFoundError("That report");
    const values = formValues(request.body);
    const list = await subjects(request, report);
    const subject = list.find((s) => String(s.id) === one(values, "subject"));
    if (!subject) throw new NotFoundError("That report");
    const page = {
      template: "reports/board-paper",
      title: `Board paper: ${REPORT_TITLES[report]}`,
      context: pageContext(request, report, subject),
      values,
    };
    const parsed = parseForm(paperSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { subject: _, version, ...content } = parsed.data;
    const expected = version && /^\d+$/.test(version) ? Number(version) : null;
    const result = await handleFormErrors(reply, page, () =>
      services.boardPapers.savePaper(
        actor,
        report,
        subject.id,
        expected,
        {
          ...content,
          freeSections: freeSectionsOf(values),
        },
        { identifiesNobody: statesIdentifiesNobody(values) },
      ),
    );
    if (!result.ok) return reply;
    flash(request, "Board paper saved");
    return reply.redirect(page.context.reportHref, 303);
  });

  // Board summaries: one text area per commitment, pre-filled with the draft from the year's updates.
  async function summariesPage(request: FastifyRequest, strategyId: number, yearText: string) {
    const requested = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
    const drafts = await boardSummaryDrafts(db, actorOf(request), strategyId, requested);
    return {
      ...drafts,
      yearLabel: formatFinancialYear({ startYear: drafts.year }),
      yearLinks: drafts.years.map((y) => ({ year: y, label: formatFinancialYear({ startYear: y }) })),
    };
  }

  app.get("/strategies/:strategyId/board-summaries", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const strategyId = idParam(request, "strategyId");
    const page = await summariesPage(request, strategyId, one(formValues(request.query), "year"));
    const values: Record<string, unknown> = {};
    for (const row of page.rows) {
      values[`summary-${row.commitmentId}`] = row.text;
      values[`version-${row.commitmentId}`] = row.version === null ? "" : String(row.version);
    }
    return reply.page("reports/board-summaries", { title: "Board summaries", ...page, values });
  });

  app.post("/strategies/:strategyId/board-summaries", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const strategyId = idParam(request, "strategyId");
    const values = formValues(request.body);
    const page = await summariesPage(request, strategyId, one(values, "year"));
    const items = page.rows.map((row) => {
      const v = one(values, `version-${row.commitmentId}`);
      return {
        commitmentId: row.commitmentId,
        expectedVersion: /^\d+$/.test(v) ? Number(v) : null,
        text: one(values, `summary-${row.commitmentId}`).trim(),
      };
    });
    const form = { template: "reports/board-summaries", title: "Board summaries", context: page, values };
    // The form has a field per commitment, so it is read by hand rather than by parseForm: refuse
    // characters Waymark cannot store here, as parseForm does for every other form.
    const refused = refusedFieldErrors(values);
    if (refused.length > 0) return renderFormErrors(reply, form, refused);
    const result = await handleFormErrors(reply, form, () =>
      services.boardPapers.saveSummaries(actor, strategyId, page.year, items, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Board summaries for ${page.yearLabel} saved`);
    return reply.redirect(`${base(request)}/strategies/${strategyId}/board-summaries?year=${page.year}`, 303);
  });
}

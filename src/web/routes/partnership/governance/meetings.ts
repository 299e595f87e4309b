// The meeting page and its agenda (issue 13, part B): GET /meetings/:meetingId for every member;
// for admins the agenda item's form (new and edit), moving it up or down, deleting it (with what goes
// with it on a confirm page) and its minute. Decisions, actions and logs: the sibling files.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { numberAgenda, possibleParents } from "../../../../domain/governance/agenda.ts";
import {
  AGENDA_PURPOSES,
  ATTENDANCE_STATUSES,
  DECISION_STATUSES,
  MEETING_ACTION_STATUSES,
  MEETING_STATUSES,
  valuesOf,
} from "../../../../domain/governance/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { AgendaItemInput } from "../../../../services/governance/meetings-agenda.ts";
import type { Services } from "../../../../services/index.ts";
import { isAdmin, requireAdmin } from "../../../../services/permissions.ts";
import {
  errorSummary,
  type FormValues,
  formValues,
  parseForm,
  statesIdentifiesNobody,
} from "../../../forms.ts";
import { formatDate } from "../../../view-filters.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../../helpers.ts";
import { registerMeetingActionRoutes } from "./meetings-actions.ts";
import { registerMeetingDecisionRoutes } from "./meetings-decisions.ts";
import { registerMeetingLogRoutes } from "./meetings-logs.ts";
import { optionalId, reportLink, reportOptions, required, text, versionField } from "./meetings-shared.ts";

const agendaSchema = z
  .object({
    title: required(TEXT_LIMITS.agendaTitle, "Enter the item's title"),
    parentItemId: optionalId,
    purpose: z.enum(valuesOf(AGENDA_PURPOSES), { message: "Select what the item is for" }),
    presenter: text(TEXT_LIMITS.agendaPresenter),
    durationMinutes: z
      .string()
      .trim()
      .default("")
      .refine(
        (v) => v === "" || (/^\d{1,3}$/.test(v) && Number(v) > 0 && Number(v) <= 600),
        "Enter the minutes as a whole number from 1 to 600",
      )
      .transform((v) => (v === "" ? null : Number(v))),
    subject: z.enum(["report", "commitment", "text"], { message: "Select what the item is about" }),
    report: z.string().default(""),
    commitmentId: optionalId,
    description: text(TEXT_LIMITS.agendaDescription),
  })
  .superRefine((v, ctx) => {
    if (v.subject === "report" && v.report === "")
      ctx.addIssue({ code: "custom", path: ["report"], message: "Select the report" });
    if (v.subject === "commitment" && v.commitmentId === null)
      ctx.addIssue({ code: "custom", path: ["commitmentId"], message: "Select the commitment" });
  });

const moveSchema = z.object({ direction: z.enum(["up", "down"], { message: "Choose up or down" }) });

const minutesSchema = z.object({ version: versionField, minutes: text(TEXT_LIMITS.agendaMinutes) });

function agendaInput(data: z.infer<typeof agendaSchema>): AgendaItemInput {
  const [kind = "", subjectText = ""] = data.report.split(":");
  return {
    title: data.title,
    parentItemId: data.parentItemId,
    purpose: data.purpose,
    presenter: data.presenter,
    durationMinutes: data.durationMinutes,
    subject: data.subject,
    reportKind: data.subject === "report" ? (kind as AgendaItemInput["reportKind"]) : null,
    reportSubjectId: data.subject === "report" && /^\d{1,9}$/.test(subjectText) ? Number(subjectText) : null,
    commitmentId: data.subject === "commitment" ? data.commitmentId : null,
    description: data.description,
  };
}

/** Each vocabulary's labels by value, for the pages. */
const LABELS = {
  purpose: labels(AGENDA_PURPOSES),
  meeting: labels(MEETING_STATUSES),
  attendance: labels(ATTENDANCE_STATUSES),
  decision: labels(DECISION_STATUSES),
  action: labels(MEETING_ACTION_STATUSES),
};

function labels(list: readonly { value: string; label: string }[]): Record<string, string> {
  return Object.fromEntries(list.map((e) => [e.value, e.label]));
}

type TreeNode<T> = T & { children: TreeNode<T>[]; first: boolean; last: boolean };

/** The numbered items (reading order, parents first) as a tree, for the page's nested lists. */
function agendaTree<T extends { id: number; parentItemId: number | null; depth: number }>(
  items: T[],
): TreeNode<T>[] {
  const nodes = new Map<number, TreeNode<T>>();
  const roots: TreeNode<T>[] = [];
  for (const item of items) {
    const node: TreeNode<T> = { ...item, children: [], first: false, last: false };
    nodes.set(item.id, node);
    const parent = item.parentItemId === null ? undefined : nodes.get(item.parentItemId);
    (parent ? parent.children : roots).push(node);
  }
  const mark = (list: TreeNode<T>[]) => {
    list.forEach((n, i) => {
      n.first = i === 0;
      n.last = i === list.length - 1;
      mark(n.children);
    });
  };
  mark(roots);
  return roots;
}

export function registerGovernanceMeetingRoutes(app: FastifyInstance, services: Services): void {
  const meetings = services.governanceMeetings;
  const admin = { config: { access: "admin" as const } };
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };

  async function meetingPage(request: FastifyRequest, meetingId: number) {
    const actor = actorOf(request);
    const page = await meetings.page(actor, meetingId);
    const items = page.items.map((item) => ({
      ...item,
      report:
        item.subject === "report"
          ? reportLink(request, page.reports, item.reportKind, item.reportSubjectId)
          : null,
      decisions: page.decisions.filter((d) => d.agendaItemId === item.id),
      actions: page.actions.filter((a) => a.action.agendaItemId === item.id),
    }));
    return {
      title: `${page.board.name}: ${formatDate(page.meeting.meetsOn)}`,
      ...page,
      items,
      tree: agendaTree(items),
      isAdmin: isAdmin(actor),
      labels: LABELS,
    };
  }

  app.get("/meetings/:meetingId", memberPage, async (request, reply) =>
    reply.page("governance/meetings/show", await meetingPage(request, idParam(request, "meetingId"))),
  );

  async function agendaForm(
    request: FastifyRequest,
    meetingId: number,
    itemId: number | null,
    values: FormValues | Record<string, unknown>,
  ): Promise<FormPage> {
    const actor = actorOf(request);
    const [page, choices] = await Promise.all([
      meetings.page(actor, meetingId),
      meetings.subjectChoices(actor),
    ]);
    const parents = possibleParents(page.items, itemId);
    return {
      template: "governance/meetings/agenda-form",
      title: itemId === null ? "Add an agenda item" : "Change an agenda item",
      context: {
        meeting: page.meeting,
        board: page.board,
        itemId,
        parents: numberAgenda(page.items).filter((i) => parents.some((p) => p.id === i.id)),
        purposes: AGENDA_PURPOSES,
        reportOptions: reportOptions(choices.reports),
        commitmentOptions: choices.commitments.map((c) => ({
          value: String(c.id),
          text: `${c.number} ${c.text.slice(0, 90)}`,
        })),
        action:
          itemId === null
            ? `${base(request)}/meetings/${meetingId}/agenda/new`
            : `${base(request)}/agenda/${itemId}/edit`,
      },
      values,
    };
  }

  app.get("/meetings/:meetingId/agenda/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const form = await agendaForm(request, idParam(request, "meetingId"), null, {
      purpose: "information",
      subject: "text",
    });
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/meetings/:meetingId/agenda/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const meetingId = idParam(request, "meetingId");
    const values = formValues(request.body);
    const form = await agendaForm(request, meetingId, null, values);
    const parsed = parseForm(agendaSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, form, parsed.errors);
    const result = await handleFormErrors(reply, form, () =>
      meetings.add(actor, meetingId, agendaInput(parsed.data), {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Agenda item “${result.value.title}” added`);
    return reply.redirect(`${base(request)}/meetings/${meetingId}#agenda-item-${result.value.id}`, 303);
  });

  function itemValues(item: Awaited<ReturnType<typeof meetings.item>>["item"]) {
    return {
      ...item,
      parentItemId: item.parentItemId === null ? "" : String(item.parentItemId),
      durationMinutes: item.durationMinutes === null ? "" : String(item.durationMinutes),
      report: item.reportKind
        ? item.reportSubjectId === null
          ? item.reportKind
          : `${item.reportKind}:${item.reportSubjectId}`
        : "",
      commitmentId: item.commitmentId === null ? "" : String(item.commitmentId),
      version: String(item.version),
    };
  }

  app.get("/agenda/:agendaItemId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { item } = await meetings.item(actor, idParam(request, "agendaItemId"));
    const form = await agendaForm(request, item.meetingId, item.id, itemValues(item));
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/agenda/:agendaItemId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { item } = await meetings.item(actor, idParam(request, "agendaItemId"));
    const values = formValues(request.body);
    const form = await agendaForm(request, item.meetingId, item.id, values);
    const parsed = parseForm(agendaSchema.and(z.object({ version: versionField })), values);
    if (!parsed.ok) return renderFormErrors(reply, form, parsed.errors);
    const result = await handleFormErrors(reply, form, () =>
      meetings.edit(actor, item.id, parsed.data.version, agendaInput(parsed.data), {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `Agenda item “${result.value.title}” saved`);
    return reply.redirect(`${base(request)}/meetings/${item.meetingId}#agenda-item-${item.id}`, 303);
  });

  app.post("/agenda/:agendaItemId/move", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const agendaItemId = idParam(request, "agendaItemId");
    const { item } = await meetings.item(actor, agendaItemId);
    const parsed = parseForm(moveSchema, formValues(request.body));
    if (!parsed.ok) {
      const errors = [
        { field: `agenda-item-${agendaItemId}`, message: "Choose to move the item up or down" },
      ];
      return reply.code(400).page("governance/meetings/show", {
        ...(await meetingPage(request, item.meetingId)),
        errors: errorSummary(errors),
      });
    }
    const { meetingId } = await meetings.move(actor, agendaItemId, parsed.data.direction);
    return reply.redirect(`${base(request)}/meetings/${meetingId}#agenda-item-${agendaItemId}`, 303);
  });

  app.get("/agenda/:agendaItemId/delete", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const deletion = await meetings.deletion(actor, idParam(request, "agendaItemId"));
    return reply.page("governance/meetings/agenda-delete", {
      title: `Delete “${deletion.item.title}”?`,
      ...deletion,
    });
  });

  app.post("/agenda/:agendaItemId/delete", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const result = await meetings.remove(actor, idParam(request, "agendaItemId"));
    flash(request, result.deleted === 1 ? "Agenda item deleted" : `${result.deleted} agenda items deleted`);
    return reply.redirect(`${base(request)}/meetings/${result.meetingId}#agenda`, 303);
  });

  async function minutesForm(
    request: FastifyRequest,
    values: Record<string, unknown> | null,
  ): Promise<FormPage> {
    const found = await meetings.item(actorOf(request), idParam(request, "agendaItemId"));
    return {
      template: "governance/meetings/minutes",
      title: `Minutes: ${found.item.title}`,
      context: found,
      values: values ?? { minutes: found.item.minutes, version: String(found.item.version) },
    };
  }

  app.get("/agenda/:agendaItemId/minutes", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const form = await minutesForm(request, null);
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/agenda/:agendaItemId/minutes", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const form = await minutesForm(request, values);
    const parsed = parseForm(minutesSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, form, parsed.errors);
    const item = form.context.item as { id: number; meetingId: number };
    const result = await handleFormErrors(reply, form, () =>
      meetings.saveMinutes(actor, item.id, parsed.data.version, parsed.data.minutes, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, "Minutes saved");
    return reply.redirect(`${base(request)}/meetings/${item.meetingId}#agenda-item-${item.id}`, 303);
  });

  registerMeetingDecisionRoutes(app, services);
  registerMeetingActionRoutes(app, services);
  registerMeetingLogRoutes(app, services);
}

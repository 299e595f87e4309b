// The decision log and the action log (issue 13, part B), for every member: GET /decisions and
// /meeting-actions across the partnership, /boards/:boardId/decisions and /boards/:boardId/meeting-actions
// for one board. The filter is a GOV.UK form sent with GET (works without JavaScript, and the address
// can be shared); ?format=docx|xlsx gives the same rows as a file.

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ActionFilter, DecisionFilter } from "../../../../data/governance/meeting-logs.ts";
import {
  DECISION_STATUSES,
  labelOf,
  MEETING_ACTION_STATUSES,
} from "../../../../domain/governance/vocabulary.ts";
import { FORMAT_DETAILS, renderReport, reportFileName } from "../../../../reports/export.ts";
import {
  actionLogDocument,
  decisionLogDocument,
  type LogHeading,
} from "../../../../reports/governance/logs.ts";
import type { ReportDocument } from "../../../../reports/model.ts";
import type { FieldError } from "../../../../services/errors.ts";
import { NotFoundError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { asArray, errorMap, errorSummary, type FormValues, formValues } from "../../../forms.ts";
import { actorOf, base, idParam } from "../../helpers.ts";
import { dateField, one } from "./meetings-shared.ts";

const id = (v: string) => (/^\d{1,9}$/.test(v) ? Number(v) : undefined);

function readDecisionFilter(values: FormValues) {
  const errors: FieldError[] = [];
  const filter: DecisionFilter = {};
  const board = id(one(values, "board"));
  if (board !== undefined) filter.boardId = board;
  const statuses = asArray(values.status).filter((s) => DECISION_STATUSES.some((d) => d.value === s));
  if (statuses.length > 0) filter.statuses = statuses;
  const key = one(values, "key");
  if (key === "yes" || key === "no") filter.keyDecision = key === "yes";
  for (const [name, label] of [
    ["from", "The first date"],
    ["to", "The last date"],
  ] as const) {
    const date = dateField(values, name, label);
    if ("error" in date) errors.push(date.error);
    else if (date.value) filter[name] = date.value;
  }
  const words = one(values, "words").trim().slice(0, 200);
  if (words) filter.words = words;
  return { filter, errors };
}

function readActionFilter(values: FormValues, today: string) {
  const filter: ActionFilter = {};
  const board = id(one(values, "board"));
  if (board !== undefined) filter.boardId = board;
  const owner = id(one(values, "owner"));
  if (owner !== undefined) filter.ownerOrganisationId = owner;
  const statuses = asArray(values.status).filter((s) => MEETING_ACTION_STATUSES.some((d) => d.value === s));
  if (statuses.length > 0) filter.statuses = statuses;
  if (one(values, "overdue") === "yes") filter.overdueOn = today;
  return filter;
}

/** The page's address with the same filter in another format. */
function withFormat(request: FastifyRequest, format: string): string {
  const [path = "", query = ""] = request.url.split("?");
  const params = new URLSearchParams(query);
  params.set("format", format);
  return `${path}?${params.toString()}`;
}

async function sendFile(reply: FastifyReply, doc: ReportDocument, format: "docx" | "xlsx") {
  const body = await renderReport(doc, format);
  return reply
    .header("cache-control", "private, no-store")
    .type(FORMAT_DETAILS[format].type)
    .header("content-disposition", `attachment; filename="${reportFileName(doc, format)}"`)
    .send(body);
}

export function registerMeetingLogRoutes(app: FastifyInstance, services: Services): void {
  const meetings = services.governanceMeetings;
  const member = { config: { access: "member" as const } };

  function boardOf<T extends { id: number; name: string }>(boards: T[], boardId: number | undefined) {
    if (boardId === undefined) return undefined;
    const board = boards.find((b) => b.id === boardId);
    if (!board) throw new NotFoundError("That board");
    return board;
  }

  async function decisionLog(request: FastifyRequest, reply: FastifyReply, boardId: number | undefined) {
    const values = formValues(request.query);
    const { filter, errors } = readDecisionFilter(values);
    if (boardId !== undefined) filter.boardId = boardId;
    const log = await meetings.decisionLog(actorOf(request), filter);
    const board = boardOf(log.boards, boardId);
    const format = one(values, "format");
    const heading: LogHeading = {
      partnershipName: request.partnership?.name ?? "",
      scope: board?.name ?? boardOf(log.boards, filter.boardId)?.name ?? "All boards",
      filters: [
        filter.statuses
          ? `status ${filter.statuses.map((s) => labelOf(DECISION_STATUSES, s)).join(" or ")}`
          : "",
        filter.keyDecision === undefined
          ? ""
          : filter.keyDecision
            ? "key decisions only"
            : "not key decisions",
        filter.from ? `from ${filter.from}` : "",
        filter.to ? `to ${filter.to}` : "",
        filter.words ? `the words “${filter.words}”` : "",
      ]
        .filter(Boolean)
        .join("; "),
      today: meetings.today(),
    };
    if (format === "docx" || format === "xlsx")
      return sendFile(reply, decisionLogDocument(log.rows, heading), format);
    return reply.code(errors.length > 0 ? 400 : 200).page("governance/meetings/decision-log", {
      title: board ? `Decision log: ${board.name}` : "Decision log",
      ...log,
      board: board ?? null,
      action: board ? `${base(request)}/boards/${board.id}/decisions` : `${base(request)}/decisions`,
      statuses: DECISION_STATUSES,
      values,
      heading,
      errors: errorSummary(errors, { from: "from-day", to: "to-day" }),
      fieldErrors: errorMap(errors),
      downloads: [
        { href: withFormat(request, "docx"), text: "Word (.docx)" },
        { href: withFormat(request, "xlsx"), text: "Excel (.xlsx)" },
      ],
    });
  }

  async function actionLog(request: FastifyRequest, reply: FastifyReply, boardId: number | undefined) {
    const values = formValues(request.query);
    const filter = readActionFilter(values, meetings.today());
    if (boardId !== undefined) filter.boardId = boardId;
    const log = await meetings.actionLog(actorOf(request), filter);
    const board = boardOf(log.boards, boardId);
    const heading: LogHeading = {
      partnershipName: request.partnership?.name ?? "",
      scope: board?.name ?? boardOf(log.boards, filter.boardId)?.name ?? "All boards",
      filters: [
        filter.ownerOrganisationId
          ? `owner ${log.organisations.find((o) => o.id === filter.ownerOrganisationId)?.name ?? ""}`
          : "",
        filter.statuses
          ? `status ${filter.statuses.map((s) => labelOf(MEETING_ACTION_STATUSES, s)).join(" or ")}`
          : "",
        filter.overdueOn ? "overdue only" : "",
      ]
        .filter(Boolean)
        .join("; "),
      today: log.today,
    };
    const format = one(values, "format");
    if (format === "docx" || format === "xlsx")
      return sendFile(reply, actionLogDocument(log.rows, heading), format);
    return reply.page("governance/meetings/action-log", {
      title: board ? `Action log: ${board.name}` : "Action log",
      ...log,
      board: board ?? null,
      action: board
        ? `${base(request)}/boards/${board.id}/meeting-actions`
        : `${base(request)}/meeting-actions`,
      statuses: MEETING_ACTION_STATUSES,
      values,
      heading,
      downloads: [
        { href: withFormat(request, "docx"), text: "Word (.docx)" },
        { href: withFormat(request, "xlsx"), text: "Excel (.xlsx)" },
      ],
    });
  }

  app.get("/decisions", member, (request, reply) => decisionLog(request, reply, undefined));
  app.get("/boards/:boardId/decisions", member, (request, reply) =>
    decisionLog(request, reply, idParam(request, "boardId")),
  );
  app.get("/meeting-actions", member, (request, reply) => actionLog(request, reply, undefined));
  app.get("/boards/:boardId/meeting-actions", member, (request, reply) =>
    actionLog(request, reply, idParam(request, "boardId")),
  );
}

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { ukDateOf } from "../../../../domain/calendar-dates.ts";
import { possibleParents } from "../../../../domain/governance/board-chain.ts";
import {
  BOARD_KINDS,
  labelOf,
  MEETING_FREQUENCIES,
  MEETING_STATUSES,
  S58_CATEGORIES,
} from "../../../../domain/governance/vocabulary.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import { calendarFile, feedPath } from "./boards-calendar.ts";
import { BOARD_ANCHORS, boardFormValues, readBoardForm, shownDate, version } from "./boards-forms.ts";
import { registerBoardMeetingRoutes } from "./boards-meetings.ts";
import { registerBoardSeatRoutes } from "./boards-seats.ts";

// Boards (issue 13, part A): the chain of boards and each board's page, readable by every member;
// the coordinator's board and terms form, seats, meetings and attendance.

const today = () => ukDateOf(new Date());

export const vocabulary = {
  kinds: BOARD_KINDS,
  frequencies: MEETING_FREQUENCIES,
  statuses: MEETING_STATUSES,
  categories: S58_CATEGORIES,
};

export function registerBoardsRoutes(app: FastifyInstance, services: Services): void {
  const boards = services.governanceBoards;
  const admin = { config: { access: "admin" as const } };
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const member = { config: { access: "member" as const } };

  async function formContext(request: FastifyRequest, boardId?: number) {
    const list = await boards.listAll(actorOf(request));
    return {
      boardId,
      vocabulary,
      allBoards: list.map((b) => ({ id: b.id, name: b.name })),
      parentOptions: possibleParents(list, boardId).map((b) => ({ id: b.id, name: b.name })),
    };
  }

  const formPage = async (request: FastifyRequest, values: Record<string, unknown>, boardId?: number) => ({
    template: "governance/boards/form",
    title: boardId ? "Edit board" : "Add a board",
    context: await formContext(request, boardId),
    values: { ...values, reviewOn: shownDate(values as Record<string, string>, "reviewOn") },
    anchors: BOARD_ANCHORS,
  });

  app.get("/boards", memberPage, async (request, reply) => {
    const rows = await boards.list(actorOf(request), today());
    return reply.page("governance/boards/list", {
      title: "Boards",
      rows: rows.map((r) => ({ ...r, kindLabel: labelOf(BOARD_KINDS, r.board.kind) })),
    });
  });

  app.get("/boards/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("governance/boards/form", {
      title: "Add a board",
      ...(await formContext(request)),
      values: { kind: "operational", meetingFrequency: "quarterly", packLeadDays: "7", reviewOn: {} },
    });
  });

  app.post("/boards/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await formPage(request, values);
    const parsed = readBoardForm(values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      boards.create(actor, parsed.data, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/boards/${result.value.id}`, 303);
  });

  app.get("/boards/:boardId", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const view = await boards.page(actor, idParam(request, "boardId"));
    const day = today();
    const meetings = view.meetings.map((m) => ({ ...m, statusLabel: labelOf(MEETING_STATUSES, m.status) }));
    return reply.page("governance/boards/show", {
      title: view.board.name,
      ...view,
      vocabulary,
      kindLabel: labelOf(BOARD_KINDS, view.terms.kind),
      frequencyLabel: labelOf(MEETING_FREQUENCIES, view.terms.meetingFrequency),
      reviewPassed: view.terms.reviewOn !== null && view.terms.reviewOn < day,
      upcoming: meetings.filter((m) => m.meetsOn >= day),
      past: meetings.filter((m) => m.meetsOn < day).reverse(),
      categoryLabels: Object.fromEntries(S58_CATEGORIES.map((c) => [c.value, c.label])),
      feedUrl: `${services.config.baseUrl}${feedPath(view.terms.calendarToken)}`,
      isAdmin: actor.role === "admin",
    });
  });

  app.get("/boards/:boardId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { board, terms } = await boards.get(actor, idParam(request, "boardId"));
    return reply.page("governance/boards/form", {
      title: "Edit board",
      ...(await formContext(request, board.id)),
      values: boardFormValues(board, terms),
    });
  });

  const versions = z.object({ version, termsVersion: version });

  app.post("/boards/:boardId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const { board } = await boards.get(actor, idParam(request, "boardId"));
    const values = formValues(request.body);
    const page = await formPage(request, values, board.id);
    const parsed = readBoardForm(values);
    const v = parseForm(versions, values);
    if (!parsed.ok || !v.ok)
      return renderFormErrors(reply, page, [...(parsed.ok ? [] : parsed.errors), ...(v.ok ? [] : v.errors)]);
    const result = await handleFormErrors(reply, page, () =>
      boards.update(actor, board.id, v.data, parsed.data, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${base(request)}/boards/${board.id}`, 303);
  });

  app.post("/boards/:boardId/calendar/regenerate", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    await boards.regenerateCalendarToken(actor, boardId);
    flash(
      request,
      "New calendar address made",
      '<p class="govuk-body">Subscriptions to the old address no longer receive meetings. Send the new address to the people who need it.</p>',
    );
    return reply.redirect(`${base(request)}/boards/${boardId}#calendar`, 303);
  });

  // The feed for a signed-in member (a download); Outlook subscribes to the secret address instead.
  app.get("/boards/:boardId/calendar.ics", member, async (request, reply) => {
    const feed = await boards.calendarOf(actorOf(request), idParam(request, "boardId"));
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", 'attachment; filename="meetings.ics"')
      .send(calendarFile(feed, services.config.baseUrl, request.partnership?.slug ?? ""));
  });

  registerBoardSeatRoutes(app, services);
  registerBoardMeetingRoutes(app, services);
}

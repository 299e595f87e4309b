import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { S58_CATEGORIES } from "../../../../domain/governance/vocabulary.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { formValues, parseForm } from "../../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../../helpers.ts";
import { readSeatForm, SEAT_ANCHORS, version } from "./boards-forms.ts";

// A board's seats: add, change, remove (coordinator only). The holder and the deputy are each a
// Waymark member of the partnership or a typed name.

export function registerBoardSeatRoutes(app: FastifyInstance, services: Services): void {
  const boards = services.governanceBoards;
  const organisations = services.organisations;
  const admin = { config: { access: "admin" as const } };

  async function context(request: FastifyRequest, boardId: number, seatId?: number) {
    const actor = actorOf(request);
    const { board } = await boards.get(actor, boardId);
    const [people, orgs] = await Promise.all([boards.members(actor), organisations.list(actor)]);
    return {
      board,
      seatId,
      categories: S58_CATEGORIES,
      people: people.map((p) => ({ id: p.userId, name: `${p.name} (${p.organisationName})` })),
      organisations: orgs.map((o) => ({ id: o.id, name: o.name })),
    };
  }

  const page = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    boardId: number,
    seatId?: number,
  ) => ({
    template: "governance/boards/seat-form",
    title: seatId ? "Change a seat" : "Add a seat",
    context: await context(request, boardId, seatId),
    values,
    anchors: SEAT_ANCHORS,
  });

  app.get("/boards/:boardId/seats/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const boardId = idParam(request, "boardId");
    return reply.page("governance/boards/seat-form", {
      title: "Add a seat",
      ...(await context(request, boardId)),
      values: { voting: "yes", categories: [] },
    });
  });

  app.post("/boards/:boardId/seats/new", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    const values = formValues(request.body);
    const shown = await page(request, values, boardId);
    const parsed = readSeatForm(values);
    if (!parsed.ok) return renderFormErrors(reply, shown, parsed.errors);
    const result = await handleFormErrors(reply, shown, () => boards.createSeat(actor, boardId, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.title} seat added`);
    return reply.redirect(`${base(request)}/boards/${boardId}#seats`, 303);
  });

  app.get("/boards/:boardId/seats/:seatId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    const seat = await boards.getSeat(actor, boardId, idParam(request, "seatId"));
    return reply.page("governance/boards/seat-form", {
      title: "Change a seat",
      ...(await context(request, boardId, seat.id)),
      values: {
        ...seat,
        organisationId: seat.organisationId ?? "",
        holderUserId: seat.holderUserId ?? "",
        deputyUserId: seat.deputyUserId ?? "",
        voting: seat.voting ? "yes" : "no",
      },
    });
  });

  app.post("/boards/:boardId/seats/:seatId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    const seat = await boards.getSeat(actor, boardId, idParam(request, "seatId"));
    const values = formValues(request.body);
    const shown = await page(request, values, boardId, seat.id);
    const parsed = readSeatForm(values);
    const v = parseForm(z.object({ version }), values);
    if (!parsed.ok || !v.ok)
      return renderFormErrors(reply, shown, [...(parsed.ok ? [] : parsed.errors), ...(v.ok ? [] : v.errors)]);
    const result = await handleFormErrors(reply, shown, () =>
      boards.updateSeat(actor, boardId, seat.id, v.data.version, parsed.data),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.title} seat changed`);
    return reply.redirect(`${base(request)}/boards/${boardId}#seats`, 303);
  });

  // The remove button is on the seat's edit page (its GET form).
  app.post("/boards/:boardId/seats/:seatId/delete", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const boardId = idParam(request, "boardId");
    const seat = await boards.getSeat(actor, boardId, idParam(request, "seatId"));
    const shown = await page(
      request,
      {
        ...seat,
        organisationId: seat.organisationId ?? "",
        holderUserId: seat.holderUserId ?? "",
        deputyUserId: seat.deputyUserId ?? "",
        voting: seat.voting ? "yes" : "no",
      },
      boardId,
      seat.id,
    );
    const result = await handleFormErrors(reply, shown, () => boards.deleteSeat(actor, boardId, seat.id));
    if (!result.ok) return reply;
    flash(request, `${seat.title} seat removed`);
    return reply.redirect(`${base(request)}/boards/${boardId}#seats`, 303);
  });
}

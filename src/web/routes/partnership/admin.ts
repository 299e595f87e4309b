import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { BoardRow } from "../../../data/boards.ts";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { formValues, parseForm } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";

// The coordinator's pages for the partnership's set-up: partner organisations and boards (people and
// their roles: people.ts; the audit log: audit.ts). Every route is admin-only, checked here and again
// in the services.

const text = (message: string, max = 2000) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 4000) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const version = z.coerce.number().int().positive();
const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));

export const ORGANISATION_KINDS = [
  "Police",
  "Health",
  "Specialist service",
  "Council",
  "Education",
  "Housing",
  "Probation",
  "Other",
] as const;

export const organisationSchema = z.object({
  name: text("Enter the organisation's name", 200),
  kind: text("Select what kind of organisation it is", 60),
});

// Meeting dates: one a line, as 2025-03-14, 14/03/2025 or 14 March 2025.

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MAX_MEETING_DATES = 200;

function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, "");
  const full = MONTHS.indexOf(n);
  if (full >= 0) return full + 1;
  if (n === "sept") return 9;
  const short = MONTHS.findIndex((m) => m.slice(0, 3) === n);
  return n.length === 3 && short >= 0 ? short + 1 : null;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 2000 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** One line → "YYYY-MM-DD", or null when it is not a real date in one of the accepted forms. */
export function parseMeetingDate(line: string): string | null {
  const s = line.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?)\s+(\d{4})$/i.exec(s);
  if (m) {
    const month = monthNumber(m[2] ?? "");
    return month === null ? null : isoDate(Number(m[3]), month, Number(m[1]));
  }
  return null;
}

/** The meeting dates textarea → sorted unique ISO dates, or the first bad line by its number. */
export function parseMeetingDates(input: string): { dates: string[] } | { error: string } {
  const lines = input.split(/\r?\n/);
  const dates: string[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const iso = parseMeetingDate(line);
    if (!iso) {
      const shown = line.length > 40 ? `${line.slice(0, 40)}…` : line;
      return { error: `Line ${i + 1} is not a date: “${shown}”. Enter each date like 14/03/2025` };
    }
    dates.push(iso);
  }
  const unique = [...new Set(dates)].sort();
  if (unique.length > MAX_MEETING_DATES)
    return { error: `Enter ${MAX_MEETING_DATES} meeting dates or fewer` };
  return { dates: unique };
}

/** "2025-03-14" → "14/03/2025", the way the textarea shows dates back. */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

export const boardSchema = z.object({
  name: text("Enter the board's name", 200),
  description: optionalText(TEXT_LIMITS.boardDescription),
  parentBoardId: z
    .union([
      z.literal("").transform(() => null),
      z.coerce
        .number({ message: "Select a board from the list" })
        .int()
        .positive("Select a board from the list"),
    ])
    .default(null),
  meetingDates: z
    .string()
    .max(10000, "Enter fewer meeting dates")
    .default("")
    .transform((value, ctx) => {
      const result = parseMeetingDates(value);
      if ("error" in result) {
        ctx.addIssue({ code: "custom", message: result.error });
        return z.NEVER;
      }
      return result.dates;
    }),
});

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/** Boards in reporting order: each top board followed by the boards that report to it, depth first. */
export function boardHierarchy(boards: BoardRow[], today: string) {
  const byId = new Map(boards.map((b) => [b.id, b]));
  const children = new Map<number | null, BoardRow[]>();
  for (const b of boards) {
    const parent = b.parentBoardId !== null && byId.has(b.parentBoardId) ? b.parentBoardId : null;
    children.set(parent, [...(children.get(parent) ?? []), b]);
  }
  const rows: {
    board: BoardRow;
    depth: number;
    parent: BoardRow | null;
    nextMeeting: string | null;
    lastMeeting: string | null;
  }[] = [];
  const seen = new Set<number>();
  const visit = (parentId: number | null, depth: number) => {
    for (const board of children.get(parentId) ?? []) {
      if (seen.has(board.id)) continue;
      seen.add(board.id);
      rows.push({
        board,
        depth,
        parent: board.parentBoardId === null ? null : (byId.get(board.parentBoardId) ?? null),
        nextMeeting: board.meetingDates.find((d) => d >= today) ?? null,
        lastMeeting: board.meetingDates.filter((d) => d < today).at(-1) ?? null,
      });
      visit(board.id, depth + 1);
    }
  };
  visit(null, 0);
  // A cycle the service should never allow would leave boards unvisited; list them rather than hide them.
  for (const board of boards) {
    if (!seen.has(board.id)) {
      rows.push({
        board,
        depth: 0,
        parent: byId.get(board.parentBoardId ?? -1) ?? null,
        nextMeeting: null,
        lastMeeting: null,
      });
    }
  }
  return rows;
}

/** The boards a board may report to: not itself, nor any board that (indirectly) reports to it. */
function possibleParents(boards: BoardRow[], selfId?: number): BoardRow[] {
  if (selfId === undefined) return boards;
  const below = new Set<number>([selfId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of boards) {
      if (b.parentBoardId !== null && below.has(b.parentBoardId) && !below.has(b.id)) {
        below.add(b.id);
        grew = true;
      }
    }
  }
  return boards.filter((b) => !below.has(b.id));
}

export function registerAdminRoutes(app: FastifyInstance, services: Services): void {
  const { organisations, boards } = services;
  const admin = { config: { access: "admin" as const } };

  // Organisations

  /** The usual kinds, then any other kind the partnership already uses, then Other. */
  async function organisationKinds(request: FastifyRequest): Promise<string[]> {
    const usual: readonly string[] = ORGANISATION_KINDS;
    const inUse = (await organisations.list(actorOf(request)))
      .map((o) => o.kind)
      .filter((k) => k && !usual.includes(k));
    return [...usual.filter((k) => k !== "Other"), ...[...new Set(inUse)].sort(), "Other"];
  }

  const organisationPage = async (
    request: FastifyRequest,
    values: Record<string, unknown>,
    organisationId?: number,
  ) => ({
    template: "organisations/form",
    title: organisationId ? "Edit organisation" : "Add an organisation",
    context: { organisationId, kinds: await organisationKinds(request) },
    values,
  });

  app.get("/organisations", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const list = await organisations.list(actor);
    return reply.page("organisations/list", { title: "Organisations", organisations: list });
  });

  app.get("/organisations/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("organisations/form", {
      title: "Add an organisation",
      kinds: ORGANISATION_KINDS,
      values: {},
    });
  });

  app.post("/organisations", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await organisationPage(request, values);
    const parsed = parseForm(organisationSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => organisations.create(actor, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/organisations`, 303);
  });

  app.get("/organisations/:organisationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const organisation = await organisations.get(actor, idParam(request, "organisationId"));
    return reply.page("organisations/form", {
      title: "Edit organisation",
      organisationId: organisation.id,
      kinds: await organisationKinds(request),
      values: organisation,
    });
  });

  app.post("/organisations/:organisationId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const organisationId = idParam(request, "organisationId");
    await organisations.get(actor, organisationId);
    const values = formValues(request.body);
    const page = await organisationPage(request, values, organisationId);
    const parsed = parseForm(withVersion(organisationSchema), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () =>
      organisations.update(actor, organisationId, v, input),
    );
    if (!result.ok) return reply;
    flash(request, `${result.value.name} updated`);
    return reply.redirect(`${base(request)}/organisations`, 303);
  });

  // Boards

  async function boardFormContext(request: FastifyRequest, boardId?: number) {
    const list = await boards.list(actorOf(request));
    return {
      boardId,
      allBoards: list.map((b) => ({ id: b.id, name: b.name })),
      parentOptions: possibleParents(list, boardId).map((b) => ({ id: b.id, name: b.name })),
    };
  }

  const boardPage = async (request: FastifyRequest, values: Record<string, unknown>, boardId?: number) => ({
    template: "boards/form",
    title: boardId ? "Edit board" : "Add a board",
    context: await boardFormContext(request, boardId),
    values,
  });

  app.get("/boards", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const list = await boards.list(actor);
    const today = new Date().toISOString().slice(0, 10);
    return reply.page("boards/list", { title: "Boards", rows: boardHierarchy(list, today) });
  });

  app.get("/boards/new", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("boards/form", {
      title: "Add a board",
      ...(await boardFormContext(request)),
      values: {},
    });
  });

  app.post("/boards", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const page = await boardPage(request, values);
    const parsed = parseForm(boardSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () => boards.create(actor, parsed.data));
    if (!result.ok) return reply;
    flash(request, `${result.value.name} added`);
    return reply.redirect(`${base(request)}/boards`, 303);
  });

  app.get("/boards/:boardId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const board = await boards.get(actor, idParam(request, "boardId"));
    return reply.page("boards/form", {
      title: "Edit board",
      ...(await boardFormContext(request, board.id)),
      values: {
        ...board,
        parentBoardId: board.parentBoardId === null ? "" : String(board.parentBoardId),
        meetingDates: board.meetingDates.map(ukDate).join("\n"),
      },
    });
  });

  app.post("/boards/:boardId/edit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const board = await boards.get(actor, idParam(request, "boardId"));
    const values = formValues(request.body);
    const page = await boardPage(request, values, board.id);
    const parsed = parseForm(withVersion(boardSchema), values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const { version: v, ...input } = parsed.data;
    const result = await handleFormErrors(reply, page, () => boards.update(actor, board.id, v, input));
    if (!result.ok) return reply;
    flash(request, `${input.name} updated`);
    return reply.redirect(`${base(request)}/boards`, 303);
  });
}

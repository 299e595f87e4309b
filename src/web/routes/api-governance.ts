// The governance endpoints of the JSON API (issue 13): boards, a board's terms and seats (never an
// e-mail address), a meeting with its agenda as a tree, the decision log and the meeting actions.
// Response shapes are built field by field, so a new column never reaches API clients by accident.
import type { z } from "zod";
import { numberAgenda } from "../../domain/governance/pack-agenda.ts";
import {
  AGENDA_PURPOSES,
  ATTENDANCE_STATUSES,
  BOARD_KINDS,
  DECISION_STATUSES,
  MEETING_ACTION_STATUSES,
  MEETING_FREQUENCIES,
  MEETING_STATUSES,
  S58_CATEGORIES,
  valuesOf,
} from "../../domain/governance/vocabulary.ts";
import type { TokenActor } from "../../services/actor.ts";
import type { Services } from "../../services/index.ts";
import { governanceEndpoints as e } from "../openapi/endpoints-governance.ts";
import type { AgendaItem, BoardSummary, MeetingDetail } from "../openapi/schemas-governance.ts";
import type { ApiEndpoint } from "../openapi.ts";

type Out<T extends z.ZodType> = z.output<T>;
type Input<P extends z.ZodObject, Q extends z.ZodObject> = { params: z.output<P>; query: z.output<Q> };
export type ApiGet = <P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
  endpoint: ApiEndpoint<P, Q, R>,
  handler: (actor: TokenActor, input: Input<P, Q>) => Promise<z.output<R>>,
) => void;

type Reads = Services["governancePacks"]["api"];
type BoardRow = Awaited<ReturnType<Reads["boards"]>>[number];
type AgendaRow = Awaited<ReturnType<Reads["meeting"]>>["agenda"][number];

// The tables hold the vocabulary's words (services write them from vocabulary.ts); a value outside
// the list (never expected) becomes the list's first word rather than breaking the contract.
function oneOf<T extends string>(values: readonly [T, ...T[]], value: string | null | undefined): T {
  return values.find((v) => v === value) ?? values[0];
}
const KINDS = valuesOf(BOARD_KINDS);

const toBoard = (b: BoardRow): Out<typeof BoardSummary> => ({
  id: b.id,
  name: b.name,
  description: b.description,
  kind: oneOf(KINDS, b.kind),
  parentBoardId: b.parentBoardId,
  version: b.version,
});

/** The agenda rows as a tree, in the order the pack numbers them. */
function agendaTree(rows: readonly AgendaRow[]): Out<typeof AgendaItem>[] {
  const ordered = numberAgenda(rows, null);
  const nodes = new Map<number, Out<typeof AgendaItem>>();
  const top: Out<typeof AgendaItem>[] = [];
  for (const r of ordered) {
    const node: Out<typeof AgendaItem> = {
      id: r.id,
      title: r.title,
      purpose: oneOf(valuesOf(AGENDA_PURPOSES), r.purpose),
      presenter: r.presenter,
      durationMinutes: r.durationMinutes,
      subject: oneOf(["text", "report", "commitment"] as const, r.subject),
      reportKind: r.reportKind,
      reportSubjectId: r.reportSubjectId,
      commitmentId: r.commitmentId,
      description: r.description,
      minutes: r.minutes,
      items: [],
    };
    nodes.set(r.id, node);
    const parent = r.depth > 0 && r.parentItemId !== null ? nodes.get(r.parentItemId) : undefined;
    (parent ? parent.items : top).push(node);
  }
  return top;
}

export function registerGovernanceApi(get: ApiGet, services: Services): void {
  const reads = services.governancePacks.api;

  get(e.listBoards, async (actor) => ({ boards: (await reads.boards(actor)).map(toBoard) }));

  get(e.getBoard, async (actor, { params }) => {
    const b = await reads.board(actor, params.id);
    const terms = b.terms;
    return {
      board: toBoard({ ...b.board, kind: terms?.kind ?? null }),
      terms: {
        purpose: terms?.purpose ?? "",
        chair: terms?.chair ?? "",
        quorum: terms?.quorum ?? null,
        meetingFrequency: oneOf(valuesOf(MEETING_FREQUENCIES), terms?.meetingFrequency),
        reviewOn: terms?.reviewOn ?? null,
        packLeadDays: terms?.packLeadDays ?? 7,
      },
      seats: b.seats.map(({ seat, holderUserName, organisationName, deputyUserName }) => ({
        id: seat.id,
        title: seat.title,
        organisation:
          seat.organisationId !== null && organisationName !== null
            ? { id: seat.organisationId, name: organisationName }
            : null,
        holderName: holderUserName ?? seat.holderName,
        holderRole: seat.holderRole,
        deputyName: deputyUserName ?? seat.deputyName,
        categories: valuesOf(S58_CATEGORIES).filter((c) => seat.categories.includes(c)),
        voting: seat.voting,
      })),
      meetings: b.meetings.map((m) => ({
        id: m.id,
        meetsOn: m.meetsOn,
        status: oneOf(valuesOf(MEETING_STATUSES), m.status),
      })),
    };
  });

  get(e.getMeeting, async (actor, { params }): Promise<Out<typeof MeetingDetail>> => {
    const { meeting: m, agenda, attendance, packs } = await reads.meeting(actor, params.id);
    return {
      id: m.id,
      boardId: m.boardId,
      meetsOn: m.meetsOn,
      startsAt: m.startsAt,
      endsAt: m.endsAt,
      location: m.location,
      onlineLink: m.onlineLink,
      status: oneOf(valuesOf(MEETING_STATUSES), m.status),
      packDueOn: m.packDueOn,
      agenda: agendaTree(agenda),
      attendance: attendance.map((a) => ({
        seatId: a.seatId,
        status: oneOf(valuesOf(ATTENDANCE_STATUSES), a.status),
      })),
      packs: packs.map((p) => ({ ...p, publishedAt: p.publishedAt.toISOString() })),
      version: m.version,
    };
  });

  get(e.listDecisions, async (actor, { query }) => ({
    decisions: (await reads.decisions(actor, query)).map(({ decision: d, boardId }) => ({
      id: d.id,
      meetingId: d.meetingId,
      boardId,
      agendaItemId: d.agendaItemId,
      reference: d.reference,
      decision: d.decision,
      reasons: d.reasons,
      alternativesConsidered: d.alternativesConsidered,
      decisionMaker: d.decisionMaker,
      decidedOn: d.decidedOn,
      keyDecision: d.keyDecision,
      status: oneOf(valuesOf(DECISION_STATUSES), d.status),
      version: d.version,
    })),
  }));

  get(e.listMeetingActions, async (actor, { query }) => ({
    meetingActions: (await reads.meetingActions(actor, query)).map(({ action: a, boardId, ownerName }) => ({
      id: a.id,
      meetingId: a.meetingId,
      boardId,
      agendaItemId: a.agendaItemId,
      reference: a.reference,
      description: a.description,
      owner: { id: a.ownerOrganisationId, name: ownerName },
      dueOn: a.dueOn,
      status: oneOf(valuesOf(MEETING_ACTION_STATUSES), a.status),
      updatedAt: a.updatedAt.toISOString(),
      version: a.version,
    })),
  }));
}

// Governance endpoints (issue 13): boards, a board with terms and seats, a meeting with its agenda,
// the decision log and the meeting actions. Joined into endpoints.ts's list.
import { z } from "zod";
import { DECISION_STATUSES, MEETING_ACTION_STATUSES, valuesOf } from "../../domain/governance/vocabulary.ts";
import type { ApiEndpoint } from "./endpoints.ts";
import { idParam, idPath } from "./registry.ts";
import {
  BoardDetail,
  BoardList,
  DecisionList,
  MeetingActionList,
  MeetingDetail,
} from "./schemas-governance.ts";

const emptyObject = z.object({});
const endpoint = <P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
  definition: ApiEndpoint<P, Q, R>,
) => definition;

export const governanceEndpoints = {
  listBoards: endpoint({
    operationId: "listBoards",
    method: "get",
    path: "/boards",
    tag: "Governance",
    summary: "The partnership's boards and the board each reports to",
    params: emptyObject,
    query: emptyObject,
    response: BoardList,
  }),
  getBoard: endpoint({
    operationId: "getBoard",
    method: "get",
    path: "/boards/{id}",
    tag: "Governance",
    summary: "A board with its terms of reference, seats (no e-mail addresses) and meetings",
    params: idPath("The board's id"),
    query: emptyObject,
    response: BoardDetail,
  }),
  getMeeting: endpoint({
    operationId: "getMeeting",
    method: "get",
    path: "/meetings/{id}",
    tag: "Governance",
    summary: "A meeting with its agenda as a tree, attendance and published pack versions",
    params: idPath("The meeting's id"),
    query: emptyObject,
    response: MeetingDetail,
  }),
  listDecisions: endpoint({
    operationId: "listDecisions",
    method: "get",
    path: "/decisions",
    tag: "Governance",
    summary: "The decision log",
    description:
      "Every decision of the partnership's meetings, or of one board's. An unknown board id is a 404.",
    params: emptyObject,
    query: z.object({
      boardId: idParam("Only this board's decisions").optional(),
      status: z.enum(valuesOf(DECISION_STATUSES)).optional().describe("Only decisions with this status"),
    }),
    response: DecisionList,
    notFound: true,
  }),
  listMeetingActions: endpoint({
    operationId: "listMeetingActions",
    method: "get",
    path: "/meeting-actions",
    tag: "Governance",
    summary: "The actions set by meetings",
    description: "Every meeting action, or one board's. An unknown board id is a 404.",
    params: emptyObject,
    query: z.object({
      boardId: idParam("Only this board's actions").optional(),
      status: z.enum(valuesOf(MEETING_ACTION_STATUSES)).optional().describe("Only actions with this status"),
    }),
    response: MeetingActionList,
    notFound: true,
  }),
};

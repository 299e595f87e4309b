import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { decisions, meetingActions } from "../../src/db/schema-governance.ts";
import { systemActor } from "../../src/services/actor.ts";
import {
  API_PREFIX,
  BoardDetail,
  BoardList,
  DecisionList,
  ErrorResponse,
  MeetingActionList,
  MeetingDetail,
  openApiDocument,
} from "../../src/web/openapi.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { type PackFixture, seedPackFixture } from "./governance-packs-fixture.ts";

// The governance endpoints of the JSON API: boards, a board's terms and seats (no e-mail addresses),
// a meeting with its agenda as a tree, the decision and meeting-action logs; in the documented shapes,
// in the OpenAPI document, and never another partnership's (404).

describe.each(testDatabaseKinds())("governance API (%s)", (kind) => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  let f: PackFixture;
  const bodies: string[] = [];

  async function get(url: string, token = tokenA) {
    const response = await t.app.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    bodies.push(response.body);
    return response;
  }
  async function ok<S extends z.ZodType>(url: string, schema: S, token = tokenA): Promise<z.output<S>> {
    const response = await get(url, token);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    const parsed = schema.safeParse(response.json());
    expect(parsed.error, `${url} does not match its schema`).toBeUndefined();
    return parsed.data as z.output<S>;
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    f = await seedPackFixture(t.database.db, "ashvale", {
      holderEmail: "hwb.member@ashvale.example",
      deputyEmail: "steering.member@ashvale.example",
    });
    tokenA = (await t.services.auth.createToken(systemActor("test", f.partnershipId), "ashvale", "BI")).token;
    const b = await t.services.partnerships.create(systemActor("test"), {
      slug: "brookfield",
      name: "Brookfield",
      areaName: "Brookfield",
    });
    tokenB = (await t.services.auth.createToken(systemActor("test", b.id), "brookfield", "B BI")).token;
  });
  afterAll(async () => t?.close());

  it("lists the boards with their kind and parent", async () => {
    const body = await ok(`${API_PREFIX}/boards`, BoardList);
    const board = body.boards.find((b) => b.id === f.boardId);
    expect(board?.kind).toBe("health_wellbeing");
    expect(body.boards.some((b) => b.parentBoardId === f.boardId)).toBe(true);
    expect((await ok(`${API_PREFIX}/boards`, BoardList, tokenB)).boards).toEqual([]);
  });

  it("gives a board's terms, seats without e-mail addresses, and meetings", async () => {
    const body = await ok(`${API_PREFIX}/boards/${f.boardId}`, BoardDetail);
    expect(body.terms).toMatchObject({ chair: "Director of Public Health", quorum: 2 });
    expect(body.seats.map((s) => s.title)).toEqual(["Chair", "Police", "Adviser"]);
    expect(body.seats[0]!.holderName).toBe("Cllr Peter Haines");
    expect(body.seats[1]!.deputyName).toBe("Leila Hussain");
    expect(body.seats[2]!.voting).toBe(false);
    expect(body.meetings.map((m) => m.id)).toEqual(
      expect.arrayContaining([f.previousMeetingId, f.meetingId]),
    );
    expect(JSON.stringify(body)).not.toContain("@");
  });

  it("gives a meeting with its agenda as a tree", async () => {
    const body = await ok(`${API_PREFIX}/meetings/${f.meetingId}`, MeetingDetail);
    expect(body.agenda.map((i) => i.title)).toEqual([
      "Welcome and apologies",
      "Strategy progress",
      "Commitment in focus",
    ]);
    expect(body.agenda[0]!.items.map((i) => i.title)).toEqual(["Declarations of interest"]);
    expect(body.agenda[1]).toMatchObject({
      subject: "report",
      reportKind: "strategy-review",
      reportSubjectId: f.strategyId,
    });
    expect(body.agenda[2]).toMatchObject({
      subject: "commitment",
      commitmentId: f.commitmentId,
      purpose: "decision",
    });
    const previous = await ok(`${API_PREFIX}/meetings/${f.previousMeetingId}`, MeetingDetail);
    expect(previous.attendance.map((a) => a.status).sort()).toEqual(["apology", "deputy", "present"]);
  });

  it("gives the decision log and the meeting actions, filterable by board and status", async () => {
    const all = await ok(`${API_PREFIX}/decisions`, DecisionList);
    expect(all.decisions.map((d) => d.id)).toContain(f.decisionId);
    const ofBoard = await ok(`${API_PREFIX}/decisions?boardId=${f.boardId}&status=agreed`, DecisionList);
    expect(ofBoard.decisions.find((d) => d.id === f.decisionId)).toMatchObject({
      keyDecision: true,
      boardId: f.boardId,
    });
    // The status filter: the fixture's board has no withdrawn decision; across the partnership the
    // filter gives exactly the demo's withdrawn ones.
    expect(
      (await ok(`${API_PREFIX}/decisions?boardId=${f.boardId}&status=withdrawn`, DecisionList)).decisions,
    ).toEqual([]);
    const withdrawn = await t.database.db
      .select({ id: decisions.id })
      .from(decisions)
      .where(and(eq(decisions.partnershipId, f.partnershipId), eq(decisions.status, "withdrawn")));
    const listed = (await ok(`${API_PREFIX}/decisions?status=withdrawn`, DecisionList)).decisions;
    expect(listed.map((d) => d.id).sort()).toEqual(withdrawn.map((d) => d.id).sort());
    expect(listed.every((d) => d.status === "withdrawn")).toBe(true);
    const actions = await ok(`${API_PREFIX}/meeting-actions?boardId=${f.boardId}`, MeetingActionList);
    expect(actions.meetingActions.find((a) => a.id === f.meetingActionId)).toMatchObject({
      status: "in_progress",
      boardId: f.boardId,
    });
    expect(
      (await ok(`${API_PREFIX}/meeting-actions?boardId=${f.boardId}&status=done`, MeetingActionList))
        .meetingActions,
    ).toEqual([]);
    const done = await t.database.db
      .select({ id: meetingActions.id })
      .from(meetingActions)
      .where(and(eq(meetingActions.partnershipId, f.partnershipId), eq(meetingActions.status, "done")));
    const listedDone = (await ok(`${API_PREFIX}/meeting-actions?status=done`, MeetingActionList))
      .meetingActions;
    expect(listedDone.map((a) => a.id).sort()).toEqual(done.map((a) => a.id).sort());
    expect(listedDone.every((a) => a.status === "done")).toBe(true);
    expect((await get(`${API_PREFIX}/decisions?status=maybe`)).statusCode).toBe(400);
  });

  it("answers 404 for another partnership's board, meeting or board filter", async () => {
    for (const url of [
      `${API_PREFIX}/boards/${f.boardId}`,
      `${API_PREFIX}/meetings/${f.meetingId}`,
      `${API_PREFIX}/decisions?boardId=${f.boardId}`,
      `${API_PREFIX}/meeting-actions?boardId=${f.boardId}`,
    ]) {
      const response = await get(url, tokenB);
      expect(response.statusCode, url).toBe(404);
      expect(ErrorResponse.safeParse(response.json()).success).toBe(true);
    }
    expect((await get(`${API_PREFIX}/meetings/999999`)).statusCode).toBe(404);
  });

  it("documents every governance endpoint in the OpenAPI document", () => {
    for (const path of ["/boards", "/boards/{id}", "/meetings/{id}", "/decisions", "/meeting-actions"])
      expect(openApiDocument.paths[path]?.get, path).toBeDefined();
    const schemas = openApiDocument.components.schemas;
    for (const name of [
      "BoardDetail",
      "BoardSeat",
      "MeetingDetail",
      "AgendaItem",
      "DecisionList",
      "MeetingActionList",
    ])
      expect(schemas[name], name).toBeDefined();
    expect(JSON.stringify(schemas.BoardSeat)).not.toMatch(/email/i);
    expect(bodies.join("\n")).not.toMatch(/ashvale\.example/);
  });
});

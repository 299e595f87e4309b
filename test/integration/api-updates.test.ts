import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemActor } from "../../src/services/actor.ts";
import { CommitmentRatingList, RoundList, UpdateList } from "../../src/web/openapi.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The update cycle through the API, on the demo's history of rounds: accepted updates only unless the
// token was allowed drafts, derived ratings with their rule version, and no other partnership's rounds.

describe.each(testDatabaseKinds())("update rounds in the API (%s)", (kind) => {
  let t: TestApp;
  let plainToken: string;
  let draftsToken: string;
  let otherToken: string;

  const get = (url: string, token: string) =>
    t.app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    const partnership = await t.services.partnerships.findBySlug("ashvale");
    const actor = systemActor("test", partnership!.id);
    plainToken = (await t.services.auth.createToken(actor, "ashvale", "Board dashboard")).token;
    draftsToken = (
      await t.services.auth.createToken(actor, "ashvale", "Coordinator's sheet", { allowDrafts: true })
    ).token;
    await t.services.partnerships.create(systemActor("test"), {
      slug: "elsewhere",
      name: "Elsewhere",
      areaName: "Elsewhere",
    });
    otherToken = (await t.services.auth.createToken(systemActor("test"), "elsewhere", "Other")).token;
  });
  afterAll(async () => t?.close());

  it("lists the rounds, newest first", async () => {
    const response = await get("/api/v1/rounds", plainToken);
    expect(response.statusCode).toBe(200);
    const body = RoundList.parse(response.json());
    expect(body.rounds.length).toBeGreaterThanOrEqual(8);
    expect(body.rounds[0]?.status).toBe("open");
    const opened = body.rounds.map((r) => r.openedAt);
    expect([...opened].sort().reverse()).toEqual(opened);
  });

  it("gives only accepted updates to an ordinary token, and every status to one allowed drafts", async () => {
    const rounds = RoundList.parse((await get("/api/v1/rounds", plainToken)).json()).rounds;
    const open = rounds.find((r) => r.status === "open")!;
    const plain = UpdateList.parse((await get(`/api/v1/rounds/${open.id}/updates`, plainToken)).json());
    expect(plain.includesDrafts).toBe(false);
    expect(plain.updates.length).toBeGreaterThan(0);
    expect(new Set(plain.updates.map((u) => u.status))).toEqual(new Set(["accepted"]));
    const drafts = UpdateList.parse((await get(`/api/v1/rounds/${open.id}/updates`, draftsToken)).json());
    expect(drafts.includesDrafts).toBe(true);
    expect(new Set(drafts.updates.map((u) => u.status))).toEqual(
      new Set(["draft", "submitted", "returned", "accepted"]),
    );
    expect(drafts.updates.length).toBeGreaterThan(plain.updates.length);
  });

  it("gives each commitment's derived rating with the rule version that made it", async () => {
    const rounds = RoundList.parse((await get("/api/v1/rounds", plainToken)).json()).rounds;
    const closed = rounds.find((r) => r.status === "closed")!;
    const body = CommitmentRatingList.parse(
      (await get(`/api/v1/rounds/${closed.id}/ratings`, plainToken)).json(),
    );
    expect(body.ratings.length).toBeGreaterThan(0);
    for (const r of body.ratings) {
      expect(r.ruleVersion).toBe("rollup-v1");
      expect(r.explanation.toLowerCase()).toContain(r.rating === "grey" ? "grey" : r.rating);
    }
  });

  it("answers 404 for another partnership's round", async () => {
    const rounds = RoundList.parse((await get("/api/v1/rounds", plainToken)).json()).rounds;
    expect((await get("/api/v1/rounds", otherToken)).json()).toEqual({ rounds: [] });
    for (const path of ["updates", "ratings"]) {
      expect((await get(`/api/v1/rounds/${rounds[0]!.id}/${path}`, otherToken)).statusCode).toBe(404);
    }
  });

  it("marks a token created for publishing as public: key statistics come suppressed", async () => {
    const partnership = await t.services.partnerships.findBySlug("ashvale");
    const actor = systemActor("test", partnership!.id);
    const publicToken = (await t.services.auth.createToken(actor, "ashvale", "Open data", { public: true }))
      .token;
    expect((await get("/api/v1/indicators", publicToken)).json()).toMatchObject({ published: true });
    expect((await get("/api/v1/indicators", plainToken)).json()).toMatchObject({ published: false });
  });

  it("describes the endpoints in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/rounds", "/rounds/{id}/updates", "/rounds/{id}/ratings"]),
    );
  });
});

import { eq } from "drizzle-orm";
import Fastify, { type RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { apiTokens } from "../../src/db/schema.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { systemActor } from "../../src/services/actor.ts";
import {
  ActionDetail,
  ActionPlanDetail,
  ActionPlanList,
  API_PREFIX,
  CommitmentDetail,
  ErrorResponse,
  endpoints,
  fastifyPath,
  OpenApiDocumentSchema,
  Partnership,
  StrategyDetail,
  StrategyList,
} from "../../src/web/openapi.ts";
import { registerApiRoutes } from "../../src/web/routes/api.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The read-only API on the whole application: token authentication, the demo partnership's data in
// the documented shapes, isolation between partnerships, and an OpenAPI document that lists it all.

const demoCommitments = ashvale.strategy.priorities.flatMap((p) => p.commitments);
const demoActions = ashvale.actionPlans.flatMap((plan) => plan.actions.map((action) => ({ plan, action })));
const demoOrgName = (key: string) => ashvale.organisations.find((o) => o.key === key)?.name;

describe.each(testDatabaseKinds())("JSON API /api/v1 (%s)", (kind) => {
  let t: TestApp;
  let tokenA: string;
  let tokenB: string;
  let revokedToken: string;
  let partnershipB: { id: number; slug: string; name: string; areaName: string };
  /** Every JSON body the API returned, to check for leaked secrets at the end. */
  const bodies: string[] = [];

  async function request(url: string, token?: string, headers: Record<string, string> = {}) {
    const response = await t.app.inject({
      method: "GET",
      url,
      headers: token ? { authorization: `Bearer ${token}`, ...headers } : headers,
    });
    bodies.push(response.body);
    return response;
  }

  /** A 200 whose body validates against the endpoint's schema; returns the parsed body. */
  async function ok<S extends z.ZodType>(url: string, schema: S, token = tokenA): Promise<z.output<S>> {
    const response = await request(url, token);
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    const parsed = schema.safeParse(response.json());
    expect(parsed.error, `${url} does not match its schema`).toBeUndefined();
    return parsed.data as z.output<S>;
  }

  async function notFound(url: string, token = tokenA) {
    const response = await request(url, token);
    expect(response.statusCode, url).toBe(404);
    expect(ErrorResponse.safeParse(response.json()).success).toBe(true);
  }

  let strategyA: z.output<typeof StrategyDetail>;

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const { services } = t;
    const [a] = await services.partnerships.listAll().then((all) => all.filter((p) => p.slug === "ashvale"));
    tokenA = (await services.auth.createToken(systemActor("test", a!.id), "ashvale", "Power BI")).token;
    const revoked = await services.auth.createToken(systemActor("test", a!.id), "ashvale", "Old dashboard");
    await t.database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, revoked.id));
    revokedToken = revoked.token;

    // A second partnership with a flat framework (recommendations, no priorities).
    partnershipB = await services.partnerships.create(systemActor("test"), {
      slug: "brookfield",
      name: "Brookfield Domestic Abuse Partnership",
      areaName: "Brookfield District",
    });
    const sys = systemActor("test", partnershipB.id);
    const org = await services.organisations.create(sys, { name: "Brookfield Council", kind: "Council" });
    const strategy = await services.strategies.create(sys, {
      title: "Brookfield Domestic Abuse Strategy 2025–2028",
      startYear: 2025,
      endYear: 2028,
      vision: "Everyone in Brookfield lives free from domestic abuse.",
      framework: "flat",
      itemLabel: "Recommendation",
    });
    const r1 = await services.strategies.createCommitment(sys, strategy.id, {
      priorityId: null,
      number: "1",
      text: "Commission a refuge for families",
      seeAlso: [],
    });
    await services.strategies.createCommitment(sys, strategy.id, {
      priorityId: null,
      number: "2",
      text: "Train GP practices to ask about abuse",
      seeAlso: [r1.id],
    });
    const plan = await services.actionPlans.create(sys, strategy.id, {
      name: "2025–26",
      startsOn: "2025-04-01",
      endsOn: "2026-03-31",
    });
    await services.actionPlans.createAction(sys, plan.id, {
      commitmentId: r1.id,
      what: "Find a site for the refuge",
      how: "Housing will survey council properties",
      leadOrganisationIds: [org.id],
      performanceTarget: "Site agreed",
      dueOn: "2025-12-31",
      closed: false,
      milestones: [{ description: "Survey done", dueOn: "2025-09-30", done: false }],
    });
    tokenB = (await services.auth.createToken(sys, "brookfield", "Brookfield BI")).token;

    const list = await ok(`${API_PREFIX}/strategies`, StrategyList);
    strategyA = await ok(`${API_PREFIX}/strategies/${list.strategies[0]!.id}`, StrategyDetail);
  });
  afterAll(async () => t?.close());

  const commitmentA = (number: string) => {
    const all = [...strategyA.priorities.flatMap((p) => p.commitments), ...strategyA.unassignedCommitments];
    const found = all.find((c) => c.number === number);
    if (!found) throw new Error(`no commitment ${number} in the demo strategy`);
    return found;
  };

  describe("authentication", () => {
    const tokenRoutes = Object.values(endpoints)
      .filter((e) => !e.public)
      .map((e) => `${API_PREFIX}${e.path.replace("{id}", "1")}`);

    it("refuses every token endpoint without a token: 401 JSON with a Bearer challenge", async () => {
      for (const url of tokenRoutes) {
        const response = await request(url);
        expect(response.statusCode, url).toBe(401);
        expect(response.headers["www-authenticate"]).toBe("Bearer");
        expect(ErrorResponse.safeParse(response.json()).success).toBe(true);
      }
    });

    it("refuses an unknown, malformed or revoked token with 401", async () => {
      const cases: Record<string, string>[] = [
        { authorization: "Bearer wmk_not-a-real-token" },
        { authorization: `Bearer ${revokedToken}` },
        { authorization: `Basic ${Buffer.from("user:pass").toString("base64")}` },
        { authorization: "Bearer" },
        { authorization: tokenA },
      ];
      for (const headers of cases) {
        const response = await request(`${API_PREFIX}/strategies`, undefined, headers);
        expect(response.statusCode, headers.authorization).toBe(401);
        expect(response.headers["www-authenticate"]).toMatch(/^Bearer/);
        expect(response.json()).toHaveProperty("error");
      }
    });

    it("accepts a valid token, case-insensitively on the scheme, and marks responses no-store", async () => {
      const response = await request(`${API_PREFIX}/partnership`, undefined, {
        authorization: `bearer ${tokenA}`,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers["cache-control"]).toBe("no-store");
    });

    it("serves the OpenAPI document without a token", async () => {
      const response = await request(`${API_PREFIX}/openapi.json`);
      expect(response.statusCode).toBe(200);
    });
  });

  describe("the demo partnership's data", () => {
    it("GET /partnership: the token's partnership", async () => {
      const body = await ok(`${API_PREFIX}/partnership`, Partnership);
      expect(body).toMatchObject({ slug: ashvale.slug, name: ashvale.name, areaName: ashvale.areaName });
    });

    it("GET /strategies: the demo strategy", async () => {
      const body = await ok(`${API_PREFIX}/strategies`, StrategyList);
      expect(body.strategies.map((s) => s.title)).toEqual([ashvale.strategy.title]);
      expect(body.strategies[0]).toMatchObject({
        startYear: ashvale.strategy.startYear,
        endYear: ashvale.strategy.endYear,
        framework: "priorities",
      });
    });

    it("GET /strategies/{id}: every priority and commitment, in order, with cross-references", async () => {
      expect(strategyA.title).toBe(ashvale.strategy.title);
      expect(strategyA.priorities.map((p) => p.number)).toEqual(
        ashvale.strategy.priorities.map((p) => p.number),
      );
      expect(strategyA.priorities.map((p) => p.title)).toEqual(
        ashvale.strategy.priorities.map((p) => p.title),
      );
      expect(strategyA.commitmentCount).toBe(demoCommitments.length);
      expect(strategyA.priorities.flatMap((p) => p.commitments.map((c) => c.number))).toEqual(
        demoCommitments.map((c) => c.number),
      );
      expect(strategyA.unassignedCommitments).toEqual([]);
      for (const demo of demoCommitments) {
        const c = commitmentA(demo.number);
        expect(c.text).toBe(demo.text);
        expect(
          c.seeAlso.map((s) => s.number),
          demo.number,
        ).toEqual(demo.seeAlso ?? []);
        for (const ref of c.seeAlso) expect(commitmentA(ref.number).id).toBe(ref.id);
        expect(c.actionCount, demo.number).toBe(
          demoActions.filter((a) => a.action.commitment === demo.number).length,
        );
      }
    });

    it("GET /commitments/{id}: priority, seeAlso, referencedBy and actions across plans", async () => {
      const withLinks = demoCommitments.filter((c) => (c.seeAlso ?? []).length > 0);
      expect(withLinks.length).toBeGreaterThan(0);
      for (const demo of withLinks) {
        const body = await ok(`${API_PREFIX}/commitments/${commitmentA(demo.number).id}`, CommitmentDetail);
        expect(body.number).toBe(demo.number);
        expect(body.text).toBe(demo.text);
        expect(body.strategy).toEqual({ id: strategyA.id, title: strategyA.title });
        const priority = ashvale.strategy.priorities.find((p) => p.commitments.includes(demo));
        expect(body.priority?.number).toBe(priority?.number);
        expect(body.seeAlso.map((s) => s.number)).toEqual(demo.seeAlso);
        expect(body.seeAlso.map((s) => s.text)).toEqual(
          (demo.seeAlso ?? []).map((n) => demoCommitments.find((c) => c.number === n)?.text),
        );
        const referrers = demoCommitments
          .filter((c) => c.seeAlso?.includes(demo.number))
          .map((c) => c.number);
        expect(body.referencedBy.map((r) => r.number).sort()).toEqual(referrers.sort());
        const expected = demoActions.filter((a) => a.action.commitment === demo.number);
        expect(body.actions.map((a) => a.what).sort()).toEqual(expected.map((a) => a.action.what).sort());
        for (const action of body.actions)
          expect(action.commitment).toEqual({ id: body.id, number: body.number });
      }
    });

    it("GET /commitments/{id}: actions name their plan and leads", async () => {
      const busiest = demoCommitments
        .map((c) => ({ c, n: demoActions.filter((a) => a.action.commitment === c.number).length }))
        .sort((x, y) => y.n - x.n)[0]!;
      const body = await ok(
        `${API_PREFIX}/commitments/${commitmentA(busiest.c.number).id}`,
        CommitmentDetail,
      );
      expect(body.actions).toHaveLength(busiest.n);
      for (const action of body.actions) {
        const demo = demoActions.find((a) => a.action.what === action.what)!;
        expect(action.actionPlan.name).toBe(demo.plan.name);
        expect(action.leads.map((l) => l.name).sort()).toEqual(demo.action.leads.map(demoOrgName).sort());
      }
    });

    it("GET /action-plans: every plan, filterable by strategy", async () => {
      const all = await ok(`${API_PREFIX}/action-plans`, ActionPlanList);
      expect(all.actionPlans.map((p) => p.name)).toEqual(ashvale.actionPlans.map((p) => p.name));
      expect(all.actionPlans.map((p) => [p.startsOn, p.endsOn])).toEqual(
        ashvale.actionPlans.map((p) => [p.startsOn, p.endsOn]),
      );
      const filtered = await ok(`${API_PREFIX}/action-plans?strategyId=${strategyA.id}`, ActionPlanList);
      expect(filtered).toEqual(all);
      for (const plan of all.actionPlans) expect(plan.strategyId).toBe(strategyA.id);
    });

    it("GET /action-plans?strategyId=: 400 when not a number, 404 when not the partnership's", async () => {
      for (const bad of ["abc", "1.5", "-2", ""]) {
        const response = await request(`${API_PREFIX}/action-plans?strategyId=${bad}`, tokenA);
        expect(response.statusCode, bad).toBe(400);
        expect(response.json().error).toContain("strategyId");
      }
      const b = await ok(`${API_PREFIX}/strategies`, StrategyList, tokenB);
      await notFound(`${API_PREFIX}/action-plans?strategyId=${b.strategies[0]!.id}`);
    });

    it("GET /action-plans/{id}: the plan's table of actions with commitment, what, how, leads, target, due", async () => {
      const list = await ok(`${API_PREFIX}/action-plans`, ActionPlanList);
      for (const [i, summary] of list.actionPlans.entries()) {
        const demoPlan = ashvale.actionPlans[i]!;
        const body = await ok(`${API_PREFIX}/action-plans/${summary.id}`, ActionPlanDetail);
        expect(body).toMatchObject(summary);
        expect(body.strategy).toEqual({ id: strategyA.id, title: strategyA.title });
        expect(body.actionCount).toBe(demoPlan.actions.length);
        expect(body.actions).toHaveLength(demoPlan.actions.length);
        for (const action of body.actions) {
          const demo = demoPlan.actions.find((a) => a.what === action.what);
          expect(demo, action.what).toBeDefined();
          expect(action).toMatchObject({
            how: demo!.how,
            performanceTarget: demo!.performanceTarget,
            dueOn: demo!.dueOn ?? null,
            actionPlan: { id: summary.id, name: demoPlan.name },
            commitment: { id: commitmentA(demo!.commitment).id, number: demo!.commitment },
          });
          expect(action.leads.map((l) => l.name).sort()).toEqual(
            [...new Set(demo!.leads)].map(demoOrgName).sort(),
          );
          expect(action.priority?.number).toBe(demo!.commitment.split(".")[0]);
        }
        // In the table's order: by priority, then commitment.
        const order = body.actions.map((a) =>
          demoCommitments.findIndex((c) => c.number === a.commitment.number),
        );
        expect(order).toEqual([...order].sort((x, y) => x - y));
      }
    });

    it("GET /actions/{id}: an action with its milestones", async () => {
      const list = await ok(`${API_PREFIX}/action-plans`, ActionPlanList);
      const plan = await ok(`${API_PREFIX}/action-plans/${list.actionPlans[0]!.id}`, ActionPlanDetail);
      let withMilestones = 0;
      for (const row of plan.actions) {
        const body = await ok(`${API_PREFIX}/actions/${row.id}`, ActionDetail);
        const { milestones, createdAt, ...rest } = body;
        expect(rest).toEqual(row);
        expect(Date.parse(createdAt)).not.toBeNaN();
        const demo = demoActions.find((a) => a.action.what === row.what)!;
        expect(milestones.map(({ description, dueOn, done }) => ({ description, dueOn, done }))).toEqual(
          demo.action.milestones ?? [],
        );
        if (milestones.length > 0) withMilestones += 1;
      }
      expect(withMilestones).toBeGreaterThan(0);
    });
  });

  describe("isolation between partnerships", () => {
    it("a token sees only its own partnership", async () => {
      const body = await ok(`${API_PREFIX}/partnership`, Partnership, tokenB);
      expect(body).toEqual({
        id: partnershipB.id,
        slug: partnershipB.slug,
        name: partnershipB.name,
        areaName: partnershipB.areaName,
      });
      const strategies = await ok(`${API_PREFIX}/strategies`, StrategyList, tokenB);
      expect(strategies.strategies.map((s) => s.title)).toEqual([
        "Brookfield Domestic Abuse Strategy 2025–2028",
      ]);
      const plans = await ok(`${API_PREFIX}/action-plans`, ActionPlanList, tokenB);
      expect(plans.actionPlans.map((p) => p.name)).toEqual(["2025–26"]);
    });

    it("another partnership's strategy, commitment, plan and action ids are 404", async () => {
      const plans = await ok(`${API_PREFIX}/action-plans`, ActionPlanList);
      const plan = await ok(`${API_PREFIX}/action-plans/${plans.actionPlans[0]!.id}`, ActionPlanDetail);
      const commitmentId = commitmentA("2.2").id;
      await notFound(`${API_PREFIX}/strategies/${strategyA.id}`, tokenB);
      await notFound(`${API_PREFIX}/commitments/${commitmentId}`, tokenB);
      await notFound(`${API_PREFIX}/action-plans/${plan.id}`, tokenB);
      await notFound(`${API_PREFIX}/actions/${plan.actions[0]!.id}`, tokenB);
      await notFound(`${API_PREFIX}/action-plans?strategyId=${strategyA.id}`, tokenB);

      // And the other way round.
      const bStrategies = await ok(`${API_PREFIX}/strategies`, StrategyList, tokenB);
      const bStrategy = await ok(
        `${API_PREFIX}/strategies/${bStrategies.strategies[0]!.id}`,
        StrategyDetail,
        tokenB,
      );
      const bPlans = await ok(`${API_PREFIX}/action-plans`, ActionPlanList, tokenB);
      const bPlan = await ok(
        `${API_PREFIX}/action-plans/${bPlans.actionPlans[0]!.id}`,
        ActionPlanDetail,
        tokenB,
      );
      await notFound(`${API_PREFIX}/strategies/${bStrategy.id}`);
      await notFound(`${API_PREFIX}/commitments/${bStrategy.unassignedCommitments[0]!.id}`);
      await notFound(`${API_PREFIX}/action-plans/${bPlan.id}`);
      await notFound(`${API_PREFIX}/actions/${bPlan.actions[0]!.id}`);
    });

    it("a flat framework lists its recommendations as unassigned commitments", async () => {
      const list = await ok(`${API_PREFIX}/strategies`, StrategyList, tokenB);
      const body = await ok(`${API_PREFIX}/strategies/${list.strategies[0]!.id}`, StrategyDetail, tokenB);
      expect(body).toMatchObject({
        framework: "flat",
        itemLabel: "Recommendation",
        priorities: [],
        commitmentCount: 2,
      });
      expect(body.unassignedCommitments.map((c) => [c.number, c.priorityId, c.actionCount])).toEqual([
        ["1", null, 1],
        ["2", null, 0],
      ]);
      const [first, second] = body.unassignedCommitments;
      expect(second!.seeAlso).toEqual([{ id: first!.id, number: "1" }]);
      const detail = await ok(`${API_PREFIX}/commitments/${first!.id}`, CommitmentDetail, tokenB);
      expect(detail.priority).toBeNull();
      expect(detail.referencedBy.map((r) => r.number)).toEqual(["2"]);
      expect(detail.actions.map((a) => [a.what, a.priority, a.leads.map((l) => l.name)])).toEqual([
        ["Find a site for the refuge", null, ["Brookfield Council"]],
      ]);
      const action = await ok(`${API_PREFIX}/actions/${detail.actions[0]!.id}`, ActionDetail, tokenB);
      expect(action.milestones).toEqual([
        { id: action.milestones[0]!.id, description: "Survey done", dueOn: "2025-09-30", done: false },
      ]);
    });

    it("ids that are not whole numbers, or are out of range, are 404", async () => {
      for (const path of ["strategies", "commitments", "action-plans", "actions"]) {
        for (const id of [
          "abc",
          "1.5",
          "-1",
          "0",
          "0x10",
          "1e3",
          "9999999999",
          "99999999999999999999",
          "%20",
        ]) {
          await notFound(`${API_PREFIX}/${path}/${id}`);
        }
        await notFound(`${API_PREFIX}/${path}/999999999`);
      }
    });
  });

  describe("the OpenAPI document", () => {
    let doc: z.output<typeof OpenApiDocumentSchema> & {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
      components: {
        schemas: Record<string, unknown>;
        securitySchemes: Record<string, Record<string, unknown>>;
      };
      servers: { url: string }[];
    };

    beforeAll(async () => {
      doc = (await ok(`${API_PREFIX}/openapi.json`, OpenApiDocumentSchema)) as typeof doc;
    });

    it("is OpenAPI 3.1 with a bearer security scheme applied by default", () => {
      expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
      expect(doc.info.title).toBeTruthy();
      expect(doc.servers.map((s) => s.url)).toEqual([API_PREFIX]);
      expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
      expect(doc.security).toEqual([{ bearerAuth: [] }]);
      expect((doc.paths["/openapi.json"]?.get as { security?: unknown }).security).toEqual([]);
    });

    it("gives every operation a 200 JSON response whose schema is a component", () => {
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(item)) {
          const content = op.responses["200"]?.content?.["application/json"] as {
            schema?: { $ref?: string };
          };
          expect(content?.schema?.$ref, `${method} ${path}`).toMatch(/^#\/components\/schemas\//);
          if (path !== "/openapi.json") expect(op.responses["401"], `${method} ${path}`).toBeDefined();
          if (path.includes("{")) expect(op.responses["404"], `${method} ${path}`).toBeDefined();
        }
      }
    });

    it("has no dangling $ref and describes path parameters", () => {
      const text = JSON.stringify(doc);
      const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
      expect(refs.length).toBeGreaterThan(0);
      for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
      const strategyOp = doc.paths["/strategies/{id}"]?.get as unknown as { parameters: unknown[] };
      expect(strategyOp.parameters).toEqual([
        expect.objectContaining({
          name: "id",
          in: "path",
          required: true,
          schema: expect.objectContaining({ type: "integer" }),
        }),
      ]);
    });

    it("lists exactly the routes registered under /api/v1, each with the right access", async () => {
      // The same registration on a bare Fastify, recording each route as it is added.
      const routes: RouteOptions[] = [];
      const bare = Fastify({ logger: false });
      bare.addHook("onRoute", (route) => {
        routes.push(route);
      });
      await bare.register(async (scope) => registerApiRoutes(scope, t.services), { prefix: API_PREFIX });
      await bare.ready();
      await bare.close();

      const registered = routes
        .flatMap((r) =>
          (Array.isArray(r.method) ? r.method : [r.method]).map((m) => ({ method: m, url: r.url, r })),
        )
        .filter((r) => r.method !== "HEAD");
      const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${API_PREFIX}${fastifyPath(path)}`),
      );
      expect(registered.map((r) => `${r.method} ${r.url}`).sort()).toEqual(documented.sort());
      for (const { url, r } of registered) {
        expect(r.config?.access, url).toBe(url === `${API_PREFIX}/openapi.json` ? "public" : "api");
      }
      // And the whole application serves each of them.
      for (const entry of documented) {
        const [method, url] = entry.split(" ") as ["GET", string];
        expect(t.app.hasRoute({ method, url }), entry).toBe(true);
      }
    });
  });

  it("never sends password hashes, token hashes, tokens or internal partnership ids", () => {
    expect(bodies.length).toBeGreaterThan(50);
    for (const body of bodies) {
      expect(body).not.toContain("passwordHash");
      expect(body).not.toContain("tokenHash");
      expect(body).not.toContain("partnershipId");
      expect(body).not.toContain(tokenA);
      expect(body).not.toContain(tokenB);
    }
  });
});

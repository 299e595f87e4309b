import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actionPlans, actions, boards, commitments, memberships, organisations, priorities, strategies } from "../../src/db/schema.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, TestClient, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Walks every route × every role × ids of the partnership itself, of another partnership and of
// another organisation, and proves each forbidden case is refused (401/403/404) and changes nothing.
// A route added without a declared access level, or a POST route without a body here, fails the test.

type Role = "anonymous" | "viewer" | "leadEditor" | "otherEditor" | "admin";
const ROLES: Role[] = ["anonymous", "viewer", "leadEditor", "otherEditor", "admin"];

type Ids = Record<string, number>;

describe.each(testDatabaseKinds())("permission matrix (%s)", (kind) => {
  let t: TestApp;
  const clients = {} as Record<Role, TestClient>;
  let own: Ids;
  let foreign: Ids;
  let counter = 0;

  /** What proves "nothing changed": audit entries and every partnership's data version. */
  async function fingerprint() {
    const { rows } = await t.database.execute(
      "select (select count(*)::int from audit_log) as audit, (select coalesce(sum(data_version), 0)::int from partnerships) as versions, (select count(*)::int from users) as users",
    );
    return rows[0];
  }

  async function version(table: { id: unknown; version: unknown }, id: number): Promise<string> {
    const tbl = table as typeof strategies;
    const [row] = await t.database.db.select({ v: tbl.version }).from(tbl).where(eq(tbl.id, id));
    return String(row?.v ?? 1);
  }

  /** A valid body for each POST route, so a refusal proves the permission check, not validation. */
  const bodies: Record<string, (ids: Ids) => Promise<Record<string, string | string[]>>> = {
    "POST /sign-in": async () => ({ email: demoUser("viewer").email, password: "waymark-demo-password" }),
    "POST /sign-out": async () => ({}),
    "POST /p/:slug/strategies": async () => ({ title: `Strategy ${++counter}`, startYear: "2030", endYear: "2035", vision: "", framework: "priorities", itemLabel: "Commitment" }),
    "POST /p/:slug/strategies/:strategyId/edit": async (ids) => ({
      title: `Renamed ${++counter}`, startYear: "2024", endYear: "2029", vision: "v", framework: "priorities", itemLabel: "Commitment",
      version: await version(strategies, ids.strategyId!),
    }),
    "POST /p/:slug/strategies/:strategyId/priorities": async () => ({ number: `9${++counter}`, title: "New priority", outcome: "" }),
    "POST /p/:slug/priorities/:priorityId/edit": async (ids) => ({
      number: "1", title: `Priority ${++counter}`, outcome: "", version: await version(priorities, ids.priorityId!),
    }),
    "POST /p/:slug/strategies/:strategyId/commitments": async (ids) => ({ priorityId: String(ids.priorityId), number: `1.${50 + ++counter}`, text: "New commitment" }),
    "POST /p/:slug/commitments/:commitmentId/edit": async (ids) => {
      const [c] = await t.database.db.select().from(commitments).where(eq(commitments.id, ids.commitmentId!));
      return { priorityId: String(c?.priorityId ?? ""), number: c?.number ?? "x", text: `Changed ${++counter}`, version: String(c?.version) };
    },
    "POST /p/:slug/strategies/:strategyId/action-plans": async () => ({
      name: `Plan ${++counter}`, "startsOn-day": "1", "startsOn-month": "4", "startsOn-year": "2030", "endsOn-day": "31", "endsOn-month": "3", "endsOn-year": "2031",
    }),
    "POST /p/:slug/action-plans/:planId/edit": async (ids) => {
      const [p] = await t.database.db.select().from(actionPlans).where(eq(actionPlans.id, ids.planId!));
      const [y, m, d] = (p?.startsOn ?? "2024-04-01").split("-");
      const [ey, em, ed] = (p?.endsOn ?? "2025-03-31").split("-");
      return {
        name: `Plan ${++counter}`, "startsOn-day": String(d), "startsOn-month": String(m), "startsOn-year": String(y),
        "endsOn-day": String(ed), "endsOn-month": String(em), "endsOn-year": String(ey), version: String(p?.version),
      };
    },
    "POST /p/:slug/action-plans/:planId/actions": async (ids) => ({
      commitmentId: String(ids.commitmentId), what: `Action ${++counter}`, how: "", leadOrganisationIds: [String(ids.organisationId)], performanceTarget: "", closed: "no",
    }),
    "POST /p/:slug/actions/:actionId/edit": async (ids) => {
      const [a] = await t.database.db.select().from(actions).where(eq(actions.id, ids.actionId!));
      const leads = await t.database.db.select().from(actionLeads).where(eq(actionLeads.actionId, ids.actionId!));
      return {
        commitmentId: String(a?.commitmentId), what: `Edited ${++counter}`, how: a?.how ?? "", performanceTarget: "",
        leadOrganisationIds: leads.map((l) => String(l.organisationId)), closed: "no", version: String(a?.version),
      };
    },
    "POST /p/:slug/organisations": async () => ({ name: `Organisation ${++counter}`, kind: "Other" }),
    "POST /p/:slug/organisations/:organisationId/edit": async (ids) => {
      const [o] = await t.database.db.select().from(organisations).where(eq(organisations.id, ids.organisationId!));
      return { name: `${o?.name} ${++counter}`, kind: o?.kind || "Other", version: String(o?.version) };
    },
    "POST /p/:slug/people": async (ids) => ({
      email: `person${++counter}@matrix.example`, name: "Matrix Person", organisationId: String(ids.organisationId), role: "viewer", password: "",
    }),
    "POST /p/:slug/people/:userId/edit": async (ids) => {
      const [m] = await t.database.db.select().from(memberships).where(eq(memberships.userId, ids.userId!));
      return { name: `Renamed ${++counter}`, organisationId: String(m?.organisationId), role: m?.role ?? "viewer", version: String(m?.version) };
    },
    "POST /p/:slug/boards": async () => ({ name: `Board ${++counter}`, description: "", parentBoardId: "", meetingDates: "" }),
    "POST /p/:slug/boards/:boardId/edit": async (ids) => {
      const [b] = await t.database.db.select().from(boards).where(eq(boards.id, ids.boardId!));
      return { name: `Board ${++counter}`, description: "", parentBoardId: "", meetingDates: "", version: String(b?.version) };
    },
  };

  function fill(url: string, ids: Ids, slug: string): string {
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (name === "slug") return slug;
      const id = ids[name];
      if (id === undefined) throw new Error(`the matrix has no id for :${name} (${url}); add one`);
      return String(id);
    });
  }

  async function buildPartnershipB(): Promise<Ids> {
    const services = t.services;
    const cli = systemActor("test");
    const b = await services.partnerships.create(cli, { slug: "brookfield", name: "Brookfield", areaName: "Brookfield" });
    const actor: Actor = systemActor("test", b.id);
    const org = await services.organisations.create(actor, { name: "Brookfield Police", kind: "Police" });
    const strategy = await services.strategies.create(actor, { title: "B strategy", startYear: 2024, endYear: 2029, vision: "", framework: "priorities", itemLabel: "Commitment" });
    const priority = await services.strategies.createPriority(actor, strategy.id, { number: "1", title: "P", outcome: "" });
    const commitment = await services.strategies.createCommitment(actor, strategy.id, { priorityId: priority.id, number: "1.1", text: "C", seeAlso: [] });
    const plan = await services.actionPlans.create(actor, strategy.id, { name: "2024–25", startsOn: "2024-04-01", endsOn: "2025-03-31" });
    const action = await services.actionPlans.createAction(actor, plan.id, {
      commitmentId: commitment.id, what: "B action", how: "", leadOrganisationIds: [org.id], performanceTarget: "", dueOn: null, closed: false, milestones: [],
    });
    const board = await services.boards.create(actor, { name: "B board", description: "", parentBoardId: null, meetingDates: [] });
    const person = await services.people.add(actor, { email: "b@brookfield.example", name: "B Person", organisationId: org.id, role: "viewer" }, "brookfield-password");
    return {
      strategyId: strategy.id, priorityId: priority.id, commitmentId: commitment.id, planId: plan.id, actionId: action.id,
      organisationId: org.id, boardId: board.id, userId: person.user.id,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    const police = demoUser("editor", "police");
    const other = t.services.config && demoUser("editor", "specialist");
    const [leadOrg] = await db
      .select({ id: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, sql`(select id from users where email = ${police.email})`));
    const [ledAction] = await db
      .select({ id: actions.id, commitmentId: actions.commitmentId, planId: actions.actionPlanId })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .where(and(eq(actionLeads.organisationId, leadOrg!.id)))
      .limit(1);
    const [commitment] = await db.select().from(commitments).where(eq(commitments.id, ledAction!.commitmentId));
    const [board] = await db.select().from(boards).limit(1);
    const [viewerRow] = await db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.role, "viewer")).limit(1);
    own = {
      strategyId: commitment!.strategyId, priorityId: commitment!.priorityId!, commitmentId: commitment!.id, planId: ledAction!.planId,
      actionId: ledAction!.id, organisationId: leadOrg!.id, boardId: board!.id, userId: viewerRow!.id,
    };
    foreign = await buildPartnershipB();
    for (const role of ROLES) clients[role] = new TestClient(t.app);
    await clients.viewer.signIn(demoUser("viewer").email);
    await clients.leadEditor.signIn(police.email);
    await clients.otherEditor.signIn(other.email);
    await clients.admin.signIn(demoUser("admin").email);
  });
  afterAll(async () => t?.close());

  const tenantRoutes = () =>
    t.app.routeTable.filter((r) => r.url.startsWith("/p/:slug") && ["GET", "POST"].includes(r.method));

  it("declares an access level on every route", () => {
    const undeclared = t.app.routeTable.filter((r) => !r.access && !r.url.startsWith("/public/") && !r.url.startsWith("/assets/"));
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it("has a body for every POST route", () => {
    const missing = t.app.routeTable.filter((r) => r.method === "POST" && !r.url.startsWith("/api/") && !bodies[`${r.method} ${r.url}`]);
    expect(missing.map((r) => r.url)).toEqual([]);
  });

  /** Expected status for a role on one of its own partnership's routes. */
  function expected(route: { method: string; url: string; access?: string }, role: Role): number {
    if (role === "anonymous") return route.method === "GET" ? 303 : 401;
    const isActionEdit = route.url.startsWith("/p/:slug/actions/:actionId/edit");
    const allowed =
      route.access === "admin" ? role === "admin" : isActionEdit ? role === "admin" || role === "leadEditor" : true;
    if (!allowed) return 403;
    return route.method === "GET" ? 200 : 303;
  }

  it("answers every role on its own partnership's routes as the permission model says", async () => {
    const failures: string[] = [];
    for (const route of tenantRoutes()) {
      for (const role of ROLES) {
        const url = fill(route.url, own, "ashvale");
        const want = expected(route, role);
        const before = await fingerprint();
        const response =
          route.method === "GET"
            ? await clients[role].get(url)
            : await clients[role].post(url, await bodies[`POST ${route.url}`]!(own));
        if (response.statusCode !== want) failures.push(`${role} ${route.method} ${url}: ${response.statusCode}, expected ${want}`);
        if (route.method === "POST" && want !== 303) {
          const after = await fingerprint();
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${role} ${route.method} ${url} changed data`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("answers 404 for another partnership's ids and slug, for every role, and changes nothing", async () => {
    const failures: string[] = [];
    for (const route of tenantRoutes()) {
      const hasIds = /:(?!slug)\w+/.test(route.url);
      const cases = [
        ...(hasIds ? [{ url: fill(route.url, foreign, "ashvale"), ids: foreign }] : []),
        { url: fill(route.url, own, "brookfield"), ids: own },
      ];
      for (const c of cases) {
        for (const role of ROLES.filter((r) => r !== "anonymous")) {
          const before = await fingerprint();
          const response =
            route.method === "GET"
              ? await clients[role].get(c.url)
              : await clients[role].post(c.url, await bodies[`POST ${route.url}`]!(c.ids));
          const acceptable = role === "admin" || route.access !== "admin" ? [404] : [403, 404];
          if (!acceptable.includes(response.statusCode)) failures.push(`${role} ${route.method} ${c.url}: ${response.statusCode}`);
          const after = await fingerprint();
          if (JSON.stringify(after) !== JSON.stringify(before)) failures.push(`${role} ${route.method} ${c.url} changed data`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("refuses an editor's change to an action another organisation leads, and keeps it unchanged", async () => {
    const [before] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    const response = await clients.otherEditor.post(`/p/ashvale/actions/${own.actionId}/edit`, await bodies["POST /p/:slug/actions/:actionId/edit"]!(own));
    expect(response.statusCode).toBe(403);
    const [after] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    expect(after).toEqual(before);
  });

  it("lets a lead editor change the wording of their action but not who leads it", async () => {
    const body = await bodies["POST /p/:slug/actions/:actionId/edit"]!(own);
    const [someOtherOrg] = await t.database.db.select().from(organisations).where(sql`${organisations.id} <> ${own.organisationId} and ${organisations.partnershipId} = (select partnership_id from organisations where id = ${own.organisationId})`).limit(1);
    const response = await clients.leadEditor.post(`/p/ashvale/actions/${own.actionId}/edit`, { ...body, what: "Editor's wording", leadOrganisationIds: [String(someOtherOrg!.id)] });
    expect(response.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    expect(after?.what).toBe("Editor's wording");
    const leads = await t.database.db.select().from(actionLeads).where(eq(actionLeads.actionId, own.actionId!));
    expect(leads.map((l) => l.organisationId)).toContain(own.organisationId);
    expect(leads.map((l) => l.organisationId)).not.toContain(someOtherOrg!.id);
  });
});

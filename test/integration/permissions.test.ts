import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  commitments,
  indicatorDefinitionNotes,
  mailOutbox,
  memberships,
  organisations,
  partnerships,
  priorities,
  ratingOverrides,
  rounds,
  strategies,
  updates,
  users,
} from "../../src/db/schema.ts";
import { boardPapers, boardSummaries } from "../../src/db/schema-board-papers.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { NotFoundError } from "../../src/services/errors.ts";
import type { ImportTarget } from "../../src/services/import-service.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { csvOf } from "../support/import-files.ts";
import { commissioningMatrixBodies, commissioningMatrixIds } from "./commissioning-matrix.ts";
import {
  FUNDING_LEAD_ONLY,
  fundingMatrixBodies,
  fundingMatrixIds,
  fundingMatrixUploads,
} from "./funding-matrix.ts";
import { fundingReportsMatrixBodies, fundingReportsMatrixIds } from "./funding-reports-matrix.ts";
import { governanceBoardsMatrixBodies, governanceBoardsMatrixIds } from "./governance-boards-matrix.ts";
import { governanceForwardMatrixBodies, governanceForwardMatrixIds } from "./governance-forward-matrix.ts";
import {
  GOVERNANCE_MEETINGS_OWNER_ROUTES,
  governanceMeetingsMatrixBodies,
  governanceMeetingsMatrixIds,
} from "./governance-meetings-matrix.ts";
import { governancePacksMatrixBodies, governancePacksMatrixIds } from "./governance-packs-matrix.ts";
import { indicatorMatrixBodies, indicatorMatrixIds } from "./indicator-matrix.ts";
import { regionAssessmentsMatrixBodies, regionAssessmentsMatrixIds } from "./region-assessments-matrix.ts";
import { regionSharingMatrixBodies } from "./region-people-matrix.ts";
import { regionProjectsMatrixBodies, regionProjectsMatrixIds } from "./region-projects-matrix.ts";
import { regionStandardsMatrixBodies, regionStandardsMatrixIds } from "./region-standards-matrix.ts";

// Walks every route × every role × ids of the partnership itself, of another partnership and of
// another organisation, and proves each forbidden case is refused (401/403/404) and changes nothing.
// A route added without a declared access level, or a POST route without a body here, fails the test.

type Role = "anonymous" | "viewer" | "leadEditor" | "otherEditor" | "admin";
const ROLES: Role[] = ["anonymous", "viewer", "leadEditor", "otherEditor", "admin"];

type Ids = Record<string, number>;
/**
 * Not a time limit on Waymark: room for a walk of every route × role (a few thousand requests) when
 * the suite shares the machine with other work.
 */
const WALK_TIMEOUT = 300_000;

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

  async function roundInState(id: number, status: "open" | "closed") {
    const [r] = await t.database.db.update(rounds).set({ status }).where(eq(rounds.id, id)).returning();
    return r!;
  }

  async function updateSubmitted(id: number) {
    const [u] = await t.database.db
      .update(updates)
      .set({ status: "submitted" })
      .where(eq(updates.id, id))
      .returning();
    return u!;
  }

  /** A round asking about `actionId`, with a submitted update on it. */
  async function roundWithUpdate(actor: Actor, planId: number, actionId: number) {
    const today = ukDateOf(new Date());
    const { round } = await t.services.rounds.open(actor, {
      actionPlanId: planId,
      name: "Matrix Q1",
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
      deadline: addDays(today, 30),
      graceDays: 5,
      reminderDaysBefore: 7,
      actionIds: [actionId],
    });
    const update = await t.services.updates.save(
      actor,
      round.id,
      actionId,
      null,
      {
        rating: "green",
        narrative: "On track",
        remedy: "",
        toNote: "",
        evidenceLinks: [],
      },
      "submit",
    );
    return { roundId: round.id, updateId: update.id };
  }

  /** A mail in a partnership's outbox, for /outbox/:mailId. */
  async function outboxMail(partnershipId: number, slug: string): Promise<number> {
    const [row] = await t.database.db
      .insert(mailOutbox)
      .values({
        partnershipId,
        dedupeKey: `matrix:${slug}`,
        kind: "reminder-due-today",
        toAddress: `editor@${slug}.example`,
        subject: "Matrix updates are due today",
        textBody: "Hello,\n\nMatrix updates are due today.\n",
      })
      .returning({ id: mailOutbox.id });
    return row!.id;
  }

  /** A definition note on an indicator, for /indicator-notes/:noteId/redact. */
  async function definitionNote(actor: Actor, indicatorId: number): Promise<number> {
    const row = await t.services.indicators.addNote(actor, indicatorId, {
      changedOn: "2024-04-01",
      note: "The matrix notes a change of definition",
    });
    return row.id;
  }

  /** An override of a commitment's rating, for /overrides/:overrideId/redact. */
  async function ratingOverride(actor: Actor, commitmentId: number): Promise<number> {
    const row = await t.services.ratings.override(actor, commitmentId, {
      rating: "amber",
      reason: "The matrix overrides this rating",
    });
    return row.id;
  }

  /** A valid body for each POST route, so a refusal proves the permission check, not validation. */
  const bodies: Record<string, (ids: Ids) => Promise<Record<string, string | string[]>>> = {
    "POST /sign-in": async () => ({ email: demoUser("viewer").email, password: "waymark-demo-password" }),
    "POST /sign-out": async () => ({}),
    "POST /account/name": async () => ({ name: `Matrix Name ${++counter}` }),
    // Two-factor and sessions (issue 17): none of the matrix's people has two-factor on, and the
    // session named is nobody's, so the matrix's own sessions stay signed in.
    "POST /sign-in/two-factor": async () => ({ code: "000000" }),
    "POST /account/two-factor/set-up": async () => ({ code: "000000" }),
    "POST /account/two-factor/turn-off": async () => ({ code: "000000" }),
    "POST /account/sessions/sign-out": async () => ({ session: "0".repeat(64) }),
    "POST /account/sessions/sign-out-others": async () => ({}),
    "POST /p/:slug/people/:userId/two-factor/reset": async () => ({}),
    "POST /account/password": async () => ({
      currentPassword: "waymark-demo-password",
      newPassword: "kettle orbit lantern",
    }),
    "POST /p/:slug/strategies": async () => ({
      title: `Strategy ${++counter}`,
      startYear: "2030",
      endYear: "2035",
      vision: "",
      framework: "priorities",
      itemLabel: "Commitment",
    }),
    "POST /p/:slug/strategies/:strategyId/edit": async (ids) => ({
      title: `Renamed ${++counter}`,
      startYear: "2024",
      endYear: "2029",
      vision: "v",
      framework: "priorities",
      itemLabel: "Commitment",
      version: await version(strategies, ids.strategyId!),
    }),
    "POST /p/:slug/strategies/:strategyId/priorities": async () => ({
      number: `9${++counter}`,
      title: "New priority",
      outcome: "",
    }),
    "POST /p/:slug/priorities/:priorityId/edit": async (ids) => {
      // Keep the priority's own number: another priority's would be refused as a duplicate (400).
      const [p] = await t.database.db.select().from(priorities).where(eq(priorities.id, ids.priorityId!));
      return {
        number: p?.number ?? "1",
        title: `Priority ${++counter}`,
        outcome: "",
        version: String(p?.version ?? 1),
      };
    },
    "POST /p/:slug/strategies/:strategyId/commitments": async (ids) => ({
      priorityId: String(ids.priorityId),
      number: `1.${50 + ++counter}`,
      text: "New commitment",
    }),
    "POST /p/:slug/commitments/:commitmentId/edit": async (ids) => {
      const [c] = await t.database.db.select().from(commitments).where(eq(commitments.id, ids.commitmentId!));
      return {
        priorityId: String(c?.priorityId ?? ""),
        number: c?.number ?? "x",
        text: `Changed ${++counter}`,
        version: String(c?.version),
      };
    },
    "POST /p/:slug/commitments/:commitmentId/rating": async () => ({
      rating: "red",
      reason: `The matrix overrides this rating ${++counter}`,
    }),
    "POST /p/:slug/strategies/:strategyId/action-plans": async () => ({
      name: `Plan ${++counter}`,
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2030",
      "endsOn-day": "31",
      "endsOn-month": "3",
      "endsOn-year": "2031",
    }),
    "POST /p/:slug/action-plans/:planId/edit": async (ids) => {
      const [p] = await t.database.db.select().from(actionPlans).where(eq(actionPlans.id, ids.planId!));
      const [y, m, d] = (p?.startsOn ?? "2024-04-01").split("-");
      const [ey, em, ed] = (p?.endsOn ?? "2025-03-31").split("-");
      return {
        name: `Plan ${++counter}`,
        "startsOn-day": String(d),
        "startsOn-month": String(m),
        "startsOn-year": String(y),
        "endsOn-day": String(ed),
        "endsOn-month": String(em),
        "endsOn-year": String(ey),
        version: String(p?.version),
      };
    },
    "POST /p/:slug/action-plans/:planId/actions": async (ids) => ({
      commitmentId: String(ids.commitmentId),
      what: `Action ${++counter}`,
      how: "",
      leadOrganisationIds: [String(ids.organisationId)],
      performanceTarget: "",
      closed: "no",
    }),
    "POST /p/:slug/actions/:actionId/edit": async (ids) => {
      const [a] = await t.database.db.select().from(actions).where(eq(actions.id, ids.actionId!));
      const leads = await t.database.db
        .select()
        .from(actionLeads)
        .where(eq(actionLeads.actionId, ids.actionId!));
      return {
        commitmentId: String(a?.commitmentId),
        what: `Edited ${++counter}`,
        how: a?.how ?? "",
        performanceTarget: "",
        leadOrganisationIds: leads.map((l) => String(l.organisationId)),
        closed: "no",
        version: String(a?.version),
      };
    },
    // Update rounds and updates. Each body first puts the record in the state the action needs (an
    // open round to close, a closed one to reopen, a submitted update to review), straight in the
    // database, which the fingerprint does not see, so every role meets the same starting point.
    "POST /p/:slug/rounds/new": async (ids) => {
      const deadline = addDays(ukDateOf(new Date()), 30).split("-");
      return {
        actionPlanId: String(ids.planId),
        name: `Matrix round ${++counter}`,
        "periodStart-day": "1",
        "periodStart-month": "4",
        "periodStart-year": "2025",
        "periodEnd-day": "30",
        "periodEnd-month": "6",
        "periodEnd-year": "2025",
        "deadline-day": String(Number(deadline[2])),
        "deadline-month": String(Number(deadline[1])),
        "deadline-year": String(deadline[0]),
        graceDays: "5",
        reminderDaysBefore: "7",
        actionIds: [String(ids.actionId)],
      };
    },
    "POST /p/:slug/rounds/:roundId/extend": async (ids) => {
      const r = await roundInState(ids.roundId!, "open");
      const [y, m, d] = addDays(r.deadline, 1).split("-");
      return {
        "deadline-day": String(Number(d)),
        "deadline-month": String(Number(m)),
        "deadline-year": String(y),
        graceDays: "5",
        version: String(r.version),
      };
    },
    "POST /p/:slug/rounds/:roundId/close": async (ids) => ({
      version: String((await roundInState(ids.roundId!, "open")).version),
    }),
    "POST /p/:slug/rounds/:roundId/reopen": async (ids) => ({
      version: String((await roundInState(ids.roundId!, "closed")).version),
    }),
    "POST /p/:slug/rounds/:roundId/actions/:actionId/update": async (ids) => {
      await roundInState(ids.roundId!, "open");
      const [u] = await t.database.db
        .update(updates)
        .set({ status: "draft" })
        .where(and(eq(updates.roundId, ids.roundId!), eq(updates.actionId, ids.actionId!)))
        .returning();
      return {
        intent: "draft",
        rating: "green",
        narrative: `Matrix draft ${++counter}`,
        version: u ? String(u.version) : "",
      };
    },
    "POST /p/:slug/updates/:updateId/accept": async (ids) => ({
      version: String((await updateSubmitted(ids.updateId!)).version),
    }),
    "POST /p/:slug/updates/:updateId/return": async (ids) => ({
      version: String((await updateSubmitted(ids.updateId!)).version),
      comment: `Please add the figures ${++counter}`,
    }),
    // The public site's approvals (issue 17): a section approved, withdrawn; the pages switched on.
    "POST /p/:slug/manage/publication/site": async () => ({ enabled: "yes" }),
    "POST /p/:slug/manage/publication/approve": async () => ({ kind: "strategy", id: "0" }),
    "POST /p/:slug/manage/publication/withdraw": async () => ({ kind: "strategy", id: "0" }),
    // Redaction: the passage is put into the record first, so the coordinator's redaction can succeed.
    "POST /p/:slug/updates/:updateId/redact": async (ids) => {
      const n = ++counter;
      await t.database.db
        .update(updates)
        .set({ narrative: `Matrix passage ${n} to remove` })
        .where(eq(updates.id, ids.updateId!));
      return { field: "narrative", passage: `passage ${n}`, reason: "Matrix reason", step: "confirm" };
    },
    "POST /p/:slug/indicator-notes/:noteId/redact": async (ids) => {
      const n = ++counter;
      await t.database.db
        .update(indicatorDefinitionNotes)
        .set({ note: `Matrix passage ${n} to remove` })
        .where(eq(indicatorDefinitionNotes.id, ids.noteId!));
      return { field: "note", passage: `passage ${n}`, reason: "Matrix reason", step: "confirm" };
    },
    "POST /p/:slug/overrides/:overrideId/redact": async (ids) => {
      const n = ++counter;
      await t.database.db
        .update(ratingOverrides)
        .set({ reason: `Matrix passage ${n} to remove` })
        .where(eq(ratingOverrides.id, ids.overrideId!));
      return { field: "reason", passage: `passage ${n}`, reason: "Matrix reason", step: "confirm" };
    },
    "POST /p/:slug/organisations": async () => ({ name: `Organisation ${++counter}`, kind: "Other" }),
    "POST /p/:slug/organisations/:organisationId/edit": async (ids) => {
      const [o] = await t.database.db
        .select()
        .from(organisations)
        .where(eq(organisations.id, ids.organisationId!));
      return { name: `${o?.name} ${++counter}`, kind: o?.kind || "Other", version: String(o?.version) };
    },
    "POST /p/:slug/people": async (ids) => ({
      email: `person${++counter}@matrix.example`,
      name: "Matrix Person",
      organisationId: String(ids.organisationId),
      role: "viewer",
      password: "",
    }),
    "POST /p/:slug/people/:userId/edit": async (ids) => {
      const [m] = await t.database.db.select().from(memberships).where(eq(memberships.userId, ids.userId!));
      return {
        name: `Renamed ${++counter}`,
        organisationId: String(m?.organisationId),
        role: m?.role ?? "viewer",
        version: String(m?.version),
      };
    },
    // The board paper: the strategy's covering report at its current version (none at first), and
    // one commitment's board summary for a year.
    "POST /p/:slug/reports/:report/paper": async (ids) => {
      const [paper] = await t.database.db
        .select()
        .from(boardPapers)
        .where(
          and(eq(boardPapers.reportKind, "strategy-review"), eq(boardPapers.subjectId, ids.strategyId!)),
        );
      return {
        subject: String(ids.strategyId),
        version: paper ? String(paper.version) : "",
        purpose: `Purpose ${++counter}`,
      };
    },
    "POST /p/:slug/strategies/:strategyId/board-summaries": async (ids) => {
      const [summary] = await t.database.db
        .select()
        .from(boardSummaries)
        .where(and(eq(boardSummaries.commitmentId, ids.commitmentId!), eq(boardSummaries.yearStart, 2025)));
      return {
        year: "2025",
        [`summary-${ids.commitmentId}`]: `Summary ${++counter}`,
        [`version-${ids.commitmentId}`]: summary ? String(summary.version) : "",
      };
    },
  };

  // Imports. The upload routes take a file (multipart): each gets a real file a coordinator could
  // import. The confirm routes post the signed preview of such a file, made for the coordinator.
  async function importFiles(ids: Ids) {
    const [c] = await t.database.db.select().from(commitments).where(eq(commitments.id, ids.commitmentId!));
    const [o] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.id, ids.organisationId!));
    const n = ++counter;
    return {
      plan: csvOf([
        ["Commitment", "What we will do", "Who will lead"],
        [c?.number ?? "1.1", `Imported action ${n}`, o?.name ?? "Police"],
      ]),
      framework: csvOf([
        ["Number", "Commitment"],
        [`6.${300 + n}`, `Imported commitment ${n}`],
      ]),
    };
  }

  const uploads: Record<
    string,
    (ids: Ids) => Promise<{ filename: string; content: Buffer; fields?: Record<string, string> }>
  > = {
    "POST /p/:slug/action-plans/:planId/import": async (ids) => ({
      filename: "plan.csv",
      content: (await importFiles(ids)).plan,
    }),
    "POST /p/:slug/strategies/:strategyId/import": async (ids) => ({
      filename: "framework.csv",
      content: (await importFiles(ids)).framework,
    }),
    // Imports that create their plan or strategy (issue 12).
    "POST /p/:slug/action-plans/import": async (ids) => ({
      filename: "plan.csv",
      content: (await importFiles(ids)).plan,
      fields: { strategy: String(ids.strategyId), period: "2040-41" },
    }),
    "POST /p/:slug/strategies/import": async (ids) => ({
      filename: "framework.csv",
      content: (await importFiles(ids)).framework,
      fields: { title: "Imported strategy", period: "2030-2035" },
    }),
  };

  /** The coordinator's signed preview of a valid file, or a placeholder for another partnership's ids. */
  async function importToken(target: ImportTarget, file: Buffer): Promise<string> {
    const [admin] = await t.database.db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(eq(memberships.userId, sql`(select id from users where email = ${demoUser("admin").email})`));
    const actor = await t.services.auth.memberActor(admin!.id, "ashvale");
    try {
      return (
        (await t.services.imports.preview(actor!, target, { filename: "file.csv", data: file })).token ?? ""
      );
    } catch (error) {
      if (error instanceof NotFoundError) return "another-partnership";
      throw error;
    }
  }

  Object.assign(bodies, {
    "POST /p/:slug/action-plans/:planId/import/confirm": async (ids: Ids) => ({
      token: await importToken(
        { kind: "action-plan", actionPlanId: ids.planId! },
        (await importFiles(ids)).plan,
      ),
    }),
    "POST /p/:slug/action-plans/import/confirm": async (ids: Ids) => ({
      token: await importToken(
        { kind: "action-plan", createPlan: { strategyId: ids.strategyId!, startYear: 2040 } },
        (await importFiles(ids)).plan,
      ),
      strategy: String(ids.strategyId),
      period: "2040-41",
    }),
    "POST /p/:slug/strategies/import/confirm": async () => ({
      token: await importToken(
        { kind: "framework", createStrategy: { title: "Imported strategy", startYear: 2030, endYear: 2035 } },
        csvOf([
          ["Number", "Recommendation"],
          [String(++counter), `Imported recommendation ${counter}`],
        ]),
      ),
      title: "Imported strategy",
      period: "2030-2035",
    }),
    "POST /p/:slug/strategies/:strategyId/import/confirm": async (ids: Ids) => ({
      token: await importToken(
        { kind: "framework", strategyId: ids.strategyId! },
        (await importFiles(ids)).framework,
      ),
    }),
  });

  // Boards, seats, meetings and attendance (issue 13, part A).
  Object.assign(
    bodies,
    governanceBoardsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Key statistics (indicators, figures, templates, areas, the published preview, imports).
  Object.assign(
    bodies,
    indicatorMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );
  // Governance meetings (agenda, minutes, decisions, meeting actions and their owners' updates).
  Object.assign(
    bodies,
    governanceMeetingsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Funding (streams, contributions, allocations, spend, the import).
  Object.assign(
    bodies,
    fundingMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // The contract register and the Part 4 return.
  Object.assign(
    bodies,
    commissioningMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );
  Object.assign(uploads, fundingMatrixUploads());

  // Governance part C: the forward plan and context items.
  Object.assign(
    bodies,
    governanceForwardMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Meeting packs (the draft, publishing, the frozen page and Word file).
  Object.assign(
    bodies,
    governancePacksMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Money reports (no POST routes; their pages need money to show).
  Object.assign(
    bodies,
    fundingReportsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Regional projects (the partnership's side; the host coordinator links its actions).
  Object.assign(
    bodies,
    regionProjectsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // What the partnership shares with its region (issue 15).
  Object.assign(
    bodies,
    regionSharingMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Quality standards a partnership adopts for itself (issue 15).
  Object.assign(
    bodies,
    regionStandardsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  // Self-assessment against a standard, the partnership's side (issue 15).
  Object.assign(
    bodies,
    regionAssessmentsMatrixBodies(
      () => t,
      () => ++counter,
    ),
  );

  /** Sends a route's request as a browser would: a page, a form, or a file upload. */
  async function send(client: TestClient, route: { method: string; url: string }, url: string, ids: Ids) {
    if (route.method === "GET") return client.get(url);
    const upload = uploads[`POST ${route.url}`];
    if (upload) {
      const { fields = {}, ...file } = await upload(ids);
      return client.postMultipart(url, fields, file);
    }
    return client.post(url, await bodies[`POST ${route.url}`]!(ids));
  }

  function fill(url: string, ids: Ids, slug: string): string {
    return url.replace(/:(\w+)/g, (_, name: string) => {
      if (name === "slug") return slug;
      if (name === "report") return "strategy-review"; // a report's name, not an id
      const id = ids[name];
      if (id === undefined) throw new Error(`the matrix has no id for :${name} (${url}); add one`);
      return String(id);
    });
  }

  async function buildPartnershipB(): Promise<Ids> {
    const services = t.services;
    const cli = systemActor("test");
    const b = await services.partnerships.create(cli, {
      slug: "brookfield",
      name: "Brookfield",
      areaName: "Brookfield",
    });
    const actor: Actor = systemActor("test", b.id);
    const org = await services.organisations.create(actor, { name: "Brookfield Police", kind: "Police" });
    const strategy = await services.strategies.create(actor, {
      title: "B strategy",
      startYear: 2024,
      endYear: 2029,
      vision: "",
      framework: "priorities",
      itemLabel: "Commitment",
    });
    const priority = await services.strategies.createPriority(actor, strategy.id, {
      number: "1",
      title: "P",
      outcome: "",
    });
    const commitment = await services.strategies.createCommitment(actor, strategy.id, {
      priorityId: priority.id,
      number: "1.1",
      text: "C",
      seeAlso: [],
    });
    const plan = await services.actionPlans.create(actor, strategy.id, {
      name: "2024–25",
      startsOn: "2024-04-01",
      endsOn: "2025-03-31",
    });
    const action = await services.actionPlans.createAction(actor, plan.id, {
      commitmentId: commitment.id,
      what: "B action",
      how: "",
      leadOrganisationIds: [org.id],
      performanceTarget: "",
      dueOn: null,
      closed: false,
      milestones: [],
    });
    const person = await services.people.add(
      actor,
      { email: "b@brookfield.example", name: "B Person", organisationId: org.id, role: "viewer" },
      "brookfield-password",
    );
    await services.people.add(
      actor,
      { email: "admin@brookfield.example", name: "B Admin", organisationId: org.id, role: "admin" },
      "kettle orbit lantern",
    );
    const { roundId, updateId } = await roundWithUpdate(actor, plan.id, action.id);
    const mailId = await outboxMail(b.id, "brookfield");
    const overrideId = await ratingOverride(actor, commitment.id);
    const indicatorIds: Ids = await indicatorMatrixIds(t, actor);
    // The board first: the forward plan's ids need a board of the partnership to route from.
    const boardIds = await governanceBoardsMatrixIds(t, actor);
    return {
      partnershipId: b.id,
      strategyId: strategy.id,
      priorityId: priority.id,
      commitmentId: commitment.id,
      planId: plan.id,
      actionId: action.id,
      organisationId: org.id,
      userId: person.user.id,
      roundId,
      updateId,
      mailId,
      overrideId,
      ...indicatorIds,
      ...(await fundingReportsMatrixIds(t, actor)),
      noteId: await definitionNote(actor, indicatorIds.indicatorId!),
      ...(await governancePacksMatrixIds(t, actor)),
      ...(await governanceForwardMatrixIds(t, actor)),
      ...(await governanceMeetingsMatrixIds(t, actor)),
      ...boardIds,
      ...(await fundingMatrixIds(t, actor, action.id)),
      ...(await commissioningMatrixIds(t, actor, true)),
      ...(await regionProjectsMatrixIds(t, actor)),
      ...(await regionStandardsMatrixIds(t, actor)),
      ...(await regionAssessmentsMatrixIds(t, actor)),
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
    const [commitment] = await db
      .select()
      .from(commitments)
      .where(eq(commitments.id, ledAction!.commitmentId));
    const [viewerRow] = await db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(eq(memberships.role, "viewer"))
      .limit(1);
    own = {
      strategyId: commitment!.strategyId,
      priorityId: commitment!.priorityId!,
      commitmentId: commitment!.id,
      planId: ledAction!.planId,
      actionId: ledAction!.id,
      organisationId: leadOrg!.id,
      userId: viewerRow!.id,
    };
    const ashvaleId = (
      await db
        .select({ id: actionPlans.partnershipId })
        .from(actionPlans)
        .where(eq(actionPlans.id, ledAction!.planId))
    )[0]!.id;
    Object.assign(
      own,
      await roundWithUpdate(systemActor("test", ashvaleId), ledAction!.planId, ledAction!.id),
    );
    own.mailId = await outboxMail(ashvaleId, "ashvale");
    own.overrideId = await ratingOverride(systemActor("test", ashvaleId), own.commitmentId!);
    Object.assign(own, await indicatorMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, await fundingReportsMatrixIds(t, systemActor("test", ashvaleId)));
    own.noteId = await definitionNote(systemActor("test", ashvaleId), own.indicatorId!);
    Object.assign(own, await governancePacksMatrixIds(t, systemActor("test", ashvaleId)));
    const ownBoardIds = await governanceBoardsMatrixIds(t, systemActor("test", ashvaleId));
    Object.assign(own, await governanceForwardMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, await governanceMeetingsMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, ownBoardIds);
    Object.assign(own, await fundingMatrixIds(t, systemActor("test", ashvaleId), own.actionId!));
    Object.assign(own, await commissioningMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, await regionProjectsMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, await regionStandardsMatrixIds(t, systemActor("test", ashvaleId)));
    Object.assign(own, await regionAssessmentsMatrixIds(t, systemActor("test", ashvaleId)));
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
    const undeclared = t.app.routeTable.filter(
      (r) => !r.access && !r.url.startsWith("/public/") && !r.url.startsWith("/assets/"),
    );
    expect(undeclared.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  // The public site (issue 17): its routes are for anyone, and a partnership whose public pages are
  // off (Brookfield's, and any unknown slug) is not found whoever asks. What they show once on is
  // public-site.test.ts's.
  it("declares every /public/:slug route public, and answers 404 while the pages are off", async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith("/public/:slug"));
    expect(routes.length).toBeGreaterThan(5);
    expect(routes.filter((r) => r.access !== "public" || r.method !== "GET").map((r) => r.url)).toEqual([]);
    const failures: string[] = [];
    for (const route of routes) {
      for (const slug of ["brookfield", "no-such-partnership"]) {
        for (const role of ROLES) {
          const url = route.url.replace(":slug", slug).replace(/:\w+/g, "1");
          const response = await clients[role].get(url);
          if (response.statusCode !== 404) failures.push(`${role} ${url}: ${response.statusCode}`);
          if (response.headers["set-cookie"]) failures.push(`${role} ${url}: sets a cookie`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it("has a body for every POST route", () => {
    const missing = t.app.routeTable.filter(
      (r) =>
        r.method === "POST" &&
        !r.url.startsWith("/api/") &&
        // The region's routes have their own matrix (region-matrix.test.ts) and bodies there.
        !r.url.startsWith("/r/") &&
        !bodies[`${r.method} ${r.url}`] &&
        !uploads[`${r.method} ${r.url}`],
    );
    expect(missing.map((r) => r.url)).toEqual([]);
  });

  /** Expected status for a role on one of its own partnership's routes. */
  function expected(route: { method: string; url: string; access?: string }, role: Role): number {
    if (role === "anonymous") return route.method === "GET" ? 303 : 401;
    // Only the coordinator and the lead organisation's editors may change an action or write its update,
    // and see an update before it is accepted (the matrix's update is submitted, not accepted, when
    // its page is visited: the accept route comes after it).
    const leadOnly = [
      "/p/:slug/actions/:actionId/edit",
      "/p/:slug/rounds/:roundId/actions/:actionId/update",
      "/p/:slug/updates/:updateId",
      ...GOVERNANCE_MEETINGS_OWNER_ROUTES,
      ...FUNDING_LEAD_ONLY,
    ].includes(route.url);
    const allowed =
      route.access === "admin"
        ? role === "admin"
        : leadOnly
          ? role === "admin" || role === "leadEditor"
          : true;
    if (!allowed) return 403;
    // An import's upload answers with its preview page (and writes nothing); its confirm redirects.
    if (uploads[`${route.method} ${route.url}`]) return 200;
    return route.method === "GET" ? 200 : 303;
  }

  it(
    "answers every role on its own partnership's routes as the permission model says",
    async () => {
      const failures: string[] = [];
      for (const route of tenantRoutes()) {
        for (const role of ROLES) {
          const url = fill(route.url, own, "ashvale");
          const want = expected(route, role);
          const before = await fingerprint();
          const response = await send(clients[role], route, url, own);
          if (response.statusCode !== want)
            failures.push(`${role} ${route.method} ${url}: ${response.statusCode}, expected ${want}`);
          if (route.method === "POST" && want !== 303) {
            const after = await fingerprint();
            if (JSON.stringify(after) !== JSON.stringify(before))
              failures.push(`${role} ${route.method} ${url} changed data`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it(
    "answers 404 for another partnership's ids and slug, for every role, and changes nothing",
    async () => {
      const failures: string[] = [];
      for (const route of tenantRoutes()) {
        const hasIds = /:(?!slug\b|report\b)\w+/.test(route.url);
        const cases = [
          ...(hasIds ? [{ url: fill(route.url, foreign, "ashvale"), ids: foreign }] : []),
          { url: fill(route.url, own, "brookfield"), ids: own },
        ];
        for (const c of cases) {
          for (const role of ROLES.filter((r) => r !== "anonymous")) {
            const before = await fingerprint();
            const response = await send(clients[role], route, c.url, c.ids);
            const acceptable = role === "admin" || route.access !== "admin" ? [404] : [403, 404];
            if (!acceptable.includes(response.statusCode))
              failures.push(`${role} ${route.method} ${c.url}: ${response.statusCode}`);
            const after = await fingerprint();
            if (JSON.stringify(after) !== JSON.stringify(before))
              failures.push(`${role} ${route.method} ${c.url} changed data`);
          }
        }
      }
      expect(failures).toEqual([]);
    },
    WALK_TIMEOUT,
  );

  it("refuses an editor's change to an action another organisation leads, and keeps it unchanged", async () => {
    const [before] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    const response = await clients.otherEditor.post(
      `/p/ashvale/actions/${own.actionId}/edit`,
      await bodies["POST /p/:slug/actions/:actionId/edit"]!(own),
    );
    expect(response.statusCode).toBe(403);
    const [after] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    expect(after).toEqual(before);
  });

  it("lets a lead editor change the wording of their action but not who leads it", async () => {
    const body = await bodies["POST /p/:slug/actions/:actionId/edit"]!(own);
    const [someOtherOrg] = await t.database.db
      .select()
      .from(organisations)
      .where(
        sql`${organisations.id} <> ${own.organisationId} and ${organisations.partnershipId} = (select partnership_id from organisations where id = ${own.organisationId})`,
      )
      .limit(1);
    const response = await clients.leadEditor.post(`/p/ashvale/actions/${own.actionId}/edit`, {
      ...body,
      what: "Editor's wording",
      leadOrganisationIds: [String(someOtherOrg!.id)],
    });
    expect(response.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(actions).where(eq(actions.id, own.actionId!));
    expect(after?.what).toBe("Editor's wording");
    const leads = await t.database.db
      .select()
      .from(actionLeads)
      .where(eq(actionLeads.actionId, own.actionId!));
    expect(leads.map((l) => l.organisationId)).toContain(own.organisationId);
    expect(leads.map((l) => l.organisationId)).not.toContain(someOtherOrg!.id);
  });

  it(
    "never lets another partnership's admin change how Ashvale sees a person whose account both share, through any route",
    async () => {
      const db = t.database.db;
      const [shared] = await db.select().from(users).where(eq(users.id, own.userId!));
      const brookfieldAdmin = new TestClient(t.app);
      await brookfieldAdmin.signIn("admin@brookfield.example", "kettle orbit lantern");
      await brookfieldAdmin.get("/p/brookfield/people/new");
      const added = await brookfieldAdmin.post("/p/brookfield/people", {
        email: shared!.email,
        name: "Taken Over",
        organisationId: String(foreign.organisationId),
        role: "editor",
        password: "another strong pass",
      });
      expect(added.statusCode).toBe(303);
      const ashvaleId = (
        await db
          .select({ id: memberships.partnershipId })
          .from(memberships)
          .where(eq(memberships.userId, own.userId!))
      )
        .map((m) => m.id)
        .find((id) => id !== foreign.partnershipId);
      const ashvaleView = async () => ({
        user: (await db.select().from(users).where(eq(users.id, own.userId!)))[0],
        membership: (
          await db
            .select()
            .from(memberships)
            .where(and(eq(memberships.userId, own.userId!), eq(memberships.partnershipId, ashvaleId!)))
        )[0],
        audit: (
          await t.database.execute(
            "select count(*)::int as n, coalesce(max(id), 0)::int as last from audit_log where partnership_id = $1",
            [ashvaleId],
          )
        ).rows[0],
        version: (
          await db
            .select({ v: partnerships.dataVersion })
            .from(partnerships)
            .where(eq(partnerships.id, ashvaleId!))
        )[0],
      });
      const before = await ashvaleView();
      expect(before.user).toEqual(shared);
      // Every form route, in Brookfield, aimed at the shared person, with every account field forged in.
      const forged = {
        name: "Renamed By Brookfield",
        email: "hijacked@brookfield.example",
        password: "hijacked password 1",
        newPassword: "hijacked password 1",
        currentPassword: "waymark-demo-password",
      };
      const ids = { ...foreign, userId: own.userId! };
      const routes = t.app.routeTable.filter(
        (r) =>
          r.method === "POST" &&
          !r.url.startsWith("/api/") &&
          !r.url.startsWith("/r/") &&
          !r.url.startsWith("/sign-") &&
          !uploads[`POST ${r.url}`],
      );
      expect(routes.map((r) => r.url)).toContain("/p/:slug/people/:userId/edit");
      for (const route of routes) {
        await brookfieldAdmin.get("/p/brookfield");
        const body = { ...(await bodies[`POST ${route.url}`]!(ids)), ...forged };
        if (route.url === "/p/:slug/people/:userId/edit") {
          const [m] = await db
            .select()
            .from(memberships)
            .where(
              and(eq(memberships.userId, own.userId!), eq(memberships.partnershipId, foreign.partnershipId!)),
            );
          Object.assign(body, {
            organisationId: String(m!.organisationId),
            role: "viewer",
            version: String(m!.version),
          });
        }
        await brookfieldAdmin.post(fill(route.url, ids, "brookfield"), body);
      }
      expect(await ashvaleView()).toEqual(before);
      // Brookfield may still change its own membership (the role) when it leaves the account alone.
      const brookfieldMembership = async () =>
        (
          await db
            .select()
            .from(memberships)
            .where(
              and(eq(memberships.userId, own.userId!), eq(memberships.partnershipId, foreign.partnershipId!)),
            )
        )[0]!;
      const roleOnly = await brookfieldAdmin.post(`/p/brookfield/people/${own.userId}/edit`, {
        organisationId: String(foreign.organisationId),
        role: "viewer",
        version: String((await brookfieldMembership()).version),
      });
      expect(roleOnly.statusCode).toBe(303);
      expect((await brookfieldMembership()).role).toBe("viewer");
      expect((await ashvaleView()).user).toEqual(shared);
    },
    WALK_TIMEOUT,
  );
});

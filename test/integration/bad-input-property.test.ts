import { and, eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionLeads, actions, boards, commitments, mailOutbox, memberships } from "../../src/db/schema.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { hasRefusedCharacters } from "../../src/domain/text-safety.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { asSent, mutation, text } from "./bad-input-arbitraries.ts";
import { regionalPropertyIds, whileDraft } from "./bad-input-region.ts";
import { commissioningMatrixIds } from "./commissioning-matrix.ts";
import { type Fields, formsOf, patternOf } from "./forms-of-pages.ts";
import { fundingMatrixIds } from "./funding-matrix.ts";
import { governanceBoardsMatrixIds } from "./governance-boards-matrix.ts";
import { governanceForwardMatrixIds } from "./governance-forward-matrix.ts";
import { governanceMeetingsMatrixIds } from "./governance-meetings-matrix.ts";
import { governancePacksMatrixIds } from "./governance-packs-matrix.ts";
import { indicatorMatrixIds } from "./indicator-matrix.ts";

// Property: whatever a browser (or anyone) posts to ANY form route of the route table — long, empty,
// unicode (astral too), control characters with NUL, lone surrogates, arrays where one value is
// expected, wrong types in JSON, huge and negative numbers — Waymark never answers 500 or above, and a
// refused post (4xx, or the form shown again with its error summary) changes nothing: the data
// versions and the audit log stay as they were. Signed in as the coordinator (who may use every
// route) with a valid CSRF token, so the input reaches the routes' own checks.
//
// Each form's fields and current values are read from the pages that show it (every GET route is
// visited once), so a new form is covered without listing it here; each run changes some of them.
// Bounded: RUNS_PER_ROUTE per route with a fixed seed (printed), so a failure can be replayed.

// PROPERTY_SEED=… and PROPERTY_RUNS=… explore further (the seed is printed, to replay a failure);
// PROPERTY_DEBUG=1 prints every answer, to see how far generated posts get.
const SEED = Number(process.env.PROPERTY_SEED ?? 20_261_203);
const RUNS_PER_ROUTE = Number(process.env.PROPERTY_RUNS ?? 10);
/** Not a time limit on Waymark: room for the runs when the whole suite shares the machine. */
const PROPERTY_TIMEOUT = 60_000 + RUNS_PER_ROUTE * 15_000;

type Ids = Record<string, number>;

describe.each(testDatabaseKinds())("bad input never gives a server error, property-based (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  const ids: Ids = {};
  /** The /r/:regionSlug routes' ids (bad-input-region.ts): the region's own records. */
  let regional = { ids: {} as Ids, slug: "" };
  const formsByRoute = new Map<string, Fields>();
  const uploadRoutes = new Set<string>();

  async function fingerprint() {
    const { rows } = await t.database.execute(
      "select (select count(*)::int from audit_log) as audit, (select coalesce(sum(data_version), 0)::int from partnerships) as versions, (select count(*)::int from users) as users",
    );
    return JSON.stringify(rows[0]);
  }

  function fill(url: string): string | undefined {
    let missing = false;
    const source = url.startsWith("/r/") ? regional.ids : ids;
    const filled = url.replace(/:(\w+)/g, (_, name: string) => {
      if (name === "slug") return "ashvale";
      if (name === "regionSlug") return regional.slug;
      if (name === "report") return "strategy-review";
      if (source[name] === undefined) missing = true;
      return String(source[name]);
    });
    return missing ? undefined : filled;
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    const db = t.database.db;
    const police = demoUser("editor", "police");
    const [lead] = await db
      .select({ id: memberships.organisationId, partnershipId: memberships.partnershipId })
      .from(memberships)
      .where(eq(memberships.userId, sql`(select id from users where email = ${police.email})`));
    const [action] = await db
      .select({ id: actions.id, commitmentId: actions.commitmentId, planId: actions.actionPlanId })
      .from(actions)
      .innerJoin(actionLeads, eq(actionLeads.actionId, actions.id))
      .where(and(eq(actionLeads.organisationId, lead!.id)))
      .limit(1);
    const [commitment] = await db.select().from(commitments).where(eq(commitments.id, action!.commitmentId));
    const [board] = await db.select().from(boards).limit(1);
    const [viewer] = await db
      .select({ id: memberships.userId })
      .from(memberships)
      .where(eq(memberships.role, "viewer"))
      .limit(1);
    const actor = systemActor("test", lead!.partnershipId);
    const { round } = await t.services.rounds.open(actor, {
      actionPlanId: action!.planId,
      name: "Property Q1",
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
      deadline: addDays(ukDateOf(new Date()), 30),
      graceDays: 5,
      reminderDaysBefore: 7,
      actionIds: [action!.id],
    });
    const save = (intent: "draft" | "submit", version: number | null) =>
      t.services.updates.save(
        actor,
        round.id,
        action!.id,
        version,
        { rating: "green", narrative: "On track", remedy: "", toNote: "", evidenceLinks: [] },
        intent,
      );
    const draft = await save("draft", null);
    const [mail] = await db
      .insert(mailOutbox)
      .values({
        partnershipId: lead!.partnershipId,
        dedupeKey: "property:mail",
        kind: "reminder-due-today",
        toAddress: "editor@ashvale.example",
        subject: "Updates are due today",
        textBody: "Hello",
      })
      .returning({ id: mailOutbox.id });
    const meetingIds = await governanceMeetingsMatrixIds(t, actor);
    Object.assign(ids, {
      strategyId: commitment!.strategyId,
      priorityId: commitment!.priorityId!,
      commitmentId: commitment!.id,
      planId: action!.planId,
      actionId: action!.id,
      organisationId: lead!.id,
      boardId: board!.id,
      userId: viewer!.id,
      roundId: round.id,
      updateId: draft.id,
      mailId: mail!.id,
      ...(await indicatorMatrixIds(t, actor)),
      ...(await governancePacksMatrixIds(t, actor)),
      ...(await governanceForwardMatrixIds(t, actor)),
      ...meetingIds,
      // A seat and a meeting of the board (issue 13, part A).
      ...(await governanceBoardsMatrixIds(t, actor)),
      ...(await fundingMatrixIds(t, actor, action!.id)),
      ...(await commissioningMatrixIds(t, actor)),
    });
    // Records a coordinator can redact a passage from.
    ids.overrideId = (
      await t.services.ratings.override(actor, ids.commitmentId!, {
        rating: "amber",
        reason: "Overridden here",
      })
    ).id;
    ids.noteId = (
      await t.services.indicators.addNote(actor, ids.indicatorId!, {
        changedOn: "2024-04-01",
        note: "Redefined",
      })
    ).id;
    // The public site (issue 17): one section approved, so Public pages shows a Withdraw form too.
    await t.services.publication.approve(actor, "strategy", 0, "");
    // The regional pages (issue 15): the coordinator also leads Ashvale's region.
    const region = await regionalPropertyIds(t, actor, demoUser("admin").email);
    Object.assign(ids, region.partnership);
    regional = { ids: { ...ids, ...region.region }, slug: region.regionSlug };
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);

    // Every form the pages show, by the POST route it is sent to.
    const posts = t.app.routeTable.filter((r) => r.method === "POST" && !r.url.startsWith("/api/"));
    const pages = t.app.routeTable.filter(
      (r) =>
        r.method === "GET" && !r.url.startsWith("/api/") && !r.url.includes("*") && r.url !== "/sign-out",
    );
    const read = async (page: string) => {
      const response = await (page === "/sign-in" ? new TestClient(t.app) : admin).get(page);
      for (const form of formsOf(response.body, page)) {
        const route = posts.find((r) => patternOf(r.url).test(form.action));
        if (route && !formsByRoute.has(route.url)) formsByRoute.set(route.url, form.fields);
        if (route && form.upload) uploadRoutes.add(route.url);
      }
    };
    // The update's form while it is a draft; then it is submitted, for the coordinator's review forms.
    await read(fill("/p/:slug/rounds/:roundId/actions/:actionId/update")!);
    await save("submit", draft.version);
    for (const page of [...pages.map((p) => fill(p.url)), "/sign-in"]) {
      if (page && !page.includes("/reports/")) await read(page);
    }
    // Report pages are left out above (they are slow to build); the board paper's form is not a report.
    await read("/p/ashvale/reports/strategy-review/paper");
    // The boards matrix's meeting (the one :meetingId fills) has no agenda; the meetings matrix's
    // meeting has two items, so its page shows the forms that move them.
    await read(fill(`/p/:slug/meetings/${meetingIds.meetingId}`)!);
    // Only a draft standard shows its "Publish" form.
    await whileDraft(t, region.standardIds, async () => {
      await read(fill("/p/:slug/standards/:standardId")!);
      await read(fill("/r/:regionSlug/standards/:standardId")!);
    });
    console.log(`bad-input property test: seed ${SEED}, ${RUNS_PER_ROUTE} runs per route`);
  });
  afterAll(async () => t?.close());

  /** The form routes to post to: every browser POST route but signing out (which would end the test's session). */
  const formRoutes = () =>
    t.app.routeTable.filter(
      (r) => r.method === "POST" && !r.url.startsWith("/api/") && r.url !== "/sign-out",
    );

  it("reads a form for most routes from the pages (so the runs start from real values)", () => {
    const without = formRoutes().filter((r) => !formsByRoute.has(r.url) && fill(r.url));
    // Confirm pages come after an upload; they get the generic fields below. A new route listed here
    // has no page showing its form in this fixture: put its record in the state that shows the form
    // in beforeAll (as the update's draft is), so its runs start from real values.
    expect(
      without.map((r) => r.url).filter((u) => !u.endsWith("/confirm")),
      "POST routes whose form no page of the fixture shows",
    ).toEqual([]);
  });

  it(
    "answers every generated post to every form route below 500, and a refused post changes nothing",
    async () => {
      const failures: string[] = [];
      const allNames = [...new Set([...formsByRoute.values()].flatMap((f) => Object.keys(f)))];
      for (const [index, route] of formRoutes().entries()) {
        const url = fill(route.url);
        if (!url) {
          failures.push(`no ids to fill ${route.url}`);
          continue;
        }
        const base = formsByRoute.get(route.url) ?? { token: "" };
        const names = Object.keys(base).filter((n) => n !== "_csrf");
        await fc.assert(
          fc.asyncProperty(mutation(names.length > 0 ? names : allNames), async (change) => {
            const fields: Fields = { ...base };
            for (const name of change.drop) delete fields[name];
            for (const [name, value] of [...change.replace, ...change.extra]) fields[name] = value;
            delete fields._csrf; // the client adds the current token
            const before = await fingerprint();
            const response = change.json
              ? await t.app.inject({
                  method: "POST",
                  url,
                  headers: { cookie: admin.cookieHeader(), "content-type": "application/json" },
                  payload: JSON.stringify({ ...Object.fromEntries(change.json), _csrf: admin.csrfToken }),
                })
              : await admin.post(url, fields);
            const refused = response.statusCode >= 400 || response.body.includes("govuk-error-summary");
            const label = `${route.url} ${JSON.stringify(change.json ?? fields).slice(0, 300)}`;
            if (response.statusCode >= 500) failures.push(`${response.statusCode} ${label}`);
            if (process.env.PROPERTY_DEBUG) console.log(response.statusCode, refused, label.slice(0, 160));
            if (refused && (await fingerprint()) !== before) failures.push(`refused but changed: ${label}`);
            // Text Waymark cannot store, in a field the form has, is never accepted.
            const sentRefused = change.json
              ? change.json.some(([n, v]) => typeof v === "string" && hasRefusedCharacters(v) && n in base)
              : Object.entries(fields).some(
                  ([n, v]) => n in base && [v].flat().some((s) => hasRefusedCharacters(asSent(s))),
                );
            if (sentRefused && !refused) failures.push(`accepted refused characters: ${label}`);
            // A page after a refusal holds a fresh token; keep it for the next run.
            if (response.statusCode === 403) await admin.get("/p/ashvale");
          }),
          { numRuns: RUNS_PER_ROUTE, seed: SEED + index, endOnFailure: true },
        );
      }
      expect(failures).toEqual([]);
    },
    PROPERTY_TIMEOUT,
  );
  it(
    "answers every generated upload to every import below 500, and a refused one changes nothing",
    async () => {
      const failures: string[] = [];
      const cell = fc.oneof(text, fc.constantFrom("1.1", "Marston Police", "Q1 2024/25", "=1+1", '"', ","));
      // Files with each import's own headings (so rows reach the matching and the preview), or none.
      const headings = fc.constantFrom(
        ["Commitment", "What we will do", "Who will lead"],
        ["Priority", "Number", "Commitment"],
        ["indicator", "period", "area", "numerator", "denominator"],
        [],
      );
      const csv = fc
        .tuple(
          headings,
          fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 6 }),
        )
        .map(([head, rows]) =>
          [...(head.length > 0 ? [head] : []), ...rows]
            .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(","))
            .join("\r\n"),
        );
      const upload = fc.record({
        filename: fc.oneof(fc.constantFrom("plan.csv", "plan.xlsx", "figures.csv", "", "a.txt"), text),
        content: fc.oneof(
          csv.map((c) => Buffer.from(c)),
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
          fc.constant(Buffer.from("PK\u0003\u0004 not really a workbook")),
        ),
        csv: fc.option(csv, { freq: 3 }),
      });
      expect(uploadRoutes.size).toBeGreaterThanOrEqual(3);
      for (const [index, routeUrl] of [...uploadRoutes].entries()) {
        const url = fill(routeUrl)!;
        await fc.assert(
          fc.asyncProperty(upload, async (file) => {
            const before = await fingerprint();
            const fields = file.csv === null ? {} : { csv: file.csv };
            const response = await admin.postMultipart(url, fields, {
              filename: file.filename,
              content: file.content,
              contentType: "text/csv",
            });
            const label = `${routeUrl} ${JSON.stringify(file.filename)} ${file.content.subarray(0, 80).toString("hex")}`;
            if (response.statusCode >= 500) failures.push(`${response.statusCode} ${label}`);
            if (process.env.PROPERTY_DEBUG) console.log("upload", response.statusCode, label.slice(0, 120));
            const refused = response.statusCode >= 400 || response.body.includes("govuk-error-summary");
            // Staging a figures import is a change (it is confirmed later); a refused upload is none.
            if (refused && (await fingerprint()) !== before) failures.push(`refused but changed: ${label}`);
          }),
          { numRuns: RUNS_PER_ROUTE, seed: SEED + 1000 + index, endOnFailure: true },
        );
      }
      expect(failures).toEqual([]);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "answers every page with a generated query string below 500",
    async () => {
      const failures: string[] = [];
      const names = fc.oneof(
        fc.constantFrom(
          "entityType",
          "entityId",
          "commitmentId",
          "priorityId",
          "planId",
          "returnTo",
          "format",
        ),
        fc.constantFrom("strategy", "plan", "round", "board", "asAt", "area", "indicator", "period"),
        fc.string({ maxLength: 8 }),
      );
      const query = fc.array(fc.tuple(names, text), { minLength: 1, maxLength: 4 });
      const pages = t.app.routeTable.filter(
        (r) =>
          r.method === "GET" &&
          !r.url.startsWith("/public/") &&
          !r.url.startsWith("/assets/") &&
          !r.url.includes("*"),
      );
      for (const [index, page] of pages.entries()) {
        const url = fill(page.url);
        if (!url || url === "/sign-out") continue;
        await fc.assert(
          fc.asyncProperty(query, async (pairs) => {
            const search = new URLSearchParams();
            for (const [name, value] of pairs) search.append(name, value);
            const response = await admin.get(`${url}?${search}`);
            if (response.statusCode >= 500)
              failures.push(`${response.statusCode} ${url}?${search}`.slice(0, 300));
          }),
          { numRuns: 3, seed: SEED + 2000 + index, endOnFailure: true },
        );
      }
      expect(failures).toEqual([]);
    },
    PROPERTY_TIMEOUT,
  );
});

import { and, count, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  auditLog,
  mailOutbox,
  memberships,
  organisations,
  roundActions,
  rounds,
} from "../../src/db/schema.ts";
import { addDays, roundNameFor, ukDateOf } from "../../src/domain/periods.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

const today = () => ukDateOf(new Date());

function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split("-");
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: String(y),
  };
}

describe.each(testDatabaseKinds())("update rounds (%s)", (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let planId: number;
  let openActionIds: number[];

  const roundForm = (name: string, actionIds: number[] = openActionIds) => ({
    actionPlanId: String(planId),
    name,
    ...dateFields("periodStart", "2025-07-01"),
    ...dateFields("periodEnd", "2025-09-30"),
    ...dateFields("deadline", addDays(today(), 21)),
    graceDays: "5",
    reminderDaysBefore: "7",
    actionIds: actionIds.map(String),
  });

  async function open(name: string, actionIds?: number[]) {
    await admin.get("/p/ashvale/rounds/new");
    return admin.post("/p/ashvale/rounds/new", roundForm(name, actionIds));
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const db = t.database.db;
    const [plan] = await db.select().from(actionPlans).orderBy(desc(actionPlans.startsOn)).limit(1);
    planId = plan!.id;
    // One closed action, to see that it is not asked about by default.
    const planActions = await db
      .select()
      .from(actions)
      .where(eq(actions.actionPlanId, planId))
      .orderBy(actions.id);
    await db
      .update(actions)
      .set({ closed: true })
      .where(eq(actions.id, planActions.at(-1)!.id));
    openActionIds = planActions.slice(0, -1).map((a) => a.id);
  });
  afterAll(async () => t?.close());

  it("suggests a name, the current plan and every open action on the form", async () => {
    const page = await admin.get("/p/ashvale/rounds/new");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${roundNameFor(today())}"`);
    expect(page.body).toContain(`name="actionPlanId" value="${planId}"`);
    const checked = [...page.body.matchAll(/name="actionIds" type="checkbox" value="(\d+)" checked/g)].map(
      (m) => Number(m[1]),
    );
    expect(checked.sort((a, b) => a - b)).toEqual([...openActionIds].sort((a, b) => a - b));
    expect(page.body).toContain("Closed");
  });

  it("shows every problem at once, linked to its field, and opens nothing", async () => {
    await admin.get("/p/ashvale/rounds/new");
    const response = await admin.post("/p/ashvale/rounds/new", {
      ...roundForm("", []),
      "deadline-day": "31",
      "deadline-month": "2",
      graceDays: "lots",
    });
    expect(response.statusCode).toBe(400);
    for (const anchor of ["#name", "#deadline-day", "#graceDays", "#actionIds"])
      expect(response.body).toContain(`href="${anchor}"`);
    expect(response.body).toContain("The deadline must be a real date");
    expect(await t.database.db.select().from(rounds)).toEqual([]);
  });

  it("opens a round: its actions, an audit entry, and one e-mail per editor, exactly once even when retried", async () => {
    const response = await open("Q2 2025/26");
    expect(response.statusCode).toBe(303);
    const roundId = Number(/\/rounds\/(\d+)$/.exec(String(response.headers.location))?.[1]);
    const page = await admin.get(String(response.headers.location));
    expect(page.body).toContain("Q2 2025/26 opened");

    const owed = await t.database.db.select().from(roundActions).where(eq(roundActions.roundId, roundId));
    expect(owed.map((r) => r.actionId).sort((a, b) => a - b)).toEqual(
      [...openActionIds].sort((a, b) => a - b),
    );
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "round.open"), eq(auditLog.entityId, String(roundId))));
    expect(entry?.actor).toBe(demoUser("admin").email);

    // Every editor of an organisation that leads one of the actions, once each.
    const leadOrgs = await t.database.db
      .selectDistinct({ id: actionLeads.organisationId })
      .from(actionLeads)
      .where(inArray(actionLeads.actionId, openActionIds));
    const editors = await t.database.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(
        and(
          eq(memberships.role, "editor"),
          inArray(
            memberships.organisationId,
            leadOrgs.map((o) => o.id),
          ),
        ),
      );
    const mails = async () =>
      t.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.kind, "round-opened"))
        .orderBy(mailOutbox.id);
    const queued = await mails();
    expect(editors.length).toBeGreaterThan(0);
    expect(queued.map((m) => m.dedupeKey).sort()).toEqual(
      editors.map((e) => `round:${roundId}:opened:user:${e.userId}`).sort(),
    );
    const police = queued.find((m) => m.toAddress === demoUser("editor", "police").email);
    expect(police?.subject).toContain("Q2 2025/26");
    expect(police?.textBody).toContain("/p/ashvale/your-updates");
    expect(queued.some((m) => m.toAddress === demoUser("viewer").email)).toBe(false);

    // The same form sent again (a double click, a retry): the same round, no new mails.
    const retry = await open("Q2 2025/26");
    expect(retry.statusCode).toBe(303);
    expect(retry.headers.location).toBe(response.headers.location);
    expect((await admin.get(String(retry.headers.location))).body).toContain("Q2 2025/26 was already open");
    expect(await mails()).toEqual(queued);
    expect(Number((await t.database.db.select({ n: count() }).from(rounds))[0]?.n)).toBe(1);

    // A different round under the same name is refused.
    const clash = await admin.post("/p/ashvale/rounds/new", {
      ...roundForm("q2 2025/26"),
      ...dateFields("deadline", addDays(today(), 30)),
    });
    expect(clash.statusCode).toBe(400);
    expect(clash.body).toContain("There is already a round called Q2 2025/26");
  });

  it("shows the chasing view by organisation and downloads it as CSV", async () => {
    const [round] = await t.database.db.select().from(rounds).where(eq(rounds.name, "Q2 2025/26"));
    const list = await admin.get("/p/ashvale/rounds");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/p/ashvale/rounds/${round!.id}`);

    const page = await admin.get(`/p/ashvale/rounds/${round!.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("By organisation");
    expect(page.body).toContain("Marston Police");
    expect(page.body).toContain("Not started");

    // An organisation whose name needs quoting, and one that a spreadsheet would read as a formula.
    const [policeOrg] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Marston Police"));
    await t.database.db
      .update(organisations)
      .set({ name: 'Marston Police, "Ashvale" unit' })
      .where(eq(organisations.id, policeOrg!.id));
    const [probation] = await t.database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Probation Service – Ashvale Delivery Unit"));
    await t.database.db
      .update(organisations)
      .set({ name: "=Probation" })
      .where(eq(organisations.id, probation!.id));

    const csv = await admin.get(`/p/ashvale/rounds/${round!.id}/status.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="q2-2025-26-status.csv"');
    const lines = csv.body.split("\r\n");
    expect(lines[0]).toBe("Organisation,Updates due,Not started,Draft,Returned,Submitted,Accepted,Late");
    expect(lines.at(-1)).toBe("");
    const policeLine = lines.find((l) => l.startsWith('"Marston Police, ""Ashvale"" unit"'));
    const policeOwes = (
      await t.database.db
        .select({ n: count() })
        .from(roundActions)
        .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
        .where(and(eq(roundActions.roundId, round!.id), eq(actionLeads.organisationId, policeOrg!.id)))
    )[0]?.n;
    expect(policeLine).toBe(`"Marston Police, ""Ashvale"" unit",${policeOwes},${policeOwes},0,0,0,0,0`);
    expect(lines.some((l) => l.startsWith("'=Probation,"))).toBe(true);
    await t.database.db
      .update(organisations)
      .set({ name: "Marston Police" })
      .where(eq(organisations.id, policeOrg!.id));
  });

  it("extends, closes and reopens a round, each with a version check", async () => {
    const [round] = await t.database.db.select().from(rounds).where(eq(rounds.name, "Q2 2025/26"));
    const id = round!.id;
    const extendForm = await admin.get(`/p/ashvale/rounds/${id}/extend`);
    expect(extendForm.statusCode).toBe(200);
    const later = addDays(round!.deadline, 7);
    const extended = await admin.post(`/p/ashvale/rounds/${id}/extend`, {
      ...dateFields("deadline", later),
      graceDays: "10",
      version: String(round!.version),
    });
    expect(extended.statusCode).toBe(303);
    let [now] = await t.database.db.select().from(rounds).where(eq(rounds.id, id));
    expect(now?.deadline).toBe(later);
    expect(now?.graceDays).toBe(10);

    // The same (now stale) form again: 409 with the values saved now.
    const stale = await admin.post(`/p/ashvale/rounds/${id}/extend`, {
      ...dateFields("deadline", addDays(later, 7)),
      graceDays: "3",
      version: String(round!.version),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Someone else changed this");

    // Earlier is refused.
    const earlier = await admin.post(`/p/ashvale/rounds/${id}/extend`, {
      ...dateFields("deadline", addDays(later, -1)),
      graceDays: "10",
      version: String(now!.version),
    });
    expect(earlier.statusCode).toBe(400);
    expect(earlier.body).toContain("must be the same as or after the current one");

    expect((await admin.get(`/p/ashvale/rounds/${id}/close`)).statusCode).toBe(200);
    expect(
      (await admin.post(`/p/ashvale/rounds/${id}/close`, { version: String(now!.version) })).statusCode,
    ).toBe(303);
    [now] = await t.database.db.select().from(rounds).where(eq(rounds.id, id));
    expect(now?.status).toBe("closed");
    expect(now?.closedAt).not.toBeNull();
    expect(
      (await admin.post(`/p/ashvale/rounds/${id}/reopen`, { version: String(round!.version) })).statusCode,
    ).toBe(409);

    expect(
      (await admin.post(`/p/ashvale/rounds/${id}/reopen`, { version: String(now!.version) })).statusCode,
    ).toBe(303);
    [now] = await t.database.db.select().from(rounds).where(eq(rounds.id, id));
    expect(now?.status).toBe("open");
    expect(now?.reopenedAt).not.toBeNull();
    const actionsAudited = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "round"), eq(auditLog.entityId, String(id))))
      .orderBy(auditLog.id);
    expect(actionsAudited.map((a) => a.action)).toEqual([
      "round.open",
      "round.extend",
      "round.close",
      "round.reopen",
    ]);
  });

  it("keeps the coordinator's pages from partners", async () => {
    const police = new TestClient(t.app);
    await police.signIn(demoUser("editor", "police").email);
    const [round] = await t.database.db.select().from(rounds).limit(1);
    for (const url of [
      "/p/ashvale/rounds",
      "/p/ashvale/rounds/new",
      `/p/ashvale/rounds/${round!.id}`,
      `/p/ashvale/rounds/${round!.id}/status.csv`,
    ]) {
      expect((await police.get(url)).statusCode).toBe(403);
    }
  });
});

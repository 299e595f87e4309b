// What the funding tests share: the demo app with the coordinator, the police editor, another
// organisation's editor and a viewer signed in, an action only the police lead, and the coordinator's
// forms for a stream, a contribution and an allocation.
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { actionLeads, memberships, users } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, TestClient } from "../support/app.ts";
import type { TestDatabaseKind } from "../support/database.ts";

export const dateFields = (name: string, iso: string) => {
  const [y, m, d] = iso.split("-");
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};
export const idFrom = (location: unknown, pattern: RegExp) => Number(pattern.exec(String(location))?.[1]);

export async function createFundingFixture(kind: TestDatabaseKind) {
  const t = await createTestApp({ kind });
  const [admin, police, other, viewer] = [0, 1, 2, 3].map(() => new TestClient(t.app)) as [
    TestClient,
    TestClient,
    TestClient,
    TestClient,
  ];
  await admin.signIn(demoUser("admin").email);
  await police.signIn(demoUser("editor", "police").email);
  await other.signIn(demoUser("editor", "specialist").email);
  await viewer.signIn(demoUser("viewer").email);
  const db = t.database.db;
  const orgOf = async (email: string) =>
    (
      await db
        .select({ pid: memberships.partnershipId, orgId: memberships.organisationId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(users.email, email))
    )[0]!;
  const policeOrg = await orgOf(demoUser("editor", "police").email);
  const otherOrg = await orgOf(demoUser("editor", "specialist").email);
  const pid = policeOrg.pid;
  // An action Marston Police leads and the specialist service does not.
  const led = await db.select().from(actionLeads).where(eq(actionLeads.partnershipId, pid));
  const policeActionId = led.find(
    (l) =>
      l.organisationId === policeOrg.orgId &&
      !led.some((o) => o.actionId === l.actionId && o.organisationId === otherOrg.orgId),
  )!.actionId;

  /** A stream added through the coordinator's form; its id. */
  async function addStream(name: string, year: number, extra: Record<string, string> = {}) {
    await admin.get("/p/ashvale/funding/new");
    const response = await admin.post("/p/ashvale/funding/new", {
      name,
      kind: "pooled_budget",
      funderOrganisationId: "",
      funderName: "Four bodies of the region",
      firstYearStart: String(year),
      lastYearStart: String(year),
      ...extra,
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
    return idFrom(response.headers.location, /\/funding\/(\d+)$/);
  }

  async function addContribution(streamId: number, year: number, amount: string, contributor: string) {
    await admin.get(`/p/ashvale/funding/${streamId}/contributions/new`);
    const response = await admin.post(`/p/ashvale/funding/${streamId}/contributions/new`, {
      contributorOrganisationId: "",
      contributorName: contributor,
      yearStart: String(year),
      amount,
      received: "no",
    });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(303);
  }

  async function allocate(streamId: number, year: number, amount: string, actionId = policeActionId) {
    await admin.get(`/p/ashvale/funding/${streamId}/allocations/new`);
    return admin.post(`/p/ashvale/funding/${streamId}/allocations/new`, {
      yearStart: String(year),
      targetKind: "action",
      actionId: String(actionId),
      amount,
    });
  }

  return {
    t,
    admin,
    police,
    other,
    viewer,
    pid,
    policeActionId,
    db: () => t.database.db,
    system: () => systemActor("test", pid),
    addStream,
    addContribution,
    allocate,
  };
}

export type FundingFixture = Awaited<ReturnType<typeof createFundingFixture>>;

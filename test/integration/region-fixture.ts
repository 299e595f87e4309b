// The region matrix's world (region-matrix.test.ts), built once per database:
//
//   region A (the demo's "North Marston police force area"): P1 = Ashvale (the demo), P2 = Kestrel Vale
//   region B ("Southmoor"): P3 = Fenwick
//   P4 = Oldwater, in no region
//
// and the people: region A's lead, region A's viewer, region B's lead, P1's coordinator (no regional
// place), a person who is P1's admin AND region A's viewer (one shared account), and nobody signed in.
//
// It also plants what a regional user must never see (`planted`): a draft update and a draft
// self-assessment of P1 with marker text, P1's and P2's people (names and e-mails), and an entry of
// P1's audit log that names region A too (a sharing change is P1's as well as the region's).
import { eq } from "drizzle-orm";
import { insertAuditEntries } from "../../src/data/audit.ts";
import { actionPlans, actions, partnerships, regions, users } from "../../src/db/schema.ts";
import {
  assessmentCycles,
  assessmentRatings,
  qualityStandards,
  regionMemberships,
  selfAssessments,
  standardCriteria,
  standardLevels,
  standardThemes,
} from "../../src/db/schema-region.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import type { TestDatabaseKind } from "../support/database.ts";

/** Who the matrix signs in as. `p1Coordinator` and `leadB` hold no place in region A. */
export const REGION_ROLES = [
  "anonymous",
  "leadA",
  "viewerA",
  "leadB",
  "p1Coordinator",
  "sharedViewer",
] as const;
export type RegionMatrixRole = (typeof REGION_ROLES)[number];

/** Every fixture account's password (new accounts only; the demo's keep the demo password). */
export const REGION_PASSWORD = "region matrix lantern 7";

export interface PartnershipRef {
  id: number;
  slug: string;
  name: string;
  /** A system actor scoped to it, for building its records through the services. */
  actor: Actor;
}

export interface PersonRef {
  id: number;
  email: string;
  name: string;
}

export interface RegionFixture {
  t: TestApp;
  regionA: { id: number; slug: string; name: string };
  regionB: { id: number; slug: string; name: string };
  p1: PartnershipRef;
  p2: PartnershipRef;
  p3: PartnershipRef;
  p4: PartnershipRef;
  people: Record<Exclude<RegionMatrixRole, "anonymous">, PersonRef>;
  clients: Record<RegionMatrixRole, TestClient>;
  /** Text and people no regional page may show (see the header). */
  planted: {
    draftUpdateNarrative: string;
    draftAssessmentNarrative: string;
    auditMarker: string;
    /** Names and e-mails of partnership people who hold no regional place. */
    partnershipPeople: PersonRef[];
  };
}

async function makeRegion(t: TestApp, name: string, slug: string) {
  await t.database.db.insert(regions).values({ name, slug }).onConflictDoNothing();
  const [row] = await t.database.db.select().from(regions).where(eq(regions.slug, slug));
  return { id: row!.id, slug: row!.slug, name: row!.name };
}

async function makePartnership(
  t: TestApp,
  slug: string,
  name: string,
  region?: string,
): Promise<PartnershipRef> {
  const row = await t.services.partnerships.create(systemActor("test"), {
    slug,
    name,
    areaName: name,
    region,
  });
  return { id: row.id, slug: row.slug, name: row.name, actor: systemActor("test", row.id) };
}

async function makeUser(t: TestApp, email: string, name: string, passwordHash: string): Promise<PersonRef> {
  const [row] = await t.database.db.insert(users).values({ email, name, passwordHash }).returning();
  return { id: row!.id, email: row!.email, name: row!.name };
}

async function givePlace(t: TestApp, regionId: number, userId: number, role: "lead" | "viewer") {
  await t.database.db
    .insert(regionMemberships)
    .values({ regionId, userId, role, organisationName: "Office of the Police and Crime Commissioner" });
}

/** A draft update of P1 with marker text (a round asking about one of its actions). */
async function draftUpdate(t: TestApp, p1: PartnershipRef, narrative: string): Promise<void> {
  const [action] = await t.database.db
    .select({ id: actions.id, planId: actions.actionPlanId })
    .from(actions)
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .where(eq(actionPlans.partnershipId, p1.id))
    .limit(1);
  const actionId = action!.id;
  const { round } = await t.services.rounds.open(p1.actor, {
    actionPlanId: action!.planId,
    name: "Region matrix round",
    periodStart: "2025-04-01",
    periodEnd: "2025-06-30",
    deadline: addDays(ukDateOf(new Date()), 30),
    graceDays: 5,
    reminderDaysBefore: 7,
    actionIds: [actionId],
  });
  await t.services.updates.save(
    p1.actor,
    round.id,
    actionId,
    null,
    { rating: "amber", narrative, remedy: "", toNote: "", evidenceLinks: [] },
    "draft",
  );
}

/** Region A's published standard with one criterion and a cycle, and P1's draft self-assessment of it. */
async function draftAssessment(t: TestApp, regionId: number, p1: PartnershipRef, narrative: string) {
  const db = t.database.db;
  const [standard] = await db
    .insert(qualityStandards)
    .values({ regionId, name: "Region matrix standard", status: "published" })
    .returning();
  const [level] = await db
    .insert(standardLevels)
    .values({ standardId: standard!.id, position: 1, label: "Met", meetsStandard: true })
    .returning();
  const [theme] = await db
    .insert(standardThemes)
    .values({ standardId: standard!.id, position: 1, title: "Region matrix theme" })
    .returning();
  const [criterion] = await db
    .insert(standardCriteria)
    .values({ standardId: standard!.id, themeId: theme!.id, position: 1, title: "Region matrix criterion" })
    .returning();
  const [cycle] = await db
    .insert(assessmentCycles)
    .values({
      standardId: standard!.id,
      name: "Region matrix cycle",
      opensOn: "2025-04-01",
      dueOn: "2026-03-31",
    })
    .returning();
  const [assessment] = await db
    .insert(selfAssessments)
    .values({ partnershipId: p1.id, cycleId: cycle!.id, status: "draft" })
    .returning();
  await db.insert(assessmentRatings).values({
    partnershipId: p1.id,
    assessmentId: assessment!.id,
    criterionId: criterion!.id,
    levelId: level!.id,
    narrative,
  });
}

/** P2's coordinator: a partnership person the region must never be shown. */
async function coordinatorOf(t: TestApp, p: PartnershipRef, email: string, name: string): Promise<PersonRef> {
  const org = await t.services.organisations.create(p.actor, { name: `${p.name} Council`, kind: "Council" });
  const added = await t.services.people.add(
    p.actor,
    { email, name, organisationId: org.id, role: "admin" },
    REGION_PASSWORD,
  );
  return { id: added.user.id, email: added.user.email, name: added.user.name };
}

export async function buildRegionFixture(kind: TestDatabaseKind): Promise<RegionFixture> {
  const t = await createTestApp({ kind });
  const db = t.database.db;
  const [ashvaleRow] = await db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
  const [regionARow] = await db.select().from(regions).where(eq(regions.id, ashvaleRow!.regionId!));
  const regionA = { id: regionARow!.id, slug: regionARow!.slug, name: regionARow!.name };
  const regionB = await makeRegion(t, "Southmoor", "southmoor");
  const p1: PartnershipRef = {
    id: ashvaleRow!.id,
    slug: ashvaleRow!.slug,
    name: ashvaleRow!.name,
    actor: systemActor("test", ashvaleRow!.id),
  };
  const p2 = await makePartnership(t, "kestrel-vale", "Kestrel Vale Partnership", regionA.name);
  const p3 = await makePartnership(t, "fenwick", "Fenwick Partnership", regionB.name);
  const p4 = await makePartnership(t, "oldwater", "Oldwater Partnership");

  const hash = await hashPassword(REGION_PASSWORD);
  const leadA = await makeUser(t, "lead@region-a.example", "Regional Lead A", hash);
  const viewerA = await makeUser(t, "viewer@region-a.example", "Regional Viewer A", hash);
  const leadB = await makeUser(t, "lead@region-b.example", "Regional Lead B", hash);
  await givePlace(t, regionA.id, leadA.id, "lead");
  await givePlace(t, regionA.id, viewerA.id, "viewer");
  await givePlace(t, regionB.id, leadB.id, "lead");
  const coordinator = demoUser("admin");
  const [coordinatorRow] = await db.select().from(users).where(eq(users.email, coordinator.email));
  const p1Coordinator = { id: coordinatorRow!.id, email: coordinatorRow!.email, name: coordinatorRow!.name };
  // One account, two places: an admin of P1 and a viewer in region A. In the region it is a viewer.
  const councilOfP1 = (await t.services.organisations.list(p1.actor))[0]!;
  const shared = await t.services.people.add(
    p1.actor,
    {
      email: "shared@region-a.example",
      name: "Shared Account",
      organisationId: councilOfP1.id,
      role: "admin",
    },
    REGION_PASSWORD,
  );
  const sharedViewer = { id: shared.user.id, email: shared.user.email, name: shared.user.name };
  await givePlace(t, regionA.id, sharedViewer.id, "viewer");

  const planted = {
    draftUpdateNarrative: "Region matrix draft narrative kestrel-4417",
    draftAssessmentNarrative: "Region matrix draft self-assessment heron-5521",
    auditMarker: "region-matrix-audit-marker-8813",
    partnershipPeople: [
      ...ashvale.users.map((u) => ({ id: 0, email: u.email, name: u.name })),
      await coordinatorOf(t, p2, "coordinator@kestrel-vale.example", "Imogen Thackeray"),
    ],
  };
  await draftUpdate(t, p1, planted.draftUpdateNarrative);
  await draftAssessment(t, regionA.id, p1, planted.draftAssessmentNarrative);
  // A change that is P1's and region A's at once: it belongs to P1's log, not to the region's.
  await insertAuditEntries(db, [
    {
      partnershipId: p1.id,
      regionId: regionA.id,
      userId: null,
      actor: "test",
      action: "region.sharing.update",
      entityType: "region_sharing",
      entityId: p1.id,
      after: { marker: planted.auditMarker },
    },
  ]);

  const clients = {} as Record<RegionMatrixRole, TestClient>;
  for (const role of REGION_ROLES) clients[role] = new TestClient(t.app);
  await clients.leadA.signIn(leadA.email, REGION_PASSWORD);
  await clients.viewerA.signIn(viewerA.email, REGION_PASSWORD);
  await clients.leadB.signIn(leadB.email, REGION_PASSWORD);
  await clients.p1Coordinator.signIn(p1Coordinator.email);
  await clients.sharedViewer.signIn(sharedViewer.email, REGION_PASSWORD);

  return {
    t,
    regionA,
    regionB,
    p1,
    p2,
    p3,
    p4,
    people: { leadA, viewerA, leadB, p1Coordinator, sharedViewer },
    clients,
    planted,
  };
}

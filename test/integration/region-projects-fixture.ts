// What the regional project tests share: the demo's Ashvale in the "Northern Region" beside a second
// partnership (Eastvale, its coordinator and a viewer), a regional lead and a viewer of the region,
// the lead of another region (Southern, with its own partnership), a funding stream of Ashvale with
// the regional decision's four contributions, and one of Ashvale's actions with milestones, an
// accepted update and a later draft.
import { eq } from "drizzle-orm";
import {
  actions,
  milestones,
  partnerships,
  roundActions,
  rounds,
  updates,
  users,
} from "../../src/db/schema.ts";
import { regionMemberships } from "../../src/db/schema-region.ts";
import { DEMO_PASSWORD } from "../../src/demo/load.ts";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import { hashPassword } from "../../src/services/passwords.ts";
import { createTestApp, demoUser, TestClient } from "../support/app.ts";
import type { TestDatabaseKind } from "../support/database.ts";

export const REGION = "/r/northern-region";
export const DRAFT_NARRATIVE = "Draft words the region must never read";
export const ACCEPTED_NARRATIVE = "The first version of the tool is tested with two partnerships";

export async function createRegionProjectsFixture(kind: TestDatabaseKind) {
  const t = await createTestApp({ kind });
  const s = t.services;
  const db = t.database.db;
  const cli = systemActor("test");
  await s.regionAdmin.create(cli, { slug: "northern-region", name: "Northern Region" });
  await s.regionAdmin.create(cli, { slug: "southern-region", name: "Southern Region" });
  const eastvale = await s.partnerships.create(cli, {
    slug: "eastvale",
    name: "Eastvale Partnership",
    areaName: "Eastvale",
    region: "Northern Region",
  });
  const southfield = await s.partnerships.create(cli, {
    slug: "southfield",
    name: "Southfield Partnership",
    areaName: "Southfield",
    region: "Southern Region",
  });
  const [ashvale] = await db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
  const ashvaleId = ashvale!.id;
  await db.update(partnerships).set({ regionId: eastvale.regionId }).where(eq(partnerships.id, ashvaleId));

  const hash = await hashPassword(DEMO_PASSWORD);
  async function regionUser(email: string, regionId: number, role: "lead" | "viewer") {
    const [user] = await db.insert(users).values({ email, name: email, passwordHash: hash }).returning();
    await db.insert(regionMemberships).values({ regionId, userId: user!.id, role });
    return user!.id;
  }
  await regionUser("lead@northern.example", eastvale.regionId!, "lead");
  await regionUser("viewer@northern.example", eastvale.regionId!, "viewer");
  await regionUser("lead@southern.example", southfield.regionId!, "lead");

  const eastActor = systemActor("test", eastvale.id);
  const eastOrg = await s.organisations.create(eastActor, {
    name: "Eastvale Council",
    kind: "Local authority",
  });
  await s.people.add(
    eastActor,
    { email: "admin@eastvale.example", name: "E Admin", organisationId: eastOrg.id, role: "admin" },
    DEMO_PASSWORD,
  );

  const ashActor = systemActor("test", ashvaleId);
  const stream = await s.funding.createStream(
    ashActor,
    {
      name: "Regional quality standard pot",
      kind: "pooled_budget",
      funderOrganisationId: null,
      funderName: "The region's four bodies",
      firstYearStart: 2026,
      lastYearStart: 2026,
      conditions: "",
      reportingRequirements: "",
      decisionReference: "",
      decisionLink: "",
      awardedOn: null,
      startsOn: null,
      endsOn: null,
    },
    null,
  );
  for (const [who, pence] of [
    ["Northshire Safeguarding Children Board", 800_000],
    ["Eastvale Safeguarding Adults Board", 800_000],
    ["Westmoor Safeguarding Board", 800_000],
    ["Police and Crime Commissioner", 1_050_000],
  ] as const) {
    await s.funding.addContribution(ashActor, stream.id, {
      contributorOrganisationId: null,
      contributorName: who,
      yearStart: 2026,
      amountPence: pence,
      received: false,
      receivedOn: null,
    });
  }
  const eastStream = await s.funding.createStream(
    eastActor,
    {
      name: "Eastvale's own pot",
      kind: "grant",
      funderOrganisationId: null,
      funderName: "Somebody",
      firstYearStart: 2026,
      lastYearStart: 2026,
      conditions: "",
      reportingRequirements: "",
      decisionReference: "",
      decisionLink: "",
      awardedOn: null,
      startsOn: null,
      endsOn: null,
    },
    null,
  );

  // One of Ashvale's actions: milestones (one done, one overdue, one ahead), an accepted Amber update
  // and a later draft rated Red that nobody outside the partnership's workflow may read.
  const [action] = await db.select().from(actions).where(eq(actions.partnershipId, ashvaleId)).limit(1);
  const today = ukDateOf(new Date());
  await db.insert(milestones).values([
    {
      partnershipId: ashvaleId,
      actionId: action!.id,
      description: "Scope agreed",
      dueOn: addDays(today, -60),
      done: true,
      position: 901,
    },
    {
      partnershipId: ashvaleId,
      actionId: action!.id,
      description: "Pilot finished",
      dueOn: addDays(today, -10),
      done: false,
      position: 902,
    },
    {
      partnershipId: ashvaleId,
      actionId: action!.id,
      description: "Tool launched",
      dueOn: addDays(today, 40),
      done: false,
      position: 903,
    },
  ]);
  async function round(name: string, periodEnd: string) {
    const [row] = await db
      .insert(rounds)
      .values({
        partnershipId: ashvaleId,
        actionPlanId: action!.actionPlanId,
        name,
        periodStart: addDays(periodEnd, -90),
        periodEnd,
        deadline: addDays(periodEnd, 14),
        status: "closed",
      })
      .returning();
    await db
      .insert(roundActions)
      .values({ partnershipId: ashvaleId, roundId: row!.id, actionId: action!.id });
    return row!.id;
  }
  const acceptedRound = await round("Project round one", addDays(today, -100));
  const draftRound = await round("Project round two", addDays(today, -5));
  await db.insert(updates).values([
    {
      partnershipId: ashvaleId,
      roundId: acceptedRound,
      actionId: action!.id,
      status: "accepted",
      rating: "amber",
      narrative: ACCEPTED_NARRATIVE,
      submittedAt: new Date(),
      reviewedAt: new Date(),
      acceptedAt: new Date(),
    },
    {
      partnershipId: ashvaleId,
      roundId: draftRound,
      actionId: action!.id,
      status: "draft",
      rating: "red",
      narrative: DRAFT_NARRATIVE,
    },
  ]);

  const client = async (email: string) => {
    const c = new TestClient(t.app);
    await c.signIn(email);
    return c;
  };
  return {
    t,
    db,
    ashvaleId,
    eastvaleId: eastvale.id,
    regionId: eastvale.regionId!,
    streamId: stream.id,
    eastStreamId: eastStream.id,
    actionId: action!.id,
    lead: await client("lead@northern.example"),
    regionViewer: await client("viewer@northern.example"),
    otherLead: await client("lead@southern.example"),
    hostAdmin: await client(demoUser("admin").email),
    hostViewer: await client(demoUser("viewer").email),
    eastAdmin: await client("admin@eastvale.example"),
    southfieldId: southfield.id,
  };
}

export type RegionProjectsFixture = Awaited<ReturnType<typeof createRegionProjectsFixture>>;

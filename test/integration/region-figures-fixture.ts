// What the region's figures tests share: the demo (Ashvale, in its region), a second partnership of
// the region that shares everything and gave its population (Brookfield), a third that shares
// nothing (Carrow), and a partnership of another region (Farland) holding figures that must never
// show. Rows go straight into the tables: the regional pages read them, the partnership's own forms
// are tested elsewhere. A demo viewer is given the region's viewer place; a demo editor has none.
import { eq } from "drizzle-orm";
import {
  areas,
  boards,
  indicators,
  observations,
  partnerships,
  regions,
  users,
} from "../../src/db/schema.ts";
import { contracts, fundingAllocations, fundingStreams, spendReturns } from "../../src/db/schema-funding.ts";
import { boardSeats, boardTerms } from "../../src/db/schema-governance.ts";
import { regionMemberships, regionSharing } from "../../src/db/schema-region.ts";
import { defaultThresholds } from "../../src/domain/thresholds.ts";
import type { RegionActor } from "../../src/services/actor.ts";
import { createTestApp, demoUser, TestClient } from "../support/app.ts";
import type { TestDatabaseKind } from "../support/database.ts";

export const AS_AT = "2026-08-31";
/** 18 months on from AS_AT: 29 February 2028 (February has no 31st; 2028 is a leap year). */
export const WINDOW_END = "2028-02-29";

export async function createRegionFiguresFixture(kind: TestDatabaseKind) {
  const t = await createTestApp({ kind });
  const db = t.database.db;
  const [ashvale] = await db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
  const regionId = ashvale!.regionId!;
  const [region] = await db.select().from(regions).where(eq(regions.id, regionId));
  const [far] = await db.insert(regions).values({ name: "Farland region", slug: "farland" }).returning();

  const addPartnership = async (slug: string, name: string, inRegion: number, threshold = 5) => {
    const [row] = await db
      .insert(partnerships)
      .values({ slug, name, areaName: `${name} area`, regionId: inRegion, suppressionThreshold: threshold })
      .returning();
    return row!.id;
  };
  const brookfield = await addPartnership("brookfield", "Brookfield DA Partnership", regionId, 5);
  const carrow = await addPartnership("carrow", "Carrow DA Partnership", regionId);
  const farland = await addPartnership("farland", "Farland DA Partnership", far!.id);
  await db.insert(regionSharing).values([
    {
      partnershipId: brookfield,
      shareGovernance: true,
      population: 333_333,
      populationSource: "ONS mid-2024 estimate",
    },
    {
      partnershipId: carrow,
      shareStatistics: false,
      shareRatings: false,
      shareFunding: false,
      shareAssessments: false,
      shareGovernance: false,
    },
    { partnershipId: farland, shareGovernance: true, population: 1000 },
  ]);

  // Funding: an allocation typed by its contract (Idva), one typed itself (helpline), a return.
  const addStream = async (pid: number, name: string, funderName: string) => {
    const [s] = await db
      .insert(fundingStreams)
      .values({
        partnershipId: pid,
        name,
        kind: "grant",
        funderName,
        firstYearStart: 2026,
        lastYearStart: 2026,
      })
      .returning();
    return s!.id;
  };
  const addContract = async (pid: number, service: string, endsOn: string, serviceType = "idva") => {
    const [c] = await db
      .insert(contracts)
      .values({
        partnershipId: pid,
        service,
        serviceType,
        providerName: `${service} provider`,
        annualValuePence: 4_000_000,
        endsOn,
        latestEndOn: "2029-03-31",
      })
      .returning();
    return c!.id;
  };
  const brookStream = await addStream(brookfield, "Brookfield Idva grant", "Brookfield Office of the PCC");
  const idvaContract = await addContract(brookfield, "Brookfield Idva service", WINDOW_END);
  await addContract(
    brookfield,
    "Brookfield refuge (ends after the window)",
    "2028-03-01",
    "safe-accommodation",
  );
  await addContract(brookfield, "Brookfield outreach (ended before)", "2026-08-30", "community-support");
  await addContract(brookfield, "Brookfield helpline (ends on the day)", AS_AT, "helpline");
  const [idvaAllocation] = await db
    .insert(fundingAllocations)
    .values({
      partnershipId: brookfield,
      streamId: brookStream,
      yearStart: 2026,
      contractId: idvaContract,
      amountPence: 1_234_567,
    })
    .returning();
  await db.insert(fundingAllocations).values({
    partnershipId: brookfield,
    streamId: brookStream,
    yearStart: 2026,
    projectName: "Helpline hours",
    serviceType: "helpline",
    amountPence: 100_000,
  });
  await db.insert(spendReturns).values([
    {
      partnershipId: brookfield,
      allocationId: idvaAllocation!.id,
      yearStart: 2026,
      quarter: 1,
      budgetPence: 1_234_567,
      actualPence: 200_000,
      forecastPence: 1_234_567,
      source: "coordinator",
    },
    {
      partnershipId: brookfield,
      allocationId: idvaAllocation!.id,
      yearStart: 2026,
      quarter: 2,
      budgetPence: 1_234_567,
      actualPence: 600_001,
      forecastPence: 1_300_000,
      source: "coordinator",
    },
  ]);
  const farStream = await addStream(farland, "Farland secret grant", "Farland hidden funder");
  await addContract(farland, "Farland hidden contract", "2027-01-31");
  await db.insert(fundingAllocations).values({
    partnershipId: farland,
    streamId: farStream,
    yearStart: 2026,
    projectName: "x",
    amountPence: 999_999,
  });
  const carrowStream = await addStream(carrow, "Carrow private grant", "Carrow unshared funder");
  await addContract(carrow, "Carrow unshared contract", "2027-01-31");
  await db.insert(fundingAllocations).values({
    partnershipId: carrow,
    streamId: carrowStream,
    yearStart: 2026,
    projectName: "y",
    amountPence: 777_777,
  });

  // Statistics: Brookfield's repeat rate matches Ashvale's by template; a count total and its parts
  // (one small: primary; the smallest other part: secondary); an England comparator.
  const addAreas = async (pid: number) => {
    const rows = await db
      .insert(areas)
      .values([
        { partnershipId: pid, kind: "own" as const, name: `Area ${pid}`, position: 0 },
        { partnershipId: pid, kind: "england" as const, name: "England", position: 1 },
      ])
      .returning();
    return { own: rows[0]!.id, england: rows[1]!.id };
  };
  const addIndicator = async (
    pid: number,
    name: string,
    unit: "count" | "percentage",
    extra: { templateKey?: string; partOfIndicatorId?: number } = {},
  ) => {
    const [row] = await db
      .insert(indicators)
      .values({
        partnershipId: pid,
        name,
        unit,
        frequency: "annual",
        polarity: "down",
        kind: "contextual",
        thresholds: defaultThresholds(unit),
        ...extra,
      })
      .returning();
    return row!.id;
  };
  const observe = (
    pid: number,
    indicatorId: number,
    areaId: number,
    year: number,
    value: number,
    parts: { numerator?: number; denominator?: number } = {},
  ) =>
    db.insert(observations).values({
      partnershipId: pid,
      indicatorId,
      areaId,
      periodStart: `${year}-04-01`,
      periodEnd: `${year + 1}-03-31`,
      periodLabel: `${year}/${String(year + 1).slice(2)}`,
      value,
      numerator: parts.numerator ?? null,
      denominator: parts.denominator ?? null,
    });
  const brookAreas = await addAreas(brookfield);
  const repeat = await addIndicator(brookfield, "Repeat Marac cases (Brookfield's name)", "percentage", {
    templateKey: "marac-repeat-rate",
  });
  await observe(brookfield, repeat, brookAreas.own, 2025, 31.7, { numerator: 317, denominator: 1000 });
  await observe(brookfield, repeat, brookAreas.england, 2025, 28.4);
  await addIndicator(
    brookfield,
    "CHILDREN'S SOCIAL CARE REFERRALS WHERE DOMESTIC ABUSE IS A FACTOR",
    "count",
  );
  const accepted = await addIndicator(brookfield, "Outreach referrals accepted", "percentage");
  await observe(brookfield, accepted, brookAreas.own, 2024, 31.7, { numerator: 317, denominator: 1000 });
  await observe(brookfield, accepted, brookAreas.own, 2025, 50, { numerator: 3, denominator: 6 });
  await observe(brookfield, accepted, brookAreas.england, 2025, 28.4);
  const total = await addIndicator(brookfield, "Refuge bed spaces", "count");
  const small = await addIndicator(brookfield, "Refuge bed spaces for men", "count", {
    partOfIndicatorId: total,
  });
  const other = await addIndicator(brookfield, "Refuge bed spaces for women", "count", {
    partOfIndicatorId: total,
  });
  await observe(brookfield, total, brookAreas.own, 2025, 1720);
  await observe(brookfield, small, brookAreas.own, 2025, 3);
  await observe(brookfield, other, brookAreas.own, 2025, 1717);
  const farAreas = await addAreas(farland);
  const farIndicator = await addIndicator(farland, "Farland secret statistic", "count");
  await observe(farland, farIndicator, farAreas.own, 2025, 4242);
  const carrowAreas = await addAreas(carrow);
  const carrowIndicator = await addIndicator(carrow, "Carrow unshared statistic", "count");
  await observe(carrow, carrowIndicator, carrowAreas.own, 2025, 5151);

  // Governance: Brookfield's Local Partnership Board (some categories only) and a group under it.
  const addBoard = async (pid: number, name: string, kind: string, parentBoardId: number | null = null) => {
    const [b] = await db.insert(boards).values({ partnershipId: pid, name, parentBoardId }).returning();
    await db.insert(boardTerms).values({ boardId: b!.id, partnershipId: pid, kind });
    return b!.id;
  };
  const lpb = await addBoard(brookfield, "Brookfield DA Local Partnership Board", "strategic");
  await addBoard(brookfield, "Brookfield Operational Group", "operational", lpb);
  await db.insert(boardSeats).values([
    {
      partnershipId: brookfield,
      boardId: lpb,
      title: "Council",
      holderName: "Harriet Seatholder",
      categories: ["local_authority", "lower_tier_authorities"],
      position: 0,
    },
    {
      partnershipId: brookfield,
      boardId: lpb,
      title: "Police",
      holderName: "Percival Seatholder",
      categories: ["policing_criminal_justice", "health"],
      position: 1,
    },
    {
      partnershipId: brookfield,
      boardId: lpb,
      title: "Specialist service",
      categories: ["domestic_abuse_charities", "victims"],
      position: 2,
    },
  ]);
  await addBoard(farland, "Farland hidden board", "strategic");

  // The region's viewer: a demo viewer account; a demo editor holds no place in the region.
  const viewerEmail = demoUser("viewer").email;
  const [viewerUser] = await db.select().from(users).where(eq(users.email, viewerEmail));
  await db.insert(regionMemberships).values({ regionId, userId: viewerUser!.id, role: "viewer" });
  const regional = new TestClient(t.app);
  await regional.signIn(viewerEmail);
  const outsider = new TestClient(t.app);
  await outsider.signIn(demoUser("editor").email);

  const actor: RegionActor = {
    kind: "region",
    userId: viewerUser!.id,
    email: viewerEmail,
    name: viewerUser!.name,
    regionId,
    regionSlug: region!.slug,
    role: "viewer",
  };
  return {
    t,
    db,
    actor,
    regionSlug: region!.slug,
    ids: { ashvale: ashvale!.id, brookfield, carrow, farland },
    regional,
    outsider,
  };
}

export type RegionFiguresFixture = Awaited<ReturnType<typeof createRegionFiguresFixture>>;

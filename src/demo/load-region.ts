// Loads the North Marston region (issue 15) after Ashvale: its three smaller partnerships through the
// same loader as Ashvale's (load.ts), then in one transaction the region's own rows — sign-ins, what
// each partnership shares, the quality standard, two assessment cycles with their self-assessments,
// and the regional project Ashvale hosts. Set-based: one insert per table. Dates are relative to the
// load day, so the previous cycle is always closed and the current one always open.
import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { actionPlans, commitments, indicators, partnerships, regions, users } from "../db/schema.ts";
import { decisions } from "../db/schema-governance.ts";
import {
  assessmentCycles,
  qualityStandards,
  regionMemberships,
  regionSharing,
  standardCriteria,
  standardLevels,
  standardThemes,
} from "../db/schema-region.ts";
import { addDays } from "../domain/calendar-dates.ts";
import { ukDateOf } from "../domain/periods.ts";
import { systemActor } from "../services/actor.ts";
import { hashPassword } from "../services/passwords.ts";
import { inTransaction } from "../services/unit-of-work.ts";
import { DEMO_PASSWORD, type DemoLoadOptions, type DemoLoadResult, loadDemoPartnership } from "./load.ts";
import { loadRegionAssessments } from "./load-region-assessments.ts";
import { loadRegionalProject } from "./load-region-project.ts";
import { NORTH_MARSTON, NORTH_MARSTON_PARTNERSHIPS } from "./north-marston.ts";
import { LEVELS, STANDARD, THEMES } from "./north-marston-standard.ts";

/** The region's own sign-ins (region_memberships), printed at start-up with the partnerships'. */
export const REGION_USERS = [
  {
    email: "lead@north-marston.example",
    name: "Bethan Cole",
    role: "lead" as const,
    organisationName: "North Marston Domestic Abuse Regional Team",
    purpose: "Regional lead: the quality standard, cycles, moderation and the regional project",
  },
  {
    email: "commissioner@north-marston.example",
    name: "Daniel Osei",
    role: "viewer" as const,
    organisationName: "Office of the Police and Crime Commissioner for North Marston",
    purpose: "Regional viewer (commissioner): compares the partnerships and reads the regional report",
  },
];

/** Population and its source for each partnership; Corrow Vale keeps its governance to itself. */
const SHARING: Record<string, { population: number; shareGovernance: boolean }> = {
  ashvale: { population: 165_300, shareGovernance: true },
  brackenford: { population: 96_400, shareGovernance: true },
  "corrow-vale": { population: 71_800, shareGovernance: false },
  deneholme: { population: 48_200, shareGovernance: true },
};
const POPULATION_SOURCE = "ONS mid-year estimate 2024";

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo region refers to an unknown ${what}`);
  return value;
}

export async function loadDemoRegion(db: Db, options: DemoLoadOptions = {}): Promise<DemoLoadResult> {
  const signIns: DemoLoadResult["signIns"] = [];
  for (const story of NORTH_MARSTON_PARTNERSHIPS) {
    const loaded = await loadDemoPartnership(db, story.partnership, options);
    signIns.push(...loaded.signIns);
  }
  signIns.push(...REGION_USERS.map((u) => ({ email: u.email, role: u.role, purpose: u.purpose })));
  const [region] = await db.select().from(regions).where(eq(regions.slug, NORTH_MARSTON.slug));
  const regionId = need(region, "region (load Ashvale first)").id;
  const [existing] = await db.select().from(qualityStandards).where(eq(qualityStandards.regionId, regionId));
  if (existing) return { loaded: false, partnershipId: 0, signIns };

  const today =
    typeof options.today === "string" ? options.today : ukDateOf(options.today ?? options.now ?? new Date());
  const passwordHash = hashPassword(DEMO_PASSWORD);
  passwordHash.catch(() => undefined);
  return inTransaction(db, systemActor("demo loader"), async ({ tx, audit }) => {
    const slugs = Object.keys(SHARING);
    const rows = await tx
      .select({ id: partnerships.id, slug: partnerships.slug })
      .from(partnerships)
      .where(inArray(partnerships.slug, slugs));
    const pid = new Map(rows.map((r) => [r.slug, r.id]));
    // Ashvale's region was "North Marston police force area" before there were regions to manage.
    await tx.update(partnerships).set({ regionId }).where(inArray(partnerships.slug, slugs));

    const hash = await passwordHash;
    await tx
      .insert(users)
      .values(REGION_USERS.map((u) => ({ email: u.email, name: u.name, passwordHash: hash })))
      .onConflictDoNothing();
    const userRows = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(
        inArray(
          users.email,
          REGION_USERS.map((u) => u.email),
        ),
      );
    const userId = new Map(userRows.map((u) => [u.email, u.id]));
    await tx.insert(regionMemberships).values(
      REGION_USERS.map((u) => ({
        regionId,
        userId: need(userId.get(u.email), u.email),
        role: u.role,
        organisationName: u.organisationName,
      })),
    );
    await tx
      .insert(regionSharing)
      .values(
        slugs.map((slug) => ({
          partnershipId: need(pid.get(slug), slug),
          shareGovernance: need(SHARING[slug], slug).shareGovernance,
          population: need(SHARING[slug], slug).population,
          populationSource: POPULATION_SOURCE,
        })),
      )
      .onConflictDoNothing();

    const [standard] = await tx
      .insert(qualityStandards)
      .values({
        regionId,
        name: STANDARD.name,
        summary: STANDARD.summary,
        cycleMonths: STANDARD.cycleMonths,
        status: "published",
      })
      .returning({ id: qualityStandards.id });
    const standardId = need(standard, "standard").id;
    const levelRows = await tx
      .insert(standardLevels)
      .values(
        LEVELS.map((l, i) => ({
          standardId,
          position: i + 1,
          label: l.label,
          description: l.description,
          meetsStandard: l.meets,
        })),
      )
      .returning({ id: standardLevels.id });
    const themeRows = await tx
      .insert(standardThemes)
      .values(THEMES.map((t, i) => ({ standardId, position: i + 1, title: t.title })))
      .returning({ id: standardThemes.id });
    const criterionRows = await tx
      .insert(standardCriteria)
      .values(
        THEMES.flatMap((t, ti) =>
          t.criteria.map((title, ci) => ({
            standardId,
            themeId: need(themeRows[ti], "theme").id,
            position: ci + 1,
            title,
            howEvidenced: "The partnership's commitments, key statistics, board decisions and documents.",
          })),
        ),
      )
      .returning({ id: standardCriteria.id });

    // The previous cycle opened 26 months ago and closed after moderation; the current one is open.
    const cycleRows = await tx
      .insert(assessmentCycles)
      .values([
        {
          standardId,
          name: cycleName(addDays(today, -790)),
          opensOn: addDays(today, -790),
          dueOn: addDays(today, -640),
          closedAt: new Date(`${addDays(today, -560)}T16:00:00Z`),
        },
        {
          standardId,
          name: cycleName(addDays(today, -60)),
          opensOn: addDays(today, -60),
          dueOn: addDays(today, 45),
        },
      ])
      .returning({ id: assessmentCycles.id });

    // What each partnership can point to as evidence: its own commitments, indicators and decisions.
    const ids = [...pid.values()];
    const [commitmentRows, indicatorRows, decisionRows, planRows] = await Promise.all([
      tx
        .select({ id: commitments.id, partnershipId: commitments.partnershipId, number: commitments.number })
        .from(commitments)
        .where(inArray(commitments.partnershipId, ids)),
      tx
        .select({ id: indicators.id, partnershipId: indicators.partnershipId })
        .from(indicators)
        .where(inArray(indicators.partnershipId, ids)),
      tx
        .select({ id: decisions.id, partnershipId: decisions.partnershipId })
        .from(decisions)
        .where(inArray(decisions.partnershipId, ids)),
      tx
        .select({
          id: actionPlans.id,
          partnershipId: actionPlans.partnershipId,
          startsOn: actionPlans.startsOn,
        })
        .from(actionPlans)
        .where(inArray(actionPlans.partnershipId, ids)),
    ]);
    const assessed = await loadRegionAssessments(tx, {
      today,
      partnershipIds: pid,
      levelIds: levelRows.map((l) => l.id),
      criterionIds: criterionRows.map((c) => c.id),
      cycleIds: [need(cycleRows[0], "cycle").id, need(cycleRows[1], "cycle").id],
      leadUserId: need(userId.get("lead@north-marston.example"), "lead"),
      commitments: commitmentRows,
      indicators: indicatorRows,
      decisions: decisionRows,
      plans: planRows,
    });

    const ashvaleId = need(pid.get("ashvale"), "Ashvale");
    await loadRegionalProject(tx, regionId, ashvaleId, today);

    audit({
      partnershipId: null,
      regionId,
      action: "demo.load",
      entityType: "region",
      entityId: regionId,
      after: { slug: NORTH_MARSTON.slug, partnerships: slugs.length, assessments: assessed },
    });
    return { loaded: true, partnershipId: ashvaleId, signIns };
  });
}

/** "2024–26": the cycle's name from the year it opens (a cycle is 24 months). */
function cycleName(opensOn: string): string {
  const year = Number(opensOn.slice(0, 4));
  return `${year}–${String((year + 2) % 100).padStart(2, "0")}`;
}

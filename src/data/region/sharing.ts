import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { partnerships, regions, users } from "../../db/schema.ts";
import { regionMemberships, regionSharing } from "../../db/schema-region.ts";

/** The defaults a partnership shares with its region until its coordinator changes them. */
export const DEFAULT_SHARING = {
  shareStatistics: true,
  shareRatings: true,
  shareFunding: true,
  shareAssessments: true,
  shareGovernance: false,
  population: null as number | null,
  populationSource: "",
  version: 0,
};

export type SharingRow = typeof DEFAULT_SHARING;

export interface RegionPartnership extends SharingRow {
  id: number;
  slug: string;
  name: string;
  areaName: string;
  dataVersion: number;
}

/**
 * The partnerships of a region with what each shares (defaults where its coordinator has saved
 * nothing; version 0 then), in one query. Every regional read starts here and keeps only the
 * partnerships whose switch for that kind of data is on.
 */
export async function listRegionPartnerships(db: Executor, regionId: number): Promise<RegionPartnership[]> {
  const rows = await db
    .select({
      id: partnerships.id,
      slug: partnerships.slug,
      name: partnerships.name,
      areaName: partnerships.areaName,
      dataVersion: partnerships.dataVersion,
      sharing: regionSharing,
    })
    .from(partnerships)
    .leftJoin(regionSharing, eq(regionSharing.partnershipId, partnerships.id))
    .where(eq(partnerships.regionId, regionId))
    .orderBy(asc(partnerships.name));
  return rows.map(({ sharing, ...p }) => ({
    ...p,
    ...(sharing
      ? {
          shareStatistics: sharing.shareStatistics,
          shareRatings: sharing.shareRatings,
          shareFunding: sharing.shareFunding,
          shareAssessments: sharing.shareAssessments,
          shareGovernance: sharing.shareGovernance,
          population: sharing.population,
          populationSource: sharing.populationSource,
          version: sharing.version,
        }
      : DEFAULT_SHARING),
  }));
}

export async function findRegionBySlug(db: Executor, slug: string) {
  const [row] = await db.select().from(regions).where(eq(regions.slug, slug));
  return row;
}

export interface RegionContextRow {
  userId: number;
  email: string;
  name: string;
  regionId: number;
  regionSlug: string;
  regionName: string;
  role: "lead" | "viewer";
}

/** The user acting in the region with this slug, or nothing when they hold no place in it. */
export async function findRegionContext(
  db: Executor,
  userId: number,
  slug: string,
): Promise<RegionContextRow | undefined> {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      regionId: regions.id,
      regionSlug: regions.slug,
      regionName: regions.name,
      role: regionMemberships.role,
    })
    .from(regionMemberships)
    .innerJoin(regions, eq(regions.id, regionMemberships.regionId))
    .innerJoin(users, eq(users.id, regionMemberships.userId))
    .where(and(eq(regionMemberships.userId, userId), eq(regions.slug, slug)));
  return row;
}

/** The regions a person holds a place in, for the choose page after sign-in. */
export async function listRegionsOfUser(db: Executor, userId: number) {
  return db
    .select({ slug: regions.slug, name: regions.name, role: regionMemberships.role })
    .from(regionMemberships)
    .innerJoin(regions, eq(regions.id, regionMemberships.regionId))
    .where(eq(regionMemberships.userId, userId))
    .orderBy(asc(regions.name));
}

export interface SharingValues {
  shareStatistics: boolean;
  shareRatings: boolean;
  shareFunding: boolean;
  shareAssessments: boolean;
  shareGovernance: boolean;
  population: number | null;
  populationSource: string;
}

/** A partnership's region (if any) and what it shares with it (the defaults, version 0, until saved). */
export async function findSharingOf(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({
      regionId: regions.id,
      regionSlug: regions.slug,
      regionName: regions.name,
      sharing: regionSharing,
    })
    .from(partnerships)
    .leftJoin(regions, eq(regions.id, partnerships.regionId))
    .leftJoin(regionSharing, eq(regionSharing.partnershipId, partnerships.id))
    .where(eq(partnerships.id, partnershipId));
  if (!row) return undefined;
  const region =
    row.regionId === null || row.regionSlug === null || row.regionName === null
      ? null
      : { id: row.regionId, slug: row.regionSlug, name: row.regionName };
  const s = row.sharing;
  const sharing: SharingRow = s
    ? {
        shareStatistics: s.shareStatistics,
        shareRatings: s.shareRatings,
        shareFunding: s.shareFunding,
        shareAssessments: s.shareAssessments,
        shareGovernance: s.shareGovernance,
        population: s.population,
        populationSource: s.populationSource,
        version: s.version,
      }
    : DEFAULT_SHARING;
  return { region, sharing };
}

/**
 * Saves what a partnership shares if nobody has saved since `expectedVersion` was read (0: nothing
 * saved yet, so the first save inserts). Returns the saved row, or nothing when the version is stale.
 */
export async function saveSharing(
  db: Executor,
  partnershipId: number,
  expectedVersion: number,
  values: SharingValues,
) {
  if (expectedVersion === 0) {
    const [row] = await db
      .insert(regionSharing)
      .values({ partnershipId, ...values, version: 1 })
      .onConflictDoNothing()
      .returning();
    return row;
  }
  const [row] = await db
    .update(regionSharing)
    .set({ ...values, updatedAt: new Date(), version: sql`${regionSharing.version} + 1` })
    .where(and(eq(regionSharing.partnershipId, partnershipId), eq(regionSharing.version, expectedVersion)))
    .returning();
  return row;
}

/** Locks the partnership's sharing row (if saved) so the version read is the one updated. */
export async function lockSharing(db: Executor, partnershipId: number): Promise<void> {
  await db
    .select({ v: regionSharing.version })
    .from(regionSharing)
    .where(eq(regionSharing.partnershipId, partnershipId))
    .for("update");
}

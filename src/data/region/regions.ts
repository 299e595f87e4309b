// Regions and their own people (region_memberships): the rows `services.regionAdmin` writes. A
// region's people are its own (the regional lead, commissioners), never a partnership's members.
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { partnerships, regions, users } from "../../db/schema.ts";
import { regionMemberships } from "../../db/schema-region.ts";

export type RegionRow = typeof regions.$inferSelect;

/** A region by its slug, or else by its exact name (the CLI accepts either). */
export async function findRegionBySlugOrName(db: Executor, text: string): Promise<RegionRow | undefined> {
  const [bySlug] = await db.select().from(regions).where(eq(regions.slug, text));
  if (bySlug) return bySlug;
  const [byName] = await db.select().from(regions).where(eq(regions.name, text));
  return byName;
}

/** Whether a region already has this slug or this name (either is enough to refuse a new one). */
export async function findRegionClash(db: Executor, slug: string, name: string) {
  const rows = await db
    .select({ slug: regions.slug, name: regions.name })
    .from(regions)
    .where(sql`${regions.slug} = ${slug} or lower(${regions.name}) = lower(${name})`);
  return {
    slug: rows.some((r) => r.slug === slug),
    name: rows.some((r) => r.name.toLowerCase() === name.toLowerCase()),
  };
}

export async function insertRegion(db: Executor, values: { slug: string; name: string }): Promise<RegionRow> {
  const [row] = await db.insert(regions).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** Every region with how many partnerships and people it holds, in two grouped reads. */
export async function listRegionsWithCounts(db: Executor) {
  const [rows, partnershipCounts, peopleCounts] = await Promise.all([
    db.select().from(regions).orderBy(asc(regions.name)),
    db
      .select({ regionId: partnerships.regionId, n: count() })
      .from(partnerships)
      .groupBy(partnerships.regionId),
    db
      .select({ regionId: regionMemberships.regionId, n: count() })
      .from(regionMemberships)
      .groupBy(regionMemberships.regionId),
  ]);
  const p = new Map(partnershipCounts.map((r) => [r.regionId, r.n]));
  const m = new Map(peopleCounts.map((r) => [r.regionId, r.n]));
  return rows.map((r) => ({ ...r, partnerships: p.get(r.id) ?? 0, people: m.get(r.id) ?? 0 }));
}

export interface RegionMemberRow {
  userId: number;
  name: string;
  email: string;
  role: "lead" | "viewer";
  organisationName: string;
  version: number;
}

const memberColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: regionMemberships.role,
  organisationName: regionMemberships.organisationName,
  version: regionMemberships.version,
};

/** The region's own people: leads first, then viewers, each by name. */
export async function listRegionMembers(db: Executor, regionId: number): Promise<RegionMemberRow[]> {
  return db
    .select(memberColumns)
    .from(regionMemberships)
    .innerJoin(users, eq(users.id, regionMemberships.userId))
    .where(eq(regionMemberships.regionId, regionId))
    .orderBy(asc(regionMemberships.role), asc(users.name));
}

export async function findRegionMember(
  db: Executor,
  regionId: number,
  userId: number,
): Promise<RegionMemberRow | undefined> {
  const [row] = await db
    .select(memberColumns)
    .from(regionMemberships)
    .innerJoin(users, eq(users.id, regionMemberships.userId))
    .where(and(eq(regionMemberships.regionId, regionId), eq(regionMemberships.userId, userId)));
  return row;
}

export async function insertRegionMembership(
  db: Executor,
  values: { regionId: number; userId: number; role: "lead" | "viewer"; organisationName: string },
) {
  const [row] = await db.insert(regionMemberships).values(values).onConflictDoNothing().returning();
  return row;
}

/** Removes a place in the region if it still has this version; the removed row, or nothing. */
export async function deleteRegionMembership(
  db: Executor,
  regionId: number,
  userId: number,
  version: number,
) {
  const [row] = await db
    .delete(regionMemberships)
    .where(
      and(
        eq(regionMemberships.regionId, regionId),
        eq(regionMemberships.userId, userId),
        eq(regionMemberships.version, version),
      ),
    )
    .returning();
  return row;
}

/** Puts a partnership in a region; the row before and after, or nothing when no partnership has the slug. */
export async function setPartnershipRegion(db: Executor, partnershipSlug: string, regionId: number) {
  const [before] = await db
    .select({ id: partnerships.id, name: partnerships.name, regionId: partnerships.regionId })
    .from(partnerships)
    .where(eq(partnerships.slug, partnershipSlug))
    .for("update");
  if (!before) return undefined;
  await db
    .update(partnerships)
    .set({ regionId, version: sql`${partnerships.version} + 1` })
    .where(eq(partnerships.id, before.id));
  return { before, after: { ...before, regionId } };
}

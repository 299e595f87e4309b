// The region's people and sharing in the route matrices. For permissions.test.ts: a valid body for
// the coordinator's sharing page (the partnership is put in a region by region-projects-matrix.ts),
// carrying the version saved now. For region-matrix.test.ts (`regionMatrix`): a regional viewer of
// region A and one of region B, whose places the lead's removal takes (each body gives it back first),
// and a new viewer's details for the lead's "Add a regional viewer".
import { and, eq } from "drizzle-orm";
import { partnerships, users } from "../../src/db/schema.ts";
import { regionMemberships, regionSharing } from "../../src/db/schema-region.ts";
import type { TestApp } from "../support/app.ts";
import type { RegionFixture } from "./region-fixture.ts";
import type { RegionMatrixPart } from "./region-matrix-part.ts";

type Body = (ids: Record<string, number>) => Promise<Record<string, string | string[]>>;

export function regionSharingMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  return {
    "POST /p/:slug/manage/region": async () => {
      const db = app().database.db;
      const [row] = await db
        .select({ v: regionSharing.version })
        .from(regionSharing)
        .innerJoin(partnerships, eq(partnerships.id, regionSharing.partnershipId))
        .where(eq(partnerships.slug, "ashvale"));
      return {
        share: ["statistics", "ratings", "funding"],
        population: String(100_000 + next()),
        populationSource: "Matrix population estimate",
        version: String(row?.v ?? 0),
      };
    },
  };
}

async function viewerOf(fx: RegionFixture, regionId: number, email: string) {
  const db = fx.t.database.db;
  const [user] = await db
    .insert(users)
    .values({ email, name: "Matrix Regional Viewer", passwordHash: "x" })
    .returning();
  await db
    .insert(regionMemberships)
    .values({ regionId, userId: user!.id, role: "viewer", organisationName: "OPCC" });
  return user!.id;
}

export const regionMatrix: RegionMatrixPart = {
  ids: async (fx) => ({
    own: { userId: await viewerOf(fx, fx.regionA.id, "matrix-viewer@region-a.example") },
    foreign: { userId: await viewerOf(fx, fx.regionB.id, "matrix-viewer@region-b.example") },
  }),
  bodies: (fx, next) => ({
    "POST /r/:regionSlug/people/new": async () => ({
      email: `matrix-added-${next()}@region-a.example`,
      name: "Matrix Added Viewer",
      organisationName: "Matrix OPCC",
    }),
    // The lead's removal succeeds once: the body gives the place back before each request.
    "POST /r/:regionSlug/people/:userId/remove": async (ids) => {
      const db = fx.t.database.db;
      const userId = ids.userId!;
      const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
      const regionId = user?.email.endsWith("region-b.example") ? fx.regionB.id : fx.regionA.id;
      await db
        .insert(regionMemberships)
        .values({ regionId, userId, role: "viewer", organisationName: "OPCC" })
        .onConflictDoNothing();
      const [row] = await db
        .select({ v: regionMemberships.version })
        .from(regionMemberships)
        .where(and(eq(regionMemberships.regionId, regionId), eq(regionMemberships.userId, userId)));
      return { version: String(row?.v ?? 1) };
    },
  }),
};

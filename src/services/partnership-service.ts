import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { partnerships } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ForbiddenError, ValidationError } from "./errors.ts";
import { resolveRegion } from "./region/admin-service.ts";
import { inTransaction } from "./unit-of-work.ts";

export type PartnershipRow = typeof partnerships.$inferSelect;

export interface PartnershipInput {
  slug: string;
  name: string;
  areaName: string;
  region?: string | undefined;
}

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;

/** Slugs whose public pages (/public/SLUG) would be the site's own files (/public/generated/…). */
export const RESERVED_SLUGS: readonly string[] = ["generated"];

export function createPartnershipService(db: Db) {
  return {
    async findBySlug(slug: string): Promise<PartnershipRow | undefined> {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.slug, slug));
      return row;
    },

    async findById(id: number): Promise<PartnershipRow | undefined> {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
      return row;
    },

    listAll: () => db.select().from(partnerships).orderBy(asc(partnerships.name)),

    /** Creates a partnership (command line only: the system actor). */
    async create(actor: Actor, input: PartnershipInput): Promise<PartnershipRow> {
      if (actor.kind !== "system") throw new ForbiddenError("Partnerships are added from the command line");
      if (!SLUG_PATTERN.test(input.slug)) {
        throw new ValidationError([
          { field: "slug", message: "Slug must be lower-case letters, digits and hyphens, e.g. ashvale" },
        ]);
      }
      if (RESERVED_SLUGS.includes(input.slug)) {
        throw new ValidationError([
          { field: "slug", message: `Slug ${input.slug} is kept for Waymark's own files; choose another` },
        ]);
      }
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const [clash] = await tx.select().from(partnerships).where(eq(partnerships.slug, input.slug));
        if (clash)
          throw new ValidationError([{ field: "slug", message: `Slug ${input.slug} is already taken` }]);
        // A region is added first (`waymark region add`); it is named by its slug or its exact name.
        const regionId = input.region ? (await resolveRegion(tx, input.region)).id : null;
        const [row] = await tx
          .insert(partnerships)
          .values({ slug: input.slug, name: input.name, areaName: input.areaName, regionId })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: row.id,
          action: "partnership.create",
          entityType: "partnership",
          entityId: row.id,
          after: row,
          ...(regionId === null ? {} : { regionId }),
        });
        return row;
      });
    },
  };
}

export type PartnershipService = ReturnType<typeof createPartnershipService>;

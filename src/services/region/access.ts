import {
  findRegionContext,
  listRegionPartnerships,
  listRegionsOfUser,
  type RegionPartnership,
} from "../../data/region/sharing.ts";
import type { Db, Executor } from "../../db/database.ts";
import type { SharingKind } from "../../domain/region/vocabulary.ts";
import type { Actor, RegionActor } from "../actor.ts";
import { ForbiddenError } from "../errors.ts";

export interface RegionContext {
  actor: RegionActor;
  region: { id: number; slug: string; name: string };
}

const SWITCH: Record<SharingKind, keyof RegionPartnership> = {
  statistics: "shareStatistics",
  ratings: "shareRatings",
  funding: "shareFunding",
  assessments: "shareAssessments",
  governance: "shareGovernance",
};

/** Whether this partnership lets its region see this kind of data. */
export function shares(partnership: RegionPartnership, kind: SharingKind): boolean {
  return partnership[SWITCH[kind]] === true;
}

/**
 * The one door from a region into its partnerships' data. Every regional read asks it which
 * partnerships share that kind of data, and reads only those: a regional user never sees a
 * partnership outside the region, nor one that has switched the kind off.
 */
export function createRegionAccess(db: Db) {
  return {
    async context(userId: number, slug: string): Promise<RegionContext | null> {
      const row = await findRegionContext(db, userId, slug);
      if (!row) return null;
      return {
        actor: {
          kind: "region",
          userId: row.userId,
          email: row.email,
          name: row.name,
          regionId: row.regionId,
          regionSlug: row.regionSlug,
          role: row.role,
        },
        region: { id: row.regionId, slug: row.regionSlug, name: row.regionName },
      };
    },

    /** The regions a person holds a place in (the choose page after sign-in). */
    regionsOf: (userId: number) => listRegionsOfUser(db, userId),

    /** Every partnership of the actor's region with its sharing switches (names are not shared data). */
    async partnerships(actor: Actor, ex: Executor = db): Promise<RegionPartnership[]> {
      if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
      return listRegionPartnerships(ex, actor.regionId);
    },

    /**
     * The partnerships of the actor's region that share this kind of data. Inside a transaction pass
     * its `tx`: the embedded database has one connection, so a read on `db` there would wait for ever.
     */
    async sharing(actor: Actor, kind: SharingKind, ex: Executor = db): Promise<RegionPartnership[]> {
      if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
      return (await listRegionPartnerships(ex, actor.regionId)).filter((p) => shares(p, kind));
    },
  };
}

export type RegionAccess = ReturnType<typeof createRegionAccess>;

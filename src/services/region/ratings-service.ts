import { desc, inArray } from "drizzle-orm";
import type { RegionPartnership } from "../../data/region/sharing.ts";
import type { Db } from "../../db/database.ts";
import { strategies } from "../../db/schema.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError } from "../errors.ts";
import { ratingBasis } from "../ratings/basis.ts";
import { effectiveRating, zeroCounts } from "../ratings/effective.ts";
import type { RatingCounts } from "../ratings/types.ts";
import { shares } from "./access.ts";

export interface PartnershipRatings {
  partnershipId: number;
  name: string;
  /** The partnership's latest strategy, or null when it has none yet. */
  strategyTitle: string | null;
  counts: RatingCounts;
  commitments: number;
}

/**
 * Commitment ratings as the region sees them: for each partnership sharing its ratings, how many
 * commitments of its latest strategy stand at each effective rating (overrides applied, as its own
 * strategy page shows them). Counts only — never a commitment's words, updates or people. Two
 * queries, however many partnerships.
 */
export function createRegionRatings(db: Db) {
  return {
    /** `partnerships`: the actor's region's, as regionAccess.partnerships read them for the same page. */
    async summary(
      actor: Actor,
      partnerships: readonly RegionPartnership[],
    ): Promise<{ shared: PartnershipRatings[]; notShared: string[] }> {
      if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
      const sharing = partnerships.filter((p) => shares(p, "ratings"));
      const notShared = partnerships.filter((p) => !shares(p, "ratings")).map((p) => p.name);
      if (sharing.length === 0) return { shared: [], notShared };
      const latest = await db
        .selectDistinctOn([strategies.partnershipId], {
          id: strategies.id,
          partnershipId: strategies.partnershipId,
          title: strategies.title,
        })
        .from(strategies)
        .where(
          inArray(
            strategies.partnershipId,
            sharing.map((p) => p.id),
          ),
        )
        .orderBy(strategies.partnershipId, desc(strategies.startYear), desc(strategies.id));
      const rows =
        latest.length === 0
          ? []
          : await ratingBasis(
              db,
              latest.map((s) => s.partnershipId),
              { strategyIds: latest.map((s) => s.id) },
              { unrated: false },
            );
      const shared = sharing.map((p) => {
        const counts = zeroCounts();
        const own = rows.filter((r) => r.partnershipId === p.id); // a region holds a handful
        for (const r of own) counts[effectiveRating(r.stored, r.override, 0, null).rating] += 1;
        return {
          partnershipId: p.id,
          name: p.name,
          strategyTitle: latest.find((s) => s.partnershipId === p.id)?.title ?? null,
          counts,
          commitments: own.length,
        };
      });
      return { shared, notShared };
    },
  };
}

export type RegionRatings = ReturnType<typeof createRegionRatings>;

// The side-by-side comparison (issue 15): the region's partnerships that share their
// self-assessments, against one published standard's criteria for one cycle. Only submitted and
// moderated self-assessments count (data/region/comparison-reads.ts leaves drafts out in SQL); which
// partnerships may be read comes from services.regionAccess alone.

import {
  listRegionStandardsAndCycles,
  loadComparisonData,
  type RegionCycleChoice,
  type RegionStandardChoice,
} from "../../data/region/comparison-reads.ts";
import type { RegionPartnership } from "../../data/region/sharing.ts";
import { loadStandardOutline } from "../../data/region/standards.ts";
import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../domain/calendar-dates.ts";
import { endOfUkDay } from "../../reports/history.ts";
import type { Actor, RegionActor } from "../actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { type RegionAccess, shares } from "./access.ts";
import { buildComparisonMatrix, type ComparisonMatrix } from "./comparison-matrix.ts";

export interface ComparisonQuery {
  standardId?: number;
  cycleId?: number;
  /** Show only these themes; every theme when empty. */
  themeIds?: number[];
}

export interface Comparison {
  standards: RegionStandardChoice[];
  /** The chosen standard's cycles, latest first. */
  cycles: RegionCycleChoice[];
  standard: RegionStandardChoice | null;
  cycle: RegionCycleChoice | null;
  /** Every theme of the standard, for the filter. */
  themes: Array<{ id: number; number: string; title: string }>;
  themeIds: number[];
  matrix: ComparisonMatrix | null;
  /** The region's partnerships that do not share their self-assessments (names are not shared data). */
  notSharing: Array<{ id: number; name: string }>;
}

export interface StandardResult {
  standard: RegionStandardChoice;
  cycle: RegionCycleChoice;
  matrix: ComparisonMatrix;
}

function regionActor(actor: Actor): RegionActor {
  if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
  return actor;
}

const compared = (p: RegionPartnership) => ({ id: p.id, name: p.name, areaName: p.areaName });

export function createRegionComparisonService(db: Db, access: RegionAccess) {
  async function sharingAndNot(actor: RegionActor) {
    // One read of the region's partnerships, split by the access service's own switch.
    const all = await access.partnerships(actor);
    return {
      sharing: all.filter((p) => shares(p, "assessments")),
      notSharing: all.filter((p) => !shares(p, "assessments")).map((p) => ({ id: p.id, name: p.name })),
    };
  }

  return {
    /**
     * The table for one standard and cycle: the first published standard and its latest cycle when
     * none is chosen. A standard or cycle that is not this region's is "not found", as is a theme
     * not of the standard.
     */
    async compare(actor: Actor, query: ComparisonQuery = {}): Promise<Comparison> {
      const region = regionActor(actor);
      const [{ standards, cycles: allCycles }, { sharing, notSharing }] = await Promise.all([
        listRegionStandardsAndCycles(db, region.regionId),
        sharingAndNot(region),
      ]);
      // A cycle names its standard; a standard chosen with a cycle of another of the region's
      // standards (the standard changed in the form, the cycle left) means that standard's latest.
      const askedCycle =
        query.cycleId === undefined ? undefined : allCycles.find((c) => c.id === query.cycleId);
      if (query.cycleId !== undefined && !askedCycle) throw new NotFoundError("That cycle");
      const standardId = query.standardId ?? askedCycle?.standardId;
      const standard =
        standardId === undefined
          ? (standards[0] ?? null)
          : (standards.find((s) => s.id === standardId) ?? null);
      if (standardId !== undefined && !standard) throw new NotFoundError("That standard");
      const cycles = standard ? allCycles.filter((c) => c.standardId === standard.id) : [];
      const cycle = askedCycle && askedCycle.standardId === standard?.id ? askedCycle : (cycles[0] ?? null);
      const empty = {
        standards,
        cycles,
        standard,
        cycle,
        themes: [],
        themeIds: [],
        matrix: null,
        notSharing,
      };
      if (!standard) return empty;
      const [outline, data] = await Promise.all([
        loadStandardOutline(db, standard.id),
        cycle
          ? loadComparisonData(
              db,
              [cycle.id],
              sharing.map((p) => p.id),
            )
          : null,
      ]);
      if (!outline) throw new NotFoundError("That standard");
      const themes = outline.themes.map((t) => ({ id: t.id, number: t.number, title: t.title }));
      const themeIds = query.themeIds ?? [];
      if (themeIds.some((id) => !themes.some((t) => t.id === id))) throw new NotFoundError("That theme");
      if (!cycle || !data) return { ...empty, themes, themeIds };
      return {
        ...empty,
        themes,
        themeIds,
        matrix: buildComparisonMatrix({
          outline,
          cycleId: cycle.id,
          partnerships: sharing.map(compared),
          data,
          regionBase: `/r/${region.regionSlug}`,
          themeIds,
        }),
      };
    },

    /**
     * Each published standard's latest cycle opened by `asAt`, compared as the region saw it then:
     * only self-assessments submitted by the end of that day, and moderation made by then (the
     * regional report's "standard results").
     */
    async resultsAsAt(actor: Actor, asAt: IsoDate): Promise<StandardResult[]> {
      const region = regionActor(actor);
      const [{ standards, cycles }, sharing] = await Promise.all([
        listRegionStandardsAndCycles(db, region.regionId),
        access.sharing(region, "assessments"),
      ]);
      const chosen = standards.flatMap((standard) => {
        const cycle = cycles.find((c) => c.standardId === standard.id && c.opensOn <= asAt);
        return cycle ? [{ standard, cycle }] : [];
      });
      const [outlines, data] = await Promise.all([
        Promise.all(chosen.map(({ standard }) => loadStandardOutline(db, standard.id))),
        loadComparisonData(
          db,
          chosen.map(({ cycle }) => cycle.id),
          sharing.map((p) => p.id),
          endOfUkDay(asAt),
        ),
      ]);
      return chosen.flatMap(({ standard, cycle }, i) => {
        const outline = outlines[i];
        if (!outline) return [];
        return [
          {
            standard,
            cycle,
            matrix: buildComparisonMatrix({
              outline,
              cycleId: cycle.id,
              partnerships: sharing.map(compared),
              data,
              regionBase: `/r/${region.regionSlug}`,
            }),
          },
        ];
      });
    },
  };
}

export type RegionComparisonService = ReturnType<typeof createRegionComparisonService>;

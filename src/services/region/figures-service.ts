// The region's figures (issue 15): spend and capacity, key statistics and the governance view. Each
// asks `regionAccess.sharing(actor, kind)` which partnerships it may read and reads only those; the
// others appear by name as "Not shared with the region". The regional report (region-compare) calls
// these three functions too, so their return types are exported and kept stable.
import type { Db } from "../../db/database.ts";
import type { IsoDate } from "../../domain/periods.ts";
import type { Actor } from "../actor.ts";
import type { RegionAccess } from "./access.ts";
import { type RegionGovernance, readRegionGovernance } from "./figures-governance.ts";
import { readSpendAndCapacity, type SpendAndCapacity } from "./figures-spend.ts";
import {
  type RegionStatistics,
  type RegionStatisticsOptions,
  readRegionStatistics,
} from "./figures-statistics.ts";

export type {
  BoardCoverage,
  ChainEntry,
  PartnershipGovernance,
  RegionGovernance,
} from "./figures-governance.ts";
export type {
  EndingContract,
  PartnershipSpend,
  PerTenThousand,
  RegionSpendYear,
  SpendAmounts,
  SpendAndCapacity,
  SpendLine,
  SpendYear,
} from "./figures-spend.ts";
export type {
  RegionIndicator,
  RegionStatistics,
  RegionStatisticsOptions,
  StatisticCell,
  StatisticPeriod,
  StatisticRow,
} from "./figures-statistics.ts";

export const NOT_SHARED = "Not shared with the region";

export function createRegionFiguresService(db: Db, access: RegionAccess) {
  return {
    /** Spend by service type and funder per year, per 10,000 people, and contracts ending within 18 months of `asAt`. */
    async spendAndCapacity(actor: Actor, asAt: IsoDate): Promise<SpendAndCapacity> {
      const [all, sharing] = await Promise.all([
        access.partnerships(actor),
        access.sharing(actor, "funding"),
      ]);
      return readSpendAndCapacity(db, all, sharing, asAt);
    },

    /**
     * Each indicator's published figures across the region with its comparators; `draw: false` leaves
     * out charts, `asAt` keeps the figures known on that day (the regional report).
     */
    async statistics(actor: Actor, options: RegionStatisticsOptions = {}): Promise<RegionStatistics> {
      const [all, sharing] = await Promise.all([
        access.partnerships(actor),
        access.sharing(actor, "statistics"),
      ]);
      return readRegionStatistics(db, all, sharing, options);
    },

    /** Each partnership's chain of boards and its Local Partnership Board's s58(2) coverage. */
    async governance(actor: Actor): Promise<RegionGovernance> {
      const [all, sharing] = await Promise.all([
        access.partnerships(actor),
        access.sharing(actor, "governance"),
      ]);
      return readRegionGovernance(db, all, sharing);
    },
  };
}

export type RegionFiguresService = ReturnType<typeof createRegionFiguresService>;

// The regional report (issue 15): the landscape, standard results, spend and capacity, key statistics
// and governance as at a date, built from the comparison service, the region's figures and its access
// (no second copy of their reads). Charts are drawn for the page and Word (PNG), not for Excel.

import { type IsoDate, isIsoDate, ukDateOf } from "../../domain/calendar-dates.ts";
import { drawPng } from "../../reports/key-statistics.ts";
import { regionReportDocument } from "../../reports/region/report-document.ts";
import type { StatisticsOutput } from "../../reports/region/report-statistics.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError, ValidationError } from "../errors.ts";
import type { RegionAccess } from "./access.ts";
import type { RegionComparisonService } from "./comparison-service.ts";
import type { RegionFiguresService } from "./figures-service.ts";
import type { RegionRatings } from "./ratings-service.ts";

export function createRegionReportService(
  access: RegionAccess,
  comparison: RegionComparisonService,
  figures: RegionFiguresService,
  ratings: RegionRatings,
  options: { clock?: () => Date } = {},
) {
  const clock = options.clock ?? (() => new Date());
  return {
    today: (): IsoDate => ukDateOf(clock()),

    async build(
      actor: Actor,
      region: { name: string; slug: string },
      asAt?: string,
      output: StatisticsOutput = "page",
    ) {
      if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
      const today = ukDateOf(clock());
      const date = asAt ?? today;
      if (!isIsoDate(date))
        throw new ValidationError([{ field: "asAt", message: "The as-at date must be a real date" }]);
      if (date > today)
        throw new ValidationError([
          { field: "asAt", message: "The as-at date must be today or in the past" },
        ]);
      const [partnerships, results, spend, statistics, governance] = await Promise.all([
        access.partnerships(actor),
        comparison.resultsAsAt(actor, date),
        figures.spendAndCapacity(actor, date),
        figures.statistics(actor, { asAt: date, draw: output !== "xlsx" }),
        figures.governance(actor),
      ]);
      const ratingsToday = date === today ? await ratings.summary(actor, partnerships) : null;
      const charted = output === "docx" ? statistics.indicators.filter((i) => i.chart !== null) : [];
      const pngs = new Map(
        await Promise.all(
          charted.map(async (i) => [i.key, await drawPng(i.chart!.svg, i.chart!.widthPx)] as const),
        ),
      );
      return regionReportDocument({
        region,
        asAt: date,
        partnerships,
        results,
        spend,
        statistics,
        governance,
        ratings: ratingsToday,
        output,
        pngs,
      });
    },
  };
}

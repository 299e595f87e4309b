// The region's figures (issue 15): spend and capacity, key statistics and the governance view, for
// every regional user. What each partnership shares decides what shows; the services read only that.
import type { FastifyInstance } from "fastify";
import { formatNumber } from "../../../domain/indicators.ts";
import { isIsoDate, ukDateOf } from "../../../domain/periods.ts";
import { CONTRACT_WINDOW_MONTHS, PER_POPULATION_RULE } from "../../../domain/region/figures.ts";
import type { Services } from "../../../services/index.ts";
import { NOT_SHARED } from "../../../services/region/figures-service.ts";
import { regionActorOf } from "./index.ts";

export function registerRegionFiguresRoutes(app: FastifyInstance, services: Services): void {
  const regional = { config: { access: "region" as const } };

  app.get("/spend", regional, async (request, reply) => {
    const { asAt: asked } = request.query as { asAt?: unknown };
    // A contracts window from another day is a bookmarkable address; anything else means today.
    const asAt = typeof asked === "string" && isIsoDate(asked) ? asked : ukDateOf(new Date());
    const spend = await services.regionFigures.spendAndCapacity(regionActorOf(request), asAt);
    return reply.page("region/figures/spend", {
      title: "Spend and capacity",
      spend,
      notShared: NOT_SHARED,
      perPopulationRule: PER_POPULATION_RULE,
      windowMonths: CONTRACT_WINDOW_MONTHS,
      formatNumber: (n: number) => formatNumber(n, 0),
    });
  });

  app.get("/statistics", regional, async (request, reply) => {
    const statistics = await services.regionFigures.statistics(regionActorOf(request));
    return reply.page("region/figures/statistics", {
      title: "Key statistics",
      statistics,
      notSharing: statistics.partnerships.filter((p) => !p.shared).map((p) => p.name),
      notShared: NOT_SHARED,
    });
  });

  app.get("/governance", regional, async (request, reply) => {
    const governance = await services.regionFigures.governance(regionActorOf(request));
    return reply.page("region/figures/governance", {
      title: "Governance",
      governance,
      notShared: NOT_SHARED,
    });
  });
}

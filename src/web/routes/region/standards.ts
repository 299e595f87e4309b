import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services/index.ts";
import { requireRegionLead } from "../../../services/permissions.ts";
import { idParam } from "../helpers.ts";
import { regionActorOf, regionBase } from "./index.ts";
import { registerStandardPages } from "./standards-pages.ts";

/** The region's quality standards (its lead writes, every regional user reads) and each cycle's page. */
export function registerRegionStandardRoutes(app: FastifyInstance, services: Services): void {
  registerStandardPages(app, services, {
    actor: regionActorOf,
    base: regionBase,
    read: "region",
    write: "region-lead",
    requireWriter: requireRegionLead,
  });

  // A cycle: every partnership of the region and its self-assessment's state, never its content.
  app.get("/cycles/:cycleId", { config: { access: "region" } }, async (request, reply) => {
    const status = await services.standards.cycleStatus(regionActorOf(request), idParam(request, "cycleId"));
    return reply.page("region/standards/cycle", {
      title: `${status.standard.name}: ${status.cycle.name}`,
      sbase: `${regionBase(request)}/standards`,
      rbase: regionBase(request),
      ...status,
    });
  });
}

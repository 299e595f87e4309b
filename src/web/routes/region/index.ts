import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RegionActor } from "../../../services/actor.ts";
import type { Services } from "../../../services/index.ts";
import { registerRegionAssessmentRoutes } from "./assessments.ts";
import { registerRegionComparisonRoutes } from "./comparison.ts";
import { registerRegionFiguresRoutes } from "./figures.ts";
import { registerRegionHomeRoutes } from "./home.ts";
import { registerRegionPeopleRoutes } from "./people.ts";
import { registerRegionProjectRoutes } from "./projects.ts";
import { registerRegionReportRoutes } from "./report.ts";
import { registerRegionStandardRoutes } from "./standards.ts";

/** The actor the region guard resolved; routes under /r/:regionSlug always have one. */
export function regionActorOf(request: FastifyRequest): RegionActor {
  if (!request.regionActor) throw new Error("route used outside the region scope");
  return request.regionActor;
}

export function regionBase(request: FastifyRequest): string {
  return `/r/${regionActorOf(request).regionSlug}`;
}

/**
 * Everything under /r/:regionSlug belongs to one region (issue 15). The guard runs first: signed out
 * → sign in; signed in without a place in the region → 404, the same answer as a region that does
 * not exist. Routes marked `access: "region-lead"` are the lead's; their services check it again.
 */
export function registerRegionRoutes(app: FastifyInstance, services: Services): void {
  app.addHook("preHandler", async (request, reply) => {
    const user = request.session.user;
    if (!user) {
      if (request.method === "GET") {
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
      }
      return reply.code(401).page("errors/forbidden", { title: "Sign in to continue" });
    }
    const { regionSlug } = request.params as { regionSlug: string };
    const context = await services.regionAccess.context(user.id, regionSlug);
    if (!context) return reply.code(404).page("errors/not-found", { title: "Page not found" });
    request.regionActor = context.actor;
    request.region = context.region;
    if (request.routeOptions.config.access === "region-lead" && context.actor.role !== "lead") {
      return reply.code(403).page("errors/forbidden", { title: "Only the region's lead can do that" });
    }
  });

  registerRegionHomeRoutes(app, services);
  registerRegionProjectRoutes(app, services);
  registerRegionStandardRoutes(app, services);
  registerRegionComparisonRoutes(app, services);
  registerRegionReportRoutes(app, services);
  registerRegionAssessmentRoutes(app, services);
  registerRegionFiguresRoutes(app, services);
  registerRegionPeopleRoutes(app, services);
}

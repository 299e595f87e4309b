import type { FastifyInstance } from "fastify";
import { RATING_LABELS, RATINGS } from "../../../domain/rag.ts";
import { REGION_ROLE_LABELS, SHARING_KINDS, SHARING_LABELS } from "../../../domain/region/vocabulary.ts";
import type { Services } from "../../../services/index.ts";
import { shares } from "../../../services/region/access.ts";
import { regionActorOf } from "./index.ts";

export function registerRegionHomeRoutes(app: FastifyInstance, services: Services): void {
  // The region's landing page: its partnerships and what each one shares with the region.
  app.get("/", { config: { access: "region" } }, async (request, reply) => {
    const actor = regionActorOf(request);
    const partnerships = await services.regionAccess.partnerships(actor);
    const ratings = await services.regionRatings.summary(actor, partnerships);
    return reply.page("region/home", {
      title: request.region?.name ?? "Region",
      roleLabel: REGION_ROLE_LABELS[actor.role],
      sharingKinds: SHARING_KINDS.map((kind) => ({ kind, label: SHARING_LABELS[kind].label })),
      partnerships: partnerships.map((p) => ({
        name: p.name,
        areaName: p.areaName,
        shared: SHARING_KINDS.map((kind) => shares(p, kind)),
      })),
      ratingColumns: RATINGS.map((rating) => ({ rating, label: RATING_LABELS[rating] })),
      ratings,
    });
  });
}

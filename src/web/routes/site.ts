import type { FastifyInstance } from "fastify";
import { REGION_ROLE_LABELS } from "../../domain/region/vocabulary.ts";
import type { Services } from "../../services/index.ts";

export function registerSiteRoutes(app: FastifyInstance, services: Services): void {
  app.get("/", { config: { access: "public" } }, async (request, reply) => {
    const user = request.session.user;
    if (!user) return reply.redirect("/sign-in", 303);
    const [memberships, regions] = await Promise.all([
      services.auth.memberships(user.id),
      services.regionAccess.regionsOf(user.id),
    ]);
    if (memberships.length === 1 && memberships[0] && regions.length === 0) {
      return reply.redirect(`/p/${memberships[0].slug}`, 303);
    }
    if (memberships.length === 0 && regions.length === 1 && regions[0]) {
      return reply.redirect(`/r/${regions[0].slug}`, 303);
    }
    return reply.page("auth/choose-partnership", {
      title: "Choose a partnership",
      memberships,
      regions: regions.map((r) => ({ ...r, roleLabel: REGION_ROLE_LABELS[r.role] })),
    });
  });

  app.get("/accessibility", { config: { access: "public" } }, async (_request, reply) =>
    reply.page("accessibility", { title: "Accessibility statement" }),
  );

  // Liveness, for process supervisors: the process answers. Touches no database and no session, so it
  // is also the benchmark's measure of the framework's own ceiling.
  app.get("/health/live", { config: { access: "public" } }, async (_request, reply) =>
    reply.header("cache-control", "no-store").send({ status: "ok" }),
  );

  // Readiness, for load balancers and monitoring: 200 only when the database answers.
  app.get("/health", { config: { access: "public" } }, async (request, reply) => {
    try {
      await services.database.execute("select 1");
      return reply.send({ status: "ok", database: services.database.kind });
    } catch (error) {
      request.log.error({ err: error }, "health check failed");
      return reply.code(503).send({ status: "unavailable" });
    }
  });
}

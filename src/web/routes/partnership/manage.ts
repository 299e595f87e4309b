import type { FastifyInstance } from "fastify";
import { requireAdmin } from "../../../services/permissions.ts";
import { MANAGE_SECTIONS } from "../../plugins/views.ts";
import { actorOf } from "../helpers.ts";

// "Manage": the coordinator's set-up pages in one place, so the service navigation stays on one line.
export function registerManageRoutes(app: FastifyInstance): void {
  app.get("/manage", { config: { access: "admin" as const } }, async (request, reply) => {
    requireAdmin(actorOf(request));
    return reply.page("manage", { title: "Manage", sections: MANAGE_SECTIONS });
  });
}

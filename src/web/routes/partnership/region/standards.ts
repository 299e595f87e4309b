import type { FastifyInstance } from "fastify";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { actorOf, base } from "../../helpers.ts";
import { registerStandardPages } from "../../region/standards-pages.ts";

/**
 * A partnership's own quality standards (adopted from a template or copied from its region's
 * published ones; its coordinator writes) and its region's published standards, read by every member.
 * Not page-cached: a region's publishing does not move the partnership's data version.
 */
export function registerPartnershipStandardRoutes(app: FastifyInstance, services: Services): void {
  registerStandardPages(app, services, {
    actor: actorOf,
    base,
    read: "member",
    write: "admin",
    requireWriter: requireAdmin,
  });
}

import type { FastifyInstance } from "fastify";
import type { Services } from "../../../../services/index.ts";
import { registerForwardPlanRoutes } from "./forward.ts";
import { registerContextItemRoutes } from "./forward-context.ts";

/** Governance part C: the forward plan and its routes, and context items (policy and legislation watch). */
export function registerGovernanceForwardRoutes(app: FastifyInstance, services: Services): void {
  registerForwardPlanRoutes(app, services);
  registerContextItemRoutes(app, services);
}

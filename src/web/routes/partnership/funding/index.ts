import type { FastifyInstance } from "fastify";
import type { Services } from "../../../../services/index.ts";
import { registerFundingAllocationRoutes } from "./funding-allocations.ts";
import { registerFundingSpendImportRoutes } from "./funding-spend-import.ts";
import { registerFundingStreamRoutes } from "./funding-streams.ts";

/** Funding (issue 14): streams, contributions, allocations, quarterly spend and its import. */
export function registerFundingRoutes(app: FastifyInstance, services: Services): void {
  registerFundingStreamRoutes(app, services);
  registerFundingAllocationRoutes(app, services);
  registerFundingSpendImportRoutes(app, services);
}

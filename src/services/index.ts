import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { createActionPlanService } from "./action-plan-service.ts";
import { createAuditService } from "./audit-service.ts";
import { createAuthService } from "./auth-service.ts";
import { createBoardService } from "./board-service.ts";
import { createOrganisationService } from "./organisation-service.ts";
import { createPartnershipService } from "./partnership-service.ts";
import { createPeopleService } from "./people-service.ts";
import { createStrategyService } from "./strategy-service.ts";

/** The composition root: every use case, built once on one database, shared by the web and the CLI. */
export function createServices(database: Database, config: Config) {
  const db = database.db;
  return {
    config,
    database,
    auth: createAuthService(db),
    audit: createAuditService(db),
    partnerships: createPartnershipService(db),
    organisations: createOrganisationService(db),
    people: createPeopleService(db),
    boards: createBoardService(db),
    strategies: createStrategyService(db),
    actionPlans: createActionPlanService(db),
  };
}

export type Services = ReturnType<typeof createServices>;

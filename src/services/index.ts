import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { createAccountService } from "./account-service.ts";
import { createActionPlanService } from "./action-plan-service.ts";
import { createAuditService } from "./audit-service.ts";
import { createAuthService } from "./auth-service.ts";
import { createBoardPaperService } from "./board-paper-service.ts";
import { createBoardService } from "./board-service.ts";
import { createFundingReportService } from "./funding/reports-service.ts";
import { createImportService } from "./import-service.ts";
import { createIndicatorService } from "./indicator-service.ts";
import { createMailService } from "./mail-service.ts";
import { createOrganisationService } from "./organisation-service.ts";
import { createPartnershipService } from "./partnership-service.ts";
import { createPeopleService } from "./people-service.ts";
import { createPrivacyService } from "./privacy/scan.ts";
import { createRatingService } from "./rating-service.ts";
import { createRedactionService } from "./redaction/index.ts";
import { createRoundService } from "./round-service.ts";
import { createStrategyService } from "./strategy-service.ts";
import { createUpdateFeedService } from "./update-feed-service.ts";
import { createUpdateService } from "./update-service.ts";

/** The composition root: every use case, built once on one database, shared by the web and the CLI. */
export function createServices(database: Database, config: Config) {
  const db = database.db;
  /** E-mail: other services queue with enqueueMail and call mail.deliverSoon() after commit. */
  const mail = createMailService(database, config);
  return {
    config,
    database,
    auth: createAuthService(db, {
      perAccountAndAddress: config.rateLimits.signInPerAccountAndAddress,
      perAccount: config.rateLimits.signInPerAccount,
    }),
    account: createAccountService(db),
    audit: createAuditService(db),
    partnerships: createPartnershipService(db),
    organisations: createOrganisationService(db),
    people: createPeopleService(db),
    boards: createBoardService(db),
    boardPapers: createBoardPaperService(db),
    strategies: createStrategyService(db),
    actionPlans: createActionPlanService(db),
    imports: createImportService(db, config),
    rounds: createRoundService(db, config, { onMailQueued: mail.deliverSoon }),
    updates: createUpdateService(db, config, { onMailQueued: mail.deliverSoon }),
    updateFeed: createUpdateFeedService(db),
    ratings: createRatingService(db),
    redactions: createRedactionService(db),
    indicators: createIndicatorService(db),
    fundingReports: createFundingReportService(db),
    privacy: createPrivacyService(db),
    mail,
  };
}

export type Services = ReturnType<typeof createServices>;

import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { createAccountService } from "./account-service.ts";
import { createActionPlanService } from "./action-plan-service.ts";
import { createAuditService } from "./audit-service.ts";
import { createAuthService } from "./auth-service.ts";
import { createBoardPaperService } from "./board-paper-service.ts";
import { createAllocationService } from "./funding/allocation-service.ts";
import { createCommissioningService } from "./funding/commissioning-service.ts";
import { createFundingService } from "./funding/funding-service.ts";
import { createPart4Service } from "./funding/part4-service.ts";
import { createFundingReportService } from "./funding/reports-service.ts";
import { createSpendImport } from "./funding/spend-import.ts";
import { createSpendService } from "./funding/spend-service.ts";
import { createGovernanceBoardService } from "./governance/boards.ts";
import { createContextService } from "./governance/context-service.ts";
import { createForwardService } from "./governance/forward-service.ts";
import { createGovernanceMeetingsService } from "./governance/meetings-service.ts";
import { createGovernancePacksService } from "./governance/packs-service.ts";
import { createImportService } from "./import-service.ts";
import { createIndicatorService } from "./indicator-service.ts";
import { createMailService } from "./mail-service.ts";
import { createOrganisationService } from "./organisation-service.ts";
import { createPartnershipService } from "./partnership-service.ts";
import { createPeopleService } from "./people-service.ts";
import { createPrivacyService } from "./privacy/scan.ts";
import { createPublicationService } from "./publication/publication-service.ts";
import { createRatingService } from "./rating-service.ts";
import { createRedactionService } from "./redaction/index.ts";
import { createRegionAccess } from "./region/access.ts";
import { createRegionAdminService } from "./region/admin-service.ts";
import { createAssessmentsService } from "./region/assessments-service.ts";
import { createRegionComparisonService } from "./region/comparison-service.ts";
import { createRegionFiguresService } from "./region/figures-service.ts";
import { createRegionProjectsService } from "./region/projects-service.ts";
import { createRegionRatings } from "./region/ratings-service.ts";
import { createRegionReportService } from "./region/report-service.ts";
import { createRegionSharingService } from "./region/sharing-service.ts";
import { createStandardsService } from "./region/standards-service.ts";
import { createRoundService } from "./round-service.ts";
import { createSessionsService } from "./sessions-service.ts";
import { createSsoService } from "./sso-service.ts";
import { createStrategyService } from "./strategy-service.ts";
import { createTwoFactorService } from "./two-factor/two-factor-service.ts";
import { createUpdateFeedService } from "./update-feed-service.ts";
import { createUpdateService } from "./update-service.ts";

/** The composition root: every use case, built once on one database, shared by the web and the CLI. */
export function createServices(database: Database, config: Config) {
  const db = database.db;
  /** E-mail: other services queue with enqueueMail and call mail.deliverSoon() after commit. */
  const mail = createMailService(database, config);
  const indicators = createIndicatorService(db);
  const ratings = createRatingService(db);
  const regionAccess = createRegionAccess(db);
  const regionComparison = createRegionComparisonService(db, regionAccess);
  const regionFigures = createRegionFiguresService(db, regionAccess);
  const regionRatings = createRegionRatings(db);
  return {
    config,
    database,
    auth: createAuthService(db, {
      perAccountAndAddress: config.rateLimits.signInPerAccountAndAddress,
      perAccount: config.rateLimits.signInPerAccount,
    }),
    account: createAccountService(db),
    twoFactor: createTwoFactorService(db, config, { onMailQueued: mail.deliverSoon }),
    sessions: createSessionsService(db),
    sso: createSsoService(db),
    audit: createAuditService(db),
    partnerships: createPartnershipService(db),
    organisations: createOrganisationService(db),
    people: createPeopleService(db),
    governanceBoards: createGovernanceBoardService(db),
    boardPapers: createBoardPaperService(db),
    governanceMeetings: createGovernanceMeetingsService(db),
    strategies: createStrategyService(db),
    actionPlans: createActionPlanService(db),
    imports: createImportService(db, config),
    rounds: createRoundService(db, config, { onMailQueued: mail.deliverSoon }),
    updates: createUpdateService(db, config, { onMailQueued: mail.deliverSoon }),
    updateFeed: createUpdateFeedService(db),
    ratings,
    redactions: createRedactionService(db),
    publication: createPublicationService(db, ratings),
    indicators,
    governancePacks: createGovernancePacksService(db, config, {
      database,
      indicators,
      ratings,
      onMailQueued: mail.deliverSoon,
    }),
    fundingReports: createFundingReportService(db),
    privacy: createPrivacyService(db),
    /** Governance part C: the forward plan of reports up the chain of boards, and context items. */
    governanceForward: createForwardService(db),
    governanceContext: createContextService(db),
    funding: createFundingService(db),
    fundingAllocations: createAllocationService(db),
    fundingSpend: createSpendService(db),
    fundingSpendImport: createSpendImport(db),
    commissioning: createCommissioningService(db),
    fundingPart4: createPart4Service(db),
    /** The region (issue 15): which partnerships of a region share what; every regional read starts here. */
    regionAccess,
    /** Regions and their own people: `waymark region …` and the region's People page. */
    regionAdmin: createRegionAdminService(db),
    /** What each partnership shares with its region: its coordinator's page under Manage. */
    regionSharing: createRegionSharingService(db),
    regionProjects: createRegionProjectsService(db, regionAccess),
    /** The region's side-by-side comparison of self-assessments against a standard (region-compare). */
    regionComparison,
    /** The regional report as at a date: landscape and standard results (region-compare). */
    regionReport: createRegionReportService(regionAccess, regionComparison, regionFigures, regionRatings),
    /** Self-assessment against a quality standard: the partnership's, its actions, the region's moderation. */
    assessments: createAssessmentsService(db, regionAccess),
    /** The region's spend and capacity, key statistics and governance view. */
    regionFigures,
    /** Commitment ratings as counts per partnership sharing them (the region's home). */
    regionRatings,
    /** Quality standards of a region or a partnership: scale, themes, criteria, cycles (issue 15). */
    standards: createStandardsService(db),
    mail,
  };
}

export type Services = ReturnType<typeof createServices>;

import type { FastifyInstance } from "fastify";
import type { Services } from "../../../services/index.ts";
import { registerPageCache } from "../../plugins/page-cache.ts";
import { registerActionPlanRoutes } from "./action-plans.ts";
import { registerAdminRoutes } from "./admin.ts";
import { registerAuditRoutes } from "./audit.ts";
import { registerBoardPaperRoutes } from "./board-papers.ts";
import { registerCommissioningRoutes } from "./funding/commissioning.ts";
import { registerFundingRoutes } from "./funding/index.ts";
import { registerPart4Routes } from "./funding/part4.ts";
import { registerFundingReportRoutes } from "./funding/reports.ts";
import { registerBoardsRoutes } from "./governance/boards.ts";
import { registerGovernanceForwardRoutes } from "./governance/forward-routes.ts";
import { registerGovernanceMeetingRoutes } from "./governance/meetings.ts";
import { registerGovernancePacksRoutes } from "./governance/packs.ts";
import { registerHomeRoutes } from "./home.ts";
import { registerImportRoutes } from "./imports.ts";
import { registerIndicatorRoutes } from "./indicators.ts";
import { registerManageRoutes } from "./manage.ts";
import { registerOutboxRoutes } from "./outbox.ts";
import { registerPeopleRoutes } from "./people.ts";
import { registerPeopleTwoFactorRoutes } from "./people-two-factor.ts";
import { registerPublicationRoutes } from "./publication.ts";
import { registerRedactionRoutes } from "./redactions.ts";
import { registerAssessmentRoutes } from "./region/assessments.ts";
import { registerPartnershipRegionProjectRoutes } from "./region/projects.ts";
import { registerPartnershipSharingRoutes } from "./region/sharing.ts";
import { registerPartnershipStandardRoutes } from "./region/standards.ts";
import { registerReportRoutes } from "./reports.ts";
import { registerRoundRoutes } from "./rounds.ts";
import { registerSignInSettingsRoutes } from "./sign-in-settings.ts";
import { registerStrategyRoutes } from "./strategies.ts";
import { registerUpdateRoutes } from "./updates.ts";

/**
 * Everything under /p/:slug belongs to one partnership. The guard runs first: signed out → sign in;
 * signed in but not a member → 404, the same answer as a partnership that does not exist.
 */
export function registerPartnershipRoutes(app: FastifyInstance, services: Services): void {
  app.addHook("preHandler", async (request, reply) => {
    const user = request.session.user;
    if (!user) {
      if (request.method === "GET") {
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
      }
      return reply.code(401).page("errors/forbidden", { title: "Sign in to continue" });
    }
    const { slug } = request.params as { slug: string };
    const context = await services.auth.memberContext(user.id, slug);
    if (!context) return reply.code(404).page("errors/not-found", { title: "Page not found" });
    request.actor = context.actor;
    request.partnership = context.partnership;
  });
  // After the guard: a page already rendered at this data version is sent without rendering again.
  registerPageCache(app, services.config);

  registerHomeRoutes(app, services);
  registerStrategyRoutes(app, services);
  registerActionPlanRoutes(app, services);
  registerRoundRoutes(app, services);
  registerUpdateRoutes(app, services);
  registerAdminRoutes(app, services);
  registerPeopleRoutes(app, services);
  registerPeopleTwoFactorRoutes(app, services);
  registerAuditRoutes(app, services);
  registerManageRoutes(app);
  registerSignInSettingsRoutes(app, services);
  registerOutboxRoutes(app, services);
  registerRedactionRoutes(app, services);
  registerPublicationRoutes(app, services);
  // Its own scope: multipart uploads are parsed for the import routes only.
  app.register(async (scope) => registerImportRoutes(scope, services));
  registerReportRoutes(app, services);
  registerFundingReportRoutes(app, services);
  registerBoardPaperRoutes(app, services);
  registerIndicatorRoutes(app, services);
  registerGovernancePacksRoutes(app, services);
  registerGovernanceForwardRoutes(app, services);
  registerGovernanceMeetingRoutes(app, services);
  registerBoardsRoutes(app, services);
  registerFundingRoutes(app, services);
  registerCommissioningRoutes(app, services);
  registerPart4Routes(app, services);
  registerPartnershipRegionProjectRoutes(app, services);
  registerPartnershipSharingRoutes(app, services);
  registerPartnershipStandardRoutes(app, services);
  registerAssessmentRoutes(app, services);
}

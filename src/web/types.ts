import type { PartnershipActor, RegionActor } from "../services/actor.ts";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
}

export interface Flash {
  type: "success" | "important";
  heading: string;
  html?: string;
}

declare module "fastify" {
  interface Session {
    user?: SessionUser;
    flash?: Flash;
  }
  interface FastifyRequest {
    /** Set on /p/:slug routes: the signed-in user acting in that partnership. */
    actor?: PartnershipActor;
    /** Set on /p/:slug routes: the partnership being viewed. */
    partnership?: {
      id: number;
      slug: string;
      name: string;
      areaName: string;
      dataVersion: number;
      inRegion: boolean;
    };
    /** Set on /r/:regionSlug routes: the signed-in user acting in that region (issue 15). */
    regionActor?: RegionActor;
    /** Set on /r/:regionSlug routes: the region being viewed. */
    region?: { id: number; slug: string; name: string };
  }
  interface FastifyContextConfig {
    /** Who may call the route; the permission matrix test reads it. */
    access?: "public" | "signed-in" | "member" | "admin" | "api" | "region" | "region-lead";
  }
}

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
    /** When the person signed in (ms since epoch), for "Your sessions". */
    signedInAt?: number;
    /** The browser and address, coarsely ("Firefox on Windows, from 192.0.2.x"), for "Your sessions". */
    client?: string;
    /** The password was right and a two-factor code is asked for; nobody is signed in yet. */
    pendingTwoFactor?: { user: SessionUser; at: number; returnTo: string | null };
    /** A coordinator signed in without two-factor: nothing but setting it up until it is done. */
    mustSetUpTwoFactor?: boolean;
    /** The secret being set up, until its first code is confirmed (never stored anywhere else). */
    twoFactorSetup?: { secret: string; at: number };
    /** A single sign-on on its way: what the provider's answer must match (PKCE verifier, state, nonce). */
    oidcPending?: { state: string; nonce: string; verifier: string; at: number; returnTo: string | null };
    /** Signed in by single sign-on: the id token, for ending the provider's session at sign-out. */
    oidcIdToken?: string;
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

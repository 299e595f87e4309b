import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyCsrf from "@fastify/csrf-protection";
import fastifyFormbody from "@fastify/formbody";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySession from "@fastify/session";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import helmet from "helmet";
import type { Services } from "../services/index.ts";
import { registerPublicSiteRoutes } from "./routes/public-site.ts";
import "./types.ts";
import { registerErrorHandling } from "./plugins/errors.ts";
import { withLogSerializers } from "./plugins/log-redaction.ts";
import { registerRefusedInput } from "./plugins/refused-input.ts";
import { registerRequestSlots } from "./plugins/request-slots.ts";
import {
  DatabaseSessionStore,
  noStoreForSignedInPages,
  SESSION_COOKIE,
  SESSION_IDLE_MS,
  touchSessions,
} from "./plugins/session-store.ts";
import { twoFactorGate } from "./plugins/two-factor-gate.ts";
import { registerViews } from "./plugins/views.ts";
import { registerAccountRoutes } from "./routes/account.ts";
import { registerSessionRoutes } from "./routes/account-sessions.ts";
import { registerTwoFactorAccountRoutes } from "./routes/account-two-factor.ts";
import { registerApiRoutes } from "./routes/api.ts";
import { registerAuthRoutes } from "./routes/auth.ts";
import { registerBoardCalendarFeed } from "./routes/partnership/governance/boards-calendar.ts";
import { registerPartnershipRoutes } from "./routes/partnership/index.ts";
import { registerRegionRoutes } from "./routes/region/index.ts";
import { registerSiteRoutes } from "./routes/site.ts";
import { registerSsoRoutes } from "./routes/sso.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RouteRecord {
  method: string;
  url: string;
  access: string | undefined;
}

declare module "fastify" {
  interface FastifyInstance {
    routeTable: RouteRecord[];
  }
}

export interface AppOptions {
  services: Services;
  logger?: FastifyServerOptions["logger"];
}

/** Trusts the nearest `hops` proxies: hop 0 is the socket's peer, 1 the proxy before it, and so on. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

/** Builds the whole web application on a set of services; tests build it on an in-memory database. */
export async function createApp({ services, logger }: AppOptions): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: withLogSerializers(logger ?? { level: config.logLevel }),
    genReqId: () => randomUUID(),
    // Off unless TRUST_PROXY names the proxies in front (config.ts): never `true`, which would take the
    // client's own X-Forwarded-For as its address.
    // A hop count is given as the function Fastify itself makes of one (its types take no number).
    trustProxy: typeof config.trustProxy === "number" ? trustHops(config.trustProxy) : config.trustProxy,
    // Forms are small; imports (later) have their own limits.
    bodyLimit: 1024 * 1024,
  });

  // At most this many requests are worked on at once; the rest queue (plugins/request-slots.ts).
  registerRequestSlots(app, 32);
  // Security headers, from helmet's middleware built once: @fastify/helmet builds it again on every
  // request (parsing the policy each time), a measurable share of serving a cached page
  // (docs/decisions/0002-helmet-built-once.md).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Signing out of a single sign-on session redirects the form to the provider's end-session.
        formAction: ["'self'", ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.isProduction ? [] : null,
      },
    },
    // GOV.UK Frontend's assets are same-origin; nothing needs cross-origin embedding.
    crossOriginEmbedderPolicy: false,
    hsts: config.isProduction,
  });
  app.addHook("onRequest", (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    );
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: SESSION_COOKIE,
    store: new DatabaseSessionStore(services.auth.sessionStore),
    saveUninitialized: false,
    // Not rolling: writing the session on every request would put a database write behind every page.
    // touchSessions (below) renews it at most once a minute instead, which keeps the 30-minute idle
    // limit to within a minute.
    rolling: false,
    cookie: {
      httpOnly: true,
      sameSite: "lax",
      secure: config.isProduction,
      maxAge: SESSION_IDLE_MS,
      path: "/",
    },
  });
  touchSessions(app);
  twoFactorGate(app);
  noStoreForSignedInPages(app);
  await app.register(fastifyCsrf, { sessionPlugin: "@fastify/session" });
  await app.register(fastifyRateLimit, { global: false });

  await app.register(fastifyStatic, {
    root: path.join(root, "public"),
    prefix: "/public/",
    maxAge: config.isProduction ? "1d" : 0,
  });
  await app.register(fastifyStatic, {
    root: path.join(root, "node_modules/govuk-frontend/dist/govuk/assets"),
    prefix: "/assets/",
    decorateReply: false,
    maxAge: "7d",
  });

  // The route table, for the permission matrix test and for documentation.
  const routeTable: RouteRecord[] = [];
  app.decorate("routeTable", routeTable);
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") continue;
      routeTable.push({ method, url: route.url, access: route.config?.access });
    }
  });

  registerViews(app, services);
  registerErrorHandling(app);
  registerRefusedInput(app);

  // Every state-changing browser route checks the CSRF token before its handler runs.
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const changes = methods.some((m) => !["GET", "HEAD", "OPTIONS"].includes(m));
    if (!changes || route.url.startsWith("/api/")) return;
    const existing = route.preHandler
      ? Array.isArray(route.preHandler)
        ? route.preHandler
        : [route.preHandler]
      : [];
    route.preHandler = [app.csrfProtection, ...existing];
  });

  await app.register(async (scope) => registerSiteRoutes(scope, services));
  // A board's meeting feed for calendar programs, which cannot sign in (the address holds a secret).
  await app.register(async (scope) => registerBoardCalendarFeed(scope, services));
  await app.register(async (scope) => registerPublicSiteRoutes(scope, services));
  await app.register(async (scope) => registerAuthRoutes(scope, services));
  await app.register(async (scope) => registerSsoRoutes(scope, services));
  await app.register(async (scope) => registerAccountRoutes(scope, services));
  await app.register(async (scope) => registerTwoFactorAccountRoutes(scope, services));
  await app.register(async (scope) => registerSessionRoutes(scope, services));
  await app.register(async (scope) => registerPartnershipRoutes(scope, services), { prefix: "/p/:slug" });
  await app.register(async (scope) => registerRegionRoutes(scope, services), { prefix: "/r/:regionSlug" });
  await app.register(async (scope) => registerApiRoutes(scope, services), { prefix: "/api/v1" });

  return app;
}

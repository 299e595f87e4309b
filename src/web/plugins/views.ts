import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyView from "@fastify/view";
import type { FastifyInstance, FastifyReply } from "fastify";
import nunjucks from "nunjucks";
import type { Services } from "../../services/index.ts";
import { registerFilters } from "../view-filters.ts";
import { cleanForDisplay } from "./refused-input.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export const VIEW_PATHS = [
  path.join(root, "src/web/views"),
  path.join(root, "node_modules/govuk-frontend/dist"),
  path.join(root, "node_modules/@ministryofjustice/frontend"),
];

export interface NavItem {
  href: string;
  text: string;
  active: boolean;
}

declare module "fastify" {
  interface FastifyReply {
    /** Renders a page with what every page needs: user, partnership, navigation, CSRF token, flash. */
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

/** For code that renders outside a request (reports, e-mails) with the same filters as pages. */
export function createNunjucksEnvironment(): nunjucks.Environment {
  const env = nunjucks.configure(VIEW_PATHS, { autoescape: true, trimBlocks: true, lstripBlocks: true });
  registerFilters(env);
  return env;
}

export function serviceNavigation(
  slug: string,
  role: string,
  url: string,
  options: { inRegion?: boolean } = {},
): NavItem[] {
  const base = `/p/${slug}`;
  const items = [
    { href: base, text: "Home" },
    { href: `${base}/strategies`, text: "Strategy" },
    { href: `${base}/action-plans`, text: "Action plans" },
    { href: `${base}/indicators`, text: "Statistics" },
    { href: `${base}/reports`, text: "Reports" },
    { href: `${base}/boards`, text: "Boards" },
    { href: `${base}/funding`, text: "Funding" },
  ];
  // A partnership of a region: "Region" opens the projects the region funds (the host's coordinator
  // links their deliverables to its actions), which leads on to its self-assessments and standards.
  if (options.inRegion) items.push({ href: `${base}/regional-projects`, text: "Region" });
  if (role === "editor") items.push({ href: `${base}/your-updates`, text: "Your updates" });
  if (role === "admin") items.push({ href: `${base}/rounds`, text: "Updates" });
  // The coordinator's set-up pages sit under one "Manage" item, so the bar stays on one line.
  if (role === "admin") items.push({ href: `${base}/manage`, text: "Manage" });
  const pathOnly = (url.split("?")[0] ?? url).slice(base.length);
  // Pages about one record belong to the section that lists them; Home is active only on itself.
  const section = Object.entries(SECTION_OF).find(([prefix]) => pathOnly.startsWith(prefix))?.[1];
  let target = pathOnly === "" ? base : `${base}${section ?? `/${pathOnly.split("/")[1] ?? ""}`}`;
  // Partners reach rounds and updates from "Your updates".
  if (target === `${base}/rounds` && role !== "admin") target = `${base}/your-updates`;
  return items.map((i) => ({ ...i, active: i.href === target }));
}

/** The region's pages (issue 15): the same bar, its own sections; the lead's and viewers' alike. */
export function regionNavigation(slug: string, url: string): NavItem[] {
  const base = `/r/${slug}`;
  const items = [
    { href: base, text: "Region" },
    { href: `${base}/standards`, text: "Standards" },
    { href: `${base}/comparison`, text: "Comparison" },
    { href: `${base}/spend`, text: "Spend and capacity" },
    { href: `${base}/statistics`, text: "Statistics" },
    { href: `${base}/governance`, text: "Governance" },
    { href: `${base}/projects`, text: "Projects" },
    { href: `${base}/report`, text: "Report" },
    { href: `${base}/people`, text: "People" },
  ];
  const pathOnly = (url.split("?")[0] ?? url).slice(base.length);
  const first = pathOnly.split("/")[1] ?? "";
  const section =
    first === "cycles" || first === "assessments" ? "standards" : first === "audit" ? "people" : first;
  const target = pathOnly === "" ? base : `${base}/${section}`;
  return items.map((i) => ({ ...i, active: i.href === target }));
}

/** Record pages → the section whose list holds them. */
const SECTION_OF: Record<string, string> = {
  "/commitments": "/strategies",
  "/priorities": "/strategies",
  "/actions": "/action-plans",
  "/updates": "/rounds",
  "/rounds/": "/rounds",
  "/organisations": "/manage",
  "/people": "/manage",
  "/boards": "/boards",
  "/meetings": "/boards",
  "/forward-plan": "/boards",
  "/context-items": "/boards",
  "/audit": "/manage",
  "/outbox": "/manage",
  "/contributions": "/funding",
  "/allocations": "/funding",
  "/contracts": "/funding",
  "/safe-accommodation": "/manage",
  "/assessments": "/regional-projects",
  "/cycles": "/regional-projects",
  "/standards": "/regional-projects",
};

/** The pages under "Manage", for its hub page: what each is for, in the coordinator's words. */
export const MANAGE_SECTIONS = [
  {
    path: "/organisations",
    text: "Organisations",
    hint: "The partner organisations that lead actions and send updates.",
  },
  { path: "/people", text: "People", hint: "Who can sign in, their role and organisation." },
  {
    path: "/sign-in-settings",
    text: "Sign-in",
    hint: "Whether members must sign in with their organisation's account (single sign-on).",
  },
  {
    path: "/manage/region",
    text: "Sharing with the region",
    hint: "Which of the partnership's figures, ratings and assessments its region sees, and its population.",
  },
  {
    path: "/boards",
    text: "Boards",
    hint: "The boards, their terms of reference, seats, meetings and attendance.",
  },
  {
    path: "/forward-plan",
    text: "Forward plan",
    hint: "Which report goes to which board's meeting, when its paper is due, and its route up the chain.",
  },
  {
    path: "/context-items",
    text: "Context items",
    hint: "The policy and legislation watch attached to agenda items and reports.",
  },
  {
    path: "/reports/strategy-review/paper",
    text: "Board paper",
    hint: "The covering report of the strategy review, and each commitment's board summary.",
  },
  {
    path: "/funding/settings",
    text: "Funding settings",
    hint: "When a quarter's spend variance needs an explanation.",
  },
  {
    path: "/contracts",
    text: "Contract register",
    hint: "Commissioned services, their providers, terms and procurement milestones; reminders before they end.",
  },
  {
    path: "/safe-accommodation",
    text: "Part 4 annual return",
    hint: "The Domestic Abuse Act safe accommodation return for each year, and its Excel export.",
  },
  {
    path: "/manage/publication",
    text: "Public pages",
    hint: "Switch on the public pages, approve what they show and preview them.",
  },
  { path: "/audit", text: "Audit log", hint: "Every change, who made it and when." },
  { path: "/outbox", text: "Outbox", hint: "The e-mails Waymark has sent or is about to send." },
  {
    path: "/indicators/templates",
    text: "Key statistics set-up",
    hint: "Built-in indicators to switch on, comparator areas and what may be published.",
  },
] as const;

export function registerViews(app: FastifyInstance, services: Services): void {
  app.register(fastifyView, {
    engine: { nunjucks },
    templates: VIEW_PATHS,
    production: services.config.isProduction,
    viewExt: "njk",
    options: {
      autoescape: true,
      trimBlocks: true,
      lstripBlocks: true,
      onConfigure: (env: nunjucks.Environment) => registerFilters(env),
    },
  });
  app.decorateReply(
    "page",
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      const request = this.request;
      const flash = request.session?.flash;
      if (flash) request.session.flash = undefined;
      const actor = request.actor;
      // Every page of a signed-in user has a form (sign out); the sign-in page has one too.
      const csrfToken =
        request.session?.user || template.startsWith("auth/") ? this.generateCsrf() : undefined;
      // The page cache keeps a page for its session only (the token is the session's), and skips
      // pages with a flash.
      request.flashShown = Boolean(flash);
      const common = {
        currentUser: request.session?.user ?? null,
        csrfToken,
        partnership: request.partnership ?? null,
        actor: actor ?? null,
        isAdmin: actor?.role === "admin",
        region: request.region ?? null,
        regionActor: request.regionActor ?? null,
        serviceNav: actor
          ? serviceNavigation(actor.partnershipSlug, actor.role, request.url, {
              inRegion: request.partnership?.inRegion ?? false,
            })
          : request.regionActor
            ? regionNavigation(request.regionActor.regionSlug, request.url)
            : [],
        flash: flash ?? null,
      };
      // A form that held characters Waymark cannot store is shown again without them.
      const shown = request.refusedInput ? (cleanForDisplay(context) as Record<string, unknown>) : context;
      return this.view(template, { ...common, ...shown });
    },
  );
}

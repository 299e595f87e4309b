// The public site (issue 17): /public/:slug for anyone, no sign-in. Only what the coordinator approved
// (services/publication/): a partnership whose pages are off, or a slug that does not exist, is 404.
// These pages set no cookie (rendered without the session or a CSRF token, and any Set-Cookie a
// plugin adds is dropped) and are cacheable by browsers and shared caches for five minutes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Services } from "../../services/index.ts";
import type { PublicContent } from "../../services/publication/public-content.ts";
import { idParam } from "./helpers.ts";

export const PUBLIC_CACHE = "public, max-age=300";

const SECTIONS = {
  strategy: { title: "Strategy and progress", section: "strategy" },
  "board-summaries": { title: "Board summaries", section: "summaries" },
  statistics: { title: "Key statistics", section: "statistics" },
  meetings: { title: "Meeting packs and decisions", section: "governance" },
} as const;

function navigation(pb: string, url: string) {
  const items = [
    { href: pb, text: "Home" },
    { href: `${pb}/strategy`, text: "Strategy" },
    { href: `${pb}/board-summaries`, text: "Board summaries" },
    { href: `${pb}/statistics`, text: "Key statistics" },
    { href: `${pb}/meetings`, text: "Meetings" },
    { href: `${pb}/open-data`, text: "Open data" },
  ];
  const path = url.split("?")[0];
  return items.map((i) => ({ ...i, active: path === i.href }));
}

/** Everything published, as one list of flat rows (the CSV) — the same items as the JSON. */
export function openDataRows(site: PublicContent): string[][] {
  const rows: string[][] = [["section", "item", "field", "value"]];
  const push = (section: string, id: number | string, content: object) => {
    for (const [field, value] of Object.entries(content)) {
      if (field === "html") continue;
      if (Array.isArray(value)) {
        for (const v of value) rows.push([section, String(id), field, Object.values(v).join(" | ")]);
      } else rows.push([section, String(id), field, value === null ? "" : String(value)]);
    }
  };
  if (site.strategy) push("strategy", "", site.strategy);
  for (const c of site.commitments) push("commitment", c.id, c.content);
  for (const s of site.summaries) push("board summary", s.id, s.content);
  for (const i of site.indicators) push("key statistic", i.id, i.content);
  for (const p of site.packs) push("meeting pack", p.id, p.content);
  for (const d of site.decisions) push("decision", d.id, d.content);
  return rows;
}

export function openDataJson(site: PublicContent) {
  const strip = <T extends { id: number; content: object }>(items: T[]) =>
    items.map((i) => ({ id: i.id, ...i.content }));
  return {
    partnership: { name: site.partnership.name, area: site.partnership.areaName },
    strategy: site.strategy,
    commitments: strip(site.commitments),
    boardSummaries: strip(site.summaries),
    keyStatistics: strip(site.indicators),
    meetingPacks: site.packs.map(({ id, content: { html: _html, ...rest } }) => ({ id, ...rest })),
    decisions: strip(site.decisions),
  };
}

export function registerPublicSiteRoutes(app: FastifyInstance, services: Services): void {
  const open = { config: { access: "public" as const } };

  // Nothing here may set a cookie, whoever asks; and every answer may be kept by a shared cache.
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.removeHeader("set-cookie");
    if (reply.statusCode < 400) reply.header("cache-control", PUBLIC_CACHE);
    return payload;
  });

  async function siteOf(request: FastifyRequest): Promise<{ site: PublicContent; pb: string }> {
    const slug = (request.params as { slug: string }).slug;
    const site = await services.publication.publicSite(slug);
    if (!site) throw Object.assign(new Error("Not found"), { statusCode: 404 });
    return { site, pb: `/public/${site.partnership.slug}` };
  }

  function page(
    reply: FastifyReply,
    request: FastifyRequest,
    template: string,
    context: Record<string, unknown>,
  ) {
    const pb = context.pb as string;
    const site = context.site as PublicContent;
    return reply.view(template, {
      currentUser: null,
      csrfToken: undefined,
      partnership: { name: site.partnership.name, slug: site.partnership.slug },
      serviceNav: navigation(pb, request.url),
      flash: null,
      ...context,
    });
  }

  app.get("/public/:slug", open, async (request, reply) => {
    const { site, pb } = await siteOf(request);
    return page(reply, request, "public/home", { title: site.partnership.name, site, pb });
  });

  for (const [path, s] of Object.entries(SECTIONS)) {
    app.get(`/public/:slug/${path}`, open, async (request, reply) => {
      const { site, pb } = await siteOf(request);
      return page(reply, request, "public/section", {
        title: s.title,
        section: s.section,
        site,
        pb,
        packBase: `${pb}/packs`,
      });
    });
  }

  app.get("/public/:slug/packs/:packId", open, async (request, reply) => {
    const { site, pb } = await siteOf(request);
    const id = idParam(request, "packId");
    const pack = site.packs.find((p) => p.id === id);
    if (!pack) throw Object.assign(new Error("Not found"), { statusCode: 404 });
    return page(reply, request, "public/pack", { title: pack.content.title, pack, site, pb });
  });

  app.get("/public/:slug/accessibility", open, async (request, reply) => {
    const { site, pb } = await siteOf(request);
    return page(reply, request, "public/accessibility", { title: "Accessibility statement", site, pb });
  });

  app.get("/public/:slug/open-data", open, async (request, reply) => {
    const { site, pb } = await siteOf(request);
    return page(reply, request, "public/open-data", { title: "Open data", site, pb });
  });

  app.get("/public/:slug/open-data.json", open, async (request, reply) => {
    const { site } = await siteOf(request);
    return reply.type("application/json; charset=utf-8").send(openDataJson(site));
  });

  app.get("/public/:slug/open-data.csv", open, async (request, reply) => {
    const { site } = await siteOf(request);
    const { stringify } = await import("csv-stringify/sync");
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${site.partnership.slug}-open-data.csv"`)
      .send(stringify(openDataRows(site)));
  });
}

import { randomBytes } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import type { Config } from "../../config.ts";

// Rendering a page with the GOV.UK macros costs far more than the queries behind it, and most
// requests ask for a page nobody has changed since it was last rendered. A rendered page is kept
// under the partnership's data version, which every write transaction bumps (unit-of-work.ts): a
// write makes every older entry unreachable at once, in every instance, because each request reads
// the current version from the database (in the same query that checks membership).
//
// What differs between two people viewing the same page is in the key (user, role, organisation)
// or put in at sending time (the CSRF token of the sign-out form). Pages showing a one-off message
// (flash) are neither served from nor stored in the cache. Entries also expire after a minute, for
// what changes with the clock rather than with data (a deadline passing).

declare module "fastify" {
  interface FastifyContextConfig {
    /** "page": this GET page may be served from the page cache (see plugins/page-cache.ts). */
    cache?: "page";
  }
  interface FastifyRequest {
    /** The CSRF token put into the page being rendered; replaced by a marker before caching. */
    csrfTokenIssued?: string;
    /** The page showed a flash message, so it is not cached. */
    flashShown?: boolean;
    pageCacheKey?: string;
  }
}

const MAX_AGE_MS = 60_000;
const MAX_BYTES = 64 * 1024 * 1024;
/** Stands in for the CSRF token in a stored page; random so no page text can contain it. */
const TOKEN_MARK = `__waymark_csrf_${randomBytes(8).toString("hex")}__`;

interface StoredPage {
  html: string;
  hasToken: boolean;
  /** The handler's own Cache-Control (reports say private, no-store), sent again with the copy. */
  cacheControl: string | undefined;
}

function pageCacheKey(request: FastifyRequest): string | undefined {
  const { actor, partnership } = request;
  if (!actor || !partnership) return undefined;
  return [
    partnership.id,
    partnership.dataVersion,
    actor.userId,
    actor.role,
    actor.organisationId,
    request.url,
  ].join("\u0001");
}

/** Registers the cache's hooks on a scope whose guard sets request.actor and request.partnership. */
export function registerPageCache(app: FastifyInstance, config: Config): void {
  if (!config.pageCache) return;
  const pages = new LRUCache<string, StoredPage>({
    maxSize: MAX_BYTES,
    sizeCalculation: (page) => page.html.length * 2 + 64,
    ttl: MAX_AGE_MS,
  });

  const cacheable = (request: FastifyRequest) =>
    request.method === "GET" && request.routeOptions.config.cache === "page" && !request.session.flash;

  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.sent || !cacheable(request)) return;
    const key = pageCacheKey(request);
    if (!key) return;
    const stored = pages.get(key);
    if (stored === undefined) {
      request.pageCacheKey = key;
      return;
    }
    if (stored.cacheControl) reply.header("cache-control", stored.cacheControl);
    const html = stored.hasToken ? stored.html.replaceAll(TOKEN_MARK, reply.generateCsrf()) : stored.html;
    return reply.type("text/html; charset=utf-8").send(html);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const key = request.pageCacheKey;
    if (!key || reply.statusCode !== 200 || typeof payload !== "string" || request.flashShown) return payload;
    if (!String(reply.getHeader("content-type") ?? "").startsWith("text/html")) return payload;
    const token = request.csrfTokenIssued;
    const cacheControl = reply.getHeader("cache-control");
    pages.set(key, {
      html: token ? payload.replaceAll(token, TOKEN_MARK) : payload,
      hasToken: Boolean(token),
      cacheControl: typeof cacheControl === "string" ? cacheControl : undefined,
    });
    return payload;
  });
}

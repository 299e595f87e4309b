import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { negotiate } from "@fastify/accept-negotiator";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { LRUCache } from "lru-cache";
import type { Config } from "../../config.ts";

// Rendering a page with the GOV.UK macros costs far more than the queries behind it, and most
// requests ask for a page nobody has changed since it was last rendered. A rendered page is kept
// under the partnership's data version, which every write transaction bumps (unit-of-work.ts): a
// write makes every older entry unreachable at once, in every instance, because each request reads
// the current version from the database (in the same query that checks membership).
//
// A copy belongs to one session: the key holds the session id as well as the user, role and
// organisation, so the CSRF token in the stored page (issued from the session's own secret) stays
// valid for exactly the one session that can be served it, and nobody else's page can be served.
// Pages showing a one-off message (flash) are neither served from nor stored in the cache. Entries
// also expire after a minute, for what changes with the clock rather than with data (a deadline).
//
// Pages are stored gzipped, compressed once when rendered: a browser (which always accepts gzip)
// gets the stored bytes as they are, a tenth of the page's size, so serving a large page again
// costs neither rendering nor compressing. A client that does not accept gzip gets it unzipped.
//
// When several requests miss the same key at once (a board opening the report its coordinator just
// sent round), one renders and the others wait for its copy: a large page is rendered once, not once
// per request, and memory holds one rendering of it, not ten.

declare module "fastify" {
  interface FastifyContextConfig {
    /** "page": this GET page may be served from the page cache (see plugins/page-cache.ts). */
    cache?: "page";
  }
  interface FastifyRequest {
    /** The page showed a flash message, so it is not cached. */
    flashShown?: boolean;
    pageCacheKey?: string;
    /** Lets requests waiting for this request's rendering of the same page go on. */
    pageRendered?: () => void;
  }
}

const MAX_AGE_MS = 60_000;
const MAX_BYTES = 32 * 1024 * 1024;
const gzipAsync = promisify(gzip);

interface StoredPage {
  gzipped: Buffer;
  /** The handler's own Cache-Control (reports say private, no-store), sent again with the copy. */
  cacheControl: string | undefined;
}

function pageCacheKey(request: FastifyRequest): string | undefined {
  const { actor, partnership } = request;
  const sessionId = request.session?.sessionId;
  if (!actor || !partnership || !sessionId) return undefined;
  return [
    partnership.id,
    partnership.dataVersion,
    sessionId,
    actor.userId,
    actor.role,
    actor.organisationId,
    request.url,
  ].join("\u0001");
}

function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers["accept-encoding"];
  return typeof header === "string" && negotiate(header, ["gzip"]) === "gzip";
}

/** Sends a stored page: its gzipped bytes to a client that accepts them, otherwise the page itself. */
function sendStored(request: FastifyRequest, reply: FastifyReply, page: StoredPage): FastifyReply {
  if (page.cacheControl) reply.header("cache-control", page.cacheControl);
  reply.type("text/html; charset=utf-8").header("vary", "accept-encoding");
  if (acceptsGzip(request)) return reply.header("content-encoding", "gzip").send(page.gzipped);
  return reply.send(gunzipSync(page.gzipped));
}

/** Registers the cache's hooks on a scope whose guard sets request.actor and request.partnership. */
export function registerPageCache(app: FastifyInstance, config: Config): void {
  if (!config.pageCache) return;
  const pages = new LRUCache<string, StoredPage>({
    maxSize: MAX_BYTES,
    sizeCalculation: (page) => page.gzipped.length + 64,
    ttl: MAX_AGE_MS,
  });

  /** Keys being rendered now, each with a promise settled when its copy is stored (or not). */
  const rendering = new Map<string, Promise<void>>();
  const finishRendering = (request: FastifyRequest) => {
    request.pageRendered?.();
    request.pageRendered = undefined;
  };

  const cacheable = (request: FastifyRequest) =>
    request.method === "GET" && request.routeOptions.config.cache === "page" && !request.session.flash;

  app.addHook("preHandler", async (request: FastifyRequest, reply: FastifyReply) => {
    if (reply.sent || !cacheable(request)) return;
    const key = pageCacheKey(request);
    if (!key) return;
    let stored = pages.get(key);
    const pending = stored === undefined ? rendering.get(key) : undefined;
    if (pending) {
      await pending;
      stored = pages.get(key);
    }
    if (stored !== undefined) return sendStored(request, reply, stored);
    // This request renders the page; others asking for it meanwhile wait for its copy.
    request.pageCacheKey = key;
    let settle = () => {};
    const rendered = new Promise<void>((resolve) => {
      settle = resolve;
    });
    rendering.set(key, rendered);
    request.pageRendered = () => {
      if (rendering.get(key) === rendered) rendering.delete(key);
      settle();
    };
  });

  // Whatever the outcome (stored, an error page, a client gone), waiting requests go on.
  app.addHook("onResponse", async (request) => finishRendering(request));
  app.addHook("onRequestAbort", async (request) => finishRendering(request));

  app.addHook("onSend", async (request, reply, payload) => {
    const key = request.pageCacheKey;
    if (!key) return payload;
    const storable =
      reply.statusCode === 200 &&
      !request.flashShown &&
      String(reply.getHeader("content-type") ?? "").startsWith("text/html");
    if (typeof payload !== "string" || !storable) {
      finishRendering(request);
      return payload;
    }
    const cacheControl = reply.getHeader("cache-control");
    const page: StoredPage = {
      // Compressed off the main thread (libuv's pool): a large report page takes tens of ms.
      gzipped: await gzipAsync(payload),
      cacheControl: typeof cacheControl === "string" ? cacheControl : undefined,
    };
    pages.set(key, page);
    finishRendering(request);
    reply.header("vary", "accept-encoding");
    if (!acceptsGzip(request)) return payload;
    reply.header("content-encoding", "gzip");
    return page.gzipped;
  });
}

import type { SessionStore } from "@fastify/session";
import type { FastifyInstance, Session } from "fastify";

export const SESSION_COOKIE = "waymark_session";
/** Sessions end after 30 minutes without a request. */
export const SESSION_IDLE_MS = 30 * 60 * 1000;
/** A signed-in session is renewed (stored, cookie re-sent) when it was last renewed this long ago. */
export const SESSION_TOUCH_MS = 60 * 1000;

declare module "fastify" {
  interface Session {
    /** When the session was last renewed (ms since epoch); see touchSessions. */
    touchedAt?: number;
  }
}

/**
 * Renews a signed-in session at most once a minute: the changed timestamp makes @fastify/session
 * store it with a new expiry and send the cookie again. Other requests only read the session.
 */
export function touchSessions(app: FastifyInstance): void {
  app.addHook("onRequest", async (request) => {
    const session = request.session;
    if (!session?.user) return;
    const now = Date.now();
    if (session.touchedAt !== undefined && now - session.touchedAt < SESSION_TOUCH_MS) return;
    session.touchedAt = now;
    session.touch();
  });
}

/**
 * Signed-in pages, and the sign-in page, are never kept by the browser or a shared cache: after
 * sign-out the back button must not show them, nor a shared computer's next user. (The server's own
 * page cache, plugins/page-cache.ts, is another matter and keys each copy to one session.) Static
 * assets keep their own caching.
 */
export function noStoreForSignedInPages(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.url.startsWith("/public/") || request.url.startsWith("/assets/")) return payload;
    const route = request.routeOptions.url;
    if (
      request.session?.user ||
      route === "/sign-in" ||
      route === "/sign-in/two-factor" ||
      route === "/sign-out"
    ) {
      const existing = reply.getHeader("cache-control");
      if (typeof existing !== "string" || !existing.includes("no-store"))
        reply.header("cache-control", "no-store");
    }
    return payload;
  });
}

interface SessionRows {
  get(id: string): Promise<unknown | null>;
  set(id: string, data: unknown, expiresAt: Date, userId: number | null): Promise<void>;
  destroy(id: string): Promise<void>;
}

type Callback = (err?: unknown) => void;
type GetCallback = (err: unknown, result?: Session | null) => void;

/** Adapts the sessions table to @fastify/session's callback-style store. */
export class DatabaseSessionStore implements SessionStore {
  constructor(private readonly rows: SessionRows) {}

  set(sessionId: string, session: Session, callback: Callback): void {
    const expires = session.cookie.expires
      ? new Date(session.cookie.expires)
      : new Date(Date.now() + SESSION_IDLE_MS);
    // Only plain data is stored; the Session's own methods are rebuilt by the plugin on load.
    const data = JSON.parse(JSON.stringify(session)) as unknown;
    this.rows.set(sessionId, data, expires, session.user?.id ?? null).then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.rows.get(sessionId).then(
      (data) => callback(null, (data as Session | null) ?? null),
      (err) => callback(err),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.rows.destroy(sessionId).then(() => callback(), callback);
  }
}

import type { FastifyInstance } from "fastify";
import { TWO_FACTOR_SET_UP_URL } from "../routes/account-two-factor.ts";

// A coordinator who signed in with a password but has no two-factor yet, where it is required
// (TWO_FACTOR_FOR_ADMINS), is taken to set it up before anything else: every other page sends them
// there, and every other change is refused, until it is done. Signing out stays open.

const OPEN = new Set([`GET ${TWO_FACTOR_SET_UP_URL}`, `POST ${TWO_FACTOR_SET_UP_URL}`, "POST /sign-out"]);

export function twoFactorGate(app: FastifyInstance): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!request.session?.mustSetUpTwoFactor || !request.session.user) return;
    const route = request.routeOptions.url ?? "";
    if (OPEN.has(`${request.method} ${route}`)) return;
    if (route.startsWith("/public/") || route.startsWith("/assets/") || route.startsWith("/api/")) return;
    if (request.method === "GET" || request.method === "HEAD")
      return reply.redirect(TWO_FACTOR_SET_UP_URL, 303);
    return reply.code(403).page("errors/forbidden", { title: "Set up two-factor sign-in first" });
  });
}

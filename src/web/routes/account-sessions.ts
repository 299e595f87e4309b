import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Services } from "../../services/index.ts";
import { formValues, parseForm } from "../forms.ts";
import { signedInUser } from "./helpers.ts";

// "Your sessions" (issue 17): every browser the person is signed in on, this one marked; sign out of
// any other one, or of all others. (Signing out of this one is the header's Sign out.)

const signedIn = { config: { access: "signed-in" as const } };
const sessionRef = z.object({ session: z.string().regex(/^[0-9a-f]{64}$/, "Choose a session") });

export function registerSessionRoutes(app: FastifyInstance, services: Services): void {
  app.get("/account/sessions", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const sessions = await services.sessions.list(user.id, request.session.sessionId);
    return reply.page("account/sessions", { title: "Your sessions", sessions });
  });

  app.post("/account/sessions/sign-out", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const parsed = parseForm(sessionRef, formValues(request.body));
    const ended =
      parsed.ok && (await services.sessions.signOut(user.id, parsed.data.session, request.session.sessionId));
    request.session.flash = ended
      ? { type: "success", heading: "That session has been signed out" }
      : { type: "important", heading: "That session had already ended" };
    request.log.info({ userId: user.id, ended }, "signed out of another session");
    return reply.redirect("/account/sessions", 303);
  });

  app.post("/account/sessions/sign-out-others", signedIn, async (request, reply) => {
    const user = signedInUser(request, reply);
    if (!user) return reply;
    const count = await services.sessions.signOutOthers(user.id, request.session.sessionId);
    request.session.flash = {
      type: "success",
      heading:
        count === 0
          ? "You were not signed in anywhere else"
          : `You have been signed out of ${count} other ${count === 1 ? "session" : "sessions"}`,
    };
    request.log.info({ userId: user.id, count }, "signed out of other sessions");
    return reply.redirect("/account/sessions", 303);
  });
}

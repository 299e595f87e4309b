import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ForbiddenError, NotFoundError, ValidationError } from "../../services/errors.ts";
import { PersonalDataError, personalDataProblem } from "../../services/privacy/guard.ts";
import { REFUSED_FORM, refuseCharacters } from "./refused-input.ts";

const isApi = (request: FastifyRequest) => request.url.startsWith("/api/");

function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  title: string,
  template: string,
) {
  reply.code(status);
  if (isApi(request)) return reply.send({ error: title, incidentId: status >= 500 ? request.id : undefined });
  return reply.page(template, { title, incidentId: request.id });
}

/**
 * The database refused text it cannot hold: U+0000 (22021, "invalid byte sequence"; 22P05 in JSON).
 * plugins/refused-input.ts keeps such text from queries; this is the safety net behind it.
 */
function refusedByDatabase(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (code === "22021" || code === "22P05") return true;
  }
  return false;
}

/**
 * People see a plain page (with an incident id for real faults); details go only to the log.
 * Not found and forbidden are expected outcomes, logged quietly.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, 404, "Page not found", "errors/not-found"),
  );

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof NotFoundError)
      return sendError(request, reply, 404, "Page not found", "errors/not-found");
    if (error instanceof ForbiddenError) {
      return sendError(request, reply, 403, "You cannot do that", "errors/forbidden");
    }
    // A write through the API that a service refuses: 422 with what was wrong, never a 500.
    if (isApi(request) && error instanceof PersonalDataError) {
      return reply.code(422).send(personalDataProblem(error));
    }
    if (isApi(request) && error instanceof ValidationError) {
      return reply.code(422).send({ error: error.message, errors: error.errors });
    }
    // A service's refusal that a browser route did not turn into its form (handleFormErrors does).
    if (error instanceof ValidationError) {
      request.log.info({ err: error }, "refused by a service");
      return reply.code(400).page("errors/not-found", { title: "There is a problem with your request" });
    }
    if (refusedByDatabase(error)) {
      request.log.warn({ err: error }, "the database refused a character");
      return refuseCharacters(request, reply, REFUSED_FORM);
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status === 403 && (error as { code?: string }).code?.startsWith("FST_CSRF")) {
      request.log.warn({ err: error }, "CSRF check failed");
      return sendError(
        request,
        reply,
        403,
        "Your session has expired or the form is out of date",
        "errors/forbidden",
      );
    }
    if (status === 429) {
      reply.code(429);
      if (isApi(request)) return reply.send({ error: "Too many requests" });
      return reply.page("errors/too-many", { title: "Too many attempts" });
    }
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, "client error");
      reply.code(status);
      if (isApi(request)) return reply.send({ error: error.message });
      return reply.page("errors/not-found", { title: "There is a problem with your request" });
    }
    request.log.error({ err: error, incidentId: request.id }, "unhandled error");
    return sendError(
      request,
      reply,
      500,
      "Sorry, there is a problem with the service",
      "errors/server-error",
    );
  });
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ForbiddenError, NotFoundError, ValidationError } from "../../services/errors.ts";
import { PersonalDataError, personalDataProblem } from "../../services/privacy/guard.ts";

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

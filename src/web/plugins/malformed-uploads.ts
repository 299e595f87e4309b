import type { FastifyInstance } from "fastify";

// A multipart upload cut short or malformed on the way (a dropped connection, a broken client) is the
// sender's problem, not a fault of Waymark: 400 with a page saying so, never a server error. The
// parser's own refusals with a status (@fastify/multipart's FST_… errors: too many parts or files,
// not multipart) keep their 4xx status and reach the application's error pages.

const MALFORMED =
  /^(Multipart: |Unexpected end of (form|multipart data)|Malformed part header|\w+ terminated early)/;

export const MALFORMED_UPLOAD = {
  title: "The upload was not received completely",
  explanation: "The file or the form was cut short or damaged on its way to Waymark.",
  advice: "Go back, select the file again and upload it.",
};

export function isMalformedUpload(error: Error & { code?: string }): boolean {
  return MALFORMED.test(error.message) || error.code === "ERR_STREAM_PREMATURE_CLOSE";
}

/** For a scope that parses multipart bodies: malformed uploads are answered with a 400 page. */
export function registerMalformedUploadHandling(scope: FastifyInstance): void {
  scope.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (request.isMultipart?.() && isMalformedUpload(error)) {
      request.log.info({ err: error }, "malformed upload");
      return reply.code(400).page("errors/bad-request", MALFORMED_UPLOAD);
    }
    throw error; // on to the application's error pages
  });
}

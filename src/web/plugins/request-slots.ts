import type { FastifyInstance, FastifyRequest } from "fastify";
import pLimit from "p-limit";

// A cap on the requests the server works on at once; the rest wait their turn before anything is
// read for them (session, database). WHY: under a rush (200 editors saving at once) every request in
// flight holds its query results and half-built page while the others' queries run, and V8 keeps the
// heap it grew for them. Working on a few dozen at a time takes the same total CPU time, answers each
// sooner on average, and bounds that memory.

declare module "fastify" {
  interface FastifyRequest {
    /** Gives this request's slot to the next one waiting (idempotent). */
    releaseSlot?: () => void;
  }
}

export function registerRequestSlots(app: FastifyInstance, concurrency: number): void {
  const slots = pLimit(concurrency);
  const release = async (request: FastifyRequest) => {
    request.releaseSlot?.();
    request.releaseSlot = undefined;
  };
  app.addHook("onRequest", (request, _reply, done) => {
    slots(
      () =>
        new Promise<void>((resolve) => {
          request.releaseSlot = resolve;
          done();
        }),
    ).catch(() => undefined);
  });
  app.addHook("onResponse", release);
  app.addHook("onRequestAbort", release);
}

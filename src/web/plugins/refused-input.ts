import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { refusedPaths, withoutRefusedCharacters } from "../../domain/text-safety.ts";

// Characters Waymark cannot store (domain/text-safety.ts) are refused in one place, before any
// handler or guard reads the request, so none of them reaches a query:
//
// - in the address (route parameters, query string): a 400 page, or a 400 JSON problem for the API.
//   There is no form to show again, and a link holding them was not made by Waymark.
// - in a JSON body (the API): a 400 JSON problem naming the fields. Browser routes take forms only
//   (anything else is 415), so no route meets numbers, nulls or objects where a form has text.
// - in a browser form's fields: the request goes on, marked. The route's own zod check
//   (forms.ts parseForm) reports each such field first, "<Field> must not contain hidden or control
//   characters", so the page comes back with the GOV.UK error summary linked to the field and nothing
//   saved; values shown again have those characters removed (reply.page, plugins/views.ts).
//
// The safety nets behind it: a route that reads a marked field without parseForm still cannot store
// it, because inTransaction refuses any audited change holding refused text (services/unit-of-work.ts),
// and the database's own refusal of U+0000 is answered with the central 400 page (plugins/errors.ts).

/** Each marked form body → the fields that held refused characters. */
const refusedFieldsOf = new WeakMap<object, string[]>();

export function markRefusedFields(values: object, fields: string[]): void {
  if (fields.length > 0) refusedFieldsOf.set(values, fields);
}

/** The top-level fields of a form body (or of values read from it) that held refused characters. */
export function refusedFields(values: unknown): string[] {
  return values && typeof values === "object" ? (refusedFieldsOf.get(values) ?? []) : [];
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the form sent held characters Waymark cannot store; pages shown again omit them. */
    refusedInput?: boolean;
  }
}

export const REFUSED_ADDRESS = {
  title: "The web address contains characters Waymark cannot store",
  explanation:
    "The address holds hidden or control characters (such as a null byte) that Waymark does not accept.",
  advice: "Go back and follow a link on the page instead of typing or pasting the address.",
};

export const REFUSED_FORM = {
  title: "The form contained characters Waymark cannot store",
  explanation:
    "What was sent holds hidden or control characters (such as a null byte) that Waymark does not accept.",
  advice: "Go back, type the text again rather than pasting it, and try again.",
};

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

const NOT_A_FORM = {
  title: "Waymark cannot read what was sent",
  explanation: "Pages send their forms as forms; this request was sent in another format.",
  advice: "Go back to the page and use its form.",
};

const isApi = (request: FastifyRequest) => request.url.startsWith("/api/");

export function refuseCharacters(
  request: FastifyRequest,
  reply: FastifyReply,
  message: { title: string; explanation: string; advice: string },
  fields: string[] = [],
) {
  reply.code(400);
  if (isApi(request)) return reply.send({ error: message.title, fields });
  return reply.page("errors/bad-request", message);
}

/** Strings in a page's context without the refused characters (for a marked request only). */
export function cleanForDisplay(value: unknown): unknown {
  if (typeof value === "string") return withoutRefusedCharacters(value);
  if (Array.isArray(value)) return value.map(cleanForDisplay);
  const plain =
    value && typeof value === "object" && [Object.prototype, null].includes(Object.getPrototypeOf(value));
  if (plain) {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, cleanForDisplay(v)]));
  }
  return value;
}

export function registerRefusedInput(app: FastifyInstance): void {
  app.decorateRequest("refusedInput", false);
  // preHandler at the root runs before every scope's guards (and after multipart bodies are read,
  // which happens in preValidation), so the partnership guard never looks up a refused slug.
  app.addHook("preHandler", async (request, reply) => {
    if (refusedPaths(request.params).length > 0 || refusedPaths(request.query).length > 0) {
      return refuseCharacters(request, reply, REFUSED_ADDRESS);
    }
    // Browser routes take what browsers send, forms. Anything else (JSON with numbers, objects or
    // nulls where a form has text) is not a request any page makes: 415, not a guess at its meaning.
    const contentType = request.headers["content-type"];
    const sendsBody = !["GET", "HEAD", "OPTIONS"].includes(request.method);
    if (sendsBody && !isApi(request) && contentType && !FORM_TYPES.test(contentType)) {
      return reply.code(415).page("errors/bad-request", NOT_A_FORM);
    }
    const body = request.body;
    if (!body || typeof body !== "object" || Buffer.isBuffer(body)) return;
    const fields = [...new Set(refusedPaths(body).map((p) => p.split(".")[0] ?? p))];
    if (fields.length === 0) return;
    if (isApi(request)) return refuseCharacters(request, reply, REFUSED_FORM, fields);
    request.refusedInput = true;
    markRefusedFields(body, fields);
  });
}

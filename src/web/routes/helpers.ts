import type { FastifyReply, FastifyRequest } from "fastify";
import type { PartnershipActor } from "../../services/actor.ts";
import { ConflictError, type FieldError, ValidationError } from "../../services/errors.ts";
import { PersonalDataError } from "../../services/privacy/guard.ts";
import { errorMap, errorSummary } from "../forms.ts";
import type { SessionUser } from "../types.ts";

/** The actor the partnership guard resolved; routes under /p/:slug always have one. */
export function actorOf(request: FastifyRequest): PartnershipActor {
  if (!request.actor) throw new Error("route used outside the partnership scope");
  return request.actor;
}

/** Parses a numeric route parameter; anything else is a 404, never a 500. */
export function idParam(request: FastifyRequest, name: string): number {
  const raw = (request.params as Record<string, string>)[name];
  const id = Number(raw);
  if (!raw || !/^\d{1,9}$/.test(raw) || !Number.isSafeInteger(id)) {
    throw Object.assign(new Error("Not found"), { statusCode: 404 });
  }
  return id;
}

export function base(request: FastifyRequest): string {
  return `/p/${actorOf(request).partnershipSlug}`;
}

export function flash(request: FastifyRequest, heading: string, html?: string): void {
  request.session.flash = html ? { type: "success", heading, html } : { type: "success", heading };
}

export interface FormPage {
  template: string;
  title: string;
  /** Everything the template needs besides values and errors (options for selects, the record…). */
  context: Record<string, unknown>;
  values: Record<string, unknown>;
  /** Field → element id for the error summary links (date inputs, checkbox groups). */
  anchors?: Record<string, string>;
}

/** Re-renders a form with the GOV.UK error pattern: 400, "Error:" title, summary, field messages. */
export function renderFormErrors(reply: FastifyReply, page: FormPage, errors: FieldError[]) {
  return reply.code(400).page(page.template, {
    ...page.context,
    title: page.title,
    values: page.values,
    errors: errorSummary(errors, page.anchors),
    fieldErrors: errorMap(errors),
  });
}

/**
 * Turns a service's refusal into the form page: validation → field errors; a concurrent change →
 * 409 with the newer values shown and the form still holding what this user typed.
 */
export async function handleFormErrors<T>(
  reply: FastifyReply,
  page: FormPage,
  run: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false }> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof ValidationError) {
      // Text that may identify a person: the form now offers "This text identifies nobody".
      const shown =
        error instanceof PersonalDataError
          ? { ...page, context: { ...page.context, privacyCheck: true } }
          : page;
      await renderFormErrors(reply, shown, error.errors);
      return { ok: false };
    }
    if (error instanceof ConflictError) {
      await reply.code(409).page(page.template, {
        ...page.context,
        title: page.title,
        values: page.values,
        conflict: { current: error.current },
        errors: [{ text: error.message, href: "#conflict" }],
        fieldErrors: {},
      });
      return { ok: false };
    }
    throw error;
  }
}

/**
 * The signed-in person on routes outside a partnership ("Your account"), or null after answering as
 * the partnership pages do: a GET goes to sign in first, anything else is refused.
 */
export function signedInUser(request: FastifyRequest, reply: FastifyReply): SessionUser | null {
  const user = request.session.user;
  if (user) return user;
  if (request.method === "GET") reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
  else reply.code(401).page("errors/forbidden", { title: "Sign in to continue" });
  return null;
}

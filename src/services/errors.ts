// Errors that services raise and the web and CLI turn into pages, status codes and exit codes.
import type { z } from "zod";

/** The thing does not exist, or exists in a partnership the actor cannot see (never say which). */
export class NotFoundError extends Error {
  constructor(what = "That page") {
    super(`${what} was not found`);
    this.name = "NotFoundError";
  }
}

/** The actor can see the thing but their role or organisation does not allow this change. */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that") {
    super(message);
    this.name = "ForbiddenError";
  }
}

export interface FieldError {
  /** The form field's name, which is also its element id. */
  field: string;
  message: string;
}

/** Input that breaks a rule only the service can check (uniqueness, references). */
export class ValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join("; "));
    this.name = "ValidationError";
  }
}

/**
 * The schema's value, or a ValidationError with one message per field (the first, the most basic):
 * for services that take input straight from the command line or another service, not a form.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  throw new ValidationError(errors);
}

/**
 * Someone else saved the record after the form was opened. Carries what is stored now, so the page
 * can show the newer values instead of silently overwriting them.
 */
export class ConflictError<T = unknown> extends Error {
  constructor(
    readonly current: T,
    message = "Someone else changed this record after you opened it. Your changes have not been saved.",
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

// Errors that services raise and the web and CLI turn into pages, status codes and exit codes.

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

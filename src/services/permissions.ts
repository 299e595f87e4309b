import type { Actor, PartnershipActor, Role } from "./actor.ts";
import { ForbiddenError, NotFoundError } from "./errors.ts";

// The whole permission model in one place:
// - admin (the coordinator): everything in their partnership;
// - editor (a partner's lead officer): the actions their organisation leads, and read everything else;
// - viewer (board member): read only;
// - the system (CLI, demo loader): everything; an API token: read only, one partnership.
// Nobody sees another partnership's data: every tenant query filters on the actor's partnership.

export function roleOf(actor: Actor): Role {
  if (actor.kind === "member") return actor.role;
  if (actor.kind === "system") return "admin";
  return "viewer";
}

/** The partnership the actor acts in; a system actor must be given one. */
export function partnershipOf(actor: Actor): number {
  if (actor.kind === "system") {
    if (actor.partnershipId === undefined) throw new Error("system actor has no partnership in scope");
    return actor.partnershipId;
  }
  // Acting on one's own account is never a partnership's business.
  if (actor.kind === "account") throw new Error("an account actor acts in no partnership");
  // A region's people read partnerships only through services/region/, which applies the sharing.
  if (actor.kind === "region") throw new Error("a regional actor acts in no partnership");
  return actor.partnershipId;
}

export function isAdmin(actor: Actor): boolean {
  return roleOf(actor) === "admin";
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new ForbiddenError("Only the partnership's coordinator can do that");
}

/** Editors may change an action only when their organisation is one of its leads. */
export function canEditAction(actor: Actor, leadOrganisationIds: readonly number[]): boolean {
  const role = roleOf(actor);
  if (role === "admin") return true;
  if (role !== "editor" || actor.kind !== "member") return false;
  return leadOrganisationIds.includes((actor as PartnershipActor).organisationId);
}

export function requireCanEditAction(actor: Actor, leadOrganisationIds: readonly number[]): void {
  if (!canEditAction(actor, leadOrganisationIds)) {
    throw new ForbiddenError(
      "Only the coordinator or the lead organisation's editors can change this action",
    );
  }
}

/** Turns "found nothing" into the 404 that hides whether the thing exists elsewhere. */
export function found<T>(row: T | undefined, what: string): T {
  if (row === undefined) throw new NotFoundError(what);
  return row;
}

/** The regional lead manages the region's standards, cycles, moderation and projects; viewers read. */
export function requireRegionLead(actor: Actor): void {
  if (actor.kind === "system") return;
  if (actor.kind !== "region" || actor.role !== "lead") {
    throw new ForbiddenError("Only the region's lead can do that");
  }
}

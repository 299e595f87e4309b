// Who is acting. Services take an actor and decide what it may see and change; routes never do.

export type Role = "admin" | "editor" | "viewer";

export interface PartnershipActor {
  kind: "member";
  userId: number;
  email: string;
  name: string;
  partnershipId: number;
  partnershipSlug: string;
  role: Role;
  organisationId: number;
}

/** The command line and the demo loader act as the system: every partnership, every change. */
export interface SystemActor {
  kind: "system";
  label: string;
  /** The partnership in scope for tenant operations. */
  partnershipId?: number;
}

export function systemActor(label: string, partnershipId?: number): SystemActor {
  return partnershipId === undefined ? { kind: "system", label } : { kind: "system", label, partnershipId };
}

/** An API token acts read-only within one partnership. */
export interface TokenActor {
  kind: "token";
  tokenId: number;
  partnershipId: number;
  name: string;
  /** The coordinator let this token read updates that are not accepted yet. */
  allowDrafts: boolean;
}

/**
 * A signed-in person acting in a region (issue 15): the regional lead or a regional viewer. They act
 * in no partnership: services/region/ reads only what each partnership of the region shares.
 */
export interface RegionActor {
  kind: "region";
  userId: number;
  email: string;
  name: string;
  regionId: number;
  regionSlug: string;
  role: "lead" | "viewer";
}

/** A signed-in person changing their own account (name, password), in no partnership in particular. */
export interface AccountActor {
  kind: "account";
  userId: number;
  email: string;
}

export type Actor = PartnershipActor | SystemActor | TokenActor | AccountActor | RegionActor;

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "member":
    case "account":
    case "region":
      return actor.email;
    case "system":
      return actor.label;
    case "token":
      return `api token "${actor.name}"`;
  }
}

export function actorUserId(actor: Actor): number | null {
  return actor.kind === "member" || actor.kind === "account" || actor.kind === "region" ? actor.userId : null;
}

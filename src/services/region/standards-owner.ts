// Whose a quality standard is, and who may read and change it. A standard belongs to a region (its
// lead writes; any of its people reads) or to a partnership that adopted it for itself (its
// coordinator writes; its members read); a partnership's members also read their region's published
// standards, never its drafts. Anything else is "not found", as another partnership's records are.
import { regionOfPartnership, type StandardRow } from "../../data/region/standards.ts";
import type { Executor } from "../../db/database.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { partnershipOf, requireAdmin, requireRegionLead } from "../permissions.ts";

export type StandardOwner =
  | { kind: "region"; regionId: number }
  | { kind: "partnership"; partnershipId: number; regionId: number | null };

export async function ownerOf(db: Executor, actor: Actor): Promise<StandardOwner> {
  if (actor.kind === "region") return { kind: "region", regionId: actor.regionId };
  if (actor.kind === "account") throw new ForbiddenError();
  const partnershipId = partnershipOf(actor);
  return { kind: "partnership", partnershipId, regionId: await regionOfPartnership(db, partnershipId) };
}

export function ownerKey(owner: StandardOwner): { regionId: number } | { partnershipId: number } {
  return owner.kind === "region" ? { regionId: owner.regionId } : { partnershipId: owner.partnershipId };
}

export function canWrite(actor: Actor, owner: StandardOwner): boolean {
  try {
    requireWriter(actor, owner);
    return true;
  } catch {
    return false;
  }
}

/** The region's lead for a region's standards; the coordinator for a partnership's own. */
export function requireWriter(actor: Actor, owner: StandardOwner): void {
  if (owner.kind === "region") requireRegionLead(actor);
  else requireAdmin(actor);
}

export function owns(owner: StandardOwner, standard: StandardRow): boolean {
  return owner.kind === "region"
    ? standard.regionId === owner.regionId
    : standard.partnershipId === owner.partnershipId;
}

export function reads(owner: StandardOwner, standard: StandardRow): boolean {
  if (owns(owner, standard)) return true;
  return (
    owner.kind === "partnership" &&
    owner.regionId !== null &&
    standard.regionId === owner.regionId &&
    standard.status === "published"
  );
}

/** The standard if the owner may read it; otherwise "not found" (whether it exists is not said). */
export function readable(owner: StandardOwner, standard: StandardRow | undefined): StandardRow {
  if (!standard || !reads(owner, standard)) throw new NotFoundError("That standard");
  return standard;
}

/** The standard if it is the owner's own: the region's published standard is read-only to a partnership. */
export function writable(owner: StandardOwner, standard: StandardRow | undefined): StandardRow {
  const row = readable(owner, standard);
  if (!owns(owner, row)) {
    throw new ForbiddenError("This is the region's standard: adopt a copy of it to change it");
  }
  return row;
}

/** Where a change to this standard is logged: the region's log, or the partnership's. */
export function auditScope(standard: StandardRow): { partnershipId: number | null; regionId: number | null } {
  return { partnershipId: standard.partnershipId, regionId: standard.regionId };
}

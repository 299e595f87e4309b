// The region and its own people (issue 15): `waymark region add`, `region list`, `region user add`,
// and the regional lead's "People" page (add a viewer, remove one). A region's people are its own —
// the regional lead, commissioners — apart from any partnership's members. Every change is audited
// with the region (audit_log.region_id) and no partnership.
import { z } from "zod";
import { listRegionAuditEntries } from "../../data/audit.ts";
import {
  deleteRegionMembership,
  findRegionBySlugOrName,
  findRegionClash,
  findRegionMember,
  insertRegion,
  insertRegionMembership,
  listRegionMembers,
  listRegionsWithCounts,
  type RegionRow,
  setPartnershipRegion,
} from "../../data/region/regions.ts";
import { findUserByEmail } from "../../data/users.ts";
import type { Db, Executor } from "../../db/database.ts";
import { users } from "../../db/schema.ts";
import { REGION_ROLES, REGION_SLUG_PATTERN } from "../../domain/region/vocabulary.ts";
import { hasRefusedCharacters, refusedCharactersMessage } from "../../domain/text-safety.ts";
import type { Actor, RegionActor } from "../actor.ts";
import { ConflictError, ForbiddenError, NotFoundError, parseOrRefuse, ValidationError } from "../errors.ts";
import { generatePassword, hashPassword, passwordProblem } from "../passwords.ts";
import { inTransaction } from "../unit-of-work.ts";

/** A line of text: trimmed, required, at most `max` characters, nothing Waymark cannot store. */
const line = (field: string, what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${what}`)
    .max(max, `${what.charAt(0).toUpperCase()}${what.slice(1)} must be ${max} characters or fewer`)
    .refine((v) => !hasRefusedCharacters(v), refusedCharactersMessage(field));

const regionSchema = z.object({
  slug: z
    .string()
    .trim()
    .max(50, "The slug must be 50 characters or fewer")
    .regex(
      REGION_SLUG_PATTERN,
      "The slug must be lower-case letters, digits and hyphens, e.g. north-marston",
    ),
  name: line("name", "the region's name", 120),
});

const personSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, "The email address must be 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org"),
  name: line("name", "their full name", 120),
  organisationName: line("organisationName", "who they work for", 200),
  role: z.enum(REGION_ROLES, { message: "Select the regional lead or a regional viewer" }),
});

export type RegionInput = z.input<typeof regionSchema>;
export type RegionPersonInput = z.input<typeof personSchema>;

function requireSystem(actor: Actor): void {
  if (actor.kind !== "system") throw new ForbiddenError("Regions are set up from the command line");
}

function requireLead(actor: Actor): RegionActor {
  if (actor.kind !== "region" || actor.role !== "lead")
    throw new ForbiddenError("Only the region's lead can do that");
  return actor;
}

/** The message for a region nobody has added: how to add one. */
export function unknownRegionMessage(text: string): string {
  return `No region has the slug or name "${text}". Add it first with: waymark region add --slug SLUG --name NAME`;
}

/** A region named by slug or exact name, or a ValidationError saying how to add it. */
export async function resolveRegion(db: Executor, text: string, field = "region"): Promise<RegionRow> {
  const region = await findRegionBySlugOrName(db, text.trim());
  if (!region) throw new ValidationError([{ field, message: unknownRegionMessage(text.trim()) }]);
  return region;
}

const publicUser = (u: { id: number; email: string; name: string }) => ({
  id: u.id,
  email: u.email,
  name: u.name,
});

export function createRegionAdminService(db: Db) {
  /**
   * Gives a person a place in the region, creating their account if new (its password: the one
   * given, or a generated one returned once). An account that exists keeps its name and password.
   */
  async function addPerson(actor: Actor, regionId: number, input: RegionPersonInput, password?: string) {
    const person = parseOrRefuse(personSchema, input);
    if (password !== undefined) {
      const problem = passwordProblem(password, { email: person.email });
      if (problem) throw new ValidationError([{ field: "password", message: problem }]);
    }
    const existing = await findUserByEmail(db, person.email);
    const initialPassword = password ?? generatePassword();
    const passwordHash = await hashPassword(initialPassword);
    return inTransaction(db, actor, async ({ tx, audit }) => {
      let user = existing;
      if (!user) {
        const [created] = await tx
          .insert(users)
          .values({ email: person.email, name: person.name, passwordHash })
          .returning();
        if (!created) throw new Error("insert returned nothing");
        user = created;
        audit({
          partnershipId: null,
          regionId,
          action: "user.create",
          entityType: "user",
          entityId: user.id,
          after: publicUser(user),
        });
      }
      const membership = await insertRegionMembership(tx, {
        regionId,
        userId: user.id,
        role: person.role,
        organisationName: person.organisationName,
      });
      if (!membership)
        throw new ValidationError([
          { field: "email", message: `${person.email} already has a place in this region` },
        ]);
      audit({
        partnershipId: null,
        regionId,
        action: "region-membership.create",
        entityType: "region-membership",
        entityId: user.id,
        after: { ...membership, email: user.email, name: user.name },
      });
      return {
        user: publicUser(user),
        role: person.role,
        initialPassword,
        existingUser: existing !== undefined,
      };
    });
  }

  return {
    /** `waymark region add`: a new region; its slug and its name must both be free. */
    async create(actor: Actor, input: RegionInput): Promise<RegionRow> {
      requireSystem(actor);
      const values = parseOrRefuse(regionSchema, input);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const clash = await findRegionClash(tx, values.slug, values.name);
        const errors = [
          ...(clash.slug
            ? [{ field: "slug", message: `The slug ${values.slug} is already taken by another region` }]
            : []),
          ...(clash.name ? [{ field: "name", message: `A region is already called ${values.name}` }] : []),
        ];
        if (errors.length > 0) throw new ValidationError(errors);
        const row = await insertRegion(tx, values);
        audit({
          partnershipId: null,
          regionId: row.id,
          action: "region.create",
          entityType: "region",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    /** `waymark region list`: every region with its partnerships and people counted. */
    async list(actor: Actor) {
      requireSystem(actor);
      return listRegionsWithCounts(db);
    },

    /** A region by slug or exact name (the CLI's --region), or a ValidationError saying how to add it. */
    resolve: (text: string) => resolveRegion(db, text),

    /** `waymark region join`: an existing partnership joins a region (or moves to it from another). */
    async join(actor: Actor, regionText: string, partnershipSlug: string) {
      requireSystem(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const region = await resolveRegion(tx, regionText);
        const changed = await setPartnershipRegion(tx, partnershipSlug, region.id);
        if (!changed)
          throw new ValidationError([
            { field: "partnership", message: `No partnership has the slug "${partnershipSlug}"` },
          ]);
        const { before, after } = changed;
        if (before.regionId !== region.id)
          audit({
            partnershipId: before.id,
            regionId: region.id,
            action: "partnership.join-region",
            entityType: "partnership",
            entityId: before.id,
            before: { regionId: before.regionId },
            after: { regionId: after.regionId },
          });
        return { region, partnership: after, already: before.regionId === region.id };
      });
    },

    /** `waymark region user add`: the operator gives anyone a place, lead or viewer. */
    async addPersonByCli(actor: Actor, regionText: string, input: RegionPersonInput, password?: string) {
      requireSystem(actor);
      const region = await resolveRegion(db, regionText);
      return { region, ...(await addPerson(actor, region.id, input, password)) };
    },

    /** The region's own people (the People page): every regional user may read who they are. */
    async people(actor: Actor) {
      if (actor.kind !== "region") throw new ForbiddenError("Only the region's people read the region");
      return listRegionMembers(db, actor.regionId);
    },

    /** The region's own audit log (the lead's): never a partnership's entries, even about the region. */
    async auditLog(actor: Actor, limit = 200) {
      const lead = requireLead(actor);
      return listRegionAuditEntries(db, lead.regionId, limit);
    },

    /** The lead adds a regional viewer on the People page (never another lead: that is the operator's). */
    async addViewer(actor: Actor, input: Omit<RegionPersonInput, "role">) {
      const lead = requireLead(actor);
      return addPerson(lead, lead.regionId, { ...input, role: "viewer" });
    },

    /** The lead removes a regional viewer: their account stays, their place in the region goes. */
    async removeViewer(actor: Actor, userId: number, expectedVersion: number) {
      const lead = requireLead(actor);
      return inTransaction(db, lead, async ({ tx, audit }) => {
        const member = await findRegionMember(tx, lead.regionId, userId);
        if (!member) throw new NotFoundError("That person");
        if (member.role !== "viewer")
          throw new ValidationError([
            { field: "userId", message: "Only a regional viewer can be removed here" },
          ]);
        const removed = await deleteRegionMembership(tx, lead.regionId, userId, expectedVersion);
        if (!removed) throw new ConflictError(member);
        audit({
          partnershipId: null,
          regionId: lead.regionId,
          action: "region-membership.delete",
          entityType: "region-membership",
          entityId: userId,
          before: member,
        });
        return member;
      });
    },
  };
}

export type RegionAdminService = ReturnType<typeof createRegionAdminService>;

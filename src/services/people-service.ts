import { and, eq, sql } from "drizzle-orm";
import { findOrganisation } from "../data/organisations.ts";
import * as data from "../data/users.ts";
import type { Db } from "../db/database.ts";
import { memberships, users } from "../db/schema.ts";
import type { Actor, Role } from "./actor.ts";
import { ConflictError, ValidationError } from "./errors.ts";
import { generatePassword, hashPassword, passwordProblem } from "./passwords.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface PersonInput {
  email: string;
  name: string;
  organisationId: number;
  role: Role;
}

export interface MembershipInput {
  /** Changes the account's name only when the account is this partnership's alone (see update). */
  name?: string;
  organisationId: number;
  role: Role;
}

/** What an audit entry may say about a person: never the password hash. */
const publicUser = (u: data.UserRow) => ({ id: u.id, email: u.email, name: u.name });

export function createPeopleService(db: Db) {
  async function requireOrganisation(actor: Actor, organisationId: number) {
    const org = await findOrganisation(db, partnershipOf(actor), organisationId);
    if (!org)
      throw new ValidationError([
        { field: "organisationId", message: "Select an organisation of this partnership" },
      ]);
    return org;
  }

  return {
    list: (actor: Actor) => data.listMembers(db, partnershipOf(actor)),

    get: async (actor: Actor, userId: number) =>
      found(await data.findMember(db, partnershipOf(actor), userId), "That person"),

    /**
     * Adds a person to the partnership. A new account gets the name given and a password: the one given,
     * or a generated one returned once so the coordinator can pass it on. An account that already exists
     * keeps its own name and password. Either way the coordinator is told the same thing, and a
     * password is hashed, so neither the answer nor its timing says whether the account existed or
     * where else it is used.
     */
    async add(actor: Actor, input: PersonInput, password?: string) {
      requireAdmin(actor);
      await requireOrganisation(actor, input.organisationId);
      if (password !== undefined) {
        const problem = passwordProblem(password, { email: input.email });
        if (problem) throw new ValidationError([{ field: "password", message: problem }]);
      }
      const existing = await data.findUserByEmail(db, input.email);
      const initialPassword = password ?? generatePassword();
      const passwordHash = await hashPassword(initialPassword);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        let user = existing;
        if (!user) {
          const [created] = await tx
            .insert(users)
            .values({ email: input.email.trim(), name: input.name, passwordHash })
            .returning();
          user = created!;
          audit({
            partnershipId: pid,
            action: "user.create",
            entityType: "user",
            entityId: user.id,
            after: publicUser(user),
          });
        } else {
          const [already] = await tx
            .select()
            .from(memberships)
            .where(and(eq(memberships.partnershipId, pid), eq(memberships.userId, user.id)));
          if (already) {
            throw new ValidationError([
              { field: "email", message: `${input.email} is already in this partnership` },
            ]);
          }
        }
        const [membership] = await tx
          .insert(memberships)
          .values({
            partnershipId: pid,
            userId: user.id,
            organisationId: input.organisationId,
            role: input.role,
          })
          .returning();
        audit({
          partnershipId: pid,
          action: "membership.create",
          entityType: "membership",
          entityId: user.id,
          after: membership,
        });
        return {
          user: publicUser(user),
          /** For the coordinator to pass on; it opens the account only if the account is new. */
          initialPassword,
          /** Only for the command line, whose operator sees every partnership anyway. */
          existingUser: existing !== undefined,
        };
      });
    },

    async update(actor: Actor, userId: number, expectedVersion: number, input: MembershipInput) {
      requireAdmin(actor);
      await requireOrganisation(actor, input.organisationId);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const before = found(await data.findMember(tx, pid, userId), "That person");
        if (before.version !== expectedVersion) throw new ConflictError(before);
        const [after] = await tx
          .update(memberships)
          .set({
            organisationId: input.organisationId,
            role: input.role,
            version: sql`${memberships.version} + 1`,
          })
          .where(
            and(
              eq(memberships.partnershipId, pid),
              eq(memberships.userId, userId),
              eq(memberships.version, expectedVersion),
            ),
          )
          .returning();
        if (!after) throw new ConflictError(before);
        // The name is the person's own. The coordinator may correct it only when the account is this
        // partnership's alone: otherwise it would change how every other partnership sees them.
        const renamed = input.name !== undefined && input.name !== before.name;
        if (renamed && before.sharedAccount)
          throw new ValidationError([
            { field: "name", message: `Only ${before.name} can change their name` },
          ]);
        if (renamed)
          await tx
            .update(users)
            .set({ name: input.name, version: sql`${users.version} + 1` })
            .where(eq(users.id, userId));
        const { sharedAccount: _shared, ...shown } = before;
        audit({
          partnershipId: pid,
          action: "membership.update",
          entityType: "membership",
          entityId: userId,
          before: shown,
          after: { ...after, name: renamed ? input.name : before.name },
        });
        return after;
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;

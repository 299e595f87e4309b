import { and, eq, sql } from "drizzle-orm";
import { findUserByEmail, listMembershipsOfUser } from "../data/users.ts";
import type { Db } from "../db/database.ts";
import { memberships, partnerships } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ConflictError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { inTransaction } from "./unit-of-work.ts";

// Single sign-on's side of the database (issue 17): the provider's verified e-mail finds an account
// that already exists, never makes one; each sign-in is audited in every partnership the person
// belongs to.

export interface SsoUser {
  id: number;
  email: string;
  name: string;
}

export function createSsoService(db: Db) {
  return {
    /** The existing account with this e-mail address, or null: signing in never creates one. */
    async findAccount(email: string): Promise<SsoUser | null> {
      const user = await findUserByEmail(db, email);
      return user ? { id: user.id, email: user.email, name: user.name } : null;
    },

    /** Audits a sign-in by single sign-on: who, and through which provider. */
    async recordSignIn(user: SsoUser, issuer: string): Promise<void> {
      const partnerships = await listMembershipsOfUser(db, user.id);
      const ids = partnerships.length > 0 ? partnerships.map((m) => m.partnershipId) : [null];
      await inTransaction(db, { kind: "account", userId: user.id, email: user.email }, async ({ audit }) => {
        for (const partnershipId of ids)
          audit({
            partnershipId,
            action: "user.sign-in-sso",
            entityType: "user",
            entityId: user.id,
            after: { issuer },
          });
      });
    },

    /** The partnerships of this person that require single sign-on (their password is refused). */
    async requiringPartnerships(userId: number): Promise<string[]> {
      const rows = await db
        .select({ name: partnerships.name })
        .from(memberships)
        .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
        .where(and(eq(memberships.userId, userId), eq(partnerships.ssoRequired, true)));
      return rows.map((r) => r.name);
    },

    /** Whether the coordinator's partnership requires single sign-on, with the version read. */
    async setting(actor: Actor): Promise<{ ssoRequired: boolean; version: number }> {
      requireAdmin(actor);
      const [row] = await db
        .select({ ssoRequired: partnerships.ssoRequired, version: partnerships.version })
        .from(partnerships)
        .where(eq(partnerships.id, partnershipOf(actor)));
      return found(row, "The partnership");
    },

    /** Requires (or stops requiring) single sign-on for the partnership's members; audited, versioned. */
    async setRequired(actor: Actor, required: boolean, expectedVersion: number): Promise<void> {
      requireAdmin(actor);
      await inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const [before] = await tx.select().from(partnerships).where(eq(partnerships.id, pid)).for("update");
        found(before, "The partnership");
        if (before?.version !== expectedVersion) throw new ConflictError(before);
        await tx
          .update(partnerships)
          .set({ ssoRequired: required, version: sql`${partnerships.version} + 1` })
          .where(eq(partnerships.id, pid));
        audit({
          partnershipId: pid,
          action: "partnership.sso-required",
          entityType: "partnership",
          entityId: pid,
          before: { ssoRequired: before.ssoRequired },
          after: { ssoRequired: required },
        });
      });
    },
  };
}

export type SsoService = ReturnType<typeof createSsoService>;

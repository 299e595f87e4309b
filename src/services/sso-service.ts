import { findUserByEmail, listMembershipsOfUser } from "../data/users.ts";
import type { Db } from "../db/database.ts";
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
  };
}

export type SsoService = ReturnType<typeof createSsoService>;

import { createHash } from "node:crypto";
import { and, eq, ne, sql } from "drizzle-orm";
import { findUser, findUserByEmail, listMembershipsOfUser } from "../data/users.ts";
import type { Db } from "../db/database.ts";
import { sessions, users } from "../db/schema.ts";
import type { AccountActor, SystemActor } from "./actor.ts";
import { NotFoundError, ValidationError } from "./errors.ts";
import { generatePassword, hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
import { found } from "./permissions.ts";
import { type AuditRecord, inTransaction } from "./unit-of-work.ts";

// A person's own account: their name and password are theirs to change (a coordinator changes only
// their partnership's membership). Each change is audited in every partnership the person belongs
// to, since each of them sees the account; a password is never written to the audit log.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function createAccountService(db: Db) {
  /** One audit record per partnership of the user (or one for no partnership, if they have none). */
  async function auditEverywhere(userId: number, record: Omit<AuditRecord, "partnershipId">) {
    const partnerships = await listMembershipsOfUser(db, userId);
    const ids = partnerships.length > 0 ? partnerships.map((m) => m.partnershipId) : [null];
    return ids.map((partnershipId) => ({ ...record, partnershipId }));
  }

  return {
    async get(actor: AccountActor) {
      const user = found(await findUser(db, actor.userId), "Your account");
      const partnerships = await listMembershipsOfUser(db, actor.userId);
      return { id: user.id, email: user.email, name: user.name, partnerships };
    },

    async changeName(actor: AccountActor, name: string) {
      const before = found(await findUser(db, actor.userId), "Your account");
      if (before.name === name) return { name };
      const records = await auditEverywhere(actor.userId, {
        action: "user.update",
        entityType: "user",
        entityId: actor.userId,
        before: { name: before.name },
        after: { name },
      });
      await inTransaction(db, actor, async ({ tx, audit }) => {
        await tx
          .update(users)
          .set({ name, version: sql`${users.version} + 1` })
          .where(eq(users.id, actor.userId));
        for (const record of records) audit(record);
      });
      return { name };
    },

    /**
     * For someone who has forgotten their password: the operator (command line) sets a new one, given
     * or generated, and every session of theirs ends. No partnership's coordinator can do this, since
     * an account may be shared by several partnerships.
     */
    async resetPassword(actor: SystemActor, email: string, password?: string) {
      const user = await findUserByEmail(db, email);
      if (!user) throw new NotFoundError(`An account for ${email}`);
      if (password !== undefined) {
        const problem = passwordProblem(password, { email: user.email });
        if (problem) throw new ValidationError([{ field: "password", message: problem }]);
      }
      const newPassword = password ?? generatePassword();
      const passwordHash = await hashPassword(newPassword);
      const records = await auditEverywhere(user.id, {
        action: "user-password.update",
        entityType: "user",
        entityId: user.id,
        after: { reset: "from the command line" },
      });
      await inTransaction(db, actor, async ({ tx, audit }) => {
        await tx
          .update(users)
          .set({ passwordHash, version: sql`${users.version} + 1` })
          .where(eq(users.id, user.id));
        await tx.delete(sessions).where(eq(sessions.userId, user.id));
        for (const record of records) audit(record);
      });
      return { email: user.email, generatedPassword: password === undefined ? newPassword : null };
    },

    /**
     * Changes the person's password once they have given their current one, and ends every other
     * session of theirs (someone who learnt the old password may be signed in elsewhere); the caller
     * gives the current session's id so it is kept, to be regenerated.
     */
    async changePassword(
      actor: AccountActor,
      input: { currentPassword: string; newPassword: string },
      currentSessionId: string,
    ): Promise<void> {
      const user = found(await findUser(db, actor.userId), "Your account");
      if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
        throw new ValidationError([
          { field: "currentPassword", message: "Your current password is not right" },
        ]);
      const problem =
        input.newPassword === input.currentPassword
          ? "Your new password must be different from your current password"
          : passwordProblem(input.newPassword, { email: user.email });
      if (problem) throw new ValidationError([{ field: "newPassword", message: problem }]);
      const passwordHash = await hashPassword(input.newPassword);
      const records = await auditEverywhere(actor.userId, {
        action: "user-password.update",
        entityType: "user",
        entityId: actor.userId,
      });
      await inTransaction(db, actor, async ({ tx, audit }) => {
        await tx
          .update(users)
          .set({ passwordHash, version: sql`${users.version} + 1` })
          .where(eq(users.id, actor.userId));
        await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, actor.userId), ne(sessions.idHash, sha256(currentSessionId))));
        for (const record of records) audit(record);
      });
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

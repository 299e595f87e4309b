import { createHash } from "node:crypto";
import { and, eq, isNull, ne, sql } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { findMember, findUser, findUserByEmail, listMembershipsOfUser } from "../../data/users.ts";
import type { Db } from "../../db/database.ts";
import { memberships, sessions } from "../../db/schema.ts";
import { recoveryCodes, userTwoFactor } from "../../db/schema-two-factor.ts";
import { enqueueMail } from "../../notify/outbox.ts";
import type { AccountActor, PartnershipActor, SystemActor } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { found, partnershipOf, requireAdmin } from "../permissions.ts";
import { type AuditRecord, inTransaction } from "../unit-of-work.ts";
import { createSecretBox } from "./secret-box.ts";
import { matchingStep, newRecoveryCodes, recoveryCodeHash } from "./totp.ts";

// Two-factor sign-in (issue 17): setting it up, checking a code or recovery code at sign-in,
// turning it off, and a reset by another coordinator. Each change is audited in every partnership the
// person belongs to (each of them sees the account), never with the secret or a code.

export type CodeKind = "code" | "recovery-code";

const wrongCode = (field: string) =>
  new ValidationError([{ field, message: "Enter a correct security code or recovery code" }]);

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function createTwoFactorService(db: Db, config: Config, options: { onMailQueued?: () => void } = {}) {
  const box = createSecretBox(config.twoFactor.key);

  async function auditEverywhere(userId: number, record: Omit<AuditRecord, "partnershipId">) {
    const partnerships = await listMembershipsOfUser(db, userId);
    const ids = partnerships.length > 0 ? partnerships.map((m) => m.partnershipId) : [null];
    return ids.map((partnershipId) => ({ ...record, partnershipId }));
  }

  /** Whether the person coordinates any partnership (the requirement's subject). */
  async function isAdminAnywhere(userId: number): Promise<boolean> {
    const [row] = await db
      .select({ one: sql<number>`1` })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.role, "admin")))
      .limit(1);
    return row !== undefined;
  }

  /**
   * Checks a code from the app (or, when `recovery`, a recovery code) and uses it up: the step's code
   * cannot be accepted again, nor an earlier one, and a recovery code only once. Both are one
   * conditional statement, so two requests racing with the same code cannot both win.
   */
  async function useCode(userId: number, input: string, now = Date.now()): Promise<CodeKind | null> {
    const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
    if (!row) return null;
    const step = matchingStep(box.open(row.secretEncrypted), input, now);
    if (step !== null) {
      const taken = await db
        .update(userTwoFactor)
        .set({ lastStep: step })
        .where(and(eq(userTwoFactor.userId, userId), sql`${userTwoFactor.lastStep} < ${step}`))
        .returning({ userId: userTwoFactor.userId });
      return taken.length > 0 ? "code" : null;
    }
    const used = await db
      .update(recoveryCodes)
      .set({ usedAt: new Date(now) })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, recoveryCodeHash(input)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return used.length > 0 ? "recovery-code" : null;
  }

  return {
    /** What sign-in needs to know after the password: ask for a code, or require setting it up. */
    async signInState(userId: number): Promise<{ enabled: boolean; mustSetUp: boolean }> {
      const [row] = await db
        .select({
          enabled: sql<boolean>`exists (select 1 from ${userTwoFactor} where ${userTwoFactor.userId} = ${userId})`,
          admin: sql<boolean>`exists (select 1 from ${memberships} where ${memberships.userId} = ${userId} and ${memberships.role} = 'admin')`,
        })
        .from(sql`(select 1) as one`);
      const enabled = Boolean(row?.enabled);
      return { enabled, mustSetUp: !enabled && config.twoFactor.requiredForAdmins && Boolean(row?.admin) };
    },

    /** The person's own view: on since when, recovery codes left, whether they may turn it off. */
    async status(userId: number) {
      const [row] = await db
        .select({
          enabledAt: userTwoFactor.enabledAt,
          left: sql<number>`(select count(*)::int from ${recoveryCodes} where ${recoveryCodes.userId} = ${userId} and ${recoveryCodes.usedAt} is null)`,
        })
        .from(userTwoFactor)
        .where(eq(userTwoFactor.userId, userId));
      const required = config.twoFactor.requiredForAdmins && (await isAdminAnywhere(userId));
      return {
        enabled: row !== undefined,
        enabledAt: row?.enabledAt ?? null,
        recoveryCodesLeft: row?.left ?? 0,
        required,
      };
    },

    /** Whether a person has it on, for the People page. */
    async isEnabled(userId: number): Promise<boolean> {
      const [row] = await db
        .select({ userId: userTwoFactor.userId })
        .from(userTwoFactor)
        .where(eq(userTwoFactor.userId, userId));
      return row !== undefined;
    },

    /**
     * Turns two-factor on once the person has typed a code their app made from the new secret;
     * returns the ten recovery codes, to be shown once. Every other session of theirs ends.
     */
    async confirmSetup(
      actor: AccountActor,
      secret: string,
      code: string,
      currentSessionId: string,
    ): Promise<string[]> {
      const now = Date.now();
      const step = matchingStep(secret, code, now);
      if (step === null)
        throw new ValidationError([
          { field: "code", message: "Enter the 6-digit code your authenticator app shows now" },
        ]);
      const codes = newRecoveryCodes();
      const records = await auditEverywhere(actor.userId, {
        action: "user-two-factor.enable",
        entityType: "user",
        entityId: actor.userId,
        after: { twoFactor: "on", recoveryCodes: codes.length },
      });
      await inTransaction(db, actor, async ({ tx, audit }) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
        await tx
          .insert(userTwoFactor)
          .values({
            userId: actor.userId,
            secretEncrypted: box.seal(secret),
            enabledAt: new Date(now),
            lastStep: step,
          })
          .onConflictDoUpdate({
            target: userTwoFactor.userId,
            set: { secretEncrypted: box.seal(secret), enabledAt: new Date(now), lastStep: step },
          });
        await tx
          .insert(recoveryCodes)
          .values(codes.map((c) => ({ userId: actor.userId, codeHash: recoveryCodeHash(c) })));
        await tx
          .delete(sessions)
          .where(and(eq(sessions.userId, actor.userId), ne(sessions.idHash, sha256(currentSessionId))));
        for (const record of records) audit(record);
      });
      return codes;
    },

    /** The second step of signing in: a code from the app or a recovery code, used up if right. */
    async verifySignIn(userId: number, input: string): Promise<CodeKind | null> {
      const kind = await useCode(userId, input);
      if (kind === "recovery-code") {
        const user = found(await findUser(db, userId), "That account");
        const records = await auditEverywhere(userId, {
          action: "user-two-factor.recovery-code",
          entityType: "user",
          entityId: userId,
        });
        await inTransaction(db, { kind: "account", userId, email: user.email }, async ({ audit }) => {
          for (const record of records) audit(record);
        });
      }
      return kind;
    },

    /** The person turns it off with a code; refused while the requirement applies to them. */
    async turnOff(actor: AccountActor, code: string): Promise<void> {
      if (config.twoFactor.requiredForAdmins && (await isAdminAnywhere(actor.userId)))
        throw new ValidationError([
          { field: "code", message: "Coordinators must use two-factor: you cannot turn it off" },
        ]);
      if (!(await useCode(actor.userId, code))) throw wrongCode("code");
      const records = await auditEverywhere(actor.userId, {
        action: "user-two-factor.disable",
        entityType: "user",
        entityId: actor.userId,
        before: { twoFactor: "on" },
        after: { twoFactor: "off" },
      });
      await inTransaction(db, actor, async ({ tx, audit }) => {
        await tx.delete(userTwoFactor).where(eq(userTwoFactor.userId, actor.userId));
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
        for (const record of records) audit(record);
      });
    },

    /**
     * Another coordinator of a partnership the person is in resets it (a lost phone and codes): the
     * secret and codes go, every session of theirs ends, they are told by e-mail, and a coordinator
     * must set it up again at their next sign-in. Returns false when it was not on (nothing changes).
     */
    async reset(actor: PartnershipActor, userId: number): Promise<{ reset: boolean; name: string }> {
      requireAdmin(actor);
      const person = found(await findMember(db, partnershipOf(actor), userId), "That person");
      if (userId === actor.userId)
        throw new ValidationError([
          {
            field: "confirm",
            message: "Ask another coordinator to reset your two-factor, or turn it off in Your account",
          },
        ]);
      const reset = await resetPerson(
        actor,
        { id: userId, email: person.email, name: person.name },
        {
          by: `${actor.name} (${actor.email})`,
          partnershipId: actor.partnershipId,
        },
      );
      return { reset, name: person.name };
    },

    /** The operator resets it from the command line (`waymark user two-factor-reset`): the last resort. */
    async resetByOperator(actor: SystemActor, email: string): Promise<boolean> {
      const user = await findUserByEmail(db, email);
      if (!user) throw new NotFoundError(`An account for ${email}`);
      return resetPerson(actor, user, { by: "the operator of Waymark", partnershipId: null });
    },
  };

  async function resetPerson(
    actor: PartnershipActor | SystemActor,
    person: { id: number; email: string; name: string },
    how: { by: string; partnershipId: number | null },
  ): Promise<boolean> {
    const records = await auditEverywhere(person.id, {
      action: "user-two-factor.reset",
      entityType: "user",
      entityId: person.id,
      before: { twoFactor: "on" },
      after: { twoFactor: "off", resetBy: actor.kind === "member" ? actor.email : actor.label },
    });
    return inTransaction(db, actor, async ({ tx, audit, afterCommit }) => {
      const gone = await tx
        .delete(userTwoFactor)
        .where(eq(userTwoFactor.userId, person.id))
        .returning({ userId: userTwoFactor.userId });
      if (gone.length === 0) return false;
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, person.id));
      await tx.delete(sessions).where(eq(sessions.userId, person.id));
      for (const record of records) audit(record);
      await enqueueMail(tx, [
        {
          partnershipId: how.partnershipId,
          dedupeKey: `two-factor-reset:user:${person.id}:${Date.now()}`,
          kind: "two-factor-reset",
          to: person.email,
          subject: "Your Waymark two-factor sign-in has been reset",
          text: [
            `Hello ${person.name},`,
            `${how.by} has reset the two-factor sign-in of your Waymark account, and you have been signed out everywhere.`,
            `When you next sign in you can set it up again with your authenticator app:\n${config.baseUrl}/sign-in`,
            "If you did not ask for this, tell a coordinator of your partnership at once.",
          ].join("\n\n"),
        },
      ]);
      afterCommit(() => options.onMailQueued?.());
      return true;
    });
  }
}

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

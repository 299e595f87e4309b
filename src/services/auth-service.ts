import { createHash, randomBytes } from "node:crypto";
import { and, count, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { findUserByEmail, listMembershipsOfUser } from "../data/users.ts";
import type { Db } from "../db/database.ts";
import { apiTokens, memberships, partnerships, sessions, signInFailures, users } from "../db/schema.ts";
import {
  ACCOUNT_WINDOW_MS,
  PAIR_WINDOW_MS,
  type SignInLimits,
  signInThrottle,
  type ThrottleDecision,
} from "../domain/sign-in-throttle.ts";
import type { Actor, PartnershipActor, TokenActor } from "./actor.ts";
import { NotFoundError } from "./errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import { inTransaction } from "./unit-of-work.ts";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

// Verifying against a real hash when the e-mail is unknown keeps the response time the same, so the
// sign-in form does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

const emailKey = (email: string) => sha256(email.trim().toLowerCase());
/** One account from one address, hashed together so the failures table holds no addresses. */
const pairKey = (email: string, address: string) => sha256(`${emailKey(email)}\u0000${address}`);

export interface MemberContext {
  actor: PartnershipActor;
  partnership: {
    id: number;
    slug: string;
    name: string;
    areaName: string;
    dataVersion: number;
    /** It belongs to a region: its navigation leads to the region's projects. */
    inRegion: boolean;
  };
}

/**
 * The two statements behind every signed-in page, prepared once: building a Drizzle query costs more
 * CPU than PostgreSQL spends answering these, and a named statement is also planned once per
 * connection.
 */
function prepareRequestStatements(db: Db) {
  return {
    /**
     * The user acting in a partnership and that partnership (with its data version, which keys the
     * page cache), in one query: every page under /p/:slug starts with this.
     */
    memberContext: db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        partnershipId: partnerships.id,
        partnershipSlug: partnerships.slug,
        partnershipName: partnerships.name,
        areaName: partnerships.areaName,
        dataVersion: partnerships.dataVersion,
        regionId: partnerships.regionId,
        role: memberships.role,
        organisationId: memberships.organisationId,
      })
      .from(memberships)
      .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.userId, sql.placeholder("userId")),
          eq(partnerships.slug, sql.placeholder("slug")),
        ),
      )
      .prepare("waymark_member_context"),
    sessionById: db
      .select({ data: sessions.data, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.idHash, sql.placeholder("idHash")))
      .prepare("waymark_session_by_id"),
  };
}

type RequestStatements = ReturnType<typeof prepareRequestStatements>;

async function memberContext(
  statements: RequestStatements,
  userId: number,
  slug: string,
): Promise<MemberContext | null> {
  const [row] = await statements.memberContext.execute({ userId, slug });
  if (!row) return null;
  const { partnershipName, areaName, dataVersion, regionId, ...actor } = row;
  return {
    actor: { kind: "member", ...actor },
    partnership: {
      id: row.partnershipId,
      slug: row.partnershipSlug,
      name: partnershipName,
      areaName,
      dataVersion,
      inRegion: regionId !== null,
    },
  };
}

export function createAuthService(db: Db, limits: SignInLimits) {
  const statements = prepareRequestStatements(db);
  return {
    /**
     * Whether this sign-in attempt may go ahead, and after how long a pause (domain/sign-in-throttle.ts).
     * Counted in the database so the limits hold across every app instance.
     */
    async signInThrottle(email: string, address: string): Promise<ThrottleDecision> {
      const pairSince = new Date(Date.now() - PAIR_WINDOW_MS);
      const accountSince = new Date(Date.now() - ACCOUNT_WINDOW_MS);
      const [row] = await db
        .select({
          account: count(),
          pair: sql<number>`count(*) filter (where ${signInFailures.pairHash} = ${pairKey(email, address)} and ${signInFailures.at} > ${pairSince})`,
        })
        .from(signInFailures)
        .where(and(eq(signInFailures.emailHash, emailKey(email)), gt(signInFailures.at, accountSince)));
      return signInThrottle({ pair: Number(row?.pair ?? 0), account: Number(row?.account ?? 0) }, limits);
    },

    /** Holds a slowed sign-in back; tests replace it to see the delay without waiting for it. */
    pause: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),

    async recordFailure(email: string, address: string): Promise<void> {
      await db
        .insert(signInFailures)
        .values({ emailHash: emailKey(email), pairHash: pairKey(email, address) });
      await db.delete(signInFailures).where(lt(signInFailures.at, new Date(Date.now() - ACCOUNT_WINDOW_MS)));
    },

    /**
     * A correct password clears its own address's failures (a mistyped password should not count
     * against the next sign-in); failures from elsewhere still count towards the account's ceiling.
     */
    async recordSuccess(email: string, address: string): Promise<void> {
      await db.delete(signInFailures).where(eq(signInFailures.pairHash, pairKey(email, address)));
    },

    /** Checks an e-mail and password; returns the user or null, taking the same time either way. */
    async verifyCredentials(email: string, password: string) {
      const user = await findUserByEmail(db, email);
      decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      return user && ok ? { id: user.id, email: user.email, name: user.name } : null;
    },

    memberships: (userId: number) => listMembershipsOfUser(db, userId),

    /** The user acting in the partnership with this slug, or null when they are not a member. */
    async memberActor(userId: number, slug: string): Promise<PartnershipActor | null> {
      return (await memberContext(statements, userId, slug))?.actor ?? null;
    },

    memberContext: (userId: number, slug: string) => memberContext(statements, userId, slug),

    /** Issues an API token for one partnership. The plain token is returned once and stored hashed. */
    async createToken(
      actor: Actor,
      partnershipSlug: string,
      name: string,
      options: { allowDrafts?: boolean; public?: boolean } = {},
    ) {
      const [partnership] = await db
        .select()
        .from(partnerships)
        .where(eq(partnerships.slug, partnershipSlug));
      if (!partnership) throw new NotFoundError(`Partnership ${partnershipSlug}`);
      const token = `wmk_${randomBytes(32).toString("base64url")}`;
      const row = await inTransaction(db, actor, async ({ tx, audit }) => {
        const [created] = await tx
          .insert(apiTokens)
          .values({
            partnershipId: partnership.id,
            name,
            tokenHash: sha256(token),
            allowDrafts: options.allowDrafts ?? false,
            public: options.public ?? false,
          })
          .returning({ id: apiTokens.id, name: apiTokens.name, partnershipId: apiTokens.partnershipId });
        audit({
          partnershipId: partnership.id,
          action: "api-token.create",
          entityType: "api-token",
          entityId: created!.id,
          after: created,
        });
        return created!;
      });
      return { ...row, token };
    },

    async authenticateToken(token: string): Promise<TokenActor | null> {
      const [row] = await db
        .select({
          id: apiTokens.id,
          partnershipId: apiTokens.partnershipId,
          name: apiTokens.name,
          allowDrafts: apiTokens.allowDrafts,
        })
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
      return row
        ? {
            kind: "token",
            tokenId: row.id,
            partnershipId: row.partnershipId,
            name: row.name,
            allowDrafts: row.allowDrafts,
          }
        : null;
    },

    /** Session storage for @fastify/session; ids are stored hashed. */
    sessionStore: {
      async get(id: string): Promise<unknown | null> {
        const [row] = await statements.sessionById.execute({ idHash: sha256(id) });
        if (!row || row.expiresAt.getTime() <= Date.now()) return null;
        return row.data;
      },
      async set(id: string, data: unknown, expiresAt: Date, userId: number | null): Promise<void> {
        await db
          .insert(sessions)
          .values({ idHash: sha256(id), data, expiresAt, userId })
          .onConflictDoUpdate({ target: sessions.idHash, set: { data, expiresAt, userId } });
      },
      async destroy(id: string): Promise<void> {
        await db.delete(sessions).where(eq(sessions.idHash, sha256(id)));
      },
      /** Ends every session of this user except the one given (after a password change). */
      async destroyOthers(userId: number, keepId: string): Promise<void> {
        await db
          .delete(sessions)
          .where(and(eq(sessions.userId, userId), ne(sessions.idHash, sha256(keepId))));
      },
      async purgeExpired(): Promise<void> {
        await db.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
      },
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;

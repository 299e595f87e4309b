import { createHash } from "node:crypto";
import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import { sessions } from "../db/schema.ts";

// "Your sessions" (issue 17): where and when a person is signed in, read from the sessions table
// (rows carry the user's id; when they signed in, when last seen and the coarse browser and address
// are in the session's own data, set at sign-in), and signing out of any of them.

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export interface SessionListing {
  /** The row's key (SHA-256 of the cookie's id): naming a session in a form gives nothing away. */
  ref: string;
  signedInAt: Date | null;
  lastSeenAt: Date | null;
  client: string;
  current: boolean;
}

const dateOf = (ms: unknown) =>
  typeof ms === "number" || typeof ms === "string" ? new Date(Number(ms)) : null;

export function createSessionsService(db: Db) {
  return {
    async list(userId: number, currentSessionId: string): Promise<SessionListing[]> {
      const current = sha256(currentSessionId);
      const rows = await db
        .select({
          ref: sessions.idHash,
          signedInAt: sql<string | null>`${sessions.data}->>'signedInAt'`,
          touchedAt: sql<string | null>`${sessions.data}->>'touchedAt'`,
          client: sql<string | null>`${sessions.data}->>'client'`,
        })
        .from(sessions)
        .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
        .orderBy(desc(sql`(${sessions.data}->>'signedInAt')::bigint`));
      return rows
        .map((r) => {
          const signedInAt = dateOf(r.signedInAt);
          return {
            ref: r.ref,
            signedInAt,
            lastSeenAt: dateOf(r.touchedAt) ?? signedInAt,
            client: r.client ?? "Not known",
            current: r.ref === current,
          };
        })
        .sort((a, b) => Number(b.current) - Number(a.current));
    },

    /** Ends one of the person's sessions other than this one; false when it had already ended. */
    async signOut(userId: number, ref: string, currentSessionId: string): Promise<boolean> {
      const gone = await db
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, userId),
            eq(sessions.idHash, ref),
            ne(sessions.idHash, sha256(currentSessionId)),
          ),
        )
        .returning({ ref: sessions.idHash });
      return gone.length > 0;
    },

    /** Ends every session of the person but this one; returns how many. */
    async signOutOthers(userId: number, currentSessionId: string): Promise<number> {
      const gone = await db
        .delete(sessions)
        .where(and(eq(sessions.userId, userId), ne(sessions.idHash, sha256(currentSessionId))))
        .returning({ ref: sessions.idHash });
      return gone.length;
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;

import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { memberships, organisations, partnerships, users } from "../db/schema.ts";

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()));
  return row;
}

export async function findUser(db: Executor, id: number) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** A user's partnerships, with their role and organisation in each. */
export async function listMembershipsOfUser(db: Executor, userId: number) {
  return db
    .select({
      partnershipId: partnerships.id,
      slug: partnerships.slug,
      partnershipName: partnerships.name,
      role: memberships.role,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
    })
    .from(memberships)
    .innerJoin(partnerships, eq(partnerships.id, memberships.partnershipId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(partnerships.name));
}

/** The people of a partnership with their organisation and role. */
export async function listMembers(db: Executor, partnershipId: number) {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      version: memberships.version,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.partnershipId, partnershipId))
    .orderBy(asc(users.name));
}

/**
 * A person as one partnership sees them. `sharedAccount`: their account is also a member elsewhere,
 * so its name and e-mail are theirs alone to change (which partnerships is never said).
 */
export async function findMember(db: Executor, partnershipId: number, userId: number) {
  const [row] = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      organisationId: memberships.organisationId,
      version: memberships.version,
      sharedAccount: sql<boolean>`exists (select 1 from ${memberships} other where other.user_id = ${users.id} and other.partnership_id <> ${partnershipId})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.userId, userId)));
  return row;
}

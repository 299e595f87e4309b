import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { organisations } from "../db/schema.ts";

export type OrganisationRow = typeof organisations.$inferSelect;

export async function listOrganisations(db: Executor, partnershipId: number): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(organisations)
    .where(eq(organisations.partnershipId, partnershipId))
    .orderBy(asc(organisations.name));
}

export async function findOrganisation(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id)));
  return row;
}

export async function findOrganisationsByIds(db: Executor, partnershipId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organisations)
    .where(and(eq(organisations.partnershipId, partnershipId), inArray(organisations.id, ids)));
}

import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { boards } from "../db/schema.ts";

export type BoardRow = typeof boards.$inferSelect;

export async function listBoards(db: Executor, partnershipId: number): Promise<BoardRow[]> {
  return db.select().from(boards).where(eq(boards.partnershipId, partnershipId)).orderBy(asc(boards.name));
}

export async function findBoard(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(boards)
    .where(and(eq(boards.partnershipId, partnershipId), eq(boards.id, id)));
  return row;
}

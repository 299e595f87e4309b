import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database.ts";

/** A tenant table whose rows are edited with an optimistic version check. */
export type VersionedTable = PgTable & {
  id: PgColumn;
  partnershipId: PgColumn;
  version: PgColumn;
};

export type UpdateOutcome<Row> =
  | { kind: "updated"; before: Row; after: Row }
  | { kind: "conflict"; current: Row }
  | { kind: "missing" };

/**
 * Updates one row only if it still has the version the editor read; otherwise reports the row as it
 * is now, so nobody's change is overwritten silently. The row is read FOR UPDATE to capture "before".
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: { partnershipId: number; id: number; expectedVersion: number },
  values: Partial<T["$inferInsert"]>,
): Promise<UpdateOutcome<T["$inferSelect"]>> {
  const where = and(eq(table.partnershipId, key.partnershipId), eq(table.id, key.id));
  const [before] = (await db
    .select(getTableColumns(table))
    .from(table as PgTable)
    .where(where)
    .for("update")) as T["$inferSelect"][];
  if (!before) return { kind: "missing" };
  if ((before as { version: number }).version !== key.expectedVersion)
    return { kind: "conflict", current: before };
  const [after] = (await db
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1` } as never)
    .where(and(where, eq(table.version, key.expectedVersion)))
    .returning()) as T["$inferSelect"][];
  if (!after) return { kind: "conflict", current: before };
  return { kind: "updated", before, after };
}

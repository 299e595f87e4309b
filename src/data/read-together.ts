import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "../db/database.ts";

/** True when reads on `ex` can overlap: the database (a pool), not a transaction (one connection). */
export function readsOverlap(ex: Executor): boolean {
  return !(ex instanceof PgTransaction);
}

/**
 * Runs independent reads together. On the database (a pool on PostgreSQL) they overlap, each on a
 * connection of its own, so a report waits for its slowest read rather than for all of them in turn.
 * In a transaction they run one after the other: a transaction has one connection, and node-postgres
 * warns about (and will refuse) a query sent while another is running on the same client.
 */
export async function readTogether<T extends readonly unknown[]>(
  ex: Executor,
  reads: { readonly [K in keyof T]: () => Promise<T[K]> },
): Promise<T> {
  if (!readsOverlap(ex)) {
    const results: unknown[] = [];
    for (const read of reads) results.push(await read());
    return results as unknown as T;
  }
  return Promise.all(reads.map((read) => read())) as unknown as Promise<T>;
}

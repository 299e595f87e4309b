import { and, desc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { auditLog } from "../db/schema.ts";

export interface AuditEntryInput {
  partnershipId: number | null;
  /** A region's change (standards, moderation, projects); see schema.ts auditLog.regionId. */
  regionId?: number | null;
  userId: number | null;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function insertAuditEntries(db: Executor, entries: AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(auditLog).values(
    entries.map((e) => ({
      partnershipId: e.partnershipId,
      regionId: e.regionId ?? null,
      userId: e.userId,
      actor: e.actor,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId === null ? null : String(e.entityId),
      before: e.before ?? null,
      after: e.after ?? null,
    })),
  );
}

export async function listAuditEntries(
  db: Executor,
  partnershipId: number,
  filter: { entityType?: string; entityId?: string; limit?: number } = {},
) {
  const conditions = [eq(auditLog.partnershipId, partnershipId)];
  if (filter.entityType) conditions.push(eq(auditLog.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditLog.entityId, filter.entityId));
  return db
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit ?? 200);
}

/** The region's own log: entries naming the region and no partnership (a partnership's stay in its log). */
export async function listRegionAuditEntries(db: Executor, regionId: number, limit = 200) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.regionId, regionId), isNull(auditLog.partnershipId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

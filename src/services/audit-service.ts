import { listAuditEntries } from "../data/audit.ts";
import type { Db } from "../db/database.ts";
import type { Actor } from "./actor.ts";
import { partnershipOf, requireAdmin } from "./permissions.ts";

export function createAuditService(db: Db) {
  return {
    /** The partnership's audit log, newest first; the coordinator's view of who changed what. */
    async list(actor: Actor, filter: { entityType?: string; entityId?: string; limit?: number } = {}) {
      requireAdmin(actor);
      return listAuditEntries(db, partnershipOf(actor), filter);
    },
  };
}

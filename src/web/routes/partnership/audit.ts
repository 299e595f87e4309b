import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { auditChanges } from "../../../domain/audit-changes.ts";
import { auditActionLabel, auditEntityLabel } from "../../../domain/audit-labels.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import { actorOf } from "../helpers.ts";

// The coordinator's audit log: every change, newest first, with what each field was before and after
// in words. Filtered by the kind of record and its number (links from each entry narrow to it).

const auditQuery = z.object({
  entityType: z.string().trim().max(60).catch("").default(""),
  entityId: z.string().trim().max(40).catch("").default(""),
});

const AUDIT_LIMIT = 200;

export function registerAuditRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };

  app.get("/audit", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const filter = auditQuery.parse(request.query ?? {});
    const entries = await services.audit.list(actor, {
      entityType: filter.entityType || undefined,
      entityId: filter.entityId || undefined,
      limit: AUDIT_LIMIT,
    });
    const count =
      entries.length >= AUDIT_LIMIT
        ? `The latest ${AUDIT_LIMIT} changes`
        : `${entries.length} ${entries.length === 1 ? "change" : "changes"}`;
    const subject = [filter.entityType, filter.entityId].filter(Boolean).join(" ");
    return reply.page("audit/list", {
      title: "Audit log",
      filter,
      filtered: subject !== "",
      caption: subject ? `${count} to ${filter.entityType ? subject : `record ${subject}`}` : count,
      entries: entries.map((e) => ({
        ...e,
        actionText: auditActionLabel(e.action),
        entityText: auditEntityLabel(e.entityType),
        changes: auditChanges(e.before, e.after),
      })),
    });
  });
}

// The public site's rows (db/schema-publication.ts) and the reads that gather what could be published.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { boards, partnerships, users } from "../db/schema.ts";
import { boardSummaries } from "../db/schema-board-papers.ts";
import { decisions, meetingPacks, meetings } from "../db/schema-governance.ts";
import { publicationApprovals, publicSites } from "../db/schema-publication.ts";

export type ApprovalRow = typeof publicationApprovals.$inferSelect & { approvedByName: string | null };

export async function findPartnershipBySlug(db: Executor, slug: string) {
  const [row] = await db
    .select({
      id: partnerships.id,
      slug: partnerships.slug,
      name: partnerships.name,
      areaName: partnerships.areaName,
      enabled: publicSites.enabled,
      siteVersion: publicSites.version,
    })
    .from(partnerships)
    .leftJoin(publicSites, eq(publicSites.partnershipId, partnerships.id))
    .where(eq(partnerships.slug, slug));
  return row;
}

export async function findSite(db: Executor, partnershipId: number) {
  const [row] = await db.select().from(publicSites).where(eq(publicSites.partnershipId, partnershipId));
  return row;
}

/** Switches the site on or off under its version; the row is made the first time. */
export async function writeSite(db: Executor, partnershipId: number, enabled: boolean) {
  const [row] = await db
    .insert(publicSites)
    .values({ partnershipId, enabled })
    .onConflictDoUpdate({
      target: publicSites.partnershipId,
      set: { enabled, updatedAt: new Date(), version: sqlIncrement() },
    })
    .returning();
  return row!;
}

const sqlIncrement = () => sql`${publicSites.version} + 1`;

export async function listApprovals(db: Executor, partnershipId: number): Promise<ApprovalRow[]> {
  return db
    .select({
      id: publicationApprovals.id,
      partnershipId: publicationApprovals.partnershipId,
      kind: publicationApprovals.kind,
      itemId: publicationApprovals.itemId,
      contentHash: publicationApprovals.contentHash,
      approvedByUserId: publicationApprovals.approvedByUserId,
      approvedAt: publicationApprovals.approvedAt,
      approvedByName: users.name,
    })
    .from(publicationApprovals)
    .leftJoin(users, eq(users.id, publicationApprovals.approvedByUserId))
    .where(eq(publicationApprovals.partnershipId, partnershipId))
    .orderBy(asc(publicationApprovals.kind), asc(publicationApprovals.itemId));
}

/** Records (or replaces) an approval; returns the row it replaced, if any, for the audit. */
export async function writeApproval(
  db: Executor,
  row: { partnershipId: number; kind: string; itemId: number; contentHash: string; userId: number | null },
) {
  const [before] = await deleteApproval(db, row.partnershipId, row.kind, row.itemId);
  const [after] = await db
    .insert(publicationApprovals)
    .values({
      partnershipId: row.partnershipId,
      kind: row.kind,
      itemId: row.itemId,
      contentHash: row.contentHash,
      approvedByUserId: row.userId,
    })
    .returning();
  return { before, after: after! };
}

export async function deleteApproval(db: Executor, partnershipId: number, kind: string, itemId: number) {
  return db
    .delete(publicationApprovals)
    .where(
      and(
        eq(publicationApprovals.partnershipId, partnershipId),
        eq(publicationApprovals.kind, kind),
        eq(publicationApprovals.itemId, itemId),
      ),
    )
    .returning();
}

export async function listAllBoardSummaries(db: Executor, partnershipId: number, strategyId: number) {
  return db
    .select()
    .from(boardSummaries)
    .where(and(eq(boardSummaries.partnershipId, partnershipId), eq(boardSummaries.strategyId, strategyId)))
    .orderBy(desc(boardSummaries.yearStart), asc(boardSummaries.commitmentId));
}

/** Every published pack version with its meeting and board (newest meeting first). */
export async function listPacks(db: Executor, partnershipId: number) {
  return db
    .select({
      id: meetingPacks.id,
      title: meetingPacks.title,
      packVersion: meetingPacks.packVersion,
      asAt: meetingPacks.asAt,
      html: meetingPacks.html,
      meetsOn: meetings.meetsOn,
      boardName: boards.name,
    })
    .from(meetingPacks)
    .innerJoin(meetings, eq(meetings.id, meetingPacks.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(eq(meetingPacks.partnershipId, partnershipId))
    .orderBy(desc(meetings.meetsOn), desc(meetingPacks.packVersion), desc(meetingPacks.id));
}

export async function listDecisions(db: Executor, partnershipId: number) {
  return db
    .select({
      id: decisions.id,
      reference: decisions.reference,
      decision: decisions.decision,
      reasons: decisions.reasons,
      decisionMaker: decisions.decisionMaker,
      decidedOn: decisions.decidedOn,
      status: decisions.status,
      boardName: boards.name,
    })
    .from(decisions)
    .innerJoin(meetings, eq(meetings.id, decisions.meetingId))
    .innerJoin(boards, eq(boards.id, meetings.boardId))
    .where(eq(decisions.partnershipId, partnershipId))
    .orderBy(desc(decisions.decidedOn), asc(decisions.reference));
}

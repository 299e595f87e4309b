// Board papers and board summaries (issue 12): the rows as they are now, for the forms, and as they
// were at an instant, for reports. A row's history is its audit entries: every save through the
// board-paper service records the whole row in `after`, and the audit log cannot be rewritten
// (migration 0001), so "as at" reads the last entry made before the instant.

import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../db/database.ts";
import { auditLog } from "../db/schema.ts";
import { boardPapers, boardSummaries, type FreeSection } from "../db/schema-board-papers.ts";

export type BoardPaperRow = typeof boardPapers.$inferSelect;
export type BoardSummaryRow = typeof boardSummaries.$inferSelect;

export const BOARD_PAPER_ENTITY = "board_paper";
export const BOARD_SUMMARY_ENTITY = "board_summary";

/** A board paper's audit entity id: its report kind and subject, so history is found by the key. */
export const boardPaperEntityId = (reportKind: string, subjectId: number) => `${reportKind}:${subjectId}`;
export const boardSummaryEntityId = (commitmentId: number, yearStart: number) =>
  `${commitmentId}:${yearStart}`;

/** What a report shows of a board paper. */
export interface BoardPaperContent {
  purpose: string;
  summary: string;
  achievements: string;
  priorities: string;
  recommendations: string;
  contactName: string;
  contactRole: string;
  contactEmail: string;
  contactPhone: string;
  freeSections: FreeSection[];
}

// Audit entries are JSON written by this application; read back through zod all the same, so an
// entry of an older shape gives empty text rather than a broken report.
const text = z.string().catch("");
const paperSchema = z.object({
  purpose: text,
  summary: text,
  achievements: text,
  priorities: text,
  recommendations: text,
  contactName: text,
  contactRole: text,
  contactEmail: text,
  contactPhone: text,
  freeSections: z.array(z.object({ title: text, text })).catch([]),
});
const summarySchema = z.object({ commitmentId: z.number(), yearStart: z.number(), text });

export async function findBoardPaper(
  db: Executor,
  partnershipId: number,
  reportKind: string,
  subjectId: number,
): Promise<BoardPaperRow | undefined> {
  const [row] = await db
    .select()
    .from(boardPapers)
    .where(
      and(
        eq(boardPapers.partnershipId, partnershipId),
        eq(boardPapers.reportKind, reportKind),
        eq(boardPapers.subjectId, subjectId),
      ),
    );
  return row;
}

/** The board paper as it was at the end of `before` (its last save before then); null if none yet. */
export async function boardPaperAt(
  db: Executor,
  partnershipId: number,
  reportKind: string,
  subjectId: number,
  before: Date,
): Promise<BoardPaperContent | null> {
  const [entry] = await db
    .select({ after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.partnershipId, partnershipId),
        eq(auditLog.entityType, BOARD_PAPER_ENTITY),
        eq(auditLog.entityId, boardPaperEntityId(reportKind, subjectId)),
        lt(auditLog.at, before),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(1);
  if (!entry?.after) return null;
  const parsed = paperSchema.safeParse(entry.after);
  return parsed.success ? parsed.data : null;
}

/** A strategy's board summaries for one year as they are now, for the form. */
export async function listBoardSummaries(
  db: Executor,
  partnershipId: number,
  strategyId: number,
  yearStart: number,
): Promise<BoardSummaryRow[]> {
  return db
    .select()
    .from(boardSummaries)
    .where(
      and(
        eq(boardSummaries.partnershipId, partnershipId),
        eq(boardSummaries.strategyId, strategyId),
        eq(boardSummaries.yearStart, yearStart),
      ),
    )
    .orderBy(asc(boardSummaries.commitmentId));
}

/**
 * Every board summary of a strategy as it was at `before`, keyed "commitmentId:yearStart": the last
 * audit entry of each before the instant. One query however many commitments and years.
 */
export async function boardSummariesAt(
  db: Executor,
  partnershipId: number,
  strategyId: number,
  before: Date,
): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([auditLog.entityId], { entityId: auditLog.entityId, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.partnershipId, partnershipId),
        eq(auditLog.entityType, BOARD_SUMMARY_ENTITY),
        lt(auditLog.at, before),
        sql`${auditLog.after}->>'strategyId' = ${String(strategyId)}`,
      ),
    )
    .orderBy(auditLog.entityId, desc(auditLog.at), desc(auditLog.id));
  const out = new Map<string, string>();
  for (const row of rows) {
    const parsed = summarySchema.safeParse(row.after);
    if (parsed.success && parsed.data.text.trim() !== "")
      out.set(boardSummaryEntityId(parsed.data.commitmentId, parsed.data.yearStart), parsed.data.text);
  }
  return out;
}

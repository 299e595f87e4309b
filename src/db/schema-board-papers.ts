// The board paper's own tables (issue 12): what the coordinator writes around a report. Kept apart
// from schema.ts, which holds the rest of the model, so the file stays readable; drizzle.config.ts
// lists both.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { commitments, partnerships, strategies } from "./schema.ts";

/** A free section of a covering report: a heading and its text, in the order the coordinator gives. */
export interface FreeSection {
  title: string;
  text: string;
}

/**
 * The covering report of one report: the coordinator's purpose, summary, achievements, priorities,
 * recommendations, contact officer and free sections. One per report kind and subject (the strategy
 * of a strategy review, the action plan of an action plan or annual report, the round of a round
 * summary). Its history is the audit log: every save records the whole row, and a report as at a
 * date reads the row as it was then from there (data/board-papers.ts).
 */
export const boardPapers = pgTable(
  "board_papers",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    reportKind: text().notNull(),
    /** The strategy, action plan or round the report is about (which one depends on the kind). */
    subjectId: integer().notNull(),
    purpose: text().notNull().default(""),
    summary: text().notNull().default(""),
    achievements: text().notNull().default(""),
    priorities: text().notNull().default(""),
    recommendations: text().notNull().default(""),
    contactName: text().notNull().default(""),
    contactRole: text().notNull().default(""),
    contactEmail: text().notNull().default(""),
    contactPhone: text().notNull().default(""),
    freeSections: jsonb().$type<FreeSection[]>().notNull().default([]),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex("board_papers_subject").on(t.partnershipId, t.reportKind, t.subjectId)],
);

/**
 * A commitment's board summary for one financial year: the few sentences a strategy review shows in
 * "summary" mode instead of every accepted narrative. History as for board papers: the audit log.
 */
export const boardSummaries = pgTable(
  "board_summaries",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    commitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    /** The financial year's start year: 2025 for 2025/26. */
    yearStart: integer().notNull(),
    text: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex("board_summaries_commitment_year").on(t.commitmentId, t.yearStart),
    index("board_summaries_partnership_strategy").on(t.partnershipId, t.strategyId, t.yearStart),
  ],
);

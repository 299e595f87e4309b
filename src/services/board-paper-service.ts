// The board paper (issue 12): the covering report of each report and the board summary of each
// commitment per year, written by admins. Every save is one transaction with its audit entry, and
// that entry (the whole row) is the history a report as at a past date reads (data/board-papers.ts).

import { and, eq } from "drizzle-orm";
import {
  BOARD_PAPER_ENTITY,
  BOARD_SUMMARY_ENTITY,
  type BoardPaperContent,
  boardPaperEntityId,
  boardSummaryEntityId,
  findBoardPaper,
} from "../data/board-papers.ts";
import { listReportChoices } from "../data/reports.ts";
import { listCommitments } from "../data/strategies.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db } from "../db/database.ts";
import { boardPapers, boardSummaries } from "../db/schema-board-papers.ts";
import { BOARD_PAPER_LIMITS, MAX_FREE_SECTIONS } from "../domain/board-paper.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, type FieldError, NotFoundError, ValidationError } from "./errors.ts";
import { partnershipOf, requireAdmin } from "./permissions.ts";
import { type FreeTextFields, type GuardOptions, guardText, recordAcknowledgement } from "./privacy/guard.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";

/** The report kinds with a board paper, and what each one's subject is. */
export const PAPER_SUBJECTS = {
  "strategy-review": "strategy",
  "annual-report": "plan",
  "action-plan": "plan",
  "round-summary": "round",
} as const;
export type PaperKind = keyof typeof PAPER_SUBJECTS;

function checkPaper(input: BoardPaperContent): void {
  const errors: FieldError[] = [];
  const long = (field: string, value: string, limit: number, what: string) => {
    if (value.length > limit) errors.push({ field, message: `${what} must be ${limit} characters or fewer` });
  };
  for (const [field, what] of [
    ["purpose", "The purpose"],
    ["summary", "The summary"],
    ["achievements", "The key achievements"],
    ["priorities", "The priorities"],
    ["recommendations", "The recommendations"],
  ] as const)
    long(field, input[field], BOARD_PAPER_LIMITS.boardPaperSection, what);
  for (const [field, what] of [
    ["contactName", "The contact's name"],
    ["contactRole", "The contact's role"],
    ["contactEmail", "The contact's e-mail address"],
    ["contactPhone", "The contact's telephone number"],
  ] as const)
    long(field, input[field], BOARD_PAPER_LIMITS.boardPaperContact, what);
  if (input.contactEmail !== "" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.contactEmail))
    errors.push({
      field: "contactEmail",
      message: "Enter the e-mail address in the right format, like name@example.org",
    });
  if (input.freeSections.length > MAX_FREE_SECTIONS)
    errors.push({
      field: "section1Title",
      message: `A board paper can have ${MAX_FREE_SECTIONS} sections of your own at most`,
    });
  input.freeSections.forEach((s, i) => {
    long(
      `section${i + 1}Title`,
      s.title,
      BOARD_PAPER_LIMITS.boardPaperFreeTitle,
      `Section ${i + 1}'s heading`,
    );
    long(`section${i + 1}Text`, s.text, BOARD_PAPER_LIMITS.boardPaperSection, `Section ${i + 1}'s text`);
    if (s.title.trim() === "" && s.text.trim() !== "")
      errors.push({ field: `section${i + 1}Title`, message: `Enter a heading for section ${i + 1}` });
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

export function createBoardPaperService(db: Db) {
  return {
    /** The board paper of a report as it is now; undefined when none has been written. */
    paper: (actor: Actor, kind: PaperKind, subjectId: number) =>
      findBoardPaper(db, partnershipOf(actor), kind, subjectId),

    /**
     * Saves a report's board paper. `expectedVersion` is the version the form was opened at, or null
     * when it was opened before there was a paper: if someone saved one since, that is a conflict.
     */
    async savePaper(
      actor: Actor,
      kind: PaperKind,
      subjectId: number,
      expectedVersion: number | null,
      input: BoardPaperContent,
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      checkPaper(input);
      // The written sections go to a board and often beyond: nothing in them may identify a victim,
      // perpetrator or child. The contact officer's own work details are meant to be there.
      const text: FreeTextFields = {
        purpose: input.purpose,
        summary: input.summary,
        recommendations: input.recommendations,
        achievements: input.achievements,
        priorities: input.priorities,
      };
      input.freeSections.forEach((section, i) => {
        text[`section${i + 1}Title`] = section.title;
        text[`section${i + 1}Text`] = section.text;
      });
      const flagged = guardText(text, options);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const choices = await listReportChoices(tx, pid);
        const subjects = { strategy: choices.strategies, plan: choices.plans, round: choices.rounds }[
          PAPER_SUBJECTS[kind]
        ];
        if (!subjects.some((s) => s.id === subjectId)) throw new NotFoundError("That report");
        const existing = await findBoardPaper(tx, pid, kind, subjectId);
        const entityId = boardPaperEntityId(kind, subjectId);
        if (!existing) {
          if (expectedVersion !== null) throw new NotFoundError("That board paper");
          const [row] = await tx
            .insert(boardPapers)
            .values({ ...input, partnershipId: pid, reportKind: kind, subjectId })
            .onConflictDoNothing()
            .returning();
          if (!row) {
            const now = await findBoardPaper(tx, pid, kind, subjectId);
            throw new ConflictError(now);
          }
          audit({
            partnershipId: pid,
            action: "board-paper.create",
            entityType: BOARD_PAPER_ENTITY,
            entityId,
            after: row,
          });
          recordAcknowledgement(audit, flagged, {
            partnershipId: pid,
            entityType: BOARD_PAPER_ENTITY,
            entityId,
          });
          return row;
        }
        if (expectedVersion === null) throw new ConflictError(existing);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            boardPapers,
            { partnershipId: pid, id: existing.id, expectedVersion },
            { ...input, updatedAt: new Date() },
          ),
          "That board paper",
        );
        audit({
          partnershipId: pid,
          action: "board-paper.update",
          entityType: BOARD_PAPER_ENTITY,
          entityId,
          before,
          after,
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: BOARD_PAPER_ENTITY,
          entityId,
        });
        return after;
      });
    },

    /**
     * Saves the board summaries of a strategy's commitments for one financial year, all or nothing.
     * Each item names the version its text was read at (null: there was none yet); a summary saved by
     * someone else since is a conflict. An unchanged text is not saved again.
     */
    async saveSummaries(
      actor: Actor,
      strategyId: number,
      yearStart: number,
      items: readonly { commitmentId: number; expectedVersion: number | null; text: string }[],
      options: GuardOptions = {},
    ) {
      requireAdmin(actor);
      const errors: FieldError[] = items.flatMap((item) =>
        item.text.length > BOARD_PAPER_LIMITS.boardSummary
          ? [
              {
                field: `summary-${item.commitmentId}`,
                message: `The summary must be ${BOARD_PAPER_LIMITS.boardSummary} characters or fewer`,
              },
            ]
          : [],
      );
      if (errors.length > 0) throw new ValidationError(errors);
      const flagged = guardText(
        Object.fromEntries(items.map((item) => [`summary-${item.commitmentId}`, item.text])),
        options,
      );
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: BOARD_SUMMARY_ENTITY,
          entityId: `strategy:${strategyId}:${yearStart}`,
        });
        const commitments = new Set((await listCommitments(tx, pid, strategyId)).map((c) => c.id));
        let saved = 0;
        for (const item of items) {
          if (!commitments.has(item.commitmentId)) throw new NotFoundError("That commitment");
          const entityId = boardSummaryEntityId(item.commitmentId, yearStart);
          const [existing] = await tx
            .select()
            .from(boardSummaries)
            .where(
              and(
                eq(boardSummaries.partnershipId, pid),
                eq(boardSummaries.commitmentId, item.commitmentId),
                eq(boardSummaries.yearStart, yearStart),
              ),
            );
          if (!existing) {
            if (item.expectedVersion !== null) throw new NotFoundError("That summary");
            if (item.text.trim() === "") continue;
            const [row] = await tx
              .insert(boardSummaries)
              .values({
                partnershipId: pid,
                strategyId,
                commitmentId: item.commitmentId,
                yearStart,
                text: item.text,
              })
              .onConflictDoNothing()
              .returning();
            if (!row) throw new ConflictError(item);
            audit({
              partnershipId: pid,
              action: "board-summary.create",
              entityType: BOARD_SUMMARY_ENTITY,
              entityId,
              after: row,
            });
            saved += 1;
            continue;
          }
          if (item.expectedVersion === null) throw new ConflictError(existing);
          if (existing.version === item.expectedVersion && existing.text === item.text) continue;
          const { before, after } = unwrapUpdate(
            await updateVersioned(
              tx,
              boardSummaries,
              { partnershipId: pid, id: existing.id, expectedVersion: item.expectedVersion },
              { text: item.text, updatedAt: new Date() },
            ),
            "That summary",
          );
          audit({
            partnershipId: pid,
            action: "board-summary.update",
            entityType: BOARD_SUMMARY_ENTITY,
            entityId,
            before,
            after,
          });
          saved += 1;
        }
        return { saved };
      });
    },
  };
}

export type BoardPaperService = ReturnType<typeof createBoardPaperService>;

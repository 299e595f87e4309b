// The stored passages people wrote, read in a few set-based queries for the personal-data scan.

import { and, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
  auditLog,
  commitments,
  indicatorDefinitionNotes,
  indicators,
  partnerships,
  ratingOverrides,
  rounds,
  updates,
} from "../db/schema.ts";

/** Every update's written fields (the live rows), in one partnership or in all. */
export function updateTexts(ex: Executor, partnershipId: number | null) {
  const query = ex
    .select({
      partnership: partnerships.slug,
      id: updates.id,
      status: updates.status,
      round: rounds.name,
      narrative: updates.narrative,
      remedy: updates.remedy,
      toNote: updates.toNote,
      evidenceLinks: updates.evidenceLinks,
      reviewComment: updates.reviewComment,
    })
    .from(updates)
    .innerJoin(partnerships, eq(partnerships.id, updates.partnershipId))
    .innerJoin(rounds, eq(rounds.id, updates.roundId));
  return (partnershipId === null ? query : query.where(eq(updates.partnershipId, partnershipId))).orderBy(
    partnerships.slug,
    updates.id,
  );
}

/** Every reason given for a rating override. */
export function overrideReasons(ex: Executor, partnershipId: number | null) {
  const query = ex
    .select({
      partnership: partnerships.slug,
      id: ratingOverrides.id,
      commitment: commitments.number,
      reason: ratingOverrides.reason,
    })
    .from(ratingOverrides)
    .innerJoin(partnerships, eq(partnerships.id, ratingOverrides.partnershipId))
    .innerJoin(commitments, eq(commitments.id, ratingOverrides.commitmentId));
  return (
    partnershipId === null ? query : query.where(eq(ratingOverrides.partnershipId, partnershipId))
  ).orderBy(partnerships.slug, ratingOverrides.id);
}

/** Every note on a key statistic's definition. */
export function definitionNotes(ex: Executor, partnershipId: number | null) {
  const query = ex
    .select({
      partnership: partnerships.slug,
      id: indicatorDefinitionNotes.id,
      indicator: indicators.name,
      note: indicatorDefinitionNotes.note,
    })
    .from(indicatorDefinitionNotes)
    .innerJoin(partnerships, eq(partnerships.id, indicatorDefinitionNotes.partnershipId))
    .innerJoin(indicators, eq(indicators.id, indicatorDefinitionNotes.indicatorId));
  return (
    partnershipId === null ? query : query.where(eq(indicatorDefinitionNotes.partnershipId, partnershipId))
  ).orderBy(partnerships.slug, indicatorDefinitionNotes.id);
}

/** The audit actions whose entries copy written text: updates, returns, overrides and notes. */
export const TEXT_AUDIT_ACTIONS = [
  "update.save",
  "update.submit",
  "update.return",
  "update.accept",
  "rating.override",
  "indicator.note",
];

/** Audit entries that hold copies of written text (their before and after values). */
export function auditTexts(ex: Executor, partnershipId: number | null) {
  const actions = inArray(auditLog.action, TEXT_AUDIT_ACTIONS);
  const query = ex
    .select({
      partnership: partnerships.slug,
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .innerJoin(partnerships, eq(partnerships.id, auditLog.partnershipId));
  return query
    .where(partnershipId === null ? actions : and(eq(auditLog.partnershipId, partnershipId), actions))
    .orderBy(partnerships.slug, auditLog.id);
}

// The stored passages people wrote, read in a few set-based queries for the personal-data scan.

import { eq } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
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

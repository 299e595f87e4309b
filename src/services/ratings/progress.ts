// A commitment's "progress so far" (every accepted update across all action plans and rounds, as in
// the board's strategy review table) and its override history. One query each.

import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/database.ts";
import {
  actionPlans,
  actions,
  organisations,
  ratingOverrides,
  rounds,
  updates,
  users,
} from "../../db/schema.ts";
import { financialYearOf, formatFinancialYear } from "../../domain/periods.ts";
import { dayOf, paragraphs, points } from "./effective.ts";
import type { OverrideHistoryEntry, ProgressItem, ProgressYear } from "./types.ts";

/** Every accepted update on the commitment's actions (see progressSoFar). One query. */
export async function progressOf(db: Db, pid: number, commitmentId: number): Promise<ProgressYear[]> {
  const rows = await db
    .select({
      updateId: updates.id,
      rating: updates.rating,
      narrative: updates.narrative,
      remedy: updates.remedy,
      toNote: updates.toNote,
      acceptedAt: updates.acceptedAt,
      actionId: actions.id,
      what: actions.what,
      actionPlanName: actionPlans.name,
      roundName: rounds.name,
      periodEnd: rounds.periodEnd,
      organisationName: organisations.name,
    })
    .from(updates)
    .innerJoin(actions, eq(actions.id, updates.actionId))
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .innerJoin(rounds, eq(rounds.id, updates.roundId))
    .leftJoin(organisations, eq(organisations.id, updates.authorOrganisationId))
    .where(
      and(
        eq(updates.partnershipId, pid),
        eq(actions.partnershipId, pid),
        eq(actions.commitmentId, commitmentId),
        eq(updates.status, "accepted"),
      ),
    )
    .orderBy(desc(rounds.periodEnd), desc(rounds.openedAt), desc(updates.acceptedAt), desc(updates.id));
  const years: ProgressYear[] = [];
  for (const r of rows) {
    const year = formatFinancialYear(financialYearOf(r.periodEnd));
    const item: ProgressItem = {
      updateId: r.updateId,
      rating: r.rating,
      actionId: r.actionId,
      what: r.what,
      actionPlanName: r.actionPlanName,
      roundName: r.roundName,
      organisationName: r.organisationName,
      narrative: paragraphs(r.narrative),
      remedy: paragraphs(r.remedy),
      toNote: points(r.toNote),
      acceptedOn: dayOf(r.acceptedAt),
    };
    const last = years.at(-1);
    if (last && last.year === year) last.items.push(item);
    else years.push({ year, items: [item] });
  }
  return years;
}

/** The commitment's override entries, newest first (see overrides). One query. */
export async function overridesOf(
  db: Db,
  pid: number,
  commitmentId: number,
): Promise<OverrideHistoryEntry[]> {
  return db
    .select({
      id: ratingOverrides.id,
      rating: ratingOverrides.rating,
      reason: ratingOverrides.reason,
      at: ratingOverrides.createdAt,
      by: users.name,
      roundName: rounds.name,
    })
    .from(ratingOverrides)
    .leftJoin(users, eq(users.id, ratingOverrides.userId))
    .leftJoin(rounds, eq(rounds.id, ratingOverrides.roundId))
    .where(and(eq(ratingOverrides.partnershipId, pid), eq(ratingOverrides.commitmentId, commitmentId)))
    .orderBy(desc(ratingOverrides.createdAt), desc(ratingOverrides.id));
}

// The partnership home for the latest round: effective ratings counted by priority (and by where they
// come from), organisations that are late, and the most recently accepted updates.

import { and, asc, desc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "../../db/database.ts";
import {
  actionLeads,
  actions,
  commitments,
  organisations,
  priorities,
  roundActions,
  rounds,
  updates,
} from "../../db/schema.ts";
import { isLate } from "../../domain/deadlines.ts";
import { ukDateOf } from "../../domain/periods.ts";
import { RATINGS } from "../../domain/rag.ts";
import {
  countProvenance,
  provenanceHeadline,
  type RatingProvenance,
} from "../../domain/rating-provenance.ts";
import type { Actor } from "../actor.ts";
import { partnershipOf } from "../permissions.ts";
import { latestRound, ratingBasis } from "./basis.ts";
import { dayOf, effectiveRating, zeroCounts } from "./effective.ts";
import type { DistributionRow, HomeSummary, RatingCounts } from "./types.ts";

/** How many recently accepted updates the partnership home lists. */
const RECENT_UPDATES = 8;

/**
 * The partnership home for the latest round: effective ratings counted by priority, organisations
 * that are late, and the most recently accepted updates. A fixed number of queries.
 */
export async function homeSummary(
  db: Db,
  now: () => Date,
  actor: Actor,
  /** The priorities of a strategy the caller has already read, so they are not read again. */
  known?: { strategyId: number; priorities: readonly { id: number; number: string; title: string }[] },
): Promise<HomeSummary> {
  const pid = partnershipOf(actor);
  const round = await latestRound(db, pid);
  const empty = { rows: [], totals: zeroCounts(), total: 0 };
  if (!round) {
    return {
      round: null,
      distribution: empty,
      lateOrganisations: [],
      pastDeadline: false,
      recentlyAccepted: [],
      provenance: { counts: { current: 0, carried: 0, unrated: 0 }, headline: null, carried: [] },
    };
  }

  const priorityRows =
    known && known.strategyId === round.strategyId
      ? known.priorities.map(({ id, number, title }) => ({ id, number, title }))
      : await db
          .select({ id: priorities.id, number: priorities.number, title: priorities.title })
          .from(priorities)
          .where(and(eq(priorities.partnershipId, pid), eq(priorities.strategyId, round.strategyId)))
          .orderBy(asc(priorities.position), asc(priorities.id));
  const commitmentRows = await ratingBasis(db, pid, { strategyId: round.strategyId }, { unrated: false });
  // The few latest acceptances first (updates_partnership_accepted), then their details: joining
  // before the limit would join every accepted update of the partnership.
  const latest = db
    .select({
      id: updates.id,
      actionId: updates.actionId,
      roundId: updates.roundId,
      authorOrganisationId: updates.authorOrganisationId,
      rating: updates.rating,
      acceptedAt: updates.acceptedAt,
    })
    .from(updates)
    .where(and(eq(updates.partnershipId, pid), eq(updates.status, "accepted")))
    .orderBy(desc(updates.acceptedAt), desc(updates.id))
    .limit(RECENT_UPDATES)
    .as("latest");
  const recent = await db
    .select({
      updateId: latest.id,
      actionId: actions.id,
      what: actions.what,
      commitmentId: commitments.id,
      commitmentNumber: commitments.number,
      organisationName: organisations.name,
      rating: latest.rating,
      roundName: rounds.name,
      acceptedAt: latest.acceptedAt,
    })
    .from(latest)
    .innerJoin(actions, eq(actions.id, latest.actionId))
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .innerJoin(rounds, eq(rounds.id, latest.roundId))
    .leftJoin(organisations, eq(organisations.id, latest.authorOrganisationId))
    .orderBy(desc(latest.acceptedAt), desc(latest.id));

  const byPriority = new Map<number | null, RatingCounts>();
  const totals = zeroCounts();
  const provenances: RatingProvenance[] = [];
  const carried: HomeSummary["provenance"]["carried"][number][] = [];
  for (const c of commitmentRows) {
    // A commitment no round has rated counts as Grey, as on its own page.
    const view = effectiveRating(c.stored, c.override, 0, round);
    const { rating } = view;
    provenances.push(view.provenance);
    if (view.provenance.note !== null)
      carried.push({ commitmentId: c.id, number: c.number, rating, label: view.labelWithProvenance });
    const counts = byPriority.get(c.priorityId) ?? zeroCounts();
    counts[rating] += 1;
    byPriority.set(c.priorityId, counts);
    totals[rating] += 1;
  }
  const sum = (counts: RatingCounts) => RATINGS.reduce((n, r) => n + counts[r], 0);
  const rows: DistributionRow[] = priorityRows.map((p) => {
    const counts = byPriority.get(p.id) ?? zeroCounts();
    return { priority: p, counts, total: sum(counts) };
  });
  const unassigned = byPriority.get(null);
  if (unassigned) rows.push({ priority: null, counts: unassigned, total: sum(unassigned) });

  const provenanceCounts = countProvenance(provenances);
  const today = ukDateOf(now());
  const pastDeadline = isLate(
    null,
    {
      deadline: round.deadline,
      graceDays: round.graceDays,
      reopened: round.reopenedAt !== null,
      closed: round.status === "closed",
    },
    today,
  );
  const late = pastDeadline
    ? await db
        .select({ id: organisations.id, name: organisations.name, actionId: roundActions.actionId })
        .from(roundActions)
        .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
        .innerJoin(organisations, eq(organisations.id, actionLeads.organisationId))
        .leftJoin(
          updates,
          and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
        )
        .where(
          and(
            eq(roundActions.partnershipId, pid),
            eq(roundActions.roundId, round.id),
            or(isNull(updates.id), inArray(updates.status, ["draft", "returned"])),
          ),
        )
        .orderBy(asc(organisations.name), asc(organisations.id))
    : [];
  const lateOrganisations: HomeSummary["lateOrganisations"] = [];
  for (const row of late) {
    const last = lateOrganisations.at(-1);
    if (last && last.id === row.id) last.outstanding += 1;
    else lateOrganisations.push({ id: row.id, name: row.name, outstanding: 1 });
  }

  return {
    round: {
      id: round.id,
      name: round.name,
      deadline: round.deadline,
      graceDays: round.graceDays,
      status: round.status,
      actionPlanName: round.actionPlanName,
      strategyId: round.strategyId,
    },
    distribution: { rows, totals, total: sum(totals) },
    lateOrganisations,
    pastDeadline,
    provenance: {
      counts: provenanceCounts,
      headline: provenanceHeadline(round.name, provenanceCounts),
      carried,
    },
    recentlyAccepted: recent.map(({ acceptedAt, ...r }) => ({ ...r, acceptedOn: dayOf(acceptedAt) })),
  };
}

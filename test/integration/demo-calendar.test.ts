import { and, eq, max } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.ts";
import { observations, partnerships, rounds, strategies, updates } from "../../src/db/schema.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { loadDemoPartnership } from "../../src/demo/load.ts";
import {
  financialYearOf,
  formatQuarter,
  previousQuarter,
  quarterEnd,
  quarterOf,
} from "../../src/domain/periods.ts";
import { openTestDatabase, testDatabaseKinds } from "../support/database.ts";

// The demo loaded on a given day looks current on that day (the clock pinned: both the day the story is
// moved to and the clock that sets the live round's deadline). 31 March and 1 April are the turn of the
// financial year: on 31 March the live round is Q3, on 1 April it is Q4 of the year just ended.

const DAYS = ["2026-12-03T10:00:00Z", "2027-03-31T12:00:00Z", "2027-04-01T08:00:00Z"];

describe.each(testDatabaseKinds())("the demo loaded on a given day (%s)", (kind) => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const d of opened) await d.close();
  });

  it.each(DAYS)("looks current when loaded at %s", async (instant) => {
    const now = new Date(instant);
    const today = instant.slice(0, 10);
    const live = previousQuarter(quarterOf(today));
    const database = await openTestDatabase(kind);
    opened.push(database);
    const db = database.db;
    await loadDemoPartnership(db, ashvale, { today: now, now });
    const [p] = await db.select().from(partnerships).where(eq(partnerships.slug, ashvale.slug));
    const pid = p!.id;

    const [strategy] = await db.select().from(strategies).where(eq(strategies.partnershipId, pid));
    const fy = financialYearOf(today).startYear;
    expect(strategy!.startYear).toBeLessThanOrEqual(fy);
    expect(strategy!.endYear).toBeGreaterThanOrEqual(fy);

    const all = await db.select().from(rounds).where(eq(rounds.partnershipId, pid));
    const open = all.filter((r) => r.status === "open");
    expect(open.map((r) => r.name)).toEqual([formatQuarter(live)]);
    expect(open[0]!.deadline > today).toBe(true);
    expect(open[0]!.openedAt.getTime()).toBeLessThan(now.getTime());
    const closed = all
      .filter((r) => r.status === "closed")
      .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime());
    const lastClosed = closed.at(-1)!;
    expect(lastClosed.name).toBe(formatQuarter(previousQuarter(live)));
    const accepted = await db
      .select({ id: updates.id })
      .from(updates)
      .where(and(eq(updates.roundId, lastClosed.id), eq(updates.status, "accepted")));
    expect(accepted.length).toBeGreaterThan(5);
    // Nothing in the history happened after the clock.
    const [latest] = await db
      .select({ at: max(updates.updatedAt) })
      .from(updates)
      .where(eq(updates.partnershipId, pid));
    expect(new Date(latest!.at!).getTime()).toBeLessThanOrEqual(now.getTime());

    const [figures] = await db
      .select({ end: max(observations.periodEnd) })
      .from(observations)
      .where(eq(observations.partnershipId, pid));
    expect(figures!.end).toBe(quarterEnd(live));
  });
});

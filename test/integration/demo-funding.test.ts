import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partnerships } from "../../src/db/schema.ts";
import {
  contractMilestones,
  contracts,
  fundingAllocations,
  fundingContributions,
  fundingStreams,
  spendReturns,
} from "../../src/db/schema-funding.ts";
import { ashvale } from "../../src/demo/ashvale.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The demo's money as loaded: the sums hold in the database, not only in the story.

describe.each(testDatabaseKinds())("the demo's money and contracts (%s)", (kind) => {
  let t: TestApp;
  let pid: number;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await createTestApp({ kind, demoToday: "2026-12-03" });
    const [p] = await db().select().from(partnerships).where(eq(partnerships.slug, ashvale.slug));
    pid = p!.id;
  });
  afterAll(async () => t?.close());

  it("loads three streams whose pooled pot sums to £34,500 exactly", async () => {
    const streams = await db().select().from(fundingStreams).where(eq(fundingStreams.partnershipId, pid));
    expect(streams.map((s) => s.kind).sort()).toEqual(["grant", "partner_contribution", "pooled_budget"]);
    const pot = streams.find((s) => s.kind === "pooled_budget")!;
    const [total] = await db()
      .select({ pence: sql<string>`sum(${fundingContributions.amountPence})`, n: sql<number>`count(*)::int` })
      .from(fundingContributions)
      .where(and(eq(fundingContributions.partnershipId, pid), eq(fundingContributions.streamId, pot.id)));
    expect(Number(total!.pence)).toBe(3_450_000);
    expect(total!.n).toBe(4);
  });

  it("allocates within each stream's year, to actions of the partnership's own plans", async () => {
    const { rows: over } = await t.database.execute(
      `
      select a.stream_id, a.year_start, sum(a.amount_pence) as allocated,
        (select sum(c.amount_pence) from funding_contributions c
          where c.stream_id = a.stream_id and c.year_start = a.year_start) as held
      from funding_allocations a where a.partnership_id = $1
      group by a.stream_id, a.year_start
      having sum(a.amount_pence) > (select coalesce(sum(c.amount_pence), 0) from funding_contributions c
          where c.stream_id = a.stream_id and c.year_start = a.year_start)`,
      [pid],
    );
    expect(over).toHaveLength(0);
    const { rows: foreign } = await t.database.execute(
      `
      select a.id from funding_allocations a join actions x on x.id = a.action_id
      where a.partnership_id = $1 and x.partnership_id <> $1`,
      [pid],
    );
    expect(foreign).toHaveLength(0);
    const allocations = await db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.partnershipId, pid));
    expect(allocations.filter((a) => a.yearStart === 2026 && a.actionId !== null)).toHaveLength(12);
  });

  it("has two years of quarterly spend and two contracts with their milestones", async () => {
    const returns = await db().select().from(spendReturns).where(eq(spendReturns.partnershipId, pid));
    expect(new Set(returns.map((r) => r.yearStart))).toEqual(new Set([2025, 2026]));
    expect(returns.filter((r) => r.explanation !== "").every((r) => r.yearStart === 2026)).toBe(true);
    const list = await db().select().from(contracts).where(eq(contracts.partnershipId, pid));
    expect(list).toHaveLength(2);
    const milestones = await db()
      .select()
      .from(contractMilestones)
      .where(eq(contractMilestones.partnershipId, pid));
    expect(milestones).toHaveLength(22);
  });
});

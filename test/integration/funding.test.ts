import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundingAllocations } from "../../src/db/schema-funding.ts";
import { ValidationError } from "../../src/services/errors.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { createFundingFixture, dateFields, type FundingFixture } from "./funding-fixture.ts";

// Issue 14, funding streams: a contribution-funded stream and its parts, allocations refused past
// what a year holds (also when several arrive at once), contributions that would leave allocations
// uncovered. Spend: funding-spend.test.ts.

describe.each(testDatabaseKinds())("funding streams and allocations (%s)", (kind) => {
  let f: FundingFixture;
  beforeAll(async () => {
    f = await createFundingFixture(kind);
  });
  afterAll(async () => f?.t.close());

  it("computes a contribution-funded stream's total and shows its parts", async () => {
    const streamId = await f.addStream("Regional project pot", 2026, {
      decisionReference: "Decision 2021-00270503",
    });
    for (const [amount, who] of [
      ["£8,000", "Northshire County Council"],
      ["8000", "Eastvale Council"],
      ["£8,000.00", "Westmoor Council"],
      ["£10,500", "Police and Crime Commissioner"],
    ] as const) {
      await f.addContribution(streamId, 2026, amount, who);
    }
    const page = await f.viewer.get(`/p/ashvale/funding/${streamId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("£34,500 = 3 × £8,000 + £10,500");
    expect(page.body).toContain("Decision 2021-00270503");
    const list = await f.viewer.get("/p/ashvale/funding");
    expect(list.body).toMatch(/Regional project pot[\s\S]*£34,500/);
    // A typed total is impossible: a fraction of a penny is refused at the form.
    await f.admin.get(`/p/ashvale/funding/${streamId}/contributions/new`);
    const bad = await f.admin.post(`/p/ashvale/funding/${streamId}/contributions/new`, {
      contributorName: "Somebody",
      yearStart: "2026",
      amount: "£1.005",
      received: "no",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("whole pence");
  });

  it("refuses an allocation past what the stream holds for the year, with the amounts in the message", async () => {
    const streamId = await f.addStream("Allocation test pot", 2026);
    for (const amount of ["8000", "8000", "8000", "10500"])
      await f.addContribution(streamId, 2026, amount, "A body");
    expect((await f.allocate(streamId, 2026, "30000")).statusCode).toBe(303);
    const refused = await f.allocate(streamId, 2026, "6000");
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      "This would allocate £36,000 of £34,500: £1,500 more than the stream holds for 2026/27",
    );
    expect((await f.allocate(streamId, 2026, "4500")).statusCode).toBe(303);
    const rows = await f
      .db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    expect(rows.map((r) => r.amountPence).sort()).toEqual([3_000_000, 450_000]);
  });

  it("refuses to cut a year's contributions below what is allocated from it", async () => {
    const streamId = await f.addStream("Shrinking pot", 2026);
    await f.addContribution(streamId, 2026, "10000", "A body");
    expect((await f.allocate(streamId, 2026, "9000")).statusCode).toBe(303);
    const contribution = (await f.t.services.funding.stream(f.system(), streamId)).years[0]!
      .contributions[0]!;
    const url = `/p/ashvale/contributions/${contribution.id}/edit`;
    await f.admin.get(url);
    const refused = await f.admin.post(url, {
      contributorName: "A body",
      yearStart: "2026",
      amount: "8000",
      received: "no",
      version: String(contribution.version),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("The stream would hold £8,000 but £9,000 of it is allocated");
    const fine = await f.admin.post(url, {
      contributorName: "A body",
      yearStart: "2026",
      amount: "9000",
      received: "yes",
      ...dateFields("receivedOn", "2026-05-01"),
      version: String(contribution.version),
    });
    expect(fine.statusCode).toBe(303);
    expect((await f.t.services.funding.stream(f.system(), streamId)).years[0]!.receivedPence).toBe(900_000);
  });

  it("lets only one of two allocations made at once take the last of a year's money", async () => {
    const streamId = await f.addStream("Concurrent pot", 2026);
    await f.addContribution(streamId, 2026, "20000", "A body");
    const input = {
      yearStart: 2026,
      amountPence: 1_500_000,
      notes: "",
      target: { kind: "action" as const, actionId: f.policeActionId },
    };
    const results = await Promise.allSettled([
      f.t.services.fundingAllocations.create(f.system(), streamId, input),
      f.t.services.fundingAllocations.create(f.system(), streamId, input),
      f.t.services.fundingAllocations.create(f.system(), streamId, input),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
    }
    const rows = await f
      .db()
      .select()
      .from(fundingAllocations)
      .where(eq(fundingAllocations.streamId, streamId));
    expect(rows).toHaveLength(1);
  });
});

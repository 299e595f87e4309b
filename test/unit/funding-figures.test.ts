import { describe, expect, it } from "vitest";
import type { AllocationRow } from "../../src/data/funding/report-reads.ts";
import { decimalPounds, formatVariancePercent } from "../../src/domain/funding/money.ts";
import {
  allocationFigures,
  byCommitment,
  byOrganisation,
  sumMeasures,
} from "../../src/reports/funding/figures.ts";

const threshold = { percent: 10, pence: null };

function allocation(id: number, over: Partial<AllocationRow> = {}): AllocationRow {
  return {
    id,
    streamId: 1,
    yearStart: 2026,
    amountPence: 100_000,
    notes: "",
    projectName: "",
    actionId: id,
    actionWhat: `Action ${id}`,
    contractId: null,
    contractService: null,
    commitmentId: 1 + (id % 3),
    commitmentNumber: `1.${1 + (id % 3)}`,
    commitmentText: "A commitment",
    leads: [{ id: 1 + (id % 2), name: id % 2 ? "Police" : "Council" }],
    providerName: "",
    latest: null,
    ...over,
  };
}

describe("the money reports' figures", () => {
  it("adds ten thousand odd-penny allocations exactly, and their groups add up to the total", () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      allocation(i + 1, { amountPence: 1_000_001 + i * 7 }),
    );
    const figures = rows.map((r) => allocationFigures(r, threshold));
    const total = sumMeasures(figures);
    // n·a + 7·n(n−1)/2, worked out in BigInt: the float-free sum it must equal to the penny.
    const n = 10_000n;
    expect(BigInt(total.allocatedPence)).toBe(n * 1_000_001n + (7n * n * (n - 1n)) / 2n);
    const groups = [byCommitment(figures), byOrganisation(figures)];
    for (const list of groups) expect(sumMeasures(list).allocatedPence).toBe(total.allocatedPence);
    expect(decimalPounds(total.allocatedPence)).toMatch(/^\d+\.\d\d$/);
  });

  it("counts a jointly led allocation once, under both names", () => {
    const joint = allocation(1, {
      leads: [
        { id: 2, name: "Police" },
        { id: 1, name: "Council" },
      ],
    });
    const groups = byOrganisation([
      allocationFigures(joint, threshold),
      allocationFigures(allocation(2), threshold),
    ]);
    expect(groups.map((g) => g.label)).toEqual(["Council", "Council and Police, jointly"]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(2);
  });

  it("takes an allocation with no return as nothing spent and forecast on budget", () => {
    const f = allocationFigures(allocation(1), threshold);
    expect([f.spentPence, f.remainingPence, f.forecastPence, f.variance.amountPence]).toEqual([
      0, 100_000, 100_000, 0,
    ]);
    expect(f.needsExplanation).toBe(false);
  });

  it("reads spend from the latest year-to-date return and flags a variance at the threshold", () => {
    const latest = {
      id: 1,
      allocationId: 1,
      yearStart: 2026,
      quarter: 2,
      budgetPence: 100_000,
      committedPence: 70_000,
      actualPence: 40_000,
      forecastPence: 90_000,
      explanation: "",
      source: "coordinator",
      updatedAt: new Date(),
    };
    const f = allocationFigures(allocation(1, { latest }), threshold);
    expect([f.spentPence, f.remainingPence, f.variance.amountPence]).toEqual([40_000, 60_000, -10_000]);
    expect(formatVariancePercent(f.variance)).toBe("-10%");
    expect(f.needsExplanation).toBe(true);
    const under = allocationFigures(
      allocation(1, { latest: { ...latest, forecastPence: 90_001 } }),
      threshold,
    );
    expect(under.needsExplanation).toBe(false);
  });
});

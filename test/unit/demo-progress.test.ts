import { describe, expect, it } from "vitest";
import { ashvale } from "../../src/demo/ashvale.ts";
import { ashvaleProgress } from "../../src/demo/ashvale-progress.ts";
import { resolveProgressAction, roundTimes } from "../../src/demo/load-progress.ts";
import type { DemoActionPlan, DemoPlanProgress, DemoQuarter, DemoUpdate } from "../../src/demo/types.ts";
import { addDays, formatQuarter, quarterOf, quarterPeriod } from "../../src/domain/periods.ts";
import { isRating, ratingNeedsRemedy } from "../../src/domain/rag.ts";

const plans = ashvaleProgress.plans;

function planOf(progress: DemoPlanProgress): DemoActionPlan {
  const plan = ashvale.actionPlans.find((p) => p.name === progress.plan);
  if (!plan) throw new Error(`no action plan ${progress.plan}`);
  return plan;
}

/** Every update with where it sits. */
const all = plans.flatMap((progress) =>
  progress.actions.flatMap((entry) =>
    progress.rounds.flatMap((round) => {
      const update = entry.updates[round.quarter];
      return update ? [{ progress, entry, round, update, open: round.closedOn === undefined }] : [];
    }),
  ),
);
const where = (u: (typeof all)[number]) => `${u.progress.plan} ${u.round.name}: ${u.entry.action}`;
const statusOf = (u: DemoUpdate) => u.status ?? "accepted";
const accepted = all.filter((u) => statusOf(u.update) === "accepted");

/** The sentences of a narrative, split after a full stop followed by a capital letter or a number. */
const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z0-9£])/).filter((s) => s.trim() !== "");

describe("Ashvale's history of progress updates", () => {
  it("belongs to the Ashvale demo and covers both of its action plans", () => {
    expect(ashvaleProgress.partnership).toBe(ashvale.slug);
    expect(plans.map((p) => p.plan)).toEqual(ashvale.actionPlans.map((p) => p.name));
  });

  it("refers only to actions that exist, each exactly once per plan", () => {
    for (const progress of plans) {
      const plan = planOf(progress);
      const indexes = progress.actions.map((entry) => resolveProgressAction(plan, entry.action));
      expect(new Set(indexes).size, progress.plan).toBe(indexes.length);
      for (const entry of progress.actions) {
        for (const quarter of Object.keys(entry.updates)) {
          expect(
            progress.rounds.map((r) => r.quarter),
            entry.action,
          ).toContain(quarter as DemoQuarter);
        }
      }
    }
    const plan = ashvale.actionPlans[0]!;
    expect(() => resolveProgressAction(plan, "No such action")).toThrow(/matches 0 actions/);
    expect(() => resolveProgressAction(plan, "Relaunch")).toThrow(/matches 2 actions/);
  });

  it("gives every Red and Amber update a remedy, and only valid ratings and statuses", () => {
    for (const u of all) {
      const { rating, remedy } = u.update;
      if (rating === null) {
        expect(statusOf(u.update), where(u)).toBe("draft");
        continue;
      }
      expect(isRating(rating), where(u)).toBe(true);
      if (ratingNeedsRemedy(rating)) expect(remedy?.trim() ?? "", where(u)).not.toBe("");
      else expect(remedy, where(u)).toBeUndefined();
    }
  });

  it("keeps drafts, submitted and returned updates to the open round, and returns only with a comment", () => {
    for (const u of all) {
      const status = statusOf(u.update);
      if (!u.open) expect(status, where(u)).toBe("accepted");
      if (u.open) expect(u.update.daysLate, where(u)).toBeUndefined();
      if (status === "returned") expect(u.update.reviewComment?.trim() ?? "", where(u)).not.toBe("");
      else expect(u.update.reviewComment, where(u)).toBeUndefined();
    }
  });

  it("writes narratives of one to three sentences, and points to note, links and lateness that make sense", () => {
    for (const u of all) {
      const { narrative, toNote, evidenceLinks, daysLate } = u.update;
      const count = sentences(narrative).length;
      expect(count, `${where(u)}: ${narrative}`).toBeGreaterThanOrEqual(1);
      expect(count, `${where(u)}: ${narrative}`).toBeLessThanOrEqual(3);
      expect(narrative, where(u)).toMatch(/[.)]$/);
      if (toNote !== undefined) {
        expect(toNote.trim(), where(u)).not.toBe("");
        // The pages print "To note:" themselves.
        expect(toNote, where(u)).not.toMatch(/^to note/i);
      }
      for (const link of evidenceLinks ?? [])
        expect(link, where(u)).toMatch(/^https:\/\/[a-z0-9.-]+\.example\//);
      if (daysLate !== undefined) expect(daysLate, where(u)).toBeGreaterThan(0);
    }
  });

  it("sets each round in its own quarter inside its plan, in order, with sensible dates", () => {
    for (const progress of plans) {
      const plan = planOf(progress);
      const quarters = progress.rounds.map((r) => r.quarter);
      expect(new Set(quarters).size, progress.plan).toBe(quarters.length);
      let previousEnd = "";
      for (const round of progress.rounds) {
        expect(round.periodStart >= plan.startsOn && round.periodEnd <= plan.endsOn, round.name).toBe(true);
        expect(round.periodStart > previousEnd, round.name).toBe(true);
        previousEnd = round.periodEnd;
        const quarter = quarterOf(round.periodStart);
        expect(quarterPeriod(quarter), round.name).toMatchObject({
          start: round.periodStart,
          end: round.periodEnd,
        });
        expect(round.name).toBe(formatQuarter(quarter));
        expect(round.quarter).toBe(`Q${quarter.quarter}`);
        // Opened after the quarter ends; due about 15 days after it; closed after the deadline.
        expect(round.openedOn > round.periodEnd, round.name).toBe(true);
        expect(round.deadline).toBe(addDays(round.periodEnd, 15));
        expect(round.openedOn < round.deadline, round.name).toBe(true);
        if (round.closedOn !== undefined)
          expect(round.closedOn > addDays(round.deadline, 4), round.name).toBe(true);
      }
    }
  });

  it("has one open round, Q4 2025/26, and every earlier round closed", () => {
    const rounds = plans.flatMap((p) => p.rounds);
    const open = rounds.filter((r) => r.closedOn === undefined);
    expect(open.map((r) => r.name)).toEqual(["Q4 2025/26"]);
    expect(rounds.at(-1)?.name).toBe("Q4 2025/26");
    expect(rounds.map((r) => r.name)).toEqual([
      "Q1 2024/25",
      "Q2 2024/25",
      "Q3 2024/25",
      "Q4 2024/25",
      "Q1 2025/26",
      "Q2 2025/26",
      "Q3 2025/26",
      "Q4 2025/26",
    ]);
  });

  it("keeps the open round's deadline at least 14 days ahead of whenever the demo is loaded", () => {
    const open = plans[1]!.rounds.at(-1)!;
    const q3 = roundTimes(plans[1]!.rounds[2]!, new Date(), null);
    expect(q3.deadline).toBe("2026-01-15");
    expect(q3.closedAt).not.toBeNull();
    const cases = [
      { now: "2026-02-20T12:00:00Z", deadline: "2026-04-15" },
      { now: "2026-04-01T08:00:00Z", deadline: "2026-04-15" },
      { now: "2026-04-10T12:00:00Z", deadline: "2026-04-24" },
      { now: "2026-11-23T09:00:00Z", deadline: "2026-12-07" },
      { now: "2031-06-30T23:30:00Z", deadline: "2031-07-15" },
    ];
    for (const c of cases) {
      const now = new Date(c.now);
      const times = roundTimes(open, now, q3.openedAt);
      expect(times.deadline, c.now).toBe(c.deadline);
      expect(times.closedAt, c.now).toBeNull();
      // Opened in the past, after the round before it, and three weeks before a moved deadline.
      expect(times.openedAt.getTime(), c.now).toBeLessThan(now.getTime());
      expect(times.openedAt.getTime(), c.now).toBeGreaterThan(q3.openedAt.getTime());
      if (c.now > "2026-04-02") {
        expect(times.openedAt.toISOString().slice(0, 10), c.now).toBe(addDays(times.deadline, -21));
      }
    }
  });

  it("has the amount of history the demo needs", () => {
    // One update per action per round at most: 54 actions × 4 rounds = 216 is the ceiling.
    const ceiling = plans.reduce((n, p) => n + planOf(p).actions.length * p.rounds.length, 0);
    expect(all.length).toBeLessThanOrEqual(ceiling);
    expect(accepted.length).toBeGreaterThanOrEqual(160);
    expect(accepted.length).toBeLessThanOrEqual(ceiling);
    const open = all.filter((u) => u.open);
    for (const status of ["draft", "submitted", "returned", "accepted"] as const) {
      expect(open.filter((u) => statusOf(u.update) === status).length, status).toBeGreaterThanOrEqual(1);
    }
    expect(open.filter((u) => statusOf(u.update) === "returned")).toHaveLength(1);
    const ratings = new Set(accepted.map((u) => u.update.rating));
    for (const rating of ["red", "amber", "green", "grey", "complete"] as const)
      expect(ratings).toContain(rating);
  });

  it("tells a coherent story: no update after Complete, Reds that recover, late starters and gaps", () => {
    const redRecovered: string[] = [];
    for (const progress of plans) {
      for (const entry of progress.actions) {
        const history = progress.rounds.flatMap((r) => {
          const u = entry.updates[r.quarter];
          return u && statusOf(u) === "accepted" ? [u.rating] : [];
        });
        const complete = history.indexOf("complete");
        if (complete >= 0) expect(history.slice(complete + 1), entry.action).toEqual([]);
        const red = history.indexOf("red");
        if (red >= 0 && history.slice(red + 1).some((r) => r !== "red")) redRecovered.push(entry.action);
      }
    }
    expect(redRecovered.length).toBeGreaterThanOrEqual(3);
    const firstRound2025 = plans[1]!.rounds[0]!.quarter;
    const greyInQ1 = plans[1]!.actions.filter((e) => e.updates[firstRound2025]?.rating === "grey");
    expect(greyInQ1.length).toBeGreaterThanOrEqual(3);
    // Patchy partners: some closed rounds have no update for an action that was still open.
    const gaps = plans.flatMap((progress) =>
      progress.actions.flatMap((entry) => {
        const quarters = progress.rounds.filter((r) => r.closedOn !== undefined).map((r) => r.quarter);
        const answered = quarters.map((q, i) => (entry.updates[q] !== undefined ? i : -1));
        const last = Math.max(...answered);
        return quarters.slice(0, last).filter((q) => entry.updates[q] === undefined);
      }),
    );
    expect(gaps.length).toBeGreaterThanOrEqual(3);
  });

  it("holds no personal data: no people's names, only the partnership's own organisations", () => {
    const names = ashvale.users.flatMap((u) => u.name.split(" ").filter((part) => part.length > 3));
    for (const u of all) {
      const text = [u.update.narrative, u.update.remedy, u.update.toNote, u.update.reviewComment].join(" ");
      for (const name of names) expect(text, where(u)).not.toMatch(new RegExp(`\\b${name}\\b`));
      expect(text, where(u)).not.toMatch(/\b(Mr|Mrs|Ms|Miss|Dr)\.? [A-Z]/);
      expect(text, where(u)).not.toMatch(/\b(aged \d+ (?!and over)|\d+-year-old|date of birth|DOB)\b/i);
    }
  });
});

import { describe, expect, it } from "vitest";
import { ashvale } from "../../src/demo/ashvale.ts";

const commitments = ashvale.strategy.priorities.flatMap((p) => p.commitments);
const commitmentNumbers = new Set(commitments.map((c) => c.number));
const organisationKeys = new Set(ashvale.organisations.map((o) => o.key));
const boardKeys = new Set(ashvale.boards.map((b) => b.key));

describe("Ashvale demo partnership", () => {
  it("has keys, numbers and e-mails that are unique", () => {
    expect(commitmentNumbers.size).toBe(commitments.length);
    expect(organisationKeys.size).toBe(ashvale.organisations.length);
    expect(boardKeys.size).toBe(ashvale.boards.length);
    const emails = ashvale.users.map((u) => u.email.toLowerCase());
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toMatch(/@[a-z0-9.-]+\.example$/);
  });

  it("numbers each commitment under its own priority", () => {
    for (const p of ashvale.strategy.priorities) {
      for (const c of p.commitments) expect(c.number.startsWith(`${p.number}.`)).toBe(true);
    }
  });

  it("refers only to organisations, boards and commitments that exist", () => {
    for (const u of ashvale.users) expect(organisationKeys, u.email).toContain(u.organisation);
    for (const b of ashvale.boards) {
      if (b.parent !== undefined) {
        expect(boardKeys, b.key).toContain(b.parent);
        expect(b.parent).not.toBe(b.key);
      }
    }
    for (const c of commitments) {
      for (const target of c.seeAlso ?? []) {
        expect(commitmentNumbers, c.number).toContain(target);
        expect(target, c.number).not.toBe(c.number);
      }
    }
    for (const plan of ashvale.actionPlans) {
      for (const a of plan.actions) {
        expect(commitmentNumbers, `${plan.name}: ${a.what}`).toContain(a.commitment);
        expect(a.leads.length, a.what).toBeGreaterThanOrEqual(1);
        for (const lead of a.leads) expect(organisationKeys, a.what).toContain(lead);
      }
    }
  });

  it("dates each action within its plan year", () => {
    for (const plan of ashvale.actionPlans) {
      for (const a of plan.actions) {
        if (a.dueOn === undefined) continue;
        expect(a.dueOn >= plan.startsOn && a.dueOn <= plan.endsOn, `${plan.name}: ${a.what}`).toBe(true);
      }
    }
  });

  it("has the amount of content the demo needs", () => {
    expect(ashvale.strategy.priorities).toHaveLength(6);
    expect(commitments.length).toBeGreaterThanOrEqual(34);
    expect(commitments.length).toBeLessThanOrEqual(42);
    expect(ashvale.actionPlans).toHaveLength(2);
    for (const plan of ashvale.actionPlans) {
      expect(plan.actions.length, plan.name).toBeGreaterThanOrEqual(20);
      expect(plan.actions.length, plan.name).toBeLessThanOrEqual(30);
    }
    expect(ashvale.organisations.length).toBeGreaterThanOrEqual(9);
    expect(ashvale.users.filter((u) => u.role === "admin")).toHaveLength(1);
    expect(
      new Set(ashvale.users.filter((u) => u.role === "editor").map((u) => u.organisation)).size,
    ).toBeGreaterThanOrEqual(5);
    expect(ashvale.users.filter((u) => u.role === "viewer").length).toBeGreaterThanOrEqual(2);
  });
});

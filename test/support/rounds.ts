import { expect } from "vitest";
import { addDays, ukDateOf } from "../../src/domain/periods.ts";
import type { TestClient } from "./app.ts";

/** A GOV.UK date input's three boxes for an ISO date: name-day, name-month, name-year. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split("-");
  return {
    [`${name}-day`]: String(Number(d)),
    [`${name}-month`]: String(Number(m)),
    [`${name}-year`]: String(y),
  };
}

/**
 * Opens a round through the coordinator's form for the last quarter up to yesterday, due in two
 * weeks, asking for `actionIds`; returns its id.
 */
export async function openRoundThroughForm(
  coordinator: TestClient,
  input: { actionPlanId: number; actionIds: number[]; name: string; graceDays?: number },
): Promise<number> {
  const today = ukDateOf(new Date());
  await coordinator.get("/p/ashvale/rounds/new");
  const opened = await coordinator.post("/p/ashvale/rounds/new", {
    actionPlanId: String(input.actionPlanId),
    name: input.name,
    ...dateFields("periodStart", addDays(today, -90)),
    ...dateFields("periodEnd", addDays(today, -1)),
    ...dateFields("deadline", addDays(today, 14)),
    graceDays: String(input.graceDays ?? 5),
    reminderDaysBefore: "7",
    actionIds: input.actionIds.map(String),
  });
  expect(opened.statusCode).toBe(303);
  return Number(/\/rounds\/(\d+)$/.exec(String(opened.headers.location))?.[1]);
}

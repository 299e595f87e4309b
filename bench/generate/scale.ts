import { SCALE } from "../config.ts";

/** How much to generate: bench/config.ts SCALE, or a smaller shape for tests. */
export type BenchScale = { -readonly [K in keyof typeof SCALE]: number };

/**
 * SCALE with overrides, checked. Rounds are quarterly: round r belongs to the action plan of its
 * financial year, so there can be at most four rounds per plan; the last round is the open one, so
 * there must be at least two (one closed).
 */
export function benchScale(overrides: Partial<BenchScale> = {}): BenchScale {
  const scale: BenchScale = { ...SCALE, ...overrides };
  for (const [name, value] of Object.entries(scale)) {
    if (!Number.isInteger(value) || value < 1) throw new Error(`scale.${name} must be a positive integer`);
  }
  if (scale.rounds < 2) throw new Error("scale.rounds must be at least 2 (closed rounds and the open one)");
  if (scale.rounds > 4 * scale.actionPlans) throw new Error("scale.rounds: at most four a year");
  if (scale.priorities > scale.commitments) throw new Error("scale.priorities: more than commitments");
  if (scale.commitments < scale.actionPlans) throw new Error("scale.commitments: fewer than action plans");
  if (scale.partnerships > 999) throw new Error("scale.partnerships: slugs have three digits");
  return scale;
}

import type { RoundRow } from "../../data/rounds.ts";
import { canSubmit, graceEndsOn, roundPhase } from "../../domain/deadlines.ts";
import type { IsoDate } from "../../domain/periods.ts";
import { timingOf } from "../round-service.ts";

/** Where a round stands on `today`: its phase, whether partners can still submit, the grace's end. */
export function roundWindow(round: RoundRow, today: IsoDate) {
  const timing = timingOf(round);
  return {
    phase: roundPhase(timing, today),
    canSubmit: canSubmit(timing, today),
    graceEndsOn: graceEndsOn(timing),
    today,
  };
}

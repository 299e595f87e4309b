import type { ActionPlanPreview, PlannedAction } from "./action-plan.ts";
import type { StrategySnapshot } from "./types.ts";

// The coordinator's corrections on the preview: for a row whose commitment was matched by its
// wording (with the score shown) or offered as new, the commitment it really delivers. Applied to
// the plan after it has been checked against the one the coordinator saw, before it is written.

/** Source row (the row that named the commitment) → the chosen commitment's id, or "new". */
export type CommitmentChoices = Record<number, number | "new">;

/** The rows the preview offers a choice for: matched by wording, or new, and not yet in the plan. */
export function choosable(action: PlannedAction): boolean {
  return action.row === action.sourceRow && action.change === "create" && action.match !== "number";
}

export class InvalidChoice extends Error {}

/**
 * The plan with each chosen row (and the rows continuing it) pointing at the chosen commitment; new
 * commitments no action delivers any more are dropped. "new" keeps the planned new commitment, and
 * is refused for a row the plan matched to an existing one (it would need a number and a priority
 * the file does not give).
 */
export function applyCommitmentChoices(
  preview: ActionPlanPreview,
  strategy: StrategySnapshot,
  choices: CommitmentChoices,
): ActionPlanPreview {
  const byRow = new Map(
    preview.actions.filter(choosable).map((a) => [a.sourceRow, a] as [number, PlannedAction]),
  );
  const actions = preview.actions.map((action) => {
    const choice = choices[action.sourceRow];
    const offered = byRow.get(action.sourceRow);
    if (choice === undefined || !offered || action.change !== "create") return action;
    if (choice === "new") {
      if (offered.commitment.kind !== "new") throw new InvalidChoice(`row ${action.sourceRow}`);
      return action;
    }
    if (action.commitment.kind === "existing" && action.commitment.id === choice) return action;
    const chosen = strategy.commitments.find((c) => c.id === choice);
    if (!chosen) throw new InvalidChoice(`row ${action.sourceRow}`);
    return {
      ...action,
      commitment: { kind: "existing" as const, id: chosen.id, number: chosen.number },
      commitmentLabel: `${chosen.number} ${chosen.text}`,
      match: "chosen" as const,
      score: null,
    };
  });
  const stillNew = new Set(
    actions.flatMap((a) => (a.commitment.kind === "new" ? [a.commitment.number] : [])),
  );
  return {
    ...preview,
    actions,
    newCommitments: preview.newCommitments.filter((c) => stillNew.has(c.number)),
  };
}

import { and, eq, inArray, sql } from "drizzle-orm";
import { nextActionPosition } from "../data/action-plans.ts";
import { listOrganisations } from "../data/organisations.ts";
import { nextPosition } from "../data/strategies.ts";
import type { Tx } from "../db/database.ts";
import { actionLeads, actions, commitments, organisations, priorities } from "../db/schema.ts";
import type { ActionPlanPreview, LeadRef } from "../imports/action-plan.ts";
import type { CommitmentChoices } from "../imports/choices.ts";
import type { ImportPreview } from "../imports/summary.ts";
import type { StrategySnapshot } from "../imports/types.ts";
import { ValidationError } from "./errors.ts";

// The writes of a confirmed import, inside the import service's one transaction: set-based inserts
// (in chunks, to stay under PostgreSQL's parameter limit) in the order the preview listed them, so
// positions follow the file.

export interface ImportChoices {
  /**
   * For each of the preview's new organisations, by its position in `newOrganisations`: "new" (add
   * it) or the id of the existing organisation it is. Left out: added as new.
   */
  organisations: Record<number, "new" | number>;
  /** For rows matched by wording or new: the commitment chosen on the preview (imports/choices.ts). */
  commitments?: CommitmentChoices;
}

const CHUNK = 500;
const fileError = (message: string) => new ValidationError([{ field: "file", message }]);

async function insertChunked<T>(
  rows: T[],
  insert: (chunk: T[]) => Promise<{ id: number }[]>,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += CHUNK)
    ids.push(...(await insert(rows.slice(i, i + CHUNK))).map((r) => r.id));
  return ids;
}

/** Writes priorities and commitments (new and changed); returns priority number → id. */
export async function writeFramework(
  tx: Tx,
  pid: number,
  strategy: StrategySnapshot,
  preview: ImportPreview,
) {
  const priorityIds = new Map(strategy.priorities.map((p) => [p.number.toLowerCase(), p.id]));
  let position = await nextPosition(tx, priorities, strategy.id);
  for (const p of preview.newPriorities) {
    const [row] = await tx
      .insert(priorities)
      .values({
        partnershipId: pid,
        strategyId: strategy.id,
        number: p.number,
        title: p.title,
        outcome: p.outcome,
        position: position++,
      })
      .returning({ id: priorities.id });
    priorityIds.set(p.number.toLowerCase(), row!.id);
  }
  for (const change of preview.changes) {
    const table = change.field === "text" ? commitments : priorities;
    await tx
      .update(table)
      .set({ [change.field]: change.to, version: sql`${table.version} + 1` })
      .where(and(eq(table.partnershipId, pid), eq(table.id, change.id)));
  }
  let commitmentPosition = await nextPosition(tx, commitments, strategy.id);
  const commitmentIds = new Map(strategy.commitments.map((c) => [c.number.toLowerCase(), c.id]));
  const newIds = await insertChunked(preview.newCommitments, (chunk) =>
    tx
      .insert(commitments)
      .values(
        chunk.map((c) => ({
          partnershipId: pid,
          strategyId: strategy.id,
          priorityId:
            c.priorityNumber === null ? null : (priorityIds.get(c.priorityNumber.toLowerCase()) ?? null),
          number: c.number,
          text: c.text,
          position: commitmentPosition++,
        })),
      )
      .returning({ id: commitments.id }),
  );
  for (const [i, c] of preview.newCommitments.entries())
    commitmentIds.set(c.number.toLowerCase(), newIds[i]!);
  return commitmentIds;
}

export async function writeOrganisations(
  tx: Tx,
  pid: number,
  preview: ActionPlanPreview,
  choices: ImportChoices,
) {
  const existing = new Set((await listOrganisations(tx, pid)).map((o) => o.id));
  const ids = new Map<string, number>();
  const added: string[] = [];
  const mapped: { name: string; to: number }[] = [];
  for (const [index, o] of preview.newOrganisations.entries()) {
    const choice = choices.organisations[index] ?? "new";
    if (choice !== "new") {
      if (!existing.has(choice)) throw fileError(`Choose an organisation of this partnership for ${o.name}`);
      ids.set(o.key, choice);
      mapped.push({ name: o.name, to: choice });
      continue;
    }
    const [row] = await tx
      .insert(organisations)
      .values({ partnershipId: pid, name: o.name, kind: "" })
      .returning({ id: organisations.id });
    ids.set(o.key, row!.id);
    added.push(o.name);
  }
  return { ids, added, mapped };
}

export async function writeActions(
  tx: Tx,
  pid: number,
  planId: number,
  preview: ActionPlanPreview,
  commitmentIds: Map<string, number>,
  orgIds: Map<string, number>,
) {
  // "All partners": every organisation of the partnership, including those this import adds.
  const everyone = preview.actions.some((a) => a.leads.some((l) => l.kind === "all"))
    ? (await listOrganisations(tx, pid)).map((o) => o.id)
    : [];
  const leadIds = (leads: LeadRef[]) => [
    ...new Set(
      leads.flatMap((l) =>
        l.kind === "existing" ? [l.id] : l.kind === "new" ? [orgIds.get(l.key)!] : everyone,
      ),
    ),
  ];
  const commitmentId = (a: ActionPlanPreview["actions"][number]) =>
    a.commitment.kind === "existing"
      ? a.commitment.id
      : commitmentIds.get(a.commitment.number.toLowerCase())!;
  const created = preview.actions.filter((a) => a.change === "create");
  let position = await nextActionPosition(tx, planId);
  const newIds = await insertChunked(created, (chunk) =>
    tx
      .insert(actions)
      .values(
        chunk.map((a) => ({
          partnershipId: pid,
          actionPlanId: planId,
          commitmentId: commitmentId(a),
          what: a.what,
          how: a.how,
          performanceTarget: a.performanceTarget,
          dueOn: a.dueOn,
          position: position++,
        })),
      )
      .returning({ id: actions.id }),
  );
  const updated = preview.actions.filter((a) => a.change === "update");
  for (const a of updated) {
    await tx
      .update(actions)
      .set({
        what: a.what,
        how: a.how,
        performanceTarget: a.performanceTarget,
        dueOn: a.dueOn,
        version: sql`${actions.version} + 1`,
      })
      .where(and(eq(actions.partnershipId, pid), eq(actions.id, a.existingActionId!)));
  }
  if (updated.length > 0) {
    const ids = updated.map((a) => a.existingActionId!);
    await tx
      .delete(actionLeads)
      .where(and(eq(actionLeads.partnershipId, pid), inArray(actionLeads.actionId, ids)));
  }
  const leadRows = [
    ...created.flatMap((a, i) =>
      leadIds(a.leads).map((organisationId) => ({
        partnershipId: pid,
        actionId: newIds[i]!,
        organisationId,
      })),
    ),
    ...updated.flatMap((a) =>
      leadIds(a.leads).map((organisationId) => ({
        partnershipId: pid,
        actionId: a.existingActionId!,
        organisationId,
      })),
    ),
  ];
  for (let i = 0; i < leadRows.length; i += CHUNK)
    await tx.insert(actionLeads).values(leadRows.slice(i, i + CHUNK));
  return { created: newIds, updated: updated.map((a) => a.existingActionId!) };
}

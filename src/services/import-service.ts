import type { Config } from "../config.ts";
import { findActionPlan, listActionsWithContext } from "../data/action-plans.ts";
import { listOrganisations } from "../data/organisations.ts";
import { findStrategy, listCommitments, listPriorities } from "../data/strategies.ts";
import type { Db, Executor } from "../db/database.ts";
import {
  financialYear,
  financialYearEnd,
  financialYearStart,
  formatFinancialYear,
} from "../domain/periods.ts";
import { planActionPlanImport } from "../imports/action-plan.ts";
import { applyCommitmentChoices, InvalidChoice } from "../imports/choices.ts";
import { frameworkShape, planFrameworkImport } from "../imports/framework.ts";
import {
  InvalidPreviewToken,
  PREVIEW_LIFETIME_MS,
  planHash,
  signPreview,
  verifyPreview,
} from "../imports/preview-token.ts";
import {
  columnLetter,
  FileProblem,
  READ_LIMITS,
  readTable,
  type Sheet,
  type UploadedFile,
} from "../imports/read-table.ts";
import { countPreview, hasChanges, type ImportCounts, type ImportPreview } from "../imports/summary.ts";
import type { Problem, StrategySnapshot } from "../imports/types.ts";
import { insertActionPlan } from "./action-plan-service.ts";
import { type Actor, actorUserId } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { unrecordedHistory, writeHistory } from "./import-history.ts";
import { type ImportChoices, writeActions, writeFramework, writeOrganisations } from "./import-writer.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { insertStrategy } from "./strategy-service.ts";
import { inTransaction, type Work } from "./unit-of-work.ts";

export type { ImportChoices } from "./import-writer.ts";

// Imports of action plans and strategy frameworks from .xlsx and .csv. `preview` reads and plans
// without writing anything; `apply` plans again from the same rows (carried by a signed token, see
// imports/preview-token.ts), checks the plan is the one the person saw, and writes all of it in one
// transaction, audited as one entry. Only the coordinator may import.

/** A strategy the import creates: its period and title; its shape is read from the file. */
export interface StrategyToCreate {
  title: string;
  startYear: number;
  endYear: number;
}

/** An action plan the import creates: its strategy and financial year. */
export interface PlanToCreate {
  strategyId: number;
  startYear: number;
}

/**
 * What an import goes into. `create…` targets are created inside the import's own transaction, so
 * if the import fails nothing is left behind (no empty strategy or plan).
 */
export type ImportTarget =
  | { kind: "action-plan"; actionPlanId: number }
  | { kind: "action-plan"; createPlan: PlanToCreate }
  | { kind: "framework"; strategyId: number }
  | { kind: "framework"; createStrategy: StrategyToCreate };

type ExistingTarget = Extract<ImportTarget, { strategyId: number } | { actionPlanId: number }>;

export interface PreviewResult {
  preview: ImportPreview;
  counts: ImportCounts;
  strategy: StrategySnapshot;
  filename: string;
  /** What the confirm step posts back; null when the file has errors or nothing new (no confirm). */
  token: string | null;
}

export interface ApplyResult {
  counts: ImportCounts;
  /** Organisations added, and those mapped to existing ones. */
  addedOrganisations: number;
  mappedOrganisations: number;
  strategy: StrategySnapshot;
  targetId: number;
}

const fileError = (message: string) => new ValidationError([{ field: "file", message }]);

/**
 * A warning for each cell whose hidden or control characters were left out when the file was read
 * (imports/read-table.ts), named by its column heading, so nobody is surprised by the text saved.
 */
function cleanedCellWarnings(sheet: Sheet, headerRow: number): Problem[] {
  const headings = sheet.rows.find((r) => r.rowNumber === headerRow)?.cells ?? [];
  return sheet.rows.flatMap((row) =>
    (row.cleaned ?? []).map((column) => ({
      row: row.rowNumber,
      column: headings[column] || `column ${columnLetter(column)}`,
      message: "hidden or control characters were left out (Waymark cannot store them)",
      severity: "warning" as const,
    })),
  );
}

export function createImportService(
  db: Db,
  config: Pick<Config, "sessionSecret">,
  clock: () => number = Date.now,
) {
  async function strategySnapshot(ex: Executor, pid: number, strategyId: number): Promise<StrategySnapshot> {
    const strategy = found(await findStrategy(ex, pid, strategyId), "That strategy");
    // One after the other: `ex` may be the import's transaction, whose queries share one connection.
    const priorityRows = await listPriorities(ex, pid, strategyId);
    const commitmentRows = await listCommitments(ex, pid, strategyId);
    return {
      id: strategy.id,
      title: strategy.title,
      framework: strategy.framework,
      itemLabel: strategy.itemLabel,
      priorities: priorityRows.map(({ id, number, title, outcome }) => ({ id, number, title, outcome })),
      commitments: commitmentRows.map(({ id, number, text, priorityId }) => ({
        id,
        number,
        text,
        priorityId,
      })),
    };
  }

  /** Reads the partnership's current state and plans the import of `sheets` against it. */
  async function plan(ex: Executor, pid: number, target: ExistingTarget | ImportTarget, sheets: Sheet[]) {
    if (target.kind === "framework") {
      const strategy =
        "createStrategy" in target
          ? newStrategySnapshot(target.createStrategy, sheets)
          : await strategySnapshot(ex, pid, target.strategyId);
      const preview = planFrameworkImport(sheets, strategy);
      if (preview.history.length > 0 && strategy.id !== 0)
        preview.history = await unrecordedHistory(ex, pid, strategy.id, preview.history);
      return { strategy, preview: preview as ImportPreview };
    }
    const planRow =
      "createPlan" in target
        ? null
        : found(await findActionPlan(ex, pid, target.actionPlanId), "That action plan");
    const strategy = await strategySnapshot(
      ex,
      pid,
      planRow?.strategyId ?? ("createPlan" in target ? target.createPlan.strategyId : 0),
    );
    const rows = planRow ? await listActionsWithContext(ex, pid, { actionPlanId: planRow.id }) : [];
    const orgs = await listOrganisations(ex, pid);
    const existing = rows.map(({ action: a, leads }) => ({
      id: a.id,
      commitmentId: a.commitmentId,
      what: a.what,
      how: a.how,
      performanceTarget: a.performanceTarget,
      dueOn: a.dueOn,
      leadIds: leads.map((l) => l.id),
    }));
    const organisationList = orgs.map((o) => ({ id: o.id, name: o.name }));
    return {
      strategy,
      preview: planActionPlanImport(sheets, strategy, existing, organisationList) as ImportPreview,
    };
  }

  function chooseCommitments(
    preview: Parameters<typeof applyCommitmentChoices>[0],
    strategy: StrategySnapshot,
    choices: NonNullable<ImportChoices["commitments"]>,
  ): ImportPreview {
    try {
      return applyCommitmentChoices(preview, strategy, choices);
    } catch (error) {
      if (error instanceof InvalidChoice)
        throw fileError(
          `Choose one of the strategy's ${strategy.itemLabel.toLowerCase()}s for ${error.message}`,
        );
      throw error;
    }
  }

  /** The strategy a file would create: empty, shaped as the file is. */
  function newStrategySnapshot(create: StrategyToCreate, sheets: Sheet[]): StrategySnapshot {
    return { id: 0, title: create.title, ...frameworkShape(sheets), priorities: [], commitments: [] };
  }

  /** The id of an existing target; 0 for one the import creates (named by `create` in the token). */
  const targetId = (t: ImportTarget) =>
    "createStrategy" in t || "createPlan" in t ? 0 : t.kind === "framework" ? t.strategyId : t.actionPlanId;
  const createOf = (t: ImportTarget) =>
    "createStrategy" in t ? t.createStrategy : "createPlan" in t ? t.createPlan : null;

  /** Creates what the target says is missing, inside the import's transaction; the target as it then is. */
  async function ensureTarget(
    work: Work,
    pid: number,
    target: ImportTarget,
    sheets: Sheet[],
  ): Promise<ExistingTarget> {
    if ("createStrategy" in target) {
      const { title, startYear, endYear } = target.createStrategy;
      const shape = frameworkShape(sheets);
      const row = await insertStrategy(work, pid, { title, startYear, endYear, vision: "", ...shape });
      return { kind: "framework", strategyId: row.id };
    }
    if ("createPlan" in target) {
      const fy = financialYear(target.createPlan.startYear);
      const row = await insertActionPlan(work, pid, target.createPlan.strategyId, {
        name: formatFinancialYear(fy, "dash"),
        startsOn: financialYearStart(fy),
        endsOn: financialYearEnd(fy),
      });
      return { kind: "action-plan", actionPlanId: row.id };
    }
    return target;
  }

  return {
    /** Reads and plans an upload; writes nothing. A bad file is a ValidationError on the `file` field. */
    async preview(actor: Actor, target: ImportTarget, file: UploadedFile): Promise<PreviewResult> {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      // Check the target exists (404) before reading the file.
      if ("strategyId" in target) found(await findStrategy(db, pid, target.strategyId), "That strategy");
      else if ("actionPlanId" in target)
        found(await findActionPlan(db, pid, target.actionPlanId), "That action plan");
      else if ("createPlan" in target)
        found(await findStrategy(db, pid, target.createPlan.strategyId), "That strategy");
      let sheets: Sheet[];
      let planned: Awaited<ReturnType<typeof plan>>;
      try {
        sheets = await readTable(file, READ_LIMITS, { word: true });
        planned = await plan(db, pid, target, sheets);
      } catch (error) {
        if (error instanceof FileProblem) throw fileError(error.message);
        throw error;
      }
      const counts = countPreview(planned.preview);
      const sheet = sheets.find((s) => s.name === planned.preview.header.sheetName) ?? sheets[0]!;
      const token =
        counts.errors > 0 || !hasChanges(counts)
          ? null
          : signPreview(
              {
                v: 1,
                kind: target.kind,
                partnershipId: pid,
                userId: actorUserId(actor),
                targetId: targetId(target),
                create: createOf(target),
                filename: file.filename,
                expires: clock() + PREVIEW_LIFETIME_MS,
                planHash: planHash(planned.preview),
                sheet,
              },
              config.sessionSecret,
            );
      // Said after the plan is signed: confirming plans the cleaned rows again, which have no such note.
      const notes = cleanedCellWarnings(sheet, planned.preview.header.rowNumber);
      const preview =
        notes.length > 0
          ? { ...planned.preview, problems: [...planned.preview.problems, ...notes] }
          : planned.preview;
      return {
        preview,
        counts: notes.length > 0 ? countPreview(preview) : counts,
        strategy: planned.strategy,
        filename: file.filename,
        token,
      };
    },

    /** Writes a previewed import, all of it or nothing, as one audited change. */
    async apply(
      actor: Actor,
      target: ImportTarget,
      token: string,
      choices: ImportChoices,
    ): Promise<ApplyResult> {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      let payload: ReturnType<typeof verifyPreview>;
      try {
        payload = verifyPreview(token, config.sessionSecret, clock());
      } catch (error) {
        if (error instanceof InvalidPreviewToken) {
          throw fileError("This preview has expired or cannot be used. Upload the file again");
        }
        throw error;
      }
      if (
        payload.kind !== target.kind ||
        payload.partnershipId !== pid ||
        payload.userId !== actorUserId(actor) ||
        payload.targetId !== targetId(target) ||
        JSON.stringify(payload.create) !== JSON.stringify(createOf(target))
      ) {
        throw fileError("This preview was made for another import. Upload the file again");
      }
      return inTransaction(db, actor, async (work) => {
        const into = await ensureTarget(work, pid, target, [payload.sheet]);
        const { strategy, preview: checked } = await plan(work.tx, pid, into, [payload.sheet]);
        if (planHash(checked) !== payload.planHash) {
          throw fileError(
            "The strategy, the plan or the organisations changed after the file was checked. Upload it again to see an up-to-date preview",
          );
        }
        const preview =
          checked.kind === "action-plan"
            ? chooseCommitments(checked, strategy, choices.commitments ?? {})
            : checked;
        const counts = countPreview(preview);
        if (counts.errors > 0) throw fileError("The file has problems to fix before it can be imported");
        if (!hasChanges(counts)) throw fileError("There is nothing new in the file to import");
        const commitmentIds = await writeFramework(work.tx, pid, strategy, preview);
        let summary: Record<string, unknown> = {};
        if (preview.kind === "framework" && preview.history.length > 0 && into.kind === "framework") {
          const recorded = await writeHistory(work, pid, into.strategyId, preview.history, commitmentIds);
          summary = { historicalUpdates: recorded };
        }
        let added = 0;
        let mapped = 0;
        if (preview.kind === "action-plan") {
          const orgs = await writeOrganisations(work.tx, pid, preview, choices);
          const written = await writeActions(
            work.tx,
            pid,
            into.kind === "action-plan" ? into.actionPlanId : 0,
            preview,
            commitmentIds,
            orgs.ids,
          );
          added = orgs.added.length;
          mapped = orgs.mapped.length;
          summary = { addedOrganisations: orgs.added, mappedOrganisations: orgs.mapped, actionIds: written };
        }
        work.audit({
          partnershipId: pid,
          action: `import.${target.kind}`,
          entityType: target.kind === "framework" ? "strategy" : "action-plan",
          entityId: targetId(into),
          after: {
            filename: payload.filename,
            sheet: payload.sheet.name,
            counts,
            newPriorities: preview.newPriorities.map((p) => p.number),
            newCommitments: preview.newCommitments.map((c) => c.number),
            changes: preview.changes.map(({ number, field, from, to }) => ({ number, field, from, to })),
            ...summary,
          },
        });
        return {
          counts,
          addedOrganisations: added,
          mappedOrganisations: mapped,
          strategy,
          targetId: targetId(into),
        };
      });
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;

// Importing observations: the coordinator uploads a file (or pastes CSV), sees every row's verdict
// (new, changed, unchanged, or its errors), then confirms. The checked rows wait in
// observation_imports, so the preview survives a reload and any app instance can confirm it.
// Confirming writes every row in one transaction, or none: a file with any error is not written.
import * as data from "../data/indicators.ts";
import type { Db } from "../db/database.ts";
import {
  checkObservationRows,
  type ExistingFigure,
  observationKey,
  type PreviewRow,
  readObservationFile,
} from "../imports/observations.ts";
import { FileProblem, type UploadedFile } from "../imports/read-table.ts";
import type { Actor } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface ImportPreview {
  id: number;
  fileName: string;
  createdAt: Date;
  confirmedAt: Date | null;
  rows: PreviewRow[];
  counts: { rows: number; errors: number; new: number; changed: number; unchanged: number };
  /** Indicator id → name, for the preview table. */
  indicatorNames: Record<number, string>;
}

async function existingFigures(db: Db, partnershipId: number): Promise<Map<string, ExistingFigure>> {
  const rows = await data.listObservations(db, partnershipId);
  return new Map(rows.map((o) => [observationKey(o.indicatorId, o.areaId, o.periodStart, o.periodEnd), o]));
}

export function createIndicatorImports(db: Db) {
  async function checkFile(actor: Actor, file: UploadedFile): Promise<PreviewRow[]> {
    const pid = partnershipOf(actor);
    const [indicators, areas, existing] = await Promise.all([
      data.listIndicators(db, pid),
      data.listAreas(db, pid),
      existingFigures(db, pid),
    ]);
    const rows = await readObservationFile(file);
    return checkObservationRows(rows, indicators, areas, existing);
  }

  async function preview(actor: Actor, id: number): Promise<ImportPreview> {
    requireAdmin(actor);
    const pid = partnershipOf(actor);
    const row = found(await data.findImport(db, pid, id), "That import");
    const rows = row.rows as PreviewRow[];
    const names = Object.fromEntries((await data.listIndicators(db, pid)).map((i) => [i.id, i.name]));
    const count = (change: string) => rows.filter((r) => r.write?.change === change).length;
    return {
      id: row.id,
      fileName: row.fileName,
      createdAt: row.createdAt,
      confirmedAt: row.confirmedAt,
      rows,
      counts: {
        rows: rows.length,
        errors: rows.filter((r) => r.errors.length > 0).length,
        new: count("new"),
        changed: count("changed"),
        unchanged: count("unchanged"),
      },
      indicatorNames: names,
    };
  }

  return {
    /**
     * Reads and checks a file and keeps the verdicts for the preview. A problem with the whole file
     * (not a spreadsheet, no heading row) is a ValidationError on the `file` field.
     */
    async stageImport(actor: Actor, file: UploadedFile) {
      requireAdmin(actor);
      let rows: PreviewRow[];
      try {
        rows = await checkFile(actor, file);
      } catch (error) {
        if (error instanceof FileProblem)
          throw new ValidationError([{ field: "file", message: error.message }]);
        throw error;
      }
      return inTransaction(db, actor, async ({ tx }) =>
        data.insertImport(tx, {
          partnershipId: partnershipOf(actor),
          userId: actor.kind === "member" ? actor.userId : null,
          fileName: file.filename,
          rows,
          errorCount: rows.filter((r) => r.errors.length > 0).length,
        }),
      );
    },

    importPreview: preview,

    /**
     * Writes every row of a checked import in one transaction. Rows are checked again against the
     * indicators and areas as they are now, so a change made since the preview cannot slip through.
     */
    async confirmImport(actor: Actor, id: number) {
      requireAdmin(actor);
      const pid = partnershipOf(actor);
      const staged = await preview(actor, id);
      if (staged.confirmedAt !== null) {
        throw new ValidationError([{ field: "confirm", message: "This file has already been imported" }]);
      }
      if (staged.counts.errors > 0) {
        throw new ValidationError([
          {
            field: "confirm",
            message:
              "Correct the rows with errors in the file and upload it again: nothing has been imported",
          },
        ]);
      }
      return inTransaction(db, actor, async ({ tx, audit }) => {
        if (!(await data.markImportConfirmed(tx, pid, id))) {
          throw new ValidationError([{ field: "confirm", message: "This file has already been imported" }]);
        }
        const indicatorIds = new Set((await data.listIndicators(tx, pid)).map((i) => i.id));
        const areaIds = new Set((await data.listAreas(tx, pid)).map((a) => a.id));
        const writes = staged.rows.flatMap((r) => (r.write ? [{ ...r.write, rowNumber: r.rowNumber }] : []));
        const stale = writes.find((w) => !indicatorIds.has(w.indicatorId) || !areaIds.has(w.areaId));
        if (stale) {
          throw new ValidationError([
            {
              field: "confirm",
              message: `Row ${stale.rowNumber} refers to an indicator or area that has changed since the upload: upload the file again`,
            },
          ]);
        }
        const written = await data.upsertObservations(
          tx,
          writes
            .filter((w) => w.change !== "unchanged")
            .map((w) => ({
              partnershipId: pid,
              indicatorId: w.indicatorId,
              areaId: w.areaId,
              periodStart: w.periodStart,
              periodEnd: w.periodEnd,
              periodLabel: w.periodLabel,
              value: w.value,
              numerator: w.numerator,
              denominator: w.denominator,
            })),
        );
        audit({
          partnershipId: pid,
          action: "observation.import",
          entityType: "observation-import",
          entityId: id,
          after: {
            fileName: staged.fileName,
            new: staged.counts.new,
            changed: staged.counts.changed,
            written: written.length,
          },
        });
        return { written: written.length, ...staged.counts };
      });
    },
  };
}

// Quality standards (issue 15), generic over the owner (standards-owner.ts): a region's, written by
// its lead, or a partnership's own, written by its coordinator. A standard starts blank, from a
// built-in template (domain/region/templates.ts) or as a copy of the region's published one; its
// name, summary, cycle length and rating scale are edited with a version check, and it is published
// once it has themes with criteria. Themes and criteria: standards-structure.ts; cycles:
// standards-cycles.ts. Every change is audited in the owner's log.
import { and, eq } from "drizzle-orm";
import {
  findStandard,
  insertStandard,
  listCycles,
  listStandards,
  loadStandardOutline,
  type OutlineInput,
  type StandardRow,
  standardIsRated,
  updateById,
} from "../../data/region/standards.ts";
import type { Db, Tx } from "../../db/database.ts";
import { qualityStandards, standardLevels } from "../../db/schema-region.ts";
import {
  findTemplate,
  SCALE_PRESETS,
  type ScalePresetKey,
  STANDARD_TEMPLATES,
  scaleProblems,
} from "../../domain/region/templates.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, NotFoundError, ValidationError } from "../errors.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { createStandardCycles } from "./standards-cycles.ts";
import {
  auditScope,
  canWrite,
  ownerKey,
  ownerOf,
  owns,
  readable,
  requireWriter,
  type StandardOwner,
  writable,
} from "./standards-owner.ts";
import { createStandardStructure } from "./standards-structure.ts";

export type StandardSource =
  | { kind: "blank"; scale: ScalePresetKey }
  | { kind: "template"; key: string }
  | { kind: "copy"; standardId: number };

export interface NewStandardInput {
  source: StandardSource;
  /** Empty: the template's or the copied standard's name. */
  name: string;
}

export interface StandardInput {
  name: string;
  summary: string;
  cycleMonths: number;
  identifiesNobody?: boolean;
}

export interface LevelInput {
  label: string;
  description: string;
  meetsStandard: boolean;
}

/** Locks the standard's row for a change that depends on its state (publishing, the scale). */
export async function lockStandard(tx: Tx, id: number): Promise<StandardRow | undefined> {
  const [row] = await tx.select().from(qualityStandards).where(eq(qualityStandards.id, id)).for("update");
  return row;
}

export function createStandardsService(db: Db) {
  async function outlineFor(
    owner: StandardOwner,
    source: StandardSource,
  ): Promise<{
    name: string;
    summary: string;
    cycleMonths: number;
    templateKey: string | null;
    outline: OutlineInput;
  }> {
    if (source.kind === "blank") {
      return {
        name: "",
        summary: "",
        cycleMonths: 24,
        templateKey: null,
        outline: { levels: SCALE_PRESETS[source.scale].levels, themes: [] },
      };
    }
    if (source.kind === "template") {
      const template = findTemplate(source.key);
      if (!template)
        throw new ValidationError([{ field: "source", message: "Select where the standard starts from" }]);
      return {
        name: template.name,
        summary: template.summary,
        cycleMonths: template.cycleMonths,
        templateKey: template.key,
        outline: { levels: SCALE_PRESETS[template.scaleKey].levels, themes: template.themes },
      };
    }
    // A partnership adopts its region's published standard as a copy of its own, to assess itself.
    const original = await findStandard(db, source.standardId);
    if (owner.kind !== "partnership" || !original || owns(owner, original)) {
      throw new ValidationError([{ field: "source", message: "Select where the standard starts from" }]);
    }
    readable(owner, original);
    const full = await loadStandardOutline(db, original.id);
    if (!full) throw new NotFoundError("That standard");
    return {
      name: original.name,
      summary: original.summary,
      cycleMonths: original.cycleMonths,
      templateKey: original.templateKey,
      outline: {
        levels: full.levels.map(({ label, description, meetsStandard }) => ({
          label,
          description,
          meetsStandard,
        })),
        themes: full.themes.map((t) => ({
          title: t.title,
          description: t.description,
          criteria: t.criteria.map(({ title, whatGoodLooksLike, howEvidenced }) => ({
            title,
            whatGoodLooksLike,
            howEvidenced,
          })),
        })),
      },
    };
  }

  return {
    ...createStandardStructure(db),
    ...createStandardCycles(db),

    /** The owner's standards, and for a partnership its region's published ones. */
    async list(actor: Actor) {
      const owner = await ownerOf(db, actor);
      const [own, regional] = await Promise.all([
        listStandards(db, ownerKey(owner)),
        owner.kind === "partnership" && owner.regionId !== null
          ? listStandards(db, { regionId: owner.regionId }, true)
          : Promise.resolve([]),
      ]);
      return { own, regional, canWrite: canWrite(actor, owner), side: owner.kind };
    },

    /** What a new standard can start from: the templates, and for a partnership its region's published standards. */
    async sources(actor: Actor) {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      const regional =
        owner.kind === "partnership" && owner.regionId !== null
          ? await listStandards(db, { regionId: owner.regionId }, true)
          : [];
      return {
        templates: STANDARD_TEMPLATES.map((t) => ({ key: t.key, name: t.name, summary: t.summary })),
        scales: Object.values(SCALE_PRESETS).map((s) => ({ key: s.key, name: s.name })),
        regional,
      };
    },

    /** One standard with its scale, themes and criteria, cycles, and what the actor may do with it. */
    async view(actor: Actor, id: number) {
      const owner = await ownerOf(db, actor);
      const standard = readable(owner, await findStandard(db, id));
      const [outline, cycles, rated] = await Promise.all([
        loadStandardOutline(db, standard.id),
        listCycles(db, standard.id),
        standardIsRated(db, standard.id),
      ]);
      if (!outline) throw new NotFoundError("That standard");
      return {
        outline,
        cycles,
        rated,
        owned: owns(owner, standard),
        canWrite: owns(owner, standard) && canWrite(actor, owner),
      };
    },

    /** The standard for its edit forms: the owner's writer only. */
    async forEdit(actor: Actor, id: number) {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      const standard = writable(owner, await findStandard(db, id));
      const [outline, rated] = await Promise.all([loadStandardOutline(db, id), standardIsRated(db, id)]);
      if (!outline) throw new NotFoundError("That standard");
      return { standard, outline, rated };
    },

    async create(actor: Actor, input: NewStandardInput): Promise<StandardRow> {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      const start = await outlineFor(owner, input.source);
      const name = input.name.trim() || start.name;
      if (name === "") throw new ValidationError([{ field: "name", message: "Enter the standard's name" }]);
      guardText({ name });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const row = await insertStandard(
          tx,
          {
            ...(owner.kind === "region"
              ? { regionId: owner.regionId }
              : { partnershipId: owner.partnershipId }),
            name,
            summary: start.summary,
            cycleMonths: start.cycleMonths,
            templateKey: start.templateKey,
          },
          start.outline,
        );
        audit({
          ...auditScope(row),
          action: "quality-standard.create",
          entityType: "quality-standard",
          entityId: row.id,
          after: {
            ...row,
            startedFrom:
              input.source.kind === "copy" ? `standard ${input.source.standardId}` : input.source.kind,
            themes: start.outline.themes.length,
            criteria: start.outline.themes.reduce((n, t) => n + t.criteria.length, 0),
          },
        });
        return row;
      });
    },

    async update(actor: Actor, id: number, expectedVersion: number, input: StandardInput) {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      writable(owner, await findStandard(db, id));
      const flagged = guardText(
        { name: input.name, summary: input.summary },
        { identifiesNobody: input.identifiesNobody },
      );
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { before, after } = unwrapUpdate(
          await updateById(
            tx,
            qualityStandards,
            { id, expectedVersion },
            { name: input.name, summary: input.summary, cycleMonths: input.cycleMonths },
          ),
          "That standard",
        );
        const scope = { ...auditScope(after), entityType: "quality-standard", entityId: id };
        audit({ ...scope, action: "quality-standard.update", before, after });
        recordAcknowledgement(audit, flagged, scope);
        return after;
      });
    },

    /**
     * The rating scale, lowest first. While nothing is rated against it, levels may be added, removed
     * and re-marked; once a self-assessment rates against it only labels and descriptions change, so
     * no stored rating changes meaning.
     */
    async saveScale(
      actor: Actor,
      id: number,
      expectedVersion: number,
      levels: LevelInput[],
      identifiesNobody = false,
    ) {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      writable(owner, await findStandard(db, id));
      const problems = scaleProblems(levels);
      if (problems.length > 0)
        throw new ValidationError(problems.map((message) => ({ field: "levels", message })));
      const texts = Object.fromEntries(
        levels.flatMap((l, i) => [
          [`label-${i + 1}`, l.label],
          [`description-${i + 1}`, l.description],
        ]),
      );
      const flagged = guardText(texts, { identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const standard = await lockStandard(tx, id);
        if (!standard) throw new NotFoundError("That standard");
        const current = await tx
          .select()
          .from(standardLevels)
          .where(eq(standardLevels.standardId, id))
          .orderBy(standardLevels.position);
        if (standard.version !== expectedVersion) {
          throw new ConflictError({ ...standard, levels: current });
        }
        if (await standardIsRated(tx, id)) {
          const sameShape =
            current.length === levels.length &&
            current.every((l, i) => l.meetsStandard === levels[i]?.meetsStandard);
          if (!sameShape) {
            throw new ValidationError([
              {
                field: "levels",
                message:
                  "A self-assessment already rates against this scale: you can change the labels and descriptions, not the number of levels or which meet the standard",
              },
            ]);
          }
          for (const [i, level] of current.entries()) {
            const next = levels[i]!;
            await tx
              .update(standardLevels)
              .set({ label: next.label, description: next.description, version: level.version + 1 })
              .where(and(eq(standardLevels.id, level.id), eq(standardLevels.standardId, id)));
          }
        } else {
          await tx.delete(standardLevels).where(eq(standardLevels.standardId, id));
          await tx
            .insert(standardLevels)
            .values(levels.map((l, i) => ({ ...l, standardId: id, position: i + 1 })));
        }
        const [after] = await tx
          .update(qualityStandards)
          .set({ version: standard.version + 1 })
          .where(eq(qualityStandards.id, id))
          .returning();
        const scope = { ...auditScope(standard), entityType: "quality-standard", entityId: id };
        audit({
          ...scope,
          action: "quality-standard.scale",
          before: {
            levels: current.map(({ label, description, meetsStandard }) => ({
              label,
              description,
              meetsStandard,
            })),
          },
          after: { levels },
        });
        recordAcknowledgement(audit, flagged, scope);
        return after!;
      });
    },

    /** Publishing makes it assessable (and, for a region's, readable by its partnerships). */
    async publish(actor: Actor, id: number) {
      const owner = await ownerOf(db, actor);
      requireWriter(actor, owner);
      writable(owner, await findStandard(db, id));
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const standard = await lockStandard(tx, id);
        if (!standard) throw new NotFoundError("That standard");
        if (standard.status === "published") return { standard, already: true };
        const outline = await loadStandardOutline(tx, id);
        const problems: string[] = [];
        if (!outline || outline.themes.length === 0)
          problems.push("Add at least one theme before publishing");
        for (const theme of outline?.themes ?? []) {
          if (theme.criteria.length === 0)
            problems.push(`Add at least one criterion to theme ${theme.number}, ${theme.title}`);
        }
        if (problems.length > 0)
          throw new ValidationError(problems.map((message) => ({ field: "publish", message })));
        const [after] = await tx
          .update(qualityStandards)
          .set({ status: "published", version: standard.version + 1 })
          .where(eq(qualityStandards.id, id))
          .returning();
        audit({
          ...auditScope(standard),
          action: "quality-standard.publish",
          entityType: "quality-standard",
          entityId: id,
          before: { status: standard.status },
          after: { status: "published" },
        });
        return { standard: after!, already: false };
      });
    },
  };
}

export type StandardsService = ReturnType<typeof createStandardsService>;

// A standard's themes and their criteria: add, edit (with a version check), move up or down, and
// remove — removing only while no self-assessment holds a rating or evidence for it, so nothing a
// partnership wrote loses its question. Who may do it: standards-owner.ts.
import { and, asc, desc, eq, gt, lt } from "drizzle-orm";
import {
  criteriaInUse,
  findCriterion,
  findStandard,
  findTheme,
  nextCriterionPosition,
  nextThemePosition,
  updateById,
} from "../../data/region/standards.ts";
import type { Db } from "../../db/database.ts";
import { standardCriteria, standardThemes } from "../../db/schema-region.ts";
import type { Actor } from "../actor.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction } from "../unit-of-work.ts";
import { auditScope, ownerOf, requireWriter, writable } from "./standards-owner.ts";

export interface ThemeInput {
  title: string;
  description: string;
  identifiesNobody?: boolean;
}

export interface CriterionInput {
  title: string;
  whatGoodLooksLike: string;
  howEvidenced: string;
  identifiesNobody?: boolean;
}

export type Direction = "up" | "down";

export function createStandardStructure(db: Db) {
  /** The standard, if it is the actor's to change. */
  async function ownStandard(actor: Actor, standardId: number) {
    const owner = await ownerOf(db, actor);
    requireWriter(actor, owner);
    return writable(owner, await findStandard(db, standardId));
  }

  const themeTexts = (input: ThemeInput) => ({ title: input.title, description: input.description });
  const criterionTexts = (input: CriterionInput) => ({
    title: input.title,
    whatGoodLooksLike: input.whatGoodLooksLike,
    howEvidenced: input.howEvidenced,
  });

  return {
    async theme(actor: Actor, standardId: number, themeId: number) {
      await ownStandard(actor, standardId);
      const theme = await findTheme(db, standardId, themeId);
      if (!theme) throw new NotFoundError("That theme");
      return theme;
    },

    async criterion(actor: Actor, standardId: number, criterionId: number) {
      await ownStandard(actor, standardId);
      const criterion = await findCriterion(db, standardId, criterionId);
      if (!criterion) throw new NotFoundError("That criterion");
      const theme = await findTheme(db, standardId, criterion.themeId);
      return { criterion, theme: theme! };
    },

    async addTheme(actor: Actor, standardId: number, input: ThemeInput) {
      const standard = await ownStandard(actor, standardId);
      const flagged = guardText(themeTexts(input), { identifiesNobody: input.identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const [row] = await tx
          .insert(standardThemes)
          .values({ ...themeTexts(input), standardId, position: await nextThemePosition(tx, standardId) })
          .returning();
        const scope = { ...auditScope(standard), entityType: "standard-theme", entityId: row!.id };
        audit({ ...scope, action: "standard-theme.create", after: row });
        recordAcknowledgement(audit, flagged, scope);
        return row!;
      });
    },

    async updateTheme(
      actor: Actor,
      standardId: number,
      themeId: number,
      expectedVersion: number,
      input: ThemeInput,
    ) {
      const standard = await ownStandard(actor, standardId);
      const flagged = guardText(themeTexts(input), { identifiesNobody: input.identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { before, after } = unwrapUpdate(
          await updateById(
            tx,
            standardThemes,
            { id: themeId, expectedVersion, scope: eq(standardThemes.standardId, standardId) },
            themeTexts(input),
          ),
          "That theme",
        );
        const scope = { ...auditScope(standard), entityType: "standard-theme", entityId: themeId };
        audit({ ...scope, action: "standard-theme.update", before, after });
        recordAcknowledgement(audit, flagged, scope);
        return after;
      });
    },

    /** Swaps the theme with its neighbour; at the top (or bottom) already, nothing changes. */
    async moveTheme(actor: Actor, standardId: number, themeId: number, direction: Direction) {
      const standard = await ownStandard(actor, standardId);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const theme = await findTheme(tx, standardId, themeId);
        if (!theme) throw new NotFoundError("That theme");
        const [neighbour] = await tx
          .select()
          .from(standardThemes)
          .where(
            and(
              eq(standardThemes.standardId, standardId),
              direction === "up"
                ? lt(standardThemes.position, theme.position)
                : gt(standardThemes.position, theme.position),
            ),
          )
          .orderBy(direction === "up" ? desc(standardThemes.position) : asc(standardThemes.position))
          .limit(1);
        if (!neighbour) return theme;
        await tx
          .update(standardThemes)
          .set({ position: neighbour.position, version: theme.version + 1 })
          .where(eq(standardThemes.id, theme.id));
        await tx
          .update(standardThemes)
          .set({ position: theme.position, version: neighbour.version + 1 })
          .where(eq(standardThemes.id, neighbour.id));
        audit({
          ...auditScope(standard),
          action: "standard-theme.move",
          entityType: "standard-theme",
          entityId: theme.id,
          before: { position: theme.position },
          after: { position: neighbour.position },
        });
        return theme;
      });
    },

    async removeTheme(actor: Actor, standardId: number, themeId: number) {
      const standard = await ownStandard(actor, standardId);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const theme = await findTheme(tx, standardId, themeId);
        if (!theme) throw new NotFoundError("That theme");
        const criteria = await tx
          .select()
          .from(standardCriteria)
          .where(eq(standardCriteria.themeId, themeId));
        if (
          await criteriaInUse(
            tx,
            criteria.map((c) => c.id),
          )
        ) {
          throw new ValidationError([
            {
              field: "remove",
              message: "A self-assessment already answers this theme's criteria, so it cannot be removed",
            },
          ]);
        }
        await tx.delete(standardCriteria).where(eq(standardCriteria.themeId, themeId));
        await tx.delete(standardThemes).where(eq(standardThemes.id, themeId));
        audit({
          ...auditScope(standard),
          action: "standard-theme.remove",
          entityType: "standard-theme",
          entityId: themeId,
          before: { ...theme, criteria },
        });
        return theme;
      });
    },

    async addCriterion(actor: Actor, standardId: number, themeId: number, input: CriterionInput) {
      const standard = await ownStandard(actor, standardId);
      const flagged = guardText(criterionTexts(input), { identifiesNobody: input.identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        if (!(await findTheme(tx, standardId, themeId))) throw new NotFoundError("That theme");
        const [row] = await tx
          .insert(standardCriteria)
          .values({
            ...criterionTexts(input),
            standardId,
            themeId,
            position: await nextCriterionPosition(tx, themeId),
          })
          .returning();
        const scope = { ...auditScope(standard), entityType: "standard-criterion", entityId: row!.id };
        audit({ ...scope, action: "standard-criterion.create", after: row });
        recordAcknowledgement(audit, flagged, scope);
        return row!;
      });
    },

    async updateCriterion(
      actor: Actor,
      standardId: number,
      criterionId: number,
      expectedVersion: number,
      input: CriterionInput,
    ) {
      const standard = await ownStandard(actor, standardId);
      const flagged = guardText(criterionTexts(input), { identifiesNobody: input.identifiesNobody });
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const { before, after } = unwrapUpdate(
          await updateById(
            tx,
            standardCriteria,
            { id: criterionId, expectedVersion, scope: eq(standardCriteria.standardId, standardId) },
            criterionTexts(input),
          ),
          "That criterion",
        );
        const scope = { ...auditScope(standard), entityType: "standard-criterion", entityId: criterionId };
        audit({ ...scope, action: "standard-criterion.update", before, after });
        recordAcknowledgement(audit, flagged, scope);
        return after;
      });
    },

    /** Swaps the criterion with its neighbour in the same theme. */
    async moveCriterion(actor: Actor, standardId: number, criterionId: number, direction: Direction) {
      const standard = await ownStandard(actor, standardId);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const criterion = await findCriterion(tx, standardId, criterionId);
        if (!criterion) throw new NotFoundError("That criterion");
        const [neighbour] = await tx
          .select()
          .from(standardCriteria)
          .where(
            and(
              eq(standardCriteria.themeId, criterion.themeId),
              direction === "up"
                ? lt(standardCriteria.position, criterion.position)
                : gt(standardCriteria.position, criterion.position),
            ),
          )
          .orderBy(direction === "up" ? desc(standardCriteria.position) : asc(standardCriteria.position))
          .limit(1);
        if (!neighbour) return criterion;
        await tx
          .update(standardCriteria)
          .set({ position: neighbour.position, version: criterion.version + 1 })
          .where(eq(standardCriteria.id, criterion.id));
        await tx
          .update(standardCriteria)
          .set({ position: criterion.position, version: neighbour.version + 1 })
          .where(eq(standardCriteria.id, neighbour.id));
        audit({
          ...auditScope(standard),
          action: "standard-criterion.move",
          entityType: "standard-criterion",
          entityId: criterion.id,
          before: { position: criterion.position },
          after: { position: neighbour.position },
        });
        return criterion;
      });
    },

    async removeCriterion(actor: Actor, standardId: number, criterionId: number) {
      const standard = await ownStandard(actor, standardId);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const criterion = await findCriterion(tx, standardId, criterionId);
        if (!criterion) throw new NotFoundError("That criterion");
        if (await criteriaInUse(tx, [criterionId])) {
          throw new ValidationError([
            {
              field: "remove",
              message: "A self-assessment already answers this criterion, so it cannot be removed",
            },
          ]);
        }
        await tx.delete(standardCriteria).where(eq(standardCriteria.id, criterionId));
        audit({
          ...auditScope(standard),
          action: "standard-criterion.remove",
          entityType: "standard-criterion",
          entityId: criterionId,
          before: criterion,
        });
        return criterion;
      });
    },
  };
}

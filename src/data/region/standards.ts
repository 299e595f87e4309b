import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/database.ts";
import { partnerships } from "../../db/schema.ts";
import {
  assessmentCycles,
  assessmentEvidence,
  assessmentRatings,
  qualityStandards,
  selfAssessments,
  standardCriteria,
  standardLevels,
  standardThemes,
} from "../../db/schema-region.ts";

export type StandardRow = typeof qualityStandards.$inferSelect;
export type LevelRow = typeof standardLevels.$inferSelect;
export type ThemeRow = typeof standardThemes.$inferSelect;
export type CriterionRow = typeof standardCriteria.$inferSelect;

export interface StandardOutline {
  standard: StandardRow;
  /** The rating scale, lowest first. */
  levels: LevelRow[];
  /** Themes in order, each with its criteria in order; `number` is "2.3" (theme 2, criterion 3). */
  themes: Array<ThemeRow & { number: string; criteria: Array<CriterionRow & { number: string }> }>;
}

/**
 * A standard with its scale, themes and criteria, in four small queries whatever its size. Shared by
 * the standards pages, self-assessment, moderation, the comparison and the regional report. The
 * caller has already checked the actor may see the standard (region's or partnership's own).
 */
export async function loadStandardOutline(
  db: Executor,
  standardId: number,
): Promise<StandardOutline | undefined> {
  const [standard] = await db.select().from(qualityStandards).where(eq(qualityStandards.id, standardId));
  if (!standard) return undefined;
  const [levels, themes, criteria] = await Promise.all([
    db
      .select()
      .from(standardLevels)
      .where(eq(standardLevels.standardId, standardId))
      .orderBy(asc(standardLevels.position)),
    db
      .select()
      .from(standardThemes)
      .where(eq(standardThemes.standardId, standardId))
      .orderBy(asc(standardThemes.position), asc(standardThemes.id)),
    db
      .select()
      .from(standardCriteria)
      .where(eq(standardCriteria.standardId, standardId))
      .orderBy(asc(standardCriteria.position), asc(standardCriteria.id)),
  ]);
  return {
    standard,
    levels,
    themes: themes.map((theme, t) => ({
      ...theme,
      number: String(t + 1),
      criteria: criteria
        .filter((c) => c.themeId === theme.id)
        .map((c, i) => ({ ...c, number: `${t + 1}.${i + 1}` })),
    })),
  };
}

export type CycleRow = typeof assessmentCycles.$inferSelect;

/** Who a standard belongs to: a region, or a partnership that adopted it for itself. */
export type StandardOwnerKey = { regionId: number } | { partnershipId: number };

/** A region's or a partnership's standards, newest first; `publishedOnly` for what members of a partnership read of their region's. */
export async function listStandards(db: Executor, owner: StandardOwnerKey, publishedOnly = false) {
  const ownerIs =
    "regionId" in owner
      ? eq(qualityStandards.regionId, owner.regionId)
      : eq(qualityStandards.partnershipId, owner.partnershipId);
  return db
    .select({
      id: qualityStandards.id,
      name: qualityStandards.name,
      summary: qualityStandards.summary,
      status: qualityStandards.status,
      cycleMonths: qualityStandards.cycleMonths,
      templateKey: qualityStandards.templateKey,
      themes: sql<number>`(select count(*)::int from ${standardThemes} where ${standardThemes.standardId} = ${qualityStandards.id})`,
      criteria: sql<number>`(select count(*)::int from ${standardCriteria} where ${standardCriteria.standardId} = ${qualityStandards.id})`,
    })
    .from(qualityStandards)
    .where(publishedOnly ? and(ownerIs, eq(qualityStandards.status, "published")) : ownerIs)
    .orderBy(desc(qualityStandards.createdAt), desc(qualityStandards.id));
}

export async function findStandard(db: Executor, id: number): Promise<StandardRow | undefined> {
  const [row] = await db.select().from(qualityStandards).where(eq(qualityStandards.id, id));
  return row;
}

/** The region a partnership belongs to, if any. */
export async function regionOfPartnership(db: Executor, partnershipId: number): Promise<number | null> {
  const [row] = await db
    .select({ regionId: partnerships.regionId })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row?.regionId ?? null;
}

export interface OutlineInput {
  levels: Array<{ label: string; description: string; meetsStandard: boolean }>;
  themes: Array<{
    title: string;
    description: string;
    criteria: Array<{ title: string; whatGoodLooksLike: string; howEvidenced: string }>;
  }>;
}

/** A new standard with its scale, themes and criteria, in four inserts whatever its size. */
export async function insertStandard(
  db: Executor,
  values: typeof qualityStandards.$inferInsert,
  outline: OutlineInput,
): Promise<StandardRow> {
  const [standard] = await db.insert(qualityStandards).values(values).returning();
  if (!standard) throw new Error("insert returned nothing");
  if (outline.levels.length > 0) {
    await db
      .insert(standardLevels)
      .values(outline.levels.map((l, i) => ({ ...l, standardId: standard.id, position: i + 1 })));
  }
  if (outline.themes.length > 0) {
    const themes = await db
      .insert(standardThemes)
      .values(
        outline.themes.map((t, i) => ({
          standardId: standard.id,
          position: i + 1,
          title: t.title,
          description: t.description,
        })),
      )
      .returning({ id: standardThemes.id, position: standardThemes.position });
    const themeId = new Map(themes.map((t) => [t.position, t.id]));
    const criteria = outline.themes.flatMap((t, i) =>
      t.criteria.map((c, j) => ({
        ...c,
        standardId: standard.id,
        themeId: themeId.get(i + 1)!,
        position: j + 1,
      })),
    );
    if (criteria.length > 0) await db.insert(standardCriteria).values(criteria);
  }
  return standard;
}

type VersionedById = PgTable & { id: PgColumn; version: PgColumn };

/**
 * data/versioned.ts for the region's tables, which carry no partnership_id: the caller has already
 * checked the row's standard belongs to the actor's region or partnership. `scope` pins the row to
 * its standard, so an id of another standard is "missing".
 */
export async function updateById<T extends VersionedById>(
  db: Executor,
  table: T,
  key: { id: number; expectedVersion: number; scope?: ReturnType<typeof eq> },
  values: Partial<T["$inferInsert"]>,
): Promise<
  | { kind: "updated"; before: T["$inferSelect"]; after: T["$inferSelect"] }
  | { kind: "conflict"; current: T["$inferSelect"] }
  | { kind: "missing" }
> {
  const where = key.scope ? and(eq(table.id, key.id), key.scope) : eq(table.id, key.id);
  const [before] = (await db
    .select(getTableColumns(table))
    .from(table as PgTable)
    .where(where)
    .for("update")) as T["$inferSelect"][];
  if (!before) return { kind: "missing" };
  if ((before as { version: number }).version !== key.expectedVersion)
    return { kind: "conflict", current: before };
  const [after] = (await db
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1` } as never)
    .where(and(where, eq(table.version, key.expectedVersion)))
    .returning()) as T["$inferSelect"][];
  if (!after) return { kind: "conflict", current: before };
  return { kind: "updated", before, after };
}

/** Whether any self-assessment rates against this standard's scale (its own or the region's agreed rating). */
export async function standardIsRated(db: Executor, standardId: number): Promise<boolean> {
  const levelIds = db
    .select({ id: standardLevels.id })
    .from(standardLevels)
    .where(eq(standardLevels.standardId, standardId));
  const [row] = await db
    .select({ id: assessmentRatings.id })
    .from(assessmentRatings)
    .where(
      or(inArray(assessmentRatings.levelId, levelIds), inArray(assessmentRatings.agreedLevelId, levelIds)),
    )
    .limit(1);
  return row !== undefined;
}

/** Whether any self-assessment holds a rating, narrative or evidence for one of these criteria. */
export async function criteriaInUse(db: Executor, criterionIds: number[]): Promise<boolean> {
  if (criterionIds.length === 0) return false;
  const [rated] = await db
    .select({ id: assessmentRatings.id })
    .from(assessmentRatings)
    .where(inArray(assessmentRatings.criterionId, criterionIds))
    .limit(1);
  if (rated) return true;
  const [evidenced] = await db
    .select({ id: assessmentEvidence.id })
    .from(assessmentEvidence)
    .where(inArray(assessmentEvidence.criterionId, criterionIds))
    .limit(1);
  return evidenced !== undefined;
}

export async function findTheme(db: Executor, standardId: number, themeId: number) {
  const [row] = await db
    .select()
    .from(standardThemes)
    .where(and(eq(standardThemes.standardId, standardId), eq(standardThemes.id, themeId)));
  return row;
}

export async function findCriterion(db: Executor, standardId: number, criterionId: number) {
  const [row] = await db
    .select()
    .from(standardCriteria)
    .where(and(eq(standardCriteria.standardId, standardId), eq(standardCriteria.id, criterionId)));
  return row;
}

export async function nextThemePosition(db: Executor, standardId: number): Promise<number> {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${standardThemes.position}), 0)::int` })
    .from(standardThemes)
    .where(eq(standardThemes.standardId, standardId));
  return (row?.max ?? 0) + 1;
}

export async function nextCriterionPosition(db: Executor, themeId: number): Promise<number> {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${standardCriteria.position}), 0)::int` })
    .from(standardCriteria)
    .where(eq(standardCriteria.themeId, themeId));
  return (row?.max ?? 0) + 1;
}

/** A standard's cycles, newest first. */
export async function listCycles(db: Executor, standardId: number): Promise<CycleRow[]> {
  return db
    .select()
    .from(assessmentCycles)
    .where(eq(assessmentCycles.standardId, standardId))
    .orderBy(desc(assessmentCycles.opensOn), desc(assessmentCycles.id));
}

export async function findCycle(db: Executor, cycleId: number): Promise<CycleRow | undefined> {
  const [row] = await db.select().from(assessmentCycles).where(eq(assessmentCycles.id, cycleId));
  return row;
}

/** The state of each of these partnerships' self-assessments for a cycle (state only, never content). */
export async function assessmentStates(db: Executor, cycleId: number, partnershipIds: number[]) {
  if (partnershipIds.length === 0) return [];
  return db
    .select({
      id: selfAssessments.id,
      partnershipId: selfAssessments.partnershipId,
      status: selfAssessments.status,
    })
    .from(selfAssessments)
    .where(and(eq(selfAssessments.cycleId, cycleId), inArray(selfAssessments.partnershipId, partnershipIds)));
}

/** How many self-assessments have been started for each of these cycles. */
export async function assessmentsStarted(db: Executor, cycleIds: number[]) {
  if (cycleIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ cycleId: selfAssessments.cycleId, n: sql<number>`count(*)::int` })
    .from(selfAssessments)
    .where(and(inArray(selfAssessments.cycleId, cycleIds), isNotNull(selfAssessments.id)))
    .groupBy(selfAssessments.cycleId);
  return new Map(rows.map((r) => [r.cycleId, r.n]));
}

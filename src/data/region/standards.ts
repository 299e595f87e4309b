import { asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import {
  qualityStandards,
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

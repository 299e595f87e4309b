// The comparison's table as data (issue 15): criteria grouped by theme, one cell per partnership that
// shares its self-assessments, and the region's spread per criterion. Pure over what the reads
// returned, so the page, the Word and Excel files and the regional report draw the same cells.

import type { ComparisonData } from "../../data/region/comparison-reads.ts";
import type { StandardOutline } from "../../data/region/standards.ts";
import {
  type CellInput,
  type ComparisonCell,
  comparisonCell,
  levelTagClasses,
  type ScaleLevel,
  type Spread,
  spreadOf,
} from "../../domain/region/spread.ts";

export interface ComparedPartnership {
  id: number;
  name: string;
  areaName: string;
}

export interface MatrixCell extends ComparisonCell {
  partnershipId: number;
  /** The tag's classes: a colour and the level's position (never colour alone: the word is in it). */
  classes: string;
  evidenceItems: number;
  /** "2 pieces of evidence". */
  evidenceText: string;
  /** The self-assessment's page at this criterion; null when nothing was submitted. */
  href: string | null;
}

export interface MatrixCriterion {
  id: number;
  number: string;
  title: string;
  cells: MatrixCell[];
  spread: Spread;
}

export interface MatrixTheme {
  id: number;
  number: string;
  title: string;
  criteria: MatrixCriterion[];
}

export interface ComparisonMatrix {
  levels: ScaleLevel[];
  partnerships: ComparedPartnership[];
  themes: MatrixTheme[];
}

/** "1 piece of evidence", "3 pieces of evidence". */
export function evidenceWords(items: number): string {
  return items === 1 ? "1 piece of evidence" : `${items} pieces of evidence`;
}

export function buildComparisonMatrix(input: {
  outline: StandardOutline;
  cycleId: number;
  partnerships: readonly ComparedPartnership[];
  data: ComparisonData;
  /** "/r/north-marston": links go to the region's own pages of each self-assessment. */
  regionBase: string;
  /** Only these themes (the filter); all when empty. */
  themeIds?: readonly number[];
}): ComparisonMatrix {
  const { outline, cycleId, data } = input;
  const levels: ScaleLevel[] = outline.levels.map((l) => ({
    id: l.id,
    position: l.position,
    label: l.label,
  }));
  const assessmentOf = new Map(
    data.assessments.filter((a) => a.cycleId === cycleId).map((a) => [a.partnershipId, a]),
  );
  const ratingOf = new Map(data.ratings.map((r) => [`${r.assessmentId}:${r.criterionId}`, r]));
  const evidenceOf = new Map(data.evidence.map((e) => [`${e.assessmentId}:${e.criterionId}`, e.items]));
  const wanted = new Set(input.themeIds ?? []);
  const themes = outline.themes.filter((t) => wanted.size === 0 || wanted.has(t.id));
  return {
    levels,
    partnerships: [...input.partnerships],
    themes: themes.map((theme) => ({
      id: theme.id,
      number: theme.number,
      title: theme.title,
      criteria: theme.criteria.map((criterion) => {
        const cells = input.partnerships.map((p): MatrixCell => {
          const assessment = assessmentOf.get(p.id);
          const key = assessment ? `${assessment.id}:${criterion.id}` : "";
          const rating = assessment ? ratingOf.get(key) : undefined;
          const cellInput: CellInput = assessment
            ? {
                state: assessment.status,
                selfLevelId: rating?.levelId ?? null,
                agreedLevelId: rating?.agreedLevelId ?? null,
              }
            : { state: "not-submitted" };
          const cell = comparisonCell(levels, cellInput);
          const evidenceItems = assessment ? (evidenceOf.get(key) ?? 0) : 0;
          return {
            ...cell,
            partnershipId: p.id,
            classes: levelTagClasses(levels, cell.level),
            evidenceItems,
            evidenceText: evidenceWords(evidenceItems),
            href: assessment
              ? `${input.regionBase}/assessments/${assessment.id}#criterion-${criterion.id}`
              : null,
          };
        });
        return {
          id: criterion.id,
          number: criterion.number,
          title: criterion.title,
          cells,
          spread: spreadOf(levels, cells),
        };
      }),
    })),
  };
}

// One self-assessment as both sides read it: the standard's themes and criteria, each with its
// self-rating, the region's agreed level and comment (once moderated, or for the region), its
// evidence, and the previous cycle's rating with the change since. Built from a fixed handful of
// queries whatever the standard's size.
import {
  type EvidenceRow,
  findPreviousAssessment,
  listEvidence,
  listRatings,
  type RatingRow,
} from "../../data/region/assessments.ts";
import { type LevelRow, loadStandardOutline, type StandardOutline } from "../../data/region/standards.ts";
import type { Executor } from "../../db/database.ts";
import { previousRatingOf, type RatingChange, ratingChange } from "../../domain/region/assessment-change.ts";
import { ASSESSMENT_STATUS_LABELS, type AssessmentStatus } from "../../domain/region/vocabulary.ts";
import { found } from "../permissions.ts";

/** A level as a tag: its words always, a class per position (never colour alone carries it). */
export interface LevelTag {
  id: number;
  label: string;
  position: number;
  meetsStandard: boolean;
  classes: string;
}

export interface EvidenceView {
  id: number;
  kind: string;
  /** "Commitment 2.1: Every school has a trained lead", "Decision DAB/2026/07: …", a document's title. */
  text: string;
  /** A document's https address; records of the partnership are linked by the pages themselves. */
  url: string | null;
  commitmentId: number | null;
  indicatorId: number | null;
  decisionId: number | null;
}

export interface CriterionView {
  id: number;
  number: string;
  title: string;
  whatGoodLooksLike: string;
  howEvidenced: string;
  rating: RatingRow | null;
  level: LevelTag | null;
  agreed: LevelTag | null;
  moderationComment: string;
  evidence: EvidenceView[];
  previous: LevelTag | null;
  change: RatingChange;
  /** The rating that stands (agreed once moderated, else self) does not meet the standard. */
  notMet: boolean;
  actionId: number | null;
}

const POSITION_COLOURS = ["govuk-tag--red", "govuk-tag--orange", "govuk-tag--yellow", "govuk-tag--green"];

export function levelTag(level: LevelRow, levels: readonly LevelRow[]): LevelTag {
  // The top level is green and the lowest red whatever the scale's length; the words say which.
  const index = levels.findIndex((l) => l.id === level.id);
  const step = levels.length <= 1 ? 3 : Math.round((index / (levels.length - 1)) * 3);
  return {
    id: level.id,
    label: level.label,
    position: level.position,
    meetsStandard: level.meetsStandard,
    classes: `app-level app-level--${index + 1} ${POSITION_COLOURS[step] ?? ""}`.trim(),
  };
}

export function statusLabel(status: string): string {
  return ASSESSMENT_STATUS_LABELS[status as AssessmentStatus] ?? status;
}

function evidenceView(row: Awaited<ReturnType<typeof listEvidence>>[number]): EvidenceView {
  const e: EvidenceRow = row.evidence;
  const text =
    e.kind === "commitment" && row.commitment
      ? `Commitment ${row.commitment.number}: ${row.commitment.text}`
      : e.kind === "indicator" && row.indicator
        ? `Key statistic: ${row.indicator.name}`
        : e.kind === "decision" && row.decision
          ? `Decision ${row.decision.reference}: ${row.decision.decision}`
          : e.title || e.url;
  return {
    id: e.id,
    kind: e.kind,
    text,
    url: e.kind === "document" ? e.url : null,
    commitmentId: e.commitmentId,
    indicatorId: e.indicatorId,
    decisionId: e.decisionId,
  };
}

export interface AssessmentViewOptions {
  /** Show the region's agreed levels and comments though the assessment is not yet moderated. */
  showModeration: boolean;
}

/** The criteria of a self-assessment with ratings, evidence and history, theme by theme. */
export async function buildAssessmentView(
  db: Executor,
  assessment: { id: number; partnershipId: number; status: string },
  cycle: { id: number; standardId: number; opensOn: string },
  options: AssessmentViewOptions,
) {
  const [outline, ratings, evidence, previous] = await Promise.all([
    loadStandardOutline(db, cycle.standardId),
    listRatings(db, assessment.partnershipId, assessment.id),
    listEvidence(db, assessment.partnershipId, assessment.id),
    findPreviousAssessment(db, assessment.partnershipId, cycle),
  ]);
  const { levels, themes } = found(outline, "That standard") as StandardOutline;
  const tagOf = (id: number | null) => {
    const level = id === null ? undefined : levels.find((l) => l.id === id);
    return level ? levelTag(level, levels) : null;
  };
  const ratingOf = new Map(ratings.map((r) => [r.criterionId, r]));
  const previousOf = new Map((previous?.ratings ?? []).map((r) => [r.criterionId, r]));
  const showModeration = options.showModeration || assessment.status === "moderated";
  let rated = 0;
  let agreedCount = 0;
  const themeViews = themes.map((theme) => ({
    id: theme.id,
    number: theme.number,
    title: theme.title,
    criteria: theme.criteria.map((c): CriterionView => {
      const rating = ratingOf.get(c.id) ?? null;
      const level = tagOf(rating?.levelId ?? null);
      const agreed = showModeration ? tagOf(rating?.agreedLevelId ?? null) : null;
      if (level) rated++;
      if (rating?.agreedLevelId) agreedCount++;
      const past = previousOf.get(c.id);
      const previousLevel = past
        ? tagOf(
            previousRatingOf(previous?.assessment.status === "moderated", {
              level: past.levelId,
              agreed: past.agreedLevelId,
            }),
          )
        : null;
      const standing = assessment.status === "moderated" && agreed ? agreed : level;
      return {
        id: c.id,
        number: c.number,
        title: c.title,
        whatGoodLooksLike: c.whatGoodLooksLike,
        howEvidenced: c.howEvidenced,
        rating,
        level,
        agreed,
        moderationComment: showModeration ? (rating?.moderationComment ?? "") : "",
        evidence: evidence.filter((e) => e.evidence.criterionId === c.id).map(evidenceView),
        previous: previousLevel,
        change: ratingChange(previousLevel, standing),
        notMet: standing !== null && !standing.meetsStandard,
        actionId: rating?.actionId ?? null,
      };
    }),
  }));
  const criteria = themeViews.flatMap((t) => t.criteria);
  return {
    levels: levels.map((l) => levelTag(l, levels)),
    themes: themeViews,
    criteria,
    counts: { total: criteria.length, rated, agreed: agreedCount },
    previousCycle: previous ? { id: previous.cycle.id, name: previous.cycle.name } : null,
    statusLabel: statusLabel(assessment.status),
  };
}

export type AssessmentView = Awaited<ReturnType<typeof buildAssessmentView>>;

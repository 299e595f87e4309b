// The North Marston self-assessments (load-region.ts): the previous cycle's four, all moderated; the
// current cycle's — Ashvale and Corrow Vale submitted, Brackenford moderated, Deneholme still a draft.
// Ratings come from north-marston-standard.ts, each with a narrative; evidence points at the
// partnership's own commitments, indicators and decisions, and a document; two criteria not met became
// actions of the partnership's current plan. One insert per table.
import type { Executor } from "../db/database.ts";
import { actions } from "../db/schema.ts";
import { assessmentEvidence, assessmentRatings, selfAssessments } from "../db/schema-region.ts";
import { addDays } from "../domain/calendar-dates.ts";
import type { IsoDate } from "../domain/periods.ts";
import { criterionNumbers, LEVELS, NOT_MET_ACTIONS, RATINGS, THEMES } from "./north-marston-standard.ts";

type Owned = { id: number; partnershipId: number };

export interface RegionAssessmentIds {
  today: IsoDate;
  partnershipIds: Map<string, number>;
  /** In the scale's order, lowest first. */
  levelIds: number[];
  /** In theme order, as criterionNumbers(). */
  criterionIds: number[];
  /** Previous, current. */
  cycleIds: [number, number];
  leadUserId: number;
  commitments: (Owned & { number: string })[];
  indicators: Owned[];
  decisions: Owned[];
  plans: (Owned & { startsOn: string })[];
}

/** The current cycle's state for each partnership (the previous cycle's are all moderated). */
const CURRENT_STATUS: Record<string, "draft" | "submitted" | "moderated"> = {
  ashvale: "submitted",
  brackenford: "moderated",
  "corrow-vale": "submitted",
  deneholme: "draft",
};

const NARRATIVES = [
  "We have little evidence yet; this is a gap in our plan.",
  "Some of this is in place, with gaps we have named in the action plan.",
  "This is in place across the partnership; the evidence is linked below.",
  "In place and working well; we would be glad to share how with the region.",
];

const at = (date: IsoDate, hour: number) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`Demo assessments refer to an unknown ${what}`);
  return value;
};

export async function loadRegionAssessments(tx: Executor, ids: RegionAssessmentIds): Promise<number> {
  const numbers = criterionNumbers();
  const slugs = Object.keys(RATINGS);
  const specs = slugs.flatMap((slug) => {
    const partnershipId = need(ids.partnershipIds.get(slug), slug);
    const current = need(CURRENT_STATUS[slug], slug);
    return [
      {
        slug,
        partnershipId,
        cycle: 0,
        status: "moderated" as const,
        digits: need(RATINGS[slug], slug).previous,
      },
      { slug, partnershipId, cycle: 1, status: current, digits: need(RATINGS[slug], slug).current },
    ];
  });
  const rows = await tx
    .insert(selfAssessments)
    .values(
      specs.map((s) => {
        // Previous cycle: submitted before it was due (640 days ago), moderated before it closed.
        const submittedOn = s.cycle === 0 ? addDays(ids.today, -650) : addDays(ids.today, -12);
        const moderatedOn = s.cycle === 0 ? addDays(ids.today, -580) : addDays(ids.today, -4);
        return {
          partnershipId: s.partnershipId,
          cycleId: s.cycle === 0 ? ids.cycleIds[0] : ids.cycleIds[1],
          status: s.status,
          submittedAt: s.status === "draft" ? null : at(submittedOn, 15),
          moderatedAt: s.status === "moderated" ? at(moderatedOn, 11) : null,
          moderatedByUserId: s.status === "moderated" ? ids.leadUserId : null,
          createdAt: at(s.cycle === 0 ? addDays(ids.today, -760) : addDays(ids.today, -50), 9),
        };
      }),
    )
    .returning({ id: selfAssessments.id });

  // Criteria not met in the current cycle that became actions of the partnership's latest plan.
  const planOf = (partnershipId: number) =>
    need(
      ids.plans
        .filter((p) => p.partnershipId === partnershipId)
        .sort((a, b) => b.startsOn.localeCompare(a.startsOn))[0],
      "plan",
    ).id;
  const newActions = NOT_MET_ACTIONS.map((a) => {
    const partnershipId = need(ids.partnershipIds.get(a.slug), a.slug);
    return {
      partnershipId,
      actionPlanId: planOf(partnershipId),
      commitmentId: need(
        ids.commitments.find((c) => c.partnershipId === partnershipId && c.number === a.commitment),
        `commitment ${a.commitment}`,
      ).id,
      what: a.what,
      how: `From the self-assessment: criterion ${a.criterion} of the North Marston quality standard was not met.`,
      position: 100,
    };
  });
  const actionRows = await tx.insert(actions).values(newActions).returning({ id: actions.id });
  const actionFor = (slug: string, number: string) => {
    const i = NOT_MET_ACTIONS.findIndex((a) => a.slug === slug && a.criterion === number);
    return i < 0 ? null : need(actionRows[i], "action").id;
  };

  const ratingRows = specs.flatMap((s, si) => {
    const assessmentId = need(rows[si], "assessment").id;
    return numbers.map((number, ci) => {
      const level = Number(s.digits[ci] ?? "2") - 1;
      // The region agreed most ratings; it moved one a step down where the evidence was thin.
      const agreed = s.status === "moderated" ? (ci % 9 === 4 && level > 0 ? level - 1 : level) : null;
      return {
        partnershipId: s.partnershipId,
        assessmentId,
        criterionId: need(ids.criterionIds[ci], "criterion"),
        levelId: need(ids.levelIds[level], "level"),
        narrative: `${NARRATIVES[level] ?? ""} (${THEMES[Math.floor(ci / 4)]?.title ?? ""}, ${number}.)`,
        agreedLevelId: agreed === null ? null : need(ids.levelIds[agreed], "level"),
        moderationComment:
          agreed !== null && agreed !== level
            ? `Agreed at ${LEVELS[agreed]?.label ?? ""}: the evidence is partial.`
            : "",
        moderatedByUserId: agreed === null ? null : ids.leadUserId,
        moderatedAt: agreed === null ? null : at(addDays(ids.today, s.cycle === 0 ? -580 : -4), 11),
        actionId: s.cycle === 1 && level === 0 ? actionFor(s.slug, number) : null,
      };
    });
  });
  await tx.insert(assessmentRatings).values(ratingRows);

  // Evidence for the first criterion of each theme: a commitment, an indicator, a decision, a document.
  const evidence = specs.flatMap((s, si) => {
    const assessmentId = need(rows[si], "assessment").id;
    const own = <T extends Owned>(list: T[]) => list.filter((x) => x.partnershipId === s.partnershipId);
    const commitment = own(ids.commitments)[0];
    const indicator = own(ids.indicators)[0];
    const decision = own(ids.decisions)[0];
    const criterion = (i: number) => need(ids.criterionIds[i], "criterion");
    const base = { partnershipId: s.partnershipId, assessmentId };
    return [
      ...(commitment
        ? [{ ...base, criterionId: criterion(1), kind: "commitment", commitmentId: commitment.id }]
        : []),
      ...(indicator
        ? [{ ...base, criterionId: criterion(9), kind: "indicator", indicatorId: indicator.id }]
        : []),
      ...(decision
        ? [{ ...base, criterionId: criterion(0), kind: "decision", decisionId: decision.id }]
        : []),
      {
        ...base,
        criterionId: criterion(1),
        kind: "document",
        url: `https://${s.slug}.example/documents/needs-assessment`,
        title: "Domestic abuse needs assessment",
      },
    ];
  });
  await tx.insert(assessmentEvidence).values(evidence);
  return rows.length;
}

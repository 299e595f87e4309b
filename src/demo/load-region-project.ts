// The North Marston regional quality project (load-region.ts): hosted by Ashvale, paid from Ashvale's
// regional pot (ashvale-funding.ts: three safeguarding boards at £8,000 and the commissioner at
// £10,500), with four deliverables — two delivered by Ashvale actions whose milestones and accepted
// updates are the progress.
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import { actionPlans, actions } from "../db/schema.ts";
import { fundingStreams } from "../db/schema-funding.ts";
import { regionalProjectDeliverables, regionalProjects } from "../db/schema-region.ts";
import { addDays } from "../domain/calendar-dates.ts";
import type { IsoDate } from "../domain/periods.ts";

export const PROJECT_NAME = "North Marston regional quality project";
const STREAM_NAME = "North Marston regional pot";

const DELIVERABLES: { title: string; description: string; dueInDays: number; action?: string }[] = [
  {
    title: "The quality standard tool",
    description: "The North Marston quality standard, in Waymark, with the first cycle's self-assessments.",
    dueInDays: -30,
  },
  {
    title: "A review of governance arrangements",
    description:
      "How each partnership's boards, information sharing and s58 membership work, and what to align. " +
      "Ashvale's information-sharing agreement is the model the review starts from.",
    dueInDays: 90,
    action: "Agree a partnership information-sharing agreement",
  },
  {
    title: "A financial analysis of spend and capacity across the area",
    description:
      "Spend by service type and funder, per 10,000 people, and the contracts ending soon. Built on " +
      "Ashvale's evaluation of its outreach service's costs.",
    dueInDays: 150,
    action: "Make the medium-risk outreach service permanent",
  },
  {
    title: "The regional report",
    description: "The comparison, the moderated ratings and the recommendations, to every contributing body.",
    dueInDays: 240,
  },
];

export async function loadRegionalProject(
  tx: Executor,
  regionId: number,
  hostPartnershipId: number,
  today: IsoDate,
): Promise<void> {
  const [stream] = await tx
    .select({ id: fundingStreams.id })
    .from(fundingStreams)
    .where(and(eq(fundingStreams.partnershipId, hostPartnershipId), eq(fundingStreams.name, STREAM_NAME)));
  const [plan] = await tx
    .select({ id: actionPlans.id })
    .from(actionPlans)
    .where(eq(actionPlans.partnershipId, hostPartnershipId))
    .orderBy(desc(actionPlans.startsOn))
    .limit(1);
  const linked = DELIVERABLES.flatMap((d) => (d.action ? [d.action] : []));
  const actionRows = plan
    ? await tx
        .select({ id: actions.id, what: actions.what })
        .from(actions)
        .where(
          and(
            eq(actions.actionPlanId, plan.id),
            inArray(
              actions.what,
              linked.map((w) => `${w}.`),
            ),
          ),
        )
    : [];
  const [project] = await tx
    .insert(regionalProjects)
    .values({
      regionId,
      hostPartnershipId,
      fundingStreamId: stream?.id ?? null,
      name: PROJECT_NAME,
      purpose:
        "A shared quality standard for the region's four partnerships, a review of their governance, an " +
        "analysis of spend and capacity, and a regional report to the bodies that fund the work.",
      status: "active",
      startsOn: addDays(today, -120),
      endsOn: addDays(today, 245),
    })
    .returning({ id: regionalProjects.id });
  if (!project) throw new Error("Demo region: the regional project was not created");
  await tx.insert(regionalProjectDeliverables).values(
    DELIVERABLES.map((d, i) => ({
      projectId: project.id,
      position: i + 1,
      title: d.title,
      description: d.description,
      dueOn: addDays(today, d.dueInDays),
      actionId: d.action ? (actionRows.find((a) => a.what === `${d.action}.`)?.id ?? null) : null,
    })),
  );
}

// What a regional project's pages show (issue 15): its summary, its money — the host partnership's
// funding stream and that stream's contributions, with the total made up in words — and each
// deliverable's progress from the host's action: the latest ACCEPTED update's rating and narrative
// (never a draft: listAcceptedUpdates filters on the status itself) and the action's milestones.
// A fixed number of statements whatever the number of deliverables.
import { listMilestonesOfActions } from "../../data/action-plans.ts";
import { findStream, fundingChoices, listContributions } from "../../data/funding/streams.ts";
import { readTogether } from "../../data/read-together.ts";
import * as data from "../../data/region/projects.ts";
import { listAcceptedUpdates } from "../../data/updates.ts";
import type { Db } from "../../db/database.ts";
import { ukDateOf } from "../../domain/calendar-dates.ts";
import { formatPounds, partsSentence, sumPence } from "../../domain/funding/money.ts";
import { formatFinancialYear } from "../../domain/periods.ts";
import { deliverableStatus, milestoneProgress, PROJECT_STATUS_LABELS } from "../../domain/region/projects.ts";
import type { ProjectStatus } from "../../domain/region/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { found, isAdmin } from "../permissions.ts";

/** Where the actor reads projects from: a region's people their region; a member their partnership's. */
export interface ProjectScope {
  regionId: number;
  /** The partnership a member acts in (null for the region's people). */
  memberPartnershipId: number | null;
}

export async function scopeOf(db: Db, actor: Actor): Promise<ProjectScope> {
  if (actor.kind === "region") return { regionId: actor.regionId, memberPartnershipId: null };
  if (actor.kind === "member") {
    const regionId = await data.regionOfPartnership(db, actor.partnershipId);
    // A partnership in no region has no regional projects: every project is "not found" to it.
    if (regionId === null) throw new NotFoundError("That project");
    return { regionId, memberPartnershipId: actor.partnershipId };
  }
  throw new ForbiddenError("Only the region's people and its partnerships' members read regional projects");
}

export const statusTag = (status: string) =>
  PROJECT_STATUS_LABELS[status as ProjectStatus] ?? { text: status, colour: "grey" };

export function createProjectReads(db: Db) {
  return {
    /** Every project of the actor's region (a member of a partnership in no region sees none). */
    async list(actor: Actor) {
      const member = actor.kind === "member";
      const regionId = member
        ? await data.regionOfPartnership(db, actor.partnershipId)
        : (await scopeOf(db, actor)).regionId;
      const rows = regionId === null ? [] : await data.listProjects(db, regionId);
      return {
        projects: rows.map((r) => ({
          ...r.project,
          hostName: r.hostName,
          hosted: member && r.project.hostPartnershipId === actor.partnershipId,
          deliverableCount: r.deliverableCount,
          statusTag: statusTag(r.project.status),
        })),
        canManage: actor.kind === "region" && actor.role === "lead",
      };
    },

    /** One project with its money and its deliverables' progress, as of today. */
    async project(actor: Actor, projectId: number, today = ukDateOf(new Date())) {
      const scope = await scopeOf(db, actor);
      const row = found(await data.findProject(db, scope.regionId, projectId), "That project");
      const { project } = row;
      const hostPid = project.hostPartnershipId;
      const deliverables = await data.listDeliverables(db, projectId);
      const actionIds = [
        ...new Set(deliverables.map((d) => d.actionId).filter((id): id is number => id !== null)),
      ];
      const isHost = scope.memberPartnershipId === hostPid;
      const canLink = isHost && isAdmin(actor);
      const streamId = project.fundingStreamId;
      const [stream, contributions, linkedActions, accepted, milestones, choices] = await readTogether(db, [
        () => (streamId === null ? Promise.resolve(undefined) : findStream(db, hostPid, streamId)),
        () => (streamId === null ? Promise.resolve([]) : listContributions(db, hostPid, streamId)),
        () => data.actionsByIds(db, hostPid, actionIds),
        () => listAcceptedUpdates(db, hostPid, { actionIds }),
        () => listMilestonesOfActions(db, hostPid, actionIds),
        () => (canLink ? fundingChoices(db, hostPid) : Promise.resolve(null)),
      ] as const);
      const amounts = contributions.map((c) => c.contribution.amountPence);
      const actionsById = new Map(linkedActions.map((a) => [a.id, a]));
      // Newest first: the first accepted update met for an action is its latest.
      const latestByAction = new Map<number, (typeof accepted)[number]>();
      for (const u of accepted)
        if (!latestByAction.has(u.update.actionId)) latestByAction.set(u.update.actionId, u);
      return {
        project,
        hostName: row.hostName,
        hostSlug: row.hostSlug,
        statusTag: statusTag(project.status),
        isHost,
        canLink,
        canManage: actor.kind === "region" && actor.role === "lead",
        stream: stream ? { id: stream.stream.id, name: stream.stream.name } : null,
        contributions: contributions.map((c) => ({
          contributor: c.organisation ?? c.contribution.contributorName,
          year: formatFinancialYear({ startYear: c.contribution.yearStart }),
          amountPence: c.contribution.amountPence,
          amount: formatPounds(c.contribution.amountPence),
          received: c.contribution.received,
        })),
        totalPence: sumPence(amounts),
        totalSentence: amounts.length > 0 ? partsSentence(amounts) : null,
        deliverables: deliverables.map((d, index) => {
          const action = d.actionId === null ? undefined : actionsById.get(d.actionId);
          const latest = d.actionId === null ? undefined : latestByAction.get(d.actionId);
          const progress = milestoneProgress(
            milestones.filter((m) => m.actionId === d.actionId),
            today,
          );
          return {
            ...d,
            number: index + 1,
            first: index === 0,
            last: index === deliverables.length - 1,
            action: action
              ? { id: action.id, what: action.what, commitmentNumber: action.commitmentNumber }
              : null,
            status: deliverableStatus(action !== undefined, latest?.update.rating ?? null),
            latest: latest
              ? {
                  roundName: latest.round.name,
                  narrative: latest.update.narrative,
                  rating: latest.update.rating,
                }
              : null,
            nextMilestone: progress.next,
            overdueMilestones: progress.overdue,
            milestonesDone: progress.doneCount,
            milestonesTotal: progress.total,
          };
        }),
        actionChoices: choices?.actions ?? [],
      };
    },
  };
}

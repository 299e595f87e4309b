// Regional projects (issue 15): the regional lead creates and edits a project and its deliverables;
// the host partnership's coordinator links a deliverable to one of the host's own actions (that
// action's milestones and accepted updates are then its progress). Every change is audited with the
// region; the host's link with the host partnership too. Reads: projects-reads.ts.
import { findAction } from "../../data/action-plans.ts";
import { findStream } from "../../data/funding/streams.ts";
import * as data from "../../data/region/projects.ts";
import type { Db, Tx } from "../../db/database.ts";
import { movedPosition } from "../../domain/region/projects.ts";
import type { ProjectStatus } from "../../domain/region/vocabulary.ts";
import type { Actor } from "../actor.ts";
import { type FieldError, ForbiddenError, NotFoundError, ValidationError } from "../errors.ts";
import { found, requireAdmin, requireRegionLead } from "../permissions.ts";
import { guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { unwrapUpdate } from "../strategy-service.ts";
import { inTransaction, type Work } from "../unit-of-work.ts";
import type { RegionAccess } from "./access.ts";
import { createProjectReads, scopeOf } from "./projects-reads.ts";

export interface ProjectInput {
  name: string;
  purpose: string;
  hostPartnershipId: number;
  fundingStreamId: number | null;
  status: ProjectStatus;
  startsOn: string | null;
  endsOn: string | null;
  identifiesNobody?: boolean;
}

export interface DeliverableInput {
  title: string;
  description: string;
  dueOn: string | null;
  identifiesNobody?: boolean;
}

const PROJECT = "region-project";
const DELIVERABLE = "region-deliverable";

/** The lead's region: only the regional lead changes projects (the route checks it too). */
function leadRegion(actor: Actor): number {
  requireRegionLead(actor);
  if (actor.kind !== "region") throw new ForbiddenError("Only the region's lead can do that");
  return actor.regionId;
}

export function createRegionProjectsService(db: Db, access: RegionAccess) {
  /** Audits a regional change: the region always, never a partnership (the region's own record). */
  const regional = (work: Work, regionId: number) => (record: Parameters<Work["audit"]>[0]) =>
    work.audit({ ...record, regionId });

  /** The host must be a partnership of the region, and the stream one of the host's own. */
  async function checkProject(tx: Tx, hosts: readonly { id: number }[], input: ProjectInput) {
    const errors: FieldError[] = [];
    if (!hosts.some((p) => p.id === input.hostPartnershipId)) {
      errors.push({ field: "hostPartnershipId", message: "Select a partnership of the region" });
    } else if (
      input.fundingStreamId !== null &&
      !(await findStream(tx, input.hostPartnershipId, input.fundingStreamId))
    ) {
      errors.push({
        field: "fundingStreamId",
        message: "Select one of the host partnership's funding streams, or none",
      });
    }
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
      errors.push({ field: "endsOn", message: "The end date must be on or after the start date" });
    }
    const findings = guardText({ name: input.name, purpose: input.purpose }, input, errors);
    if (errors.length > 0) throw new ValidationError(errors);
    return findings;
  }

  const projectValues = (input: ProjectInput) => {
    const { identifiesNobody: _, ...values } = input;
    return values;
  };
  const deliverableValues = (input: DeliverableInput) => {
    const { identifiesNobody: _, ...values } = input;
    return values;
  };

  async function lockedProject(tx: Tx, regionId: number, projectId: number) {
    return found(await data.lockProject(tx, regionId, projectId), "That project");
  }

  return {
    ...createProjectReads(db),

    /** The form's choices: the region's partnerships as hosts, and each one's funding streams. */
    async choices(actor: Actor) {
      leadRegion(actor);
      const hosts = await access.partnerships(actor);
      const streams = await data.streamsOfPartnerships(
        db,
        hosts.map((h) => h.id),
      );
      const nameOf = new Map(hosts.map((h) => [h.id, h.name]));
      return {
        hosts: hosts.map((h) => ({ id: h.id, name: h.name })),
        streams: streams.map((s) => ({ ...s, hostName: nameOf.get(s.partnershipId) ?? "" })),
      };
    },

    async create(actor: Actor, input: ProjectInput) {
      const regionId = leadRegion(actor);
      // Read before the transaction: regionAccess reads on the database, not on its connection.
      const hosts = await access.partnerships(actor);
      return inTransaction(db, actor, async (work) => {
        const findings = await checkProject(work.tx, hosts, input);
        const row = await data.insertProject(work.tx, { ...projectValues(input), regionId });
        const audit = regional(work, regionId);
        audit({
          partnershipId: null,
          action: "region-project.create",
          entityType: PROJECT,
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: null,
          entityType: PROJECT,
          entityId: row.id,
        });
        return row;
      });
    },

    async update(actor: Actor, projectId: number, version: number, input: ProjectInput) {
      const regionId = leadRegion(actor);
      // Read before the transaction: regionAccess reads on the database, not on its connection.
      const hosts = await access.partnerships(actor);
      return inTransaction(db, actor, async (work) => {
        const findings = await checkProject(work.tx, hosts, input);
        const current = await lockedProject(work.tx, regionId, projectId);
        if (current.hostPartnershipId !== input.hostPartnershipId) {
          const linked = (await data.listDeliverables(work.tx, projectId)).some((d) => d.actionId !== null);
          // A linked action is the old host's: it cannot deliver for a project another partnership hosts.
          if (linked) {
            throw new ValidationError([
              {
                field: "hostPartnershipId",
                message:
                  "Deliverables are linked to the host's actions: the host's coordinator must unlink them first",
              },
            ]);
          }
        }
        const { before, after } = unwrapUpdate(
          await data.updateProject(
            work.tx,
            { regionId, id: projectId, expectedVersion: version },
            projectValues(input),
          ),
          "That project",
        );
        const audit = regional(work, regionId);
        audit({
          partnershipId: null,
          action: "region-project.update",
          entityType: PROJECT,
          entityId: projectId,
          before,
          after,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: null,
          entityType: PROJECT,
          entityId: projectId,
        });
        return after;
      });
    },

    /** One deliverable, for the lead's edit form. */
    async deliverable(actor: Actor, projectId: number, deliverableId: number) {
      const regionId = leadRegion(actor);
      found(await data.findProject(db, regionId, projectId), "That project");
      return found(await data.findDeliverable(db, projectId, deliverableId), "That deliverable");
    },

    async addDeliverable(actor: Actor, projectId: number, input: DeliverableInput) {
      const regionId = leadRegion(actor);
      return inTransaction(db, actor, async (work) => {
        const findings = guardText({ title: input.title, description: input.description }, input);
        await lockedProject(work.tx, regionId, projectId);
        const row = await data.insertDeliverable(work.tx, { ...deliverableValues(input), projectId });
        const audit = regional(work, regionId);
        audit({
          partnershipId: null,
          action: "region-deliverable.create",
          entityType: DELIVERABLE,
          entityId: row.id,
          after: row,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: null,
          entityType: DELIVERABLE,
          entityId: row.id,
        });
        return row;
      });
    },

    async updateDeliverable(
      actor: Actor,
      projectId: number,
      deliverableId: number,
      version: number,
      input: DeliverableInput,
    ) {
      const regionId = leadRegion(actor);
      return inTransaction(db, actor, async (work) => {
        const findings = guardText({ title: input.title, description: input.description }, input);
        await lockedProject(work.tx, regionId, projectId);
        const { before, after } = unwrapUpdate(
          await data.updateDeliverable(
            work.tx,
            { projectId, id: deliverableId, expectedVersion: version },
            deliverableValues(input),
          ),
          "That deliverable",
        );
        const audit = regional(work, regionId);
        audit({
          partnershipId: null,
          action: "region-deliverable.update",
          entityType: DELIVERABLE,
          entityId: deliverableId,
          before,
          after,
        });
        recordAcknowledgement(audit, findings, {
          partnershipId: null,
          entityType: DELIVERABLE,
          entityId: deliverableId,
        });
        return after;
      });
    },

    /** One place up or down; at the end of the list already, nothing changes. */
    async moveDeliverable(actor: Actor, projectId: number, deliverableId: number, direction: "up" | "down") {
      const regionId = leadRegion(actor);
      return inTransaction(db, actor, async (work) => {
        await lockedProject(work.tx, regionId, projectId);
        const rows = await data.listDeliverables(work.tx, projectId);
        const ids = rows.map((r) => r.id);
        if (!ids.includes(deliverableId)) throw new NotFoundError("That deliverable");
        const order = movedPosition(ids, deliverableId, direction);
        if (!order) return;
        await data.renumberDeliverables(work.tx, projectId, order);
        regional(
          work,
          regionId,
        )({
          partnershipId: null,
          action: "region-deliverable.move",
          entityType: DELIVERABLE,
          entityId: deliverableId,
          before: { position: ids.indexOf(deliverableId) + 1 },
          after: { position: order.indexOf(deliverableId) + 1 },
        });
      });
    },

    async removeDeliverable(actor: Actor, projectId: number, deliverableId: number) {
      const regionId = leadRegion(actor);
      return inTransaction(db, actor, async (work) => {
        await lockedProject(work.tx, regionId, projectId);
        const row = found(
          await data.deleteDeliverable(work.tx, projectId, deliverableId),
          "That deliverable",
        );
        const rest = (await data.listDeliverables(work.tx, projectId)).map((d) => d.id);
        await data.renumberDeliverables(work.tx, projectId, rest);
        regional(
          work,
          regionId,
        )({
          partnershipId: null,
          action: "region-deliverable.delete",
          entityType: DELIVERABLE,
          entityId: deliverableId,
          before: row,
        });
        return row;
      });
    },

    /**
     * The host's coordinator links a deliverable to one of the host's own actions (or unlinks it,
     * null). Another partnership's coordinator is refused: the host's actions are the host's data.
     */
    async linkAction(
      actor: Actor,
      projectId: number,
      deliverableId: number,
      version: number,
      actionId: number | null,
    ) {
      const scope = await scopeOf(db, actor);
      requireAdmin(actor);
      return inTransaction(db, actor, async (work) => {
        const project = await lockedProject(work.tx, scope.regionId, projectId);
        const hostPid = project.hostPartnershipId;
        if (scope.memberPartnershipId !== hostPid) {
          throw new ForbiddenError(
            "Only the host partnership's coordinator links its actions to deliverables",
          );
        }
        if (actionId !== null && !(await findAction(work.tx, hostPid, actionId))) {
          throw new ValidationError([
            { field: "actionId", message: "Select one of your partnership's actions" },
          ]);
        }
        const { before, after } = unwrapUpdate(
          await data.updateDeliverable(
            work.tx,
            { projectId, id: deliverableId, expectedVersion: version },
            { actionId },
          ),
          "That deliverable",
        );
        work.audit({
          partnershipId: hostPid,
          regionId: scope.regionId,
          action: "region-deliverable.link",
          entityType: DELIVERABLE,
          entityId: deliverableId,
          before: { actionId: before.actionId },
          after: { actionId: after.actionId },
        });
        return after;
      });
    },
  };
}

export type RegionProjectsService = ReturnType<typeof createRegionProjectsService>;

// The regional projects part of the permission matrix (permissions.test.ts): the partnership is put
// in a region of its own and hosts a project with one deliverable, so the partnership-side pages show
// it and the host coordinator's link form has a deliverable to link; and a valid body for each POST
// route (the regional ones too), so a refusal proves the permission check and not validation.
import { eq } from "drizzle-orm";
import { actions, partnerships, regions } from "../../src/db/schema.ts";
import { regionalProjectDeliverables, regionalProjects } from "../../src/db/schema-region.ts";
import type { Actor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

export async function regionProjectsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  if (actor.kind !== "system" || actor.partnershipId === undefined)
    throw new Error("a partnership's system actor");
  const db = t.database.db;
  const pid = actor.partnershipId;
  const [region] = await db
    .insert(regions)
    .values({ slug: `matrix-region-${pid}`, name: `Matrix region ${pid}` })
    .returning();
  await db.update(partnerships).set({ regionId: region!.id }).where(eq(partnerships.id, pid));
  const [project] = await db
    .insert(regionalProjects)
    .values({ regionId: region!.id, hostPartnershipId: pid, name: "Matrix project" })
    .returning();
  const [deliverable] = await db
    .insert(regionalProjectDeliverables)
    .values({ projectId: project!.id, position: 1, title: "Matrix deliverable" })
    .returning();
  const [action] = await db
    .select({ id: actions.id })
    .from(actions)
    .where(eq(actions.partnershipId, pid))
    .limit(1);
  return { projectId: project!.id, deliverableId: deliverable!.id, projectActionId: action?.id ?? 0 };
}

export function regionProjectsMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const versionOf = async (id: number) => {
    const [row] = await app()
      .database.db.select({ v: regionalProjectDeliverables.version })
      .from(regionalProjectDeliverables)
      .where(eq(regionalProjectDeliverables.id, id));
    return String(row?.v ?? 1);
  };
  return {
    "POST /p/:slug/regional-projects/:projectId/deliverables/:deliverableId/action": async (ids) => ({
      actionId: String(ids.projectActionId),
      version: await versionOf(ids.deliverableId!),
    }),
    // The regional routes: walked by the region matrix; a valid body each.
    "POST /r/:regionSlug/projects/new": async () => ({
      name: `Matrix project ${next()}`,
      status: "proposed",
    }),
    "POST /r/:regionSlug/projects/:projectId/edit": async () => ({
      name: `Matrix project ${next()}`,
      status: "active",
    }),
    "POST /r/:regionSlug/projects/:projectId/deliverables/new": async () => ({
      title: `Matrix deliverable ${next()}`,
    }),
    "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/edit": async (ids) => ({
      title: `Matrix deliverable ${next()}`,
      version: await versionOf(ids.deliverableId!),
    }),
    "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/move": async () => ({
      direction: "down",
    }),
    "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/remove": async () => ({}),
  };
}

// The regional projects part of the permission matrix (permissions.test.ts): the partnership is put
// in a region of its own and hosts a project with one deliverable, so the partnership-side pages show
// it and the host coordinator's link form has a deliverable to link; and a valid body for each POST
// route, so a refusal proves the permission check and not validation.
import { eq } from "drizzle-orm";
import { actions, partnerships, regions } from "../../src/db/schema.ts";
import { regionalProjectDeliverables, regionalProjects } from "../../src/db/schema-region.ts";
import type { Actor } from "../../src/services/actor.ts";
import type { TestApp } from "../support/app.ts";
import type { RegionFixture } from "./region-fixture.ts";
import type { RegionMatrixPart } from "./region-matrix-part.ts";

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

export function regionProjectsMatrixBodies(app: () => TestApp, _next: () => number): Record<string, Body> {
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
  };
}

/** A project hosted by a partnership of the region, with one deliverable: their ids. */
async function hostedProject(t: TestApp, regionId: number, hostId: number) {
  const db = t.database.db;
  const [project] = await db
    .insert(regionalProjects)
    .values({ regionId, hostPartnershipId: hostId, name: "Region matrix project" })
    .returning();
  const [deliverable] = await db
    .insert(regionalProjectDeliverables)
    .values({ projectId: project!.id, position: 1, title: "Region matrix deliverable" })
    .returning();
  return { projectId: project!.id, deliverableId: deliverable!.id };
}

/** The region route matrix's part (region-matrix.test.ts): region A's project and region B's. */
export const regionMatrix: RegionMatrixPart = {
  ids: async (fx: RegionFixture) => ({
    own: await hostedProject(fx.t, fx.regionA.id, fx.p1.id),
    foreign: await hostedProject(fx.t, fx.regionB.id, fx.p3.id),
  }),
  bodies: (fx, next) => {
    const version = async (
      table: typeof regionalProjects | typeof regionalProjectDeliverables,
      id: number,
    ) => {
      const [row] = await fx.t.database.db.select({ v: table.version }).from(table).where(eq(table.id, id));
      return String(row?.v ?? 1);
    };
    return {
      "POST /r/:regionSlug/projects/new": async () => ({
        name: `Matrix project ${next()}`,
        hostPartnershipId: String(fx.p1.id),
        status: "proposed",
      }),
      "POST /r/:regionSlug/projects/:projectId/edit": async (ids) => ({
        name: `Matrix project ${next()}`,
        hostPartnershipId: String(fx.p1.id),
        status: "active",
        version: await version(regionalProjects, ids.projectId!),
      }),
      "POST /r/:regionSlug/projects/:projectId/deliverables/new": async () => ({
        title: `Matrix deliverable ${next()}`,
      }),
      "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/edit": async (ids) => ({
        title: `Matrix deliverable ${next()}`,
        version: await version(regionalProjectDeliverables, ids.deliverableId!),
      }),
      "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/move": async () => ({
        direction: "down",
      }),
      // The lead's removal succeeds once: the body puts the deliverable back before each request.
      "POST /r/:regionSlug/projects/:projectId/deliverables/:deliverableId/remove": async (ids) => {
        await fx.t.database.execute(
          "insert into regional_project_deliverables (id, project_id, position, title) overriding system value values ($1, $2, 1, 'Region matrix deliverable') on conflict (id) do nothing",
          [ids.deliverableId, ids.projectId],
        );
        return {};
      },
    };
  },
};

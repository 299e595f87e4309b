// Regional projects and their deliverables (issue 15). Every query filters on the region first (a
// project of another region is "not found"); deliverables are reached through their project. The
// money and progress are not here: they are the host partnership's funding stream and actions, read
// with data/funding/streams.ts, data/updates.ts and data/action-plans.ts.
import { and, asc, count, eq, getTableColumns, inArray, max, sql } from "drizzle-orm";
import type { Executor } from "../../db/database.ts";
import { actions, commitments, partnerships } from "../../db/schema.ts";
import { fundingStreams } from "../../db/schema-funding.ts";
import { regionalProjectDeliverables, regionalProjects } from "../../db/schema-region.ts";

export type ProjectRow = typeof regionalProjects.$inferSelect;
export type ProjectInsert = typeof regionalProjects.$inferInsert;
export type DeliverableRow = typeof regionalProjectDeliverables.$inferSelect;

export type VersionedOutcome<Row> =
  | { kind: "updated"; before: Row; after: Row }
  | { kind: "conflict"; current: Row }
  | { kind: "missing" };

const host = { hostName: partnerships.name, hostSlug: partnerships.slug };

/** The region of a partnership (null when it belongs to none). */
export async function regionOfPartnership(ex: Executor, partnershipId: number): Promise<number | null> {
  const [row] = await ex
    .select({ regionId: partnerships.regionId })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row?.regionId ?? null;
}

/** A region's projects with their host's name and how many deliverables each has, in one query. */
export async function listProjects(ex: Executor, regionId: number) {
  const deliverables = ex
    .select({ projectId: regionalProjectDeliverables.projectId, n: count().as("n") })
    .from(regionalProjectDeliverables)
    .groupBy(regionalProjectDeliverables.projectId)
    .as("deliverable_counts");
  return ex
    .select({
      project: regionalProjects,
      ...host,
      deliverableCount: sql<number>`coalesce(${deliverables.n}, 0)::int`,
    })
    .from(regionalProjects)
    .innerJoin(partnerships, eq(partnerships.id, regionalProjects.hostPartnershipId))
    .leftJoin(deliverables, eq(deliverables.projectId, regionalProjects.id))
    .where(eq(regionalProjects.regionId, regionId))
    .orderBy(asc(regionalProjects.name), asc(regionalProjects.id));
}

export async function findProject(ex: Executor, regionId: number, id: number) {
  const [row] = await ex
    .select({ project: regionalProjects, ...host })
    .from(regionalProjects)
    .innerJoin(partnerships, eq(partnerships.id, regionalProjects.hostPartnershipId))
    .where(and(eq(regionalProjects.regionId, regionId), eq(regionalProjects.id, id)));
  return row;
}

export async function insertProject(ex: Executor, values: ProjectInsert): Promise<ProjectRow> {
  const [row] = await ex.insert(regionalProjects).values(values).returning();
  if (!row) throw new Error("project not inserted");
  return row;
}

/**
 * Changes a project only if it still has the version the editor read (data/versioned.ts's rule, for
 * a table keyed by region rather than partnership); the row is read FOR UPDATE to capture "before".
 */
export async function updateProject(
  ex: Executor,
  key: { regionId: number; id: number; expectedVersion: number },
  values: Partial<ProjectInsert>,
): Promise<VersionedOutcome<ProjectRow>> {
  const where = and(eq(regionalProjects.regionId, key.regionId), eq(regionalProjects.id, key.id));
  const [before] = await ex.select().from(regionalProjects).where(where).for("update");
  if (!before) return { kind: "missing" };
  if (before.version !== key.expectedVersion) return { kind: "conflict", current: before };
  const [after] = await ex
    .update(regionalProjects)
    .set({ ...values, version: sql`${regionalProjects.version} + 1` })
    .where(and(where, eq(regionalProjects.version, key.expectedVersion)))
    .returning();
  return after ? { kind: "updated", before, after } : { kind: "conflict", current: before };
}

/** Locks a project's row, so deliverables are added and moved one change at a time. */
export async function lockProject(ex: Executor, regionId: number, id: number) {
  const [row] = await ex
    .select()
    .from(regionalProjects)
    .where(and(eq(regionalProjects.regionId, regionId), eq(regionalProjects.id, id)))
    .for("update");
  return row;
}

export async function listDeliverables(ex: Executor, projectId: number) {
  return ex
    .select()
    .from(regionalProjectDeliverables)
    .where(eq(regionalProjectDeliverables.projectId, projectId))
    .orderBy(asc(regionalProjectDeliverables.position), asc(regionalProjectDeliverables.id));
}

export async function findDeliverable(ex: Executor, projectId: number, id: number) {
  const [row] = await ex
    .select()
    .from(regionalProjectDeliverables)
    .where(and(eq(regionalProjectDeliverables.projectId, projectId), eq(regionalProjectDeliverables.id, id)));
  return row;
}

export async function insertDeliverable(
  ex: Executor,
  values: Omit<typeof regionalProjectDeliverables.$inferInsert, "position">,
): Promise<DeliverableRow> {
  const [last] = await ex
    .select({ max: max(regionalProjectDeliverables.position) })
    .from(regionalProjectDeliverables)
    .where(eq(regionalProjectDeliverables.projectId, values.projectId));
  const [row] = await ex
    .insert(regionalProjectDeliverables)
    .values({ ...values, position: (last?.max ?? 0) + 1 })
    .returning();
  if (!row) throw new Error("deliverable not inserted");
  return row;
}

/** The project-scoped versioned update of one deliverable (see updateProject). */
export async function updateDeliverable(
  ex: Executor,
  key: { projectId: number; id: number; expectedVersion: number },
  values: Partial<typeof regionalProjectDeliverables.$inferInsert>,
): Promise<VersionedOutcome<DeliverableRow>> {
  const table = regionalProjectDeliverables;
  const where = and(eq(table.projectId, key.projectId), eq(table.id, key.id));
  const [before] = await ex.select(getTableColumns(table)).from(table).where(where).for("update");
  if (!before) return { kind: "missing" };
  if (before.version !== key.expectedVersion) return { kind: "conflict", current: before };
  const [after] = await ex
    .update(table)
    .set({ ...values, version: sql`${table.version} + 1` })
    .where(and(where, eq(table.version, key.expectedVersion)))
    .returning();
  return after ? { kind: "updated", before, after } : { kind: "conflict", current: before };
}

/** Numbers the project's deliverables 1, 2, 3… in the order given. */
export async function renumberDeliverables(ex: Executor, projectId: number, order: readonly number[]) {
  if (order.length === 0) return;
  const cases = sql.join(
    order.map((id, i) => sql`when ${id}::int then ${i + 1}::int`),
    sql` `,
  );
  await ex
    .update(regionalProjectDeliverables)
    .set({ position: sql`case ${regionalProjectDeliverables.id} ${cases} end` })
    .where(
      and(
        eq(regionalProjectDeliverables.projectId, projectId),
        inArray(regionalProjectDeliverables.id, [...order]),
      ),
    );
}

export async function deleteDeliverable(ex: Executor, projectId: number, id: number) {
  const [row] = await ex
    .delete(regionalProjectDeliverables)
    .where(and(eq(regionalProjectDeliverables.projectId, projectId), eq(regionalProjectDeliverables.id, id)))
    .returning();
  return row;
}

/** The funding streams of some partnerships (the lead picks a project's stream from its host's). */
export async function streamsOfPartnerships(ex: Executor, partnershipIds: readonly number[]) {
  if (partnershipIds.length === 0) return [];
  return ex
    .select({
      id: fundingStreams.id,
      partnershipId: fundingStreams.partnershipId,
      name: fundingStreams.name,
    })
    .from(fundingStreams)
    .where(inArray(fundingStreams.partnershipId, [...partnershipIds]))
    .orderBy(asc(fundingStreams.name), asc(fundingStreams.id));
}

/** Some of a partnership's actions by id, with their commitment's number, for a deliverable's link. */
export async function actionsByIds(ex: Executor, partnershipId: number, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return ex
    .select({
      id: actions.id,
      what: actions.what,
      closed: actions.closed,
      dueOn: actions.dueOn,
      commitmentNumber: commitments.number,
    })
    .from(actions)
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .where(and(eq(actions.partnershipId, partnershipId), inArray(actions.id, [...ids])));
}

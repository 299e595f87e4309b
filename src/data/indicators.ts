// Queries for key statistics: indicators, their notes and links, areas, observations and pending
// imports. Every query filters on the partnership first.
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../db/database.ts";
import {
  actionPlans,
  actions,
  apiTokens,
  areas,
  commitments,
  indicatorDefinitionNotes,
  indicatorLinks,
  indicators,
  observationImports,
  observations,
  organisations,
  partnerships,
} from "../db/schema.ts";

export type IndicatorRow = typeof indicators.$inferSelect;
export type AreaRow = typeof areas.$inferSelect;
export type ObservationRow = typeof observations.$inferSelect;
export type NoteRow = typeof indicatorDefinitionNotes.$inferSelect;
export type ImportRow = typeof observationImports.$inferSelect;

export interface ObservationWithArea extends ObservationRow {
  areaName: string;
  areaKind: AreaRow["kind"];
  areaPosition: number;
}

export async function listIndicators(db: Executor, partnershipId: number): Promise<IndicatorRow[]> {
  return db
    .select()
    .from(indicators)
    .where(eq(indicators.partnershipId, partnershipId))
    .orderBy(asc(indicators.position), asc(indicators.id));
}

/**
 * The partnership's settings (as partnershipSettings) and its indicators in order, in one query:
 * what every list of key statistics starts from.
 */
export async function listIndicatorsWithSettings(db: Executor, partnershipId: number) {
  const rows = await db
    .select({
      settings: {
        id: partnerships.id,
        areaName: partnerships.areaName,
        suppressionThreshold: partnerships.suppressionThreshold,
        version: partnerships.version,
      },
      indicator: indicators,
    })
    .from(partnerships)
    .leftJoin(indicators, eq(indicators.partnershipId, partnerships.id))
    .where(eq(partnerships.id, partnershipId))
    .orderBy(asc(indicators.position), asc(indicators.id));
  return {
    /** Undefined when there is no such partnership. */
    settings: rows[0]?.settings,
    indicators: rows.flatMap((r): IndicatorRow[] => (r.indicator ? [r.indicator] : [])),
  };
}

export async function findIndicator(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.partnershipId, partnershipId), eq(indicators.id, id)));
  return row;
}

export async function findIndicatorByName(db: Executor, partnershipId: number, name: string) {
  const [row] = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.partnershipId, partnershipId), sql`lower(${indicators.name}) = lower(${name})`));
  return row;
}

export async function nextIndicatorPosition(db: Executor, partnershipId: number): Promise<number> {
  const [row] = await db
    .select({ max: sql<number>`coalesce(max(${indicators.position}), 0)::int` })
    .from(indicators)
    .where(eq(indicators.partnershipId, partnershipId));
  return (row?.max ?? 0) + 1;
}

export async function organisationName(db: Executor, partnershipId: number, id: number | null) {
  if (id === null) return null;
  const [row] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id)));
  return row ?? null;
}

// Areas

export async function listAreas(db: Executor, partnershipId: number): Promise<AreaRow[]> {
  return db
    .select()
    .from(areas)
    .where(eq(areas.partnershipId, partnershipId))
    .orderBy(asc(areas.position), asc(areas.id));
}

export async function findArea(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.partnershipId, partnershipId), eq(areas.id, id)));
  return row;
}

/** The partnership's own area, created on first use with the partnership's area name. */
export async function ensureOwnArea(db: Executor, partnershipId: number): Promise<AreaRow> {
  const [existing] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.partnershipId, partnershipId), eq(areas.kind, "own")));
  if (existing) return existing;
  const [partnership] = await db
    .select({ areaName: partnerships.areaName })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  await db
    .insert(areas)
    .values({ partnershipId, kind: "own", name: partnership?.areaName ?? "Our area", position: 0 })
    .onConflictDoNothing();
  const [row] = await db
    .select()
    .from(areas)
    .where(and(eq(areas.partnershipId, partnershipId), eq(areas.kind, "own")));
  if (!row) throw new Error("the own area could not be created");
  return row;
}

// Notes and links

export async function listNotes(
  db: Executor,
  partnershipId: number,
  indicatorId: number,
): Promise<NoteRow[]> {
  return db
    .select()
    .from(indicatorDefinitionNotes)
    .where(
      and(
        eq(indicatorDefinitionNotes.partnershipId, partnershipId),
        eq(indicatorDefinitionNotes.indicatorId, indicatorId),
      ),
    )
    .orderBy(asc(indicatorDefinitionNotes.changedOn), asc(indicatorDefinitionNotes.id));
}

export async function listAllNotes(db: Executor, partnershipId: number): Promise<NoteRow[]> {
  return db
    .select()
    .from(indicatorDefinitionNotes)
    .where(eq(indicatorDefinitionNotes.partnershipId, partnershipId))
    .orderBy(asc(indicatorDefinitionNotes.changedOn), asc(indicatorDefinitionNotes.id));
}

export interface LinkView {
  commitments: { id: number; number: string; text: string }[];
  actions: { id: number; what: string; planName: string; commitmentNumber: string }[];
}

export async function listLinks(db: Executor, partnershipId: number, indicatorId: number): Promise<LinkView> {
  const where = and(
    eq(indicatorLinks.partnershipId, partnershipId),
    eq(indicatorLinks.indicatorId, indicatorId),
  );
  // One after the other: `db` may be a transaction, whose queries share one connection.
  const commitmentRows = await db
    .select({ id: commitments.id, number: commitments.number, text: commitments.text })
    .from(indicatorLinks)
    .innerJoin(commitments, eq(commitments.id, indicatorLinks.commitmentId))
    .where(where)
    .orderBy(asc(commitments.position));
  const actionRows = await db
    .select({
      id: actions.id,
      what: actions.what,
      planName: actionPlans.name,
      commitmentNumber: commitments.number,
    })
    .from(indicatorLinks)
    .innerJoin(actions, eq(actions.id, indicatorLinks.actionId))
    .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
    .innerJoin(commitments, eq(commitments.id, actions.commitmentId))
    .where(where)
    .orderBy(asc(actionPlans.startsOn), asc(actions.position));
  return { commitments: commitmentRows, actions: actionRows };
}

/** Replaces an indicator's links with these commitments and actions. */
export async function replaceLinks(
  db: Executor,
  partnershipId: number,
  indicatorId: number,
  commitmentIds: readonly number[],
  actionIds: readonly number[],
): Promise<void> {
  await db
    .delete(indicatorLinks)
    .where(and(eq(indicatorLinks.partnershipId, partnershipId), eq(indicatorLinks.indicatorId, indicatorId)));
  const rows = [
    ...commitmentIds.map((commitmentId) => ({ partnershipId, indicatorId, commitmentId, actionId: null })),
    ...actionIds.map((actionId) => ({ partnershipId, indicatorId, commitmentId: null, actionId })),
  ];
  if (rows.length > 0) await db.insert(indicatorLinks).values(rows);
}

export async function linkIds(db: Executor, partnershipId: number, indicatorId: number) {
  const rows = await db
    .select({ commitmentId: indicatorLinks.commitmentId, actionId: indicatorLinks.actionId })
    .from(indicatorLinks)
    .where(and(eq(indicatorLinks.partnershipId, partnershipId), eq(indicatorLinks.indicatorId, indicatorId)));
  return {
    commitmentIds: rows.flatMap((r) => (r.commitmentId === null ? [] : [r.commitmentId])),
    actionIds: rows.flatMap((r) => (r.actionId === null ? [] : [r.actionId])),
  };
}

/** How many of these ids are commitments / actions of the partnership (to refuse anyone else's). */
export async function countOwned(
  db: Executor,
  partnershipId: number,
  commitmentIds: readonly number[],
  actionIds: readonly number[],
) {
  const [c] = commitmentIds.length
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(commitments)
        .where(and(eq(commitments.partnershipId, partnershipId), inArray(commitments.id, [...commitmentIds])))
    : [{ n: 0 }];
  const [a] = actionIds.length
    ? await db
        .select({ n: sql<number>`count(*)::int` })
        .from(actions)
        .where(and(eq(actions.partnershipId, partnershipId), inArray(actions.id, [...actionIds])))
    : [{ n: 0 }];
  return { commitments: c?.n ?? 0, actions: a?.n ?? 0 };
}

// Observations

const withArea = {
  ...getTableColumns(observations),
  areaName: areas.name,
  areaKind: areas.kind,
  areaPosition: areas.position,
};

/** Observations of the partnership (of some indicators), oldest period first. */
export async function listObservations(
  db: Executor,
  partnershipId: number,
  indicatorIds?: readonly number[],
): Promise<ObservationWithArea[]> {
  if (indicatorIds && indicatorIds.length === 0) return [];
  const conditions = [eq(observations.partnershipId, partnershipId)];
  if (indicatorIds) conditions.push(inArray(observations.indicatorId, [...indicatorIds]));
  return db
    .select(withArea)
    .from(observations)
    .innerJoin(areas, and(eq(areas.id, observations.areaId), eq(areas.partnershipId, partnershipId)))
    .where(and(...conditions))
    .orderBy(asc(observations.periodStart), asc(areas.position), asc(areas.id));
}

export async function findObservation(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select(withArea)
    .from(observations)
    .innerJoin(areas, eq(areas.id, observations.areaId))
    .where(and(eq(observations.partnershipId, partnershipId), eq(observations.id, id)));
  return row;
}

export type NewObservation = typeof observations.$inferInsert;

/**
 * Writes observations, replacing the figure already held for the same indicator, period and area.
 * One statement: the import's all-or-nothing write is the caller's transaction.
 */
export async function upsertObservations(
  db: Executor,
  rows: readonly NewObservation[],
): Promise<ObservationRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(observations)
    .values([...rows])
    .onConflictDoUpdate({
      target: [
        observations.indicatorId,
        observations.periodStart,
        observations.periodEnd,
        observations.areaId,
      ],
      set: {
        value: sql`excluded.value`,
        numerator: sql`excluded.numerator`,
        denominator: sql`excluded.denominator`,
        periodLabel: sql`excluded.period_label`,
        updatedAt: sql`now()`,
        version: sql`${observations.version} + 1`,
      },
    })
    .returning();
}

// Imports

export async function insertImport(
  db: Executor,
  row: typeof observationImports.$inferInsert,
): Promise<ImportRow> {
  const [created] = await db.insert(observationImports).values(row).returning();
  if (!created) throw new Error("insert returned nothing");
  return created;
}

export async function findImport(db: Executor, partnershipId: number, id: number) {
  const [row] = await db
    .select()
    .from(observationImports)
    .where(and(eq(observationImports.partnershipId, partnershipId), eq(observationImports.id, id)));
  return row;
}

/** Marks an import confirmed unless it already was; false when someone confirmed it first. */
export async function markImportConfirmed(db: Executor, partnershipId: number, id: number): Promise<boolean> {
  const rows = await db
    .update(observationImports)
    .set({ confirmedAt: sql`now()` })
    .where(
      and(
        eq(observationImports.partnershipId, partnershipId),
        eq(observationImports.id, id),
        isNull(observationImports.confirmedAt),
      ),
    )
    .returning({ id: observationImports.id });
  return rows.length === 1;
}

// Settings

export async function partnershipSettings(db: Executor, partnershipId: number) {
  const [row] = await db
    .select({
      id: partnerships.id,
      areaName: partnerships.areaName,
      suppressionThreshold: partnerships.suppressionThreshold,
      version: partnerships.version,
    })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row;
}

export async function isPublicToken(db: Executor, partnershipId: number, tokenId: number): Promise<boolean> {
  const [row] = await db
    .select({ public: apiTokens.public })
    .from(apiTokens)
    .where(and(eq(apiTokens.partnershipId, partnershipId), eq(apiTokens.id, tokenId)));
  // An unknown token is treated as public: the safe side.
  return row?.public ?? true;
}

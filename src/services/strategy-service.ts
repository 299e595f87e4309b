import { and, eq, ne } from "drizzle-orm";
import * as data from "../data/strategies.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { commitments, priorities, strategies } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { inTransaction, type Work } from "./unit-of-work.ts";

export interface StrategyInput {
  title: string;
  startYear: number;
  endYear: number;
  vision: string;
  framework: "priorities" | "flat";
  itemLabel: string;
}

export interface PriorityInput {
  number: string;
  title: string;
  outcome: string;
}

export interface CommitmentInput {
  priorityId: number | null;
  number: string;
  text: string;
  /** Ids of the commitments this one cross-references ("see 1.4"). */
  seeAlso: number[];
}

/** Outcome of an edit that named the version it read. */
export function unwrapUpdate<Row>(
  outcome:
    | { kind: "updated"; before: Row; after: Row }
    | { kind: "conflict"; current: Row }
    | { kind: "missing" },
  what: string,
): { before: Row; after: Row } {
  if (outcome.kind === "missing") throw new NotFoundError(what);
  if (outcome.kind === "conflict") throw new ConflictError(outcome.current);
  return outcome;
}

/** Adds a strategy inside `work`'s transaction (also used by an import that creates its strategy). */
export async function insertStrategy({ tx, audit }: Work, partnershipId: number, input: StrategyInput) {
  const [row] = await tx
    .insert(strategies)
    .values({ ...input, partnershipId })
    .returning();
  if (!row) throw new Error("insert returned nothing");
  audit({ partnershipId, action: "strategy.create", entityType: "strategy", entityId: row.id, after: row });
  return row;
}

export function createStrategyService(db: Db) {
  async function requireStrategy(ex: Executor, actor: Actor, strategyId: number) {
    return found(await data.findStrategy(ex, partnershipOf(actor), strategyId), "That strategy");
  }

  async function assertNumberFree(
    ex: Executor,
    table: typeof priorities | typeof commitments,
    strategyId: number,
    number: string,
    exceptId: number | null,
  ) {
    const conditions = [eq(table.strategyId, strategyId), eq(table.number, number)];
    if (exceptId !== null) conditions.push(ne(table.id, exceptId));
    const [clash] = await ex
      .select({ id: table.id })
      .from(table)
      .where(and(...conditions));
    if (clash) {
      throw new ValidationError([
        { field: "number", message: `Number ${number} is already used in this strategy` },
      ]);
    }
  }

  async function validateSeeAlso(
    ex: Executor,
    actor: Actor,
    strategyId: number,
    selfId: number | null,
    ids: number[],
  ) {
    const unique = [...new Set(ids)].filter((id) => id !== selfId);
    const rows = await data.findCommitmentsByIds(ex, partnershipOf(actor), unique);
    if (rows.length !== unique.length || rows.some((r) => r.strategyId !== strategyId)) {
      throw new ValidationError([
        { field: "seeAlso", message: "Choose cross-references from this strategy" },
      ]);
    }
    return unique;
  }

  async function validatePriority(ex: Executor, actor: Actor, strategyId: number, priorityId: number | null) {
    const strategy = await requireStrategy(ex, actor, strategyId);
    if (strategy.framework === "flat") return null;
    if (priorityId === null) {
      throw new ValidationError([
        { field: "priorityId", message: "Select the priority this commitment belongs to" },
      ]);
    }
    const priority = await data.findPriority(ex, partnershipOf(actor), priorityId);
    if (!priority || priority.strategyId !== strategyId) {
      throw new ValidationError([{ field: "priorityId", message: "Select a priority of this strategy" }]);
    }
    return priorityId;
  }

  return {
    list: (actor: Actor) => data.listStrategies(db, partnershipOf(actor)),

    get: (actor: Actor, strategyId: number) => requireStrategy(db, actor, strategyId),

    /**
     * The strategy with its priorities and numbered commitments, and actions counted per commitment.
     * Three queries (two when the caller already holds the strategy's row), however big the strategy.
     */
    async outline(actor: Actor, strategyId: number, known?: data.StrategyRow) {
      const pid = partnershipOf(actor);
      const strategy =
        known && known.id === strategyId && known.partnershipId === pid
          ? known
          : await requireStrategy(db, actor, strategyId);
      // One after the other: on PostgreSQL each would otherwise take a connection of its own.
      const priorityRows = await data.listPriorities(db, pid, strategyId);
      const rows = await data.listCommitmentsWithLinks(db, pid, strategyId);
      const commitmentRows = rows.map((r) => r.commitment);
      const byId = new Map(commitmentRows.map((c) => [c.id, c]));
      const decorated = rows.map((r) => ({
        ...r.commitment,
        actionCount: r.actionCount,
        seeAlso: r.seeAlsoIds.map((id) => byId.get(id)).filter((x) => x !== undefined),
      }));
      const groups = priorityRows.map((p) => ({
        priority: p,
        commitments: decorated.filter((c) => c.priorityId === p.id),
      }));
      const unassigned = decorated.filter((c) => c.priorityId === null);
      return { strategy, groups, unassigned, commitmentCount: commitmentRows.length };
    },

    /** Each commitment's lead organisations across the strategy's action plans. One query. */
    async commitmentLeads(actor: Actor, strategyId: number) {
      return data.listCommitmentLeads(db, partnershipOf(actor), strategyId);
    },

    async create(actor: Actor, input: StrategyInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, (work) => insertStrategy(work, partnershipOf(actor), input));
    },

    async update(actor: Actor, strategyId: number, expectedVersion: number, input: StrategyInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            strategies,
            { partnershipId: pid, id: strategyId, expectedVersion },
            input,
          ),
          "That strategy",
        );
        audit({
          partnershipId: pid,
          action: "strategy.update",
          entityType: "strategy",
          entityId: strategyId,
          before,
          after,
        });
        return after;
      });
    },

    getPriority: async (actor: Actor, priorityId: number) =>
      found(await data.findPriority(db, partnershipOf(actor), priorityId), "That priority"),

    async createPriority(actor: Actor, strategyId: number, input: PriorityInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const strategy = await requireStrategy(tx, actor, strategyId);
        await assertNumberFree(tx, priorities, strategyId, input.number, null);
        const position = await data.nextPosition(tx, priorities, strategyId);
        const [row] = await tx
          .insert(priorities)
          .values({ ...input, strategyId, partnershipId: strategy.partnershipId, position })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: row.partnershipId,
          action: "priority.create",
          entityType: "priority",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async updatePriority(actor: Actor, priorityId: number, expectedVersion: number, input: PriorityInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findPriority(tx, pid, priorityId), "That priority");
        await assertNumberFree(tx, priorities, current.strategyId, input.number, priorityId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            priorities,
            { partnershipId: pid, id: priorityId, expectedVersion },
            input,
          ),
          "That priority",
        );
        audit({
          partnershipId: pid,
          action: "priority.update",
          entityType: "priority",
          entityId: priorityId,
          before,
          after,
        });
        return after;
      });
    },

    /** The commitment with its strategy, priority and cross-references in both directions. Two queries. */
    async getCommitment(actor: Actor, commitmentId: number) {
      const pid = partnershipOf(actor);
      const row = found(await data.findCommitmentWithContext(db, pid, commitmentId), "That commitment");
      const links = await data.listLinkedCommitments(db, pid, commitmentId);
      return {
        commitment: row.commitment,
        strategy: row.strategy,
        priority: row.priority ?? null,
        seeAlso: links.filter((l) => l.direction === "to").map((l) => l.commitment),
        referencedBy: links.filter((l) => l.direction === "from").map((l) => l.commitment),
      };
    },

    async createCommitment(actor: Actor, strategyId: number, input: CommitmentInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const priorityId = await validatePriority(tx, actor, strategyId, input.priorityId);
        await assertNumberFree(tx, commitments, strategyId, input.number, null);
        const seeAlso = await validateSeeAlso(tx, actor, strategyId, null, input.seeAlso);
        const position = await data.nextPosition(tx, commitments, strategyId);
        const [row] = await tx
          .insert(commitments)
          .values({
            partnershipId: pid,
            strategyId,
            priorityId,
            number: input.number,
            text: input.text,
            position,
          })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        await data.replaceLinks(tx, pid, row.id, seeAlso);
        audit({
          partnershipId: pid,
          action: "commitment.create",
          entityType: "commitment",
          entityId: row.id,
          after: { ...row, seeAlso },
        });
        return row;
      });
    },

    async updateCommitment(
      actor: Actor,
      commitmentId: number,
      expectedVersion: number,
      input: CommitmentInput,
    ) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        const current = found(await data.findCommitment(tx, pid, commitmentId), "That commitment");
        const priorityId = await validatePriority(tx, actor, current.strategyId, input.priorityId);
        await assertNumberFree(tx, commitments, current.strategyId, input.number, commitmentId);
        const seeAlso = await validateSeeAlso(tx, actor, current.strategyId, commitmentId, input.seeAlso);
        const beforeLinks = (await data.listLinks(tx, pid, commitmentId))
          .filter((l) => l.fromCommitmentId === commitmentId)
          .map((l) => l.toCommitmentId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(
            tx,
            commitments,
            { partnershipId: pid, id: commitmentId, expectedVersion },
            { priorityId, number: input.number, text: input.text },
          ),
          "That commitment",
        );
        await data.replaceLinks(tx, pid, commitmentId, seeAlso);
        audit({
          partnershipId: pid,
          action: "commitment.update",
          entityType: "commitment",
          entityId: commitmentId,
          before: { ...before, seeAlso: beforeLinks },
          after: { ...after, seeAlso },
        });
        return after;
      });
    },
  };
}

export type StrategyService = ReturnType<typeof createStrategyService>;

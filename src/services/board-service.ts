import * as data from "../data/boards.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db, Executor } from "../db/database.ts";
import { boards } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface BoardInput {
  name: string;
  description: string;
  parentBoardId: number | null;
  meetingDates: string[];
}

export function createBoardService(db: Db) {
  /** A board must report to a board of the same partnership, and never (indirectly) to itself. */
  async function validateParent(ex: Executor, actor: Actor, boardId: number | null, parentId: number | null) {
    if (parentId === null) return;
    const all = await data.listBoards(ex, partnershipOf(actor));
    const byId = new Map(all.map((b) => [b.id, b]));
    if (!byId.has(parentId)) {
      throw new ValidationError([{ field: "parentBoardId", message: "Select a board of this partnership" }]);
    }
    let cursor: number | null = parentId;
    const seen = new Set<number>();
    while (cursor !== null && !seen.has(cursor)) {
      if (cursor === boardId) {
        throw new ValidationError([
          { field: "parentBoardId", message: "A board cannot report to itself or to a board below it" },
        ]);
      }
      seen.add(cursor);
      cursor = byId.get(cursor)?.parentBoardId ?? null;
    }
  }

  const normalise = (input: BoardInput) => ({
    ...input,
    meetingDates: [...new Set(input.meetingDates)].sort(),
  });

  return {
    list: (actor: Actor) => data.listBoards(db, partnershipOf(actor)),

    get: async (actor: Actor, id: number) =>
      found(await data.findBoard(db, partnershipOf(actor), id), "That board"),

    async create(actor: Actor, input: BoardInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await validateParent(tx, actor, null, input.parentBoardId);
        const [row] = await tx
          .insert(boards)
          .values({ ...normalise(input), partnershipId: pid })
          .returning();
        if (!row) throw new Error("insert returned nothing");
        audit({
          partnershipId: pid,
          action: "board.create",
          entityType: "board",
          entityId: row.id,
          after: row,
        });
        return row;
      });
    },

    async update(actor: Actor, id: number, expectedVersion: number, input: BoardInput) {
      requireAdmin(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        const pid = partnershipOf(actor);
        await validateParent(tx, actor, id, input.parentBoardId);
        const { before, after } = unwrapUpdate(
          await updateVersioned(tx, boards, { partnershipId: pid, id, expectedVersion }, normalise(input)),
          "That board",
        );
        audit({
          partnershipId: pid,
          action: "board.update",
          entityType: "board",
          entityId: id,
          before,
          after,
        });
        return after;
      });
    },
  };
}

export type BoardService = ReturnType<typeof createBoardService>;

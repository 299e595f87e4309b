// The chain of boards: each board's reporting line (its parent) put in reading order, and the boards
// a board may report to without making a loop.

export interface ChainBoard {
  id: number;
  parentBoardId: number | null;
}

export interface ChainRow<B extends ChainBoard> {
  board: B;
  depth: number;
  parent: B | null;
}

/** Boards in reporting order: each top board followed by the boards that report to it, depth first. */
export function boardChain<B extends ChainBoard>(boards: readonly B[]): ChainRow<B>[] {
  const byId = new Map(boards.map((b) => [b.id, b]));
  const children = new Map<number | null, B[]>();
  for (const b of boards) {
    const parent = b.parentBoardId !== null && byId.has(b.parentBoardId) ? b.parentBoardId : null;
    children.set(parent, [...(children.get(parent) ?? []), b]);
  }
  const rows: ChainRow<B>[] = [];
  const seen = new Set<number>();
  const visit = (parentId: number | null, depth: number) => {
    for (const board of children.get(parentId) ?? []) {
      if (seen.has(board.id)) continue;
      seen.add(board.id);
      rows.push({
        board,
        depth,
        parent: board.parentBoardId === null ? null : (byId.get(board.parentBoardId) ?? null),
      });
      visit(board.id, depth + 1);
    }
  };
  visit(null, 0);
  // A cycle the service should never allow would leave boards unvisited; list them rather than hide them.
  for (const board of boards) {
    if (!seen.has(board.id))
      rows.push({ board, depth: 0, parent: byId.get(board.parentBoardId ?? -1) ?? null });
  }
  return rows;
}

/** The boards a board may report to: not itself, nor any board that (indirectly) reports to it. */
export function possibleParents<B extends ChainBoard>(boards: readonly B[], selfId?: number): B[] {
  if (selfId === undefined) return [...boards];
  const below = new Set<number>([selfId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of boards) {
      if (b.parentBoardId !== null && below.has(b.parentBoardId) && !below.has(b.id)) {
        below.add(b.id);
        grew = true;
      }
    }
  }
  return boards.filter((b) => !below.has(b.id));
}

/** Would `boardId` reporting to `parentId` make a loop (a board reporting, indirectly, to itself)? */
export function makesLoop(boards: readonly ChainBoard[], boardId: number | null, parentId: number): boolean {
  const byId = new Map(boards.map((b) => [b.id, b]));
  let cursor: number | null = parentId;
  const seen = new Set<number>();
  while (cursor !== null && !seen.has(cursor)) {
    if (cursor === boardId) return true;
    seen.add(cursor);
    cursor = byId.get(cursor)?.parentBoardId ?? null;
  }
  return false;
}

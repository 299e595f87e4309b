// The regional governance view (issue 15): each partnership's chain of boards (domain/governance/
// board-chain.ts) and whether its Local Partnership Board's seats cover the categories of the
// Domestic Abuse Act 2021 s58(2) (domain/governance/s58.ts), in words. Categories only: nobody's
// name leaves the partnership, so seats are read without their holders.
import { readRegionBoards, readRegionSeatCategories } from "../../data/region/figures-reads.ts";
import type { RegionPartnership } from "../../data/region/sharing.ts";
import type { Executor } from "../../db/database.ts";
import { boardChain } from "../../domain/governance/board-chain.ts";
import { checkS58, needsS58Check } from "../../domain/governance/s58.ts";
import { BOARD_KINDS } from "../../domain/governance/vocabulary.ts";
import { coverageText } from "../../domain/region/figures.ts";

export interface ChainEntry {
  name: string;
  kindLabel: string;
  /** 0 for a board reporting to none, 1 for one reporting to it, and so on. */
  depth: number;
  reportsTo: string | null;
}

export interface BoardCoverage {
  boardName: string;
  covered: boolean;
  /** "Covered" or "Missing: Victims of domestic abuse and …" */
  text: string;
  covers: string[];
  missing: string[];
}

export type PartnershipGovernance =
  | { id: number; name: string; shared: false }
  | {
      id: number;
      name: string;
      shared: true;
      chain: ChainEntry[];
      /** One per Local Partnership Board; empty when the partnership records none. */
      localPartnershipBoards: BoardCoverage[];
    };

export interface RegionGovernance {
  partnerships: PartnershipGovernance[];
}

const kindLabel = (kind: string) => BOARD_KINDS.find((k) => k.value === kind)?.label ?? kind;

/** Every partnership's chain and s58 coverage. Three queries with the sharing read. */
export async function readRegionGovernance(
  db: Executor,
  all: readonly RegionPartnership[],
  sharing: readonly RegionPartnership[],
): Promise<RegionGovernance> {
  const ids = sharing.map((p) => p.id);
  const [boardRows, seatRows] = await Promise.all([
    readRegionBoards(db, ids),
    readRegionSeatCategories(db, ids),
  ]);
  const sharedIds = new Set(ids);
  return {
    partnerships: all.map((p): PartnershipGovernance => {
      if (!sharedIds.has(p.id)) return { id: p.id, name: p.name, shared: false };
      const own = boardRows.filter((b) => b.partnershipId === p.id);
      const chain = boardChain(own).map((r) => ({
        name: r.board.name,
        kindLabel: kindLabel(r.board.kind),
        depth: r.depth,
        reportsTo: r.parent?.name ?? null,
      }));
      const localPartnershipBoards = own
        .filter((b) => needsS58Check(b.kind))
        .map((b) => {
          // checkS58 names seats by title; the region sees categories only, so titles stay behind.
          const check = checkS58(
            seatRows
              .filter((s) => s.partnershipId === p.id && s.boardId === b.id)
              .map((s) => ({ title: "", categories: s.categories })),
          );
          const missing = check.missing.map((m) => m.label);
          return {
            boardName: b.name,
            covered: check.complete,
            text: coverageText(missing),
            covers: check.filled.map((f) => f.label),
            missing,
          };
        });
      return { id: p.id, name: p.name, shared: true, chain, localPartnershipBoards };
    }),
  };
}

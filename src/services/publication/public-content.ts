// What the public could see of a partnership (issue 17): every candidate item, each with the exact
// content the public pages and open data show and its hash. Approvals are checked against that hash
// (domain/public-site.ts), so an item changed by any path after its approval drops out until it is
// approved again. Key statistics are read in "published" mode (indicator-reads.ts, the same builder as
// the preview page and public API tokens): suppression, primary and secondary, is always applied.
import * as publication from "../../data/publication.ts";
import { listCommitments, listPriorities, listStrategies } from "../../data/strategies.ts";
import type { Db } from "../../db/database.ts";
import { DECISION_STATUSES } from "../../domain/governance/vocabulary.ts";
import {
  contentHash,
  isApproved,
  type PublicItemKind,
  type PublicSection,
  SECTION_HASH,
} from "../../domain/public-site.ts";
import { type Rating, ratingLabel } from "../../domain/rag.ts";
import { systemActor } from "../actor.ts";
import { loadIndicatorViews } from "../indicator-reads.ts";
import type { RatingService } from "../rating-service.ts";

export interface Item<T> {
  kind: PublicItemKind;
  id: number;
  content: T;
  hash: string;
}

export interface CommitmentContent {
  number: string;
  text: string;
  priority: string | null;
  rating: Rating | null;
  ratingText: string;
}
export interface SummaryContent {
  commitmentNumber: string;
  year: string;
  text: string;
}
export interface IndicatorContent {
  name: string;
  definition: string;
  unit: string;
  figures: { period: string; area: string; value: string }[];
}
export interface PackContent {
  title: string;
  board: string;
  meetsOn: string;
  version: number;
  asAt: string;
  /** The stored page of the pack as published to members; hashed with the rest. */
  html: string;
}
export interface DecisionContent {
  reference: string;
  board: string;
  decidedOn: string;
  decision: string;
  reasons: string;
  decisionMaker: string;
  status: string;
}

export interface PublicContent {
  partnership: { id: number; slug: string; name: string; areaName: string; enabled: boolean };
  strategy: { title: string; period: string; vision: string; itemLabel: string } | null;
  commitments: Item<CommitmentContent>[];
  summaries: Item<SummaryContent>[];
  indicators: Item<IndicatorContent>[];
  packs: Item<PackContent>[];
  decisions: Item<DecisionContent>[];
}

const item = <T>(kind: PublicItemKind, id: number, content: T): Item<T> => ({
  kind,
  id,
  content,
  hash: contentHash(content),
});

const yearLabel = (start: number) => `${start}/${String((start + 1) % 100).padStart(2, "0")}`;

/** Every candidate item of the partnership (the latest strategy's). A fixed number of queries. */
export async function readCandidates(
  db: Db,
  ratings: RatingService,
  partnership: PublicContent["partnership"],
): Promise<PublicContent> {
  const pid = partnership.id;
  const strategies = await listStrategies(db, pid);
  const strategy = strategies.at(-1);
  const [priorities, commitmentRows, strategyRatings, summaryRows] = strategy
    ? await Promise.all([
        listPriorities(db, pid, strategy.id),
        listCommitments(db, pid, strategy.id),
        ratings.strategyRatings(systemActor("public site", pid), strategy.id),
        publication.listAllBoardSummaries(db, pid, strategy.id),
      ])
    : [[], [], null, []];
  const [indicatorViews, packRows, decisionRows] = await Promise.all([
    loadIndicatorViews(db, pid, "published"),
    publication.listPacks(db, pid),
    publication.listDecisions(db, pid),
  ]);
  const priorityOf = new Map(priorities.map((p) => [p.id, `${p.number} ${p.title}`]));
  const numberOf = new Map(commitmentRows.map((c) => [c.id, c.number]));
  const statusLabel = new Map<string, string>(DECISION_STATUSES.map((s) => [s.value, s.label]));
  return {
    partnership,
    strategy: strategy
      ? {
          title: strategy.title,
          period: `${strategy.startYear} to ${strategy.endYear}`,
          vision: strategy.vision,
          itemLabel: strategy.itemLabel,
        }
      : null,
    commitments: commitmentRows.map((c) => {
      const rating = strategyRatings?.byCommitment.get(c.id)?.rating ?? null;
      return item("commitment", c.id, {
        number: c.number,
        text: c.text,
        priority: c.priorityId === null ? null : (priorityOf.get(c.priorityId) ?? null),
        rating,
        ratingText: rating ? ratingLabel(rating) : "Not rated",
      });
    }),
    summaries: summaryRows.map((s) =>
      item("summary", s.id, {
        commitmentNumber: numberOf.get(s.commitmentId) ?? "",
        year: yearLabel(s.yearStart),
        text: s.text,
      }),
    ),
    indicators: indicatorViews.map((v) =>
      item("indicator", v.indicator.id, {
        name: v.indicator.name,
        definition: v.indicator.definition,
        unit: v.unitText,
        // Published mode: a suppressed figure is "fewer than 5" or "suppressed", never its number.
        figures: v.observations.map((o) => ({ period: o.period.label, area: o.areaName, value: o.text })),
      }),
    ),
    packs: packRows.map((p) =>
      item("pack", p.id, {
        title: p.title,
        board: p.boardName,
        meetsOn: p.meetsOn,
        version: p.packVersion,
        asAt: p.asAt,
        html: p.html,
      }),
    ),
    decisions: decisionRows.map((d) =>
      item("decision", d.id, {
        reference: d.reference,
        board: d.boardName,
        decidedOn: d.decidedOn,
        decision: d.decision,
        reasons: d.reasons,
        decisionMaker: d.decisionMaker,
        status: statusLabel.get(d.status) ?? d.status,
      }),
    ),
  };
}

export type ApprovalLookup = (
  kind: PublicItemKind | PublicSection,
  id: number,
) => { contentHash: string } | undefined;

export function approvalLookup(rows: readonly publication.ApprovalRow[]): ApprovalLookup {
  const byKey = new Map(rows.map((r) => [`${r.kind}:${r.itemId}`, r]));
  return (kind, id) => byKey.get(`${kind}:${id}`);
}

/** What the public sees: only approved sections, and in them only items approved as they are now. */
export function approvedOnly(content: PublicContent, approval: ApprovalLookup): PublicContent {
  const section = (key: PublicSection) => approval(key, 0)?.contentHash === SECTION_HASH;
  const keep = <T>(on: boolean, items: Item<T>[]) =>
    on ? items.filter((i) => isApproved(approval(i.kind, i.id), i.hash)) : [];
  return {
    ...content,
    strategy: section("strategy") ? content.strategy : null,
    commitments: keep(section("strategy"), content.commitments),
    summaries: keep(section("summaries"), content.summaries),
    indicators: keep(section("statistics"), content.indicators),
    packs: keep(section("governance"), content.packs),
    decisions: keep(section("governance"), content.decisions),
  };
}

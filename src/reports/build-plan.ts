// The action plan table (priority, what, how, who, target) and the update round summary (ratings by
// priority, changes since the previous round, organisations that are late).

import { listActionsWithContext } from "../data/action-plans.ts";
import { listRoundResponses } from "../data/reports.ts";
import { isLate } from "../domain/deadlines.ts";
import { ukDateOf } from "../domain/periods.ts";
import { RATING_LABELS, RATINGS } from "../domain/rag.ts";
import { countProvenance, provenanceHeadline, type RatingProvenance } from "../domain/rating-provenance.ts";
import { ValidationError } from "../services/errors.ts";
import { type BuildContext, documentBase, longDate, plural } from "./build.ts";
import { loadStrategyState } from "./build-strategy.ts";
import {
  type Block,
  type Cell,
  NOT_YET_STARTED,
  type ReportDocument,
  type RowGroup,
  ratingText,
} from "./model.ts";

export async function buildActionPlan(context: BuildContext): Promise<ReportDocument> {
  const { db, partnershipId: pid, plan, strategy } = context;
  if (!plan) {
    throw new ValidationError([
      { field: "actionPlanId", message: `${strategy.title} has no action plan yet` },
    ]);
  }
  const rows = await listActionsWithContext(db, pid, { actionPlanId: plan.id });
  const groups: { heading: string; outcome: string; rows: Cell[][] }[] = [];
  for (const r of rows) {
    const heading = r.priority ? `Priority ${r.priority.number}: ${r.priority.title}` : "";
    let group = groups.at(-1);
    if (!group || group.heading !== heading) {
      group = { heading, outcome: r.priority?.outcome ?? "", rows: [] };
      groups.push(group);
    }
    const target = r.action.dueOn
      ? `${r.action.performanceTarget}\nDue by ${longDate(r.action.dueOn)}`.trim()
      : r.action.performanceTarget;
    group.rows.push([
      { kind: "text", lead: r.commitment.number, text: r.commitment.text },
      { kind: "text", text: r.action.what },
      { kind: "text", text: r.action.how },
      { kind: "list", items: r.leads.map((l) => l.name) },
      { kind: "text", text: target },
    ]);
  }
  const tableGroups: RowGroup[] = groups.map((g) => ({
    heading: g.heading || null,
    description: g.outcome ? `Outcome: ${g.outcome}` : null,
    flat: [g.heading, g.outcome],
    rows: g.rows,
  }));
  return {
    ...documentBase(context, "action-plan", `Action plan ${plan.name}: ${strategy.title}`),
    fileStem: `${context.partnership.slug}-action-plan-${plan.name.replace(/[^A-Za-z0-9]+/g, "-")}-${context.asAt}`,
    intro: [
      {
        kind: "paragraph",
        text:
          `The actions partners agreed for ${plan.name} (${longDate(plan.startsOn)} to ${longDate(plan.endsOn)}) ` +
          `towards ${strategy.title}: what we will do, how we will do it, who will lead and the ` +
          `performance target. ${plural(rows.length, "action")}.`,
      },
    ],
    sections: [
      {
        id: "actions",
        heading: "Actions by priority",
        blocks: [
          {
            kind: "table",
            table: {
              caption: `Action plan ${plan.name}`,
              sheetName: "Action plan",
              columns: [
                { header: "Priority", flatHeader: strategy.itemLabel, width: 20 },
                { header: "What we will do", width: 22 },
                { header: "How we will do it", width: 24 },
                { header: "Who will lead", width: 14 },
                { header: "Performance target", width: 20 },
              ],
              groupColumns: ["Priority", "Outcome"],
              groups: tableGroups,
              landscape: true,
              emptyText: "This action plan has no actions yet.",
            },
          },
        ],
      },
    ],
  };
}

export async function buildRoundSummary(context: BuildContext): Promise<ReportDocument> {
  const state = await loadStrategyState(context);
  const round = state.cutoff;
  if (!round) {
    throw new ValidationError([
      { field: "roundId", message: `No update round had been opened by ${longDate(context.asAt)}` },
    ]);
  }
  const before = context.before;
  const plan = context.plans.find((p) => p.id === round.actionPlanId);
  const responses = await listRoundResponses(context.db, context.partnershipId, round.id);
  const answered = (r: (typeof responses)[number]) =>
    (r.acceptedAt !== null && r.acceptedAt < before) ||
    (r.submittedAt !== null &&
      r.submittedAt < before &&
      !(r.status === "returned" && r.reviewedAt !== null && r.reviewedAt < before));
  const submittedLate = (r: (typeof responses)[number]) =>
    r.submittedAt !== null && r.submittedAt < before && ukDateOf(r.submittedAt) > round.deadline;

  // Per action (an action led by two organisations is one update).
  const byAction = new Map(responses.map((r) => [r.actionId, r]));
  const actionsAsked = byAction.size;
  const accepted = [...byAction.values()].filter(
    (r) => r.acceptedAt !== null && r.acceptedAt < before,
  ).length;
  const waiting = [...byAction.values()].filter(answered).length - accepted;
  const outstanding = actionsAsked - accepted - waiting;

  // 1. Ratings by priority.
  const item = context.strategy.itemLabel.toLowerCase();
  const countRows: Cell[][] = [];
  const totals = new Map<string, number>();
  const labels = [...RATINGS.map((r) => RATING_LABELS[r]), NOT_YET_STARTED];
  const provenances: RatingProvenance[] = [];
  /** "1.3 Amber — from Q4 2024/25; no update since": the ratings this round did not give. */
  const carried: string[] = [];
  for (const g of state.groups) {
    const counts = new Map<string, number>();
    for (const c of g.commitments) {
      const at = state.timeline.ratingAt(c.id, round);
      provenances.push(at.provenance);
      if (at.rating.provenance) carried.push(`${c.number} ${ratingText(at.rating)}`);
      const label = at.rating.label;
      counts.set(label, (counts.get(label) ?? 0) + 1);
      totals.set(label, (totals.get(label) ?? 0) + 1);
    }
    countRows.push([
      { kind: "text", text: g.heading || `All ${item}s` },
      ...labels.map((l): Cell => ({ kind: "number", value: counts.get(l) ?? 0 })),
      { kind: "number", value: g.commitments.length },
    ]);
  }
  if (state.groups.length > 1) {
    countRows.push([
      { kind: "text", text: "All priorities" },
      ...labels.map((l): Cell => ({ kind: "number", value: totals.get(l) ?? 0 })),
      { kind: "number", value: state.commitments.length },
    ]);
  }

  // 2. Changes since the previous round.
  const previous = state.timeline.previous(round);
  const changes: Cell[][] = [];
  if (previous) {
    for (const g of state.groups) {
      for (const c of g.commitments) {
        const now = state.timeline.ratingAt(c.id, round).rating;
        const was = state.timeline.ratingAt(c.id, previous).rating;
        if (now.label !== was.label) {
          changes.push([
            { kind: "text", lead: c.number, text: c.text },
            { kind: "rating", rating: was },
            { kind: "rating", rating: now },
          ]);
        }
      }
    }
  }

  // 3. Organisations that are late.
  const pastDeadline = isLate(
    null,
    { deadline: round.deadline, graceDays: round.graceDays, reopened: false, closed: false },
    context.asAt,
  );
  const late = new Map<number, { name: string; missing: number; lateSubmitted: number }>();
  for (const r of responses) {
    if (r.organisationId === null || r.organisationName === null) continue;
    const entry = late.get(r.organisationId) ?? { name: r.organisationName, missing: 0, lateSubmitted: 0 };
    if (!answered(r)) entry.missing += 1;
    else if (submittedLate(r)) entry.lateSubmitted += 1;
    late.set(r.organisationId, entry);
  }
  const lateRows: Cell[][] = [...late.values()]
    .filter((o) => o.missing > 0 || o.lateSubmitted > 0)
    .sort(
      (a, b) => b.missing - a.missing || b.lateSubmitted - a.lateSubmitted || a.name.localeCompare(b.name),
    )
    .map((o) => [
      { kind: "text", text: o.name },
      { kind: "number", value: o.missing },
      { kind: "number", value: o.lateSubmitted },
    ]);

  const single = (rows: Cell[][]): RowGroup[] =>
    rows.length === 0 ? [] : [{ heading: null, description: null, flat: [], rows }];
  const deadlineWord = context.asAt > round.deadline ? "was" : "is";
  const intro: Block[] = [
    {
      kind: "paragraph",
      text:
        `The ${round.name} update round asked for ${plural(actionsAsked, "update")} on the actions of the ` +
        `${plan?.name ?? ""} action plan, for ${longDate(round.periodStart)} to ${longDate(round.periodEnd)}. ` +
        `The deadline ${deadlineWord} ${longDate(round.deadline)}.`,
    },
    {
      kind: "paragraph",
      text:
        `By the end of ${longDate(context.asAt)}: ${accepted} accepted, ${waiting} awaiting review and ` +
        `${outstanding} not yet submitted.`,
    },
  ];
  const headline = provenanceHeadline(round.name, countProvenance(provenances));
  if (headline !== null && state.commitments.length > 0)
    intro.push({ kind: "paragraph", lead: "Ratings this round.", text: `${headline}.` });
  const carriedBlocks: Block[] =
    carried.length === 0
      ? []
      : [
          {
            kind: "paragraph",
            text: `Carried from earlier rounds (nothing in ${round.name} rated them, so they keep the rating last given):`,
          },
          { kind: "bullets", items: carried },
        ];
  const lateBlocks: Block[] = pastDeadline
    ? [
        {
          kind: "table",
          table: {
            caption: `Organisations late with their ${round.name} updates`,
            sheetName: "Late organisations",
            columns: [
              { header: "Organisation", width: 50 },
              { header: "Updates not submitted", width: 25 },
              { header: "Updates submitted after the deadline", width: 25 },
            ],
            groupColumns: [],
            groups: single(lateRows),
            landscape: false,
            emptyText: "Every organisation submitted its updates by the deadline.",
          },
        },
      ]
    : [
        {
          kind: "paragraph",
          text: `The deadline is ${longDate(round.deadline)}: no organisation is late yet.`,
        },
      ];
  return {
    ...documentBase(context, "round-summary", `Update round summary: ${round.name}`),
    fileStem: `${context.partnership.slug}-round-summary-${round.name.replace(/[^A-Za-z0-9]+/g, "-")}-${context.asAt}`,
    intro,
    sections: [
      {
        id: "ratings",
        heading: "Ratings by priority",
        blocks: [
          {
            kind: "table",
            table: {
              caption: `How many ${item}s have each rating, by priority, in ${round.name}`,
              sheetName: "Ratings by priority",
              columns: [
                { header: "Priority", width: 20 },
                ...labels.map((l) => ({ header: l, width: 12 })),
                { header: "Total", width: 8 },
              ],
              groupColumns: [],
              groups: single(countRows),
              landscape: false,
              emptyText: `This strategy has no ${item}s yet.`,
            },
          },
          ...carriedBlocks,
        ],
      },
      {
        id: "changes",
        heading: previous ? `Changes since ${previous.name}` : "Changes since the previous round",
        blocks: previous
          ? [
              {
                kind: "table",
                table: {
                  caption: `${context.strategy.itemLabel}s whose rating changed since ${previous.name}`,
                  sheetName: "Changes",
                  columns: [
                    { header: context.strategy.itemLabel, width: 60 },
                    { header: previous.name, flatHeader: `Rating in ${previous.name}`, width: 20 },
                    { header: round.name, flatHeader: `Rating in ${round.name}`, width: 20 },
                  ],
                  groupColumns: [],
                  groups: single(changes),
                  landscape: false,
                  emptyText: `No rating has changed since ${previous.name}.`,
                },
              },
            ]
          : [
              {
                kind: "paragraph",
                text: "This is the first update round, so there is nothing to compare with.",
              },
            ],
      },
      { id: "late", heading: "Organisations that are late", blocks: lateBlocks },
    ],
  };
}

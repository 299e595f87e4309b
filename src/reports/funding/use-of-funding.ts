// The "Use of funding" report for one financial year: per funding stream what it holds (the sum of
// its contributions, shown with its parts), what is allocated, spent, remaining and forecast, with the
// variance; then each allocation, and the same totals by commitment and by lead organisation. One
// model (reports/model.ts) drawn as page, Word, Excel and CSV by the shared renderers.
//
// Who sees what (issue 14): the coordinator every allocation; a partner's editor the totals and the
// allocations their organisation leads; viewers and API tokens the totals only.
import type { FundingYear } from "../../data/funding/report-reads.ts";
import {
  formatPounds,
  formatVarianceAmount,
  formatVariancePercent,
  partsSentence,
  sumPence,
} from "../../domain/funding/money.ts";
import { FUNDING_KINDS, labelOf } from "../../domain/funding/vocabulary.ts";
import {
  financialYear,
  formatFinancialYear,
  formatQuarter,
  type IsoDate,
  type QuarterNumber,
} from "../../domain/periods.ts";
import { longDate, plural } from "../build.ts";
import type { Block, Cell, Column, ReportDocument, ReportSection, ReportTable, RowGroup } from "../model.ts";
import {
  type AllocationFigures,
  allocationFigures,
  byCommitment,
  byOrganisation,
  type GroupFigures,
  type Measures,
  type StreamFigures,
  streamFigures,
  sumMeasures,
  targetText,
} from "./figures.ts";

/** Whose allocations a reader sees line by line. */
export type AllocationScope =
  | { kind: "all" }
  | { kind: "organisation"; organisationId: number }
  | { kind: "totals" };

export interface UseOfFundingInput {
  partnership: { slug: string; name: string };
  data: FundingYear;
  today: IsoDate;
  scope: AllocationScope;
  /** CSV carries one table: the allocations (or, for totals only, the streams) come first. */
  mainTable?: "allocations" | "streams";
}

const money = (pence: number): Cell => ({ kind: "money", pence });
const signed = (pence: number): Cell => ({ kind: "money", pence, signed: true });
const text = (value: string, lead?: string): Cell =>
  lead ? { kind: "text", text: value, lead } : { kind: "text", text: value };

/** The measure columns every table ends with. */
const MEASURE_COLUMNS: Column[] = [
  { header: "Allocated", width: 9 },
  { header: "Spent to date", width: 9 },
  { header: "Remaining", width: 9 },
  { header: "Forecast outturn", width: 9 },
  { header: "Variance", width: 9 },
  { header: "Variance %", width: 7 },
];

function measureCells(m: Measures): Cell[] {
  return [
    money(m.allocatedPence),
    money(m.spentPence),
    money(m.remainingPence),
    money(m.forecastPence),
    signed(m.variance.amountPence),
    text(formatVariancePercent(m.variance)),
  ];
}

function table(
  caption: string,
  sheetName: string,
  columns: Column[],
  groups: RowGroup[],
  emptyText: string,
  groupColumns: string[] = [],
): ReportTable {
  return { caption, sheetName, columns, groupColumns, groups, landscape: true, dense: true, emptyText };
}

function quarterLabel(yearStart: number, quarter: number | null): string {
  return quarter === null
    ? "No return yet"
    : formatQuarter({ startYear: yearStart, quarter: quarter as QuarterNumber });
}

function streamsTable(
  streams: StreamFigures[],
  total: Measures & { held: number; unallocated: number },
): ReportTable {
  const rows = streams.map((s) => [
    text(
      `${s.stream.name}\n${labelOf(FUNDING_KINDS, s.stream.kind)} from ${s.stream.funder || "an unnamed funder"}`,
    ),
    money(s.heldPence),
    text(s.contributions.length > 1 ? partsSentence(s.contributions.map((c) => c.amountPence)) : ""),
    money(s.unallocatedPence),
    ...measureCells(s),
  ]);
  if (streams.length > 1)
    rows.push([
      text("All streams"),
      money(total.held),
      text(""),
      money(total.unallocated),
      ...measureCells(total),
    ]);
  return table(
    "Funding streams: held, allocated, spent, remaining and forecast",
    "Funding streams",
    [
      { header: "Funding stream", width: 18 },
      { header: "Held", width: 9 },
      { header: "Made up of", width: 12 },
      { header: "Not yet allocated", width: 9 },
      ...MEASURE_COLUMNS,
    ],
    [{ heading: null, description: null, flat: [], rows }],
    "No funding stream covers this financial year.",
  );
}

function allocationRow(a: AllocationFigures, yearStart: number): Cell[] {
  const r = a.row;
  const latest = quarterLabel(yearStart, a.latestQuarter);
  const note = a.explanation
    ? `${latest}. ${a.explanation}`
    : a.needsExplanation
      ? `${latest}. The variance passes the threshold and has no explanation yet.`
      : latest;
  return [
    text(targetText(r)),
    text(r.commitmentNumber ?? ""),
    {
      kind: "list",
      items: r.leads.length > 0 ? r.leads.map((l) => l.name) : r.providerName ? [r.providerName] : [],
    },
    ...measureCells(a),
    text(note),
  ];
}

function allocationsTable(
  streams: StreamFigures[],
  visible: (a: AllocationFigures) => boolean,
  yearStart: number,
) {
  return table(
    "Allocations and their spend",
    "Allocations",
    [
      { header: "Pays for", width: 20 },
      { header: "Commitment", width: 6 },
      { header: "Lead", width: 11 },
      ...MEASURE_COLUMNS,
      { header: "Latest return and explanation", width: 16 },
    ],
    streams
      .map((s) => ({
        heading: s.stream.name,
        description: `${formatPounds(s.heldPence)} held; ${formatPounds(s.allocatedPence)} allocated.`,
        flat: [s.stream.name],
        rows: s.allocations.filter(visible).map((a) => allocationRow(a, yearStart)),
      }))
      .filter((g) => g.rows.length > 0),
    "No allocations to show.",
    ["Funding stream"],
  );
}

function groupTable(caption: string, sheetName: string, header: string, groups: GroupFigures[]): ReportTable {
  return table(
    caption,
    sheetName,
    [{ header, width: 28 }, { header: "Allocations", width: 7 }, ...MEASURE_COLUMNS],
    [
      {
        heading: null,
        description: null,
        flat: [],
        rows: groups.map((g) => [
          text(g.label, g.lead),
          { kind: "number", value: g.count },
          ...measureCells(g),
        ]),
      },
    ],
    "No allocations this financial year.",
  );
}

function contributionsTable(streams: StreamFigures[]): ReportTable {
  return table(
    "Contributions to each stream, and whether they have been received",
    "Contributions",
    [
      { header: "Contributor", width: 40 },
      { header: "Amount", width: 15 },
      { header: "Received", width: 25 },
    ],
    streams
      .filter((s) => s.contributions.length > 0)
      .map((s) => ({
        heading: s.stream.name,
        description: partsSentence(s.contributions.map((c) => c.amountPence)),
        flat: [s.stream.name],
        rows: s.contributions.map((c) => [
          text(c.contributor),
          money(c.amountPence),
          text(
            c.received
              ? c.receivedOn
                ? `Received ${longDate(c.receivedOn)}`
                : "Received"
              : "Not yet received",
          ),
        ]),
      })),
    "No contributions recorded for this financial year.",
    ["Funding stream"],
  );
}

function conditionBlocks(streams: StreamFigures[]): Block[] {
  return streams.flatMap((s): Block[] => {
    const items = [
      s.stream.conditions ? `Conditions: ${s.stream.conditions}` : "",
      s.stream.reportingRequirements ? `Reporting: ${s.stream.reportingRequirements}` : "",
      s.stream.decisionReference ? `Decision: ${s.stream.decisionReference}` : "",
    ].filter(Boolean);
    return items.length > 0
      ? [
          { kind: "paragraph", text: "", lead: s.stream.name },
          { kind: "bullets", items },
        ]
      : [];
  });
}

export function useOfFundingDocument(input: UseOfFundingInput): ReportDocument {
  const { data, scope } = input;
  const fy = formatFinancialYear(financialYear(data.yearStart));
  const all = data.allocations.map((row) => allocationFigures(row, data.threshold));
  const streams = streamFigures(data.streams, data.contributions, all);
  const totals = sumMeasures(all);
  const held = sumPence(streams.map((s) => s.heldPence));
  const total = { ...totals, held, unallocated: sumPence([held, -totals.allocatedPence]) };
  const visible = (a: AllocationFigures) =>
    scope.kind === "all" ||
    (scope.kind === "organisation" && a.row.leads.some((l) => l.id === scope.organisationId));
  const flagged = all.filter((a) => a.needsExplanation);
  const unexplained = flagged.filter((a) => !a.explanation);
  const withoutReturn = all.filter((a) => a.latestQuarter === null);
  const lastQuarter = Math.max(0, ...all.map((a) => a.latestQuarter ?? 0));

  const intro: Block[] = [
    {
      kind: "paragraph",
      text:
        `Financial year ${fy}: ${formatPounds(held)} held across ${plural(streams.length, "funding stream")}, ` +
        `${formatPounds(totals.allocatedPence)} allocated, ${formatPounds(totals.spentPence)} spent to date` +
        (lastQuarter > 0 ? ` (returns up to ${quarterLabel(data.yearStart, lastQuarter)})` : "") +
        `. Forecast outturn ${formatPounds(totals.forecastPence)}: a variance of ` +
        `${formatVarianceAmount(totals.variance)} (${formatVariancePercent(totals.variance) || "no budget"}).`,
    },
    {
      kind: "paragraph",
      text:
        `Spend returns are year to date: each allocation's latest return gives its spend and forecast. ` +
        `A variance of ${data.threshold.percent}% of the budget` +
        (data.threshold.pence === null ? "" : ` or ${formatPounds(data.threshold.pence)}`) +
        ` or more needs an explanation: ${plural(flagged.length, "allocation")} ` +
        (flagged.length === 1 ? "passes" : "pass") +
        (flagged.length === 0
          ? "."
          : unexplained.length === 0
            ? ", all explained."
            : `, ${unexplained.length} not yet explained.`) +
        (withoutReturn.length > 0
          ? ` ${plural(withoutReturn.length, "allocation")} ${withoutReturn.length === 1 ? "has" : "have"} no return this year yet; ` +
            "each is counted as nothing spent and forecast on budget."
          : ""),
    },
  ];
  if (scope.kind !== "all")
    intro.push({
      kind: "paragraph",
      text:
        scope.kind === "organisation"
          ? "Totals cover every allocation; the allocations listed are those your organisation leads."
          : "This report shows totals. The coordinator and lead organisations see each allocation.",
    });

  const streamSection: ReportSection = {
    id: "funding-streams",
    heading: "Funding streams",
    blocks: [{ kind: "table", table: streamsTable(streams, total) }],
  };
  const allocationSection: ReportSection | null =
    scope.kind === "totals"
      ? null
      : {
          id: "allocations",
          heading: "Allocations and spend",
          blocks: [{ kind: "table", table: allocationsTable(streams, visible, data.yearStart) }],
        };
  const sections: ReportSection[] = [
    streamSection,
    ...(allocationSection ? [allocationSection] : []),
    {
      id: "by-commitment",
      heading: "By commitment",
      blocks: [
        {
          kind: "table",
          table: groupTable("Allocations by commitment", "By commitment", "Commitment", byCommitment(all)),
        },
      ],
    },
    {
      id: "by-organisation",
      heading: "By lead organisation",
      blocks: [
        {
          kind: "paragraph",
          text: "An allocation to an action that several organisations lead is counted once, under all their names.",
        },
        {
          kind: "table",
          table: groupTable(
            "Allocations by lead organisation",
            "By organisation",
            "Lead organisation",
            byOrganisation(all),
          ),
        },
      ],
    },
    {
      id: "contributions",
      heading: "Contributions",
      blocks: [{ kind: "table", table: contributionsTable(streams) }],
    },
  ];
  const conditions = conditionBlocks(streams);
  if (conditions.length > 0)
    sections.push({ id: "conditions", heading: "Conditions and reporting requirements", blocks: conditions });
  if (input.mainTable === "allocations" && allocationSection) {
    sections.splice(sections.indexOf(allocationSection), 1);
    sections.unshift(allocationSection);
  }
  return {
    kind: "use-of-funding",
    title: `Use of funding ${fy}`,
    partnershipName: input.partnership.name,
    asAt: input.today,
    asAtLabel: `As at ${longDate(input.today)}`,
    fileStem: `${input.partnership.slug}-use-of-funding-${data.yearStart}-${input.today}`,
    intro,
    sections,
  };
}

// The regional report's spend and governance sections (issue 15), drawn from what
// services.regionFigures already read for its own pages: no second copy of those queries.

import type { RegionGovernance } from "../../services/region/figures-governance.ts";
import type { PerTenThousand, SpendAmounts, SpendAndCapacity } from "../../services/region/figures-spend.ts";
import { longDate } from "../build.ts";
import type { Block, Cell, ReportSection, ReportTable } from "../model.ts";

const t = (text: string): Cell => ({ kind: "text", text });
const money = (pence: number): Cell => ({ kind: "money", pence });

/** A flat table of one group: the region's tables have no headings inside them. */
function flatTable(
  caption: string,
  sheetName: string,
  columns: { header: string; width: number }[],
  rows: Cell[][],
  emptyText: string,
): ReportTable {
  return {
    caption,
    sheetName,
    columns,
    groupColumns: [],
    groups: [{ heading: null, description: null, flat: [], rows }],
    landscape: false,
    emptyText,
  };
}

const perPopulation = (amounts: PerTenThousand): Cell =>
  amounts === null ? t("No population given") : money(amounts.allocatedPence);

export function spendSection(spend: SpendAndCapacity): ReportSection {
  const notSharing = spend.partnerships.filter((p) => !p.shared).map((p) => p.name);
  const latest = spend.region[0];
  const amountColumns = [
    { header: "Allocated", width: 19 },
    { header: "Spent to date", width: 19 },
    { header: "Forecast outturn", width: 19 },
    { header: "Allocated per 10,000 people", width: 19 },
  ];
  const amounts = (a: SpendAmounts, per: PerTenThousand): Cell[] => [
    money(a.allocatedPence),
    money(a.spentPence),
    money(a.forecastPence),
    perPopulation(per),
  ];
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text:
        notSharing.length > 0
          ? `Totals of the partnerships that share their funding; not shared with the region, so not included: ${notSharing.join(", ")}. Spend to date and forecast are each allocation's latest quarterly return of its year.`
          : "Totals of every partnership of the region. Spend to date and forecast are each allocation's latest quarterly return of its year.",
    },
    {
      kind: "table",
      table: flatTable(
        "The region's allocations, spend and forecast by financial year",
        "Spend",
        [{ header: "Year", width: 24 }, ...amountColumns],
        spend.region.map((y) => [t(y.yearLabel), ...amounts(y, y.perTenThousand)]),
        "No partnership of the region shares funding figures.",
      ),
    },
  ];
  if (latest) {
    blocks.push(
      {
        kind: "paragraph",
        lead: `${latest.yearLabel} by kind of service.`,
        text:
          latest.populationPartnerships > 0
            ? `Per 10,000 people over the ${latest.populationPartnerships === 1 ? "partnership" : `${latest.populationPartnerships} partnerships`} that gave a population (${latest.population.toLocaleString("en-GB")} people).`
            : "No partnership that shares its funding gave a population.",
      },
      {
        kind: "table",
        table: flatTable(
          `The region's ${latest.yearLabel} allocations by kind of service`,
          "Spend by service",
          [{ header: "Kind of service", width: 24 }, ...amountColumns],
          latest.byServiceType.map((l) => [t(l.label), ...amounts(l, l.perTenThousand)]),
          "No allocations this year.",
        ),
      },
      {
        kind: "table",
        table: flatTable(
          `The region's ${latest.yearLabel} allocations by funder`,
          "Spend by funder",
          [{ header: "Funder", width: 24 }, ...amountColumns],
          latest.byFunder.map((l) => [t(l.label), ...amounts(l, l.perTenThousand)]),
          "No allocations this year.",
        ),
      },
      {
        kind: "table",
        table: flatTable(
          `Each partnership's ${latest.yearLabel} allocations`,
          "Spend by partnership",
          [{ header: "Partnership", width: 24 }, { header: "Population", width: 19 }, ...amountColumns],
          spend.partnerships.flatMap((p): Cell[][] => {
            if (!p.shared) return [];
            const year = p.years.find((y) => y.yearStart === latest.yearStart);
            const population =
              p.population === null
                ? t("Not given")
                : t(
                    `${p.population.toLocaleString("en-GB")}${p.populationSource ? ` (${p.populationSource})` : ""}`,
                  );
            return [
              year
                ? [t(p.name), population, ...amounts(year, year.perTenThousand)]
                : [t(p.name), population, t("No allocations"), t(""), t(""), t("")],
            ];
          }),
          "No partnership of the region shares funding figures.",
        ),
      },
    );
  }
  blocks.push(
    {
      kind: "paragraph",
      lead: "Contracts ending.",
      text: `${spend.contractsEnding.length} ${spend.contractsEnding.length === 1 ? "contract ends" : "contracts end"} between ${longDate(spend.asAt)} and ${longDate(spend.windowEnd)}.`,
    },
    {
      kind: "table",
      table: flatTable(
        "Contracts of the region's partnerships ending in the next 18 months",
        "Contracts ending",
        [
          { header: "Partnership", width: 20 },
          { header: "Service", width: 24 },
          { header: "Kind of service", width: 18 },
          { header: "Ends", width: 14 },
          { header: "Can run to", width: 12 },
          { header: "Annual value", width: 12 },
        ],
        spend.contractsEnding.map((c) => [
          t(c.partnershipName),
          t(c.provider ? `${c.service} (${c.provider})` : c.service),
          t(c.serviceTypeLabel),
          t(longDate(c.endsOn)),
          t(c.latestEndOn ? longDate(c.latestEndOn) : "No extension"),
          c.annualValuePence === null ? t("Not given") : money(c.annualValuePence),
        ]),
        "No contract of a partnership that shares its funding ends in this time.",
      ),
    },
  );
  return { id: "spend", heading: "Spend and capacity", blocks };
}

export function governanceSection(governance: RegionGovernance): ReportSection {
  return {
    id: "governance",
    heading: "Governance",
    blocks: [
      {
        kind: "paragraph",
        text: "Each partnership's boards in reporting order (a dash for each level below the top), and whether the membership of its Local Partnership Board covers the categories the Domestic Abuse Act 2021 (section 58(2)) asks for.",
      },
      {
        kind: "table",
        table: {
          caption: "Each partnership's chain of boards and its Local Partnership Board's coverage",
          sheetName: "Governance",
          columns: [
            { header: "Partnership", width: 25 },
            { header: "Boards", width: 40 },
            { header: "Local Partnership Board", width: 35 },
          ],
          groupColumns: [],
          groups: [
            {
              heading: null,
              description: null,
              flat: [],
              rows: governance.partnerships.map((p): Cell[] =>
                p.shared
                  ? [
                      t(p.name),
                      { kind: "list", items: p.chain.map((b) => `${"– ".repeat(b.depth)}${b.name}`) },
                      {
                        kind: "list",
                        items:
                          p.localPartnershipBoards.length > 0
                            ? p.localPartnershipBoards.map((b) => `${b.boardName}: ${b.text}`)
                            : ["None recorded"],
                      },
                    ]
                  : [t(p.name), t("Not shared with the region"), t("Not shared with the region")],
              ),
            },
          ],
          landscape: false,
          emptyText: "No partnership belongs to the region yet.",
        },
      },
    ],
  };
}

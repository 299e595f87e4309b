// The regional report's spend and governance sections (issue 15), drawn from what
// services.regionFigures already read for its own pages: no second copy of those queries.

import type { RegionGovernance } from "../../services/region/figures-governance.ts";
import type { SpendAndCapacity } from "../../services/region/figures-spend.ts";
import type { Cell, ReportSection } from "../model.ts";

const t = (text: string): Cell => ({ kind: "text", text });
const money = (pence: number): Cell => ({ kind: "money", pence });

export function spendSection(spend: SpendAndCapacity): ReportSection {
  const notSharing = spend.partnerships.filter((p) => !p.shared).map((p) => p.name);
  return {
    id: "spend",
    heading: "Spend and capacity",
    blocks: [
      {
        kind: "paragraph",
        text:
          notSharing.length > 0
            ? `Totals of the partnerships that share their funding; not included: ${notSharing.join(", ")}.`
            : "Totals of every partnership of the region.",
      },
      {
        kind: "table",
        table: {
          caption: "The region's allocations, spend and forecast by financial year",
          sheetName: "Spend",
          columns: [
            { header: "Year", width: 16 },
            { header: "Allocated", width: 28 },
            { header: "Spent to date", width: 28 },
            { header: "Forecast outturn", width: 28 },
          ],
          groupColumns: [],
          groups: [
            {
              heading: null,
              description: null,
              flat: [],
              rows: spend.region.map((y) => [
                t(y.yearLabel),
                money(y.allocatedPence),
                money(y.spentPence),
                money(y.forecastPence),
              ]),
            },
          ],
          landscape: false,
          emptyText: "No partnership of the region shares funding figures.",
        },
      },
      {
        kind: "paragraph",
        text: `${spend.contractsEnding.length} ${spend.contractsEnding.length === 1 ? "contract ends" : "contracts end"} in the 18 months after this date.`,
      },
    ],
  };
}

export function governanceSection(governance: RegionGovernance): ReportSection {
  return {
    id: "governance",
    heading: "Governance",
    blocks: [
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
                  : [t(p.name), t("Not shared"), t("Not shared")],
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

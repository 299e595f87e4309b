// The board pack's "Funding and spend" section, when the partnership holds funding: the use of
// funding's totals for the financial year of the pack's date (streams held, allocated, spent,
// remaining, forecast, variance — totals only, as every board member may read them) and the
// commissioning dates the board must act on. Like key statistics, money keeps no "as at" history:
// the figures are the latest held, and the section says so.
import { readContracts, readFundingYear, readMilestones } from "../../data/funding/report-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import type { Executor } from "../../db/database.ts";
import { addDays } from "../../domain/calendar-dates.ts";
import { milestoneStatus } from "../../domain/funding/milestones.ts";
import { financialYearOf, type IsoDate } from "../../domain/periods.ts";
import { longDate } from "../build.ts";
import type { Block, ReportSection } from "../model.ts";
import { fromToday } from "./commissioning-timeline.ts";
import { useOfFundingDocument } from "./use-of-funding.ts";

export const FUNDING_SECTION_ID = "funding-and-spend";

export async function buildFundingSection(
  db: Executor,
  partnership: { id: number; name: string },
  asAt: IsoDate,
  today: IsoDate,
): Promise<ReportSection | null> {
  const yearStart = financialYearOf(asAt).startYear;
  const partnershipId = partnership.id;
  const [data, contracts, milestones] = await readTogether(db, [
    () => readFundingYear(db, partnershipId, yearStart),
    () => readContracts(db, partnershipId),
    () => readMilestones(db, partnershipId),
  ] as const);
  if (data.streams.length === 0 && contracts.length === 0) return null;
  const blocks: Block[] = [];
  if (data.streams.length > 0) {
    const doc = useOfFundingDocument({
      partnership: { slug: "", name: partnership.name },
      data,
      today,
      scope: { kind: "totals" },
    });
    const streams = doc.sections.find((s) => s.id === "funding-streams");
    blocks.push(...doc.intro.slice(0, 2), ...(streams?.blocks ?? []));
  }
  // What the board must decide or watch in the next year: ends and extension decisions, late milestones.
  const horizon = addDays(today, 365);
  const dates: string[] = [];
  for (const c of contracts) {
    if (c.extensionDecisionDueOn && c.extensionDecisionDueOn >= today && c.extensionDecisionDueOn <= horizon)
      dates.push(
        `${c.service}: the extension decision is due ${longDate(c.extensionDecisionDueOn)} (${fromToday(c.extensionDecisionDueOn, today)}).`,
      );
    if (c.endsOn && c.endsOn >= today && c.endsOn <= horizon)
      dates.push(
        `${c.service}: the contract ends ${longDate(c.endsOn)}${c.latestEndOn && c.latestEndOn > c.endsOn ? `, or ${longDate(c.latestEndOn)} at the latest with extensions` : ""}.`,
      );
    for (const m of milestones.filter(
      (x) => x.contractId === c.id && milestoneStatus(x, today) === "overdue",
    ))
      dates.push(`${c.service}: "${m.name}" is overdue (planned ${longDate(m.plannedOn ?? today)}).`);
  }
  if (contracts.length > 0) {
    blocks.push({
      kind: "paragraph",
      text: "Commissioning: dates for the board in the next twelve months.",
      lead: "Contracts.",
    });
    blocks.push(dates.length > 0 ? { kind: "bullets", items: dates } : { kind: "paragraph", text: "None." });
  }
  blocks.push({
    kind: "paragraph",
    text:
      `The figures are those held on ${longDate(today)}, whatever the pack's date; the "Use of funding" ` +
      "and commissioning timeline reports give each allocation and milestone.",
  });
  return { id: FUNDING_SECTION_ID, heading: "Funding and spend", blocks };
}

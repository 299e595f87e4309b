// The commissioning timeline report: the contract register (service, provider, stage, value, term,
// latest end and the extension decision) and each contract's procurement milestones with planned and
// actual dates and the status the dates give them (domain/funding/milestones.ts, the rule stated in the report).
import type { ContractRow, MilestoneRow } from "../../data/funding/report-reads.ts";
import { daysBetween } from "../../domain/calendar-dates.ts";
import { MILESTONE_RULE, MILESTONE_STATUS_LABELS, milestoneStatus } from "../../domain/funding/milestones.ts";
import { formatPounds } from "../../domain/funding/money.ts";
import { COMMISSIONING_STAGES, labelOf } from "../../domain/funding/vocabulary.ts";
import type { IsoDate } from "../../domain/periods.ts";
import { longDate, plural } from "../build.ts";
import type { Block, Cell, ReportDocument, ReportSection } from "../model.ts";

export interface TimelineInput {
  partnership: { slug: string; name: string };
  contracts: ContractRow[];
  milestones: MilestoneRow[];
  today: IsoDate;
}

const text = (value: string, lead?: string): Cell =>
  lead ? { kind: "text", text: value, lead } : { kind: "text", text: value };
const date = (iso: string | null) => (iso ? longDate(iso) : "Not set");

/** "in 3 months", "in 12 days", "2 weeks ago": how far a date is from today, roughly. */
export function fromToday(iso: string, today: IsoDate): string {
  const days = daysBetween(today, iso);
  const size = Math.abs(days);
  const span =
    size >= 60
      ? plural(Math.round(size / 30.4), "month")
      : size >= 14
        ? plural(Math.round(size / 7), "week")
        : plural(size, "day");
  if (days === 0) return "today";
  return days > 0 ? `in ${span}` : `${span} ago`;
}

function contractFacts(c: ContractRow, today: IsoDate): string[] {
  const facts = [
    `Provider: ${c.provider || "not yet chosen"}`,
    `Stage: ${labelOf(COMMISSIONING_STAGES, c.stage)}`,
    `Value per year: ${c.annualValuePence === null ? "not set" : formatPounds(c.annualValuePence)}`,
    `Term: ${date(c.startsOn)} to ${date(c.endsOn)}${c.endsOn ? ` (ends ${fromToday(c.endsOn, today)})` : ""}`,
    `Latest possible end with extensions: ${date(c.latestEndOn)}`,
  ];
  if (c.extensionDecisionDueOn)
    facts.push(
      `Extension decision due: ${date(c.extensionDecisionDueOn)} (${fromToday(c.extensionDecisionDueOn, today)})`,
    );
  if (c.fundingStream) facts.push(`Funded from: ${c.fundingStream}`);
  return facts;
}

export function commissioningTimelineDocument(input: TimelineInput): ReportDocument {
  const { today } = input;
  const milestonesOf = (id: number) => input.milestones.filter((m) => m.contractId === id);
  const statuses = input.milestones.map((m) => milestoneStatus(m, today));
  const overdue = statuses.filter((s) => s === "overdue").length;
  const dueSoon = statuses.filter((s) => s === "due-soon").length;
  const register: Block = {
    kind: "table",
    table: {
      caption: "The contract register",
      sheetName: "Contracts",
      columns: [
        { header: "Service", width: 26 },
        { header: "Provider", width: 16 },
        { header: "Stage", width: 8 },
        { header: "Value per year", width: 10 },
        { header: "Ends", width: 12 },
        { header: "Latest end", width: 12 },
        { header: "Extension decision due", width: 16 },
      ],
      groupColumns: [],
      groups: [
        {
          heading: null,
          description: null,
          flat: [],
          rows: input.contracts.map((c) => [
            text(c.service, c.reference || undefined),
            text(c.provider || "Not yet chosen"),
            text(labelOf(COMMISSIONING_STAGES, c.stage)),
            c.annualValuePence === null ? text("") : { kind: "money", pence: c.annualValuePence },
            text(date(c.endsOn)),
            text(date(c.latestEndOn)),
            text(
              c.extensionDecisionDueOn
                ? `${date(c.extensionDecisionDueOn)} (${fromToday(c.extensionDecisionDueOn, today)})`
                : "",
            ),
          ]),
        },
      ],
      landscape: true,
      emptyText: "No contracts are recorded yet.",
    },
  };
  const sections: ReportSection[] = [
    { id: "contracts", heading: "Contracts", blocks: [register] },
    ...input.contracts.map(
      (c): ReportSection => ({
        id: `contract-${c.id}`,
        heading: c.service,
        blocks: [
          { kind: "bullets", items: contractFacts(c, today) },
          ...(c.notes ? [{ kind: "paragraph" as const, text: c.notes }] : []),
          {
            kind: "table",
            table: {
              caption: `${c.service}: procurement milestones`,
              sheetName: `Milestones ${c.id}`,
              columns: [
                { header: "Milestone", width: 34 },
                { header: "Planned", width: 22 },
                { header: "Actual", width: 22 },
                { header: "Status", width: 22 },
              ],
              groupColumns: [],
              groups: [
                {
                  heading: null,
                  description: null,
                  flat: [],
                  rows: milestonesOf(c.id).map((m) => {
                    const status = milestoneStatus(m, today);
                    const when =
                      status === "overdue" || status === "due-soon"
                        ? ` (${fromToday(m.plannedOn ?? today, today)})`
                        : "";
                    return [
                      text(m.name, `${m.position}.`),
                      text(m.plannedOn ? longDate(m.plannedOn) : ""),
                      text(m.actualOn ? longDate(m.actualOn) : ""),
                      text(`${MILESTONE_STATUS_LABELS[status].text}${when}`),
                    ];
                  }),
                },
              ],
              landscape: false,
              emptyText: "No milestones are recorded for this contract.",
            },
          },
        ],
      }),
    ),
    {
      id: "status-rule",
      heading: "How a milestone's status is decided",
      blocks: [{ kind: "bullets", items: [...MILESTONE_RULE] }],
    },
  ];
  return {
    kind: "commissioning-timeline",
    title: "Commissioning timeline",
    partnershipName: input.partnership.name,
    asAt: today,
    asAtLabel: `As at ${longDate(today)}`,
    fileStem: `${input.partnership.slug}-commissioning-timeline-${today}`,
    intro: [
      {
        kind: "paragraph",
        text:
          `${plural(input.contracts.length, "contract")} with ${plural(input.milestones.length, "procurement milestone")}: ` +
          `${overdue} overdue, ${dueSoon} due in the next 30 days.`,
      },
    ],
    sections,
  };
}

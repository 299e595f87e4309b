// Money in two open standards (issue 14), so a partnership's grants and contracts can be read by
// tools made for them: contributions to funding streams as 360Giving grants (Data Standard, JSON
// package, schema 1.x) and the contract register as an OCDS 1.1 release package. Both are checked in
// test/integration/funding-api.test.ts against the standards' JSON schemas (test/fixtures/standards/).
//
// Identifiers: a real publisher registers a 360Giving prefix ("360G-…") and an OCDS ocid prefix
// ("ocds-…"); Waymark has none, so both carry "waymark" and the partnership's slug, unique and stable.
import type { ContractRow, MilestoneRow } from "../../data/funding/report-reads.ts";
import { daysBetween } from "../../domain/calendar-dates.ts";
import { type MilestoneStatus, milestoneStatus } from "../../domain/funding/milestones.ts";
import { decimalPounds } from "../../domain/funding/money.ts";
import {
  financialYear,
  financialYearEnd,
  financialYearStart,
  formatFinancialYear,
} from "../../domain/periods.ts";
import type { TokenActor } from "../../services/actor.ts";
import type { Services } from "../../services/index.ts";

/** An ISO date as the date-time both standards ask for: midnight UTC of that day. */
const dateTime = (iso: string) => `${iso}T00:00:00Z`;
/** The exact decimal of an amount as a JSON number (the text written is the decimal itself). */
const amount = (pence: number) => Number(decimalPounds(pence));
const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

function orgId(slug: string, organisationId: number | null, name: string): string {
  return organisationId === null
    ? `XI-WAYMARK-${slug}-${slugOf(name)}`
    : `XI-WAYMARK-${slug}-org-${organisationId}`;
}

export async function grants360Giving(services: Services, actor: TokenActor, year: number | undefined) {
  const [partnership, { streams, contributions }] = await Promise.all([
    services.fundingReports.partnership(actor),
    services.fundingReports.streams(actor, year),
  ]);
  const slug = partnership.slug;
  const recipient = { id: `XI-WAYMARK-${slug}`, name: partnership.name };
  const grants = contributions.flatMap((c) => {
    const stream = streams.find((s) => s.id === c.streamId);
    if (!stream) return [];
    const fy = financialYear(c.yearStart);
    const fyText = formatFinancialYear(fy);
    return [
      {
        id: `360G-waymark-${slug}-contribution-${c.id}`,
        title: `${stream.name} ${fyText}`,
        description:
          `${c.contributor}'s contribution to ${stream.name} for ${fyText}.` +
          (stream.conditions ? ` Conditions: ${stream.conditions}` : ""),
        currency: "GBP",
        amountAwarded: amount(c.amountPence),
        awardDate: dateTime(stream.awardedOn ?? c.receivedOn ?? financialYearStart(fy)),
        plannedDates: [
          { startDate: dateTime(financialYearStart(fy)), endDate: dateTime(financialYearEnd(fy)) },
        ],
        recipientOrganization: [recipient],
        fundingOrganization: [
          { id: orgId(slug, c.contributorOrganisationId, c.contributor), name: c.contributor },
        ],
        grantProgramme: [{ code: `${slug}-stream-${stream.id}`, title: stream.name }],
        ...(stream.decisionLink ? { dataSource: stream.decisionLink } : {}),
      },
    ];
  });
  return { grants };
}

const OCDS_MILESTONE_STATUS: Record<MilestoneStatus, string | null> = {
  done: "met",
  overdue: "notMet",
  "due-soon": "scheduled",
  planned: "scheduled",
  "not-planned": null,
};

function ocdsMilestones(milestones: MilestoneRow[], today: string) {
  return milestones.map((m) => {
    const status = OCDS_MILESTONE_STATUS[milestoneStatus(m, today)];
    return {
      id: String(m.id),
      title: m.name,
      type: /assessment|engagement|model/i.test(m.name) ? "preProcurement" : "delivery",
      ...(m.plannedOn ? { dueDate: dateTime(m.plannedOn) } : {}),
      ...(m.actualOn ? { dateMet: dateTime(m.actualOn) } : {}),
      ...(status ? { status } : {}),
    };
  });
}

/** The contract's value over its term, from the value per year, in whole months (integer arithmetic). */
function termValue(c: ContractRow): number | null {
  if (c.annualValuePence === null || !c.startsOn || !c.endsOn) return null;
  const months = Math.round(daysBetween(c.startsOn, c.endsOn) / 30.44);
  // Rounded half up to a whole penny, in BigInt: a product of pence and months can pass 2^53.
  return Number((BigInt(c.annualValuePence) * BigInt(months) * 2n + 12n) / 24n);
}

function release(
  c: ContractRow,
  milestones: MilestoneRow[],
  slug: string,
  buyer: { id: string; name: string },
  now: Date,
  today: string,
) {
  const ocid = `ocds-waymark-${slug}-contract-${c.id}`;
  const supplier = c.provider
    ? { id: orgId(slug, c.providerOrganisationId, c.provider), name: c.provider }
    : null;
  const started = c.startsOn !== null && c.startsOn <= today;
  const value = termValue(c);
  const money = value === null ? {} : { value: { amount: amount(value), currency: "GBP" } };
  const period = {
    ...(c.startsOn ? { startDate: dateTime(c.startsOn) } : {}),
    ...(c.endsOn ? { endDate: dateTime(c.endsOn) } : {}),
    ...(c.latestEndOn ? { maxExtentDate: dateTime(c.latestEndOn) } : {}),
  };
  const done = milestones.length > 0 && milestones.every((m) => m.actualOn !== null);
  return {
    ocid,
    id: `${ocid}-v${c.version}`,
    date: now.toISOString(),
    tag: supplier ? ["award", "contract"] : ["planning", "tender"],
    initiationType: "tender",
    language: "en",
    buyer,
    parties: [
      { id: buyer.id, name: buyer.name, roles: ["buyer", "procuringEntity"] },
      ...(supplier ? [{ ...supplier, roles: ["supplier"] }] : []),
    ],
    tender: {
      id: `${ocid}-tender`,
      title: c.service,
      ...(c.notes ? { description: c.notes } : {}),
      status: supplier || done ? "complete" : "planned",
      ...money,
      milestones: ocdsMilestones(milestones, today),
    },
    awards: supplier
      ? [
          {
            id: `${ocid}-award`,
            title: c.service,
            status: "active",
            suppliers: [supplier],
            ...money,
            contractPeriod: period,
          },
        ]
      : [],
    contracts: supplier
      ? [
          {
            id: `${ocid}-contract`,
            awardID: `${ocid}-award`,
            title: c.service,
            status: !started ? "pending" : c.endsOn && c.endsOn < today ? "terminated" : "active",
            ...money,
            period,
          },
        ]
      : [],
  };
}

export async function contractsOcds(
  services: Services,
  actor: TokenActor,
  uri: string,
  now: Date,
  today: string,
) {
  const { partnership, contracts, milestones } = await services.fundingReports.contracts(actor);
  const buyer = { id: `XI-WAYMARK-${partnership.slug}`, name: partnership.name };
  return {
    uri,
    version: "1.1" as const,
    publishedDate: now.toISOString(),
    publisher: { name: partnership.name },
    releases: contracts.map((c) =>
      release(
        c,
        milestones.filter((m) => m.contractId === c.id),
        partnership.slug,
        buyer,
        now,
        today,
      ),
    ),
  };
}

// Money and commissioning (issue 14): funding streams and their contributions, allocations to what
// the money pays for, quarterly spend, the contract register with its procurement milestones, and the
// Domestic Abuse Act Part 4 annual return. Money is whole pence in `bigint` columns read as JS
// integers (exact up to £90 trillion; domain/money.ts checks): no floating point anywhere. Totals are
// computed from their parts, never stored. The words behind text columns are in
// src/domain/funding/vocabulary.ts.
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { actions, commitments, organisations, partnerships, users } from "./schema.ts";

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const version = () => integer().notNull().default(1);
const partnershipId = () =>
  integer()
    .notNull()
    .references(() => partnerships.id);
const pence = () => bigint({ mode: "number" });

/** The partnership's funding settings: when a spend variance needs an explanation. */
export const fundingSettings = pgTable("funding_settings", {
  partnershipId: integer()
    .primaryKey()
    .references(() => partnerships.id),
  /** A variance of at least this share of the budget (whole percent) needs an explanation… */
  varianceThresholdPercent: integer().notNull().default(10),
  /** …or at least this many pence, whichever is reached first (null: percent only). */
  varianceThresholdPence: pence(),
  version: version(),
});

/**
 * A funding stream: who funds it (a partner organisation, or an outside body by name), its kind, the
 * financial years it covers (start years: 2025 for 2025/26), conditions and reporting requirements,
 * and the decision that made it. Its amount is the sum of its contributions.
 */
export const fundingStreams = pgTable(
  "funding_streams",
  {
    id: id(),
    partnershipId: partnershipId(),
    name: text().notNull(),
    /** vocabulary.ts FUNDING_KINDS: grant, partner contribution, core budget, pooled budget. */
    kind: text().notNull(),
    funderOrganisationId: integer().references(() => organisations.id),
    /** An outside body ("Ministry of Housing, Communities and Local Government") when not a partner. */
    funderName: text().notNull().default(""),
    firstYearStart: integer().notNull(),
    lastYearStart: integer().notNull(),
    conditions: text().notNull().default(""),
    reportingRequirements: text().notNull().default(""),
    decisionReference: text().notNull().default(""),
    decisionLink: text().notNull().default(""),
    awardedOn: date({ mode: "string" }),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("funding_streams_partnership").on(t.partnershipId)],
);

/** One contribution to a stream for a financial year: a grant's award, or one body's share of a pot. */
export const fundingContributions = pgTable(
  "funding_contributions",
  {
    id: id(),
    partnershipId: partnershipId(),
    streamId: integer()
      .notNull()
      .references(() => fundingStreams.id),
    contributorOrganisationId: integer().references(() => organisations.id),
    contributorName: text().notNull().default(""),
    yearStart: integer().notNull(),
    amountPence: pence().notNull(),
    received: boolean().notNull().default(false),
    receivedOn: date({ mode: "string" }),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("funding_contributions_stream").on(t.partnershipId, t.streamId, t.yearStart)],
);

/**
 * Part of a stream for one financial year, given to what it pays for: a commitment, an action, a
 * commissioned service (a contract) or a named project. Exactly one target is set.
 */
export const fundingAllocations = pgTable(
  "funding_allocations",
  {
    id: id(),
    partnershipId: partnershipId(),
    streamId: integer()
      .notNull()
      .references(() => fundingStreams.id),
    yearStart: integer().notNull(),
    commitmentId: integer().references(() => commitments.id),
    actionId: integer().references(() => actions.id),
    contractId: integer().references(() => contracts.id),
    projectName: text().notNull().default(""),
    /** vocabulary.ts SERVICE_TYPES, for regional spend by service type ("" = from its contract, else other). */
    serviceType: text().notNull().default(""),
    amountPence: pence().notNull(),
    notes: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("funding_allocations_stream").on(t.partnershipId, t.streamId, t.yearStart),
    index("funding_allocations_action").on(t.partnershipId, t.actionId),
  ],
);

/**
 * An allocation's spend for one quarter (yearStart + quarter 1–4): budget, committed, actual to date
 * and forecast outturn; the variance is computed. Entered by the lead organisation's editor in the
 * quarterly update (updateId), by the coordinator, or imported from Excel.
 */
export const spendReturns = pgTable(
  "spend_returns",
  {
    id: id(),
    partnershipId: partnershipId(),
    allocationId: integer()
      .notNull()
      .references(() => fundingAllocations.id),
    yearStart: integer().notNull(),
    quarter: integer().notNull(),
    budgetPence: pence().notNull(),
    committedPence: pence().notNull().default(0),
    actualPence: pence().notNull().default(0),
    forecastPence: pence().notNull(),
    explanation: text().notNull().default(""),
    /** vocabulary.ts SPEND_SOURCES: update, coordinator, import. */
    source: text().notNull(),
    updateId: integer(),
    enteredByUserId: integer().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [uniqueIndex("spend_returns_allocation_quarter").on(t.allocationId, t.yearStart, t.quarter)],
);

/** The contract register: a commissioned service, its provider, value and term. */
export const contracts = pgTable(
  "contracts",
  {
    id: id(),
    partnershipId: partnershipId(),
    service: text().notNull(),
    /** vocabulary.ts SERVICE_TYPES: what kind of service, for regional spend and capacity ("" = other). */
    serviceType: text().notNull().default(""),
    reference: text().notNull().default(""),
    providerOrganisationId: integer().references(() => organisations.id),
    providerName: text().notNull().default(""),
    fundingStreamId: integer().references(() => fundingStreams.id),
    /** vocabulary.ts COMMISSIONING_STAGES: analyse, plan, do, review. */
    stage: text().notNull().default("analyse"),
    annualValuePence: pence(),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    /** The latest possible end if every extension is taken. */
    latestEndOn: date({ mode: "string" }),
    extensionDecisionDueOn: date({ mode: "string" }),
    /** Months before the end / the extension decision that reminders go (default 12 and 6). */
    reminderMonths: integer().array().notNull().default([12, 6]),
    notes: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("contracts_partnership").on(t.partnershipId)],
);

/** A procurement milestone with planned and actual dates; its status follows from them (domain). */
export const contractMilestones = pgTable(
  "contract_milestones",
  {
    id: id(),
    partnershipId: partnershipId(),
    contractId: integer()
      .notNull()
      .references(() => contracts.id),
    position: integer().notNull(),
    name: text().notNull(),
    plannedOn: date({ mode: "string" }),
    actualOn: date({ mode: "string" }),
    notes: text().notNull().default(""),
    version: version(),
  },
  (t) => [index("contract_milestones_contract").on(t.partnershipId, t.contractId, t.position)],
);

/**
 * The Domestic Abuse Act 2021 Part 4 annual return for one financial year: the measures the ministry
 * publishes for support in safe accommodation, as counts keyed by measure (domain/funding/part4.ts
 * lists them, mandatory or voluntary); null is "not recorded".
 */
export const safeAccommodationReturns = pgTable(
  "safe_accommodation_returns",
  {
    id: id(),
    partnershipId: partnershipId(),
    yearStart: integer().notNull(),
    counts: jsonb().$type<Record<string, number | null>>().notNull().default({}),
    notes: text().notNull().default(""),
    submittedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [uniqueIndex("safe_accommodation_returns_year").on(t.partnershipId, t.yearStart)],
);

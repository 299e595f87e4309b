// Component schemas of key statistics and update rounds, and of this document itself.
import { z } from "zod";
import { component, DateTime, Id, IsoDate, RatingEnum, Version } from "./registry.ts";
import { OrganisationRef } from "./schemas.ts";

// Key statistics

const Judged = (outcomes: readonly [string, ...string[]], what: string) =>
  z.strictObject({
    outcome: z
      .enum(outcomes)
      .nullable()
      .describe(`${what}; null for no judgement (a missing or suppressed figure is never guessed)`),
    summary: z
      .string()
      .describe(
        'The judgement in words, e.g. "Amber: 36.7% is 0.7 percentage points short of the target of 36.0%"',
      ),
    rule: z.string().describe("The rule that made the judgement"),
  });

export const Indicator = component(
  "Indicator",
  "A key statistic: its definition, unit, source, baseline and target, and the latest figure for the partnership's own area with its judgements.",
  z.strictObject({
    id: Id,
    name: z.string(),
    definition: z.string(),
    unit: z.enum(["count", "percentage", "rate"]),
    numeratorLabel: z.string(),
    denominatorLabel: z.string(),
    rateBase: z.int().nullable().describe("Rates only: per 100, 1000, 10000 or 100000"),
    populationLabel: z.string().describe('Rates only, e.g. "people aged 16+"'),
    source: z.string(),
    owner: OrganisationRef.nullable(),
    frequency: z
      .enum(["monthly", "quarterly", "annual"])
      .describe("Quarters and years are UK financial ones (April to March)"),
    polarity: z.enum(["up", "down", "neither"]).describe("Whether a rise is good news"),
    kind: z
      .enum(["performance", "contextual"])
      .describe("Performance indicators have a target; contextual ones a trend only"),
    baseline: z.strictObject({ period: z.string(), value: z.number() }).nullable(),
    target: z.strictObject({ value: z.number(), date: IsoDate.nullable() }).nullable(),
    partOfIndicatorId: Id.nullable().describe("The indicator whose total this count is a part of"),
    definitionNotes: z.array(z.strictObject({ changedOn: IsoDate, note: z.string() })),
    latest: z
      .strictObject({
        period: z.string(),
        value: z.number().nullable().describe("Null when suppressed"),
        suppressed: z.boolean(),
        shownAs: z.string().describe('As printed, e.g. "46.9%" or "fewer than 5"'),
      })
      .nullable(),
    againstTarget: Judged(["green", "amber", "red"], "The rating against target"),
    sinceLastYear: Judged(
      ["improving", "worsening", "no real change", "rising", "falling"],
      "Direction of travel against the same period a year earlier",
    ),
    comparator: z.string().describe('e.g. "Up 5% against 12% in England"'),
    version: Version,
  }),
);

export const IndicatorList = component(
  "IndicatorList",
  "The partnership's key statistics, in its order.",
  z.strictObject({
    published: z
      .boolean()
      .describe("True for a token marked public: small numbers are suppressed and judged accordingly"),
    indicators: z.array(Indicator),
  }),
);

export const Observation = component(
  "Observation",
  "One figure: an indicator for a period in an area. Flat, for tools such as Power BI.",
  z.strictObject({
    id: Id,
    periodLabel: z.string().describe('"Q2 2024/25", "2024/25" or "June 2024"'),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    areaId: Id,
    areaName: z.string(),
    areaKind: z.enum(["own", "police_force_area", "region", "england", "other"]),
    value: z.number().nullable().describe("Null when suppressed"),
    numerator: z.number().nullable(),
    denominator: z.number().nullable(),
    suppressed: z.boolean(),
    shownAs: z.string().describe('As printed, e.g. "46.9%", "fewer than 5" or "suppressed"'),
  }),
);

export const ObservationList = component(
  "ObservationList",
  "Every figure of one indicator, oldest period first.",
  z.strictObject({
    indicator: z.strictObject({ id: Id, name: z.string(), unit: z.enum(["count", "percentage", "rate"]) }),
    published: z.boolean().describe("True for a token marked public: suppression applied"),
    suppressionThreshold: z
      .int()
      .describe('Counts below this are suppressed ("fewer than 5") when published'),
    observations: z.array(Observation),
  }),
);

// Update rounds

export const Round = component(
  "Round",
  "An update round: which period it reports on, its deadline and whether it is open.",
  z.strictObject({
    id: Id,
    name: z.string().describe('e.g. "Q2 2025/26"'),
    actionPlanId: Id,
    periodStart: IsoDate,
    periodEnd: IsoDate,
    deadline: IsoDate,
    graceDays: z.int().describe("Days after the deadline when late submissions are still accepted"),
    status: z.enum(["open", "closed"]),
    openedAt: DateTime,
    closedAt: DateTime.nullable(),
  }),
);

export const RoundList = component(
  "RoundList",
  "The partnership's update rounds, newest first.",
  z.strictObject({ rounds: z.array(Round) }),
);

export const Update = component(
  "Update",
  "A partner's update on one action for one round.",
  z.strictObject({
    id: Id,
    actionId: Id,
    commitmentId: Id,
    status: z.enum(["draft", "submitted", "returned", "accepted"]).describe("Only accepted updates count"),
    rating: RatingEnum.nullable(),
    narrative: z.string(),
    remedy: z.string().describe("What is being done about it (Red and Amber)"),
    toNote: z.string().describe("Points carried forward to the next round"),
    evidenceLinks: z.array(z.string()),
    organisation: OrganisationRef.nullable().describe("The organisation that wrote it"),
    submittedAt: DateTime.nullable(),
    acceptedAt: DateTime.nullable(),
  }),
);

export const UpdateList = component(
  "UpdateList",
  "A round's updates: accepted ones only, unless the token was allowed drafts.",
  z.strictObject({
    round: Round,
    includesDrafts: z.boolean().describe("True when this token may read updates that are not accepted yet"),
    updates: z.array(Update),
  }),
);

export const CommitmentRating = component(
  "CommitmentRating",
  "A commitment's rating for a round, derived from its actions' latest accepted ratings.",
  z.strictObject({
    commitmentId: Id,
    number: z.string(),
    rating: RatingEnum,
    ruleVersion: z
      .string()
      .describe("The roll-up rule that derived it, kept so past reports can be reproduced"),
    explanation: z.string().describe('e.g. "Amber: 1 of 4 actions red, 2 amber, 1 green — rule: …"'),
  }),
);

export const CommitmentRatingList = component(
  "CommitmentRatingList",
  "The derived rating of every commitment for a round (before any coordinator override).",
  z.strictObject({ round: Round, ratings: z.array(CommitmentRating) }),
);

export const OpenApiDocumentSchema = component(
  "OpenApiDocument",
  "This document: an OpenAPI 3.1 description of the API.",
  z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }) }),
);

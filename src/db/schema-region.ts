// The region (issue 15): partnerships of one area compared against a shared quality standard, with
// regional spend, capacity, statistics and governance, and projects the region funds together. Each
// partnership keeps its own data: the region reads only what `region_sharing` lets it, and writes
// only its own standards, cycles, moderation and projects. The words behind text columns (roles,
// statuses, evidence kinds) are one list each in src/domain/region/vocabulary.ts.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { actions, commitments, indicators, partnerships, regions, users } from "./schema.ts";
import { fundingStreams } from "./schema-funding.ts";
import { decisions } from "./schema-governance.ts";

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const version = () => integer().notNull().default(1);
const regionId = () =>
  integer()
    .notNull()
    .references(() => regions.id);
const partnershipId = () =>
  integer()
    .notNull()
    .references(() => partnerships.id);

/** Regional lead: manages the region's standards, cycles, moderation and projects. Viewer: reads. */
export const regionRoleEnum = pgEnum("region_role", ["lead", "viewer"]);

/** A person's place in a region (commissioners, the regional lead), apart from any partnership's. */
export const regionMemberships = pgTable(
  "region_memberships",
  {
    regionId: regionId(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    role: regionRoleEnum().notNull(),
    /** Who they work for, as shown to the region ("Office of the Police and Crime Commissioner"). */
    organisationName: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.userId] }), index("region_memberships_user").on(t.userId)],
);

/**
 * What one partnership lets its region see, decided by its coordinator. The defaults are the issue's:
 * published key statistics, commitment ratings, funding totals and submitted self-assessments; the
 * governance view (boards and s58 coverage) only when switched on. Never drafts, people's details or
 * the audit log, whatever is set here. Population (with its source) turns regional spend into
 * spend per 10,000 people.
 */
export const regionSharing = pgTable("region_sharing", {
  partnershipId: integer()
    .primaryKey()
    .references(() => partnerships.id),
  shareStatistics: boolean().notNull().default(true),
  shareRatings: boolean().notNull().default(true),
  shareFunding: boolean().notNull().default(true),
  shareAssessments: boolean().notNull().default(true),
  shareGovernance: boolean().notNull().default(false),
  population: integer(),
  populationSource: text().notNull().default(""),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: version(),
});

/**
 * A quality standard: themes → criteria, its own rating scale and assessment cycle length. Written by
 * a region (regionId) or adopted by a partnership for itself (partnershipId): exactly one is set.
 */
export const qualityStandards = pgTable(
  "quality_standards",
  {
    id: id(),
    regionId: integer().references(() => regions.id),
    partnershipId: integer().references(() => partnerships.id),
    name: text().notNull(),
    summary: text().notNull().default(""),
    /** The built-in template it started from (domain/region/templates.ts), if any. */
    templateKey: text(),
    /** Months between assessment cycles (24: every two years). */
    cycleMonths: integer().notNull().default(24),
    /** vocabulary.ts STANDARD_STATUSES: draft, published (published standards can be assessed). */
    status: text().notNull().default("draft"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    check("quality_standards_one_owner", sql`(${t.regionId} is null) <> (${t.partnershipId} is null)`),
    index("quality_standards_region").on(t.regionId),
    index("quality_standards_partnership").on(t.partnershipId),
  ],
);

/** One step of a standard's rating scale, lowest first ("Not met", "Partly met", "Met", "Exceeded"). */
export const standardLevels = pgTable(
  "standard_levels",
  {
    id: id(),
    standardId: integer()
      .notNull()
      .references(() => qualityStandards.id),
    position: integer().notNull(),
    label: text().notNull(),
    description: text().notNull().default(""),
    /** A self-rating at a level that does not meet the standard can become an action in one step. */
    meetsStandard: boolean().notNull().default(false),
    version: version(),
  },
  (t) => [uniqueIndex("standard_levels_position").on(t.standardId, t.position)],
);

export const standardThemes = pgTable(
  "standard_themes",
  {
    id: id(),
    standardId: integer()
      .notNull()
      .references(() => qualityStandards.id),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    version: version(),
  },
  (t) => [index("standard_themes_standard").on(t.standardId, t.position)],
);

export const standardCriteria = pgTable(
  "standard_criteria",
  {
    id: id(),
    standardId: integer()
      .notNull()
      .references(() => qualityStandards.id),
    themeId: integer()
      .notNull()
      .references(() => standardThemes.id),
    position: integer().notNull(),
    title: text().notNull(),
    whatGoodLooksLike: text().notNull().default(""),
    howEvidenced: text().notNull().default(""),
    version: version(),
  },
  (t) => [index("standard_criteria_theme").on(t.standardId, t.themeId, t.position)],
);

/** One round of assessment against a standard ("2024–26"), opening and due dates; closed when done. */
export const assessmentCycles = pgTable(
  "assessment_cycles",
  {
    id: id(),
    standardId: integer()
      .notNull()
      .references(() => qualityStandards.id),
    name: text().notNull(),
    opensOn: date({ mode: "string" }).notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("assessment_cycles_standard").on(t.standardId, t.opensOn)],
);

/** A partnership's self-assessment for a cycle: drafted, submitted, then moderated by the region. */
export const selfAssessments = pgTable(
  "self_assessments",
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: integer()
      .notNull()
      .references(() => assessmentCycles.id),
    /** vocabulary.ts ASSESSMENT_STATUSES: draft, submitted, moderated. */
    status: text().notNull().default("draft"),
    submittedAt: timestamp({ withTimezone: true }),
    submittedByUserId: integer().references(() => users.id),
    moderatedAt: timestamp({ withTimezone: true }),
    moderatedByUserId: integer().references(() => users.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("self_assessments_cycle_partnership").on(t.cycleId, t.partnershipId),
    index("self_assessments_partnership").on(t.partnershipId),
  ],
);

/**
 * One criterion of a self-assessment: the partnership's rating and narrative, and the region's agreed
 * rating with its comment kept beside it. `actionId`: the action a criterion not met became.
 */
export const assessmentRatings = pgTable(
  "assessment_ratings",
  {
    id: id(),
    partnershipId: partnershipId(),
    assessmentId: integer()
      .notNull()
      .references(() => selfAssessments.id),
    criterionId: integer()
      .notNull()
      .references(() => standardCriteria.id),
    levelId: integer().references(() => standardLevels.id),
    narrative: text().notNull().default(""),
    agreedLevelId: integer().references(() => standardLevels.id),
    moderationComment: text().notNull().default(""),
    moderatedByUserId: integer().references(() => users.id),
    moderatedAt: timestamp({ withTimezone: true }),
    actionId: integer().references(() => actions.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex("assessment_ratings_criterion").on(t.assessmentId, t.criterionId),
    index("assessment_ratings_action").on(t.partnershipId, t.actionId),
  ],
);

/**
 * Evidence for a criterion: a commitment, an indicator, a meeting decision (all the partnership's own)
 * or a document by link. Exactly the column of its kind is set.
 */
export const assessmentEvidence = pgTable(
  "assessment_evidence",
  {
    id: id(),
    partnershipId: partnershipId(),
    assessmentId: integer()
      .notNull()
      .references(() => selfAssessments.id),
    criterionId: integer()
      .notNull()
      .references(() => standardCriteria.id),
    /** vocabulary.ts EVIDENCE_KINDS: commitment, indicator, decision, document. */
    kind: text().notNull(),
    commitmentId: integer().references(() => commitments.id),
    indicatorId: integer().references(() => indicators.id),
    decisionId: integer().references(() => decisions.id),
    url: text().notNull().default(""),
    title: text().notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("assessment_evidence_assessment").on(t.assessmentId, t.criterionId)],
);

/**
 * A project the region's bodies fund together, hosted by one partnership: its money is a funding
 * stream of the host (contributions there), its deliverables are the host's actions (milestones and
 * quarterly updates there) — the funding and update-cycle parts, not copies of them.
 */
export const regionalProjects = pgTable(
  "regional_projects",
  {
    id: id(),
    regionId: regionId(),
    hostPartnershipId: partnershipId(),
    fundingStreamId: integer().references(() => fundingStreams.id),
    name: text().notNull(),
    purpose: text().notNull().default(""),
    /** vocabulary.ts PROJECT_STATUSES: proposed, active, complete, closed. */
    status: text().notNull().default("proposed"),
    startsOn: date({ mode: "string" }),
    endsOn: date({ mode: "string" }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("regional_projects_region").on(t.regionId)],
);

export const regionalProjectDeliverables = pgTable(
  "regional_project_deliverables",
  {
    id: id(),
    projectId: integer()
      .notNull()
      .references(() => regionalProjects.id),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    dueOn: date({ mode: "string" }),
    /** The host partnership's action that delivers it (its milestones and updates are the progress). */
    actionId: integer().references(() => actions.id),
    version: version(),
  },
  (t) => [index("regional_project_deliverables_project").on(t.projectId, t.position)],
);

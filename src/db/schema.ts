// The database schema. Columns are camelCase here and snake_case in SQL (drizzle `casing`).
// Every table that belongs to a partnership carries `partnershipId`, and tenant queries filter on it
// first, so the schema can later be distributed by tenant (Citus) or guarded by row-level security.
// Editable records carry `version` for optimistic concurrency: an update names the version it read.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
const version = () => integer().notNull().default(1);

export const roleEnum = pgEnum("role", ["admin", "editor", "viewer"]);
export const frameworkEnum = pgEnum("framework", ["priorities", "flat"]);

/** A region (a police force area, say) holds partnerships; schema-region.ts holds what it does. */
export const regions = pgTable("regions", {
  id: id(),
  /** In the address: /r/<slug>. */
  slug: text().notNull().unique(),
  name: text().notNull().unique(),
  createdAt: createdAt(),
  version: version(),
});

export const partnerships = pgTable("partnerships", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  areaName: text().notNull(),
  regionId: integer().references(() => regions.id),
  /** Bumped by every change to the partnership's data; keys caches so a write is visible at once. */
  dataVersion: integer().notNull().default(1),
  /** Key statistics: counts below this are shown as "fewer than N" in anything for publication. */
  suppressionThreshold: integer().notNull().default(5),
  /** Members must sign in by single sign-on (issue 17): their password sign-in is refused. */
  ssoRequired: boolean().notNull().default(false),
  createdAt: createdAt(),
  version: version(),
});

export const organisations = pgTable(
  "organisations",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    name: text().notNull(),
    kind: text().notNull().default(""),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex("organisations_partnership_name").on(t.partnershipId, sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex("users_email").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    role: roleEnum().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.userId] }), index("memberships_user").on(t.userId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the session id held in the cookie, so a database leak does not leak sessions. */
    idHash: text().primaryKey(),
    data: jsonb().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** The signed-in user, so changing a password can end that user's other sessions. */
    userId: integer().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("sessions_expires").on(t.expiresAt), index("sessions_user").on(t.userId)],
);

/**
 * Failed sign-ins per account, so throttling holds across every app instance (an in-memory limiter
 * would allow N attempts per instance). The e-mail is stored hashed.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    emailHash: text().notNull(),
    /**
     * The client address (hashed with the e-mail, so the table holds no addresses), for the strict
     * limit per account and address pair; the looser limit per account counts every address.
     */
    pairHash: text(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("sign_in_failures_email_at").on(t.emailHash, t.at),
    index("sign_in_failures_pair_at").on(t.pairHash, t.at),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    name: text().notNull(),
    tokenHash: text().notNull().unique(),
    /** The coordinator may let a token read draft and submitted updates, not only accepted ones. */
    allowDrafts: boolean().notNull().default(false),
    /** A public token (e.g. an open-data feed) gets key statistics after suppression only. */
    public: boolean().notNull().default(false),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("api_tokens_partnership").on(t.partnershipId)],
);

export const boards = pgTable(
  "boards",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    parentBoardId: integer().references((): AnyPgColumn => boards.id),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("boards_partnership").on(t.partnershipId)],
);

export const strategies = pgTable(
  "strategies",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    title: text().notNull(),
    startYear: integer().notNull(),
    endYear: integer().notNull(),
    vision: text().notNull().default(""),
    framework: frameworkEnum().notNull().default("priorities"),
    /** What the partnership calls a priority's items: "Commitment", "Recommendation", … */
    itemLabel: text().notNull().default("Commitment"),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("strategies_partnership").on(t.partnershipId)],
);

export const priorities = pgTable(
  "priorities",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    number: text().notNull(),
    title: text().notNull(),
    outcome: text().notNull().default(""),
    position: integer().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("priorities_partnership_strategy").on(t.partnershipId, t.strategyId),
    uniqueIndex("priorities_strategy_number").on(t.strategyId, t.number),
  ],
);

export const commitments = pgTable(
  "commitments",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    /** Null in a flat framework (a list of recommendations). */
    priorityId: integer().references(() => priorities.id),
    number: text().notNull(),
    text: text().notNull(),
    position: integer().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("commitments_partnership_strategy").on(t.partnershipId, t.strategyId),
    index("commitments_priority").on(t.priorityId),
    uniqueIndex("commitments_strategy_number").on(t.strategyId, t.number),
  ],
);

export const commitmentLinks = pgTable(
  "commitment_links",
  {
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    fromCommitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    toCommitmentId: integer()
      .notNull()
      .references(() => commitments.id),
  },
  (t) => [
    primaryKey({ columns: [t.fromCommitmentId, t.toCommitmentId] }),
    index("commitment_links_to").on(t.toCommitmentId),
  ],
);

export const actionPlans = pgTable(
  "action_plans",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    strategyId: integer()
      .notNull()
      .references(() => strategies.id),
    name: text().notNull(),
    startsOn: date({ mode: "string" }).notNull(),
    endsOn: date({ mode: "string" }).notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("action_plans_partnership_strategy").on(t.partnershipId, t.strategyId)],
);

export const actions = pgTable(
  "actions",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    actionPlanId: integer()
      .notNull()
      .references(() => actionPlans.id),
    commitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    what: text().notNull(),
    how: text().notNull().default(""),
    performanceTarget: text().notNull().default(""),
    dueOn: date({ mode: "string" }),
    /** Closed actions need no more updates. */
    closed: boolean().notNull().default(false),
    position: integer().notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    index("actions_partnership_plan").on(t.partnershipId, t.actionPlanId),
    index("actions_commitment").on(t.commitmentId),
  ],
);

export const actionLeads = pgTable(
  "action_leads",
  {
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    actionId: integer()
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [
    primaryKey({ columns: [t.actionId, t.organisationId] }),
    index("action_leads_organisation").on(t.organisationId),
  ],
);

export const milestones = pgTable(
  "milestones",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    actionId: integer()
      .notNull()
      .references(() => actions.id, { onDelete: "cascade" }),
    description: text().notNull(),
    dueOn: date({ mode: "string" }),
    done: boolean().notNull().default(false),
    position: integer().notNull(),
  },
  (t) => [index("milestones_action").on(t.actionId)],
);

/**
 * Append-only: a trigger refuses DELETE and TRUNCATE, and UPDATE except inside a redaction (migration
 * 0006: only the transaction that recorded a `redactions` row may replace a passage with "[redacted]").
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    partnershipId: integer().references(() => partnerships.id),
    /** A region's own change (its standards, moderation, projects); the partnership too when it is one's. */
    regionId: integer().references(() => regions.id),
    userId: integer().references(() => users.id),
    /** Who did it, as shown: a user's e-mail, "cli", "api token …", "system". */
    actor: text().notNull(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_partnership_at").on(t.partnershipId, t.at),
    index("audit_log_region_at").on(t.regionId, t.at),
    index("audit_log_entity").on(t.entityType, t.entityId),
  ],
);

/**
 * A passage removed from a record ("[redacted]" in its place) and from every stored copy of it: who,
 * when, why, which record and field — never the passage. Append-only (trigger, migration 0006).
 * `transactionId` is the transaction that made it: the audit log's trigger lets that transaction,
 * and no other, rewrite audit entries while it names this row (docs/ARCHITECTURE.md, "redaction").
 */
export const redactions = pgTable(
  "redactions",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    userId: integer().references(() => users.id),
    /** Who did it, as shown in the audit log. */
    actor: text().notNull(),
    /** The kind of record ("update", "rating-override") and its id. */
    entityType: text().notNull(),
    entityId: text().notNull(),
    field: text().notNull(),
    reason: text().notNull(),
    transactionId: bigint({ mode: "number" }).notNull().default(sql`txid_current()`),
    createdAt: createdAt(),
  },
  (t) => [index("redactions_partnership").on(t.partnershipId, t.createdAt)],
);

export const schemaTables = {
  regions,
  partnerships,
  organisations,
  users,
  memberships,
  sessions,
  apiTokens,
  boards,
  strategies,
  priorities,
  commitments,
  commitmentLinks,
  actionPlans,
  actions,
  actionLeads,
  milestones,
  auditLog,
  redactions,
};

// ── The quarterly update cycle ───────────────────────────────────────────────────────────────────

export const ratingEnum = pgEnum("rating", ["red", "amber", "green", "grey", "complete"]);
export const updateStatusEnum = pgEnum("update_status", ["draft", "submitted", "returned", "accepted"]);
export const roundStatusEnum = pgEnum("round_status", ["open", "closed"]);

/** "Q2 2025/26 updates, due 15 October": which actions need an update, by when. */
export const rounds = pgTable(
  "rounds",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    actionPlanId: integer()
      .notNull()
      .references(() => actionPlans.id),
    name: text().notNull(),
    periodStart: date({ mode: "string" }).notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    deadline: date({ mode: "string" }).notNull(),
    graceDays: integer().notNull().default(0),
    /** Days before the deadline when the "deadline approaching" reminder goes out. */
    reminderDaysBefore: integer().notNull().default(7),
    status: roundStatusEnum().notNull().default("open"),
    /** Set when the coordinator reopens a round: late submissions are accepted again. */
    reopenedAt: timestamp({ withTimezone: true }),
    openedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [index("rounds_partnership").on(t.partnershipId, t.openedAt)],
);

export const roundActions = pgTable(
  "round_actions",
  {
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    roundId: integer()
      .notNull()
      .references(() => rounds.id),
    actionId: integer()
      .notNull()
      .references(() => actions.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.actionId] }), index("round_actions_action").on(t.actionId)],
);

/** A partner's report on one action for one round. Only accepted updates count. */
export const updates = pgTable(
  "updates",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    roundId: integer()
      .notNull()
      .references(() => rounds.id),
    actionId: integer()
      .notNull()
      .references(() => actions.id),
    status: updateStatusEnum().notNull().default("draft"),
    rating: ratingEnum(),
    narrative: text().notNull().default(""),
    /** "What we are doing about it": required for Red and Amber. */
    remedy: text().notNull().default(""),
    /** Points that carry forward to the next round. */
    toNote: text().notNull().default(""),
    evidenceLinks: text().array().notNull().default(sql`'{}'::text[]`),
    authorUserId: integer().references(() => users.id),
    authorOrganisationId: integer().references(() => organisations.id),
    submittedAt: timestamp({ withTimezone: true }),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewerUserId: integer().references(() => users.id),
    reviewComment: text().notNull().default(""),
    acceptedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex("updates_round_action").on(t.roundId, t.actionId),
    index("updates_partnership_status").on(t.partnershipId, t.status),
    index("updates_action_accepted").on(t.actionId, t.acceptedAt),
    // The partnership home's "recently accepted": the latest few, without sorting every accepted
    // update (read backwards for `accepted_at desc, id desc`).
    index("updates_partnership_accepted")
      .on(t.partnershipId, t.acceptedAt, t.id)
      .where(sql`${t.status} = 'accepted'`),
  ],
);

/**
 * A commitment's rating for a round, derived from its actions' latest accepted ratings, with the rule
 * version that derived it, so a past report can be reproduced exactly after the rule changes.
 */
export const commitmentRatings = pgTable(
  "commitment_ratings",
  {
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    roundId: integer()
      .notNull()
      .references(() => rounds.id),
    commitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    derivedRating: ratingEnum().notNull(),
    ruleVersion: text().notNull(),
    explanation: text().notNull(),
    computedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.roundId, t.commitmentId] }),
    index("commitment_ratings_commitment").on(t.commitmentId),
  ],
);

/** The coordinator's overrides of a commitment's rating, each with its reason; never deleted. */
export const ratingOverrides = pgTable(
  "rating_overrides",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    commitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    roundId: integer().references(() => rounds.id),
    /** Null clears an earlier override (back to the derived rating). */
    rating: ratingEnum(),
    reason: text().notNull(),
    userId: integer().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("rating_overrides_commitment").on(t.commitmentId, t.createdAt)],
);

/**
 * Every e-mail Waymark sends, written in the transaction that caused it. `dedupeKey` makes each
 * reminder exactly-once across restarts and instances; without SMTP the outbox is read in the app.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: id(),
    partnershipId: integer().references(() => partnerships.id),
    dedupeKey: text().notNull().unique(),
    kind: text().notNull(),
    toAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    createdAt: createdAt(),
    /** Set when an instance claims the mail for sending, so two instances never send it twice. */
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** Which transport took the mail: "smtp" or "notify" (GOV.UK Notify). */
    sentVia: text(),
    /** GOV.UK Notify's notification id, once Notify has accepted the mail. */
    notifyId: text(),
    /** Notify's delivery status when last asked (created, sending, delivered, permanent-failure …). */
    deliveryStatus: text(),
    deliveryCheckedAt: timestamp({ withTimezone: true }),
    /** Set when a mail is given up at once (Notify refused it: bad key, template or recipient). */
    failedAt: timestamp({ withTimezone: true }),
    /** A transient failure (rate limit, Notify down) is tried again no sooner than this. */
    retryAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("mail_outbox_partnership").on(t.partnershipId, t.createdAt),
    index("mail_outbox_unsent").on(t.sentAt),
  ],
);

// ── Key statistics ───────────────────────────────────────────────────────────────────────────────

export const indicatorUnitEnum = pgEnum("indicator_unit", ["count", "percentage", "rate"]);
export const indicatorPolarityEnum = pgEnum("indicator_polarity", ["up", "down", "neither"]);
export const indicatorFrequencyEnum = pgEnum("indicator_frequency", ["monthly", "quarterly", "annual"]);
export const indicatorKindEnum = pgEnum("indicator_kind", ["performance", "contextual"]);
export const areaKindEnum = pgEnum("area_kind", ["own", "police_force_area", "region", "england", "other"]);

/** The partnership's own area and the comparators its figures are set beside. */
export const areas = pgTable(
  "areas",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    kind: areaKindEnum().notNull(),
    name: text().notNull(),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("areas_partnership_name").on(t.partnershipId, sql`lower(${t.name})`),
    uniqueIndex("areas_partnership_own").on(t.partnershipId).where(sql`${t.kind} = 'own'`),
  ],
);

/** A key statistic: what it counts, from where, how it is judged. */
export const indicators = pgTable(
  "indicators",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    name: text().notNull(),
    definition: text().notNull().default(""),
    unit: indicatorUnitEnum().notNull(),
    numeratorLabel: text().notNull().default(""),
    denominatorLabel: text().notNull().default(""),
    /** Rates only: per 100, 1,000, 10,000 or 100,000 of `populationLabel`. */
    rateBase: integer(),
    populationLabel: text().notNull().default(""),
    source: text().notNull().default(""),
    ownerOrganisationId: integer().references(() => organisations.id),
    frequency: indicatorFrequencyEnum().notNull(),
    polarity: indicatorPolarityEnum().notNull(),
    kind: indicatorKindEnum().notNull(),
    /** The baseline period ("2019/20") and its value for the partnership's area. */
    baselinePeriodLabel: text(),
    baselinePeriodStart: date({ mode: "string" }),
    baselinePeriodEnd: date({ mode: "string" }),
    baselineValue: doublePrecision(),
    targetValue: doublePrecision(),
    targetDate: date({ mode: "string" }),
    /** Ordered rating bands and the no-real-change size (src/domain/thresholds.ts). */
    thresholds: jsonb().notNull(),
    /** The built-in template it was switched on from, if any. */
    templateKey: text(),
    /** A count that is a part of another indicator's total (e.g. refuge bed spaces of all bed spaces). */
    partOfIndicatorId: integer().references((): AnyPgColumn => indicators.id),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex("indicators_partnership_name").on(t.partnershipId, sql`lower(${t.name})`),
    uniqueIndex("indicators_partnership_template")
      .on(t.partnershipId, t.templateKey)
      .where(sql`${t.templateKey} is not null`),
    index("indicators_part_of").on(t.partOfIndicatorId),
    check("indicators_rate_base", sql`(${t.unit} = 'rate') = (${t.rateBase} is not null)`),
  ],
);

/** When an indicator's definition changed, and how (e.g. the Marac repeat definition). */
export const indicatorDefinitionNotes = pgTable(
  "indicator_definition_notes",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    changedOn: date({ mode: "string" }).notNull(),
    note: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("indicator_definition_notes_indicator").on(t.indicatorId, t.changedOn),
    // Every note of a partnership at once (the key statistics), not a scan of every partnership's.
    index("indicator_definition_notes_partnership").on(t.partnershipId, t.changedOn),
  ],
);

/** The commitments and actions whose performance targets an indicator measures. */
export const indicatorLinks = pgTable(
  "indicator_links",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    commitmentId: integer().references(() => commitments.id),
    actionId: integer().references(() => actions.id),
  },
  (t) => [
    index("indicator_links_indicator").on(t.indicatorId),
    uniqueIndex("indicator_links_commitment")
      .on(t.indicatorId, t.commitmentId)
      .where(sql`${t.commitmentId} is not null`),
    uniqueIndex("indicator_links_action").on(t.indicatorId, t.actionId).where(sql`${t.actionId} is not null`),
    check("indicator_links_one_target", sql`(${t.commitmentId} is null) <> (${t.actionId} is null)`),
  ],
);

/** One figure: an indicator for a period in an area. */
export const observations = pgTable(
  "observations",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    indicatorId: integer()
      .notNull()
      .references(() => indicators.id),
    areaId: integer()
      .notNull()
      .references(() => areas.id),
    periodStart: date({ mode: "string" }).notNull(),
    periodEnd: date({ mode: "string" }).notNull(),
    periodLabel: text().notNull(),
    value: doublePrecision().notNull(),
    numerator: doublePrecision(),
    denominator: doublePrecision(),
    createdAt: createdAt(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: version(),
  },
  (t) => [
    uniqueIndex("observations_indicator_period_area").on(t.indicatorId, t.periodStart, t.periodEnd, t.areaId),
    index("observations_partnership_indicator").on(t.partnershipId, t.indicatorId),
  ],
);

/** An uploaded file of observations waiting for the coordinator to check the preview and confirm. */
export const observationImports = pgTable(
  "observation_imports",
  {
    id: id(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    userId: integer().references(() => users.id),
    fileName: text().notNull(),
    /** The checked rows and per-row errors, as shown on the preview (src/imports/observations.ts). */
    rows: jsonb().notNull(),
    errorCount: integer().notNull(),
    createdAt: createdAt(),
    confirmedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("observation_imports_partnership").on(t.partnershipId, t.createdAt)],
);

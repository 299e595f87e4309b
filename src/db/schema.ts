// The database schema. Columns are camelCase here and snake_case in SQL (drizzle `casing`).
// Every table that belongs to a partnership carries `partnershipId`, and tenant queries filter on it
// first, so the schema can later be distributed by tenant (Citus) or guarded by row-level security.
// Editable records carry `version` for optimistic concurrency: an update names the version it read.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  date,
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

export const regions = pgTable("regions", {
  id: id(),
  name: text().notNull().unique(),
  createdAt: createdAt(),
});

export const partnerships = pgTable("partnerships", {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  areaName: text().notNull(),
  regionId: integer().references(() => regions.id),
  /** Bumped by every change to the partnership's data; keys caches so a write is visible at once. */
  dataVersion: integer().notNull().default(1),
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
  },
  (t) => [index("sessions_expires").on(t.expiresAt)],
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
    /** ISO dates of meetings, in order. */
    meetingDates: date({ mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
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
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE, so the log cannot be rewritten
 * through the application's own connection.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    partnershipId: integer().references(() => partnerships.id),
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
    index("audit_log_entity").on(t.entityType, t.entityId),
  ],
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
};

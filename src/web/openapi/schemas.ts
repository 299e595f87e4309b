// Component schemas of the strategy, its commitments and the action plans.
import { z } from "zod";
import { component, DateTime, Id, IsoDate, RatingEnum, Version } from "./registry.ts";

export const ErrorResponse = component(
  "Error",
  "Why the request failed.",
  z.strictObject({
    error: z.string(),
    incidentId: z.string().optional().describe("Quote this when reporting a server error"),
  }),
);

export const Partnership = component(
  "Partnership",
  "The partnership the token belongs to.",
  z.strictObject({
    id: Id,
    slug: z.string().describe("Short name used in the partnership's web addresses"),
    name: z.string(),
    areaName: z.string().describe("The local authority area the partnership covers"),
  }),
);

export const OrganisationRef = component(
  "OrganisationRef",
  "An organisation of the partnership, e.g. one leading an action.",
  z.strictObject({ id: Id, name: z.string() }),
);

export const CommitmentRef = component(
  "CommitmentRef",
  "A commitment identified by id and the partnership's own number (e.g. 1.4).",
  z.strictObject({ id: Id, number: z.string() }),
);

export const CommitmentSummary = component(
  "CommitmentSummary",
  "A commitment's number and wording.",
  z.strictObject({ id: Id, number: z.string(), text: z.string() }),
);

export const PriorityRef = component(
  "PriorityRef",
  "A priority identified by id, number and title.",
  z.strictObject({ id: Id, number: z.string(), title: z.string() }),
);

export const StrategyRef = component(
  "StrategyRef",
  "A strategy identified by id and title.",
  z.strictObject({ id: Id, title: z.string() }),
);

export const ActionPlanRef = component(
  "ActionPlanRef",
  "An action plan identified by id and name.",
  z.strictObject({ id: Id, name: z.string() }),
);

export const Strategy = component(
  "Strategy",
  "A partnership strategy: its years, vision and how it is organised.",
  z.strictObject({
    id: Id,
    title: z.string(),
    startYear: z.int(),
    endYear: z.int(),
    vision: z.string(),
    framework: z
      .enum(["priorities", "flat"])
      .describe("priorities: numbered priorities each with commitments; flat: one numbered list"),
    itemLabel: z.string().describe('What the strategy calls its items: "Commitment", "Recommendation", …'),
    createdAt: DateTime,
    version: Version,
  }),
);

export const StrategyList = component(
  "StrategyList",
  "The partnership's strategies, oldest first.",
  z.strictObject({ strategies: z.array(Strategy) }),
);

export const EffectiveRating = component(
  "EffectiveRating",
  "A commitment's rating as the partnership's pages show it, and where it comes from. A commitment with no rated action in the latest round keeps the rating last given; ratingIsCurrent is then false and ratingNote says so.",
  z.strictObject({
    rating: RatingEnum.describe(
      "The rating that counts: the coordinator's override if any, otherwise the derived rating",
    ),
    overridden: z.boolean().describe("Set by the coordinator rather than derived by the roll-up rule"),
    currentRound: z
      .string()
      .nullable()
      .describe(
        'The round the rating is read against: the partnership\'s latest round, e.g. "Q4 2025/26"; null before any',
      ),
    ratingRound: z
      .string()
      .nullable()
      .describe(
        "The round the rating comes from (the override's round when overridden); null when nothing has rated it",
      ),
    ratingIsCurrent: z.boolean().describe("True when the rating comes from currentRound"),
    ratingNote: z
      .string()
      .nullable()
      .describe(
        'Said beside the rating when it is not current: "from Q4 2024/25; no update since"; null when current or never rated',
      ),
    label: z
      .string()
      .describe('The rating in words with its note: "Amber — from Q4 2024/25; no update since"'),
  }),
);

export const StrategyCommitment = component(
  "StrategyCommitment",
  "A commitment as listed in its strategy's framework.",
  z.strictObject({
    id: Id,
    number: z.string(),
    text: z.string(),
    priorityId: Id.nullable().describe("Null in a flat framework"),
    seeAlso: z.array(CommitmentRef).describe("Commitments this one cross-references"),
    actionCount: z.int().min(0).describe("Actions delivering it, across every action plan"),
    rating: EffectiveRating,
    version: Version,
  }),
);

export const StrategyPriority = component(
  "StrategyPriority",
  "A priority of a strategy with its commitments in order.",
  z.strictObject({
    id: Id,
    number: z.string(),
    title: z.string(),
    outcome: z.string().describe("The outcome statement the priority works towards"),
    commitments: z.array(StrategyCommitment),
    version: Version,
  }),
);

export const StrategyDetail = component(
  "StrategyDetail",
  "A strategy with its whole framework: priorities with their commitments, and commitments outside any priority.",
  Strategy.extend({
    priorities: z.array(StrategyPriority),
    unassignedCommitments: z
      .array(StrategyCommitment)
      .describe("Commitments that belong to no priority: every commitment in a flat framework"),
    commitmentCount: z.int().min(0),
    ratingsHeadline: z
      .string()
      .nullable()
      .describe(
        'How many ratings are the latest round\'s: "27 rated in Q4 2025/26; 11 carried from earlier rounds"; null before any round',
      ),
  }),
);

export const Action = component(
  "Action",
  "An action of an action plan, as a row of the plan's table.",
  z.strictObject({
    id: Id,
    actionPlan: ActionPlanRef,
    commitment: CommitmentRef,
    priority: PriorityRef.nullable().describe("The commitment's priority; null in a flat framework"),
    what: z.string(),
    how: z.string(),
    leads: z.array(OrganisationRef).describe("Organisations leading the action, by name"),
    performanceTarget: z.string(),
    dueOn: IsoDate.nullable(),
    closed: z.boolean().describe("Closed actions need no more updates"),
    version: Version,
  }),
);

export const CommitmentDetail = component(
  "CommitmentDetail",
  "A commitment with its priority, cross-references in both directions and the actions delivering it.",
  z.strictObject({
    id: Id,
    number: z.string(),
    text: z.string(),
    strategy: StrategyRef,
    priority: PriorityRef.nullable().describe("Null in a flat framework"),
    seeAlso: z.array(CommitmentSummary).describe("Commitments this one cross-references"),
    referencedBy: z.array(CommitmentSummary).describe("Commitments that cross-reference this one"),
    actions: z.array(Action).describe("Actions delivering the commitment, in every action plan"),
    rating: EffectiveRating,
    createdAt: DateTime,
    version: Version,
  }),
);

export const ActionPlan = component(
  "ActionPlan",
  "An action plan: one period's actions towards a strategy.",
  z.strictObject({
    id: Id,
    strategyId: Id,
    name: z.string(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    createdAt: DateTime,
    version: Version,
  }),
);

export const ActionPlanList = component(
  "ActionPlanList",
  "Action plans, earliest first.",
  z.strictObject({ actionPlans: z.array(ActionPlan) }),
);

export const ActionPlanDetail = component(
  "ActionPlanDetail",
  "An action plan with its strategy and every action, in the order of the plan's table.",
  ActionPlan.extend({
    strategy: StrategyRef,
    actions: z.array(Action),
    actionCount: z.int().min(0),
  }),
);

export const Milestone = component(
  "Milestone",
  "A step towards completing an action.",
  z.strictObject({ id: Id, description: z.string(), dueOn: IsoDate.nullable(), done: z.boolean() }),
);

export const ActionDetail = component(
  "ActionDetail",
  "An action with its milestones.",
  Action.extend({
    milestones: z.array(Milestone),
    createdAt: DateTime,
  }),
);

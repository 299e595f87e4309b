// The endpoints: each one's path, parameters and response component.
import { z } from "zod";
import { governanceEndpoints } from "./endpoints-governance.ts";
import { idParam, idPath } from "./registry.ts";
import {
  ActionDetail,
  ActionPlanDetail,
  ActionPlanList,
  CommitmentDetail,
  Partnership,
  StrategyDetail,
  StrategyList,
} from "./schemas.ts";
import {
  AllocationList,
  ContractList,
  FundingStreamList,
  GrantPackage360,
  OcdsReleasePackage,
  SpendList,
} from "./schemas-funding.ts";
import {
  CommitmentRatingList,
  IndicatorList,
  ObservationList,
  OpenApiDocumentSchema,
  RoundList,
  UpdateList,
} from "./schemas-rounds.ts";

// ---------------------------------------------------------------------------------------------------
// Endpoints

export interface ApiEndpoint<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: "get";
  /** The path under API_PREFIX, with OpenAPI {name} parameters. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Path parameters; a value that does not parse is a 404. */
  params?: P;
  /** Query parameters; a value that does not parse is a 400. */
  query?: Q;
  /** The 200 response; must be a registered component. */
  response: R;
  /** Public endpoints need no token. */
  public?: boolean;
  /** Whether the endpoint can answer 404 besides for bad path parameters (e.g. an unknown filter id). */
  notFound?: boolean;
}

function endpoint<P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
  definition: ApiEndpoint<P, Q, R>,
): ApiEndpoint<P, Q, R> {
  return definition;
}

const emptyObject = z.object({});
const yearQuery = z.object({
  year: z
    .string()
    .regex(/^20\d\d$/, "must be a financial year's start, e.g. 2026 for 2026/27")
    .transform(Number)
    .optional()
    .describe("Only this financial year, by its start year (2026 is 2026/27)"),
});

export const endpoints = {
  getOpenApi: endpoint({
    operationId: "getOpenApi",
    method: "get",
    path: "/openapi.json",
    tag: "API",
    summary: "This OpenAPI document",
    params: emptyObject,
    query: emptyObject,
    response: OpenApiDocumentSchema,
    public: true,
  }),
  getPartnership: endpoint({
    operationId: "getPartnership",
    method: "get",
    path: "/partnership",
    tag: "Partnership",
    summary: "The token's partnership",
    description:
      "Every token belongs to one partnership; every other endpoint reads that partnership's data.",
    params: emptyObject,
    query: emptyObject,
    response: Partnership,
  }),
  listStrategies: endpoint({
    operationId: "listStrategies",
    method: "get",
    path: "/strategies",
    tag: "Strategy",
    summary: "List the partnership's strategies",
    params: emptyObject,
    query: emptyObject,
    response: StrategyList,
  }),
  getStrategy: endpoint({
    operationId: "getStrategy",
    method: "get",
    path: "/strategies/{id}",
    tag: "Strategy",
    summary: "A strategy with its priorities and commitments",
    params: idPath("The strategy's id"),
    query: emptyObject,
    response: StrategyDetail,
  }),
  getCommitment: endpoint({
    operationId: "getCommitment",
    method: "get",
    path: "/commitments/{id}",
    tag: "Strategy",
    summary: "A commitment with its cross-references and the actions delivering it",
    params: idPath("The commitment's id"),
    query: emptyObject,
    response: CommitmentDetail,
  }),
  listActionPlans: endpoint({
    operationId: "listActionPlans",
    method: "get",
    path: "/action-plans",
    tag: "Action plans",
    summary: "List action plans",
    description: "Every action plan of the partnership, or of one strategy. An unknown strategy id is a 404.",
    params: emptyObject,
    query: z.object({ strategyId: idParam("Only the plans of this strategy").optional() }),
    response: ActionPlanList,
    notFound: true,
  }),
  getActionPlan: endpoint({
    operationId: "getActionPlan",
    method: "get",
    path: "/action-plans/{id}",
    tag: "Action plans",
    summary: "An action plan with its actions",
    params: idPath("The action plan's id"),
    query: emptyObject,
    response: ActionPlanDetail,
  }),
  getAction: endpoint({
    operationId: "getAction",
    method: "get",
    path: "/actions/{id}",
    tag: "Action plans",
    summary: "An action with its milestones",
    params: idPath("The action's id"),
    query: emptyObject,
    response: ActionDetail,
  }),
  listIndicators: endpoint({
    operationId: "listIndicators",
    method: "get",
    path: "/indicators",
    tag: "Key statistics",
    summary: "List the key statistics with their latest figures and judgements",
    description:
      "A token marked public gets the figures as published: small numbers suppressed, and no judgement on a suppressed figure.",
    params: emptyObject,
    query: emptyObject,
    response: IndicatorList,
  }),
  listObservations: endpoint({
    operationId: "listObservations",
    method: "get",
    path: "/indicators/{id}/observations",
    tag: "Key statistics",
    summary: "Every figure of one indicator, for every period and area",
    description: "A token marked public gets the figures as published: small numbers suppressed.",
    params: idPath("The indicator's id"),
    query: emptyObject,
    response: ObservationList,
  }),
  listRounds: endpoint({
    operationId: "listRounds",
    method: "get",
    path: "/rounds",
    tag: "Update rounds",
    summary: "The partnership's update rounds",
    params: emptyObject,
    query: emptyObject,
    response: RoundList,
  }),
  listRoundUpdates: endpoint({
    operationId: "listRoundUpdates",
    method: "get",
    path: "/rounds/{id}/updates",
    tag: "Update rounds",
    summary: "A round's updates",
    description:
      "Accepted updates only, unless the token was created with --include-drafts (then drafts, submitted and returned updates too).",
    params: idPath("The round's id"),
    query: emptyObject,
    response: UpdateList,
  }),
  listRoundRatings: endpoint({
    operationId: "listRoundRatings",
    method: "get",
    path: "/rounds/{id}/ratings",
    tag: "Update rounds",
    summary: "The derived commitment ratings for a round, with the rule version",
    params: idPath("The round's id"),
    query: emptyObject,
    response: CommitmentRatingList,
  }),
  ...governanceEndpoints,
  listFundingStreams: endpoint({
    operationId: "listFundingStreams",
    method: "get",
    path: "/funding-streams",
    tag: "Money and commissioning",
    summary: "The funding streams with their contributions and each year's total",
    params: emptyObject,
    query: yearQuery,
    response: FundingStreamList,
  }),
  listAllocations: endpoint({
    operationId: "listAllocations",
    method: "get",
    path: "/allocations",
    tag: "Money and commissioning",
    summary: "Allocations with spend to date, forecast outturn and variance",
    description: "Not for a token marked public: 403.",
    params: emptyObject,
    query: yearQuery,
    response: AllocationList,
  }),
  listSpend: endpoint({
    operationId: "listSpend",
    method: "get",
    path: "/spend",
    tag: "Money and commissioning",
    summary: "Every quarterly spend return",
    description: "Not for a token marked public: 403.",
    params: emptyObject,
    query: yearQuery,
    response: SpendList,
  }),
  listContracts: endpoint({
    operationId: "listContracts",
    method: "get",
    path: "/contracts",
    tag: "Money and commissioning",
    summary: "The contract register with procurement milestones and their status",
    params: emptyObject,
    query: emptyObject,
    response: ContractList,
  }),
  listGrants360Giving: endpoint({
    operationId: "listGrants360Giving",
    method: "get",
    path: "/funding-streams.360giving.json",
    tag: "Money and commissioning",
    summary: "The contributions to funding streams as 360Giving grants",
    params: emptyObject,
    query: yearQuery,
    response: GrantPackage360,
  }),
  listContractsOcds: endpoint({
    operationId: "listContractsOcds",
    method: "get",
    path: "/contracts.ocds.json",
    tag: "Money and commissioning",
    summary: "The contract register as an OCDS 1.1 release package",
    params: emptyObject,
    query: emptyObject,
    response: OcdsReleasePackage,
  }),
};

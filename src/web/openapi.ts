// The read-only JSON API's contract: zod schemas for every response, the endpoints that return them,
// and the OpenAPI 3.1 document built from both. The routes (routes/api.ts) are registered from the
// same endpoint definitions and their handlers must return the schemas' types, so the document, the
// code and the tests (which validate real responses against these schemas) cannot drift apart.
//
// To add an endpoint: define its response schema with `component(...)`, add an entry to `endpoints`,
// and register a handler for it in routes/api.ts with `get(endpoints.yourEndpoint, …)`.
import { z } from "zod";

export const API_PREFIX = "/api/v1";

// ---------------------------------------------------------------------------------------------------
// Component schemas

/** Schemas that appear under components.schemas, keyed by their id there. */
const componentRegistry = z.registry<{ id: string }>();

/** Registers a schema as a named OpenAPI component; other schemas using it refer to it by $ref. */
function component<T extends z.ZodType>(id: string, description: string, schema: T): T {
  const described = schema.describe(description) as T;
  componentRegistry.add(described, { id });
  return described;
}

/** Database ids are PostgreSQL integers. */
const Id = z.int().min(1).max(2_147_483_647);
const DateTime = z.iso.datetime().describe("An instant, ISO 8601 in UTC, e.g. 2025-04-01T09:30:00.000Z");
const IsoDate = z.iso.date().describe("A calendar date, ISO 8601, e.g. 2025-03-31");
const Version = z
  .int()
  .min(1)
  .describe("Increases by one with every change to the record; useful for noticing changes");

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

const RatingEnum = z.enum(["red", "amber", "green", "grey", "complete"]);

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

// ---------------------------------------------------------------------------------------------------
// Parameters

/**
 * A record id in a path or query string. Only 1–9 digits are accepted, so anything else (and any id
 * beyond PostgreSQL's integer range) is rejected before it reaches the database.
 */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, "must be a positive whole number")
  .transform(Number);
const ID_PARAM_JSON = { type: "integer", minimum: 1, maximum: 999_999_999 } as const;

/** Id parameters, which the document describes as integers (describing a schema copies it). */
const idParams = new WeakSet<z.ZodType>();
export function idParam(description: string) {
  const schema = IdParam.describe(description);
  idParams.add(schema);
  return schema;
}

const idPath = (description: string) => z.object({ id: idParam(description) });

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
};

// ---------------------------------------------------------------------------------------------------
// The document

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  description?: string;
  schema: JsonSchema;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters: OpenApiParameter[];
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, unknown>;
      content?: Record<string, { schema: JsonSchema }>;
    }
  >;
}

// A type alias, not an interface, so it is assignable to the OpenApiDocument schema's loose object.
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, Partial<Record<ApiEndpoint["method"], OpenApiOperation>>>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, Record<string, unknown>>;
  };
};

const ref = (schema: z.ZodType): JsonSchema => {
  const meta = componentRegistry.get(schema);
  if (!meta) throw new Error("an endpoint's response must be a registered component schema");
  return { $ref: `#/components/schemas/${meta.id}` };
};

/** Component schemas as JSON Schema 2020-12 (OpenAPI 3.1's dialect), referring to each other by $ref. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(componentRegistry, {
    uri: (id) => `#/components/schemas/${id}`,
    // The format says it; zod's long regular expressions for ISO dates only add noise.
    override: ({ jsonSchema }) => {
      if (jsonSchema.format === "date" || jsonSchema.format === "date-time") delete jsonSchema.pattern;
    },
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function parameters(schema: z.ZodObject | undefined, location: "path" | "query"): OpenApiParameter[] {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const fieldSchema = field as z.ZodType;
    const json = z.toJSONSchema(fieldSchema, {
      io: "input",
      // Ids travel as text but are whole numbers; say so rather than give the regular expression.
      override: (ctx) => {
        if (!idParams.has(ctx.zodSchema as unknown as z.ZodType)) return;
        const { description } = ctx.jsonSchema;
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as JsonSchema)[key];
        Object.assign(ctx.jsonSchema, ID_PARAM_JSON, description === undefined ? {} : { description });
      },
    }) as JsonSchema;
    const { $schema: _dialect, description, ...rest } = json;
    const parameter: OpenApiParameter = {
      name,
      in: location,
      required: location === "path" || !fieldSchema.safeParse(undefined).success,
      schema: rest,
    };
    const text = fieldSchema.description ?? (typeof description === "string" ? description : undefined);
    if (text) parameter.description = text;
    return parameter;
  });
}

const errorContent = { "application/json": { schema: { $ref: "#/components/schemas/Error" } } };

function operation(e: ApiEndpoint): OpenApiOperation {
  const path = parameters(e.params, "path");
  const query = parameters(e.query, "query");
  const responses: OpenApiOperation["responses"] = {
    "200": {
      description: e.response.description ?? "OK",
      content: { "application/json": { schema: ref(e.response) } },
    },
  };
  if (query.length > 0)
    responses["400"] = { description: "A query parameter is not valid", content: errorContent };
  if (!e.public) {
    responses["401"] = {
      description: "The bearer token is missing, unknown or revoked",
      headers: { "WWW-Authenticate": { schema: { type: "string" }, description: "Bearer" } },
      content: errorContent,
    };
  }
  if (path.length > 0 || e.notFound) {
    responses["404"] = {
      description: "Not found, or belongs to another partnership",
      content: errorContent,
    };
  }
  const op: OpenApiOperation = {
    operationId: e.operationId,
    summary: e.summary,
    tags: [e.tag],
    parameters: [...path, ...query],
    responses,
  };
  if (e.description) op.description = e.description;
  if (e.public) op.security = [];
  return op;
}

export function buildOpenApiDocument(list: readonly ApiEndpoint[]): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const e of list) {
    const item = paths[e.path] ?? {};
    paths[e.path] = item;
    if (item[e.method]) throw new Error(`${e.method.toUpperCase()} ${e.path} is defined twice`);
    item[e.method] = operation(e);
  }
  const tags = [...new Set(list.map((e) => e.tag))].map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: {
      title: "Waymark API",
      version: "1.0.0",
      description:
        "Read-only access to one partnership's strategy, action plans and key statistics. Send an API token, issued " +
        "from the command line, as `Authorization: Bearer wmk_…`; the token decides the partnership.",
    },
    servers: [{ url: API_PREFIX }],
    tags,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "wmk_ token",
          description:
            "A partnership API token from `waymark token create --partnership <slug> --name <name>`.",
        },
      },
    },
  };
}

export const openApiDocument: OpenApiDocument = buildOpenApiDocument(Object.values(endpoints));

/** Turns an OpenAPI path ("/strategies/{id}") into a Fastify one ("/strategies/:id"). */
export function fastifyPath(openApiPath: string): string {
  return openApiPath.replace(/\{([^}]+)\}/g, ":$1");
}

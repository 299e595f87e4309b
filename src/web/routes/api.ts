// The read-only JSON API under /api/v1. A bearer token belongs to one partnership and decides whose
// data every endpoint reads; the routes take no partnership slug. Endpoints, their parameters and
// response schemas are defined once in ../openapi.ts; handlers here must return those schemas' types.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { TokenActor } from "../../services/actor.ts";
import { NotFoundError } from "../../services/errors.ts";
import type { Services } from "../../services/index.ts";
import type { CommitmentRatingView, StrategyRatings } from "../../services/rating-service.ts";
import {
  type Action,
  type ActionDetail,
  type ActionPlan,
  type ApiEndpoint,
  type CommitmentDetail,
  type EffectiveRating,
  endpoints,
  fastifyPath,
  openApiDocument,
  type Partnership,
  type Round,
  type Strategy,
  type StrategyCommitment,
  type StrategyDetail,
} from "../openapi.ts";
import { registerFundingApi } from "./api-funding.ts";
import { registerGovernanceApi } from "./api-governance.ts";
import { indicatorList, observationList } from "./api-indicators.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** Set on /api/v1 routes that need a token: the token acting, read-only, in its partnership. */
    apiActor?: TokenActor;
  }
}

type Out<T extends z.ZodType> = z.output<T>;

type Outline = Awaited<ReturnType<Services["strategies"]["outline"]>>;
type OutlineCommitment = Outline["unassigned"][number];
type CommitmentView = Awaited<ReturnType<Services["strategies"]["getCommitment"]>>;
type PlanTable = Awaited<ReturnType<Services["actionPlans"]["table"]>>;
type ActionRowView = PlanTable["groups"][number]["rows"][number];
type ActionView = Awaited<ReturnType<Services["actionPlans"]["getAction"]>>;
type StrategyRow = Outline["strategy"];
type ActionPlanRow = PlanTable["plan"];
type PartnershipRow = NonNullable<Awaited<ReturnType<Services["partnerships"]["findById"]>>>;

// ---------------------------------------------------------------------------------------------------
// Response shapes: explicit, so a new column never reaches API clients by accident.

type RoundRow = Awaited<ReturnType<Services["updateFeed"]["rounds"]>>[number];

const toRound = (r: RoundRow): Out<typeof Round> => ({
  id: r.id,
  name: r.name,
  actionPlanId: r.actionPlanId,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  deadline: r.deadline,
  graceDays: r.graceDays,
  status: r.status,
  openedAt: r.openedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
});

const toPartnership = (p: PartnershipRow): Out<typeof Partnership> => ({
  id: p.id,
  slug: p.slug,
  name: p.name,
  areaName: p.areaName,
});

const toStrategy = (s: StrategyRow): Out<typeof Strategy> => ({
  id: s.id,
  title: s.title,
  startYear: s.startYear,
  endYear: s.endYear,
  vision: s.vision,
  framework: s.framework,
  itemLabel: s.itemLabel,
  createdAt: s.createdAt.toISOString(),
  version: s.version,
});

const toEffectiveRating = (view: CommitmentRatingView): Out<typeof EffectiveRating> => ({
  rating: view.rating,
  overridden: view.overridden,
  currentRound: view.currentRoundName,
  ratingRound: view.provenance.round?.name ?? null,
  ratingIsCurrent: view.provenance.isCurrent,
  ratingNote: view.provenance.note,
  label: view.labelWithProvenance,
});

const toStrategyCommitment = (
  c: OutlineCommitment,
  ratings: StrategyRatings,
): Out<typeof StrategyCommitment> => ({
  id: c.id,
  number: c.number,
  text: c.text,
  priorityId: c.priorityId,
  seeAlso: c.seeAlso.map((other) => ({ id: other.id, number: other.number })),
  actionCount: c.actionCount,
  rating: toEffectiveRating(ratingFor(ratings, c.id)),
  version: c.version,
});

function ratingFor(ratings: StrategyRatings, commitmentId: number): CommitmentRatingView {
  const view = ratings.byCommitment.get(commitmentId);
  // Read in the same request from the same strategy: a commitment missing here is a bug, not a 404.
  if (!view) throw new Error(`no rating read for commitment ${commitmentId}`);
  return view;
}

const toStrategyDetail = (outline: Outline, ratings: StrategyRatings): Out<typeof StrategyDetail> => ({
  ...toStrategy(outline.strategy),
  priorities: outline.groups.map(({ priority, commitments }) => ({
    id: priority.id,
    number: priority.number,
    title: priority.title,
    outcome: priority.outcome,
    commitments: commitments.map((c) => toStrategyCommitment(c, ratings)),
    version: priority.version,
  })),
  unassignedCommitments: outline.unassigned.map((c) => toStrategyCommitment(c, ratings)),
  commitmentCount: outline.commitmentCount,
  ratingsHeadline: ratings.headline,
});

const toAction = (row: Omit<ActionRowView, "canEdit">): Out<typeof Action> => ({
  id: row.action.id,
  actionPlan: { id: row.plan.id, name: row.plan.name },
  commitment: { id: row.commitment.id, number: row.commitment.number },
  priority: row.priority
    ? { id: row.priority.id, number: row.priority.number, title: row.priority.title }
    : null,
  what: row.action.what,
  how: row.action.how,
  leads: row.leads.map((lead) => ({ id: lead.id, name: lead.name })),
  performanceTarget: row.action.performanceTarget,
  dueOn: row.action.dueOn,
  closed: row.action.closed,
  version: row.action.version,
});

const toCommitmentSummary = (c: { id: number; number: string; text: string }) => ({
  id: c.id,
  number: c.number,
  text: c.text,
});

const toCommitmentDetail = (
  view: CommitmentView,
  actions: ActionRowView[],
  rating: Out<typeof EffectiveRating>,
): Out<typeof CommitmentDetail> => ({
  id: view.commitment.id,
  number: view.commitment.number,
  text: view.commitment.text,
  strategy: { id: view.strategy.id, title: view.strategy.title },
  priority: view.priority
    ? { id: view.priority.id, number: view.priority.number, title: view.priority.title }
    : null,
  seeAlso: view.seeAlso.map(toCommitmentSummary),
  referencedBy: view.referencedBy.map(toCommitmentSummary),
  actions: actions.map(toAction),
  rating,
  createdAt: view.commitment.createdAt.toISOString(),
  version: view.commitment.version,
});

const toActionPlan = (p: ActionPlanRow): Out<typeof ActionPlan> => ({
  id: p.id,
  strategyId: p.strategyId,
  name: p.name,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  createdAt: p.createdAt.toISOString(),
  version: p.version,
});

const toActionDetail = (view: ActionView): Out<typeof ActionDetail> => ({
  ...toAction(view),
  milestones: view.milestones.map((m) => ({
    id: m.id,
    description: m.description,
    dueOn: m.dueOn,
    done: m.done,
  })),
  createdAt: view.action.createdAt.toISOString(),
});

// ---------------------------------------------------------------------------------------------------
// Authentication

const TOKEN_PATTERN = /^Bearer +(wmk_[A-Za-z0-9_-]{1,200}) *$/i;

function bearerToken(header: string | undefined): string | undefined {
  return header ? TOKEN_PATTERN.exec(header)?.[1] : undefined;
}

function unauthorised(reply: FastifyReply, given: boolean) {
  // RFC 6750: a request without credentials gets a bare challenge; a bad token says why.
  return reply
    .code(401)
    .header("www-authenticate", given ? 'Bearer error="invalid_token"' : "Bearer")
    .send({
      error: given
        ? "The API token is not valid or has been revoked"
        : "Send an API token: Authorization: Bearer wmk_…",
    });
}

/** The token the scope's hook authenticated; every non-public API route has one. */
export function apiActorOf(request: FastifyRequest): TokenActor {
  if (!request.apiActor) throw new Error("route used outside the API token scope");
  return request.apiActor;
}

// ---------------------------------------------------------------------------------------------------
// Routes

interface Input<P extends z.ZodObject, Q extends z.ZodObject> {
  params: z.output<P>;
  query: z.output<Q>;
}

function parseInput<P extends z.ZodObject, Q extends z.ZodObject>(
  endpoint: ApiEndpoint<P, Q, z.ZodType>,
  request: FastifyRequest,
): Input<P, Q> {
  const params = endpoint.params
    ? endpoint.params.safeParse(request.params)
    : { success: true as const, data: {} };
  // A path that names no record of this partnership, however malformed, is simply not found.
  if (!params.success) throw new NotFoundError();
  const query = endpoint.query
    ? endpoint.query.safeParse(request.query ?? {})
    : { success: true as const, data: {} };
  if (!query.success) {
    const issue = query.error.issues[0];
    const name = issue?.path.join(".") || "query";
    throw Object.assign(new Error(`Query parameter ${name}: ${issue?.message ?? "not valid"}`), {
      statusCode: 400,
    });
  }
  return { params: params.data as z.output<P>, query: query.data as z.output<Q> };
}

export function registerApiRoutes(app: FastifyInstance, services: Services): void {
  app.decorateRequest("apiActor", undefined);

  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.config.access === "public") return;
    // Partnership data: never stored by browsers or shared caches.
    reply.header("cache-control", "no-store");
    const token = bearerToken(request.headers.authorization);
    const actor = token ? await services.auth.authenticateToken(token) : null;
    if (!actor) return unauthorised(reply, request.headers.authorization !== undefined);
    request.apiActor = actor;
  });

  /** A token-authenticated GET whose handler must return the endpoint's response type. */
  function get<P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
    endpoint: ApiEndpoint<P, Q, R>,
    handler: (actor: TokenActor, input: Input<P, Q>) => Promise<z.output<R>>,
  ): void {
    if (endpoint.public) throw new Error(`${endpoint.operationId} is public; register it with getPublic`);
    app.get(fastifyPath(endpoint.path), { config: { access: "api" } }, async (request) =>
      handler(apiActorOf(request), parseInput(endpoint, request)),
    );
  }

  function getPublic<P extends z.ZodObject, Q extends z.ZodObject, R extends z.ZodType>(
    endpoint: ApiEndpoint<P, Q, R>,
    handler: (input: Input<P, Q>) => Promise<z.output<R>>,
  ): void {
    if (!endpoint.public) throw new Error(`${endpoint.operationId} needs a token; register it with get`);
    app.get(fastifyPath(endpoint.path), { config: { access: "public" } }, async (request) =>
      handler(parseInput(endpoint, request)),
    );
  }

  const { strategies, actionPlans, partnerships } = services;

  getPublic(endpoints.getOpenApi, async () => openApiDocument);

  get(endpoints.getPartnership, async (actor) => {
    const partnership = await partnerships.findById(actor.partnershipId);
    if (!partnership) throw new NotFoundError("That partnership");
    return toPartnership(partnership);
  });

  get(endpoints.listStrategies, async (actor) => ({
    strategies: (await strategies.list(actor)).map(toStrategy),
  }));

  get(endpoints.getStrategy, async (actor, { params }) => {
    const outline = await strategies.outline(actor, params.id);
    return toStrategyDetail(outline, await services.ratings.strategyRatings(actor, outline.strategy.id));
  });

  get(endpoints.getCommitment, async (actor, { params }) => {
    const [view, actions, rating] = await Promise.all([
      strategies.getCommitment(actor, params.id),
      actionPlans.actionsForCommitment(actor, params.id),
      services.ratings.commitmentRating(actor, params.id),
    ]);
    return toCommitmentDetail(view, actions, toEffectiveRating(rating));
  });

  get(endpoints.listActionPlans, async (actor, { query }) => {
    // Filtering by a strategy the token cannot see is a 404, not an empty list.
    if (query.strategyId !== undefined) await strategies.get(actor, query.strategyId);
    return { actionPlans: (await actionPlans.list(actor, query.strategyId)).map(toActionPlan) };
  });

  get(endpoints.getActionPlan, async (actor, { params }) => {
    const table = await actionPlans.table(actor, params.id);
    const actions = table.groups.flatMap((group) => group.rows).map(toAction);
    return {
      ...toActionPlan(table.plan),
      strategy: { id: table.strategy.id, title: table.strategy.title },
      actions,
      actionCount: actions.length,
    };
  });

  get(endpoints.getAction, async (actor, { params }) =>
    toActionDetail(await actionPlans.getAction(actor, params.id)),
  );

  get(endpoints.listRounds, async (actor) => ({
    rounds: (await services.updateFeed.rounds(actor)).map(toRound),
  }));

  get(endpoints.listRoundUpdates, async (actor, { params }) => {
    const feed = await services.updateFeed.updates(actor, params.id);
    return {
      round: toRound(feed.round),
      includesDrafts: feed.includesDrafts,
      updates: feed.rows.map(({ update, commitmentId, organisation }) => ({
        id: update.id,
        actionId: update.actionId,
        commitmentId,
        status: update.status,
        rating: update.rating,
        narrative: update.narrative,
        remedy: update.remedy,
        toNote: update.toNote,
        evidenceLinks: update.evidenceLinks,
        organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
        submittedAt: update.submittedAt?.toISOString() ?? null,
        acceptedAt: update.acceptedAt?.toISOString() ?? null,
      })),
    };
  });

  get(endpoints.listRoundRatings, async (actor, { params }) => {
    const feed = await services.updateFeed.ratings(actor, params.id);
    return {
      round: toRound(feed.round),
      ratings: feed.rows.map(({ rating, number }) => ({
        commitmentId: rating.commitmentId,
        number,
        rating: rating.derivedRating,
        ruleVersion: rating.ruleVersion,
        explanation: rating.explanation,
      })),
    };
  });

  get(endpoints.listIndicators, async (actor) => indicatorList(services, actor));

  get(endpoints.listObservations, async (actor, { params }) => observationList(services, actor, params.id));

  registerGovernanceApi(get, services);
  registerFundingApi(get, services);
}

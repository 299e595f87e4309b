// Builds a report (model.ts) from live data, for a partnership, a strategy or action plan, a round,
// and "as at" a date. A report as at a past date shows exactly what was known at the end of that
// day (see history.ts), so it comes out the same however often, and however much later, it is made.
//
// What is read as it is now: the strategy's framework (priorities, commitments, cross-references) and
// the action plans' actions, which keep no history of their wording. What is read from history:
// rounds, accepted updates, derived ratings' rule versions and the coordinator's overrides.

import { readsOverlap } from "../data/read-together.ts";
import { listReportChoices, type ReportChoices } from "../data/reports.ts";
import type { Executor } from "../db/database.ts";
import type { ReportMode } from "../domain/board-paper.ts";
import { type IsoDate, isIsoDate, ukDateOf } from "../domain/periods.ts";
import type { Actor } from "../services/actor.ts";
import { type FieldError, NotFoundError, ValidationError } from "../services/errors.ts";
import { partnershipOf } from "../services/permissions.ts";
import { readCover } from "./board-paper.ts";
import { buildActionPlan, buildRoundSummary } from "./build-plan.ts";
import {
  buildAnnualReport,
  buildStrategyReview,
  readStrategy,
  type StrategyReads,
} from "./build-strategy.ts";
import { endOfUkDay } from "./history.ts";
import type { ReportDocument, ReportKind } from "./model.ts";

export interface ReportOptions {
  readonly kind: ReportKind;
  readonly strategyId?: number;
  readonly actionPlanId?: number;
  readonly roundId?: number;
  /** A UK calendar date, YYYY-MM-DD; today when left out. */
  readonly asAt?: IsoDate;
  /** "full" (every accepted narrative, the default) or "summary" (a board summary per year). */
  readonly mode?: ReportMode;
}

export type StrategyChoice = ReportChoices["strategies"][number];
export type PlanChoice = ReportChoices["plans"][number];
export type RoundChoice = ReportChoices["rounds"][number];

/** Everything a report builder needs, resolved and checked. */
export interface BuildContext {
  readonly db: Executor;
  readonly partnershipId: number;
  readonly partnership: { slug: string; name: string };
  readonly asAt: IsoDate;
  /** The first instant after the as-at day: history before it counts. */
  readonly before: Date;
  readonly strategy: StrategyChoice;
  /** The chosen or latest action plan of the strategy (null when it has none). */
  readonly plan: PlanChoice | null;
  /** The chosen round; null means "the latest round opened by the as-at date". */
  readonly round: RoundChoice | null;
  readonly plans: readonly PlanChoice[];
  /** Every round of the partnership, oldest first (history is picked from them). */
  readonly rounds: readonly RoundChoice[];
  /** "summary": progress cells show each year's board summary instead of every narrative. */
  readonly mode: ReportMode;
  /** The strategy's reads, when already under way (see buildReport); null: not started yet. */
  readonly strategyReads: Promise<StrategyReads> | null;
}

const longDateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** "2025-10-30" → "30 October 2025". */
export function longDate(iso: IsoDate): string {
  return longDateFormat.format(new Date(`${iso}T00:00:00Z`));
}

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The common parts of every report document. */
export function documentBase(context: BuildContext, kind: ReportKind, title: string) {
  return {
    kind,
    title,
    partnershipName: context.partnership.name,
    asAt: context.asAt,
    asAtLabel: `As at ${longDate(context.asAt)}`,
    fileStem: `${context.partnership.slug}-${kind}-${context.asAt}`,
  };
}

/** Ids from a query string: a positive whole number, or undefined for "" and "latest". */
export function optionalId(value: unknown): number | undefined | "invalid" {
  if (value === undefined || value === null || value === "" || value === "latest") return undefined;
  const text = String(value);
  if (!/^\d{1,9}$/.test(text)) return "invalid";
  const id = Number(text);
  return id > 0 ? id : "invalid";
}

async function resolve(
  db: Executor,
  partnershipId: number,
  options: ReportOptions,
  today: IsoDate,
  strategyReads: Promise<StrategyReads> | null,
): Promise<BuildContext> {
  const errors: FieldError[] = [];
  const asAt = options.asAt ?? today;
  if (!isIsoDate(asAt)) errors.push({ field: "asAt", message: "The as-at date must be a real date" });
  else if (asAt > today)
    errors.push({ field: "asAt", message: "The as-at date must be today or in the past" });
  const choices = await listReportChoices(db, partnershipId);
  const partnership = choices.partnership;
  if (!partnership) throw new NotFoundError("That partnership");
  if (errors.length > 0) throw new ValidationError(errors);
  const before = endOfUkDay(asAt);

  const plan =
    options.actionPlanId === undefined ? undefined : choices.plans.find((p) => p.id === options.actionPlanId);
  if (options.actionPlanId !== undefined && !plan)
    errors.push({ field: "actionPlanId", message: "Select an action plan from the list" });
  const round =
    options.roundId === undefined ? undefined : choices.rounds.find((r) => r.id === options.roundId);
  if (options.roundId !== undefined && !round)
    errors.push({ field: "roundId", message: "Select a round from the list" });
  else if (round && round.openedAt >= before) {
    errors.push({ field: "roundId", message: `${round.name} had not been opened by ${longDate(asAt)}` });
  }
  if (options.strategyId !== undefined && !choices.strategies.some((s) => s.id === options.strategyId))
    errors.push({ field: "strategyId", message: "Select a strategy from the list" });
  if (errors.length > 0) throw new ValidationError(errors);

  // The strategy: the one asked for, else the plan's or round's, else the round summary's latest
  // round's, else the latest strategy.
  const latestRound = choices.rounds.filter((r) => r.openedAt < before).at(-1);
  const strategyId =
    options.strategyId ??
    plan?.strategyId ??
    round?.strategyId ??
    (options.kind === "round-summary" ? latestRound?.strategyId : undefined) ??
    choices.strategies.at(-1)?.id;
  const strategy = choices.strategies.find((s) => s.id === strategyId);
  if (!strategy)
    throw new ValidationError([{ field: "strategyId", message: "There is no strategy to report on yet" }]);
  if (plan && plan.strategyId !== strategy.id)
    errors.push({ field: "actionPlanId", message: `That action plan is not part of ${strategy.title}` });
  if (round && round.strategyId !== strategy.id)
    errors.push({ field: "roundId", message: `That round is not part of ${strategy.title}` });
  if (errors.length > 0) throw new ValidationError(errors);

  const plans = choices.plans.filter((p) => p.strategyId === strategy.id);
  const chosenPlan = plan ?? plans.filter((p) => p.startsOn <= asAt).at(-1) ?? plans.at(-1) ?? null;
  return {
    db,
    partnershipId,
    partnership,
    asAt,
    before,
    strategy,
    plan: chosenPlan,
    round: round ?? null,
    plans,
    rounds: choices.rounds,
    mode: options.mode ?? "full",
    // Started for options.strategyId, which is the strategy here (or the checks above have failed).
    strategyReads,
  };
}

/**
 * When the options name the strategy, its reads (most of a report's data) start at once, beside the
 * reads that check the options, rather than after them: the report waits for one round trip fewer.
 * Not in a transaction, whose one connection takes one query at a time. If the checks then fail,
 * the reads are left unused, and so is any error of theirs.
 */
function startStrategyReads(
  db: Executor,
  partnershipId: number,
  options: ReportOptions,
  today: IsoDate,
): Promise<StrategyReads> | null {
  const asAt = options.asAt ?? today;
  if (options.strategyId === undefined || !isIsoDate(asAt) || asAt > today || !readsOverlap(db)) return null;
  const reads = readStrategy(db, partnershipId, options.strategyId, endOfUkDay(asAt));
  reads.catch(() => undefined);
  return reads;
}

/**
 * Builds one report. Any member may read every report (it shows accepted updates only). Options that
 * name nothing in the partnership, or a date in the future, raise ValidationError with the field.
 */
export async function buildReport(
  db: Executor,
  actor: Actor,
  options: ReportOptions,
  clock: () => Date = () => new Date(),
): Promise<ReportDocument> {
  const partnershipId = partnershipOf(actor);
  const today = ukDateOf(clock());
  const strategyReads = startStrategyReads(db, partnershipId, options, today);
  const context = await resolve(db, partnershipId, options, today, strategyReads);
  const build = () => {
    switch (options.kind) {
      case "strategy-review":
        return buildStrategyReview(context);
      case "annual-report":
        return buildAnnualReport(context);
      case "action-plan":
        return buildActionPlan(context);
      case "round-summary":
        return buildRoundSummary(context);
    }
  };
  // The covering report is one more read beside the report's own (after them in a transaction).
  const [doc, cover] = readsOverlap(db)
    ? await Promise.all([build(), readCover(options.kind, context)])
    : [await build(), await readCover(options.kind, context)];
  return cover.length > 0 ? { ...doc, cover } : doc;
}

/** The reports page's choices for a partnership. */
export async function reportChoices(db: Executor, actor: Actor): Promise<ReportChoices> {
  return listReportChoices(db, partnershipOf(actor));
}

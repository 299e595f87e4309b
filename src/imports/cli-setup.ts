import type { Command } from "commander";
import { z } from "zod";
import {
  financialYearEnd,
  financialYearStart,
  formatFinancialYear,
  parseFinancialYear,
} from "../domain/periods.ts";
import { parseYearSpan } from "../domain/strategy-period.ts";
import { systemActor } from "../services/actor.ts";
import { ValidationError } from "../services/errors.ts";
import type { Services } from "../services/index.ts";

// What a new partnership needs before its first import, from the command line:
//   waymark strategy add --partnership SLUG --title T --period 2016-2021 [--flat] [--item-label L]
//   waymark action-plan add --partnership SLUG --period 2017-18 [--strategy ID]
// The import commands can also create either inside their own transaction (cli-command.ts).

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

const refuse = (field: string, message: string) => new ValidationError([{ field, message }]);

const title = z
  .string()
  .trim()
  .min(1, "Enter the strategy's title")
  .max(200, "The strategy's title must be 200 characters or fewer");

/** "2016-2021" → years; a ValidationError naming --period otherwise. */
export function strategyPeriod(text: string): { startYear: number; endYear: number } {
  const span = parseYearSpan(text);
  if (!span) throw refuse("period", `--period must be the strategy's years, like 2016-2021 (not "${text}")`);
  return span;
}

/** "2017-18" → the financial year's start; a ValidationError naming --period otherwise. */
export function planYear(text: string): number {
  const fy = parseFinancialYear(text);
  if (!fy) throw refuse("period", `--period must be a financial year, like 2017-18 (not "${text}")`);
  return fy.startYear;
}

export function strategyTitle(text: string): string {
  const parsed = title.safeParse(text);
  if (!parsed.success) throw refuse("title", parsed.error.issues[0]?.message ?? "Enter the title");
  return parsed.data;
}

export function parseId(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw refuse("id", `${what} must be a number, like 3`);
  return Number(value);
}

export async function partnershipActor(services: Services, slug: string) {
  const partnership = await services.partnerships.findBySlug(slug);
  if (!partnership) throw refuse("partnership", `No partnership has the slug "${slug}".`);
  return { partnership, actor: systemActor("cli", partnership.id) };
}

export function addSetupCommands(program: Command, withServices: WithServices): void {
  program
    .command("strategy")
    .description("strategies")
    .command("add")
    .description("add a strategy to a partnership")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .requiredOption("--title <title>", "the strategy's title")
    .requiredOption("--period <years>", "the years it runs over, like 2016-2021")
    .option("--flat", "a single numbered list (e.g. recommendations), with no priorities")
    .option("--item-label <word>", "what its items are called", "Commitment")
    .action(
      async (options: {
        partnership: string;
        title: string;
        period: string;
        flat?: boolean;
        itemLabel: string;
      }) => {
        const input = {
          title: strategyTitle(options.title),
          ...strategyPeriod(options.period),
          vision: "",
          framework: options.flat ? ("flat" as const) : ("priorities" as const),
          itemLabel: strategyTitle(options.itemLabel),
        };
        await withServices(async (services) => {
          const { partnership, actor } = await partnershipActor(services, options.partnership);
          const row = await services.strategies.create(actor, input);
          console.log(
            `Added strategy ${row.title} (${row.startYear}–${row.endYear}) to ${partnership.name}: id ${row.id}.`,
          );
        });
      },
    );

  program
    .command("action-plan")
    .description("action plans")
    .command("add")
    .description("add a yearly action plan to a strategy")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .requiredOption("--period <year>", "the financial year, like 2017-18")
    .option("--strategy <id>", "the strategy (default: the partnership's latest)")
    .action(async (options: { partnership: string; period: string; strategy?: string }) => {
      const startYear = planYear(options.period);
      const strategyId = parseId(options.strategy, "--strategy");
      await withServices(async (services) => {
        const { partnership, actor } = await partnershipActor(services, options.partnership);
        const strategy = await latestOrChosenStrategy(services, actor, strategyId, partnership.name);
        const fy = { startYear };
        const row = await services.actionPlans.create(actor, strategy.id, {
          name: formatFinancialYear(fy, "dash"),
          startsOn: financialYearStart(fy),
          endsOn: financialYearEnd(fy),
        });
        console.log(`Added action plan ${row.name} to ${strategy.title}: id ${row.id}.`);
      });
    });
}

/** The strategy named by --strategy, or the partnership's latest; refused when there is none. */
export async function latestOrChosenStrategy(
  services: Services,
  actor: ReturnType<typeof systemActor>,
  strategyId: number | undefined,
  partnershipName: string,
) {
  const strategies = await services.strategies.list(actor);
  const strategy = strategyId === undefined ? strategies.at(-1) : strategies.find((s) => s.id === strategyId);
  if (strategy) return strategy;
  throw refuse(
    "strategy",
    strategyId === undefined
      ? `${partnershipName} has no strategy yet. Add one with "waymark strategy add", or import its framework ` +
          'with "waymark import framework FILE --create-strategy TITLE --period 2016-2021"'
      : "No strategy has that id",
  );
}

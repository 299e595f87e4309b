import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Argument, type Command } from "commander";
import { ValidationError } from "../services/errors.ts";
import type { ImportTarget } from "../services/import-service.ts";
import type { Services } from "../services/index.ts";
import {
  latestOrChosenStrategy,
  parseId,
  partnershipActor,
  planYear,
  strategyPeriod,
  strategyTitle,
} from "./cli-setup.ts";
import { READ_LIMITS } from "./read-table.ts";
import { changeSentence, plural, previewLines } from "./summary.ts";

// `waymark import framework|action-plan FILE --partnership SLUG [--strategy ID] [--action-plan ID]
// [--create-strategy TITLE --period 2016-2021] [--create-plan 2017-18] [--dry-run]`: the same preview
// and problems as the web page; exits non-zero when the file has problems; without --dry-run it
// imports, adding every new organisation as new (or, with --use-suggestions, as the existing one
// suggested for it) and keeping every suggested match of a commitment.
// --create-strategy and --create-plan create the strategy or plan in the import's own transaction:
// if the import fails, nothing is created.

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

interface Options {
  partnership: string;
  strategy?: string;
  actionPlan?: string;
  createStrategy?: string;
  createPlan?: string;
  period?: string;
  useSuggestions?: boolean;
  dryRun?: boolean;
}

const refuse = (message: string) => new ValidationError([{ field: "file", message }]);

export function addImportCommand(program: Command, withServices: WithServices): void {
  program
    .command("import")
    .description("import a strategy framework or an action plan from an Excel (.xlsx) or CSV file")
    .addArgument(new Argument("<kind>", "what the file holds").choices(["framework", "action-plan"]))
    .argument("<file>", "the .xlsx or .csv file")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .option("--strategy <id>", "the strategy (default: the partnership's latest)")
    .option("--action-plan <id>", "the action plan (default: the strategy's latest)")
    .option("--create-strategy <title>", "framework: create the strategy, with --period")
    .option("--period <years>", "with --create-strategy: the years it runs over, like 2016-2021")
    .option("--create-plan <year>", "action plan: create the plan for this financial year, like 2017-18")
    .option(
      "--use-suggestions",
      "map each new lead to the existing organisation suggested for it (shown as 'perhaps …')",
    )
    .option("--dry-run", "show what would be imported and any problems; change nothing")
    .action(async (kind: ImportTarget["kind"], file: string, options: Options) => {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw refuse(`There is no file at ${file}`);
      if (info.size > READ_LIMITS.maxBytes) {
        throw refuse(`The file must be smaller than ${READ_LIMITS.maxBytes / 1024 / 1024} MB`);
      }
      const data = await readFile(file);
      if (options.createStrategy !== undefined && kind !== "framework")
        throw refuse("--create-strategy is for importing a framework");
      if (options.createPlan !== undefined && kind !== "action-plan")
        throw refuse("--create-plan is for importing an action plan");
      if (options.createStrategy !== undefined && options.period === undefined)
        throw refuse("--create-strategy needs --period, like 2016-2021");
      const createStrategy =
        options.createStrategy === undefined
          ? null
          : { title: strategyTitle(options.createStrategy), ...strategyPeriod(options.period!) };
      const createPlanYear = options.createPlan === undefined ? null : planYear(options.createPlan);
      await withServices(async (services) => {
        const { partnership, actor } = await partnershipActor(services, options.partnership);
        const strategyId = parseId(options.strategy, "--strategy");
        const planId = parseId(options.actionPlan, "--action-plan");
        let target: ImportTarget;
        if (createStrategy) {
          target = { kind: "framework", createStrategy };
        } else if (kind === "framework") {
          const strategy = await latestOrChosenStrategy(services, actor, strategyId, partnership.name);
          target = { kind, strategyId: strategy.id };
        } else if (createPlanYear !== null) {
          const strategy = await latestOrChosenStrategy(services, actor, strategyId, partnership.name);
          target = { kind, createPlan: { strategyId: strategy.id, startYear: createPlanYear } };
        } else {
          const strategy =
            planId === undefined
              ? await latestOrChosenStrategy(services, actor, strategyId, partnership.name)
              : null;
          const plans = await services.actionPlans.list(
            actor,
            planId === undefined ? strategy!.id : undefined,
          );
          const plan = planId === undefined ? plans.at(-1) : plans.find((p) => p.id === planId);
          if (!plan)
            throw refuse(
              planId === undefined
                ? `${strategy!.title} has no action plan yet. Add one with "waymark action-plan add", or ` +
                    "import it with --create-plan 2017-18"
                : "No action plan has that id",
            );
          target = { kind, actionPlanId: plan.id };
        }
        const result = await services.imports.preview(actor, target, { filename: path.basename(file), data });
        for (const line of previewLines(result.preview, result.strategy.itemLabel)) console.log(line);
        if (result.counts.errors === 0 && !result.token) {
          console.log("Nothing to import: everything in the file is already there.");
          return;
        }
        if (!result.token) {
          throw refuse(
            `The file has ${plural(result.counts.errors, "problem")} to fix; nothing was imported.`,
          );
        }
        if (options.dryRun) {
          console.log("Dry run: nothing was imported.");
          return;
        }
        const organisations: Record<number, number | "new"> = {};
        if (options.useSuggestions && result.preview.kind === "action-plan") {
          result.preview.newOrganisations.forEach((o, i) => {
            if (o.suggestion) organisations[i] = o.suggestion.id;
          });
        }
        const applied = await services.imports.apply(actor, target, result.token, { organisations });
        if (createStrategy) console.log(`Created strategy ${createStrategy.title}: id ${applied.targetId}.`);
        if (createPlanYear !== null)
          console.log(`Created action plan ${options.createPlan}: id ${applied.targetId}.`);
        const counts = { ...applied.counts, newOrganisations: applied.addedOrganisations };
        const mapped = applied.mappedOrganisations
          ? `; ${plural(applied.mappedOrganisations, "lead")} mapped to existing organisations`
          : "";
        console.log(`Imported: ${changeSentence(counts, result.strategy.itemLabel)}${mapped}.`);
      });
    });
}

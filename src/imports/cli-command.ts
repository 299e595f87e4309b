import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { Argument, type Command } from "commander";
import { systemActor } from "../services/actor.ts";
import { ValidationError } from "../services/errors.ts";
import type { ImportTarget } from "../services/import-service.ts";
import type { Services } from "../services/index.ts";
import { READ_LIMITS } from "./read-table.ts";
import { changeSentence, plural, previewLines } from "./summary.ts";

// `waymark import framework|action-plan FILE --partnership SLUG [--strategy ID] [--action-plan ID]
// [--dry-run]`: the same preview and problems as the web page; exits non-zero when the file has
// problems; without --dry-run it imports, adding every new organisation as new.

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

interface Options {
  partnership: string;
  strategy?: string;
  actionPlan?: string;
  dryRun?: boolean;
}

const refuse = (message: string) => new ValidationError([{ field: "file", message }]);

function parseId(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw refuse(`${what} must be a number, like 3`);
  return Number(value);
}

export function addImportCommand(program: Command, withServices: WithServices): void {
  program
    .command("import")
    .description("import a strategy framework or an action plan from an Excel (.xlsx) or CSV file")
    .addArgument(new Argument("<kind>", "what the file holds").choices(["framework", "action-plan"]))
    .argument("<file>", "the .xlsx or .csv file")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .option("--strategy <id>", "the strategy (default: the partnership's latest)")
    .option("--action-plan <id>", "the action plan (default: the strategy's latest)")
    .option("--dry-run", "show what would be imported and any problems; change nothing")
    .action(async (kind: ImportTarget["kind"], file: string, options: Options) => {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw refuse(`There is no file at ${file}`);
      if (info.size > READ_LIMITS.maxBytes) {
        throw refuse(`The file must be smaller than ${READ_LIMITS.maxBytes / 1024 / 1024} MB`);
      }
      const data = await readFile(file);
      await withServices(async (services) => {
        const partnership = await services.partnerships.findBySlug(options.partnership);
        if (!partnership) throw refuse(`No partnership has the slug "${options.partnership}".`);
        const actor = systemActor("cli", partnership.id);
        const strategyId = parseId(options.strategy, "--strategy");
        const planId = parseId(options.actionPlan, "--action-plan");
        const strategies = await services.strategies.list(actor);
        const strategy =
          strategyId === undefined ? strategies.at(-1) : strategies.find((s) => s.id === strategyId);
        if (!strategy && (kind === "framework" || planId === undefined)) {
          throw refuse(
            strategyId === undefined ? `${partnership.name} has no strategy yet` : "No strategy has that id",
          );
        }
        let target: ImportTarget;
        if (kind === "framework") {
          target = { kind, strategyId: strategy!.id };
        } else {
          const plans = await services.actionPlans.list(
            actor,
            planId === undefined ? strategy!.id : undefined,
          );
          const plan = planId === undefined ? plans.at(-1) : plans.find((p) => p.id === planId);
          if (!plan)
            throw refuse(
              planId === undefined
                ? `${strategy!.title} has no action plan yet`
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
        const applied = await services.imports.apply(actor, target, result.token, { organisations: {} });
        console.log(`Imported: ${changeSentence(applied.counts, result.strategy.itemLabel)}.`);
      });
    });
}

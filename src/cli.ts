import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { Command, InvalidArgumentError, Option } from "commander";
import {
  isClusterWorker,
  parseWorkers,
  serveAsWorker,
  startCluster,
  stopClusterOnSignals,
  WorkersRefused,
} from "./cluster.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { DataDirInUseError } from "./db/data-dir-lock.ts";
import { REPORT_MODES, type ReportMode } from "./domain/board-paper.ts";
import { addImportCommand } from "./imports/cli-command.ts";
import { addSetupCommands } from "./imports/cli-setup.ts";
import { addBackupCommands } from "./ops/cli-commands.ts";
import { BackupError } from "./ops/files.ts";
import { addRegionCommands } from "./region-cli.ts";
import { isReportKind, REPORT_FORMATS, REPORT_KINDS, type ReportFormat } from "./reports/model.ts";
import { systemActor } from "./services/actor.ts";
import { NotFoundError, ValidationError } from "./services/errors.ts";
import type { Services } from "./services/index.ts";
import { passwordProblem } from "./services/passwords.ts";

// The administrators' command line. It calls the same services as the web, as the "system" actor,
// and every change it makes is in the audit log as "cli".
//
// Each command imports what it needs when it runs (`await import`): `waymark --help` or `user add`
// need not load the web application, and `serve` opens the database while the web modules load.

function config() {
  return loadConfig();
}

/**
 * The settings for `serve`, with what can only be checked over the network (the single sign-on
 * provider's discovery) listed together with every other problem.
 */
async function serveConfig(): Promise<Config> {
  let cfg: Config | undefined;
  const problems: string[] = [];
  try {
    cfg = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  const env = process.env;
  const issuerParses = URL.canParse(env.OIDC_ISSUER ?? "");
  const oidc =
    cfg?.oidc ??
    (issuerParses && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
      ? {
          issuer: env.OIDC_ISSUER ?? "",
          clientId: env.OIDC_CLIENT_ID,
          clientSecret: env.OIDC_CLIENT_SECRET,
          allowedDomains: [],
          emailClaim: "email" as const,
        }
      : undefined);
  const { oidcStartupProblems } = await import("./web/oidc/provider.ts");
  problems.push(...(await oidcStartupProblems({ oidc })));
  if (problems.length > 0 || !cfg) throw new ConfigError(problems);
  return cfg;
}

async function withServices<T>(fn: (services: Services) => Promise<T>): Promise<T> {
  const cfg = config();
  const [{ openDatabase }, { createServices }, { databaseTargetFor }] = await Promise.all([
    import("./db/database.ts"),
    import("./services/index.ts"),
    import("./server.ts"),
  ]);
  const database = await openDatabase(databaseTargetFor(cfg));
  try {
    return await fn(createServices(database, cfg));
  } finally {
    await database.close();
  }
}

async function requirePartnership(services: Services, slug: string) {
  const partnership = await services.partnerships.findBySlug(slug);
  if (!partnership) throw new CliError(`No partnership has the slug "${slug}".`);
  return partnership;
}

class CliError extends Error {}

async function askPassword(): Promise<string | undefined> {
  if (!process.stdin.isTTY) return undefined;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await rl.question(
      "Password (12 characters or more, not a common one; leave blank to generate one): ",
    );
    return answer.trim() === "" ? undefined : answer;
  } finally {
    rl.close();
  }
}

export function buildProgram(): Command {
  const program = new Command()
    .name("waymark")
    .description("Waymark: a domestic abuse partnership's strategy, action plans and reports.")
    .showHelpAfterError();

  program
    .command("serve")
    .description("start the web application (PORT, DATA_DIR, DATABASE_URL, SESSION_SECRET…)")
    .option("--demo", "load the demo partnership if it is not there (never in production)")
    .option(
      "--workers <n>",
      "processes serving on the port, on PostgreSQL only: a number, or auto for one per CPU core",
      (value: string) => {
        try {
          return parseWorkers(value);
        } catch (error) {
          throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
        }
      },
      1,
    )
    .action(async (options: { demo?: boolean; workers: number }) => {
      const demo = options.demo === true;
      if (isClusterWorker()) await serveAsWorker(config());
      else if (options.workers > 1)
        stopClusterOnSignals(await startCluster(await serveConfig(), { workers: options.workers, demo }));
      else {
        const { startServer, stopOnSignals } = await import("./server.ts");
        stopOnSignals(await startServer(await serveConfig(), { demo }));
      }
    });

  program
    .command("migrate")
    .description("bring the database schema up to date and exit")
    .action(async () => {
      await withServices(async (services) => {
        console.log(`Database is up to date (${services.database.kind}, ${services.database.location}).`);
      });
    });

  program
    .command("demo")
    .description("demo data")
    .command("load")
    .description("load the fictional Ashvale partnership (skipped if it is already there)")
    .action(async () => {
      if (config().isProduction) throw new CliError("Demo data is never loaded in production.");
      const [{ ashvale }, { DEMO_PASSWORD, loadDemoPartnership }, { loadDemoRegion }] = await Promise.all([
        import("./demo/ashvale.ts"),
        import("./demo/load.ts"),
        import("./demo/load-region.ts"),
      ]);
      await withServices(async (services) => {
        const result = await loadDemoPartnership(services.database.db, ashvale);
        const region = await loadDemoRegion(services.database.db);
        console.log(result.loaded ? `Loaded "${ashvale.name}".` : `"${ashvale.name}" was already loaded.`);
        console.log(`Demo sign-ins (password: ${DEMO_PASSWORD}):`);
        for (const s of [...result.signIns, ...region.signIns]) console.log(`  ${s.email}  ${s.role}`);
      });
    });

  program
    .command("partnership")
    .description("partnerships")
    .command("add")
    .description("add a partnership")
    .requiredOption("--slug <slug>", "short name used in addresses, e.g. ashvale")
    .requiredOption("--name <name>", "the partnership's name")
    .option("--area <name>", "the area it covers (defaults to the name)")
    .option("--region <slug>", "the region it belongs to, by slug or exact name (waymark region add first)")
    .action(async (options: { slug: string; name: string; area?: string; region?: string }) => {
      await withServices(async (services) => {
        const row = await services.partnerships.create(systemActor("cli"), {
          slug: options.slug,
          name: options.name,
          areaName: options.area ?? options.name,
          region: options.region,
        });
        console.log(`Added partnership ${row.name} (${row.slug}).`);
      });
    });

  const user = program.command("user").description("people");
  user
    .command("add")
    .description("add a person to a partnership (creating their account if new)")
    .requiredOption("--email <email>", "their e-mail address (their sign-in)")
    .requiredOption("--name <name>", "their full name")
    .requiredOption("--organisation <name>", "their organisation in the partnership (added if new)")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .addOption(
      new Option("--role <role>", "their role").choices(["admin", "editor", "viewer"]).makeOptionMandatory(),
    )
    .option("--password <password>", "their password (otherwise asked for, or generated)")
    .action(
      async (options: {
        email: string;
        name: string;
        organisation: string;
        partnership: string;
        role: "admin" | "editor" | "viewer";
        password?: string;
      }) => {
        const password = options.password ?? (await askPassword());
        if (password !== undefined) {
          const problem = passwordProblem(password, { email: options.email });
          if (problem) throw new CliError(problem);
        }
        await withServices(async (services) => {
          const partnership = await requirePartnership(services, options.partnership);
          const actor = systemActor("cli", partnership.id);
          const existing = (await services.organisations.list(actor)).find(
            (o) => o.name.toLowerCase() === options.organisation.trim().toLowerCase(),
          );
          const organisation =
            existing ??
            (await services.organisations.create(actor, { name: options.organisation.trim(), kind: "" }));
          if (!existing) console.log(`Added organisation ${organisation.name}.`);
          const result = await services.people.add(
            actor,
            { email: options.email, name: options.name, organisationId: organisation.id, role: options.role },
            password,
          );
          console.log(`Added ${result.user.email} to ${partnership.name} as ${options.role}.`);
          if (result.existingUser) console.log("They already had an account and keep their password.");
          else if (password === undefined)
            console.log(`Their password: ${result.initialPassword}  (shown once)`);
        });
      },
    );

  user
    .command("password")
    .description("set a new password for someone who has forgotten theirs; ends their sessions")
    .requiredOption("--email <email>", "their e-mail address (their sign-in)")
    .option("--password <password>", "the new password (otherwise asked for, or generated)")
    .action(async (options: { email: string; password?: string }) => {
      const password = options.password ?? (await askPassword());
      await withServices(async (services) => {
        const result = await services.account.resetPassword(systemActor("cli"), options.email, password);
        console.log(`New password set for ${result.email}; they are signed out everywhere.`);
        if (result.generatedPassword)
          console.log(`Their password: ${result.generatedPassword}  (shown once)`);
      });
    });

  user
    .command("two-factor-reset")
    .description(
      "turn off someone's two-factor sign-in when no coordinator can (phone and codes lost); ends their sessions",
    )
    .requiredOption("--email <email>", "their e-mail address (their sign-in)")
    .action(async (options: { email: string }) => {
      await withServices(async (services) => {
        const reset = await services.twoFactor.resetByOperator(systemActor("cli"), options.email);
        console.log(
          reset
            ? `Two-factor sign-in reset for ${options.email}; they are signed out everywhere and set it up again at their next sign-in.`
            : `${options.email} had not set up two-factor sign-in; nothing changed.`,
        );
      });
    });

  program
    .command("token")
    .description("API tokens")
    .command("create")
    .description("create a read-only API token for one partnership; printed once")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .requiredOption("--name <name>", "what the token is for, e.g. Power BI")
    .option(
      "--include-drafts",
      "let the token read updates that are not accepted yet (drafts, submitted, returned)",
    )
    .option(
      "--public",
      "for publishing (e.g. an open-data feed): key statistics come with small numbers suppressed",
    )
    .action(
      async (options: { partnership: string; name: string; includeDrafts?: boolean; public?: boolean }) => {
        await withServices(async (services) => {
          const partnership = await requirePartnership(services, options.partnership);
          const created = await services.auth.createToken(
            systemActor("cli", partnership.id),
            options.partnership,
            options.name,
            { allowDrafts: options.includeDrafts === true, public: options.public === true },
          );
          console.log(`Token "${created.name}" for ${partnership.name} (shown once; store it safely):`);
          console.log(created.token);
        });
      },
    );

  program
    .command("privacy")
    .description("personal data")
    .command("scan")
    .description(
      "list every stored passage people wrote (updates, comments, reasons, notes) that may identify a person",
    )
    .option("--partnership <slug>", "only this partnership (default: every partnership)")
    .action(async (options: { partnership?: string }) => {
      await withServices(async (services) => {
        if (options.partnership) await requirePartnership(services, options.partnership);
        const { runPrivacyScan } = await import("./services/privacy/scan-command.ts");
        const found = await runPrivacyScan(services, options.partnership, (line) => console.log(line));
        // Non-zero when anything is found, so a scheduled scan can alert someone.
        if (found > 0) process.exitCode = 1;
      });
    });

  program
    .command("export")
    .description("write a report to a file, made from the partnership's data as at a date")
    .argument("<report>", REPORT_KINDS.join(" | "))
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .addOption(new Option("--format <format>", "file format").choices(REPORT_FORMATS).makeOptionMandatory())
    .requiredOption("--out <file>", "the file to write")
    .option("--as-at <date>", "the date to report as at, YYYY-MM-DD (default: today)")
    .option("--strategy <id>", "the strategy (default: the latest)")
    .option("--action-plan <id>", "the action plan (default: the latest)")
    .option("--round <id>", "the update round (default: the latest)")
    .addOption(
      new Option("--mode <mode>", "full: every accepted narrative; summary: a board summary per year")
        .choices(REPORT_MODES)
        .default("full"),
    )
    .action(
      async (
        report: string,
        options: {
          partnership: string;
          format: ReportFormat;
          out: string;
          asAt?: string;
          strategy?: string;
          actionPlan?: string;
          round?: string;
          mode: ReportMode;
        },
      ) => {
        if (!isReportKind(report))
          throw new CliError(`Unknown report "${report}": ${REPORT_KINDS.join(", ")}.`);
        const [{ buildBoardReport, renderNeeds }, { optionalId }, { renderReport }] = await Promise.all([
          import("./reports/board-pack.ts"),
          import("./reports/build.ts"),
          import("./reports/export.ts"),
        ]);
        const id = (value: string | undefined, what: string) => {
          const parsed = optionalId(value);
          if (parsed === "invalid") throw new CliError(`--${what} must be a number, not "${value}".`);
          return parsed;
        };
        await withServices(async (services) => {
          const partnership = await requirePartnership(services, options.partnership);
          const doc = await buildBoardReport(
            services,
            systemActor("cli", partnership.id),
            {
              kind: report,
              strategyId: id(options.strategy, "strategy"),
              actionPlanId: id(options.actionPlan, "action-plan"),
              roundId: id(options.round, "round"),
              asAt: options.asAt,
              mode: options.mode,
            },
            renderNeeds(options.format),
          );
          await writeFile(options.out, await renderReport(doc, options.format));
          console.log(`Wrote ${options.out}: ${doc.title}, ${doc.asAtLabel.replace(/^As/, "as")}.`);
        });
      },
    );

  addSetupCommands(program, withServices);
  addImportCommand(program, withServices);
  addBackupCommands(program);
  addRegionCommands(program, withServices, askPassword);

  return program;
}

function explain(error: unknown): string {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirInUseError ||
    error instanceof CliError ||
    error instanceof BackupError ||
    error instanceof NotFoundError ||
    error instanceof WorkersRefused
  )
    return error.message;
  if (error instanceof ValidationError) return error.errors.map((e) => e.message).join("\n");
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    console.error(explain(error));
    process.exit(error instanceof DataDirInUseError ? 75 : 1);
  });

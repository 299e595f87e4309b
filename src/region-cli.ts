import { type Command, Option } from "commander";
import { REGION_ROLE_LABELS, REGION_ROLES, type RegionRole } from "./domain/region/vocabulary.ts";
import { systemActor } from "./services/actor.ts";
import { ValidationError } from "./services/errors.ts";
import type { Services } from "./services/index.ts";
import { passwordProblem } from "./services/passwords.ts";

// The region from the command line (issue 15), through services.regionAdmin as the "system" actor:
//   waymark region add --slug north-marston --name "North Marston"
//   waymark region join --region north-marston --partnership ashvale
//   waymark region list
//   waymark region user add --region north-marston --email E --name N --organisation ORG --role lead|viewer
// A partnership joins a region with `waymark partnership add … --region SLUG`.

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

export function addRegionCommands(
  program: Command,
  withServices: WithServices,
  askPassword: () => Promise<string | undefined>,
): void {
  const region = program
    .command("region")
    .description("regions: partnerships compared, and their own people");

  region
    .command("add")
    .description("add a region (e.g. a police force area) that partnerships can join")
    .requiredOption("--slug <slug>", "short name used in addresses, e.g. north-marston")
    .requiredOption("--name <name>", "the region's name")
    .action(async (options: { slug: string; name: string }) => {
      await withServices(async (services) => {
        const row = await services.regionAdmin.create(systemActor("cli"), options);
        console.log(`Added region ${row.name} (${row.slug}).`);
        console.log(
          `Add partnerships with: waymark partnership add --slug SLUG --name NAME --region ${row.slug}`,
        );
      });
    });

  region
    .command("join")
    .description("put an existing partnership in a region (its coordinator then chooses what it shares)")
    .requiredOption("--region <slug>", "the region's slug or exact name")
    .requiredOption("--partnership <slug>", "the partnership's slug")
    .action(async (options: { region: string; partnership: string }) => {
      await withServices(async (services) => {
        const result = await services.regionAdmin.join(
          systemActor("cli"),
          options.region,
          options.partnership,
        );
        console.log(
          result.already
            ? `${result.partnership.name} was already in ${result.region.name}.`
            : `${result.partnership.name} is now in ${result.region.name}.`,
        );
      });
    });

  region
    .command("list")
    .description("list the regions with their partnerships and people counted")
    .action(async () => {
      await withServices(async (services) => {
        const rows = await services.regionAdmin.list(systemActor("cli"));
        if (rows.length === 0)
          console.log("No regions yet. Add one with: waymark region add --slug SLUG --name NAME");
        for (const r of rows)
          console.log(`${r.slug}  ${r.name}  (${r.partnerships} partnerships, ${r.people} people)`);
      });
    });

  region
    .command("user")
    .description("the region's own people")
    .command("add")
    .description("give a person a place in a region (creating their account if new)")
    .requiredOption("--region <slug>", "the region's slug or exact name")
    .requiredOption("--email <email>", "their e-mail address (their sign-in)")
    .requiredOption("--name <name>", "their full name")
    .requiredOption("--organisation <name>", "who they work for, as the region sees it")
    .addOption(
      new Option("--role <role>", "their role in the region").choices(REGION_ROLES).makeOptionMandatory(),
    )
    .option("--password <password>", "their password (otherwise asked for, or generated)")
    .action(
      async (options: {
        region: string;
        email: string;
        name: string;
        organisation: string;
        role: RegionRole;
        password?: string;
      }) => {
        const password = options.password ?? (await askPassword());
        if (password !== undefined) {
          const problem = passwordProblem(password, { email: options.email });
          if (problem) throw new ValidationError([{ field: "password", message: problem }]);
        }
        await withServices(async (services) => {
          const result = await services.regionAdmin.addPersonByCli(
            systemActor("cli"),
            options.region,
            {
              email: options.email,
              name: options.name,
              organisationName: options.organisation,
              role: options.role,
            },
            password,
          );
          console.log(
            `Added ${result.user.email} to ${result.region.name} as ${REGION_ROLE_LABELS[result.role].toLowerCase()}.`,
          );
          if (result.existingUser) console.log("They already had an account and keep their password.");
          else if (password === undefined)
            console.log(`Their password: ${result.initialPassword}  (shown once)`);
        });
      },
    );
}

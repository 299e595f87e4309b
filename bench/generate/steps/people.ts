// Regions, partnerships, their organisations, users, memberships and boards.
import { FIRST_NAMES, LAST_NAMES, ORGANISATIONS } from "../content/places.ts";
import { elementSql } from "../model.ts";
import { forceSql, housingSql, specialistSql, townSql } from "../places.ts";
import { lit, type Step, statement, textArray } from "../sql.ts";
import { benchRegionSql, regionRowsStep } from "./region.ts";

/** "Bench Partnership 001", slug bench-001 (bench/config.ts partnershipSlug), in "Ashbury Borough". */
const partnerships = statement(
  "partnerships",
  ({ scale }) => `
  insert into partnerships (id, slug, name, area_name, region_id) overriding system value
  select p, 'bench-' || lpad(p::text, 3, '0'), 'Bench Partnership ' || lpad(p::text, 3, '0'),
    ${townSql("p")} || ' Borough', ${benchRegionSql("p", scale.partnerships)}
  from generate_series(1, ${scale.partnerships}) p`,
);

/** The partner organisations, named after the partnership's town and police force area. */
const organisations = statement("organisations", ({ scale, model }) => {
  const names = textArray(ORGANISATIONS.map((o) => o.name));
  const kinds = textArray(ORGANISATIONS.map((o) => o.kind));
  const n = ORGANISATIONS.length;
  return `
  insert into organisations (id, partnership_id, name, kind) overriding system value
  select ${model.organisationId("p", "o")}, p,
    replace(replace(replace(replace(${names}[1 + (o - 1) % ${n}], '{town}', town), '{force}', force),
      '{specialist}', specialist), '{housing}', housing)
      || case when o > ${n} then ' (' || o || ')' else '' end,
    ${kinds}[1 + (o - 1) % ${n}]
  from (
    select p, ${townSql("p")} as town, ${forceSql("p")} as force, ${specialistSql("p")} as specialist,
      ${housingSql("p")} as housing
    from generate_series(1, ${scale.partnerships}) p
  ) place
  cross join generate_series(1, ${scale.organisationsPerPartnership}) o`;
});

/**
 * Per partnership: the coordinator, a viewer and the editors of each organisation, with the e-mails of
 * bench/config.ts. All share one password hash, computed once for BENCH_PASSWORD.
 */
const users: Step = {
  table: "users",
  async run({ database, scale, model, passwordHash }) {
    const E = scale.editorsPerOrganisation;
    const first = elementSql(textArray(FIRST_NAMES), "p * 7 + u * 13");
    const last = elementSql(textArray(LAST_NAMES), "p * 11 + u * 17");
    await database.execute(
      `
      insert into users (id, email, name, password_hash) overriding system value
      select (p - 1) * ${model.usersPerPartnership} + u,
        case u when 1 then 'coordinator' when 2 then 'viewer'
          else 'editor-' || ((u - 3) / ${E} + 1) || '-' || ((u - 3) % ${E} + 1) end
          || '@bench-' || lpad(p::text, 3, '0') || '.example',
        ${first} || ' ' || ${last}, $1
      from generate_series(1, ${scale.partnerships}) p
      cross join generate_series(1, ${model.usersPerPartnership}) u`,
      [passwordHash],
    );
  },
};

/** The coordinator (admin) works for the council, the viewer for the OPCC (the last organisation). */
const memberships = statement("memberships", ({ scale, model }) => {
  const E = scale.editorsPerOrganisation;
  const O = scale.organisationsPerPartnership;
  return `
  insert into memberships (partnership_id, user_id, organisation_id, role)
  select p, (p - 1) * ${model.usersPerPartnership} + u,
    ${model.organisationId("p", `case u when 1 then 1 when 2 then ${O} else (u - 3) / ${E} + 1 end`)},
    (case u when 1 then 'admin' when 2 then 'viewer' else 'editor' end)::role
  from generate_series(1, ${scale.partnerships}) p
  cross join generate_series(1, ${model.usersPerPartnership}) u`;
});

/** The Health and Wellbeing Board and, under it, the steering group (their governance: steps/governance.ts). */
const boards = statement(
  "boards",
  ({ scale, model }) => `
  insert into boards (id, partnership_id, name, description, parent_board_id)
  overriding system value
  select ${model.boardId("p", "b")}, p,
    case b when 1 then ${townSql("p")} || ' Health and Wellbeing Board' else 'Domestic Abuse Steering Group' end,
    case b when 1 then ${lit("The statutory board of the council and the NHS. Receives the strategy's progress report twice a year.")}
      else ${lit("Owns the strategy and the yearly action plans. Senior leads of every partner; chaired by the council.")} end,
    case b when 1 then null else ${model.boardId("p", "1")} end
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, 2) b
  order by p, b`,
);

export const peopleSteps: Step[] = [regionRowsStep, partnerships, organisations, users, memberships, boards];

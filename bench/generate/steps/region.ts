// The region (issue 15) at national scale: region 1 holds partnerships 1–4 (the measured partnership
// in a region of four), the rest are spread over 39 regions of about nine; 40 regions at 350
// partnerships. Each region has a published standard of 6 themes × 24 criteria on a four-level scale,
// one cycle, every partnership's self-assessment (most submitted, some moderated, every fifth a
// draft) with a rating per criterion and some evidence, and the sharing defaults with a population.
// The measured coordinator (partnership 1's) is also region 1's lead and a viewer of region 2, so the
// bench's one session reads a region of four and one of nine.
import { lit, type Step, statement, textArray } from "../sql.ts";

export const REGION_OF_FOUR = 4;
export const PER_REGION = 9;
const THEMES = 6;
const CRITERIA = 24;
const LEVELS = ["Not met", "Partly met", "Met", "Exceeded"];

/** How many regions the partnerships fill. */
export const regionCount = (partnerships: number) =>
  partnerships <= REGION_OF_FOUR ? 1 : 1 + Math.ceil((partnerships - REGION_OF_FOUR) / PER_REGION);

/** The region of partnership p (SQL): 1 for the first four, then round-robin over the others. */
export function benchRegionSql(p: string, partnerships: number): string {
  const others = regionCount(partnerships) - 1;
  if (others === 0) return "1";
  return `(case when ${p} <= ${REGION_OF_FOUR} then 1 else 2 + ((${p}) - ${REGION_OF_FOUR + 1}) % ${others} end)`;
}

export const benchRegionSlug = (r: number) => `bench-region-${String(r).padStart(2, "0")}`;

const regions = (n: number) => `generate_series(1, ${n}) r`;

const regionRows = statement(
  "regions",
  ({ scale }) => `
  insert into regions (id, slug, name) overriding system value
  select r, 'bench-region-' || lpad(r::text, 2, '0'), 'Bench Region ' || lpad(r::text, 2, '0')
  from ${regions(regionCount(scale.partnerships))}`,
);

/** Each region's lead is its first partnership's coordinator; the measured one also views region 2. */
const memberships = statement("region_memberships", ({ scale, model }) => {
  const P = scale.partnerships;
  return `
  insert into region_memberships (region_id, user_id, role, organisation_name)
  select r, (first_p - 1) * ${model.usersPerPartnership} + 1, 'lead'::region_role, 'Office of the Police and Crime Commissioner'
  from (select ${benchRegionSql("p", P)} as r, min(p) as first_p
        from generate_series(1, ${P}) p group by 1) firsts
  union all
  select 2, 1, 'viewer'::region_role, 'Bench Partnership 001' where ${regionCount(P)} >= 2`;
});

const sharing = statement(
  "region_sharing",
  ({ scale }) => `
  insert into region_sharing (partnership_id, share_governance, population, population_source)
  select p, p % 4 <> 0, 90000 + (p * 7919) % 250000, 'ONS mid-year estimate 2024'
  from generate_series(1, ${scale.partnerships}) p`,
);

const standards = statement(
  "quality_standards",
  ({ scale }) => `
  insert into quality_standards (id, region_id, name, summary, cycle_months, status) overriding system value
  select r, r, 'Bench Region ' || lpad(r::text, 2, '0') || ' quality standard',
    ${lit("What good looks like for domestic abuse services across the region.")}, 24, 'published'
  from ${regions(regionCount(scale.partnerships))}`,
);

const levels = statement(
  "standard_levels",
  ({ scale }) => `
  insert into standard_levels (id, standard_id, position, label, meets_standard) overriding system value
  select (r - 1) * ${LEVELS.length} + l, r, l, ${textArray(LEVELS)}[l], l >= 3
  from ${regions(regionCount(scale.partnerships))} cross join generate_series(1, ${LEVELS.length}) l`,
);

const themes = statement(
  "standard_themes",
  ({ scale }) => `
  insert into standard_themes (id, standard_id, position, title, description) overriding system value
  select (r - 1) * ${THEMES} + t, r, t, 'Theme ' || t, ${lit("How the partnership works on this theme.")}
  from ${regions(regionCount(scale.partnerships))} cross join generate_series(1, ${THEMES}) t`,
);

const criteria = statement(
  "standard_criteria",
  ({ scale }) => `
  insert into standard_criteria (id, standard_id, theme_id, position, title, what_good_looks_like, how_evidenced)
  overriding system value
  select (r - 1) * ${CRITERIA} + c, r, (r - 1) * ${THEMES} + (c - 1) / ${CRITERIA / THEMES} + 1,
    (c - 1) % ${CRITERIA / THEMES} + 1, 'Criterion ' || c,
    ${lit("Partners agree the approach, carry it out and check that it works.")},
    ${lit("Board minutes, the action plan and the partnership's key statistics.")}
  from ${regions(regionCount(scale.partnerships))} cross join generate_series(1, ${CRITERIA}) c`,
);

const cycles = statement(
  "assessment_cycles",
  ({ scale }) => `
  insert into assessment_cycles (id, standard_id, name, opens_on, due_on) overriding system value
  select r, r, 'Current cycle', (current_date - 200)::date, (current_date - 20)::date
  from ${regions(regionCount(scale.partnerships))}`,
);

/** Partnership p's status: every fifth a draft, every third (else) moderated, the rest submitted. */
const statusSql = (p: string) =>
  `(case when ${p} % 5 = 0 then 'draft' when ${p} % 3 = 0 then 'moderated' else 'submitted' end)`;

const assessments = statement("self_assessments", ({ scale }) => {
  const status = statusSql("p");
  return `
  insert into self_assessments (id, partnership_id, cycle_id, status, submitted_at, moderated_at) overriding system value
  select p, p, ${benchRegionSql("p", scale.partnerships)}, ${status},
    case when ${status} <> 'draft' then now() - interval '30 days' end,
    case when ${status} = 'moderated' then now() - interval '10 days' end
  from generate_series(1, ${scale.partnerships}) p`;
});

const ratings = statement("assessment_ratings", ({ scale }) => {
  const r = benchRegionSql("p", scale.partnerships);
  const level = `((${r}) - 1) * ${LEVELS.length} + 1 + (p * 7 + c * 3) % ${LEVELS.length}`;
  return `
  insert into assessment_ratings (partnership_id, assessment_id, criterion_id, level_id, narrative, agreed_level_id)
  select p, p, ((${r}) - 1) * ${CRITERIA} + c, ${level},
    ${lit("Partners described what they do against the criterion and what is still missing.")},
    case when ${statusSql("p")} = 'moderated' then ${level} end
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${CRITERIA}) c`;
});

const evidence = statement("assessment_evidence", ({ scale }) => {
  const r = benchRegionSql("p", scale.partnerships);
  return `
  insert into assessment_evidence (partnership_id, assessment_id, criterion_id, kind, url, title)
  select p, p, ((${r}) - 1) * ${CRITERIA} + c, 'document',
    'https://example.org/bench-' || lpad(p::text, 3, '0') || '/evidence-' || c, 'Evidence for criterion ' || c
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${CRITERIA}) c
  where c % 3 = 1`;
});

export const REGION_IDENTITY_TABLES = [
  "quality_standards",
  "standard_levels",
  "standard_themes",
  "standard_criteria",
  "assessment_cycles",
  "self_assessments",
  "assessment_ratings",
  "assessment_evidence",
];

/** The regions step runs before partnerships (which point at them); the rest after the users. */
export const regionRowsStep: Step = regionRows;
export const regionSteps: Step[] = [
  memberships,
  sharing,
  standards,
  levels,
  themes,
  criteria,
  cycles,
  assessments,
  ratings,
  evidence,
];

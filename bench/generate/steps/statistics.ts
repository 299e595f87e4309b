// Key statistics: each partnership's own area and its police force area, thirty monthly indicators,
// links from the performance indicators to commitments, and sixty months of figures (the own area for
// every indicator; the force area, as a comparator, for percentages and rates).
import { defaultThresholds } from "../../../src/domain/thresholds.ts";
import { type BenchIndicator, INDICATORS } from "../content/indicators.ts";
import { FIRST_YEAR, pickSql, SALT } from "../model.ts";
import { forceSql } from "../places.ts";
import { lit, type Step, type StepContext, statement, textArray } from "../sql.ts";

const L = INDICATORS.length;

/** A double precision[] literal with nulls for missing values. */
function values(pick: (i: BenchIndicator) => number | undefined): string {
  return `(ARRAY[${INDICATORS.map((i) => String(pick(i) ?? "null")).join(", ")}]::double precision[])`;
}
const texts = (pick: (i: BenchIndicator) => string | undefined) =>
  textArray(INDICATORS.map((i) => pick(i) ?? ""));

/** The definition (1-based into INDICATORS) of indicator k. */
const definition = `(1 + (k - 1) % ${L})`;

/** The own area takes the partnership's area name; the comparator is its police force area. */
const areas = statement(
  "areas",
  ({ scale, model }) => `
  insert into areas (id, partnership_id, kind, name, position) overriding system value
  select ${model.areaId("p.id", "1")}, p.id, 'own'::area_kind, p.area_name, 0
    from partnerships p where p.id <= ${scale.partnerships}
  union all
  select ${model.areaId("p", "2")}, p, 'police_force_area'::area_kind, ${forceSql("p")} || ' police force area', 1
    from generate_series(1, ${scale.partnerships}) p
  order by 1`,
);

const indicators = statement("indicators", ({ scale, model }) => {
  for (const i of INDICATORS) {
    if (i.target !== undefined && i.unit !== "percentage")
      throw new Error(`${i.name}: targets are for percentages`);
  }
  const thresholds = (unit: "percentage" | "count") => lit(JSON.stringify(defaultThresholds(unit)));
  const performance = `${texts((i) => (i.target === undefined ? "" : "yes"))}[${definition}] = 'yes'`;
  const baselineYear = `${FIRST_YEAR - 1}/${String(FIRST_YEAR % 100).padStart(2, "0")}`;
  return `
  insert into indicators (id, partnership_id, name, definition, unit, numerator_label, denominator_label, rate_base,
    population_label, source, owner_organisation_id, frequency, polarity, kind, baseline_period_label,
    baseline_period_start, baseline_period_end, baseline_value, target_value, target_date, thresholds, position)
  overriding system value
  select ${model.indicatorId("p", "k")}, p,
    ${texts((i) => i.name)}[${definition}] || case when k > ${L} then ' (' || k || ')' else '' end,
    ${texts((i) => i.definition)}[${definition}],
    ${texts((i) => i.unit)}[${definition}]::indicator_unit,
    ${texts((i) => i.numeratorLabel)}[${definition}], ${texts((i) => i.denominatorLabel)}[${definition}],
    ${values((i) => i.rateBase)}[${definition}]::int,
    ${texts((i) => i.populationLabel)}[${definition}], ${texts((i) => i.source)}[${definition}],
    ${model.organisationId("p", `1 + (${values((i) => i.owner)}[${definition}]::int - 1) % ${scale.organisationsPerPartnership}`)},
    'monthly', ${texts((i) => i.polarity)}[${definition}]::indicator_polarity,
    ${texts((i) => i.kind)}[${definition}]::indicator_kind,
    case when ${performance} then ${lit(baselineYear)} end,
    case when ${performance} then make_date(${FIRST_YEAR - 1}, 4, 1) end,
    case when ${performance} then make_date(${FIRST_YEAR}, 3, 31) end,
    case when ${performance} then ${values((i) => i.level)}[${definition}] end,
    ${values((i) => i.target)}[${definition}],
    case when ${performance} then make_date(${FIRST_YEAR + scale.actionPlans}, 3, 31) end,
    case when ${texts((i) => i.unit)}[${definition}] = 'percentage' then ${thresholds("percentage")}::jsonb
      else ${thresholds("count")}::jsonb end,
    k
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${scale.indicators}) k
  order by 1`;
});

/** Each performance indicator measures one commitment. */
const indicatorLinks = statement(
  "indicator_links",
  ({ scale, model }) => `
  insert into indicator_links (id, partnership_id, indicator_id, commitment_id) overriding system value
  select i.id, i.partnership_id, i.id,
    ${model.commitmentId("i.partnership_id", `1 + ((i.position - 1) * 7) % ${scale.commitments}`)}
  from indicators i where i.target_value is not null
  order by i.id`,
);

/**
 * Layer 1: the indices, ids, the indicator's definition and the hashed wobbles of each partnership,
 * indicator and month. Each layer ends in OFFSET 0 so PostgreSQL computes its columns once per row
 * rather than copying their expressions into every use (see steps/updates.ts).
 */
function inputsSql(scale: StepContext["scale"], model: StepContext["model"]): string {
  const M = scale.periods;
  const def = (array: string) => `${array}[${definition}]`;
  const noise = (salt: number) => `((${pickSql("key", salt, 2001)} - 1000) / 1000.0)`;
  return `(
    select p, m, ind, pop, pop / 100000.0 as f,
      ${def(texts((i) => i.unit))} as unit, ${def(values((i) => i.level))} as level,
      ${def(values((i) => i.denominator))} as den_level, ${def(values((i) => i.populationShare))} as pop_share,
      ${def(values((i) => i.trend))} as trend, ${def(values((i) => i.rateBase))} as rate_base,
      (m - 1)::double precision / ${Math.max(1, M - 1)} as progress,
      -- Reports rise around Christmas; m = 1 is April, so December is m = 9.
      1 + 0.06 * cos(2 * pi() * (m - 9) / 12) as season,
      ${noise(SALT.noise)} as n1, ${noise(SALT.noise + 1)} as n2, ${noise(SALT.noise + 2)} as n3,
      ${noise(SALT.comparator)} as n4
    from (
      select m, p, k, ${model.indicatorId("p", "k")} as ind, ${model.indicatorId("p", "k")} * ${M} + m as key,
        80000 + ${pickSql("p", SALT.population, 320000)} as pop
      from generate_series(1, ${M}) m
      cross join generate_series(1, ${scale.partnerships}) p
      cross join generate_series(1, ${scale.indicators}) k
      offset 0
    ) ids
    offset 0
  )`;
}

/**
 * A month's figures: counts scatter about their mean by about its square root (as Poisson counts do);
 * a percentage's numerator is its share of an event count; a rate's denominator is a population or an
 * event count. The comparator area's value is the expected value, a little higher, with a wobble.
 */
function figuresSql(context: StepContext): string {
  return `(
    select p, m, ind, unit, rate_base,
      case when unit = 'percentage' then round(event_den * share / 100)
        else greatest(0, round(count_mean + n1 * sqrt(count_mean))) end as num,
      case when unit = 'count' then null
        when pop_share is not null then round(pop_share * pop * (1 + 0.005 * (m - 1) / 12))
        else event_den end as den,
      round((case when unit = 'percentage' then level + trend * progress
        when pop_share is not null then rate_base * count_mean / (pop_share * pop)
        else rate_base * level * (1 + trend * progress) / den_level
      end * (1.03 + 0.04 * n4))::numeric, 1)::double precision as comparator
    from (
      select inputs.*, level * f * (1 + trend * progress) * season as count_mean,
        greatest(1, round(den_level * f * season + n2 * sqrt(den_level * f))) as event_den,
        least(100, greatest(0, level + trend * progress + 3 * n3)) as share
      from ${inputsSql(context.scale, context.model)} inputs
      offset 0
    ) derived
    offset 0
  )`;
}

const observations = statement("observations", (context) => {
  const { model } = context;
  const start = `(make_date(${FIRST_YEAR}, 4, 1) + make_interval(months => m - 1))::date`;
  return `
  insert into observations (id, partnership_id, indicator_id, area_id, period_start, period_end, period_label,
    value, numerator, denominator) overriding system value
  select ${model.observationId("ind", "m", "area")}, p, ind, ${model.areaId("p", "area")}, ${start},
    (${start} + interval '1 month' - interval '1 day')::date, to_char(${start}, 'FMMonth YYYY'),
    case when area = 2 then comparator when unit = 'count' then num
      when unit = 'percentage' then 100 * num / den else rate_base * num / den end,
    case when area = 1 and unit <> 'count' then num end,
    case when area = 1 and unit <> 'count' then den end
  from ${figuresSql(context)} figures
  cross join generate_series(1, 2) area
  where area = 1 or unit <> 'count'`;
});

export const statisticSteps: Step[] = [areas, indicators, indicatorLinks, observations];

// The arithmetic behind the synthetic data. Every row's id and every "random" choice is a function of
// the seed and the row's indices (partnership p, organisation o, plan y, action a, round r, …), written
// as SQL expressions, so INSERT … SELECT … FROM generate_series(…) can make all partnerships at once and
// partnership 1 comes out the same whether 1 or 350 are generated. Ids are given explicitly
// (OVERRIDING SYSTEM VALUE) as dense ranges per partnership; steps/finish.ts moves the identity
// sequences past them so the application can insert afterwards.
import { SEED } from "../config.ts";
import type { BenchScale } from "./scale.ts";

/** The strategy's first financial year: 2021/22 … 2025/26 at five plans, with 2025/26's Q4 round open. */
export const FIRST_YEAR = 2021;

/** Distinct salts, so two choices about the same row are independent. */
export const SALT = {
  lead: 1,
  secondLead: 2,
  hasSecondLead: 3,
  author: 4,
  done: 5,
  risk: 6,
  rating: 7,
  slowStart: 8,
  status: 9,
  draftRating: 10,
  opening: 11,
  detail: 12,
  number: 13,
  remedy: 14,
  toNote: 15,
  evidence: 16,
  times: 17,
  late: 18,
  milestones: 19,
  due: 21,
  population: 22,
  noise: 23,
  comparator: 24,
  names: 25,
  texts: 26,
} as const;

const PRIME = 2147483647; // 2^31 - 1

/**
 * A repeatable pseudo-random integer in [0, 2^31 - 1) from an integer SQL expression (at most ~3·10^9,
 * so the bigint products cannot overflow) and a salt: multiply–add modulo a prime, then an xor-shift and
 * a second multiplication to break up the lattice a single multiplication leaves.
 */
export function hashSql(key: string, salt: number): string {
  const first = `((((${key})::bigint * 2654435761 + ${SEED + salt * 7919}) % ${PRIME}) + ${PRIME}) % ${PRIME}`;
  return `(((((${first}) * 48271) % ${PRIME}) # ((${first}) >> 11)) % ${PRIME})`;
}

/** hashSql reduced to [0, n). */
export function pickSql(key: string, salt: number, n: number | string): string {
  return `(${hashSql(key, salt)} % (${n}))`;
}

/** An element of a text[] parameter chosen by a non-negative integer expression (wrapping around). */
export function elementSql(arrayParam: string, index: string): string {
  return `(${arrayParam})[1 + ((${index}) % cardinality(${arrayParam}))]`;
}

/** A timestamptz on a date at a time of day, in UTC (like the demo). */
export function atSql(date: string, hours: string, minutes = "0"): string {
  return `((${date})::timestamp + make_interval(hours => (${hours})::int, mins => (${minutes})::int)) at time zone 'UTC'`;
}

/** Ids and indices of one scale, as SQL expressions over index columns. */
export function createModel(scale: BenchScale) {
  const O = scale.organisationsPerPartnership;
  const E = scale.editorsPerOrganisation;
  const U = 2 + O * E;
  const C = scale.commitments;
  const PR = scale.priorities;
  const AP = scale.actionPlans;
  const A = scale.actionsPerPlan;
  const R = scale.rounds;
  const I = scale.indicators;
  const M = scale.periods;
  const model = {
    scale,
    usersPerPartnership: U,
    actionsPerPartnership: AP * A,
    organisationId: (p: string, o: string) => `((${p} - 1) * ${O} + ${o})`,
    /** users: 1 coordinator, 2 viewer, then editor e of organisation o. */
    coordinatorId: (p: string) => `((${p} - 1) * ${U} + 1)`,
    viewerId: (p: string) => `((${p} - 1) * ${U} + 2)`,
    editorId: (p: string, o: string, e: string) => `((${p} - 1) * ${U} + 2 + (${o} - 1) * ${E} + ${e})`,
    boardId: (p: string, b: string) => `((${p} - 1) * 2 + ${b})`,
    strategyId: (p: string) => `(${p})`,
    priorityId: (p: string, k: string) => `((${p} - 1) * ${PR} + ${k})`,
    commitmentId: (p: string, c: string) => `((${p} - 1) * ${C} + ${c})`,
    /** The priority (1-based) of commitment c: commitments are spread evenly over the priorities. */
    priorityOf: (c: string) => `(1 + ((${c}) - 1) * ${PR} / ${C})`,
    /** The first commitment of priority k, so commitment c is numbered "k.(c - first + 1)". */
    firstCommitmentOf: (k: string) => `(((${k}) - 1) * ${C} + ${PR} - 1) / ${PR} + 1`,
    planId: (p: string, y: string) => `((${p} - 1) * ${AP} + ${y})`,
    /** Action a of plan y; also the key its choices are hashed from. */
    actionId: (p: string, y: string, a: string) => `(((${p} - 1) * ${AP} + ${y} - 1) * ${A} + ${a})`,
    /**
     * The commitment an action serves. A plan's actions cover a window of about 5/6 of its action count
     * (so a few commitments have two actions), and each year's window starts further on, so over the
     * plans every commitment has actions.
     */
    actionCommitment: (y: string, a: string) =>
      `(1 + ((((${a}) - 1) * 5) / 6 + ((${y}) - 1) * ${Math.max(1, Math.floor(C / AP))}) % ${C})`,
    /** The first lead organisation (1-based) of an action; the author of its updates is its editor. */
    leadOf: (actionKey: string) => `(1 + ${pickSql(actionKey, SALT.lead, O)})`,
    milestoneId: (actionKey: string, m: string) => `((${actionKey} - 1) * 2 + ${m})`,
    roundId: (p: string, r: string) => `((${p} - 1) * ${R} + ${r})`,
    /** The action plan of round r: quarterly rounds, four to a financial year. */
    planOfRound: (r: string) => `least(${AP}, ((${r}) - 1) / 4 + 1)`,
    updateId: (p: string, r: string, actionIndex: string) =>
      `(((${p} - 1) * ${R} + ${r} - 1) * ${AP * A} + ${actionIndex})`,
    areaId: (p: string, k: string) => `((${p} - 1) * 2 + ${k})`,
    indicatorId: (p: string, k: string) => `((${p} - 1) * ${I} + ${k})`,
    observationId: (indicatorKey: string, m: string, area: string) =>
      `(((${indicatorKey}) - 1) * ${M * 2} + (${m} - 1) * 2 + ${area})`,
  };
  return model;
}

export type Model = ReturnType<typeof createModel>;

// The partners' updates: one per action per round. Closed rounds have every update accepted; the open
// round has most missing, some drafts, a few submitted, returned or already accepted. Ratings follow
// a life cycle per action (steps/update-ratings.ts); texts and times are picked by hash.
//
// WHY the layers with OFFSET 0: PostgreSQL would otherwise pull each subquery up and copy a column's
// expression into every place that uses it, computing the same hash a dozen times per row (the
// statement took minutes). OFFSET 0 keeps each layer, so each hash is computed once per row.
import {
  NARRATIVE_DETAILS,
  NARRATIVE_OPENINGS,
  NARRATIVE_POOL_SIZE,
  NARRATIVE_RATINGS,
  REMEDIES,
  REVIEW_COMMENTS,
  TO_NOTE,
} from "../content/progress.ts";
import { atSql, elementSql, FIRST_YEAR, pickSql, SALT } from "../model.ts";
import { type Step, type StepContext, statement, textArray } from "../sql.ts";
import { RATING_CHOICES, ratingSql, statusSql } from "./update-ratings.ts";

/** Layer 1: a row per round and action, r outermost so rows are stored in time order, as in real use. */
function indices({ scale, model }: StepContext): string {
  return `(
    select r, p, y, a, ${model.actionId("p", "y", "a")} as action,
      ${model.updateId("p", "r", `(y - 1) * ${scale.actionsPerPlan} + a`)} as id
    from generate_series(1, ${scale.rounds}) r
    cross join generate_series(1, ${scale.partnerships}) p
    cross join generate_series(1, ${scale.actionPlans}) y
    cross join generate_series(1, ${scale.actionsPerPlan}) a
    offset 0
  )`;
}

/** Layer 2: the round's times and every hashed choice, each computed once. */
function choices(context: StepContext): string {
  const { scale, model } = context;
  const per = (key: string, salt: number, n: number) => pickSql(key, salt, n);
  return `(
    select i.*, round.deadline, round.opened_at, round.closed_at,
      1 + ${per("action", SALT.lead, scale.organisationsPerPartnership)} as lead,
      1 + ${per("action", SALT.author, scale.editorsPerOrganisation)} as editor,
      ${per("action", SALT.done, RATING_CHOICES.done)} as done,
      ${per("action", SALT.risk, RATING_CHOICES.risk)} as risk,
      ${per("action", SALT.slowStart, RATING_CHOICES.slow)} as slow,
      ${per("action * 16 + (r + action % 2) / 2", SALT.rating, RATING_CHOICES.roll)} as roll,
      ${per("i.id", SALT.status, RATING_CHOICES.status_roll)} as status_roll,
      ${per("i.id", SALT.draftRating, RATING_CHOICES.draft_roll)} as draft_roll,
      ${per("i.id", SALT.times, 1_000_000)} as ht,
      2 + ${per("i.id", SALT.number, 40)} as n,
      ${per("i.id", SALT.opening, NARRATIVE_POOL_SIZE)} as opening,
      ${per("i.id", SALT.detail, 10)} as detail_roll, ${per("i.id", SALT.detail + 100, 1000)} as detail_pick,
      ${per("i.id", SALT.late, 100)} as late_roll, ${per("i.id", SALT.remedy, 1000)} as remedy_pick,
      ${per("i.id", SALT.toNote, 100)} as note_roll, ${per("i.id", SALT.toNote + 100, 1000)} as note_pick,
      ${per("i.id", SALT.evidence, 100)} as evidence_roll
    from ${indices(context)} i
    join rounds round on round.id = ${model.roundId("i.p", "i.r")}
    offset 0
  )`;
}

/** Layers 3 and 4: the status (rows without one, not started in the open round, are dropped), the rating. */
function rated(context: StepContext): string {
  return `(
    select s.*, ${ratingSql(context.scale)} as rating
    from (select c.*, ${statusSql(context.scale)} as status from ${choices(context)} c offset 0) s
    where status is not null
    offset 0
  )`;
}

/**
 * Layer 5, times. A closed round's update is submitted a few days before the deadline (6% up to three
 * days late), written a day or three before and accepted within four days, before the round closed.
 * The open round's are from the last ten days, never before it opened nor after now.
 */
function timed(context: StepContext): string {
  const R = context.scale.rounds;
  const submittedDay =
    "case when late_roll < 6 then deadline + 1 + (ht % 3)::int else deadline - 1 - (ht % 6)::int end";
  return `(
    select u.*,
      case when r < ${R} then ${atSql(submittedDay, "8 + (ht / 6) % 9", "(ht / 54) % 60")}
        else least(greatest(opened_at + interval '1 minute', now() - make_interval(hours => (1 + ht % 240)::int))
          + make_interval(hours => (1 + (ht / 240) % 48)::int), now() - interval '5 minutes') end as submitted,
      case when r < ${R} then interval '2 hours' + make_interval(days => (1 + (ht / 3240) % 4)::int)
        else make_interval(hours => (1 + (ht / 11520) % 20)::int) end as review_delay,
      case when r < ${R} then make_interval(days => (1 + (ht / 12960) % 3)::int)
        else make_interval(hours => (1 + (ht / 240) % 48)::int) end as writing
    from ${rated(context)} u
    offset 0
  )`;
}

/** The narrative: an opening for the rating and, on most updates, a second sentence. */
function narrativeSql(): string {
  const openings = textArray(NARRATIVE_RATINGS.flatMap((r) => NARRATIVE_OPENINGS[r]));
  const ratingIndex = `array_position(${textArray(NARRATIVE_RATINGS)}, rating)`;
  const opening = `${openings}[(${ratingIndex} - 1) * ${NARRATIVE_POOL_SIZE} + 1 + opening]`;
  // The second sentence gets its own numbers: {n} from 3 to 39, {m} a little above it.
  const detailText = elementSql(textArray(NARRATIVE_DETAILS), "detail_pick");
  const detail = `case when detail_roll < 6 then ' ' || replace(replace(${detailText},
    '{n}', (3 + ht % 37)::text), '{m}', (7 + ht % 37 + (ht / 37) % 9)::text) else '' end`;
  const planName = `(${FIRST_YEAR} - 1 + y) || '–' || lpad(((${FIRST_YEAR} + y) % 100)::text, 2, '0')`;
  const notYet = `'Not started: this action is in the ' || ${planName} || ' action plan, which starts on 1 April ' || (${FIRST_YEAR} - 1 + y) || '.'`;
  const text = `case when rating is null then 'Draft: figures for the quarter to follow.'
    when r - 4 * (y - 1) < 1 then ${notYet} else ${opening} || ${detail} end`;
  return `replace(replace(${text}, '{n}', n::text), '{m}', (n + 3 + (n % 7) * 2)::text)`;
}

const updates = statement("updates", (context) => {
  const { model, scale } = context;
  const R = scale.rounds;
  return `
  insert into updates (id, partnership_id, round_id, action_id, status, rating, narrative, remedy, to_note,
    evidence_links, author_user_id, author_organisation_id, submitted_at, reviewed_at, reviewer_user_id,
    review_comment, accepted_at, created_at, updated_at, version) overriding system value
  select id, p, ${model.roundId("p", "r")}, action, status::update_status, rating::rating, ${narrativeSql()},
    case when rating in ('red', 'amber') then ${elementSql(textArray(REMEDIES), "remedy_pick")} else '' end,
    case when note_roll < 10 then ${elementSql(textArray(TO_NOTE), "note_pick")} else '' end,
    case when evidence_roll < 5
      then array['https://evidence.example/bench-' || lpad(p::text, 3, '0') || '/' || id] else '{}'::text[] end,
    ${model.editorId("p", "lead", "editor")}, ${model.organisationId("p", "lead")},
    case when status <> 'draft' then submitted end,
    case when status in ('accepted', 'returned') then reviewed end,
    case when status in ('accepted', 'returned') then ${model.coordinatorId("p")} end,
    case when status = 'returned' then ${elementSql(textArray(REVIEW_COMMENTS), "ht % 997")} else '' end,
    case when status = 'accepted' then reviewed end,
    created,
    case status when 'draft' then created when 'submitted' then submitted else reviewed end,
    case status when 'draft' then 1 when 'submitted' then 2 else 3 end
  from ${timed(context)} u
  cross join lateral (select
    case when r < ${R} then greatest(submitted + interval '1 hour', least(submitted + review_delay, closed_at - interval '1 day'))
      else greatest(submitted, least(submitted + review_delay, now() - interval '1 minute')) end as reviewed,
    case when r < ${R} then submitted - writing
      else greatest(opened_at + interval '1 minute', submitted - writing) end as created) t`;
});

export const updateSteps: Step[] = [updates];

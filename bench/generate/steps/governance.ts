// Governance at national scale: each partnership's two boards (steps/people.ts) with terms and seats,
// a year of quarterly meetings around the day the data is generated (two held, with attendance,
// agenda and minutes, decisions and actions with an update each; three to come, the next with its
// agenda), the forward plan of three reports up the chain and four items of policy watch.
import { pickSql } from "../model.ts";
import { lit, type Step, statement, textArray } from "../sql.ts";

/** Meetings per board: k = 1, 2 are held (5 and 2 months ago), 3 is next month, 4 and 5 later. */
export const MEETINGS_PER_BOARD = 5;
export const SEATS_PER_BOARD = 8;
export const ITEMS_PER_MEETING = 6;
const HELD = 2;
const PER_HELD_MEETING = 2;
const FORWARD_ITEMS = 3;
const CONTEXT_ITEMS = 4;

const S58 = [
  "local_authority",
  "policing_criminal_justice",
  "health",
  "domestic_abuse_charities",
  "victims",
  "children_of_victims",
];
const ITEM_TITLES = [
  "Welcome, apologies and declarations of interest",
  "Minutes and actions of the last meeting",
  "Strategy review",
  "Commitment in focus",
  "Policy and legislation update",
  "Any other business",
];

/** The board of partnership p: 1 the Health and Wellbeing Board, 2 the Steering Group (steps/people.ts). */
const boardIdSql = (p: string, b: string) => `((${p} - 1) * 2 + ${b})`;
const meetingIdSql = (board: string, k: string) => `((${board} - 1) * ${MEETINGS_PER_BOARD} + ${k})`;
const seatIdSql = (board: string, s: string) => `((${board} - 1) * ${SEATS_PER_BOARD} + ${s})`;
const itemIdSql = (meeting: string, i: string) => `((${meeting} - 1) * ${ITEMS_PER_MEETING} + ${i})`;
const heldIdSql = (board: string, k: string, d: string) =>
  `(((${board} - 1) * ${HELD} + ${k} - 1) * ${PER_HELD_MEETING} + ${d})`;
/** Meeting k of board b: the Steering Group on the 12th, the board above it a week later. */
const meetsOnSql = (b: string, k: string) =>
  `(date_trunc('month', current_date)::date + make_interval(months => (${k} - 3) * 3 + 1) + (${b} * 7 - 2) * interval '1 day')::date`;

const boardsOf = (partnerships: number) =>
  `generate_series(1, ${partnerships}) p cross join generate_series(1, 2) b`;

const terms = statement(
  "board_terms",
  ({ scale }) => `
  insert into board_terms (board_id, partnership_id, kind, purpose, chair, quorum, meeting_frequency, review_on)
  select ${boardIdSql("p", "b")}, p, case b when 1 then 'health_wellbeing' else 'strategic' end,
    case b when 1 then ${lit("The statutory board of the council and the NHS.")}
      else ${lit("The Domestic Abuse Local Partnership Board: owns the strategy and the action plans.")} end,
    case b when 1 then 'Cabinet Member for Health' else 'Assistant Director, Communities' end,
    5, 'quarterly', (current_date + interval '5 months')::date
  from ${boardsOf(scale.partnerships)}`,
);

const seats = statement("board_seats", ({ scale, model }) => {
  const O = scale.organisationsPerPartnership;
  return `
  insert into board_seats (id, partnership_id, board_id, title, organisation_id, holder_user_id, holder_role,
    categories, voting, position) overriding system value
  select ${seatIdSql(boardIdSql("p", "b"), "s")}, p, ${boardIdSql("p", "b")}, 'Seat ' || s,
    ${model.organisationId("p", `1 + (s - 1) % ${O}`)}, ${model.editorId("p", `1 + (s - 1) % ${O}`, "1")},
    'Lead officer', case when b = 2 and s <= ${S58.length} then array[${textArray(S58)}[s]] else '{}'::text[] end,
    s < ${SEATS_PER_BOARD}, s
  from ${boardsOf(scale.partnerships)} cross join generate_series(1, ${SEATS_PER_BOARD}) s`;
});

const meetingRows = statement(
  "meetings",
  ({ scale }) => `
  insert into meetings (id, partnership_id, board_id, meets_on, starts_at, ends_at, location, status, pack_due_on)
  overriding system value
  select ${meetingIdSql(boardIdSql("p", "b"), "k")}, p, ${boardIdSql("p", "b")}, d, '14:00', '16:00',
    'Committee Room 2, Civic Centre', case when d < current_date then 'held' else 'planned' end, d - 7
  from ${boardsOf(scale.partnerships)} cross join generate_series(1, ${MEETINGS_PER_BOARD}) k
  cross join lateral (select ${meetsOnSql("b", "k")} as d) day`,
);

const attendance = statement(
  "meeting_attendance",
  ({ scale }) => `
  insert into meeting_attendance (partnership_id, meeting_id, seat_id, status)
  select p, ${meetingIdSql(boardIdSql("p", "b"), "k")}, ${seatIdSql(boardIdSql("p", "b"), "s")},
    case ${pickSql(`${meetingIdSql(boardIdSql("p", "b"), "k")} * 16 + s`, 27, 7)} when 0 then 'apology' when 1 then 'deputy' else 'present' end
  from ${boardsOf(scale.partnerships)} cross join generate_series(1, ${HELD}) k
  cross join generate_series(1, ${SEATS_PER_BOARD}) s`,
);

/** Every meeting's agenda: six items, the third a strategy review, the fourth a commitment. */
const agenda = statement("agenda_items", ({ scale, model }) => {
  const meeting = meetingIdSql(boardIdSql("p", "b"), "k");
  return `
  insert into agenda_items (id, partnership_id, meeting_id, position, title, purpose, presenter, duration_minutes,
    subject, report_kind, report_subject_id, commitment_id, minutes) overriding system value
  select ${itemIdSql(meeting, "i")}, p, ${meeting}, i, ${textArray(ITEM_TITLES)}[i],
    case i when 2 then 'decision' when 3 then 'decision' when 4 then 'discussion' else 'information' end,
    case when i in (1, 6) then 'Chair' else 'Partnership coordinator' end, 5 + 5 * i,
    case i when 3 then 'report' when 4 then 'commitment' else 'text' end,
    case i when 3 then 'strategy-review' end, case i when 3 then ${model.strategyId("p")} end,
    case i when 4 then ${model.commitmentId("p", `1 + ${pickSql(meeting, 28, scale.commitments)}`)} end,
    case when k <= ${HELD} then ${lit("Members discussed the item and noted the update.")} else '' end
  from ${boardsOf(scale.partnerships)} cross join generate_series(1, ${MEETINGS_PER_BOARD}) k
  cross join generate_series(1, ${ITEMS_PER_MEETING}) i`;
});

const heldMeetings = (partnerships: number) =>
  `${boardsOf(partnerships)} cross join generate_series(1, ${HELD}) k cross join generate_series(1, ${PER_HELD_MEETING}) d`;

const decisionRows = statement(
  "decisions",
  ({ scale }) => `
  insert into decisions (id, partnership_id, meeting_id, agenda_item_id, reference, decision, reasons,
    decision_maker, decided_on, key_decision, status) overriding system value
  select ${heldIdSql(boardIdSql("p", "b"), "k", "d")}, p, ${meetingIdSql(boardIdSql("p", "b"), "k")},
    ${itemIdSql(meetingIdSql(boardIdSql("p", "b"), "k"), "2 + d")},
    case b when 1 then 'HWB' else 'DASG' end || '-' || extract(year from ${meetsOnSql("b", "k")}) || '-' || k || d,
    ${lit("Agree the recommendations of the report.")}, ${lit("The report sets out the case.")},
    case b when 1 then 'Health and Wellbeing Board' else 'Domestic Abuse Steering Group' end,
    ${meetsOnSql("b", "k")}, d = 1, case k when 1 then 'implemented' else 'agreed' end
  from ${heldMeetings(scale.partnerships)}`,
);

const actionRows = statement(
  "meeting_actions",
  ({ scale, model }) => `
  insert into meeting_actions (id, partnership_id, meeting_id, agenda_item_id, reference, description,
    owner_organisation_id, due_on, status) overriding system value
  select ${heldIdSql(boardIdSql("p", "b"), "k", "d")}, p, ${meetingIdSql(boardIdSql("p", "b"), "k")},
    ${itemIdSql(meetingIdSql(boardIdSql("p", "b"), "k"), "2 + d")},
    case b when 1 then 'HWB' else 'DASG' end || '-A-' || extract(year from ${meetsOnSql("b", "k")}) || '-' || k || d,
    ${lit("Bring the figures behind the report to the next meeting.")},
    ${model.organisationId("p", `1 + ${pickSql(heldIdSql(boardIdSql("p", "b"), "k", "d"), 29, scale.organisationsPerPartnership)}`)},
    ${meetsOnSql("b", "k")} + 60, case k when 1 then 'done' else 'in_progress' end
  from ${heldMeetings(scale.partnerships)}`,
);

const actionUpdates = statement(
  "meeting_action_updates",
  ({ scale }) => `
  insert into meeting_action_updates (partnership_id, meeting_action_id, status, rating, narrative,
    author_organisation_id, created_at)
  select a.partnership_id, a.id, a.status, 'green'::rating, ${lit("Figures requested from the partners.")},
    a.owner_organisation_id, (m.meets_on + 14)::timestamp at time zone 'UTC'
  from meeting_actions a join meetings m on m.id = a.meeting_id
  where a.partnership_id <= ${scale.partnerships}`,
);

/** Three reports, each to a coming Steering Group and then the board above it at its meeting after
 * (stop positions count from 0, as the forward plan's own writes number them). */
const forwardItems = statement(
  "forward_plan_items",
  ({ scale, model }) => `
  insert into forward_plan_items (id, partnership_id, title, report_kind, report_subject_id, author)
  overriding system value
  select (p - 1) * ${FORWARD_ITEMS} + f, p,
    (${textArray(["Strategy review", "Update round summary", "Action plan for next year"])})[f],
    (${textArray(["strategy-review", "round-summary", "action-plan"])})[f],
    case f when 1 then ${model.strategyId("p")} when 2 then ${model.roundId("p", String(scale.rounds))}
      else ${model.planId("p", String(scale.actionPlans))} end, 'Partnership coordinator'
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${FORWARD_ITEMS}) f`,
);

const forwardStops = statement(
  "forward_plan_stops",
  ({ scale }) => `
  insert into forward_plan_stops (partnership_id, item_id, position, board_id, meeting_id, due_on, status)
  select p, (p - 1) * ${FORWARD_ITEMS} + f, s - 1, ${boardIdSql("p", "3 - s")},
    ${meetingIdSql(boardIdSql("p", "3 - s"), "2 + (f - 1) / 2 + s")}, ${meetsOnSql("3 - s", "2 + (f - 1) / 2 + s")} - 7,
    case when s = 1 and f < 3 then 'in_pack' else 'planned' end
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${FORWARD_ITEMS}) f
  cross join generate_series(1, 2) s`,
);

const contextRows = statement(
  "context_items",
  ({ scale }) => `
  insert into context_items (id, partnership_id, title, kind, stage, stage_on, summary, link) overriding system value
  select (p - 1) * ${CONTEXT_ITEMS} + c, p, 'Policy development ' || c,
    (${textArray(["bill", "statutory_guidance", "national_strategy", "inspection"])})[c], 'Published',
    (current_date - c * 30), ${lit("What it means for the partnership.")}, 'https://www.gov.uk/'
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${CONTEXT_ITEMS}) c`,
);

const contextLinks = statement(
  "context_attachments",
  ({ scale }) => `
  insert into context_attachments (partnership_id, context_item_id, agenda_item_id, position)
  select p, (p - 1) * ${CONTEXT_ITEMS} + c, ${itemIdSql(meetingIdSql(boardIdSql("p", "2"), "3"), "5")}, c
  from generate_series(1, ${scale.partnerships}) p cross join generate_series(1, ${CONTEXT_ITEMS}) c`,
);

export const governanceSteps: Step[] = [
  terms,
  seats,
  meetingRows,
  attendance,
  agenda,
  decisionRows,
  actionRows,
  actionUpdates,
  forwardItems,
  forwardStops,
  contextRows,
  contextLinks,
];

/** The governance tables whose ids the generator gives (steps/finish.ts moves their sequences on). */
export const GOVERNANCE_IDENTITY_TABLES = [
  "board_seats",
  "meetings",
  "agenda_items",
  "decisions",
  "meeting_actions",
  "meeting_action_updates",
  "forward_plan_items",
  "forward_plan_stops",
  "context_items",
  "context_attachments",
];

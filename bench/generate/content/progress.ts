// The words of the synthetic quarterly updates: what a lead writes for each rating, what they are
// doing about a Red or Amber, what to note for next time. {n} and {m} are filled with small numbers, {n} < {m}.

/** Openings by rating, exactly NARRATIVE_POOL_SIZE each, in the order of NARRATIVE_RATINGS. */
export const NARRATIVE_POOL_SIZE = 6;
export const NARRATIVE_RATINGS = ["red", "amber", "green", "grey", "complete"] as const;

export const NARRATIVE_OPENINGS: Readonly<Record<(typeof NARRATIVE_RATINGS)[number], readonly string[]>> = {
  red: [
    "Delivery has stalled: the funding we expected was not confirmed this quarter.",
    "We are well behind plan because the post has been vacant since the start of the quarter.",
    "Only {n} of the planned sessions took place; the rest were cancelled at short notice.",
    "The provider withdrew from the contract, so no service was delivered this quarter.",
    "Referrals have fallen to {n}, far below the {m} we planned for.",
    "The data needed to report against the target is still not available from the case system.",
  ],
  amber: [
    "Progress is slower than planned: {n} completed against a target of {m} for the quarter.",
    "Work has started but the launch has slipped by about six weeks.",
    "Two partners have not yet nominated leads, which is holding up the next step.",
    "Recruitment is under way; one of the two posts is filled.",
    "The draft is ready but has not yet been agreed by the operational group.",
    "Take-up is lower than expected in two areas, though the overall numbers are improving.",
  ],
  green: [
    "On track: {n} delivered this quarter, {m} so far this year.",
    "Work is progressing as planned and the next milestone is on schedule.",
    "The service is running well, with {n} people supported this quarter.",
    "All planned sessions went ahead; feedback from participants was positive.",
    "Partners have agreed the approach and delivery started on time.",
    "Figures for the quarter are in line with the plan and the trend is improving.",
  ],
  grey: [
    "Not started: this action is planned for later in the year.",
    "Not started yet; the lead officer has been identified.",
    "Work will begin next quarter once the scoping is agreed.",
    "Not started: waiting for the needs assessment to report.",
    "Planned to start after the new contract begins.",
    "Not started; the operational group will agree a start date at its next meeting.",
  ],
  complete: [
    "Complete: the action was delivered as planned.",
    "Done. The final report went to the steering group this quarter.",
    "Delivered ahead of schedule; {n} people took part in total.",
    "Complete: the target was met, with {m} people taking part.",
    "Done: the new arrangements are now part of business as usual.",
    "Complete. Evaluation findings have been shared with partners.",
  ],
};

/** A second sentence for any rating. */
export const NARRATIVE_DETAILS = [
  "Experts by Experience reviewed the materials and their changes were made.",
  "Feedback from practitioners has been collected and will shape the next phase.",
  "{m} referrals were received this quarter, {n} of them from partners other than the police.",
  "The operational group discussed progress at its last meeting.",
  "A short case study is attached to the quarter's board pack.",
  "We are working with the Integrated Care Board to reach more GP practices.",
  "Figures have been checked against the case management system.",
  "Partners in the task and finish group have agreed the next steps.",
  "The Health and Wellbeing Board will receive an update in the next report.",
  "Numbers this quarter were affected by the summer holidays.",
  "A deep dive into {n} cases found no new themes.",
  "Training dates for the next quarter have been published.",
] as const;

/** "What we are doing about it", for Red and Amber. */
export const REMEDIES = [
  "The lead officer is meeting the commissioner this month to agree interim funding.",
  "An agency worker will cover the vacancy until the post is filled.",
  "Sessions have been rescheduled for next quarter and partners reminded to release staff.",
  "The operational group will escalate to the steering group if there is no progress by the next round.",
  "We have agreed a recovery plan with the provider, with weekly check-ins.",
  "Extra outreach is planned in the areas with the lowest take-up.",
  "The data team is building a report from the case system, due next quarter.",
  "We will ask partners to nominate leads at the next steering group.",
  "A revised timetable will be brought to the operational group.",
  "The specialist service will second a worker to help clear the backlog.",
] as const;

/** "To note" for the next round: carried-forward points, on a few updates. */
export const TO_NOTE = [
  "Funding ends in March; a decision on renewal is needed by December.",
  "The lead officer changes next quarter.",
  "Figures for the last month of the quarter are provisional.",
  "Awaiting the outcome of the commissioning review.",
  "Linked to the recommendations of the latest domestic homicide review.",
  "Evaluation report due next quarter.",
] as const;

/** The coordinator's comment on an update returned for changes. */
export const REVIEW_COMMENTS = [
  "Please add the figures for the quarter, not only the year to date.",
  "Please say what you are doing about the delay.",
  "Can you confirm whether the milestone was met?",
  "Please check the rating: the narrative reads as Amber rather than Green.",
] as const;

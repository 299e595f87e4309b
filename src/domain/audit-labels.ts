// What the audit log calls each action and each field, in words a coordinator would use. Every
// action string the services write has a label here (test/unit/audit-labels.test.ts reads src/ for
// them); a field without one is spelt out from its name.

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  "action-plan.create": "Action plan added",
  "action-plan.update": "Action plan changed",
  "action.create": "Action added",
  "action.update": "Action changed",
  "api-token.create": "API token created",
  "area.create": "Area added",
  "board.create": "Board added",
  "board.update": "Board changed",
  "board.calendar-token": "Board's calendar address replaced",
  "board-terms.update": "Terms of reference changed",
  "board-seat.create": "Seat added",
  "board-seat.update": "Seat changed",
  "board-seat.delete": "Seat removed",
  "meeting.create": "Meeting added",
  "meeting.update": "Meeting changed",
  "meeting.attendance": "Attendance recorded",
  "commitment.create": "Commitment added",
  "commitment.update": "Commitment changed",
  "demo.load": "Demo partnership loaded",
  "indicator.create": "Key statistic added",
  "indicator.links": "Key statistic's links changed",
  "indicator.note": "Definition change noted",
  "indicator.update": "Key statistic changed",
  "membership.create": "Person added",
  "membership.update": "Person's details changed",
  "observation.create": "Figure added",
  "observation.import": "Figures imported",
  "observation.update": "Figure changed",
  "organisation.create": "Organisation added",
  "organisation.update": "Organisation changed",
  "partnership.create": "Partnership created",
  "partnership.suppression-threshold": "Suppression threshold changed",
  "priority.create": "Priority added",
  "priority.update": "Priority changed",
  "rating.override": "Rating overridden",
  redaction: "Redaction",
  "round.close": "Round closed",
  "round.extend": "Round deadline extended",
  "round.open": "Round opened",
  "round.reopen": "Round reopened",
  "strategy.create": "Strategy added",
  "strategy.update": "Strategy changed",
  "update.accept": "Update accepted",
  "update.return": "Update returned",
  "update.save": "Update saved",
  "privacy.acknowledged": "Stated that the text identifies nobody",
  "board-paper.create": "Board paper written",
  "board-paper.update": "Board paper changed",
  "board-summary.create": "Board summary written",
  "board-summary.update": "Board summary changed",
  "user.update": "Account details changed",
  "user-password.update": "Password changed",
  "update.submit": "Update submitted",
  "user.create": "Account created",
  "funding-stream.create": "Funding stream added",
  "funding-stream.update": "Funding stream changed",
  "funding-contribution.create": "Contribution added",
  "funding-contribution.update": "Contribution changed",
  "funding-allocation.create": "Allocation added",
  "funding-allocation.update": "Allocation changed",
  "funding-settings.update": "Spend variance threshold changed",
  "spend-return.create": "Quarterly spend recorded",
  "spend-return.update": "Quarterly spend changed",
  "contract.create": "Contract added",
  "contract.update": "Contract changed",
  "contract-milestones.update": "Procurement milestones changed",
  "part4-return.create": "Part 4 annual return started",
  "part4-return.update": "Part 4 annual return changed",
};

/** "update.accept" → "Update accepted"; an action without a label is shown as it is written. */
export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** What each kind of record is called, for "What" in the log. */
export const AUDIT_ENTITY_LABELS: Readonly<Record<string, string>> = {
  "funding-stream": "Funding stream",
  "funding-contribution": "Contribution",
  "funding-allocation": "Allocation",
  "funding-settings": "Funding settings",
  "spend-return": "Quarterly spend",
  "action-plan": "Action plan",
  action: "Action",
  "api-token": "API token",
  area: "Area",
  board: "Board",
  "board-seat": "Board seat",
  commitment: "Commitment",
  contract: "Contract",
  "part4-return": "Part 4 annual return",
  indicator: "Key statistic",
  meeting: "Meeting",
  membership: "Person",
  observation: "Figure",
  "observation-import": "Figures import",
  organisation: "Organisation",
  partnership: "Partnership",
  priority: "Priority",
  round: "Round",
  strategy: "Strategy",
  update: "Update",
  user: "Account",
};

export function auditEntityLabel(entityType: string): string {
  return AUDIT_ENTITY_LABELS[entityType] ?? sentenceCase(entityType);
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  narrative: "What has happened",
  remedy: "What we are doing about it",
  toNote: "Points to note",
  evidenceLinks: "Evidence links",
  reviewComment: "Coordinator's comment",
  rating: "Rating",
  derivedRating: "Derived rating",
  status: "Status",
  reason: "Reason",
  what: "What we will do",
  how: "How",
  performanceTarget: "Performance target",
  dueOn: "Due",
  leadOrganisationIds: "Lead organisations (numbers)",
  seeAlso: "See also (numbers)",
  text: "Wording",
  startsOn: "Starts",
  endsOn: "Ends",
  periodStart: "Period starts",
  periodEnd: "Period ends",
  graceDays: "Days of grace",
  reminderDaysBefore: "Reminder (days before the deadline)",
  actionIds: "Actions asked about (numbers)",
  meetingDates: "Meeting dates",
  parentBoardId: "Reports to board (number)",
  organisationId: "Organisation (number)",
  roundId: "Round (number)",
  actionId: "Action (number)",
  actionPlanId: "Action plan (number)",
  commitmentId: "Commitment (number)",
  strategyId: "Strategy (number)",
  priorityId: "Priority (number)",
  indicatorId: "Key statistic (number)",
  userId: "Person (number)",
  role: "Role",
  email: "Email address",
  itemLabel: "What a priority's items are called",
  suppressionThreshold: "Suppression threshold",
  submittedAt: "Submitted",
  reviewedAt: "Reviewed",
  acceptedAt: "Accepted",
  openedAt: "Opened",
  closedAt: "Closed",
  reopenedAt: "Reopened",
  createdAt: "Created",
  authorUserId: "Written by (person number)",
  authorOrganisationId: "For organisation (number)",
  reviewerUserId: "Reviewed by (person number)",
  auditEntriesRewritten: "Audit entries rewritten",
  mailsRewritten: "E-mails rewritten",
  redactionId: "Redaction number",
  recordId: "Record number",
  record: "Kind of record",
  field: "Part of the record",
};

/** "reviewerUserId" → "Reviewer user id", for a field without a label. */
function sentenceCase(key: string): string {
  const words = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function auditFieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? sentenceCase(key);
}

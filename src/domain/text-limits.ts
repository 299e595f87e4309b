// How long each written field may be. One table for the server's check (the zod schemas) and the
// page's GOV.UK character count, so the count a person sees is the limit the server applies.
export const TEXT_LIMITS = {
  updateNarrative: 10_000,
  updateRemedy: 4000,
  updateToNote: 4000,
  reviewComment: 4000,
  overrideReason: 2000,
  actionWhat: 4000,
  actionHow: 4000,
  actionTarget: 4000,
  commitmentText: 2000,
  priorityOutcome: 4000,
  strategyVision: 4000,
  boardDescription: 4000,
  /** A board's purpose, as its terms of reference state it. */
  boardPurpose: 4000,
  indicatorDefinition: 4000,
  indicatorNote: 2000,
  redactionPassage: 4000,
  redactionReason: 500,
  // The board paper (domain/board-paper.ts): each covering-report section, a contact detail, a
  // section heading of the coordinator's own, and a commitment's board summary for a year.
  boardPaperSection: 6000,
  boardPaperContact: 200,
  boardPaperFreeTitle: 200,
  boardSummary: 1200,
  /** Why a meeting's pack is published again (version 2 onwards). */
  packReason: 1000,
  // The forward plan (a report's title, who leads it, notes) and context items (policy watch).
  forwardTitle: 300,
  forwardLead: 200,
  forwardNotes: 2000,
  contextTitle: 300,
  contextStage: 200,
  contextSummary: 4000,
  contextLink: 2000,
  // Governance meetings (issue 13, part B): an agenda item, its minute, a decision's fields, a
  // meeting action and its owner's update.
  agendaTitle: 300,
  agendaDescription: 4000,
  agendaPresenter: 200,
  agendaMinutes: 10_000,
  decisionText: 4000,
  decisionReasons: 4000,
  decisionAlternatives: 4000,
  decisionMaker: 200,
  meetingActionDescription: 2000,
  meetingActionNarrative: 4000,
  // Funding (issue 14): a stream's conditions and reporting requirements, an allocation's notes, and
  // the explanation of a quarter's spend variance.
  fundingConditions: 4000,
  fundingReporting: 4000,
  allocationNotes: 2000,
  spendExplanation: 2000,
  // The contract register and the Part 4 return (issue 14).
  contractService: 200,
  contractNotes: 4000,
  milestoneName: 120,
  part4Notes: 4000,
  // Regional projects (issue 15): a project's name and purpose, a deliverable's title and description.
  projectName: 200,
  projectPurpose: 4000,
  deliverableTitle: 300,
  deliverableDescription: 4000,
  // Self-assessment against a quality standard (issue 15): a criterion's narrative, a document
  // linked as evidence (its title and address) and the region's moderation comment.
  assessmentNarrative: 6000,
  evidenceTitle: 300,
  evidenceLink: 2000,
  moderationComment: 4000,
  // Quality standards (issue 15): a standard, its scale's levels, its themes and criteria, a cycle.
  standardName: 200,
  standardSummary: 2000,
  levelLabel: 60,
  levelDescription: 500,
  themeTitle: 200,
  themeDescription: 2000,
  criterionTitle: 300,
  criterionGood: 4000,
  criterionEvidence: 4000,
  cycleName: 60,
} as const;

export type TextLimitName = keyof typeof TEXT_LIMITS;

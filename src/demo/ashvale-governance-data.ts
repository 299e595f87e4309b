// The words of Ashvale's governance story (types and the rules for its dates: ashvale-governance.ts).
import type {
  DemoBoardGovernance,
  DemoContextItem,
  DemoForwardReport,
  DemoMeetingRecord,
} from "./ashvale-governance.ts";

const CIVIC_CENTRE = "Committee Room 2, Ashvale Civic Centre, Market Street";

const boards: DemoBoardGovernance[] = [
  {
    board: "hwb",
    kind: "health_wellbeing",
    purpose:
      "The statutory board of the council and the NHS for Ashvale. Sets the joint health and wellbeing " +
      "strategy and holds the Domestic Abuse Steering Group to account for the domestic abuse strategy.",
    chair: "Cabinet Member for Health and Wellbeing",
    quorum: 4,
    frequency: "quarterly",
    reviewInMonths: 5,
    weekday: 3,
    nth: 3,
    startsAt: "10:00",
    endsAt: "12:30",
    location: "Council Chamber, Ashvale Civic Centre, Market Street",
    months: [-4, -1, 2, 5, 8],
    seats: [
      {
        title: "Chair",
        organisation: "publicHealth",
        holderEmail: "hwb.member@ashvale.example",
        holderRole: "Cabinet Member for Health and Wellbeing",
        categories: ["local_authority"],
      },
      {
        title: "Director of Public Health",
        organisation: "publicHealth",
        holderName: "Dr Amara Osei",
        holderRole: "Director of Public Health",
        deputyName: "Ruth Calder",
        categories: ["local_authority", "health"],
      },
      {
        title: "Integrated Care Board",
        organisation: "icb",
        holderName: "Jo Pritchard",
        holderRole: "Place Director, Ashvale",
        deputyEmail: "health@ashvale.example",
        categories: ["health"],
      },
      {
        title: "Director of Children's Services",
        organisation: "childrens",
        holderName: "Simon Achebe",
        holderRole: "Director of Children's Services",
        categories: ["local_authority", "children_of_victims"],
      },
      {
        title: "Director of Adult Social Care",
        organisation: "adults",
        holderName: "Karen Lowe",
        holderRole: "Director of Adult Social Care",
        categories: ["local_authority"],
      },
      {
        title: "Police",
        organisation: "police",
        holderName: "Ch Supt Neil Ward",
        holderRole: "Ashvale District Commander",
        deputyEmail: "police@ashvale.example",
        categories: ["policing_criminal_justice"],
      },
      {
        title: "Healthwatch Ashvale",
        holderName: "Bernadette Quinn",
        holderRole: "Chief Executive, Healthwatch Ashvale",
        voting: false,
      },
    ],
  },
  {
    board: "dasg",
    kind: "strategic",
    purpose:
      "Ashvale's Domestic Abuse Local Partnership Board (Domestic Abuse Act 2021, s58). Owns the strategy " +
      "and the yearly action plans, advises the council on its safe accommodation duty, and reports to " +
      "the Health and Wellbeing Board.",
    chair: "Assistant Director, Communities (Ashvale Borough Council)",
    quorum: 5,
    frequency: "quarterly",
    reviewInMonths: -1,
    weekday: 3,
    nth: 2,
    startsAt: "14:00",
    endsAt: "16:00",
    location: CIVIC_CENTRE,
    onlineLink: "https://meet.ashvale.example/da-steering-group",
    months: [-5, -2, 1, 4, 7],
    seats: [
      {
        title: "Chair",
        organisation: "council",
        holderName: "Rachel Dunmore",
        holderRole: "Assistant Director, Communities",
        deputyEmail: "coordinator@ashvale.example",
        categories: ["local_authority"],
      },
      {
        title: "Police",
        organisation: "police",
        holderEmail: "police@ashvale.example",
        holderRole: "Detective Inspector, Safeguarding",
        categories: ["policing_criminal_justice"],
      },
      {
        title: "Probation",
        organisation: "probation",
        holderName: "Andrew Kemp",
        holderRole: "Head of Ashvale Delivery Unit",
        categories: ["policing_criminal_justice"],
      },
      {
        title: "Police and crime commissioner",
        organisation: "opcc",
        holderEmail: "steering.member@ashvale.example",
        holderRole: "Commissioning Manager",
        categories: ["policing_criminal_justice"],
      },
      {
        title: "Integrated Care Board",
        organisation: "icb",
        holderEmail: "health@ashvale.example",
        holderRole: "Designated Nurse, Safeguarding",
        categories: ["health"],
      },
      {
        title: "Hospital trust",
        organisation: "hospital",
        holderName: "Claire Booth",
        holderRole: "Named Nurse, Safeguarding Adults",
        categories: ["health"],
        voting: false,
      },
      {
        title: "Specialist domestic abuse service",
        organisation: "specialist",
        holderEmail: "lanternway@ashvale.example",
        holderRole: "Service Manager",
        categories: ["domestic_abuse_charities"],
      },
      {
        title: "Experts by Experience",
        organisation: "specialist",
        holderName: "Nominated by the Experts by Experience panel",
        holderRole: "Panel representative",
        categories: ["victims"],
      },
      {
        title: "Children's Services",
        organisation: "childrens",
        holderEmail: "childrens@ashvale.example",
        holderRole: "Head of Early Help",
        categories: ["children_of_victims", "local_authority"],
      },
      {
        title: "Housing",
        organisation: "housingOptions",
        holderEmail: "housing@ashvale.example",
        holderRole: "Housing Options Manager",
        deputyName: "Gareth Lyle",
        categories: ["local_authority"],
      },
      {
        title: "Education",
        organisation: "education",
        holderEmail: "schools@ashvale.example",
        holderRole: "Safeguarding in Education Lead",
        categories: ["children_of_victims"],
      },
    ],
  },
  {
    board: "daog",
    kind: "operational",
    purpose:
      "Practitioners from each partner who deliver the action plan, run task and finish groups and bring " +
      "the quarterly position to the Steering Group.",
    chair: "Domestic Abuse Partnership Coordinator",
    quorum: 4,
    frequency: "bimonthly",
    reviewInMonths: 8,
    weekday: 3,
    nth: 4,
    startsAt: "10:00",
    endsAt: "12:00",
    location: "Online",
    onlineLink: "https://meet.ashvale.example/da-operational-group",
    months: [-5, -3, -1, 1, 3, 5],
    seats: [
      {
        title: "Chair",
        organisation: "council",
        holderEmail: "coordinator@ashvale.example",
        holderRole: "Domestic Abuse Partnership Coordinator",
      },
      {
        title: "Police",
        organisation: "police",
        holderEmail: "police@ashvale.example",
        holderRole: "Detective Inspector, Safeguarding",
      },
      {
        title: "Specialist domestic abuse service",
        organisation: "specialist",
        holderEmail: "lanternway@ashvale.example",
        holderRole: "Service Manager",
      },
      {
        title: "Children's Services",
        organisation: "childrens",
        holderEmail: "childrens@ashvale.example",
        holderRole: "Head of Early Help",
      },
      {
        title: "Housing",
        organisation: "housingOptions",
        holderEmail: "housing@ashvale.example",
        holderRole: "Housing Options Manager",
      },
      {
        title: "Health",
        organisation: "icb",
        holderEmail: "health@ashvale.example",
        holderRole: "Designated Nurse, Safeguarding",
      },
      {
        title: "Education",
        organisation: "education",
        holderEmail: "schools@ashvale.example",
        holderRole: "Safeguarding in Education Lead",
      },
    ],
  },
  {
    board: "scp",
    kind: "safeguarding",
    purpose:
      "The three safeguarding partners for children. Receives a yearly report on the domestic abuse strategy.",
    chair: "Independent Scrutineer",
    quorum: 3,
    frequency: "quarterly",
    reviewInMonths: 10,
    weekday: 3,
    nth: 2,
    startsAt: "09:30",
    endsAt: "12:00",
    location: CIVIC_CENTRE,
    months: [-4, -1, 2, 5, 8],
    seats: [
      {
        title: "Local authority",
        organisation: "childrens",
        holderName: "Simon Achebe",
        holderRole: "Director of Children's Services",
      },
      {
        title: "Police",
        organisation: "police",
        holderName: "Det Supt Alison Grey",
        holderRole: "Head of Public Protection",
      },
      {
        title: "Integrated Care Board",
        organisation: "icb",
        holderName: "Jo Pritchard",
        holderRole: "Place Director, Ashvale",
      },
    ],
  },
  {
    board: "sap",
    kind: "safeguarding",
    purpose:
      "The Safeguarding Adults Board for Ashvale. Receives a yearly report on the domestic abuse strategy.",
    chair: "Independent Chair",
    quorum: 3,
    frequency: "quarterly",
    reviewInMonths: 6,
    weekday: 3,
    nth: 4,
    startsAt: "14:00",
    endsAt: "16:30",
    location: CIVIC_CENTRE,
    months: [-3, 0, 3, 6],
    seats: [
      {
        title: "Local authority",
        organisation: "adults",
        holderName: "Karen Lowe",
        holderRole: "Director of Adult Social Care",
      },
      {
        title: "Police",
        organisation: "police",
        holderName: "Det Supt Alison Grey",
        holderRole: "Head of Public Protection",
      },
      {
        title: "Integrated Care Board",
        organisation: "icb",
        holderName: "Jo Pritchard",
        holderRole: "Place Director, Ashvale",
      },
    ],
  },
];

const welcome = (minutes?: string) => ({
  title: "Welcome, apologies and declarations of interest",
  purpose: "information" as const,
  presenter: "Chair",
  minutesAllowed: 5,
  subject: "text" as const,
  minutes,
});

const meetings: DemoMeetingRecord[] = [
  {
    board: "dasg",
    month: -5,
    apologies: ["Probation", "Education"],
    deputies: ["Housing"],
    agenda: [
      welcome("The Chair welcomed members. No interests were declared."),
      {
        title: "Minutes and actions of the last meeting",
        purpose: "decision",
        presenter: "Chair",
        minutesAllowed: 10,
        subject: "text",
        minutes: "The minutes were agreed as a true record. All actions were complete or are on this agenda.",
      },
      {
        title: "Strategy review: the year so far",
        purpose: "discussion",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 30,
        subject: "report",
        report: "strategy-review",
        minutes:
          "Members discussed the review. Most commitments are on track; training reach and the repeat " +
          "rate at Marac remain amber. Members asked for the next review to show which partners have " +
          "not yet completed a workplace policy.",
        children: [
          {
            title: "Safe accommodation needs assessment",
            purpose: "decision",
            presenter: "Housing Options Manager",
            minutesAllowed: 15,
            subject: "commitment",
            commitment: "4.3",
            minutes:
              "The needs assessment shows demand for dispersed accommodation above what is commissioned. " +
              "The board agreed the recommendations for the council's Part 4 strategy.",
          },
        ],
      },
      {
        title: "Policy and legislation update",
        purpose: "information",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 10,
        subject: "text",
        description: "National developments members should know about.",
        minutes: "Members noted the update on revised statutory guidance.",
        context: ["guidance"],
      },
      {
        title: "Any other business",
        purpose: "information",
        presenter: "Chair",
        minutesAllowed: 5,
        subject: "text",
        minutes: "None.",
      },
    ],
    decisions: [
      {
        item: "Safe accommodation needs assessment",
        decision:
          "Recommend the needs assessment and its five recommendations to the council for its Part 4 strategy.",
        reasons:
          "The council must assess need for support in safe accommodation and consult the board before publishing its strategy.",
        alternatives:
          "Publish the assessment without recommendations; rejected because the duty asks for the board's advice.",
        maker: "Domestic Abuse Steering Group",
        key: true,
        status: "implemented",
      },
      {
        item: "Strategy review: the year so far",
        decision: "Add a partner-by-partner table of workplace policies to the next strategy review.",
        reasons: "Members could not see which partners had yet to adopt a policy.",
        alternatives: "Report the total only.",
        maker: "Domestic Abuse Steering Group",
        key: false,
        status: "agreed",
      },
    ],
    actions: [
      {
        item: "Safe accommodation needs assessment",
        description: "Take the needs assessment's recommendations to the council's Cabinet.",
        owner: "housingOptions",
        dueInDays: 60,
        status: "done",
        updates: [
          {
            afterDays: 20,
            status: "in_progress",
            rating: "green",
            by: "housing@ashvale.example",
            narrative: "Cabinet report drafted and with legal services.",
          },
          {
            afterDays: 55,
            status: "done",
            rating: "green",
            by: "housing@ashvale.example",
            narrative: "Cabinet agreed the recommendations.",
          },
        ],
      },
      {
        item: "Strategy review: the year so far",
        description: "Collect each partner's workplace policy status for the next review.",
        owner: "council",
        dueInDays: 75,
        status: "in_progress",
        updates: [
          {
            afterDays: 40,
            status: "in_progress",
            rating: "amber",
            by: "coordinator@ashvale.example",
            narrative: "Nine of thirteen partners have replied; chasing the rest.",
          },
        ],
      },
    ],
  },
  {
    board: "dasg",
    month: -2,
    apologies: ["Hospital trust"],
    agenda: [
      welcome(
        "The Chair welcomed members. The police representative declared an interest in item 4 as a MATAC panel member.",
      ),
      {
        title: "Minutes and actions of the last meeting",
        purpose: "decision",
        presenter: "Chair",
        minutesAllowed: 10,
        subject: "text",
        minutes: "The minutes were agreed. The workplace policy action remains open.",
      },
      {
        title: "Quarterly update round summary",
        purpose: "discussion",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 25,
        subject: "report",
        report: "round-summary",
        minutes:
          "Members noted the round summary. Two actions were returned for more evidence and have since " +
          "been accepted. The board asked for the IDVA capacity action to come back with options.",
      },
      {
        title: "IDVA capacity",
        purpose: "decision",
        presenter: "Service Manager, Lanternway",
        minutesAllowed: 20,
        subject: "commitment",
        commitment: "4.2",
        minutes:
          "Caseloads per IDVA are above the recommended level. The board agreed to ask the commissioner to " +
          "extend the hospital IDVA post for a further year.",
      },
      {
        title: "Action plan for next year: approach",
        purpose: "decision",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 15,
        subject: "report",
        report: "action-plan",
        minutes: "The board agreed the timetable for drafting next year's action plan.",
      },
    ],
    decisions: [
      {
        item: "IDVA capacity",
        decision:
          "Ask the police and crime commissioner to extend the hospital IDVA post for a further twelve months.",
        reasons:
          "Hospital referrals have risen for four quarters and the post is the only route for many of them.",
        alternatives:
          "Absorb the hospital caseload in the community IDVA team; rejected because caseloads are already too high.",
        maker: "Domestic Abuse Steering Group",
        key: true,
        status: "agreed",
      },
      {
        item: "Action plan for next year: approach",
        decision:
          "Agree the timetable: draft in the autumn, partners' comments by January, approval in March.",
        reasons: "The plan must be approved before the financial year starts.",
        alternatives: "Roll the current plan forward unchanged.",
        maker: "Domestic Abuse Steering Group",
        key: false,
        status: "agreed",
      },
    ],
    actions: [
      {
        item: "IDVA capacity",
        description: "Write to the commissioner with the case for extending the hospital IDVA post.",
        owner: "specialist",
        dueInDays: 30,
        status: "in_progress",
        updates: [
          {
            afterDays: 14,
            status: "in_progress",
            rating: "green",
            by: "lanternway@ashvale.example",
            narrative: "Letter drafted with the hospital's referral figures; the Chair is reviewing it.",
          },
        ],
      },
      {
        item: "Action plan for next year: approach",
        description: "Ask every lead partner for their proposed actions for next year.",
        owner: "council",
        dueInDays: 70,
        status: "in_progress",
        updates: [
          {
            afterDays: 21,
            status: "in_progress",
            rating: "amber",
            by: "coordinator@ashvale.example",
            narrative: "Template sent to all partners; five replies so far.",
          },
        ],
      },
      {
        item: "Quarterly update round summary",
        description: "Share the Operation Encompass figures by school with the Education lead.",
        owner: "police",
        dueInDays: 21,
        status: "not_started",
        updates: [],
      },
    ],
  },
  {
    board: "dasg",
    month: 1,
    agenda: [
      welcome(),
      {
        title: "Minutes and actions of the last meeting",
        purpose: "decision",
        presenter: "Chair",
        minutesAllowed: 10,
        subject: "text",
      },
      {
        title: "Quarterly update round summary",
        purpose: "discussion",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 25,
        subject: "report",
        report: "round-summary",
        description: "The latest quarter's progress from every lead partner, with ratings and exceptions.",
      },
      {
        title: "Strategy review",
        purpose: "decision",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 30,
        subject: "report",
        report: "strategy-review",
        description:
          "Progress against every commitment, for the board to agree before it goes to the Health and Wellbeing Board.",
        children: [
          {
            title: "Early help: a route to support before risk rises",
            purpose: "discussion",
            presenter: "Head of Early Help",
            minutesAllowed: 15,
            subject: "commitment",
            commitment: "2.3",
          },
        ],
      },
      {
        title: "Policy and legislation update",
        purpose: "information",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 10,
        subject: "text",
        description: "National developments members should know about.",
        context: ["victims-act", "inspection"],
      },
      {
        title: "Any other business",
        purpose: "information",
        presenter: "Chair",
        minutesAllowed: 5,
        subject: "text",
      },
    ],
  },
  {
    board: "daog",
    month: -1,
    apologies: ["Education"],
    agenda: [
      welcome("The Chair welcomed members."),
      {
        title: "Round summary: exceptions",
        purpose: "discussion",
        presenter: "Domestic Abuse Partnership Coordinator",
        minutesAllowed: 30,
        subject: "report",
        report: "round-summary",
        minutes: "Leads of red and amber actions gave updates. The Sanctuary scheme backlog is reducing.",
      },
    ],
    actions: [
      {
        item: "Round summary: exceptions",
        description: "Bring the Sanctuary scheme waiting times to the next meeting.",
        owner: "housingOptions",
        dueInDays: 50,
        status: "in_progress",
        updates: [
          {
            afterDays: 10,
            status: "in_progress",
            rating: "green",
            by: "housing@ashvale.example",
            narrative: "Figures requested from the installer.",
          },
        ],
      },
    ],
  },
];

const forwardPlan: DemoForwardReport[] = [
  {
    title: "Quarterly update round summary",
    report: "round-summary",
    author: "Domestic Abuse Partnership Coordinator",
    notes: "Every quarter, after the round closes.",
    // The Operational Group met last month, the Steering Group meets next month, then the board above it.
    route: [
      { board: "daog", fromMonth: -1 },
      { board: "dasg", fromMonth: 1 },
      { board: "hwb", fromMonth: 2 },
    ],
  },
  {
    title: "Strategy review",
    report: "strategy-review",
    author: "Domestic Abuse Partnership Coordinator",
    notes: "The yearly review of every commitment; the safeguarding partnerships receive it for assurance.",
    route: [
      { board: "dasg", fromMonth: 1 },
      { board: "scp", fromMonth: 2 },
      { board: "hwb", fromMonth: 2 },
    ],
  },
  {
    title: "Action plan for next year",
    report: "action-plan",
    author: "Domestic Abuse Partnership Coordinator",
    notes: "Drafted in the autumn, approved before the financial year starts.",
    route: [
      { board: "dasg", fromMonth: 4 },
      { board: "hwb", fromMonth: 5 },
    ],
  },
  {
    title: "Quarterly update round summary (previous quarter)",
    report: "round-summary",
    author: "Domestic Abuse Partnership Coordinator",
    notes: "Already received by the Steering Group.",
    route: [
      { board: "daog", fromMonth: -3 },
      { board: "dasg", fromMonth: -2 },
      { board: "hwb", fromMonth: -1 },
    ],
  },
];

const contextItems: DemoContextItem[] = [
  {
    key: "guidance",
    title: "Domestic Abuse: statutory guidance (Domestic Abuse Act 2021, s84)",
    kind: "statutory_guidance",
    stage: "Revised edition published",
    stageInMonths: -6,
    summary:
      "The revised guidance adds material on economic abuse and on children as victims in their own right. " +
      "Partners should check their training and policies against it.",
    link: "https://www.gov.uk/government/publications/domestic-abuse-act-statutory-guidance",
    reports: ["strategy-review"],
  },
  {
    key: "safe-accommodation",
    title: "Support in safe accommodation: national evaluation of the duty",
    kind: "review",
    stage: "Published",
    stageInMonths: -3,
    summary:
      "Finds that dispersed accommodation and support for people with multiple needs remain short in most " +
      "areas. Relevant to our needs assessment and the commissioning of the new service.",
    link: "https://www.gov.uk/government/collections/domestic-abuse-safe-accommodation",
    reports: ["action-plan"],
  },
  {
    key: "victims-act",
    title: "Victims and Prisoners Act 2024: the Victims' Code duties",
    kind: "act",
    stage: "Commencement",
    stageInMonths: -2,
    summary:
      "Agencies named in the Act must keep to the Victims' Code and collect information on how they do. " +
      "Police, probation and the commissioner will report on this to the board.",
    link: "https://www.legislation.gov.uk/ukpga/2024/21/contents",
  },
  {
    key: "inspection",
    title: "Inspection of the police response to domestic abuse in North Marston",
    kind: "inspection",
    stage: "Report expected",
    stageInMonths: 2,
    summary:
      "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services' fieldwork is complete; the " +
      "report is expected in the new year. The police lead will bring its findings to the board.",
    link: "https://hmicfrs.justiceinspectorates.gov.uk/",
  },
];

export const ASHVALE_GOVERNANCE = { boards, meetings, forwardPlan, contextItems };

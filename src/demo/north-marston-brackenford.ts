// Brackenford: a fictional market-town borough of the North Marston region, smaller than Ashvale. Every
// name and figure is invented; nothing here is about a victim, a perpetrator or a child.

import type { RegionPartnershipStory } from "./north-marston-builders.ts";
import { boardGovernance, regionFunding, yearOfUpdates } from "./north-marston-builders.ts";

const COUNCIL = "Brackenford Borough Council";

export const brackenford: RegionPartnershipStory = {
  partnership: {
    slug: "brackenford",
    name: "Brackenford Domestic Abuse Partnership",
    areaName: "Brackenford Borough",
    region: "North Marston",
    organisations: [
      { key: "council", name: `${COUNCIL} – Community Safety`, kind: "Council" },
      { key: "police", name: "Marston Police", kind: "Police" },
      { key: "icb", name: "North Marston Integrated Care Board", kind: "Health" },
      { key: "specialist", name: "Brackenford Women's Aid", kind: "Specialist service" },
      { key: "childrens", name: "Brackenford Children's Services", kind: "Council" },
      { key: "housing", name: "Brackenford Housing Solutions", kind: "Housing" },
      { key: "probation", name: "Probation Service – Brackenford Delivery Unit", kind: "Probation" },
      {
        key: "opcc",
        name: "Office of the Police and Crime Commissioner for North Marston",
        kind: "Police and crime commissioner",
      },
    ],
    users: [
      {
        email: "coordinator@brackenford.example",
        name: "Imogen Tarrant",
        organisation: "council",
        role: "admin",
        purpose: "Brackenford coordinator: its plan, sharing with the region and its self-assessment",
      },
    ],
    boards: [
      {
        key: "lpb",
        name: "Brackenford Domestic Abuse Local Partnership Board",
        description: "The partnership's statutory board (Domestic Abuse Act 2021, s58). Owns the strategy.",
      },
      {
        key: "ops",
        name: "Brackenford Domestic Abuse Operational Group",
        parent: "lpb",
        description: "Service leads who deliver the action plan and report on it each quarter.",
      },
    ],
    strategy: {
      title: "Brackenford Domestic Abuse Strategy 2024–2027",
      startYear: 2024,
      endYear: 2027,
      vision: "Everyone in Brackenford can live free from domestic abuse, and knows where to turn.",
      priorities: [
        {
          number: "1",
          title: "Early help",
          outcome: "People recognise abuse sooner and get help before it escalates.",
          commitments: [
            { number: "1.1", text: "We will train frontline staff in every partner to ask and to refer." },
            {
              number: "1.2",
              text: "We will make sure schools act on every Operation Encompass notification.",
            },
          ],
        },
        {
          number: "2",
          title: "Safety and support",
          outcome: "Victims at high risk are safe, and every victim can get support that fits.",
          commitments: [
            { number: "2.1", text: "We will keep the Marac effective and reduce repeat cases." },
            { number: "2.2", text: "We will keep enough safe accommodation, including for larger families." },
            { number: "2.3", text: "We will offer community support to victims at medium risk." },
          ],
        },
        {
          number: "3",
          title: "Holding perpetrators to account",
          outcome: "Those who cause harm are challenged and supported to change.",
          commitments: [
            { number: "3.1", text: "We will offer a behaviour-change programme across the borough." },
          ],
        },
      ],
    },
    actionPlans: [
      {
        name: "2025–26",
        startsOn: "2025-04-01",
        endsOn: "2026-03-31",
        actions: [
          {
            commitment: "1.1",
            what: "Deliver level 1 domestic abuse training to 300 frontline staff.",
            how: "Brackenford Women's Aid trains trainers in each partner; partners report numbers each quarter.",
            leads: ["specialist", "council"],
            performanceTarget: "300 staff trained by March 2026",
            dueOn: "2026-03-31",
            milestones: [
              { description: "Eight trainers accredited", dueOn: "2025-06-30", done: true },
              { description: "150 staff trained", dueOn: "2025-10-31", done: true },
            ],
          },
          {
            commitment: "1.2",
            what: "Audit how schools respond to Operation Encompass notifications.",
            how: "Children's Services and Marston Police sample twenty notifications a term.",
            leads: ["childrens", "police"],
            performanceTarget: "Every school audited once; findings to the operational group",
          },
          {
            commitment: "2.1",
            what: "Review repeat Marac cases at three months.",
            how: "The Marac chair adds a three-month review for every repeat case.",
            leads: ["police", "specialist"],
            performanceTarget: "Repeat rate under 35% by March 2026",
          },
          {
            commitment: "2.2",
            what: "Add two refuge rooms for larger families.",
            how: "Brackenford Housing Solutions converts two rooms with the grant's capital.",
            leads: ["housing"],
            performanceTarget: "Two family rooms open by January 2026",
            dueOn: "2026-01-31",
            milestones: [{ description: "Building works complete", dueOn: "2025-11-30", done: true }],
          },
          {
            commitment: "3.1",
            what: "Run two behaviour-change programme groups a year.",
            how: "Probation and Brackenford Women's Aid run rolling groups with partner support.",
            leads: ["probation"],
            performanceTarget: "24 people start; 60% complete",
          },
        ],
      },
    ],
  },
  progress: yearOfUpdates("brackenford", [
    {
      action: "Deliver level 1 domestic abuse training",
      ratings: ["green", "green", "green", "green"],
      notes: [
        "Eight trainers accredited; 64 staff trained.",
        "150 staff trained, ahead of plan.",
        "231 staff trained; GP practices joined the programme.",
        "312 staff trained in the year.",
      ],
    },
    {
      action: "Audit how schools respond",
      ratings: ["grey", "amber", "green", "green"],
      notes: [
        "Audit tool agreed; sampling starts in September.",
        "Twenty notifications sampled; four had no record of action.",
        "Schools briefed on recording; the second sample was complete.",
        "All schools audited; findings to the operational group in April.",
      ],
      remedy: "Children's Services will brief designated safeguarding leads before the next sample.",
    },
    {
      action: "Review repeat Marac cases",
      ratings: ["amber", "amber", "green", "green"],
      notes: [
        "Reviews started; the repeat rate is 39%.",
        "The repeat rate is 37%; reviews are held for most repeat cases.",
        "Every repeat case now has its three-month review.",
        "The repeat rate is 34% for the quarter.",
      ],
      remedy: "The Marac chair has added review slots to every meeting's agenda.",
    },
    {
      action: "Add two refuge rooms",
      ratings: ["green", "green", "green", "complete"],
      notes: [
        "Design agreed with the refuge provider.",
        "Works started on time.",
        "Works complete; furnishing under way.",
        "Both family rooms opened in January.",
      ],
    },
    {
      action: "Run two behaviour-change programme groups",
      ratings: ["green", "red", "amber", "green"],
      notes: [
        "First group started with nine people.",
        "The facilitator left; the second group is postponed.",
        "A new facilitator is in post; the second group starts in January.",
        "Second group running with eleven people.",
      ],
      remedy: "Probation is covering the facilitator post until recruitment is complete.",
    },
  ]),
  funding: regionFunding({
    council: COUNCIL,
    grantPounds: [296_000, 318_000],
    opccPounds: 95_000,
    contracts: [
      {
        key: "refuge",
        service: "Brackenford refuge and dispersed safe accommodation",
        reference: "BF-DA-0107",
        provider: { organisation: "specialist" },
        stream: "dasa",
        serviceType: "safe-accommodation",
        annualPounds: 285_000,
        startsInMonths: -33,
        endsInMonths: 9,
        latestEndInMonths: 21,
        extensionDecisionInMonths: 3,
        notes: "Three years with one optional year's extension; the review is due before the decision.",
      },
      {
        key: "idva",
        service: "Independent domestic violence advisers",
        reference: "BF-DA-0112",
        provider: { organisation: "specialist" },
        stream: "opcc",
        serviceType: "idva",
        annualPounds: 62_000,
        startsInMonths: -8,
        endsInMonths: 28,
        latestEndInMonths: 40,
        extensionDecisionInMonths: null,
        notes: "Three advisers, one of them based at the hospital.",
        stage: "do",
      },
      {
        key: "outreach",
        service: "Community outreach for victims at medium risk",
        reference: "BF-DA-0115",
        provider: { name: "Corrowside Community Support" },
        stream: "opcc",
        serviceType: "community-support",
        annualPounds: 21_000,
        startsInMonths: -2,
        endsInMonths: 34,
        latestEndInMonths: 46,
        extensionDecisionInMonths: null,
        notes: "A two-day-a-week outreach worker in the town's family hubs.",
        stage: "do",
      },
    ],
    actions: [
      {
        action: "Run two behaviour-change programme groups",
        pounds: 9_000,
        serviceType: "perpetrator",
        variancePercent: -12,
      },
    ],
  }),
  governance: boardGovernance(
    {
      board: "lpb",
      purpose: "Brackenford's Domestic Abuse Local Partnership Board (s58). Owns the strategy and the plan.",
      chair: "Head of Community Safety, Brackenford Borough Council",
      quorum: 4,
      reviewInMonths: 4,
      location: "Room 3, Brackenford Town Hall",
      seats: [
        {
          title: "Chair",
          organisation: "council",
          holderName: "Alan Feather",
          holderRole: "Head of Community Safety",
          categories: ["local_authority"],
        },
        {
          title: "Police",
          organisation: "police",
          holderName: "Supt Dawn Rees",
          holderRole: "District Commander",
          categories: ["policing_criminal_justice"],
        },
        {
          title: "Probation",
          organisation: "probation",
          holderName: "Colin Marsh",
          holderRole: "Head of Service",
          categories: ["policing_criminal_justice"],
        },
        {
          title: "Health",
          organisation: "icb",
          holderName: "Dr Ama Boateng",
          holderRole: "Designated Nurse",
          categories: ["health"],
        },
        {
          title: "Children's Services",
          organisation: "childrens",
          holderName: "Nadia Shah",
          holderRole: "Head of Early Help",
          categories: ["children_of_victims"],
        },
        {
          title: "Specialist service",
          organisation: "specialist",
          holderName: "Ruth Penrose",
          holderRole: "Chief Executive, Brackenford Women's Aid",
          categories: ["domestic_abuse_charities", "victims"],
        },
        {
          title: "Lower-tier authorities",
          holderName: "Cllr Sam Oduya",
          holderRole: "Brackenford Parish Councils' Association",
          categories: ["lower_tier_authorities"],
        },
      ],
    },
    {
      agenda: [
        {
          title: "Welcome and apologies",
          purpose: "information",
          presenter: "Chair",
          minutesAllowed: 5,
          subject: "text",
        },
        {
          title: "North Marston quality standard: our self-assessment",
          purpose: "decision",
          presenter: "Partnership coordinator",
          minutesAllowed: 30,
          subject: "text",
          minutes: "The board went through the self-assessment theme by theme and agreed the ratings.",
        },
      ],
      decisions: [
        {
          item: "North Marston quality standard: our self-assessment",
          decision: "The board agreed the self-assessment against the North Marston quality standard.",
          reasons: "It reflects the partnership's evidence and the plan's progress this year.",
          alternatives: "Delaying until the behaviour-change group restarted; not needed for the ratings.",
          maker: "Brackenford Domestic Abuse Local Partnership Board",
          key: false,
          status: "agreed",
        },
      ],
    },
  ),
  statistics: { maracCases: 31, repeatPercent: 36, householdsNotSupported: [6, 4, 3, 5, 2], seed: 11 },
};

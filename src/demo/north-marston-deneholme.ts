// Deneholme: a fictional coastal town of the North Marston region, the smallest of its partnerships.
// Its Local Partnership Board has no seat for the children of victims yet (the region's governance view
// shows the gap). Every name and figure is invented; nothing is about a victim, a perpetrator or a child.
import type { RegionPartnershipStory } from "./north-marston-builders.ts";
import { boardGovernance, regionFunding, seatsOf, yearOfUpdates } from "./north-marston-builders.ts";

const COUNCIL = "Deneholme Town Council";

export const deneholme: RegionPartnershipStory = {
  partnership: {
    slug: "deneholme",
    name: "Deneholme Domestic Abuse Partnership",
    areaName: "Deneholme",
    region: "North Marston",
    organisations: [
      { key: "council", name: `${COUNCIL} – Community Wellbeing`, kind: "Council" },
      { key: "police", name: "Marston Police", kind: "Police" },
      { key: "icb", name: "North Marston Integrated Care Board", kind: "Health" },
      { key: "hospital", name: "Deneholme Coast Hospital", kind: "Health" },
      { key: "specialist", name: "Harbour Light Domestic Abuse Support", kind: "Specialist service" },
      { key: "housing", name: "Deneholme Housing Options", kind: "Housing" },
      {
        key: "opcc",
        name: "Office of the Police and Crime Commissioner for North Marston",
        kind: "Police and crime commissioner",
      },
    ],
    users: [
      {
        email: "coordinator@deneholme.example",
        name: "Marisol Penhaligon",
        organisation: "council",
        role: "admin",
        purpose: "Deneholme coordinator: its self-assessment for this cycle is still a draft",
      },
    ],
    boards: [
      {
        key: "lpb",
        name: "Deneholme Domestic Abuse Local Partnership Board",
        description: "The partnership's statutory board (Domestic Abuse Act 2021, s58).",
      },
      {
        key: "ops",
        name: "Deneholme Domestic Abuse Delivery Group",
        parent: "lpb",
        description: "Delivers the action plan; meets monthly.",
      },
    ],
    strategy: {
      title: "Deneholme Domestic Abuse Strategy 2024–2027",
      startYear: 2024,
      endYear: 2027,
      vision: "A town where abuse is seen, named and stopped, in every season.",
      priorities: [
        {
          number: "1",
          title: "Seeing abuse",
          outcome: "Staff in health, housing and seasonal work recognise abuse and refer.",
          commitments: [
            {
              number: "1.1",
              text: "We will train hospital and seasonal-work employers' staff to spot abuse.",
            },
            {
              number: "1.2",
              text: "We will run a summer awareness campaign for visitors and seasonal workers.",
            },
          ],
        },
        {
          number: "2",
          title: "Keeping people safe",
          outcome: "Victims at high risk are safe; others find support in the town.",
          commitments: [
            { number: "2.1", text: "We will strengthen the Marac and reduce repeat cases." },
            { number: "2.2", text: "We will make sure safe accommodation is available in or near the town." },
          ],
        },
        {
          number: "3",
          title: "Changing behaviour",
          outcome: "Those who cause harm are identified and challenged.",
          commitments: [
            {
              number: "3.1",
              text: "We will give the police and probation a shared way to manage serial perpetrators.",
            },
            { number: "3.2", text: "We will find a perpetrator programme the town can use." },
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
            what: "Put a hospital independent domestic violence adviser in the emergency department.",
            how: "Harbour Light provides the adviser; the hospital hosts and refers.",
            leads: ["hospital", "specialist"],
            performanceTarget: "Adviser in post; 80 referrals a year",
            milestones: [{ description: "Adviser in post", dueOn: "2025-07-31", done: true }],
          },
          {
            commitment: "1.2",
            what: "Run the summer awareness campaign.",
            how: "The council's seafront team and Harbour Light run stalls and posters from June to August.",
            leads: ["council"],
            performanceTarget: "Campaign runs; helpline calls from the town rise",
          },
          {
            commitment: "2.1",
            what: "Bring the Marac up to the national quality standards.",
            how: "Marston Police and Harbour Light use the self-assessment and act on it.",
            leads: ["police", "specialist"],
            performanceTarget: "Repeat rate under 30%",
          },
          {
            commitment: "2.2",
            what: "Agree refuge places with a neighbouring partnership.",
            how: "Housing Options agrees reciprocal places with Brackenford's refuge.",
            leads: ["housing"],
            performanceTarget: "An agreement in place",
          },
        ],
      },
    ],
  },
  progress: yearOfUpdates("deneholme", [
    {
      action: "Put a hospital independent domestic violence adviser",
      ratings: ["amber", "green", "green", "green"],
      notes: [
        "Recruitment under way.",
        "Adviser in post since July; 14 referrals.",
        "41 referrals so far this year.",
        "83 referrals in the year.",
      ],
      remedy: "Harbour Light is covering two days a week until the adviser starts.",
    },
    {
      action: "Run the summer awareness campaign",
      ratings: ["green", "complete", "complete", "complete"],
      notes: [
        "Materials printed; stall dates agreed.",
        "Campaign ran; helpline calls from the town up 9% on last summer.",
        "Complete.",
        "Complete.",
      ],
    },
    {
      action: "Bring the Marac up to the national quality standards",
      ratings: ["red", "amber", "amber", "green"],
      notes: [
        "The repeat rate is 41% and too few agencies attend.",
        "Attendance improved; the repeat rate is 37%.",
        "The repeat rate is 34%.",
        "The repeat rate is 29% for the quarter.",
      ],
      remedy: "The Marac chair has written to every agency about attendance and added repeat reviews.",
    },
    {
      action: "Agree refuge places with a neighbouring partnership",
      ratings: ["grey", "amber", "green", "complete"],
      notes: [
        "Talks start in the summer.",
        "Brackenford agreed in principle; the terms are being drafted.",
        "Terms agreed.",
        "The reciprocal agreement is signed.",
      ],
      remedy: "Both housing teams meet fortnightly to finish the terms.",
    },
  ]),
  funding: regionFunding({
    council: COUNCIL,
    grantPounds: [142_000, 151_000],
    opccPounds: 58_000,
    contracts: [
      {
        key: "support",
        service: "Community and safe accommodation support",
        reference: "DH-CW-0009",
        provider: { organisation: "specialist" },
        stream: "dasa",
        serviceType: "safe-accommodation",
        annualPounds: 138_000,
        startsInMonths: -26,
        endsInMonths: 10,
        latestEndInMonths: 22,
        extensionDecisionInMonths: 2,
        notes: "One contract for the refuge's support and community outreach.",
      },
      {
        key: "hidva",
        service: "Hospital independent domestic violence adviser",
        reference: "DH-CW-0011",
        provider: { organisation: "specialist" },
        stream: "opcc",
        serviceType: "idva",
        annualPounds: 41_000,
        startsInMonths: -17,
        endsInMonths: 19,
        latestEndInMonths: 31,
        extensionDecisionInMonths: 9,
        notes: "The emergency department adviser.",
        stage: "do",
      },
    ],
    actions: [
      { action: "Run the summer awareness campaign", pounds: 6_500, serviceType: "training-awareness" },
    ],
  }),
  governance: boardGovernance(
    {
      board: "lpb",
      purpose: "Deneholme's Domestic Abuse Local Partnership Board (s58).",
      chair: "Head of Community Wellbeing, Deneholme Town Council",
      quorum: 3,
      reviewInMonths: -2,
      location: "The Harbour Room, Deneholme Town Hall",
      seats: seatsOf([
        ["Chair", "council", "Tessa Morwenna", "Head of Community Wellbeing", ["local_authority"]],
        ["Police", "police", "Insp Lewis Crane", "Neighbourhood Inspector", ["policing_criminal_justice"]],
        ["Hospital", "hospital", "Dr Femi Adebayo", "Safeguarding Lead", ["health"]],
        [
          "Specialist service",
          "specialist",
          "Kerry Boswell",
          "Manager, Harbour Light",
          ["domestic_abuse_charities", "victims"],
        ],
        ["Housing", "housing", "Dan Pellow", "Housing Options Manager", []],
        [
          "Parish councils",
          "",
          "Cllr Jenna Trewin",
          "Deneholme and District Parish Councils",
          ["lower_tier_authorities"],
        ],
      ]),
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
          title: "Quality standard self-assessment: first look",
          purpose: "discussion",
          presenter: "Partnership coordinator",
          minutesAllowed: 20,
          subject: "text",
          minutes:
            "The board looked at the draft ratings and asked for more evidence on children and families.",
        },
      ],
      decisions: [
        {
          item: "Quality standard self-assessment: first look",
          decision:
            "The board deferred agreeing the self-assessment until the children and families evidence is in.",
          reasons: "The board has no seat for children's services yet.",
          alternatives: "Submitting now with the theme rated not met.",
          maker: "Deneholme Domestic Abuse Local Partnership Board",
          key: false,
          status: "deferred",
        },
      ],
    },
  ),
  statistics: { maracCases: 14, repeatPercent: 38, householdsNotSupported: [4, 2, 3, 1, 2], seed: 37 },
};

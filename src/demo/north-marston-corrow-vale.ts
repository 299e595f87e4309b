// Corrow Vale: a fictional rural district of the North Marston region, with market towns and a county
// council above the district (so its board has lower-tier authorities). Every name and figure is
// invented; nothing here is about a victim, a perpetrator or a child. It does not share its governance
// with the region (north-marston-assessments.ts sets the sharing).
import type { RegionPartnershipStory } from "./north-marston-builders.ts";
import { boardGovernance, regionFunding, seatsOf, yearOfUpdates } from "./north-marston-builders.ts";

const COUNCIL = "Corrow Vale District Council";

export const corrowVale: RegionPartnershipStory = {
  partnership: {
    slug: "corrow-vale",
    name: "Corrow Vale Domestic Abuse Partnership",
    areaName: "Corrow Vale District",
    region: "North Marston",
    organisations: [
      { key: "council", name: `${COUNCIL} – Safer Communities`, kind: "Council" },
      { key: "county", name: "Marston County Council", kind: "Council" },
      { key: "police", name: "Marston Police", kind: "Police" },
      { key: "icb", name: "North Marston Integrated Care Board", kind: "Health" },
      { key: "specialist", name: "Valeside Domestic Abuse Service", kind: "Specialist service" },
      { key: "housing", name: "Corrow Homes", kind: "Housing" },
      {
        key: "opcc",
        name: "Office of the Police and Crime Commissioner for North Marston",
        kind: "Police and crime commissioner",
      },
    ],
    users: [
      {
        email: "coordinator@corrow-vale.example",
        name: "Gareth Lindqvist",
        organisation: "council",
        role: "admin",
        purpose: "Corrow Vale coordinator: a rural partnership that does not share its governance",
      },
    ],
    boards: [
      {
        key: "lpb",
        name: "Corrow Vale Domestic Abuse Local Partnership Board",
        description: "The partnership's statutory board (Domestic Abuse Act 2021, s58).",
      },
      {
        key: "ops",
        name: "Corrow Vale Practitioners' Forum",
        parent: "lpb",
        description: "Front-line leads from each market town; meets between board meetings.",
      },
    ],
    strategy: {
      title: "Corrow Vale Domestic Abuse Strategy 2024–2027",
      startYear: 2024,
      endYear: 2027,
      vision: "No one in Corrow Vale is cut off from help because of where they live.",
      priorities: [
        {
          number: "1",
          title: "Reaching rural communities",
          outcome: "People in villages and farms know about abuse and how to get help.",
          commitments: [
            {
              number: "1.1",
              text: "We will take awareness and advice to every market town and village hall.",
            },
            { number: "1.2", text: "We will train GP practices and pharmacies to spot abuse and refer." },
          ],
        },
        {
          number: "2",
          title: "Safety and support",
          outcome: "Victims get support close to home, and safe housing when they need it.",
          commitments: [
            { number: "2.1", text: "We will make the Marac work for victims who live far from town." },
            { number: "2.2", text: "We will offer dispersed safe accommodation across the district." },
            { number: "2.3", text: "We will support children who have lived with domestic abuse." },
            { number: "2.4", text: "We will reach older victims and those with care needs." },
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
            what: "Run a mobile advice clinic in the five market towns.",
            how: "Valeside's outreach van visits each town monthly with a housing officer.",
            leads: ["specialist", "housing"],
            performanceTarget: "60 clinics held; 200 people advised",
            milestones: [{ description: "Van in service", dueOn: "2025-06-30", done: true }],
          },
          {
            commitment: "1.2",
            what: "Train GP practices and pharmacies in the IRIS model.",
            how: "The ICB funds training for whole practice teams; pharmacies join a shorter course.",
            leads: ["icb"],
            performanceTarget: "Twelve practices and twenty pharmacies trained",
          },
          {
            commitment: "2.1",
            what: "Let victims' advisers join the Marac by video.",
            how: "Marston Police sets up secure video links in the district's two police stations.",
            leads: ["police"],
            performanceTarget: "Every Marac offers video attendance",
          },
          {
            commitment: "2.2",
            what: "Open four dispersed safe accommodation units.",
            how: "Corrow Homes provides the homes; Valeside the support.",
            leads: ["housing", "specialist"],
            performanceTarget: "Four units open by March 2026",
            dueOn: "2026-03-31",
            milestones: [
              { description: "Two units open", dueOn: "2025-09-30", done: true },
              { description: "Four units open", dueOn: "2026-03-31", done: false },
            ],
          },
          {
            commitment: "2.4",
            what: "Agree a pathway with adult social care for older victims.",
            how: "The county council and Valeside agree referrals and joint visits.",
            leads: ["county", "specialist"],
            performanceTarget: "Pathway agreed and in use",
          },
        ],
      },
    ],
  },
  progress: yearOfUpdates("corrow-vale", [
    {
      action: "Run a mobile advice clinic",
      ratings: ["green", "green", "amber", "green"],
      notes: [
        "The van is in service; 14 clinics held.",
        "31 clinics held; 96 people advised.",
        "Winter weather cancelled six clinics.",
        "58 clinics held in the year; 204 people advised.",
      ],
      remedy: "Cancelled clinics moved to village halls for the winter months.",
    },
    {
      action: "Train GP practices and pharmacies",
      ratings: ["grey", "green", "green", "green"],
      notes: [
        "Training starts in the autumn term.",
        "Four practices trained.",
        "Nine practices and eleven pharmacies trained.",
        "Twelve practices and eighteen pharmacies trained.",
      ],
    },
    {
      action: "Let victims' advisers join the Marac by video",
      ratings: ["amber", "green", "complete", "complete"],
      notes: [
        "Video links are being tested.",
        "Both stations' links work; four Maracs used them.",
        "Every Marac now offers video attendance.",
        "Video attendance is routine.",
      ],
      remedy: "Police IT have prioritised the secure links.",
    },
    {
      action: "Open four dispersed safe accommodation units",
      ratings: ["green", "green", "amber", "amber"],
      notes: [
        "Two homes identified.",
        "Two units open and both in use.",
        "The third home needs repairs before it can open.",
        "Three units open; the fourth opens in May.",
      ],
      remedy: "Corrow Homes has scheduled the repairs; a fourth home is held in reserve.",
    },
    {
      action: "Agree a pathway with adult social care",
      ratings: ["grey", "amber", "green", "green"],
      notes: [
        "The first meeting is booked.",
        "Draft pathway written; the county's legal team is checking it.",
        "Pathway agreed.",
        "Eleven joint visits made under the pathway.",
      ],
      remedy: "The county's legal review has a date.",
    },
  ]),
  funding: regionFunding({
    council: COUNCIL,
    grantPounds: [188_000, 204_000],
    opccPounds: 72_000,
    contracts: [
      {
        key: "dispersed",
        service: "Dispersed safe accommodation support",
        reference: "CV-SC-0031",
        provider: { organisation: "specialist" },
        stream: "dasa",
        serviceType: "safe-accommodation",
        annualPounds: 176_000,
        startsInMonths: -14,
        endsInMonths: 22,
        latestEndInMonths: 34,
        extensionDecisionInMonths: 14,
        notes: "Support for four dispersed units and resettlement.",
      },
      {
        key: "outreach",
        service: "Rural outreach and advice clinics",
        reference: "CV-SC-0034",
        provider: { organisation: "specialist" },
        stream: "opcc",
        serviceType: "community-support",
        annualPounds: 48_000,
        startsInMonths: -20,
        endsInMonths: 16,
        latestEndInMonths: 28,
        extensionDecisionInMonths: 6,
        notes: "The mobile clinic and two outreach workers.",
      },
    ],
    actions: [
      { action: "Train GP practices and pharmacies", pounds: 14_000, serviceType: "training-awareness" },
    ],
  }),
  governance: boardGovernance(
    {
      board: "lpb",
      purpose: "Corrow Vale's Domestic Abuse Local Partnership Board (s58).",
      chair: "Director of Communities, Corrow Vale District Council",
      quorum: 4,
      reviewInMonths: 8,
      location: "Council Chamber, Corrow Vale District Offices",
      seats: seatsOf([
        [
          "Chair",
          "county",
          "Helen Ashdown",
          "Assistant Director, Marston County Council",
          ["local_authority"],
        ],
        [
          "District council",
          "council",
          "Peter Mallory",
          "Director of Communities",
          ["lower_tier_authorities"],
        ],
        ["Police", "police", "Ch Insp Ravi Kaur", "Rural Policing Lead", ["policing_criminal_justice"]],
        ["Health", "icb", "Joanne Fry", "Safeguarding Lead", ["health"]],
        [
          "Specialist service",
          "specialist",
          "Mel Hartigan",
          "Manager, Valeside",
          ["domestic_abuse_charities"],
        ],
        ["Survivors' voice", "", "Anonymous representative", "Survivors' forum", ["victims"]],
        ["Children", "county", "Owen Blake", "Head of Children's Safeguarding", ["children_of_victims"]],
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
          title: "Self-assessment against the North Marston quality standard",
          purpose: "decision",
          presenter: "Partnership coordinator",
          minutesAllowed: 30,
          subject: "text",
          minutes: "The board agreed the ratings, with a note on rural access for the region.",
        },
      ],
      decisions: [
        {
          item: "Self-assessment against the North Marston quality standard",
          decision: "The board agreed the self-assessment for submission to the region.",
          reasons: "The ratings match the evidence the practitioners' forum gathered.",
          alternatives: "None considered.",
          maker: "Corrow Vale Domestic Abuse Local Partnership Board",
          key: false,
          status: "agreed",
        },
      ],
    },
  ),
  statistics: { maracCases: 18, repeatPercent: 31, householdsNotSupported: [3, 5, 2, 4, 3], seed: 23 },
};

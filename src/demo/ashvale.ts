// Ashvale: a fictional borough and domestic abuse partnership, written for Waymark's demo and tests.
// Every name, organisation and figure here is invented. It holds plans, progress and aggregate figures
// only: never anything about a victim, a perpetrator or a child.

import type { DemoPartnership } from "./types.ts";

export const ashvale: DemoPartnership = {
  slug: "ashvale",
  name: "Ashvale Domestic Abuse Partnership",
  areaName: "Ashvale Borough",
  region: "North Marston",

  organisations: [
    { key: "council", name: "Ashvale Borough Council – Community Safety Team", kind: "Council" },
    { key: "police", name: "Marston Police", kind: "Police" },
    { key: "icb", name: "North Marston Integrated Care Board", kind: "Health" },
    { key: "hospital", name: "Ashvale and Marston Hospitals NHS Foundation Trust", kind: "Health" },
    { key: "specialist", name: "Lanternway Domestic Abuse Support", kind: "Specialist service" },
    { key: "childrens", name: "Ashvale Children's Services", kind: "Council" },
    { key: "adults", name: "Ashvale Adult Social Care", kind: "Council" },
    { key: "housingOptions", name: "Ashvale Housing Options Service", kind: "Housing" },
    { key: "housingAssoc", name: "Millbeck Housing Association", kind: "Housing" },
    { key: "education", name: "Ashvale Education Improvement Service", kind: "Education" },
    { key: "publicHealth", name: "Ashvale Public Health", kind: "Public health" },
    { key: "probation", name: "Probation Service – Ashvale Delivery Unit", kind: "Probation" },
    {
      key: "opcc",
      name: "Office of the Police and Crime Commissioner for North Marston",
      kind: "Police and crime commissioner",
    },
  ],

  users: [
    {
      email: "coordinator@ashvale.example",
      name: "Hannah Okafor",
      organisation: "council",
      role: "admin",
      purpose:
        "Coordinator: sets up the strategy, action plans and boards, opens update rounds, writes reports",
    },
    {
      email: "police@ashvale.example",
      name: "Mark Ellison",
      organisation: "police",
      role: "editor",
      purpose: "Police lead officer: updates the actions Marston Police leads (MATAC, Operation Encompass)",
    },
    {
      email: "lanternway@ashvale.example",
      name: "Grace Adeyemi",
      organisation: "specialist",
      role: "editor",
      purpose: "Specialist service manager: updates Lanternway's actions (IDVAs, training, recovery groups)",
    },
    {
      email: "childrens@ashvale.example",
      name: "Tom Whitlock",
      organisation: "childrens",
      role: "editor",
      purpose: "Children's Services lead: updates actions on children, families and child-to-parent abuse",
    },
    {
      email: "housing@ashvale.example",
      name: "Sunita Rai",
      organisation: "housingOptions",
      role: "editor",
      purpose: "Housing Options lead: updates safe accommodation, Sanctuary scheme and housing actions",
    },
    {
      email: "health@ashvale.example",
      name: "Dr Owen Carr",
      organisation: "icb",
      role: "editor",
      purpose: "Integrated Care Board safeguarding lead: updates the health actions (GP practices, enquiry)",
    },
    {
      email: "schools@ashvale.example",
      name: "Fiona McBride",
      organisation: "education",
      role: "editor",
      purpose: "Education lead: updates the schools actions (healthy relationships, Operation Encompass)",
    },
    {
      email: "hwb.member@ashvale.example",
      name: "Cllr Peter Haines",
      organisation: "publicHealth",
      role: "viewer",
      purpose: "Health & Wellbeing Board member: reads the live position and downloads the board pack",
    },
    {
      email: "steering.member@ashvale.example",
      name: "Leila Hussain",
      organisation: "opcc",
      role: "viewer",
      purpose: "Steering group member (OPCC): reads progress, the history of any commitment and statistics",
    },
  ],

  boards: [
    {
      key: "hwb",
      name: "Ashvale Health and Wellbeing Board",
      description:
        "The statutory board of the council and the NHS. Receives the strategy's progress report twice a " +
        "year.",
    },
    {
      key: "dasg",
      name: "Domestic Abuse Steering Group",
      parent: "hwb",
      description:
        "Owns the strategy and the yearly action plans. Senior leads of every partner; chaired by the " +
        "council.",
    },
    {
      key: "daog",
      name: "Domestic Abuse Operational Group",
      parent: "dasg",
      description:
        "Practitioners from each partner who deliver the action plan and run task and finish groups.",
    },
    {
      key: "scp",
      name: "Ashvale Safeguarding Children Partnership",
      description:
        "Holds the strategy to account for children and young people; receives a yearly domestic abuse " +
        "report.",
    },
    {
      key: "sap",
      name: "Ashvale Safeguarding Adults Partnership",
      description:
        "Holds the strategy to account for adults with care and support needs; receives a yearly report.",
    },
  ],

  strategy: {
    title: "Ashvale Domestic Abuse Strategy 2024–2029",
    startYear: 2024,
    endYear: 2029,
    vision:
      "Everyone in Ashvale can live free from domestic abuse. We will stop abuse before it starts, help " +
      "people early and for as long as they need it, and hold those who cause harm to account while giving " +
      "them the chance to change.",
    priorities: [
      {
        number: "1",
        title: "Changing attitudes",
        outcome:
          "More people in Ashvale recognise domestic abuse, know it is never acceptable and know where to " +
          "get help.",
        commitments: [
          {
            number: "1.1",
            text:
              "Run an awareness campaign every year, shaped by Experts by Experience, that reaches people " +
              "who are less likely to ask for help.",
          },
          {
            number: "1.2",
            text: "Grow a network of Domestic Abuse Champions in partner organisations and local employers.",
          },
          {
            number: "1.3",
            text: "Make sure every partner has a workplace policy that supports staff who experience abuse.",
          },
          {
            number: "1.4",
            text:
              "Train frontline staff across the partnership to recognise domestic abuse, ask about it " +
              "safely and refer people on.",
          },
          {
            number: "1.5",
            text:
              "Work with faith and community groups to challenge attitudes that excuse or hide abuse, " +
              "including so-called honour-based abuse and forced marriage.",
          },
          {
            number: "1.6",
            text:
              "Raise awareness of forms of abuse that are less often recognised: coercive control, " +
              "economic abuse, stalking, tech-enabled abuse and the abuse of older people.",
          },
        ],
      },
      {
        number: "2",
        title: "Help at the earliest point",
        outcome: "Abuse is spotted sooner and people get the right help before it gets worse.",
        commitments: [
          {
            number: "2.1",
            text:
              "Build routine and targeted enquiry about domestic abuse into health settings: GP practices, " +
              "maternity, the emergency department and mental health services.",
          },
          {
            number: "2.2",
            text:
              "Make Operation Encompass work in every school and early years setting, and help staff act " +
              "on every notification.",
            seeAlso: ["5.2"],
          },
          {
            number: "2.3",
            text: "Give people who are not at high risk a clear route to support before risk rises.",
          },
          {
            number: "2.4",
            text:
              "Place domestic abuse specialists where people already go: the hospital, GP practices and " +
              "family hubs.",
            seeAlso: ["4.2"],
          },
          {
            number: "2.5",
            text:
              "Make sure drug and alcohol and mental health services identify domestic abuse and work " +
              "jointly with the specialist service.",
          },
          {
            number: "2.6",
            text: "Use data from all partners to spot patterns early and act on them.",
          },
        ],
      },
      {
        number: "3",
        title: "Holding perpetrators to account",
        outcome:
          "People who cause harm are held to account and given the chance to change, so that abuse happens " +
          "less often.",
        commitments: [
          {
            number: "3.1",
            text: "Keep a multi-agency response to serial and high-harm perpetrators through MATAC.",
          },
          {
            number: "3.2",
            text:
              "Commission accredited behaviour-change programmes for people who use abusive behaviour, " +
              "with support for their partners and ex-partners.",
          },
          {
            number: "3.3",
            text:
              "Take positive action at every incident and make good use of domestic abuse protection " +
              "notices and orders.",
          },
          {
            number: "3.4",
            text:
              "Work with probation to manage people on licence or community orders for domestic abuse " +
              "offences.",
          },
          {
            number: "3.5",
            text: "Respond early to adolescents who use violence or abuse towards their parents or carers.",
            seeAlso: ["5.5"],
          },
          {
            number: "3.6",
            text:
              "Understand the part alcohol, drugs and poor mental health play in abusive behaviour, and " +
              "respond to it.",
            seeAlso: ["2.5"],
          },
        ],
      },
      {
        number: "4",
        title: "Victims and survivors",
        outcome:
          "Victims and survivors find support easily, are safe, and are helped to recover for as long as " +
          "they need.",
        commitments: [
          {
            number: "4.1",
            text: "Run a Marac that meets national quality standards and brings down the repeat rate.",
          },
          {
            number: "4.2",
            text:
              "Provide enough IDVA capacity to meet demand, including specialist IDVAs in the hospital and " +
              "at court.",
          },
          {
            number: "4.3",
            text:
              "Meet our safe accommodation (Part 4) duty: assess need every year and fund support in " +
              "refuges and other safe accommodation.",
          },
          {
            number: "4.4",
            text:
              "Help victims stay safely in their own home where they choose to, through the Sanctuary " +
              "scheme.",
          },
          {
            number: "4.5",
            text:
              "Give the same good housing response across council and housing association landlords, " +
              "working towards Domestic Abuse Housing Alliance accreditation.",
          },
          {
            number: "4.6",
            text:
              "Make services easier to reach for people who find it harder to get help: disabled and older " +
              "people, men, LGBT+ people, people from minoritised communities and people with no recourse " +
              "to public funds.",
          },
          {
            number: "4.7",
            text: "Support victims through criminal and family court proceedings.",
          },
          {
            number: "4.8",
            text:
              "Offer support to recover after the crisis has passed, including therapeutic and peer " +
              "support groups.",
          },
        ],
      },
      {
        number: "5",
        title: "Children and young people",
        outcome:
          "Children and young people affected by domestic abuse are recognised as victims in their own " +
          "right, are kept safe and are helped to recover.",
        commitments: [
          {
            number: "5.1",
            text:
              "Help every school teach healthy relationships through relationships, sex and health " +
              "education, with support for teachers.",
          },
          {
            number: "5.2",
            text: "Recognise children as victims in their own right and give them support to recover.",
            seeAlso: ["2.2"],
          },
          {
            number: "5.3",
            text: "Support young people who experience abuse in their own relationships.",
          },
          {
            number: "5.4",
            text: "Help parents and children recover together through group programmes.",
          },
          {
            number: "5.5",
            text:
              "Respond to young people who use abusive behaviour in their relationships or towards their " +
              "parents.",
            seeAlso: ["3.5"],
          },
          {
            number: "5.6",
            text:
              "Make sure children's social care keeps children safe with the non-abusing parent wherever " +
              "possible and holds the abusive parent to account.",
          },
        ],
      },
      {
        number: "6",
        title: "Working together",
        outcome:
          "Partners share one plan, share information safely and use their combined skills and money to " +
          "best effect.",
        commitments: [
          {
            number: "6.1",
            text:
              "Keep clear governance, with regular reports to the Health and Wellbeing Board and the " +
              "safeguarding partnerships.",
          },
          {
            number: "6.2",
            text: "Share information safely and promptly between partners under one agreement.",
          },
          {
            number: "6.3",
            text:
              "Carry out Domestic Homicide Reviews well and make sure their lessons are acted on across " +
              "the partnership.",
            seeAlso: ["1.4"],
          },
          {
            number: "6.4",
            text: "Involve Experts by Experience in designing, commissioning and reviewing services.",
            seeAlso: ["1.1"],
          },
          {
            number: "6.5",
            text:
              "Make the best use of money: bid jointly for national and OPCC funding and pool budgets " +
              "where that helps.",
          },
          {
            number: "6.6",
            text:
              "Publish a clear picture of need every year, drawing on the JSNA, and measure our progress " +
              "against agreed indicators.",
          },
        ],
      },
    ],
  },

  actionPlans: [
    {
      name: "2024–25",
      startsOn: "2024-04-01",
      endsOn: "2025-03-31",
      actions: [
        {
          commitment: "1.1",
          what:
            "Run a winter awareness campaign during the 16 Days of Action, co-designed with Experts by " +
            "Experience.",
          how:
            "The Experts by Experience panel will shape the messages and the council's communications team " +
            "will run them on social media, bus shelters and GP waiting-room screens, in the five " +
            "most-spoken community languages.",
          leads: ["council", "specialist"],
          performanceTarget:
            "Campaign reaches 40,000 people; calls to the local helpline up 10% on the same weeks of 2023",
          dueOn: "2024-12-10",
          milestones: [
            { description: "Messages agreed with Experts by Experience", dueOn: "2024-10-15", done: true },
            { description: "Campaign live", dueOn: "2024-11-25", done: true },
            { description: "Evaluation reported to the operational group", dueOn: "2025-01-31", done: true },
          ],
        },
        {
          commitment: "1.2",
          what: "Relaunch the Domestic Abuse Champions network.",
          how:
            "Lanternway will train new champions in two half-day sessions each quarter and host a " +
            "quarterly champions' forum with updates on local services.",
          leads: ["specialist"],
          performanceTarget:
            "60 new champions trained, in at least 8 partner organisations and 5 local employers",
          dueOn: "2025-03-31",
        },
        {
          commitment: "1.3",
          what: "Agree a model domestic abuse workplace policy for partner organisations.",
          how:
            "The community safety team will draft a model policy with partners' HR leads. Each steering " +
            "group member will adopt it or check their own policy against it.",
          leads: ["council"],
          performanceTarget:
            "Model policy agreed at steering group by September 2024; 8 of 13 partners confirm a policy " +
            "in place by March 2025",
          dueOn: "2025-03-31",
          milestones: [
            { description: "Model policy agreed at steering group", dueOn: "2024-09-11", done: true },
            { description: "Partners confirm their policy", dueOn: "2025-03-31", done: false },
          ],
        },
        {
          commitment: "1.4",
          what:
            "Map the domestic abuse training offered across the partnership and agree a shared framework. " +
            "",
          how:
            "Each partner will return a training audit. The operational group will find the gaps and agree " +
            "three levels of training: awareness, enquiry and specialist.",
          leads: ["council", "icb"],
          performanceTarget: "Training framework approved by the steering group by January 2025",
          dueOn: "2025-01-31",
          milestones: [
            { description: "Training audit returned by every partner", dueOn: "2024-07-31", done: true },
            { description: "Draft framework to the operational group", dueOn: "2024-11-27", done: true },
          ],
        },
        {
          commitment: "1.4",
          what: "Deliver level 2 domestic abuse training to frontline staff.",
          how:
            "Lanternway will run monthly sessions, giving priority to housing, adult social care and " +
            "hospital staff, who asked for training in the audit.",
          leads: ["specialist"],
          performanceTarget:
            "200 frontline staff trained; 85% say they feel more confident asking about abuse",
          dueOn: "2025-03-31",
        },
        {
          commitment: "2.1",
          what: "Ask about domestic abuse routinely at antenatal booking appointments.",
          how:
            "The hospital trust will add the question to the maternity record and train community " +
            "midwives. The safeguarding team will audit how often it is asked each quarter.",
          leads: ["hospital"],
          performanceTarget:
            "Routine enquiry recorded at 80% of booking appointments by March 2025 (2023/24 baseline: 52%)",
          dueOn: "2025-03-31",
          milestones: [
            { description: "Question added to the maternity record", dueOn: "2024-06-30", done: true },
            { description: "All community midwives trained", dueOn: "2024-10-31", done: true },
          ],
        },
        {
          commitment: "2.2",
          what: "Extend Operation Encompass to early years settings.",
          how:
            "Marston Police and the education improvement service will sign up nurseries and childminders " +
            "and brief a key adult in each setting.",
          leads: ["police", "education"],
          performanceTarget:
            "All 68 schools and at least 40 early years settings signed up; notifications sent before the " +
            "next school day in 95% of cases",
          dueOn: "2025-03-31",
          milestones: [
            { description: "Briefing pack for early years settings agreed", dueOn: "2024-06-28", done: true },
            { description: "40 early years settings signed up", dueOn: "2025-02-28", done: true },
          ],
        },
        {
          commitment: "2.3",
          what: "Pilot a medium-risk outreach service.",
          how:
            "Lanternway will take referrals that fall below the Marac threshold and offer up to 12 weeks " +
            "of support. The OPCC funds the pilot for one year.",
          leads: ["specialist", "opcc"],
          performanceTarget: "150 people supported; 75% say they feel safer when their support ends",
          dueOn: "2025-03-31",
        },
        {
          commitment: "2.4",
          what: "Keep a hospital IDVA in the emergency department and maternity.",
          how:
            "The hospital trust will host a Lanternway IDVA who takes referrals directly from ward and " +
            "emergency department staff and advises them on cases.",
          leads: ["hospital", "specialist"],
          performanceTarget:
            "Referrals from the hospital to the specialist service up 25% on 2023/24 (baseline: 132)",
          dueOn: "2025-03-31",
        },
        {
          commitment: "2.5",
          what: "Write domestic abuse screening into the new drug and alcohol service contract.",
          how:
            "Public health will add a screening and referral clause to the specification and ask for " +
            "quarterly screening figures at contract meetings.",
          leads: ["publicHealth"],
          performanceTarget:
            "Screening clause in the contract from 1 October 2024; screening figures reported to the " +
            "operational group each quarter",
          dueOn: "2024-10-01",
        },
        {
          commitment: "3.1",
          what: "Keep MATAC meeting monthly and report on its effect.",
          how:
            "Marston Police will chair a monthly MATAC with probation, housing and Lanternway, and report " +
            "the change in offending for each group of perpetrators taken on.",
          leads: ["police"],
          performanceTarget:
            "At least 20 perpetrators taken on; 30% fewer incidents in the 6 months after than the 6 " +
            "months before",
          dueOn: "2025-03-31",
        },
        {
          commitment: "3.2",
          what: "Commission a behaviour-change programme with a partner support service.",
          how:
            "The OPCC and the council will jointly commission an accredited programme. Experts by " +
            "Experience will sit on the evaluation panel.",
          leads: ["opcc", "council"],
          performanceTarget: "Contract awarded by December 2024; first group starts by March 2025",
          dueOn: "2025-03-31",
          milestones: [
            { description: "Tender published", dueOn: "2024-08-30", done: true },
            { description: "Contract awarded", dueOn: "2024-12-13", done: true },
            { description: "First group starts", dueOn: "2025-03-03", done: true },
          ],
        },
        {
          commitment: "3.3",
          what: "Brief officers on the new domestic abuse protection notices and orders.",
          how:
            "Marston Police will brief response and neighbourhood officers and report the number of " +
            "notices and orders applied for, granted and breached.",
          leads: ["police"],
          performanceTarget:
            "All response and neighbourhood officers briefed by March 2025; use reported to the steering " +
            "group each quarter",
          dueOn: "2025-03-31",
        },
        {
          commitment: "3.4",
          what: "Check domestic abuse and safeguarding information before every relevant sentence.",
          how:
            "Probation will request police and children's services checks for every domestic abuse case " +
            "before the pre-sentence report is written.",
          leads: ["probation", "police"],
          performanceTarget: "Checks completed before sentence in 95% of relevant cases",
          dueOn: "2025-03-31",
        },
        {
          commitment: "4.1",
          what: "Review our Marac against the national quality standards.",
          how:
            "The Marac chair and the coordinator will complete the national self-assessment with partners " +
            "and agree an improvement plan at the steering group.",
          leads: ["police", "council"],
          performanceTarget: "Self-assessment completed and improvement plan agreed by October 2024",
          dueOn: "2024-10-31",
          milestones: [
            { description: "Self-assessment completed", dueOn: "2024-08-30", done: true },
            { description: "Improvement plan agreed at steering group", dueOn: "2024-10-09", done: true },
          ],
        },
        {
          commitment: "4.1",
          what: "Hold a deep dive into repeat Marac referrals.",
          how:
            "A task and finish group will look at an anonymised sample of repeat referrals to find where " +
            "support fell short, and report what should change.",
          leads: ["specialist", "police"],
          performanceTarget: "Repeat Marac cases reduced to 35% from the 2023/24 baseline of 41%",
          dueOn: "2025-03-31",
        },
        {
          commitment: "4.2",
          what: "Fund two more IDVA posts.",
          how: "The OPCC will fund two posts for two years, hosted by Lanternway, to bring caseloads down.",
          leads: ["opcc", "specialist"],
          performanceTarget: "Two IDVAs in post by July 2024; no more than 100 open cases per full-time IDVA",
          dueOn: "2024-07-31",
        },
        {
          commitment: "4.3",
          what: "Complete the yearly safe accommodation needs assessment and return to government.",
          how:
            "The community safety team and housing options will gather figures from refuges, housing and " +
            "the specialist service and consult the Experts by Experience panel.",
          leads: ["council", "housingOptions"],
          performanceTarget:
            "Needs assessment published and annual return submitted by the government deadline",
          dueOn: "2024-06-28",
        },
        {
          commitment: "4.4",
          what: "Relaunch the Sanctuary scheme with a quicker referral route.",
          how:
            "Housing options will take referrals online from any partner and use one contractor for all " +
            "security works.",
          leads: ["housingOptions"],
          performanceTarget:
            "90 households helped; average time from referral to works done under 10 working days",
          dueOn: "2025-03-31",
        },
        {
          commitment: "4.5",
          what: "Start work towards Domestic Abuse Housing Alliance accreditation.",
          how:
            "Housing options and Millbeck Housing Association will each complete a gap analysis against " +
            "the accreditation standards and agree a joint plan.",
          leads: ["housingOptions", "housingAssoc"],
          performanceTarget: "Both landlords registered and gap analysis completed by March 2025",
          dueOn: "2025-03-31",
        },
        {
          commitment: "4.6",
          what: "Make it easier for older and disabled people to get help.",
          how:
            "Adult social care and Lanternway will run joint briefings for care providers and day services " +
            "and add an easy-read referral route.",
          leads: ["adults", "specialist"],
          performanceTarget: "People aged 60+ rise from 6% to 10% of referrals to the specialist service",
          dueOn: "2025-03-31",
        },
        {
          commitment: "5.1",
          what: "Support schools to teach healthy relationships.",
          how:
            "The education improvement service will train relationships, sex and health education leads " +
            "and share a resource pack checked by Lanternway.",
          leads: ["education"],
          performanceTarget: "30 teachers trained; resource pack shared with all 68 schools",
          dueOn: "2025-03-31",
        },
        {
          commitment: "5.2",
          what: "Offer one-to-one and group support to children affected by domestic abuse.",
          how:
            "Lanternway's children's workers will take referrals from children's services, schools and " +
            "early help, and offer support in school where that suits the child.",
          leads: ["specialist", "childrens"],
          performanceTarget: "120 children supported; average wait under 6 weeks",
          dueOn: "2025-03-31",
        },
        {
          commitment: "5.5",
          what: "Set up a task and finish group on child-to-parent abuse.",
          how:
            "Children's services will chair the group with Lanternway, schools and the police, map current " +
            "support and recommend a local response.",
          leads: ["childrens", "council"],
          performanceTarget: "Report with recommendations to steering group by March 2025",
          dueOn: "2025-03-31",
          milestones: [
            { description: "First meeting of the task and finish group", dueOn: "2024-09-18", done: true },
            { description: "Report to the steering group", dueOn: "2025-02-12", done: true },
          ],
        },
        {
          commitment: "6.1",
          what: "Refresh the terms of reference of the steering and operational groups.",
          how:
            "The coordinator will review membership and reporting lines with both chairs and agree a " +
            "reporting timetable with the Health and Wellbeing Board.",
          leads: ["council"],
          performanceTarget:
            "Terms of reference agreed by July 2024; at least 75% attendance at each meeting",
          dueOn: "2024-07-31",
        },
        {
          commitment: "6.3",
          what: "Track the actions from Domestic Homicide Reviews.",
          how:
            "The community safety team will keep one tracker of review actions and report progress to each " +
            "steering group meeting.",
          leads: ["council"],
          performanceTarget: "90% of review actions due this year completed",
          dueOn: "2025-03-31",
        },
        {
          commitment: "6.4",
          what: "Set up an Experts by Experience panel.",
          how:
            "Lanternway will recruit and support panel members, who will be paid for their time. The " +
            "panel will advise on campaigns and commissioning.",
          leads: ["specialist", "council"],
          performanceTarget: "Panel of at least 8 members meeting every quarter by September 2024",
          dueOn: "2024-09-30",
          milestones: [
            { description: "Panel members recruited", dueOn: "2024-07-31", done: true },
            { description: "First panel meeting", dueOn: "2024-09-19", done: true },
          ],
        },
      ],
    },
    {
      name: "2025–26",
      startsOn: "2025-04-01",
      endsOn: "2026-03-31",
      actions: [
        {
          commitment: "1.1",
          what: "Run a year-round campaign on coercive control and economic abuse.",
          how:
            "The council and Lanternway will use the Experts by Experience panel's advice from last year's " +
            "campaign and add a focus on banks, building societies and advice services.",
          leads: ["council", "specialist"],
          performanceTarget: "Helpline calls and web referrals up 10% on 2024/25",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Economic abuse materials agreed", dueOn: "2025-06-30", done: true },
            { description: "16 Days of Action campaign live", dueOn: "2025-11-25", done: true },
            { description: "Year-end evaluation", dueOn: "2026-03-31", done: false },
          ],
        },
        {
          commitment: "1.4",
          what: "Roll out the partnership training framework.",
          how:
            "Partners will deliver level 1 training in-house; Lanternway will deliver level 2. Every " +
            "partner will report numbers trained each quarter.",
          leads: ["council", "specialist"],
          performanceTarget:
            "350 staff trained at level 1 or 2; every partner reports training figures each quarter",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Level 1 e-learning available to all partners", dueOn: "2025-06-30", done: true },
            { description: "200 staff trained", dueOn: "2025-12-31", done: true },
            { description: "350 staff trained", dueOn: "2026-03-31", done: false },
          ],
        },
        {
          commitment: "1.5",
          what: "Work with faith and community leaders on so-called honour-based abuse and forced marriage.",
          how:
            "The community safety team and Marston Police will hold awareness sessions with faith and " +
            "community groups, with a community organisation as co-presenter.",
          leads: ["council", "police"],
          performanceTarget: "Awareness sessions held with 12 community and faith groups",
          dueOn: "2026-03-31",
        },
        {
          commitment: "1.6",
          what: "Raise awareness of stalking and tech-enabled abuse.",
          how:
            "Marston Police and Lanternway will brief frontline staff on spotting stalking and " +
            "tech-enabled abuse and on the help available.",
          leads: ["police", "specialist"],
          performanceTarget: "150 staff briefed; use of stalking protection orders reported each quarter",
          dueOn: "2026-01-31",
        },
        {
          commitment: "2.1",
          what: "Extend routine enquiry to the emergency department and mental health services.",
          how:
            "The hospital trust and the Integrated Care Board will add prompts to patient records and " +
            "train staff, building on the maternity model.",
          leads: ["hospital", "icb"],
          performanceTarget:
            "Enquiry recorded in 60% of relevant emergency department attendances by March 2026",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Prompts added to emergency department records", dueOn: "2025-09-30", done: true },
            { description: "Mental health services go live", dueOn: "2026-01-31", done: false },
          ],
        },
        {
          commitment: "2.4",
          what: "Roll out a GP practice training and referral programme.",
          how:
            "The Integrated Care Board will fund training for whole practice teams and a named Lanternway " +
            "adviser for each primary care network.",
          leads: ["icb", "specialist"],
          performanceTarget:
            "20 of 27 GP practices trained; GP referrals double from the 2024/25 baseline of 48",
          dueOn: "2026-03-31",
        },
        {
          commitment: "2.2",
          what: "Check how schools act on Operation Encompass notifications.",
          how:
            "The education improvement service will audit a sample of schools with Marston Police and " +
            "share good practice at the designated safeguarding leads' network.",
          leads: ["education", "police"],
          performanceTarget: "20 schools audited; 95% of notifications acted on the same day",
          dueOn: "2025-12-19",
        },
        {
          commitment: "2.3",
          what: "Make the medium-risk outreach service permanent.",
          how:
            "The council and the OPCC will evaluate the pilot and, if it has worked, jointly recommission " +
            "the service.",
          leads: ["council", "opcc"],
          performanceTarget:
            "Pilot evaluation to steering group by November 2025; service recommissioned from 1 April 2026",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Evaluation to steering group", dueOn: "2025-11-12", done: true },
            { description: "Contract awarded", dueOn: "2026-02-27", done: false },
          ],
        },
        {
          commitment: "2.6",
          what: "Build a shared picture of domestic abuse data for the steering group.",
          how:
            "Public health and the community safety team will agree 12 key indicators with partners and " +
            "report them, with baselines, to every steering group meeting.",
          leads: ["publicHealth", "council"],
          performanceTarget: "12 key indicators reported to each steering group meeting from August 2025",
          dueOn: "2025-08-13",
        },
        {
          commitment: "3.1",
          what: "Widen MATAC to take on serial stalking perpetrators.",
          how:
            "Marston Police and probation will add stalking to the MATAC criteria and use the same tools " +
            "to measure the effect.",
          leads: ["police", "probation"],
          performanceTarget:
            "25 perpetrators taken on; 30% fewer offences in the 6 months after being taken on",
          dueOn: "2026-03-31",
        },
        {
          commitment: "3.2",
          what: "Deliver the behaviour-change programme and support partners.",
          how:
            "Lanternway will run rolling groups and offer a support worker to every participant's partner " +
            "or ex-partner.",
          leads: ["specialist", "opcc"],
          performanceTarget: "40 people start the programme; 60% complete it; every partner offered support",
          dueOn: "2026-03-31",
        },
        {
          commitment: "3.5",
          what: "Pilot a response to child-to-parent abuse.",
          how:
            "Children's services and Lanternway will put the task and finish group's recommendations into " +
            "practice with a whole-family programme.",
          leads: ["childrens", "specialist"],
          performanceTarget: "30 families supported; 70% of parents report less abuse at the end",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Programme staff trained", dueOn: "2025-06-30", done: true },
            { description: "Interim report to operational group", dueOn: "2025-11-26", done: false },
          ],
        },
        {
          commitment: "3.6",
          what: "Agree a joint working protocol between the drug and alcohol service and probation.",
          how:
            "Public health and probation will agree how the two services share risk information and plan " +
            "treatment for people on the behaviour-change programme.",
          leads: ["publicHealth", "probation"],
          performanceTarget: "Protocol signed by both services by September 2025",
          dueOn: "2025-09-30",
        },
        {
          commitment: "4.1",
          what: "Keep reducing repeat Marac cases.",
          how:
            "The Marac will add a review at three months for every repeat case, and the operational group " +
            "will follow the deep dive's recommendations.",
          leads: ["police", "specialist"],
          performanceTarget: "Repeat Marac cases reduced to 32% (2024/25: 36%)",
          dueOn: "2026-03-31",
        },
        {
          commitment: "4.2",
          what: "Add a court IDVA.",
          how: "The OPCC will fund a Lanternway IDVA based at the magistrates' court and the family court.",
          leads: ["opcc", "specialist"],
          performanceTarget: "Court IDVA in post by October 2025; 80 victims supported through court",
          dueOn: "2026-03-31",
        },
        {
          commitment: "4.3",
          what: "Open six dispersed safe accommodation units.",
          how:
            "Millbeck Housing Association will provide the homes and Lanternway the support, funded from " +
            "the safe accommodation grant.",
          leads: ["housingAssoc", "housingOptions"],
          performanceTarget: "Six units open by January 2026; 80% occupied",
          dueOn: "2026-01-31",
          milestones: [
            { description: "Properties identified", dueOn: "2025-06-30", done: true },
            { description: "First three units open", dueOn: "2025-10-31", done: true },
            { description: "All six units open", dueOn: "2026-01-31", done: false },
          ],
        },
        {
          commitment: "4.4",
          what: "Extend the Sanctuary scheme to private rented and owner-occupied homes.",
          how:
            "Housing options will agree consent arrangements with private landlords and add " +
            "owner-occupiers to the scheme.",
          leads: ["housingOptions"],
          performanceTarget:
            "110 households helped, at least 30 of them in private rented or owner-occupied homes",
          dueOn: "2026-03-31",
        },
        {
          commitment: "4.5",
          what: "Achieve Domestic Abuse Housing Alliance accreditation.",
          how:
            "Both landlords will complete their action plans from the gap analysis and put in their " +
            "evidence for assessment.",
          leads: ["housingAssoc", "housingOptions"],
          performanceTarget: "Both landlords accredited by March 2026",
          dueOn: "2026-03-31",
          milestones: [
            { description: "Evidence submitted", dueOn: "2025-12-19", done: false },
            { description: "Assessment visit", dueOn: "2026-02-27", done: false },
          ],
        },
        {
          commitment: "4.6",
          what: "Improve support for male and LGBT+ victims.",
          how:
            "Lanternway will offer a named worker for male and LGBT+ victims and promote the service with " +
            "community groups.",
          leads: ["specialist"],
          performanceTarget:
            "Referrals of male victims up from 9% to 12%; LGBT+ referrals recorded and reported",
          dueOn: "2026-03-31",
        },
        {
          commitment: "4.7",
          what: "Improve victims' experience of court.",
          how:
            "Marston Police and the OPCC will survey victims supported through court and agree changes " +
            "with the courts and the Crown Prosecution Service.",
          leads: ["police", "opcc"],
          performanceTarget: "50 victims surveyed; 80% say they were kept informed",
          dueOn: "2026-03-31",
        },
        {
          commitment: "4.8",
          what: "Run recovery groups for survivors.",
          how: "Lanternway will run daytime and evening recovery programmes and a monthly peer support group.",
          leads: ["specialist"],
          performanceTarget: "8 programmes run; 70 people complete one",
          dueOn: "2026-03-31",
        },
        {
          commitment: "5.3",
          what: "Support young people who experience abuse in their own relationships.",
          how:
            "A young people's IDVA will take referrals from schools and colleges, and the education " +
            "service will brief designated safeguarding leads.",
          leads: ["education", "specialist"],
          performanceTarget: "Young people's IDVA in post by September 2025; 60 young people supported",
          dueOn: "2026-03-31",
        },
        {
          commitment: "5.4",
          what: "Run recovery programmes for mothers and children together.",
          how:
            "Lanternway and children's services will run group programmes in family hubs, with crèche " +
            "places for younger siblings.",
          leads: ["specialist", "childrens"],
          performanceTarget: "4 programmes run; 32 families take part",
          dueOn: "2026-03-31",
        },
        {
          commitment: "5.6",
          what: "Train children's social workers in a whole-family approach to domestic abuse.",
          how:
            "Children's services will train all social workers and team managers and check practice " +
            "through case file audits.",
          leads: ["childrens"],
          performanceTarget:
            "90% of social workers trained; audit findings reported to the safeguarding partnership",
          dueOn: "2026-03-31",
        },
        {
          commitment: "6.2",
          what: "Agree a partnership information-sharing agreement.",
          how:
            "The council and Marston Police will draft the agreement with partners' data protection " +
            "officers and ask every partner to sign it.",
          leads: ["council", "police"],
          performanceTarget: "Agreement signed by all 13 partners by December 2025",
          dueOn: "2025-12-31",
          milestones: [
            { description: "Draft agreed by data protection officers", dueOn: "2025-07-31", done: true },
            { description: "Signed by all partners", dueOn: "2025-12-31", done: false },
          ],
        },
        {
          commitment: "6.5",
          what: "Bid jointly for national funding.",
          how:
            "The community safety team and the OPCC will keep a joint funding plan and put in bids " +
            "together rather than competing.",
          leads: ["council", "opcc"],
          performanceTarget:
            "Funding plan agreed by June 2025; at least £250,000 of external funding secured",
          dueOn: "2026-03-31",
        },
        {
          commitment: "6.6",
          what: "Publish the domestic abuse chapter of the JSNA.",
          how:
            "Public health will update the chapter with partners' figures, showing only aggregate numbers " +
            "and suppressing any small enough to identify a person.",
          leads: ["publicHealth"],
          performanceTarget:
            "Chapter published by October 2025 and presented to the Health and Wellbeing Board",
          dueOn: "2025-10-31",
        },
      ],
    },
  ],
};

// Ashvale's history of quarterly progress updates: what each lead organisation reported on each action,
// round by round, across the 2024–25 and 2025–26 action plans. Every figure is invented and aggregate:
// numbers trained, referrals, meetings, percentages. Nothing here is about a victim, a perpetrator or a
// child. The loader (src/demo/load-progress.ts) turns it into rounds, updates and derived ratings.
//
// The story: 2024–25 starts slowly (several actions Grey until the autumn), two actions go Red in Q2
// and recover, most are Complete by the end of the year, and a few carry forward. In 2025–26 some
// actions are still Grey in Q1, two go Red in Q2, and Q4 is the live round: some updates accepted,
// some waiting for review, one returned, some drafts and many not started. Probation, Public Health
// and Adult Social Care are patchy: in some quarters they sent nothing (the quarter has no entry).

import type { DemoPlanProgress, DemoProgress } from "./types.ts";

const plan2024: DemoPlanProgress = {
  plan: "2024–25",
  rounds: [
    {
      quarter: "Q1",
      name: "Q1 2024/25",
      periodStart: "2024-04-01",
      periodEnd: "2024-06-30",
      deadline: "2024-07-15",
      openedOn: "2024-07-01",
      closedOn: "2024-07-25",
    },
    {
      quarter: "Q2",
      name: "Q2 2024/25",
      periodStart: "2024-07-01",
      periodEnd: "2024-09-30",
      deadline: "2024-10-15",
      openedOn: "2024-10-01",
      closedOn: "2024-10-25",
    },
    {
      quarter: "Q3",
      name: "Q3 2024/25",
      periodStart: "2024-10-01",
      periodEnd: "2024-12-31",
      deadline: "2025-01-15",
      openedOn: "2025-01-02",
      closedOn: "2025-01-24",
    },
    {
      quarter: "Q4",
      name: "Q4 2024/25",
      periodStart: "2025-01-01",
      periodEnd: "2025-03-31",
      deadline: "2025-04-15",
      openedOn: "2025-04-01",
      closedOn: "2025-04-25",
    },
  ],
  actions: [
    {
      action: "Run a winter awareness campaign during the 16 Days of Action",
      updates: {
        Q1: {
          rating: "grey",
          narrative:
            "Planning starts in September, once the Experts by Experience panel is meeting (action 6.4). " +
            "Advertising space on bus shelters and GP waiting-room screens is booked for 25 November to " +
            "10 December.",
        },
        Q2: {
          rating: "green",
          narrative:
            "The panel met twice in September and chose three messages from six drafts. Translations into " +
            "Polish, Urdu, Romanian, Punjabi and Arabic are commissioned, and a budget of £6,500 is " +
            "confirmed from the community safety budget.",
        },
        Q3: {
          rating: "green",
          narrative:
            "The campaign ran from 25 November to 10 December. Estimated reach 52,000 (social media 31,000; " +
            "bus shelters and GP screens 21,000). Helpline calls in those weeks were 14% up on the same " +
            "weeks of 2023.",
          toNote:
            "Posts in Romanian and Arabic reached far fewer people than the others. The panel " +
            "will look at why before next year's campaign.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "Evaluation presented to the operational group on 22 January 2025. Both targets met: reach of " +
            "52,000 against 40,000 and helpline calls up 14% against 10%. The lessons feed the year-round " +
            "campaign in the 2025–26 plan.",
          evidenceLinks: ["https://www.ashvale.example/community-safety/16-days-2024-evaluation"],
        },
      },
    },
    {
      action: "Relaunch the Domestic Abuse Champions network",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Two half-day sessions held in May and June: 14 new champions trained from 6 organisations. The " +
            "first champions' forum met on 20 June with 22 people attending.",
        },
        Q2: {
          rating: "amber",
          narrative:
            "Only 9 champions trained this quarter (23 in total) because the August session was cancelled " +
            "for low numbers in the school holidays. No local employers have joined yet.",
          remedy:
            "An extra session is added in October, and the Chamber of Commerce will promote the network " +
            "to its members in its autumn newsletter.",
        },
        Q3: {
          rating: "green",
          narrative:
            "21 champions trained this quarter (44 in total), from 9 partner organisations and 3 local " +
            "employers, including the bus operator and a distribution centre.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "63 champions trained in the year, from 10 partner organisations and 6 local employers, against " +
            "targets of 60, 8 and 5. The forum now meets every quarter, and champions passed on 37 " +
            "enquiries from colleagues to Lanternway.",
        },
      },
    },
    {
      action: "Agree a model domestic abuse workplace policy",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Draft model policy written with the HR leads of the council, the hospital trust and Millbeck " +
            "Housing Association. Out to all partners for comment until 31 July.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Model policy agreed at the steering group on 11 September 2024 and sent to every partner with " +
            "a checklist for testing their own policy against it.",
          evidenceLinks: ["https://www.ashvale.example/da-partnership/model-workplace-policy"],
        },
        Q3: {
          rating: "amber",
          narrative:
            "4 of 13 partners have confirmed a policy in place. Several say their policy is caught up in a " +
            "wider HR review.",
          remedy:
            "The coordinator is writing to each steering group member who has not confirmed, and progress " +
            "will be a standing item at the February steering group.",
        },
        Q4: {
          rating: "amber",
          narrative:
            "7 of 13 partners confirmed a policy in place by 31 March, one short of the target of 8.",
          remedy:
            "The remaining partners are asked to confirm by June 2025; the champions network will offer " +
            "help to any partner redrafting its policy.",
          toNote:
            "The Integrated Care Board and the Probation Service are waiting for national policies " +
            "due during 2025. Check them against the model when they arrive.",
        },
      },
    },
    {
      action: "Map the domestic abuse training offered across the partnership",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Training audit sent to all 13 partners in May; 9 returned by 30 June. The Integrated Care Board " +
            "completed one audit covering GP practices and the hospital trust together.",
        },
        Q2: {
          rating: "green",
          narrative:
            "All 13 audits returned by 31 July. Main gaps: housing and adult social care staff have little " +
            "training beyond e-learning, and partners have no shared standard for what 'trained' means.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "Draft framework (awareness, enquiry and specialist levels) discussed at the operational group " +
            "on 27 November and revised. It cannot be approved in January because the steering group does " +
            "not meet until 12 February.",
          remedy:
            "The framework goes to the 12 February steering group; the chair has agreed to approve it by " +
            "e-mail if that meeting is not quorate.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "Training framework approved at the steering group on 12 February 2025, two weeks after the " +
            "target date. Level 1 e-learning will be available to all partners in 2025–26.",
        },
      },
    },
    {
      action: "Deliver level 2 domestic abuse training to frontline staff",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "3 sessions held: 46 staff trained (housing 18, adult social care 15, hospital 13). 88% said " +
            "they felt more confident asking about abuse.",
        },
        Q2: {
          rating: "green",
          narrative: "41 staff trained in July, August and September (87 in total). Confidence score 86%.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "Only 28 staff trained this quarter (115 in total): two sessions were cancelled in November and " +
            "December when the trainer was off sick.",
          remedy:
            "Lanternway's second trainer now covers the sessions. Two extra sessions are booked for " +
            "February and March, and the hospital has booked one for emergency department staff.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "92 staff trained this quarter: 207 in the year against a target of 200, and 87% say they feel " +
            "more confident asking about abuse.",
          toNote:
            "Requests for training from GP practices are passed to the GP programme in the " +
            "2025–26 plan.",
        },
      },
    },
    {
      action: "Ask about domestic abuse routinely at antenatal booking appointments",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Question added to the maternity electronic record on 17 June. Audit of April–June bookings: " +
            "enquiry recorded at 58% (2023/24 baseline 52%).",
        },
        Q2: {
          rating: "green",
          narrative: "42 of 48 community midwives trained by 30 September. Enquiry recorded at 66%.",
        },
        Q3: {
          rating: "green",
          narrative:
            "All community midwives trained by 31 October, on time. Enquiry recorded at 74% in " +
            "October–December.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "Enquiry recorded at 81% of booking appointments in January–March 2025, above the target of " +
            "80%. The quarterly audit continues as part of the safeguarding team's routine work.",
          toNote:
            "Enquiry is least often recorded when someone else attends the appointment; midwives " +
            "now offer a second contact alone.",
        },
      },
    },
    {
      action: "Extend Operation Encompass to early years settings",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Briefing pack for early years settings agreed on 26 June. All 68 schools remain signed up; 96% " +
            "of notifications were sent before the next school day.",
        },
        Q2: {
          rating: "green",
          narrative:
            "17 nurseries and childminders signed up and a key adult in each briefed. 94% of notifications " +
            "on time; the late ones followed a weekend system outage.",
        },
        Q3: {
          rating: "green",
          narrative:
            "33 early years settings now signed up. 97% of notifications sent before the next school day.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "44 early years settings signed up by 28 February, above the target of 40. Across the year 96% " +
            "of notifications were sent before the next school day.",
        },
      },
    },
    {
      action: "Pilot a medium-risk outreach service",
      updates: {
        Q1: {
          rating: "amber",
          narrative:
            "The first of two outreach workers started in June and the second starts in August, so only " +
            "11 people have been supported so far.",
          remedy:
            "Referral criteria are shared with the police, GP practices and housing now, so referrals are " +
            "waiting when the second worker starts; Lanternway's outreach team takes any overflow.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Both workers in post. 48 people supported this quarter (59 in total); most referrals came from " +
            "the police (41%) and housing (22%).",
        },
        Q3: {
          rating: "green",
          narrative:
            "46 people supported this quarter (105 in total). 78% of those whose support ended said they " +
            "felt safer.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "49 people supported this quarter: 154 in the pilot year against a target of 150, and 79% felt " +
            "safer when support ended. The pilot continues while the council and the OPCC decide on " +
            "recommissioning (2025–26 action 2.3).",
        },
      },
    },
    {
      action: "Keep a hospital IDVA in the emergency department and maternity",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "The IDVA is based in the emergency department and maternity four days a week. 41 referrals " +
            "from hospital staff this quarter (Q1 2023/24: 31).",
        },
        Q2: {
          rating: "amber",
          narrative:
            "The post was vacant from 9 August to 23 September, and referrals fell to 27 (68 in total).",
          remedy:
            "A new IDVA started on 23 September. The emergency department's safeguarding nurse is " +
            "reminding staff of the referral route at handover every week.",
        },
        Q3: {
          rating: "green",
          narrative:
            "47 referrals this quarter (115 in total), the highest so far, mostly from the emergency department.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "52 referrals this quarter: 167 in the year, up 27% on the 2023/24 baseline of 132. The trust " +
            "will fund the post from its safeguarding budget in 2025–26.",
        },
      },
    },
    {
      action: "Write domestic abuse screening into the new drug and alcohol service contract",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Screening and referral clause written into the specification for the new drug and alcohol " +
            "service. The tender closed on 14 June.",
        },
        Q2: {
          rating: "green",
          narrative:
            "The new contract started on 1 October 2024 with the screening clause in it. The first " +
            "screening figures are due at the January contract meeting.",
        },
        Q4: {
          rating: "amber",
          daysLate: 4,
          narrative:
            "61% of new clients were screened for domestic abuse in October–December. The figures did not " +
            "reach the operational group in January because the contract meeting moved.",
          remedy:
            "Public health will now send screening figures to the coordinator every quarter rather than " +
            "waiting for contract meetings, and the provider will train its recovery workers by June.",
        },
      },
    },
    {
      action: "Keep MATAC meeting monthly",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "MATAC met in April, May and June; 7 perpetrators taken on. Housing and probation attended every " +
            "meeting.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Met every month; 6 more perpetrators taken on (13 in total). The first 7 show 28% fewer " +
            "incidents in the three months after being taken on.",
        },
        Q3: {
          rating: "green",
          narrative: "Met every month, in December online. 5 more perpetrators taken on (18 in total).",
        },
        Q4: {
          rating: "complete",
          narrative:
            "24 perpetrators taken on in the year. For the 13 taken on long enough ago, incidents fell 34% " +
            "in the 6 months after compared with the 6 months before.",
        },
      },
    },
    {
      action: "Commission a behaviour-change programme",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Market engagement event held on 12 June with five providers. Specification drafted by the OPCC " +
            "and the council.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Tender published on 28 August, closing 4 October. Two Experts by Experience will sit on the " +
            "evaluation panel.",
        },
        Q3: {
          rating: "green",
          narrative:
            "Four bids received. Contract awarded on 13 December to Lanternway for an accredited programme " +
            "with a partner support service; mobilisation has started.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "The first group started on 3 March 2025 with 9 participants. The partner support worker is in " +
            "post and has contacted every partner or ex-partner who agreed to it.",
        },
      },
    },
    {
      action: "Brief officers on the new domestic abuse protection notices and orders",
      updates: {
        Q1: {
          rating: "grey",
          narrative:
            "Briefings wait for the force procedure on the new notices and orders, expected in the autumn.",
        },
        Q2: {
          rating: "red",
          narrative:
            "The force procedure has been delayed, so no officers have been briefed. Figures on notices and " +
            "orders cannot be reported until the new recording system is live.",
          remedy:
            "Escalated to the force's domestic abuse lead. Briefing slides are ready so sessions can start " +
            "the week the procedure is published; the steering group will be updated in November.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "Procedure published on 18 November. 180 of about 420 response and neighbourhood officers " +
            "briefed at shift briefings; 14 notices issued in December.",
          remedy: "Briefings for the remaining shifts are timetabled for January and February.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "412 response and neighbourhood officers briefed by 14 March. January–March: 41 notices issued, " +
            "33 orders applied for, 29 granted and 6 breaches recorded.",
        },
      },
    },
    {
      action: "Check domestic abuse and safeguarding information before every relevant sentence",
      updates: {
        Q2: {
          rating: "amber",
          daysLate: 3,
          narrative:
            "Checks completed before sentence in 81% of relevant cases in July–September. Police checks " +
            "come back within 5 working days; children's services checks take longer.",
          remedy:
            "Children's services have named a duty contact for probation's requests, and probation will " +
            "report the figure to the operational group every month.",
        },
        Q4: {
          rating: "amber",
          daysLate: 2,
          narrative:
            "Checks completed before sentence in 89% of relevant cases in January–March. No figures were " +
            "supplied for October–December.",
          remedy:
            "The steering group chair has written to the head of the probation delivery unit asking for a " +
            "named lead and figures every quarter.",
          toNote:
            "Updates from probation were missing in two quarters this year. Raised at the February " +
            "steering group.",
        },
      },
    },
    {
      action: "Review our Marac against the national quality standards",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "The Marac chair and the coordinator have started the national self-assessment; partner " +
            "questionnaires went out in June.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Self-assessment completed on 29 August. Strengths: attendance and tracking of actions. Gaps: " +
            "health representation and identifying repeat referrals.",
        },
        Q3: {
          rating: "complete",
          narrative:
            "Improvement plan agreed at the steering group on 9 October 2024. The actions on health " +
            "attendance and repeat referrals are taken forward by the deep dive and the 2025–26 plan.",
        },
      },
    },
    {
      action: "Hold a deep dive into repeat Marac referrals",
      updates: {
        Q1: {
          rating: "grey",
          narrative:
            "The task and finish group starts in September, once the Marac self-assessment is complete.",
        },
        Q2: {
          rating: "red",
          narrative:
            "The deep dive has not started: the force's data protection officer asked for the information " +
            "sharing to be checked before any case information is shared. Repeat rate July–September: 42%.",
          remedy:
            "The coordinator has met the data protection officer, and the group will work from an " +
            "anonymised extract instead of case files. New start date 1 November.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "An anonymised sample of 30 repeat referrals was reviewed in November and December. Early " +
            "finding: repeats often follow a gap in support after the first Marac. Repeat rate " +
            "October–December: 39%.",
          remedy:
            "Findings go to the operational group in January, and a three-month review of repeat cases is " +
            "being tried meanwhile.",
        },
        Q4: {
          rating: "amber",
          narrative:
            "Report with 6 recommendations presented to the steering group in February. The repeat rate for " +
            "the year was 36% against a target of 35% (baseline 41%).",
          remedy: "A three-month review of every repeat case is built into the 2025–26 plan (action 4.1).",
          toNote:
            "The repeat rate is now counted over 12 months from the last referral, so figures " +
            "before and after April 2024 are not directly comparable.",
        },
      },
    },
    {
      action: "Fund two more IDVA posts",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Both posts advertised in April. One IDVA started on 3 June and the second starts on 15 July. " +
            "Average caseload 118 open cases per full-time IDVA.",
        },
        Q2: {
          rating: "complete",
          narrative:
            "Both IDVAs in post from 15 July. Average caseload down to 97 open cases per full-time IDVA in " +
            "September.",
        },
      },
    },
    {
      action: "Complete the yearly safe accommodation needs assessment",
      updates: {
        Q1: {
          rating: "complete",
          narrative:
            "Needs assessment published on 24 June and the annual return submitted before the government " +
            "deadline. It finds a shortfall of about six dispersed units for families and for people with " +
            "complex needs.",
          evidenceLinks: ["https://www.ashvale.example/housing/safe-accommodation-needs-assessment-2024"],
        },
      },
    },
    {
      action: "Relaunch the Sanctuary scheme",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Online referral form live from 1 May. 19 households helped; average 12 working days from " +
            "referral to works done while the new contractor settled in.",
        },
        Q2: {
          rating: "green",
          narrative:
            "24 households helped (43 in total); average 9 working days from referral to works done.",
        },
        Q3: {
          rating: "green",
          narrative: "21 households helped (64 in total); average 8 working days.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "29 households helped this quarter: 93 in the year against a target of 90, averaging 8 working " +
            "days. Referrals now come from 11 partners, most often the police and Lanternway.",
        },
      },
    },
    {
      action: "Start work towards Domestic Abuse Housing Alliance accreditation",
      updates: {
        Q1: {
          rating: "grey",
          narrative: "Registration is planned for September, once both landlords' budgets are confirmed.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Housing options and Millbeck Housing Association both registered with the Alliance in September.",
        },
        Q3: {
          rating: "green",
          narrative: "Housing options has completed its gap analysis; Millbeck's is due in February.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "Both gap analyses completed and a joint plan of 22 actions agreed, mainly on policy, training " +
            "and case recording. Accreditation itself is in the 2025–26 plan.",
        },
      },
    },
    {
      action: "Make it easier for older and disabled people to get help",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Easy-read referral form drafted with a local disability advocacy group. People aged 60 and " +
            "over were 6% of referrals to Lanternway, the same as the baseline.",
        },
        Q3: {
          rating: "amber",
          daysLate: 2,
          narrative:
            "Joint briefings held for 4 care providers and 2 day services. People aged 60 and over were 7% " +
            "of referrals.",
          remedy:
            "Adult social care has named a lead to arrange briefings with the remaining care providers, and " +
            "the topic is on the provider forum agenda in February.",
        },
        Q4: {
          rating: "amber",
          narrative:
            "Easy-read referral route live from February. People aged 60 and over were 8% of referrals over " +
            "the year, short of the 10% target.",
          remedy:
            "The work continues in 2025–26 through the training framework, with adult social care reporting " +
            "its numbers trained each quarter.",
          toNote:
            "No update came from adult social care for Q2. The partnership has agreed a named " +
            "contact so this does not happen again.",
        },
      },
    },
    {
      action: "Support schools to teach healthy relationships",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Resource pack drafted and checked by Lanternway. The relationships, sex and health education " +
            "leads' network met on 12 June with 24 schools represented.",
        },
        Q2: {
          rating: "green",
          narrative: "Resource pack shared with all 68 schools in September; 12 teachers trained.",
        },
        Q3: {
          rating: "green",
          narrative: "11 more teachers trained (23 in total).",
        },
        Q4: {
          rating: "complete",
          narrative:
            "34 teachers trained from 29 schools against a target of 30; 91% of teachers who gave feedback " +
            "rated the pack useful.",
        },
      },
    },
    {
      action: "Offer one-to-one and group support to children affected by domestic abuse",
      updates: {
        Q1: {
          rating: "amber",
          narrative:
            "27 children supported. The average wait was 9 weeks because one children's worker post is vacant.",
          remedy:
            "The post is recruited and the new worker starts in August; more group sessions are being run to " +
            "bring waits down meanwhile.",
        },
        Q2: {
          rating: "green",
          narrative: "31 children supported (58 in total); the average wait is down to 6 weeks.",
        },
        Q3: {
          rating: "green",
          narrative:
            "34 children supported (92 in total); average wait 5 weeks. 40% were supported in school.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "36 children supported this quarter: 128 in the year against a target of 120, average wait 5 weeks.",
        },
      },
    },
    {
      action: "Set up a task and finish group on child-to-parent abuse",
      updates: {
        Q1: {
          rating: "grey",
          narrative: "Terms of reference drafted; the first meeting is set for September.",
        },
        Q2: {
          rating: "green",
          narrative:
            "First meeting held on 18 September with children's services, Lanternway, schools, youth " +
            "justice and the police. Mapping of current support has started.",
        },
        Q3: {
          rating: "green",
          narrative:
            "Mapping complete: four services offer some support, none of it designed for child-to-parent " +
            "abuse. Draft recommendations discussed in December.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "Report with 5 recommendations presented to the steering group on 12 February, including a " +
            "whole-family pilot (2025–26 action 3.5).",
          toNote: "The pilot has no funding yet. The OPCC has been asked about its small grants fund.",
        },
      },
    },
    {
      action: "Refresh the terms of reference of the steering and operational groups",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Draft terms of reference for both groups discussed with the chairs, and membership reviewed.",
        },
        Q2: {
          rating: "complete",
          narrative:
            "Terms of reference agreed by the steering group on 24 July and the operational group on 31 " +
            "July. Attendance at the September meetings was 82% and 78%.",
        },
      },
    },
    {
      action: "Track the actions from Domestic Homicide Reviews",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "One tracker set up covering the three published reviews: 31 actions, 12 of them due this year.",
        },
        Q2: {
          rating: "green",
          narrative: "5 of the 12 actions due this year completed.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "8 of 12 completed. Two health actions are overdue because they depend on an audit of GP records.",
          remedy:
            "The Integrated Care Board's safeguarding lead has committed to the audit in February; progress " +
            "is reported at every steering group.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "11 of 12 actions due this year completed (92%, target 90%). The GP records audit is finished; " +
            "its one remaining action carries into 2025–26.",
        },
      },
    },
    {
      action: "Set up an Experts by Experience panel",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Recruitment through Lanternway's services and peer groups brought 11 expressions of interest. " +
            "A payment policy for panel members is agreed with the council's finance team.",
        },
        Q2: {
          rating: "complete",
          narrative:
            "A panel of 9 members met for the first time on 19 September and advised on the winter " +
            "campaign's messages.",
        },
      },
    },
  ],
};

const plan2025: DemoPlanProgress = {
  plan: "2025–26",
  rounds: [
    {
      quarter: "Q1",
      name: "Q1 2025/26",
      periodStart: "2025-04-01",
      periodEnd: "2025-06-30",
      deadline: "2025-07-15",
      openedOn: "2025-07-01",
      closedOn: "2025-07-25",
    },
    {
      quarter: "Q2",
      name: "Q2 2025/26",
      periodStart: "2025-07-01",
      periodEnd: "2025-09-30",
      deadline: "2025-10-15",
      openedOn: "2025-10-01",
      closedOn: "2025-10-24",
    },
    {
      quarter: "Q3",
      name: "Q3 2025/26",
      periodStart: "2025-10-01",
      periodEnd: "2025-12-31",
      deadline: "2026-01-15",
      openedOn: "2026-01-05",
      closedOn: "2026-01-23",
    },
    {
      // The live round. The loader keeps its deadline in the future (see load-progress.ts).
      quarter: "Q4",
      name: "Q4 2025/26",
      periodStart: "2026-01-01",
      periodEnd: "2026-03-31",
      deadline: "2026-04-15",
      openedOn: "2026-04-01",
    },
  ],
  actions: [
    {
      action: "Run a year-round campaign on coercive control and economic abuse",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Economic abuse leaflets and a social media pack agreed in June with the Experts by Experience " +
            "panel and two high-street banks. Helpline calls and web referrals in April–June: 412, up 6% on " +
            "the same quarter last year.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Materials now in 14 bank branches, the Citizens Advice office and the council's money advice " +
            "service. Calls and web referrals in July–September up 9%.",
        },
        Q3: {
          rating: "green",
          narrative:
            "The 16 Days of Action campaign on coercive control went live on 25 November. Calls and web " +
            "referrals in October–December up 13% on 2024.",
        },
        Q4: {
          status: "submitted",
          rating: "green",
          narrative:
            "Calls and web referrals up 11% over the year against a target of 10%. The year-end evaluation " +
            "goes to the operational group in April.",
        },
      },
    },
    {
      action: "Roll out the partnership training framework",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Level 1 e-learning live on every partner's learning system from 23 June. 64 staff trained " +
            "(level 1: 41, level 2: 23); 9 of 13 partners sent figures.",
          toNote:
            "Adult social care now reports its numbers trained here, carried forward from 2024–25 action 4.6.",
        },
        Q2: {
          rating: "amber",
          narrative:
            "71 staff trained (135 in total), but only 8 of 13 partners sent their training figures.",
          remedy:
            "A short training return now goes out with each round reminder, and partners who do not send " +
            "figures are named in the report to the steering group.",
        },
        Q3: {
          rating: "green",
          narrative:
            "96 staff trained (231 in total), passing the 200 milestone; 12 of 13 partners sent figures.",
        },
        Q4: {
          status: "draft",
          rating: "green",
          narrative:
            "Figures still coming in from partners. 68 staff trained so far in January and February.",
        },
      },
    },
    {
      action: "Work with faith and community leaders",
      updates: {
        Q1: {
          rating: "grey",
          narrative:
            "A community organisation to co-present is being found; sessions are planned from September.",
        },
        Q2: {
          rating: "green",
          narrative:
            "A local women's community organisation has agreed to co-present. The first 2 sessions were " +
            "held with faith groups in September.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "3 more sessions held (5 of 12). Two groups postponed because the co-presenter had no capacity.",
          remedy:
            "An OPCC small grant of £2,000 pays the co-presenter for 8 more sessions between January and " +
            "March.",
        },
      },
    },
    {
      action: "Raise awareness of stalking and tech-enabled abuse",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Briefing designed with the force's stalking advocate and Lanternway's digital safety lead. 38 " +
            "staff briefed. 4 stalking protection orders applied for, 3 granted.",
        },
        Q2: {
          rating: "green",
          narrative: "41 staff briefed (79 in total). 5 stalking protection orders applied for, 5 granted.",
        },
        Q3: {
          rating: "green",
          narrative: "63 staff briefed (142 in total). 3 stalking protection orders applied for, 2 granted.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "17 more staff briefed by 30 January: 159 in total against a target of 150. Over the year 15 " +
            "stalking protection orders were applied for and 12 granted. The briefing is now part of " +
            "induction for new staff.",
        },
      },
    },
    {
      action: "Extend routine enquiry to the emergency department and mental health services",
      updates: {
        Q1: {
          rating: "grey",
          narrative:
            "Work starts in July, once the maternity audit tool has been adapted for the emergency department.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Prompts added to the emergency department's records on 29 September and 140 staff trained. " +
            "Baseline audit: enquiry recorded in 18% of relevant attendances.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "Enquiry recorded in 37% of relevant emergency department attendances. Mental health services " +
            "will not go live in January because their records system is being upgraded.",
          remedy:
            "Mental health staff are being trained now so enquiry can start the day the upgrade goes live " +
            "in April. The emergency department audit is now monthly.",
        },
        Q4: {
          status: "returned",
          rating: "green",
          narrative:
            "Enquiry recorded in 49% of relevant emergency department attendances in January–March. " +
            "Mental health training continues.",
          reviewComment:
            "Thank you. The target is 60% by March and mental health services have not gone live, so Green " +
            "looks optimistic. Please check the rating and, if it is Amber, say what is being done.",
        },
      },
    },
    {
      action: "Roll out a GP practice training and referral programme",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "A named Lanternway adviser is in place for each of the 4 primary care networks. 5 practices " +
            "trained; 17 referrals from GPs (Q1 2024/25: 11).",
        },
        Q2: {
          rating: "green",
          narrative: "6 more practices trained (11 of 27). 21 referrals from GPs (38 in total).",
        },
        Q3: {
          rating: "amber",
          narrative:
            "3 practices trained (14 of 27); 4 postponed because of winter pressures. 24 referrals from GPs " +
            "(62 in total).",
          remedy:
            "The Integrated Care Board will fund protected learning time in February and March so whole " +
            "practice teams can attend.",
        },
        Q4: {
          status: "submitted",
          rating: "amber",
          narrative:
            "5 practices trained (19 of 27). 27 referrals from GPs: 89 in the year, up from 48 but short of " +
            "doubling.",
          remedy:
            "The remaining 8 practices are booked for April to June, and the action carries into the " +
            "2026–27 plan.",
        },
      },
    },
    {
      action: "Check how schools act on Operation Encompass notifications",
      updates: {
        Q1: {
          rating: "green",
          narrative: "Audit tool agreed with Marston Police; 6 schools audited in June.",
        },
        Q2: {
          rating: "green",
          narrative: "8 more schools audited (14 in total). 93% of notifications were acted on the same day.",
        },
        Q3: {
          rating: "complete",
          narrative:
            "21 schools audited by 12 December, and 96% of notifications acted on the same day. Good " +
            "practice shared at the designated safeguarding leads' network on 4 December.",
        },
      },
    },
    {
      action: "Make the medium-risk outreach service permanent",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Evaluation of the pilot commissioned from the public health intelligence team. The pilot is " +
            "extended to March 2026 while the decision is made.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Draft evaluation: 154 people supported in the pilot year, 79% felt safer at the end, and 9% were " +
            "later referred to Marac.",
        },
        Q3: {
          rating: "green",
          narrative:
            "Evaluation presented to the steering group on 12 November, which agreed to recommission. The " +
            "council and the OPCC will each put in £85,000 a year; tender published on 8 December.",
          toNote:
            "The OPCC's share is agreed until March 2027 only; it will be reviewed with the new police and " +
            "crime plan.",
        },
        Q4: {
          status: "draft",
          rating: "amber",
          narrative: "Tender closed on 23 January with 3 bids. The award will be later than 27 February.",
          remedy: "Outreach pilot extended by three months so there is no gap in the service.",
        },
      },
    },
    {
      action: "Build a shared picture of domestic abuse data",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "12 key indicators agreed with partners at the operational group on 28 May, each with a " +
            "definition, a source and a baseline.",
        },
        Q2: {
          rating: "complete",
          narrative:
            "The first indicator report went to the steering group on 13 August and is now a standing item.",
        },
      },
    },
    {
      action: "Widen MATAC to take on serial stalking perpetrators",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Stalking added to the MATAC criteria from 1 May. 6 perpetrators taken on, 2 of them for stalking.",
        },
        Q2: {
          rating: "green",
          narrative: "7 more perpetrators taken on (13 in total).",
        },
        Q3: {
          rating: "green",
          narrative:
            "8 more taken on (21 in total). For the first 6, offences fell 31% in the 6 months after being " +
            "taken on.",
        },
      },
    },
    {
      action: "Deliver the behaviour-change programme",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Two rolling groups running; 12 people started. Support offered to every partner or ex-partner, " +
            "and 10 accepted it.",
        },
        Q2: {
          rating: "green",
          narrative: "11 more people started (23 in total). Of the first cohort of 9, 6 completed (67%).",
        },
        Q3: {
          rating: "amber",
          narrative:
            "8 people started (31 in total). Referrals from children's social care are lower than expected.",
          remedy:
            "The programme manager is presenting at children's social care team meetings in January, and " +
            "the referral form has been shortened.",
        },
        Q4: {
          rating: "green",
          narrative:
            "13 people started this quarter: 44 in the year against a target of 40. 63% of those due to " +
            "finish completed the programme.",
        },
      },
    },
    {
      action: "Pilot a response to child-to-parent abuse",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "6 practitioners trained in the whole-family programme in June. First referrals taken from early help.",
        },
        Q2: {
          rating: "green",
          narrative: "9 families supported so far.",
          toNote:
            "The pilot is funded for one year. Options for keeping it go to the steering group with the " +
            "interim report.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "17 families supported in total. The interim report was not ready for 26 November because " +
            "outcome questionnaires had not been collected consistently.",
          remedy:
            "Questionnaires are now completed at the first and last sessions, and the interim report moves " +
            "to the operational group on 28 January.",
        },
        Q4: {
          status: "draft",
          rating: null,
          narrative: "Interim report presented on 28 January. Families supported to be added.",
        },
      },
    },
    {
      action: "Agree a joint working protocol",
      updates: {
        Q2: {
          rating: "red",
          daysLate: 3,
          narrative:
            "The protocol was not signed by the September deadline. Probation has missed the last two " +
            "drafting meetings.",
          remedy:
            "Escalated to the steering group chair, who has written to the head of the probation delivery " +
            "unit. New target date: December 2025.",
        },
        Q3: {
          rating: "complete",
          narrative:
            "Protocol signed by both services on 9 December, and the first joint case planning meetings " +
            "have been held.",
        },
      },
    },
    {
      action: "Keep reducing repeat Marac cases",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Three-month review added for every repeat case from May. Repeat rate in April–June: 35%.",
        },
        Q2: {
          rating: "green",
          narrative: "Repeat rate in July–September: 34%.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "The repeat rate rose to 37% in October–December, as it has in most winters, and Marac volumes " +
            "rose 12%.",
          remedy:
            "Lanternway is putting the deep dive's recommendations on support after Marac into practice, and " +
            "an extra Marac meeting is added in January and February.",
          toNote:
            "The repeat rate has risen every winter for three years. The operational group will look at the " +
            "seasonal pattern in March.",
        },
      },
    },
    {
      action: "Add a court IDVA",
      updates: {
        Q1: {
          rating: "green",
          narrative: "OPCC funding of £42,000 a year confirmed and the post advertised in June.",
        },
        Q2: {
          rating: "red",
          narrative:
            "Two rounds of recruitment found no suitable candidate, so the post will not be filled by the " +
            "October target.",
          remedy:
            "The post has been regraded to match other IDVA posts and readvertised. Lanternway's IDVAs cover " +
            "the magistrates' court two days a week meanwhile.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "The court IDVA started on 17 November and supported 19 victims through court by 31 December.",
          remedy:
            "Because of the late start about 60 victims, not 80, are likely to be supported by March; the " +
            "target will be reviewed at the steering group in February.",
        },
        Q4: {
          status: "submitted",
          rating: "amber",
          narrative:
            "44 more victims supported through court: 63 since the post started, against a target of 80.",
          remedy:
            "The steering group agreed in February to keep the target of 80 for the post's first 12 months.",
        },
      },
    },
    {
      action: "Open six dispersed safe accommodation units",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Six properties identified by Millbeck. Support from Lanternway agreed and funded from the safe " +
            "accommodation grant.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Repairs and furnishing under way; the first three units are on track to open in October.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "Three units opened on 27 October and all three are occupied. The other three are delayed by " +
            "damp works in two of the properties.",
          remedy:
            "Millbeck has found a replacement property. All six units are expected to be open by the end of " +
            "March, two months late.",
        },
      },
    },
    {
      action: "Extend the Sanctuary scheme to private rented and owner-occupied homes",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Consent letter for private landlords agreed with the landlords' association. 26 households " +
            "helped, 5 of them in private rented or owner-occupied homes.",
        },
        Q2: {
          rating: "green",
          narrative:
            "29 households helped (55 in total), 13 of them in private rented or owner-occupied homes.",
        },
        Q3: {
          rating: "green",
          narrative:
            "27 households helped (82 in total), 21 of them in private rented or owner-occupied homes.",
        },
        Q4: {
          rating: "complete",
          narrative:
            "31 households helped: 113 in the year against a target of 110, 30 of them in private rented or " +
            "owner-occupied homes.",
        },
      },
    },
    {
      action: "Achieve Domestic Abuse Housing Alliance accreditation",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "9 of the 22 actions in the joint plan completed, including a new domestic abuse policy approved " +
            "by Millbeck's board.",
        },
        Q2: {
          rating: "green",
          narrative: "16 of 22 actions completed; training for all housing officers finished.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "20 of 22 actions completed. The evidence was not submitted by 19 December because Millbeck's " +
            "case recording needs a system update.",
          remedy:
            "The system update is booked for January and the evidence will be submitted by 13 February; the " +
            "assessment visit is expected in April.",
        },
      },
    },
    {
      action: "Improve support for male and LGBT+ victims",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Named worker in post from May. Male victims were 10% of referrals, and LGBT+ identity is now " +
            "recorded on the referral form.",
        },
        Q2: {
          rating: "green",
          narrative: "Male victims 11% of referrals. Outreach sessions held with two LGBT+ community groups.",
        },
        Q3: {
          rating: "green",
          narrative:
            "Male victims 12% of referrals. LGBT+ referrals were 4% of those where identity was recorded.",
          toNote: "LGBT+ figures are small, so they are reported as percentages and never published below 5.",
        },
        Q4: {
          rating: "green",
          narrative:
            "Male victims 12% of referrals over the year, meeting the target. LGBT+ referrals are now " +
            "reported every quarter to the operational group.",
        },
      },
    },
    {
      action: "Improve victims' experience of court",
      updates: {
        Q1: {
          rating: "grey",
          narrative: "Survey questions will be agreed with the court IDVA once in post (action 4.2).",
        },
        Q2: {
          rating: "amber",
          narrative: "The survey has not started because the court IDVA post is not yet filled.",
          remedy: "The witness care unit will run the survey from November instead of waiting.",
        },
        Q3: {
          rating: "green",
          narrative: "Survey started in November; 18 completed so far. 72% say they were kept informed.",
        },
      },
    },
    {
      action: "Run recovery groups for survivors",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "A daytime and an evening programme started in May. The monthly peer support group meets at the " +
            "central family hub.",
        },
        Q2: {
          rating: "green",
          narrative: "2 programmes completed, with 17 people finishing; 2 more started.",
        },
        Q3: {
          rating: "green",
          narrative: "4 programmes completed in total and 38 people have finished one.",
        },
        Q4: {
          status: "submitted",
          rating: "green",
          narrative:
            "2 more programmes completed (6 of 8) and 57 people have finished one. The last two programmes " +
            "end in May.",
        },
      },
    },
    {
      action: "Support young people who experience abuse in their own relationships",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Young people's IDVA post funded and recruited; the IDVA starts on 1 September. Briefings for " +
            "designated safeguarding leads are planned for the autumn term.",
        },
        Q2: {
          rating: "green",
          narrative:
            "The IDVA started on 1 September and supported 7 young people that month. 42 designated " +
            "safeguarding leads briefed.",
        },
        Q3: {
          rating: "green",
          narrative: "19 more young people supported (26 in total), referred by 11 schools and the college.",
        },
      },
    },
    {
      action: "Run recovery programmes for mothers and children together",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "The first programme started at the north family hub with 7 families, with crèche places.",
        },
        Q2: {
          rating: "green",
          narrative: "The first programme finished with 6 families; the second started with 8.",
        },
        Q3: {
          rating: "green",
          narrative:
            "The second programme finished and the third started: 21 families have taken part so far.",
        },
      },
    },
    {
      action: "Train children's social workers in a whole-family approach",
      updates: {
        Q1: {
          rating: "grey",
          narrative: "Training commissioned; it starts in September, after the new social workers join.",
        },
        Q2: {
          rating: "green",
          narrative: "First 4 sessions held; 38% of social workers and team managers trained.",
        },
        Q3: {
          rating: "green",
          narrative:
            "71% trained. The first case file audit of 20 cases found the whole-family approach evident in 13.",
        },
        Q4: {
          status: "draft",
          rating: "green",
          narrative: "88% trained by the end of February; the last session is on 19 March.",
        },
      },
    },
    {
      action: "Agree a partnership information-sharing agreement",
      updates: {
        Q1: {
          rating: "green",
          narrative: "Draft agreement written and sent to partners' data protection officers.",
        },
        Q2: {
          rating: "green",
          narrative: "Data protection officers agreed the draft on 24 July. 5 of 13 partners have signed.",
        },
        Q3: {
          rating: "amber",
          narrative:
            "11 of 13 partners signed by 31 December. The Integrated Care Board and the hospital trust are " +
            "waiting for their own legal review.",
          remedy:
            "The coordinator and the Integrated Care Board's safeguarding lead meet the trust's information " +
            "governance lead in January; the aim is all signatures by the end of February.",
        },
        Q4: {
          rating: "complete",
          narrative: "All 13 partners had signed the agreement by 20 February.",
          evidenceLinks: ["https://www.ashvale.example/da-partnership/information-sharing-agreement"],
        },
      },
    },
    {
      action: "Bid jointly for national funding",
      updates: {
        Q1: {
          rating: "green",
          narrative:
            "Joint funding plan agreed by the council and the OPCC in June, listing 7 national and charitable funds.",
        },
        Q2: {
          rating: "green",
          narrative:
            "Two joint bids submitted in August. One succeeded: £118,000 over two years for recovery work " +
            "with mothers and children (action 5.4).",
        },
        Q3: {
          rating: "green",
          narrative:
            "£213,000 of external funding secured so far. A bid for perpetrator programme funding will be " +
            "decided in February.",
          toNote:
            "The perpetrator programme bid decides whether the behaviour-change groups can grow in 2026–27.\n" +
            "The recovery work grant ends in March 2027; the steering group needs a plan for what follows.",
        },
      },
    },
    {
      action: "Publish the domestic abuse chapter of the JSNA",
      updates: {
        Q2: {
          rating: "amber",
          daysLate: 3,
          narrative:
            "Chapter drafted, but some partners' figures arrived late, so it will not be published in October.",
          remedy:
            "Publication moves to the Health and Wellbeing Board on 10 December, with figures under 5 " +
            "suppressed as agreed.",
        },
        Q3: {
          rating: "complete",
          narrative:
            "Chapter published and presented to the Health and Wellbeing Board on 10 December 2025, with " +
            "small numbers suppressed throughout.",
          evidenceLinks: ["https://www.ashvale.example/jsna/domestic-abuse-2025"],
        },
      },
    },
  ],
};

export const ashvaleProgress: DemoProgress = { partnership: "ashvale", plans: [plan2024, plan2025] };

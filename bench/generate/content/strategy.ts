// The words of the synthetic strategies and action plans: six themes, as the partnership papers use
// them, each with its commitments and actions. A partnership's priority k takes theme k (modulo six);
// which commitment and action texts it uses rotate with the partnership's index (bench/generate/model.ts).

export interface ThemeAction {
  what: string;
  how: string;
  target: string;
}

export interface Theme {
  title: string;
  outcome: string;
  /** Exactly THEME_POOL_SIZE each, so a flattened array can be indexed (theme - 1) * size + i. */
  commitments: readonly string[];
  actions: readonly ThemeAction[];
}

export const THEME_POOL_SIZE = 8;

export const THEMES: readonly Theme[] = [
  {
    title: "Changing attitudes",
    outcome: "More people recognise domestic abuse, know it is never acceptable and know where to get help.",
    commitments: [
      "Run an awareness campaign every year, shaped by Experts by Experience, that reaches people who are less likely to ask for help.",
      "Grow a network of Domestic Abuse Champions in partner organisations and local employers.",
      "Make sure every partner has a workplace policy that supports staff who experience abuse.",
      "Train frontline staff across the partnership to recognise domestic abuse, ask about it safely and refer people on.",
      "Work with faith and community groups to challenge attitudes that excuse or hide abuse.",
      "Raise awareness of forms of abuse that are less often recognised: coercive control, economic abuse and stalking.",
      "Promote healthy relationships through sports clubs, youth services and the night-time economy.",
      "Make information about local services available in the most-spoken community languages and in easy read.",
    ],
    actions: [
      {
        what: "Run a winter awareness campaign during the 16 Days of Action, co-designed with Experts by Experience.",
        how: "The communications team will run the agreed messages on social media, bus shelters and GP waiting-room screens.",
        target:
          "Campaign reaches 40,000 people; calls to the local helpline up 10% on the same weeks last year",
      },
      {
        what: "Relaunch the Domestic Abuse Champions network.",
        how: "The specialist service will train new champions in two half-day sessions each quarter and host a quarterly forum.",
        target: "60 new champions trained, in at least 8 partner organisations and 5 local employers",
      },
      {
        what: "Agree a model domestic abuse workplace policy for partner organisations.",
        how: "The community safety team will draft the policy with partners' HR leads for the steering group to adopt.",
        target: "Model policy agreed by the steering group; adopted by at least 10 partners",
      },
      {
        what: "Deliver multi-agency domestic abuse training to frontline practitioners.",
        how: "A rolling programme of half-day sessions, with a refresher module on coercive control.",
        target: "400 practitioners trained; 90% rate the training good or better",
      },
      {
        what: "Hold listening events with faith and community groups.",
        how: "Community development workers will host four events a year with local leaders and Experts by Experience.",
        target: "Four events a year; actions from each reported to the operational group",
      },
      {
        what: "Publish a guide to economic abuse for banks, advice services and employers.",
        how: "Written with the specialist service and a national economic abuse charity; launched at a partner event.",
        target: "Guide published and sent to 50 local organisations",
      },
      {
        what: "Train licensed premises staff to spot and respond to abuse.",
        how: "Licensing officers will add a domestic abuse module to the existing Ask for Angela briefing.",
        target: "Staff from 80 licensed premises trained",
      },
      {
        what: "Translate the services directory into the five most-spoken community languages.",
        how: "The council's translation contract will be used; community groups will check the wording.",
        target: "Directory available in five languages and easy read, online and in print",
      },
    ],
  },
  {
    title: "Early help",
    outcome: "People get help early, from whichever service they first turn to, before abuse escalates.",
    commitments: [
      "Make routine enquiry about domestic abuse standard practice in GP surgeries, maternity and mental health services.",
      "Give every victim who contacts a partner a clear route to specialist advice within one working day.",
      "Support people experiencing abuse to stay safely in their own homes when they choose to.",
      "Offer early support to families where domestic abuse is a factor, before children's social care is needed.",
      "Make sure older people and disabled people can get help that meets their needs.",
      "Reach victims in rural communities and those who do not use mainstream services.",
      "Use the Domestic Abuse Housing Alliance standards to improve the housing response.",
      "Make sure victims with no recourse to public funds can get emergency support.",
    ],
    actions: [
      {
        what: "Roll out routine enquiry training to GP practices.",
        how: "The Integrated Care Board's safeguarding team will train a lead in each practice, who cascades to colleagues.",
        target: "80% of GP practices with a trained lead; referrals from primary care up 15%",
      },
      {
        what: "Set up a single front door for domestic abuse advice.",
        how: "A shared phone line and web form, staffed by the specialist service, with call-backs within one working day.",
        target: "95% of contacts called back within one working day",
      },
      {
        what: "Expand the Sanctuary scheme so more victims can stay safely at home.",
        how: "Housing Options will commission security works within five working days of a referral.",
        target: "150 homes made safer; 90% of works completed within five working days",
      },
      {
        what: "Pilot an early help domestic abuse worker in the family hubs.",
        how: "One worker for twelve months, seconded from the specialist service, taking referrals from schools and health visitors.",
        target: "60 families supported; 80% report feeling safer at closure",
      },
      {
        what: "Review how adult social care identifies domestic abuse of older people.",
        how: "A deep dive into a sample of safeguarding enquiries, led by the adults' safeguarding partnership.",
        target: "Deep dive reported to the steering group with an improvement plan",
      },
      {
        what: "Run outreach surgeries in rural market towns.",
        how: "Monthly drop-ins in libraries and community centres, with the mobile advice van.",
        target: "Surgeries in six market towns; 120 people seen",
      },
      {
        what: "Work towards Domestic Abuse Housing Alliance accreditation.",
        how: "Housing Options and the largest housing association will complete the self-assessment and action plan.",
        target: "Accreditation achieved by the end of the year",
      },
      {
        what: "Set up an emergency fund for victims with no recourse to public funds.",
        how: "Pooled funding from the council and the OPCC, administered by the specialist service.",
        target: "Fund in place; every eligible request decided within two working days",
      },
    ],
  },
  {
    title: "Holding those who cause harm to account",
    outcome: "Those who cause harm are identified, challenged and given the chance to change.",
    commitments: [
      "Target the most harmful and serial perpetrators through multi-agency tasking.",
      "Offer accredited behaviour change programmes to those who want to change.",
      "Use civil and criminal powers consistently, including Domestic Abuse Protection Orders.",
      "Improve the quality of evidence-led prosecutions where victims cannot support a case.",
      "Respond to child-to-parent abuse with support for the whole family.",
      "Manage the risk posed by perpetrators released from prison.",
      "Make sure perpetrators' employers and services know how to respond to disclosures.",
      "Learn from domestic homicide reviews and act on their recommendations.",
    ],
    actions: [
      {
        what: "Run MATAC meetings every month to target serial perpetrators.",
        how: "Police lead, with probation, housing and the specialist service; cases chosen with the recency, frequency and gravity tool.",
        target: "Twelve meetings a year; reoffending by adopted perpetrators down 20%",
      },
      {
        what: "Commission an accredited perpetrator behaviour change programme.",
        how: "Joint commissioning by the council and the OPCC, with an integrated support service for partners.",
        target: "Programme live; 40 referrals and 60% completion",
      },
      {
        what: "Brief officers on Domestic Abuse Protection Notices and Orders.",
        how: "Training for response and neighbourhood officers, with a quick-reference card.",
        target: "All response officers briefed; use of orders reported quarterly",
      },
      {
        what: "Audit evidence-led prosecution files with the Crown Prosecution Service.",
        how: "A joint audit of a sample of files each quarter, with feedback to officers.",
        target: "Four audits; charge rate for domestic abuse-related crimes up to 12%",
      },
      {
        what: "Launch a child-to-parent abuse pathway.",
        how: "Youth justice and children's services will agree referral criteria and a family support offer.",
        target: "Pathway agreed; 30 families referred",
      },
      {
        what: "Agree release planning for high-risk domestic abuse perpetrators.",
        how: "Probation will share release dates with Marac and housing ten weeks before release.",
        target: "Release plans for every high-risk perpetrator leaving prison",
      },
      {
        what: "Publish guidance for employers on responding to staff who disclose harmful behaviour.",
        how: "Written with HR leads and the Respect phoneline; shared through the business forum.",
        target: "Guidance published; 30 employers signed up",
      },
      {
        what: "Track the actions from domestic homicide reviews to completion.",
        how: "The community safety team keeps one tracker for every review and reports to the steering group.",
        target: "Every overdue action escalated at the next steering group",
      },
    ],
  },
  {
    title: "Support for victims and survivors",
    outcome:
      "Victims and survivors get the right support, for as long as they need it, to recover and be safe.",
    commitments: [
      "Make sure high-risk victims have an Independent Domestic Violence Adviser (IDVA).",
      "Provide enough safe accommodation, of the right kinds, to meet the needs assessment.",
      "Offer recovery support, including group work and counselling, to every survivor who wants it.",
      "Improve support for victims from Black and minoritised communities, LGBT+ victims and male victims.",
      "Make the Marac work well for victims, with a falling repeat rate.",
      "Support victims through the criminal justice process, from report to court.",
      "Make sure survivors with complex needs get joined-up support for their mental health and substance use.",
      "Involve survivors in designing and reviewing services.",
    ],
    actions: [
      {
        what: "Recruit two more IDVAs to meet SafeLives' recommended caseloads.",
        how: "Funded jointly by the council and the OPCC; hosted by the specialist service.",
        target: "Two IDVAs in post; caseloads within the recommended range",
      },
      {
        what: "Open new dispersed safe accommodation units.",
        how: "Housing associations will provide self-contained flats with support from the specialist service.",
        target: "Eight new units; occupancy above 85%",
      },
      {
        what: "Run the Freedom Programme and recovery groups every term.",
        how: "Groups in three venues, daytime and evening, with crèche places.",
        target: "Six groups a year; 70% completion",
      },
      {
        what: "Commission a by-and-for service for Black and minoritised women.",
        how: "Ring-fenced grant through the OPCC's victims' fund.",
        target: "Service commissioned; 50 women supported in the first year",
      },
      {
        what: "Review Marac referral quality and the repeat rate.",
        how: "The Marac steering group will audit referrals and test the local repeat definition against SafeLives guidance.",
        target: "Repeat rate reviewed and reported; referral form updated",
      },
      {
        what: "Provide court support workers at the magistrates' court.",
        how: "The specialist service will staff a support room on domestic abuse list days.",
        target: "Support offered to every victim on the list",
      },
      {
        what: "Agree a joint pathway for survivors with mental health and substance use needs.",
        how: "Mental health, substance use and domestic abuse services will agree shared assessment and case reviews.",
        target: "Pathway agreed; quarterly joint case reviews held",
      },
      {
        what: "Set up an Experts by Experience panel.",
        how: "Survivors are paid for their time and supported by the specialist service's participation worker.",
        target: "Panel of ten meets quarterly and reviews two services a year",
      },
    ],
  },
  {
    title: "Children and young people",
    outcome:
      "Children and young people affected by domestic abuse are seen, heard and supported as victims in their own right.",
    commitments: [
      "Make sure every school receives Operation Encompass notifications before the next school day.",
      "Offer therapeutic support to children who have experienced domestic abuse.",
      "Teach healthy relationships in every secondary school.",
      "Respond to abuse in teenage relationships.",
      "Support babies and young children through maternity and health visiting.",
      "Make sure children's voices shape the services designed for them.",
      "Support young people who use abusive behaviour in their own relationships.",
      "Help schools and colleges respond to disclosures safely.",
    ],
    actions: [
      {
        what: "Extend Operation Encompass to every school, college and early years setting.",
        how: "Police will send notifications through the secure email system; the education service keeps the key adult list up to date.",
        target: "Every setting signed up; 95% of notifications sent before the next school day",
      },
      {
        what: "Commission a children's therapeutic support service.",
        how: "One-to-one and group work for children aged 5 to 16, with a parallel group for the non-abusing parent.",
        target: "80 children supported; 75% show improved wellbeing scores",
      },
      {
        what: "Deliver healthy relationships lessons in secondary schools.",
        how: "Teachers will use the agreed scheme of work, with training from the specialist service.",
        target: "Lessons in every secondary school; pupil survey shows improved understanding",
      },
      {
        what: "Train youth workers to respond to teenage relationship abuse.",
        how: "A one-day course for youth services, with a referral route to the young people's IDVA.",
        target: "50 youth workers trained; referrals to the young people's IDVA up 20%",
      },
      {
        what: "Add domestic abuse enquiry to the health visitor's new birth visit.",
        how: "The community health trust will update the visit checklist and train health visitors.",
        target: "Enquiry recorded at 90% of new birth visits",
      },
      {
        what: "Run a young people's consultation on services.",
        how: "Workshops in schools and youth clubs, with findings presented by young people to the steering group.",
        target: "Consultation completed; findings reported to the steering group",
      },
      {
        what: "Offer a programme for young people who use abusive behaviour.",
        how: "Youth justice will deliver an evidence-based programme with family sessions.",
        target: "20 young people complete the programme",
      },
      {
        what: "Issue guidance to schools on handling disclosures.",
        how: "Written with designated safeguarding leads and tested in three schools.",
        target: "Guidance issued to every school and college",
      },
    ],
  },
  {
    title: "Working together",
    outcome:
      "Partners plan, commission and learn together, and the board can see what difference the strategy makes.",
    commitments: [
      "Keep a shared, up-to-date needs assessment as the evidence base for commissioning.",
      "Commission services jointly where that gives victims a better and more joined-up service.",
      "Report progress to the Health and Wellbeing Board twice a year.",
      "Share information safely and lawfully between partners.",
      "Build a shared set of key statistics to track the strategy's outcomes.",
      "Make sure the partnership's spending is transparent and linked to its priorities.",
      "Learn from reviews and audits across the partnership.",
      "Keep the strategy and action plans under annual review.",
    ],
    actions: [
      {
        what: "Refresh the domestic abuse needs assessment.",
        how: "Public health will update the needs assessment with partners' data and survivors' views.",
        target: "Needs assessment published and used in commissioning decisions",
      },
      {
        what: "Agree a joint commissioning plan for domestic abuse services.",
        how: "The council, the OPCC and the Integrated Care Board will align contract end dates and pool budgets.",
        target: "Joint plan agreed by each commissioner",
      },
      {
        what: "Produce the six-monthly progress report for the Health and Wellbeing Board.",
        how: "The coordinator will collect quarterly updates from leads and prepare the board pack.",
        target: "Report presented at every second board meeting",
      },
      {
        what: "Update the information sharing agreement for domestic abuse.",
        how: "Data protection officers of each partner will review and sign the updated agreement.",
        target: "Agreement signed by every partner",
      },
      {
        what: "Publish a key statistics dashboard for the partnership.",
        how: "Partners will send quarterly figures; the coordinator checks and publishes them with suppression.",
        target: "Dashboard published each quarter within six weeks of the quarter's end",
      },
      {
        what: "Publish a summary of partnership spending on domestic abuse.",
        how: "Finance leads will map spending to the strategy's priorities.",
        target: "Summary published with the annual report",
      },
      {
        what: "Hold a learning event on recent reviews and audits.",
        how: "The operational group will run an annual event with practitioners from every partner.",
        target: "Event held; learning actions added to the next action plan",
      },
      {
        what: "Review the strategy and agree next year's action plan.",
        how: "A steering group development session in the final quarter, informed by the year's updates.",
        target: "Next year's action plan agreed by the steering group by March",
      },
    ],
  },
];

/** Milestones of an action: generic steps any action can have. */
export const MILESTONES = [
  "Scope agreed by the operational group",
  "Lead officer and funding confirmed",
  "Partners consulted",
  "Draft shared with the steering group",
  "Launch",
  "First quarterly review of delivery",
  "Experts by Experience feedback received",
  "Evaluation reported to the steering group",
  "Contract awarded",
  "Training materials signed off",
] as const;

/** Strategy vision, with the town filled in. */
export const VISION =
  "Everyone in {town} can live free from domestic abuse. We will stop abuse before it starts, help people early and for as long as they need it, and hold those who cause harm to account while giving them the chance to change.";

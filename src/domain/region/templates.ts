// The quality standards Waymark offers as a starting point (issue 15), and the rating scales a new
// standard can start with. Pure data. The principle and priority-area names are the published
// frameworks' own (they are facts a region already works to); every description, "what good looks
// like" and "how it is evidenced" is written for Waymark in our own words, so a region can adopt one
// as it is or change it freely.

export interface LevelTemplate {
  label: string;
  description: string;
  /** A rating at this level meets the standard (anything below can become an action). */
  meetsStandard: boolean;
}

export interface CriterionTemplate {
  title: string;
  whatGoodLooksLike: string;
  howEvidenced: string;
}

export interface ThemeTemplate {
  title: string;
  description: string;
  criteria: CriterionTemplate[];
}

export interface StandardTemplate {
  key: string;
  name: string;
  summary: string;
  cycleMonths: number;
  scaleKey: ScalePresetKey;
  themes: ThemeTemplate[];
}

export const SCALE_PRESET_KEYS = ["four-level", "one-to-five"] as const;
export type ScalePresetKey = (typeof SCALE_PRESET_KEYS)[number];

export interface ScalePreset {
  key: ScalePresetKey;
  name: string;
  levels: LevelTemplate[];
}

export const SCALE_PRESETS: Record<ScalePresetKey, ScalePreset> = {
  "four-level": {
    key: "four-level",
    name: "Not met, Partly met, Met, Exceeded",
    levels: [
      { label: "Not met", description: "Little or none of this is in place yet.", meetsStandard: false },
      {
        label: "Partly met",
        description: "Some of this is in place, but not consistently or not everywhere.",
        meetsStandard: false,
      },
      { label: "Met", description: "This is in place and working as described.", meetsStandard: true },
      {
        label: "Exceeded",
        description: "This is in place, working well and others could learn from it.",
        meetsStandard: true,
      },
    ],
  },
  "one-to-five": {
    key: "one-to-five",
    name: "1 Inadequate to 5 Outstanding",
    levels: [
      { label: "1 Inadequate", description: "Not in place, or not working.", meetsStandard: false },
      {
        label: "2 Requires improvement",
        description: "Partly in place, with important gaps.",
        meetsStandard: false,
      },
      { label: "3 Adequate", description: "In place, but not yet consistent.", meetsStandard: false },
      { label: "4 Good", description: "In place and working consistently.", meetsStandard: true },
      {
        label: "5 Outstanding",
        description: "Working very well, with results others could learn from.",
        meetsStandard: true,
      },
    ],
  },
};

const criterion = (title: string, whatGoodLooksLike: string, howEvidenced: string): CriterionTemplate => ({
  title,
  whatGoodLooksLike,
  howEvidenced,
});

const MARAC: StandardTemplate = {
  key: "marac-ten-principles",
  name: "Ten principles of an effective Marac",
  summary:
    "A self-assessment of how well the area's Multi-Agency Risk Assessment Conference (Marac) works, against the ten principles most areas already use.",
  cycleMonths: 12,
  scaleKey: "four-level",
  themes: [
    {
      title: "Identification",
      description: "Agencies recognise people at high risk of serious harm from domestic abuse.",
      criteria: [
        criterion(
          "Staff use a recognised risk checklist",
          "Front-line staff in every referring agency know when and how to use the area's risk checklist, and use professional judgement alongside it.",
          "Training records by agency; the share of referrals with a completed checklist; a sample of referrals reviewed by the Marac coordinator.",
        ),
        criterion(
          "Referrals come from across the partnership",
          "Referrals reach the Marac from health, housing, children's services and the specialist service, not only from the police.",
          "Referrals by agency each quarter compared with the expected range for the area's population.",
        ),
      ],
    },
    {
      title: "Referral to Marac and Idva",
      description:
        "Cases that meet the threshold are referred promptly, and every victim is offered an independent domestic violence adviser (Idva).",
      criteria: [
        criterion(
          "The threshold is clear and applied",
          "A written threshold says which cases come to the Marac, including escalation and professional judgement, and agencies apply it the same way.",
          "The referral criteria document; the share of referrals meeting it; the coordinator's notes of cases returned.",
        ),
        criterion(
          "Every referred victim is offered an Idva",
          "Each person discussed at the Marac is referred to, and contacted by, the Idva service before the meeting.",
          "Idva referrals as a share of Marac cases; time from referral to first contact.",
        ),
      ],
    },
    {
      title: "Multi-agency engagement",
      description: "The right agencies attend, prepare and take part.",
      criteria: [
        criterion(
          "Core agencies attend every meeting",
          "Police, the Idva service, children's and adult services, health, housing and probation are represented at each meeting by someone who can act for their agency.",
          "Attendance records by agency over the year.",
        ),
        criterion(
          "Agencies come prepared",
          "Each agency researches every case on the list beforehand and brings what it holds that bears on risk.",
          "The coordinator's preparation log; the chair's review of a sample of meetings.",
        ),
      ],
    },
    {
      title: "Independent representation and support",
      description: "The victim's voice is heard in the meeting, through the Idva.",
      criteria: [
        criterion(
          "The Idva represents the victim's views",
          "The Idva tells the meeting what the victim wants and fears, and the actions agreed take account of it.",
          "A sample of minutes showing the victim's views recorded; feedback gathered by the Idva service.",
        ),
        criterion(
          "Idva capacity matches demand",
          "There are enough Idvas for the number of high-risk cases, so that caseloads stay manageable.",
          "Idva posts against the recommended number for the area; average caseload each quarter.",
        ),
      ],
    },
    {
      title: "Information sharing",
      description: "Agencies share what is needed to keep people safe, lawfully and securely.",
      criteria: [
        criterion(
          "A signed information-sharing agreement",
          "Every attending agency has signed the area's agreement, which sets out what is shared, why and how it is kept.",
          "The agreement with its signatories and review date.",
        ),
        criterion(
          "Information is shared securely and only for the meeting's purpose",
          "Lists and minutes travel by secure means, are kept only as long as needed, and are not used for other purposes.",
          "The secure e-mail or system in use; the retention rule; any breaches and what was done.",
        ),
      ],
    },
    {
      title: "Action planning",
      description: "Each case leaves the meeting with actions that reduce risk.",
      criteria: [
        criterion(
          "Actions are specific and owned",
          "Each action says what will be done, by which agency and by when, and addresses a risk raised in the discussion.",
          "A sample of action plans reviewed by the chair or the steering group.",
        ),
        criterion(
          "Actions are followed up",
          "The coordinator checks that actions are completed and reports those that are not.",
          "The share of actions completed by their date; the follow-up log.",
        ),
      ],
    },
    {
      title: "Number of cases",
      description: "The Marac hears the volume of cases expected for the area.",
      criteria: [
        criterion(
          "Volume is in the expected range",
          "The number of cases heard is close to what the area's adult population would suggest, and a shortfall is looked into.",
          "Cases per 10,000 adults each quarter against the recommended range.",
        ),
        criterion(
          "Repeat cases are identified",
          "Repeat referrals within twelve months are flagged and the meeting considers why earlier actions did not keep the person safe.",
          "The repeat rate, with its definition, each quarter.",
        ),
      ],
    },
    {
      title: "Equality",
      description: "Everyone at high risk is reached, whoever they are.",
      criteria: [
        criterion(
          "Referrals reflect the area's population",
          "Cases from black and minoritised communities, disabled people, LGBT+ people, older people and men are referred in proportion to the area's population.",
          "Referrals by protected characteristic against the area's population profile.",
        ),
        criterion(
          "Barriers are addressed",
          "Interpreters, accessible formats and specialist services are used where needed, and gaps are acted on.",
          "Use of interpreters; links with specialist by-and-for services; actions from the equality review.",
        ),
      ],
    },
    {
      title: "Operational support",
      description: "The meeting has the coordination and administration it needs.",
      criteria: [
        criterion(
          "A dedicated coordinator",
          "A named coordinator with protected time prepares the lists, minutes and follow-up.",
          "The coordinator's role description and hours.",
        ),
        criterion(
          "A trained chair",
          "The chair has been trained for the role, keeps the meeting focused on risk and makes sure every case leaves with a plan.",
          "The chair's training record; observation of a meeting.",
        ),
      ],
    },
    {
      title: "Governance",
      description: "A steering group holds the Marac to account.",
      criteria: [
        criterion(
          "A steering group meets and reviews performance",
          "A multi-agency steering group meets at least each quarter, reviews the Marac's figures and deals with poor attendance or practice.",
          "Steering group terms of reference, minutes and the performance report it receives.",
        ),
        criterion(
          "The Marac reports to the partnership",
          "The Marac's performance and issues go to the domestic abuse partnership board, which acts on them.",
          "The partnership board's minutes and forward plan.",
        ),
      ],
    },
  ],
};

const DAHA: StandardTemplate = {
  key: "daha-eight-priority-areas",
  name: "Domestic Abuse Housing Alliance accreditation: eight priority areas",
  summary:
    "A self-assessment of how the area's housing providers respond to domestic abuse, against the eight priority areas of housing accreditation.",
  cycleMonths: 36,
  scaleKey: "four-level",
  themes: [
    {
      title: "Policies and procedures",
      description: "Written policies say how the organisation responds to domestic abuse.",
      criteria: [
        criterion(
          "A domestic abuse policy for residents",
          "A current policy sets out how residents experiencing abuse are supported, including choices about staying safely or moving.",
          "The policy with its approval and review dates.",
        ),
        criterion(
          "A policy for staff affected by abuse",
          "Staff who experience domestic abuse know what support and flexibility they can expect from their employer.",
          "The staff policy; how it is made known to staff.",
        ),
      ],
    },
    {
      title: "Case management",
      description: "Cases are handled consistently, safely and with the resident's consent.",
      criteria: [
        criterion(
          "Disclosures are recorded and followed up",
          "When a resident discloses abuse, staff record it securely, agree next steps with them and follow up.",
          "Case records (in summary); audit of a sample of cases.",
        ),
        criterion(
          "Housing options are offered",
          "Residents are told of all their options, such as security measures to stay at home, a management transfer or a move.",
          "Options offered and taken up, in aggregate, each year.",
        ),
      ],
    },
    {
      title: "Risk management",
      description: "Risk is assessed and acted on, and the highest-risk cases go to the Marac.",
      criteria: [
        criterion(
          "Staff assess risk",
          "Trained staff complete a risk assessment with the resident and act on the result.",
          "Training records; completed assessments in aggregate.",
        ),
        criterion(
          "The organisation takes part in the Marac",
          "The organisation refers high-risk cases, attends the Marac and completes the actions it takes on.",
          "Referrals made; attendance; actions completed.",
        ),
      ],
    },
    {
      title: "Inclusivity and accessibility",
      description: "The service is open to everyone who needs it.",
      criteria: [
        criterion(
          "Services are accessible",
          "Information and support are available in other languages and formats, and reasonable adjustments are made.",
          "Available formats; interpreter use; adjustments made.",
        ),
        criterion(
          "Who is reached is monitored",
          "The organisation knows who it supports by protected characteristic and acts on gaps.",
          "Monitoring data compared with the resident profile; actions taken.",
        ),
      ],
    },
    {
      title: "Perpetrator management",
      description: "The organisation holds perpetrators to account through its housing powers.",
      criteria: [
        criterion(
          "Tenancy action against perpetrators",
          "Where evidence allows, the organisation uses tenancy enforcement against a perpetrator rather than moving the victim.",
          "Tenancy actions taken, in aggregate; the procedure.",
        ),
        criterion(
          "Referral to perpetrator programmes",
          "Staff know of local perpetrator programmes and refer where it is safe and appropriate.",
          "Referrals made; links with the local programme.",
        ),
      ],
    },
    {
      title: "Partnership working",
      description: "The organisation works with the local domestic abuse partnership and services.",
      criteria: [
        criterion(
          "Links with specialist services",
          "The organisation has agreed referral routes with the local specialist domestic abuse service.",
          "A written referral agreement or protocol; referrals made.",
        ),
        criterion(
          "A place in the local partnership",
          "The organisation is represented at the domestic abuse partnership and contributes to its strategy.",
          "Attendance at the partnership; actions it leads in the action plan.",
        ),
      ],
    },
    {
      title: "Training",
      description: "Staff are trained for their role in responding to domestic abuse.",
      criteria: [
        criterion(
          "All staff have basic awareness",
          "Every member of staff who deals with residents has had awareness training and knows how to respond to a disclosure.",
          "Training completion by team.",
        ),
        criterion(
          "Specialist staff have in-depth training",
          "Staff who manage domestic abuse cases have in-depth training, refreshed regularly.",
          "Training records with dates; the refresher schedule.",
        ),
      ],
    },
    {
      title: "Publicity and awareness",
      description: "Residents and staff know help is available and how to get it.",
      criteria: [
        criterion(
          "Residents know where to get help",
          "Information on the support available is on the website, in newsletters and in communal areas.",
          "Examples of published material; where it is displayed.",
        ),
        criterion(
          "Awareness campaigns",
          "The organisation takes part in local and national awareness campaigns each year.",
          "Campaigns taken part in, with dates.",
        ),
      ],
    },
  ],
};

export const STANDARD_TEMPLATES: readonly StandardTemplate[] = [MARAC, DAHA];

export function findTemplate(key: string): StandardTemplate | undefined {
  return STANDARD_TEMPLATES.find((t) => t.key === key);
}

/** A scale is usable: 2 to 7 levels, each labelled, labels unique, at least one meeting the standard. */
export const SCALE_MIN_LEVELS = 2;
export const SCALE_MAX_LEVELS = 7;

export function scaleProblems(levels: readonly Pick<LevelTemplate, "label" | "meetsStandard">[]): string[] {
  const problems: string[] = [];
  if (levels.length < SCALE_MIN_LEVELS || levels.length > SCALE_MAX_LEVELS) {
    problems.push(`A scale has ${SCALE_MIN_LEVELS} to ${SCALE_MAX_LEVELS} levels`);
  }
  const labels = levels.map((l) => l.label.trim().toLowerCase());
  if (new Set(labels).size !== labels.length) problems.push("Each level needs a different label");
  if (!levels.some((l) => l.meetsStandard)) problems.push("At least one level must meet the standard");
  return problems;
}

/** The next cycle's dates: it opens the day after the last one was due (or today), for cycleMonths. */
export function suggestCycle(
  cycleMonths: number,
  lastDueOn: string | null,
  today: string,
): { name: string; opensOn: string; dueOn: string } {
  const opensOn = lastDueOn ? addDaysIso(lastDueOn, 1) : today;
  const dueOn = addDaysIso(addMonthsIso(opensOn, cycleMonths), -1);
  const startYear = Number(opensOn.slice(0, 4));
  const endYear = Number(dueOn.slice(0, 4));
  const name = endYear === startYear ? String(startYear) : `${startYear}–${String(endYear).slice(2)}`;
  return { name, opensOn, dueOn };
}

function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addMonthsIso(iso: string, months: number): string {
  const [y, m, day] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  // Clamp to the month's last day (31 January + 1 month → 28 or 29 February).
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, last)).padStart(2, "0")}`;
}

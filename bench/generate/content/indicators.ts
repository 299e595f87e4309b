// The key statistics of a synthetic partnership: thirty monthly indicators, as a partnership's
// dashboard might hold them. Levels are per 100,000 residents per month and are scaled by each
// partnership's population; bench/generate/steps/statistics.ts turns them into sixty months of figures
// with a trend, a seasonal peak around Christmas and a repeatable wobble.

export interface BenchIndicator {
  name: string;
  definition: string;
  unit: "count" | "percentage" | "rate";
  numeratorLabel?: string;
  denominatorLabel?: string;
  rateBase?: 100 | 1_000 | 10_000 | 100_000;
  populationLabel?: string;
  source: string;
  polarity: "up" | "down" | "neither";
  kind: "performance" | "contextual";
  /** Owning organisation: its position in content/places.ts ORGANISATIONS (1-based). */
  owner: number;
  /** count: per 100,000 residents a month; percentage: the share; rate: numerator per 100,000 a month. */
  level: number;
  /** percentage, and a rate per events (not per population): the denominator per 100,000 a month. */
  denominator?: number;
  /** a rate per population: that population as a share of all residents. */
  populationShare?: number;
  /** Change over the sixty months: relative for counts and rates, percentage points for percentages. */
  trend: number;
  /** Performance indicators: the value to reach by the end of the strategy. */
  target?: number;
}

const POLICE = 2;
const ICB = 3;
const SPECIALIST = 5;
const CHILDRENS = 6;
const HOUSING = 8;
const EDUCATION = 10;
const PROBATION = 11;
const OPCC = 12;

const policeData = "Police crime and incident records (monthly extract)";
const specialistData = "Specialist service case management system (monthly return)";
const maracData = "Marac coordinator's records (monthly)";

export const INDICATORS: readonly BenchIndicator[] = [
  {
    name: "Domestic abuse-related incidents reported to the police",
    definition:
      "Incidents flagged as domestic abuse-related by the police in the month, crimes and non-crimes.",
    unit: "count",
    source: policeData,
    polarity: "neither",
    kind: "contextual",
    owner: POLICE,
    level: 200,
    trend: 0.08,
  },
  {
    name: "Domestic abuse-related crimes recorded",
    definition: "Crimes recorded in the month with a domestic abuse flag.",
    unit: "count",
    source: policeData,
    polarity: "neither",
    kind: "contextual",
    owner: POLICE,
    level: 120,
    trend: 0.1,
  },
  {
    name: "Marac cases discussed",
    definition: "Cases heard at the Multi-Agency Risk Assessment Conference in the month.",
    unit: "count",
    source: maracData,
    polarity: "neither",
    kind: "contextual",
    owner: SPECIALIST,
    level: 9,
    trend: 0.15,
  },
  {
    name: "Referrals to the specialist domestic abuse service",
    definition: "New referrals accepted by the commissioned specialist service in the month.",
    unit: "count",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 45,
    trend: 0.2,
  },
  {
    name: "Calls to the local domestic abuse helpline",
    definition: "Calls answered by the local helpline in the month.",
    unit: "count",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 60,
    trend: 0.12,
  },
  {
    name: "IDVA cases opened",
    definition: "High-risk cases allocated to an Independent Domestic Violence Adviser in the month.",
    unit: "count",
    source: specialistData,
    polarity: "neither",
    kind: "contextual",
    owner: SPECIALIST,
    level: 14,
    trend: 0.1,
  },
  {
    name: "Households owed a homelessness duty because of domestic abuse",
    definition:
      "Households assessed in the month as owed a prevention or relief duty where domestic abuse is the main reason.",
    unit: "count",
    source: "Housing Options H-CLIC return (monthly)",
    polarity: "neither",
    kind: "contextual",
    owner: HOUSING,
    level: 6,
    trend: 0.05,
  },
  {
    name: "Sanctuary scheme installations",
    definition: "Homes where Sanctuary security works were completed in the month.",
    unit: "count",
    source: "Housing Options Sanctuary scheme log",
    polarity: "up",
    kind: "contextual",
    owner: HOUSING,
    level: 4,
    trend: 0.25,
  },
  {
    name: "Operation Encompass notifications to schools",
    definition:
      "Notifications sent by the police to schools about children present at a domestic abuse incident.",
    unit: "count",
    source: policeData,
    polarity: "neither",
    kind: "contextual",
    owner: EDUCATION,
    level: 35,
    trend: 0.1,
  },
  {
    name: "Referrals to the perpetrator behaviour change programme",
    definition: "People referred to the accredited behaviour change programme in the month.",
    unit: "count",
    source: "Perpetrator programme provider's monthly return",
    polarity: "up",
    kind: "contextual",
    owner: PROBATION,
    level: 3,
    trend: 0.3,
  },
  {
    name: "Children supported by the children's therapeutic service",
    definition: "Children starting one-to-one or group support in the month.",
    unit: "count",
    source: "Children's therapeutic service monthly return",
    polarity: "up",
    kind: "contextual",
    owner: CHILDRENS,
    level: 8,
    trend: 0.2,
  },
  {
    name: "Male victims referred to the specialist service",
    definition: "New referrals of male victims accepted in the month.",
    unit: "count",
    source: specialistData,
    polarity: "neither",
    kind: "contextual",
    owner: SPECIALIST,
    level: 2,
    trend: 0.1,
  },
  {
    name: "Domestic Abuse Protection Notices issued",
    definition: "Notices issued by the police in the month.",
    unit: "count",
    source: policeData,
    polarity: "neither",
    kind: "contextual",
    owner: POLICE,
    level: 3,
    trend: 0.4,
  },
  {
    name: "Marac repeat cases",
    definition:
      "Of the cases heard at Marac in the month, the share that had been heard in the previous twelve months.",
    unit: "percentage",
    numeratorLabel: "Repeat cases",
    denominatorLabel: "Cases discussed",
    source: maracData,
    polarity: "down",
    kind: "performance",
    owner: SPECIALIST,
    level: 34,
    denominator: 9,
    trend: -3,
    target: 30,
  },
  {
    name: "Marac referrals from partners other than the police",
    definition: "Of the referrals to Marac in the month, the share made by partners other than the police.",
    unit: "percentage",
    numeratorLabel: "Referrals from other partners",
    denominatorLabel: "All referrals",
    source: maracData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 28,
    denominator: 9,
    trend: 5,
  },
  {
    name: "Domestic abuse-related crimes resulting in a charge",
    definition:
      "Of the domestic abuse-related crimes with an outcome in the month, the share that resulted in a charge or summons.",
    unit: "percentage",
    numeratorLabel: "Charged or summonsed",
    denominatorLabel: "Crimes with an outcome",
    source: policeData,
    polarity: "up",
    kind: "performance",
    owner: POLICE,
    level: 8,
    denominator: 110,
    trend: 2.5,
    target: 12,
  },
  {
    name: "Specialist service referrals contacted within one working day",
    definition:
      "Of the referrals received in the month, the share where the victim was contacted within one working day.",
    unit: "percentage",
    numeratorLabel: "Contacted within one working day",
    denominatorLabel: "Referrals received",
    source: specialistData,
    polarity: "up",
    kind: "performance",
    owner: SPECIALIST,
    level: 86,
    denominator: 45,
    trend: 6,
    target: 95,
  },
  {
    name: "Victims who feel safer at case closure",
    definition:
      "Of the cases closed in the month where the question was asked, the share of victims who said they felt safer.",
    unit: "percentage",
    numeratorLabel: "Feel safer",
    denominatorLabel: "Closed cases asked",
    source: specialistData,
    polarity: "up",
    kind: "performance",
    owner: SPECIALIST,
    level: 80,
    denominator: 20,
    trend: 4,
    target: 85,
  },
  {
    name: "Operation Encompass notifications sent before the next school day",
    definition: "Of the notifications in the month, the share sent before the start of the next school day.",
    unit: "percentage",
    numeratorLabel: "Sent before the next school day",
    denominatorLabel: "Notifications",
    source: policeData,
    polarity: "up",
    kind: "performance",
    owner: POLICE,
    level: 90,
    denominator: 35,
    trend: 5,
    target: 95,
  },
  {
    name: "Sanctuary works completed within five working days",
    definition:
      "Of the Sanctuary works completed in the month, the share completed within five working days of referral.",
    unit: "percentage",
    numeratorLabel: "Completed within five working days",
    denominatorLabel: "Works completed",
    source: "Housing Options Sanctuary scheme log",
    polarity: "up",
    kind: "contextual",
    owner: HOUSING,
    level: 76,
    denominator: 4,
    trend: 8,
  },
  {
    name: "Specialist service referrals from Black and minoritised communities",
    definition:
      "Of the referrals accepted in the month, the share of victims from Black and minoritised communities.",
    unit: "percentage",
    numeratorLabel: "Referrals from Black and minoritised communities",
    denominatorLabel: "Referrals accepted",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 13,
    denominator: 45,
    trend: 3,
  },
  {
    name: "Specialist service referrals of victims aged 60 or over",
    definition: "Of the referrals accepted in the month, the share of victims aged 60 or over.",
    unit: "percentage",
    numeratorLabel: "Victims aged 60 or over",
    denominatorLabel: "Referrals accepted",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 7,
    denominator: 45,
    trend: 2,
  },
  {
    name: "Perpetrator programme completions",
    definition:
      "Of the people leaving the behaviour change programme in the month, the share who completed it.",
    unit: "percentage",
    numeratorLabel: "Completed",
    denominatorLabel: "Left the programme",
    source: "Perpetrator programme provider's monthly return",
    polarity: "up",
    kind: "contextual",
    owner: PROBATION,
    level: 58,
    denominator: 3,
    trend: 6,
  },
  {
    name: "Children's social care referrals where domestic abuse is a factor",
    definition:
      "Of the referrals to Children's Services in the month, the share where domestic abuse was recorded as a factor.",
    unit: "percentage",
    numeratorLabel: "Referrals with domestic abuse as a factor",
    denominatorLabel: "Referrals to Children's Services",
    source: "Children's Services case management system (monthly extract)",
    polarity: "neither",
    kind: "contextual",
    owner: CHILDRENS,
    level: 11,
    denominator: 55,
    trend: 1,
  },
  {
    name: "Domestic abuse-related incidents and crimes per 1,000 people aged 16+",
    definition:
      "Incidents and crimes flagged as domestic abuse-related in the month, per 1,000 residents aged 16 and over.",
    unit: "rate",
    numeratorLabel: "Incidents and crimes",
    denominatorLabel: "Residents aged 16+",
    rateBase: 1_000,
    populationLabel: "residents aged 16+ (mid-year estimate)",
    source: policeData,
    polarity: "neither",
    kind: "contextual",
    owner: POLICE,
    level: 200,
    populationShare: 0.82,
    trend: 0.08,
  },
  {
    name: "Marac cases per 10,000 adult women",
    definition: "Cases heard at Marac in the month per 10,000 women aged 16 and over.",
    unit: "rate",
    numeratorLabel: "Cases discussed",
    denominatorLabel: "Women aged 16+",
    rateBase: 10_000,
    populationLabel: "women aged 16+ (mid-year estimate)",
    source: maracData,
    polarity: "up",
    kind: "contextual",
    owner: SPECIALIST,
    level: 9,
    populationShare: 0.42,
    trend: 0.15,
  },
  {
    name: "Arrests per 100 domestic abuse-related crimes",
    definition:
      "Arrests for domestic abuse-related offences in the month per 100 domestic abuse-related crimes recorded.",
    unit: "rate",
    numeratorLabel: "Arrests",
    denominatorLabel: "Crimes recorded",
    rateBase: 100,
    populationLabel: "crimes recorded",
    source: policeData,
    polarity: "up",
    kind: "contextual",
    owner: POLICE,
    level: 36,
    denominator: 120,
    trend: 0.05,
  },
  {
    name: "Specialist service referrals per 10,000 people aged 16+",
    definition:
      "Referrals accepted by the specialist service in the month per 10,000 residents aged 16 and over.",
    unit: "rate",
    numeratorLabel: "Referrals accepted",
    denominatorLabel: "Residents aged 16+",
    rateBase: 10_000,
    populationLabel: "residents aged 16+ (mid-year estimate)",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: OPCC,
    level: 45,
    populationShare: 0.82,
    trend: 0.2,
  },
  {
    name: "Homelessness duties owed because of domestic abuse per 1,000 households",
    definition:
      "Prevention and relief duties owed in the month where domestic abuse is the main reason, per 1,000 households.",
    unit: "rate",
    numeratorLabel: "Duties owed",
    denominatorLabel: "Households",
    rateBase: 1_000,
    populationLabel: "households (census estimate)",
    source: "Housing Options H-CLIC return (monthly)",
    polarity: "neither",
    kind: "contextual",
    owner: HOUSING,
    level: 6,
    populationShare: 0.43,
    trend: 0.05,
  },
  {
    name: "Health referrals to the specialist service per 100,000 people",
    definition:
      "Referrals from GP practices, hospitals and maternity services in the month per 100,000 residents.",
    unit: "rate",
    numeratorLabel: "Referrals from health services",
    denominatorLabel: "Residents",
    rateBase: 100_000,
    populationLabel: "residents (mid-year estimate)",
    source: specialistData,
    polarity: "up",
    kind: "contextual",
    owner: ICB,
    level: 7,
    populationShare: 1,
    trend: 0.35,
  },
];

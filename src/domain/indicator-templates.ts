// Built-in indicator templates a partnership can switch on: the measures partnerships already report,
// with definitions in our own words and the source named. Switching one on creates an ordinary
// indicator that the coordinator can then edit (e.g. set a target, or change the polarity).
//
// Pure data. WHY our own words: the publishers' guidance changes and is theirs to word; ours says
// what the figure counts so a board member can read it, and names where the official definition is.

import type { Frequency, IndicatorKind, Polarity, Unit } from "./indicators.ts";

export interface IndicatorTemplate {
  key: string;
  group: string;
  name: string;
  definition: string;
  unit: Unit;
  numeratorLabel?: string;
  denominatorLabel?: string;
  rateBase?: number;
  populationLabel?: string;
  source: string;
  frequency: Frequency;
  polarity: Polarity;
  kind: IndicatorKind;
  /** The template whose total this one is a part of (counts only). */
  partOf?: string;
}

const MARAC = "SafeLives Marac quarterly dataset";
const MARAC_SOURCE = "SafeLives, Marac national dataset (quarterly data return from the local Marac)";
const POLICE = "Police-recorded domestic abuse";
const ONS_SOURCE =
  "Office for National Statistics, Domestic abuse in England and Wales data tool (police recorded), and the local police force";
const PART4 = "Safe accommodation (Domestic Abuse Act 2021 Part 4)";
const PART4_SOURCE =
  "Ministry of Housing, Communities and Local Government, Domestic Abuse Act 2021 Part 4 annual local authority data return";

export const INDICATOR_TEMPLATES: readonly IndicatorTemplate[] = [
  {
    key: "marac-cases",
    group: MARAC,
    name: "Marac cases discussed",
    definition:
      "The number of cases heard at the Marac in the period, counting each discussion of a victim once, including repeat cases.",
    unit: "count",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "marac-repeat-rate",
    group: MARAC,
    name: "Marac repeat cases",
    definition:
      "Of the cases discussed, the share that were repeats: cases heard again within 12 months of an earlier Marac discussion. A very low rate can mean repeats are not being recognised, so it is not simply better lower.",
    unit: "percentage",
    numeratorLabel: "Repeat cases",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "marac-referrals-not-police",
    group: MARAC,
    name: "Marac referrals from partners other than the police",
    definition:
      "Of the cases discussed, the share referred by an agency other than the police, such as health, children's services, housing or the specialist service.",
    unit: "percentage",
    numeratorLabel: "Cases referred by partners other than the police",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "marac-minoritised",
    group: MARAC,
    name: "Marac victims from Black and minoritised communities",
    definition:
      "Of the cases discussed, the share where the victim is from a Black, Asian or other minoritised community, to set beside the local population.",
    unit: "percentage",
    numeratorLabel: "Victims from Black and minoritised communities",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "marac-lgbt",
    group: MARAC,
    name: "Marac victims who are lesbian, gay, bisexual or trans (LGBT+)",
    definition: "Of the cases discussed, the share where the victim is known to be LGBT+.",
    unit: "percentage",
    numeratorLabel: "LGBT+ victims",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "marac-disabled",
    group: MARAC,
    name: "Marac victims who are disabled",
    definition: "Of the cases discussed, the share where the victim has a disability.",
    unit: "percentage",
    numeratorLabel: "Disabled victims",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "marac-male",
    group: MARAC,
    name: "Marac victims who are male",
    definition: "Of the cases discussed, the share where the victim is male.",
    unit: "percentage",
    numeratorLabel: "Male victims",
    denominatorLabel: "Cases discussed",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "marac-cases-per-10000-women",
    group: MARAC,
    name: "Marac cases per 10,000 adult women",
    definition:
      "Cases discussed in the period for every 10,000 women aged 16 and over living in the area, so areas of different sizes can be compared.",
    unit: "rate",
    numeratorLabel: "Cases discussed",
    denominatorLabel: "Women aged 16 and over (mid-year population estimate)",
    rateBase: 10_000,
    populationLabel: "women aged 16+",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "marac-children",
    group: MARAC,
    name: "Children in the households of Marac cases",
    definition: "The number of children living in the households of the cases discussed in the period.",
    unit: "count",
    source: MARAC_SOURCE,
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "police-da-per-1000",
    group: POLICE,
    name: "Domestic abuse-related incidents and crimes per 1,000 people aged 16+",
    definition:
      "Incidents and crimes the police flagged as domestic abuse-related in the period, for every 1,000 people aged 16 and over in the area. A rise can mean more abuse or more confidence to report it.",
    unit: "rate",
    numeratorLabel: "Domestic abuse-related incidents and crimes",
    denominatorLabel: "People aged 16 and over (mid-year population estimate)",
    rateBase: 1_000,
    populationLabel: "people aged 16+",
    source: ONS_SOURCE,
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "police-da-arrests-per-100",
    group: POLICE,
    name: "Arrests per 100 domestic abuse-related crimes",
    definition:
      "Arrests for domestic abuse-related offences in the period for every 100 domestic abuse-related crimes recorded.",
    unit: "rate",
    numeratorLabel: "Arrests for domestic abuse-related offences",
    denominatorLabel: "Domestic abuse-related crimes recorded",
    rateBase: 100,
    populationLabel: "crimes",
    source: "Home Office, Police powers and procedures statistics, and the local police force",
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "police-da-charge-rate",
    group: POLICE,
    name: "Domestic abuse-related crimes resulting in a charge",
    definition:
      "Of the domestic abuse-related crimes given an outcome in the period, the share where the suspect was charged or summonsed.",
    unit: "percentage",
    numeratorLabel: "Crimes resulting in a charge or summons",
    denominatorLabel: "Crimes given an outcome",
    source: "Home Office, Crime outcomes in England and Wales, and the local police force",
    frequency: "quarterly",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "sa-people-supported",
    group: PART4,
    name: "People supported in safe accommodation",
    definition:
      "Adults and children given support in refuges and other safe accommodation during the financial year, as reported in the council's annual Part 4 return.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "neither",
    kind: "contextual",
  },
  {
    key: "sa-households-not-supported",
    group: PART4,
    name: "Households referred to safe accommodation who could not be supported",
    definition:
      "Households referred for support in safe accommodation in the financial year whom the area could not support, for example because no space was free or their needs could not be met.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "down",
    kind: "contextual",
  },
  {
    key: "sa-bed-spaces",
    group: PART4,
    name: "Bed spaces in safe accommodation",
    definition:
      "All units of safe accommodation (bed spaces) available in the area at the end of the financial year.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "up",
    kind: "contextual",
  },
  {
    key: "sa-bed-spaces-refuge",
    group: PART4,
    name: "Bed spaces in refuges",
    definition:
      "Bed spaces in refuges: shared or self-contained accommodation with specialist support on site.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "up",
    kind: "contextual",
    partOf: "sa-bed-spaces",
  },
  {
    key: "sa-bed-spaces-dispersed",
    group: PART4,
    name: "Bed spaces in dispersed accommodation",
    definition:
      "Bed spaces in self-contained homes spread across the area, with specialist support visiting.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "up",
    kind: "contextual",
    partOf: "sa-bed-spaces",
  },
  {
    key: "sa-bed-spaces-other",
    group: PART4,
    name: "Bed spaces in other safe accommodation",
    definition:
      "Bed spaces in second-stage, specialist (for example by and for) or other safe accommodation.",
    unit: "count",
    source: PART4_SOURCE,
    frequency: "annual",
    polarity: "up",
    kind: "contextual",
    partOf: "sa-bed-spaces",
  },
];

export function findTemplate(key: string): IndicatorTemplate | undefined {
  return INDICATOR_TEMPLATES.find((t) => t.key === key);
}

/** Templates by group, in the order above, for the "switch on" page. */
export function templateGroups(): { group: string; templates: IndicatorTemplate[] }[] {
  const groups: { group: string; templates: IndicatorTemplate[] }[] = [];
  for (const t of INDICATOR_TEMPLATES) {
    const existing = groups.find((g) => g.group === t.group);
    if (existing) existing.templates.push(t);
    else groups.push({ group: t.group, templates: [t] });
  }
  return groups;
}

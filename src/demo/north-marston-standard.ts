// The North Marston quality standard (issue 15): six themes of four criteria each, in the region's own
// words, rated Not met / Partly met / Met / Exceeded every 24 months. Loaded by load-region.ts.

export const STANDARD = {
  name: "North Marston quality standard",
  summary:
    "What the region's partnerships agree good looks like in a local response to domestic abuse, " +
    "assessed by each partnership every two years and moderated by the region.",
  cycleMonths: 24,
};

export const LEVELS = [
  { label: "Not met", description: "Little or no evidence that the criterion is met.", meets: false },
  { label: "Partly met", description: "Some evidence, with clear gaps.", meets: false },
  { label: "Met", description: "Clear evidence the criterion is met across the partnership.", meets: true },
  {
    label: "Exceeded",
    description: "Met, with practice others in the region could learn from.",
    meets: true,
  },
];

export const THEMES: { title: string; criteria: string[] }[] = [
  {
    title: "Leadership and governance",
    criteria: [
      "The Local Partnership Board has every statutory category represented and meets at least quarterly.",
      "The strategy is current, based on a needs assessment, and owned by every partner.",
      "The action plan is monitored quarterly and the board acts on what the updates show.",
      "Partners share information under an agreed protocol.",
    ],
  },
  {
    title: "Identification and referral",
    criteria: [
      "Frontline staff in every partner are trained to recognise abuse and to refer.",
      "Health services ask about abuse routinely and refer to specialist support.",
      "Schools act on Operation Encompass notifications the next school day.",
      "Referral routes are published and easy to use, including for professionals.",
    ],
  },
  {
    title: "Risk and safety",
    criteria: [
      "Risk is assessed with a recognised tool at first contact.",
      "The Marac follows the national quality standards and reviews repeat cases.",
      "Victims at high risk have an independent adviser within two working days.",
      "Safe accommodation is available for everyone who needs it, including larger families.",
    ],
  },
  {
    title: "Support and advocacy",
    criteria: [
      "Victims at medium and standard risk can get community-based support.",
      "Services reach groups who are seldom heard: older, male, LGBT+ and disabled victims.",
      "Survivors help design and review services.",
      "Recovery support is available once the immediate risk has passed.",
    ],
  },
  {
    title: "Children and families",
    criteria: [
      "Children who live with abuse are recognised as victims in their own right.",
      "Children and young people can get specialist support.",
      "Child-to-parent abuse has an agreed response.",
      "Children's services are represented on the Local Partnership Board.",
    ],
  },
  {
    title: "Perpetrators and accountability",
    criteria: [
      "A behaviour-change programme is available and accredited.",
      "Police and probation manage serial and high-harm perpetrators together.",
      "Partners of programme participants are offered support.",
      "The partnership measures whether perpetrator work reduces harm.",
    ],
  },
];

/** A criterion's number as the standard prints it: "2.3" (theme 2, criterion 3). */
export const criterionNumbers = (): string[] =>
  THEMES.flatMap((t, ti) => t.criteria.map((_, ci) => `${ti + 1}.${ci + 1}`));

/**
 * Each partnership's ratings for the 24 criteria (1 Not met … 4 Exceeded), previous cycle and current,
 * written as one digit per criterion in theme order. Deneholme's current one is still a draft.
 */
export const RATINGS: Record<string, { previous: string; current: string }> = {
  ashvale: { previous: "322323233223322232233222", current: "333433343334333333333323" },
  brackenford: { previous: "222322223222322222222212", current: "323332333233323233232322" },
  "corrow-vale": { previous: "212222122212222211222112", current: "323222232223223222322211" },
  deneholme: { previous: "212212122112221211112111", current: "212222232122222121112121" },
};

/** Criteria not met in the current cycle that the partnership turned into an action of its plan. */
export const NOT_MET_ACTIONS: { slug: string; criterion: string; what: string; commitment: string }[] = [
  {
    slug: "deneholme",
    criterion: "5.4",
    what: "Give children's services a seat on the Local Partnership Board.",
    commitment: "2.1",
  },
  {
    slug: "corrow-vale",
    criterion: "6.4",
    what: "Agree how the partnership will measure whether perpetrator work reduces harm.",
    commitment: "2.1",
  },
];

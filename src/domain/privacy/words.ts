// Word lists the name rules lean on. A capitalised word is taken as a name unless it is one of the
// words below: words that start sentences, groups of people, places, organisations and the calendar.

const NOT_NAME_WORDS =
  // Sentence openers and function words.
  (
    "The A An This That These Those It Its He She They We Our Their His Her Hers Him Them Us You Your I In On " +
    "At By For From To With Without And But Or Nor Of As If When Where While Whilst After Before Since Until " +
    "All Some Any Each Every No None Not New Also Then Than There Here What Which Who Whom Whose Why How " +
    "Over Under Around About Approximately Nearly Almost Only Just Up Down Most More Less Fewer Many Much " +
    "Both Either Neither Other Another Such Same First Second Third Last Next Previous Current Further " +
    "Overall Total Average Across Between Among Against Within During Through Per Via Following Including " +
    "Is Are Was Were Be Been Being Has Have Had Do Does Did Will Would Shall Should May Might Must Can Could " +
    "Yes Please Thanks Note Notes See Aged Age Born Protection Protective Support Exploitation Need Needs " +
    "Looked Missing Welfare Poverty Mental Wellbeing Contact Arrangements Order Orders Early Help Advice " +
    // Groups of people and roles.
    "Children Child Young Youth People Person Women Woman Men Man Adults Adult Girls Girl Boys Boy " +
    "Victims Victim Survivors Survivor Residents Resident Clients Client Families Family Parents Parent " +
    "Carers Carer Pupils Pupil Students Student Staff Officers Officer Partners Partner Perpetrators " +
    "Perpetrator Teenagers Teens Older Elderly Disabled Migrant Migrants Refugees Households Household " +
    "Cases Case Referrals Referral Survey Respondents Participants Service Users Users User Members Member " +
    "Practitioners Professionals Agencies Agency Colleagues Volunteers Mothers Fathers Sons Daughters " +
    "Coordinator Chair Manager Lead Director Head Inspector Detective Chief Superintendent Sergeant Constable " +
    "Commissioner Councillor Minister Secretary Officer Advocate Advocates Worker Workers Nurse Nurses " +
    "Doctor Doctors Midwife Midwives Teacher Teachers Judge Judges Magistrate Magistrates Social Police " +
    "Idva Idvas Isva Mash Marac Mappa Dahr Dhr Csp Cst " +
    // Organisations, places and things.
    "Council Borough County City Town District Parish Hospital Hospitals School Schools College University " +
    "Centre Center Refuge Refuges Housing Health Trust Board Boards Group Panel Court Courts Service Services " +
    "Team Teams Unit Department Office Partnership Partnerships Strategy Plan Plans Action Actions " +
    "Priority Priorities Commitment Commitments Target Targets Round Rounds Quarter Year Years Month Months " +
    "Week Weeks Day Days Phase Stage Operation Section Act Bill Policy Guidance Review Reviews Report Reports " +
    "Domestic Abuse Violence Sexual Safeguarding Safety Community Communities Public National Local Regional " +
    "Home Homes Street Road Station Church Mosque Temple Hall Library Park North South East West Central " +
    "Upper Lower Greater Little Great Saint St Royal General NHS Integrated Care Primary Secondary " +
    "England Wales Scotland Ireland Britain British English Welsh Scottish Irish Kingdom UK " +
    "January February March April May June July August September October November December " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Spring Summer Autumn Winter Christmas Easter " +
    "Amber Red Green Grey Gray Blue Complete Completed Draft Submitted Accepted Returned Open Closed " +
    "Microsoft Teams Zoom Excel Word Outlook Google " +
    // Programme and project names built from family words: "Dad Matters", "Sister Organisation".
    "Matters Programme Programmes Project Projects Hub Hubs Forum Club Circle Space Spaces Network Networks " +
    "Voice Voices Champions Champion Pathway Pathways Link Links Scheme Schemes Initiative Organisation " +
    "Organisations Charity Charities Company Companies Association Alliance Foundation"
  ).split(" ");

/** Lower-cased, so a check is one lookup whatever the case of the word in the text. */
export const NOT_NAMES = new Set(NOT_NAME_WORDS.map((w) => w.toLowerCase()));

/** Words after a name that show it is a place or an organisation: "Ashvale Borough Council". */
export const ORGANISATION_WORDS = new Set(
  (
    "council borough county city town district hospital school college university centre center refuge " +
    "housing health trust board group panel court service services team unit department office " +
    "partnership police constabulary fire road street avenue lane way project foundation charity " +
    "association society network forum alliance aid women's"
  ).split(" "),
);

/** Is this capitalised word plausibly someone's name (not a sentence opener, place or group)? */
export function looksLikeName(word: string): boolean {
  if (!/^[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)?$/.test(word)) return false;
  return !NOT_NAMES.has(word.toLowerCase());
}

/** Words for family members, after which a first name names a relative: "her son Tom". */
export const FAMILY_WORDS = (
  "son daughter child mother father mum mom dad brother sister husband wife boyfriend girlfriend " +
  "fiance fiancee grandmother grandfather grandma grandpa nan nana gran granny grandson granddaughter " +
  "stepson stepdaughter stepfather stepmother stepdad stepmum aunt auntie uncle niece nephew cousin " +
  "baby twin sons daughters brothers sisters children"
).split(" ");

/** Family words that mean a person only with "her", "his", "their"…: "partner agencies" is not a relative. */
export const POSSESSIVE_ONLY_FAMILY_WORDS = ["partner", "ex-partner", "ex", "spouse", "carer"];

/**
 * Common first names in England and Wales, used only where a capitalised word on its own is not enough
 * ("Jane (34)" is an age; "Ashvale (34)" is a count for a place).
 */
export const COMMON_FIRST_NAMES = new Set(
  (
    "oliver george harry jack jacob noah charlie muhammad mohammed thomas oscar william james leo alfie " +
    "henry joshua freddie archie ethan isaac alexander joseph edward samuel max daniel arthur lucas " +
    "mohammad logan theo harrison benjamin mason sebastian finley adam dylan zachary riley teddy " +
    "theodore david toby jake luca elijah rory reggie tommy tom ben sam dan joe jon john mark paul " +
    "peter michael matthew andrew richard robert steven stephen christopher chris kevin gary lee craig " +
    "darren dean wayne jason carl scott ryan liam connor callum kyle jamie aaron ali omar ibrahim " +
    "olivia amelia isla ava emily sophia grace mia poppy ella lily evie isabella sophie ivy freya " +
    "harper willow charlotte florence evelyn ruby elsie rosie daisy jessica alice phoebe matilda " +
    "isabelle sienna millie eva layla erin amy chloe lucy holly ellie katie megan hannah lauren " +
    "rebecca sarah emma laura rachel jennifer nicola claire michelle lisa karen susan julie helen " +
    "angela jane mary elizabeth margaret patricia linda barbara kate kelly stacey leanne gemma " +
    "jade kayleigh shannon chelsea danielle natalie zara aisha fatima maryam amira zainab priya " +
    "anna maria sofia jasmine molly maisie summer scarlett violet aria esme ayla nancy imogen luna " +
    "tia demi courtney abbie paige kirsty donna tracey sharon dawn joanne emma jo beth amber"
  ).split(" "),
);

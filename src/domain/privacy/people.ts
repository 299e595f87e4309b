// Details that point at one person through their name or birth: dates of birth, ages next to names,
// titles with surnames and first names next to family words.

import type { Finding } from "./types.ts";
import {
  COMMON_FIRST_NAMES,
  FAMILY_WORDS,
  looksLikeName,
  ORGANISATION_WORDS,
  POSSESSIVE_ONLY_FAMILY_WORDS,
} from "./words.ts";

const MONTH =
  "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})(?!\\d)|\\d{4}-\\d{2}-\\d{2}|` +
  `\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+\\d{4}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;

/** "DOB 14/02/1988", "date of birth: 3 June 2017", "born on 14th February 1988", "(d.o.b. 1988-02-14)". */
const DATE_OF_BIRTH = new RegExp(
  `\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|birth\\s?date|birthday|born(?:\\s+on)?)(?![a-z])[\\s:,.–—-]*(?:on\\s+|is\\s+|was\\s+)?(${DATE}|${MONTH}\\s+\\d{4})`,
  "gi",
);
/** A year alone is a date of birth only after a label that says so: "DOB 1988", "year of birth 2017". */
const YEAR_OF_BIRTH = /\b(?:d\.?o\.?b\.?|year\s+of\s+birth)(?![a-z])[\s:,.–—-]*((?:19|20)\d{2})\b/gi;

export function findDatesOfBirth(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const pattern of [DATE_OF_BIRTH, YEAR_OF_BIRTH]) {
    for (const m of text.matchAll(pattern)) {
      const excerpt = m[1] ?? "";
      findings.push({ kind: "dateOfBirth", excerpt, index: m.index + m[0].indexOf(excerpt) });
    }
  }
  return findings;
}

const NAME = "[A-Z][a-z]+(?:['-][A-Za-z][a-z]+)?";

/** The capitalised words ending just before `end` ("Jane Smith" before ", aged 34"), or null. */
function namesBefore(text: string, end: number): { names: string[]; index: number } | null {
  const before = text.slice(Math.max(0, end - 60), end);
  const m = new RegExp(`(?:(${NAME})\\s+)?(${NAME})$`).exec(before);
  if (!m) return null;
  const names = [m[1], m[2]].filter((n): n is string => n !== undefined);
  // "Tom" in "Ashvale Tom" is unlikely; keep only the run of words that look like names.
  while (names.length > 0 && !looksLikeName(names[0] ?? "")) names.shift();
  if (names.length === 0 || !names.every(looksLikeName)) return null;
  const start = end - before.length + m.index + (m[0].length - names.join(" ").length);
  return { names, index: start };
}

/** "Tom, aged 7", "Jane Smith aged 34", "Amy (age 4)", "Jane (34)", "Jane Smith (34)", "Tom, 7 years old". */
export function findAgesWithNames(text: string): Finding[] {
  const findings: Finding[] = [];
  const aged =
    /(\s*,?\s*\(?(?:aged?|age:)\s*(\d{1,3})\b\)?|,\s*(\d{1,2})\s*(?:years?|yrs?)(?:\s+old|\s+of\s+age)?\b|\s*\((\d{1,3})\s*(?:years?|yrs?|y\/o)?(?:\s+old)?\))/g;
  for (const m of text.matchAll(aged)) {
    const age = Number(m[2] ?? m[3] ?? m[4]);
    if (!(age >= 0 && age <= 110)) continue;
    const found = namesBefore(text, m.index);
    if (!found) continue;
    const bracketOnly = m[4] !== undefined && !/y/i.test(m[0]);
    // A bare number in brackets after one word is as often a count ("Ashvale (34)") as an age: only
    // a full name or a common first name makes it an age.
    if (
      bracketOnly &&
      found.names.length < 2 &&
      !COMMON_FIRST_NAMES.has((found.names[0] ?? "").toLowerCase())
    )
      continue;
    const next = text
      .slice(m.index + m[0].length)
      .match(/^\s+([A-Za-z']+)/)?.[1]
      ?.toLowerCase();
    if (next && ORGANISATION_WORDS.has(next)) continue;
    const excerpt = text.slice(found.index, m.index + m[0].length).trim();
    findings.push({ kind: "ageWithName", excerpt, index: found.index });
  }
  return findings;
}

/** Dr and Prof are professional titles: "Dr Patel's team" is a service, not a person under review. */
const PROFESSIONAL_CONTEXT =
  /^'s\s+(?:team|service|clinic|practice|surgery|unit|department|ward|office|caseload|group|review|report|research)\b/;

/** "Mrs Smith", "Mr. O'Brien", "Mrs J. Smith", "Dr Patel said". */
export function findTitlesWithSurnames(text: string): Finding[] {
  const findings: Finding[] = [];
  // Initials may come between: "Mrs J. Smith", "Mr A B Jones".
  const pattern = new RegExp(
    `\\b(Mr|Mrs|Ms|Miss|Mx|Master|Dr|Prof)\\.?\\s+(?:[A-Z]\\.?\\s+){0,2}(${NAME}|[A-Z]')`,
    "g",
  );
  for (const m of text.matchAll(pattern)) {
    const surname = m[2] ?? "";
    if (!looksLikeName(surname) && !surname.endsWith("'")) continue;
    const rest = text.slice(m.index + m[0].length);
    if ((m[1] === "Dr" || m[1] === "Prof") && PROFESSIONAL_CONTEXT.test(rest)) continue;
    const next = rest.match(/^\s+([A-Za-z']+)/)?.[1]?.toLowerCase();
    if (next && ORGANISATION_WORDS.has(next)) continue;
    findings.push({ kind: "titleWithSurname", excerpt: m[0], index: m.index });
  }
  return findings;
}

const DETERMINER = "(?:her|his|their|my|your|our|whose|the|a|an)";
const FAMILY = new RegExp(
  `\\b(?:(${DETERMINER})\\s+)?((?:ex-|step-|late\\s+)?(?:${FAMILY_WORDS.join("|")}|${POSSESSIVE_ONLY_FAMILY_WORDS.join("|")}))\\b(?:'s)?,?\\s+(?:called\\s+|named\\s+)?(${NAME})`,
  "gi",
);

/** "her son Tom", "his daughter, Amy", "mother Jane", "their children Amy and Ben". */
export function findNamesWithFamilyWords(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of text.matchAll(FAMILY)) {
    const determiner = m[1]?.toLowerCase();
    const word = (m[2] ?? "").toLowerCase().replace(/^(?:ex-|step-|late\s+)/, "");
    const name = m[3] ?? "";
    // The pattern is case-insensitive for the family word; the name must still be capitalised.
    if (!/^[A-Z]/.test(name) || !looksLikeName(name)) continue;
    const possessive = determiner !== undefined && !["the", "a", "an"].includes(determiner);
    if (POSSESSIVE_ONLY_FAMILY_WORDS.includes(word) && !possessive) continue;
    const next = text
      .slice(m.index + m[0].length)
      .match(/^\s+([A-Za-z']+)/)?.[1]
      ?.toLowerCase();
    if (next && ORGANISATION_WORDS.has(next)) continue;
    findings.push({ kind: "nameWithFamilyWord", excerpt: m[0], index: m.index });
  }
  return findings;
}

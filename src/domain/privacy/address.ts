// Home addresses: a house number with a street name ("12 Acacia Road"), or a house number followed
// closely by a postcode ("Flat 3, Elm House, AB1 2CD"). A postcode alone, as in an organisation's
// address on a letterhead, is not a person's.

import type { Finding } from "./types.ts";

const STREET_TYPES =
  "Road|Rd|Street|St|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|Pl|Gardens|Gdns|" +
  "Grove|Terrace|Walk|Hill|Square|Sq|Mews|Row|Rise|View|Parade|Boulevard|Park|Green|Vale|Wharf|Yard";

/** "Family Court" and "Crown Court" are where cases are heard, not where people live. */
const NOT_STREETS = /^(?:family|crown|county|magistrates'?|youth|coroner'?s?|supreme|high|combined)\s+court/i;

const STREET = new RegExp(
  `(?<![\\d.,/£-])\\b(\\d{1,3}[A-Za-z]?),?\\s+((?:[A-Z][a-z']+\\s+){1,3}(?:${STREET_TYPES}))\\b\\.?`,
  "g",
);

/** The UK postcode's shape: outward code (AB1, AB12, A1A, AB1C) then inward code (2CD). */
export const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2})\b/g;

/** "Flat 3", "No. 12", or a number at a word's start followed by a capitalised word: a house number. */
const HOUSE_NUMBER =
  /(?:\b(?:flat|apartment|no\.?|number)\s+\d{1,4}[A-Za-z]?\b|(?<![\d.,/£:-])\b\d{1,3}[A-Za-z]?,?\s+[A-Z][a-z])/i;

export function findHomeAddresses(text: string): Finding[] {
  const findings: Finding[] = [];
  for (const m of text.matchAll(STREET)) {
    const street = m[2] ?? "";
    if (NOT_STREETS.test(street)) continue;
    const next = text
      .slice(m.index + m[0].length)
      .match(/^\s+([A-Za-z']+)/)?.[1]
      ?.toLowerCase();
    // "12 Ashvale Road Runners members" is rare; "4 Green ratings" has no street name before "Green".
    if (next && /^(?:ratings?|rated|actions?|commitments?)$/.test(next)) continue;
    findings.push({ kind: "homeAddress", excerpt: m[0].replace(/\.$/, ""), index: m.index });
  }
  for (const m of text.matchAll(POSTCODE)) {
    if (findings.some((f) => m.index >= f.index && m.index - f.index < 80)) continue;
    const before = text.slice(Math.max(0, m.index - 60), m.index);
    const house = HOUSE_NUMBER.exec(before);
    if (!house) continue;
    const start = m.index - before.length + house.index;
    findings.push({ kind: "homeAddress", excerpt: text.slice(start, m.index + m[0].length), index: start });
  }
  return findings;
}

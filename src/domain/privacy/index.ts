// The personal-data guard: does a passage people wrote hold something that may identify a person?
// Pure; services call it when text is saved (services/privacy/guard.ts) and when text already held is
// scanned. It errs towards asking: a writer who is told wrongly can confirm the text identifies nobody.

import { findHomeAddresses } from "./address.ts";
import {
  findEmailAddresses,
  findNationalInsuranceNumbers,
  findNhsNumbers,
  findPhoneNumbers,
} from "./identifiers.ts";
import {
  findAgesWithNames,
  findDatesOfBirth,
  findNamesWithFamilyWords,
  findTitlesWithSurnames,
} from "./people.ts";
import { type Finding, PERSONAL_DATA_LABELS, type PersonalDataKind } from "./types.ts";

export { isValidNationalInsuranceNumber, isValidNhsNumber } from "./identifiers.ts";
export { type Finding, PERSONAL_DATA_LABELS, type PersonalDataKind } from "./types.ts";

const FINDERS = [
  findDatesOfBirth,
  findAgesWithNames,
  findNhsNumbers,
  findNationalInsuranceNumbers,
  findHomeAddresses,
  findPhoneNumbers,
  findEmailAddresses,
  findTitlesWithSurnames,
  findNamesWithFamilyWords,
];

/** Everything in the text that may identify a person, in the order it appears, each once. */
export function findPersonalData(text: string): Finding[] {
  if (text.trim() === "") return [];
  const all = FINDERS.flatMap((find) => find(text)).sort((a, b) => a.index - b.index);
  const seen = new Set<string>();
  return all.filter((f) => {
    const key = `${f.kind}:${f.index}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** "a date of birth, 14/02/1988" */
export function describeFinding(finding: Finding): string {
  return `${PERSONAL_DATA_LABELS[finding.kind]}, ${finding.excerpt}`;
}

/** The kinds found, each once, in the order first found. */
export function kindsOf(findings: readonly Finding[]): PersonalDataKind[] {
  return [...new Set(findings.map((f) => f.kind))];
}

/** "a date of birth and an NHS number" */
export function describeKinds(kinds: readonly PersonalDataKind[]): string {
  const labels = kinds.map((k) => PERSONAL_DATA_LABELS[k]);
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/**
 * A short excerpt that shows where the passage is without repeating it: the first character of each
 * word kept, every other letter and digit masked ("J••• S••••", "9•• ••• ••••").
 */
export function maskExcerpt(excerpt: string): string {
  const masked = excerpt.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const first = word[0] ?? "";
    return /\p{L}/u.test(first) ? first + "•".repeat(word.length - 1) : "•".repeat(word.length);
  });
  return masked.length > 40 ? `${masked.slice(0, 39)}…` : masked;
}

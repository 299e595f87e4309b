// Numbers and addresses that belong to one person: NHS numbers, National Insurance numbers, phone
// numbers and personal e-mail addresses. Each check is the published format, not a guess at shape,
// so that reference numbers and counts in real partnership text do not trip it.

import type { Finding } from "./types.ts";
import { COMMON_FIRST_NAMES } from "./words.ts";

/**
 * The NHS number's check digit (NHS Data Dictionary): weights 10 down to 2 on the first nine digits,
 * 11 minus the remainder of the sum by 11; 11 means 0 and 10 means the number is not valid.
 */
export function isValidNhsNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, "");
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Prefixes HMRC never allocates, as well as letters barred in the first or second place. */
const NI_UNALLOCATED_PREFIXES = new Set(["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"]);
const NI_BARRED_FIRST = new Set(["D", "F", "I", "Q", "U", "V"]);
const NI_BARRED_SECOND = new Set(["D", "F", "I", "O", "Q", "U", "V"]);

/**
 * A National Insurance number as HMRC allocates them: two prefix letters (first not D, F, I, Q, U or
 * V; second not D, F, I, O, Q, U or V; not BG, GB, KN, NK, NT, TN or ZZ), six digits, a suffix A–D.
 */
export function isValidNationalInsuranceNumber(value: string): boolean {
  const compact = value.replace(/\s/g, "").toUpperCase();
  const match = /^([A-Z])([A-Z])\d{6}[A-D]$/.exec(compact);
  if (!match) return false;
  const [, first = "", second = ""] = match;
  if (NI_BARRED_FIRST.has(first) || NI_BARRED_SECOND.has(second)) return false;
  return !NI_UNALLOCATED_PREFIXES.has(first + second);
}

export function findNhsNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  // Ten digits together or grouped 3-3-4 with one kind of separator, and no digit either side.
  const pattern = /(?<![\d.,/£-])(\d{3}([ -]?)\d{3}\2\d{4})(?![\d,]|\.\d|\/\d)/g;
  for (const m of text.matchAll(pattern)) {
    const excerpt = m[1] ?? "";
    if (isValidNhsNumber(excerpt)) findings.push({ kind: "nhsNumber", excerpt, index: m.index });
  }
  return findings;
}

export function findNationalInsuranceNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  const pattern = /\b([A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d])\b/g;
  for (const m of text.matchAll(pattern)) {
    const excerpt = m[1] ?? "";
    if (isValidNationalInsuranceNumber(excerpt)) {
      findings.push({ kind: "nationalInsuranceNumber", excerpt, index: m.index });
    }
  }
  return findings;
}

/**
 * A UK phone number that may be a person's: geographic (01, 02) and mobile or personal (07) numbers,
 * written with 0, +44 or 0044. Freephone (0800, 0808), non-geographic (03, used by public bodies and
 * helplines) and premium numbers are services' numbers, so they are left alone.
 */
export function findPhoneNumbers(text: string): Finding[] {
  const findings: Finding[] = [];
  const pattern = /(?<![\w£.,/+-])(?:\+44|0044|\(?0)\d?[\d \t()-]*\d/g;
  for (const m of text.matchAll(pattern)) {
    // The longest run of the number's groups that makes a whole UK number: "07700 900123 12 cases"
    // is the phone number followed by a count.
    // No UK number is written in more than five groups ("+44 (0) 20 7946 0018").
    const groups = m[0].split(/[ \t]+/).slice(0, 5);
    for (let n = groups.length; n > 0; n--) {
      const excerpt = groups.slice(0, n).join(" ");
      if (isPersonalPhoneNumber(excerpt)) {
        findings.push({ kind: "phoneNumber", excerpt, index: m.index });
        break;
      }
    }
  }
  return findings;
}

function isPersonalPhoneNumber(written: string): boolean {
  let digits = written.replace("(0)", "").replace(/\D/g, "");
  if (written.startsWith("+44")) digits = `0${digits.slice(2)}`;
  else if (written.startsWith("0044")) digits = `0${digits.slice(4)}`;
  const wholeNumber = digits.length === 11 || (digits.length === 10 && digits.startsWith("01"));
  return wholeNumber && /^0[127]/.test(digits);
}

/** Mail providers whose addresses are people's own, never an organisation's. */
const PERSONAL_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "hotmail.com",
  "hotmail.co.uk",
  "outlook.com",
  "live.com",
  "live.co.uk",
  "msn.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "aol.co.uk",
  "btinternet.com",
  "sky.com",
  "talktalk.net",
  "virginmedia.com",
  "ntlworld.com",
  "blueyonder.co.uk",
  "tiscali.co.uk",
  "protonmail.com",
  "proton.me",
  "gmx.com",
  "gmx.co.uk",
  "mail.com",
]);

/** Words that make a mailbox a role's or a team's rather than a person's. */
const ROLE_MAILBOX_WORDS = new Set(
  (
    "info enquiries enquiry contact contactus admin administrator office hello help helpline support team " +
    "teams referrals referral reception duty mash marac mappa safeguarding coordinator coordination " +
    "secretariat communications comms press media foi dpo dataprotection privacy noreply donotreply " +
    "feedback complaints bookings booking training partnership partnerships services service hub advice " +
    "ops operations mailbox general unit desk board commissioning idva isva refuge outreach housing " +
    "community safety cst csp dap dahub webmaster postmaster accounts finance hr performance data " +
    "intelligence analysts analyst research policy governance business committee panel member members " +
    "steering police health schools school childrens children council nhs probation social care youth " +
    "family families victims survivors network forum group"
  ).split(" "),
);

/**
 * An e-mail address that may be a person's. The rule: any address at a personal mail provider; at
 * any other domain, a mailbox shaped like a person's name ("jane.smith", "j.smith", "jane_smith", or
 * one common first name such as "jane") unless one of its words is a role's ("referrals", "team",
 * "safeguarding"). A one-word mailbox that is not a first name ("police@", "lanternway@") is an
 * organisation's. A named colleague's work address is therefore flagged: a review needs the team.
 */
export function findEmailAddresses(text: string): Finding[] {
  const findings: Finding[] = [];
  const pattern = /\b([A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+))\b/g;
  for (const m of text.matchAll(pattern)) {
    const excerpt = m[1] ?? "";
    const domain = (m[2] ?? "").toLowerCase();
    const local = excerpt.slice(0, excerpt.indexOf("@")).toLowerCase();
    if (PERSONAL_MAIL_DOMAINS.has(domain) || isPersonsMailbox(local)) {
      findings.push({ kind: "emailAddress", excerpt, index: m.index });
    }
  }
  return findings;
}

function isPersonsMailbox(local: string): boolean {
  const words = local.split(/[._+-]+/).map((word) => word.replace(/\d+$/, ""));
  if (words.some((word) => ROLE_MAILBOX_WORDS.has(word))) return false;
  if (words.length >= 2) return words.slice(0, 2).every((word) => /^[a-z']+$/.test(word));
  return COMMON_FIRST_NAMES.has(words[0] ?? "");
}

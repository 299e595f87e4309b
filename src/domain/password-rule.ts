import { dictionary } from "@zxcvbn-ts/language-common";

// What a password must be (NIST SP 800-63B §5.1.1.2): long enough, not a common or breached password,
// not a run or a repeat that any guesser tries first, and not the person's own e-mail name. Nothing
// else is asked (no "one capital and one symbol"): length and not-guessable are what make it strong.
// The common passwords are zxcvbn-ts's list (from breached-password corpora), not one typed here.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

let commonPasswords: Set<string> | undefined;
/** Built on first use: decompressing the list takes a few milliseconds, not worth it at every start. */
function isCommon(candidate: string): boolean {
  commonPasswords ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return commonPasswords.has(candidate);
}

// Rows of a UK/US keyboard and the digit row, read in either direction for runs like "qwertyuiop".
const KEY_ROWS = ["1234567890-=", "qwertyuiop[]", "asdfghjkl;'#", "zxcvbnm,./"];

/** True when b is the key or character that follows or precedes a in a well-known sequence. */
function isPredictableStep(a: string, b: string): boolean {
  if (a === b) return true;
  const step = (b.codePointAt(0) ?? 0) - (a.codePointAt(0) ?? 0);
  if (/[a-z0-9]/.test(a) && /[a-z0-9]/.test(b) && Math.abs(step) === 1) return true;
  if ((a === "9" && b === "0") || (a === "0" && b === "9")) return true;
  return KEY_ROWS.some((row) => {
    const i = row.indexOf(a);
    return i >= 0 && (row[i + 1] === b || row[i - 1] === b);
  });
}

/** The part of an e-mail address before the @, and its pieces (jane.smith → jane, smith). */
function emailNames(email: string): string[] {
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  const pieces = local.split(/[._+-]+/).filter((piece) => piece.length >= 4);
  return [...new Set([local, ...pieces])].filter((name) => name.length >= 3);
}

/**
 * Why this password may not be used (a GOV.UK error message), or null when it may. `email` is the
 * account's address, when known, so a password containing its name is refused.
 */
export function passwordProblem(password: string, context: { email?: string } = {}): string | null {
  const characters = [...password];
  if (characters.length === 0) return "Enter a password";
  if (password.trim() === "")
    return "Your password must contain letters, numbers or symbols, not only spaces";
  if (characters.length < MIN_PASSWORD_LENGTH)
    return `Your password must be ${MIN_PASSWORD_LENGTH} characters or more`;
  if (characters.length > MAX_PASSWORD_LENGTH)
    return `Your password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;

  const lower = password.toLowerCase();
  const compact = [...lower.replace(/\s+/g, "")];
  const counts = new Map<string, number>();
  for (const c of compact) counts.set(c, (counts.get(c) ?? 0) + 1);
  const mostRepeated = Math.max(...counts.values());
  if (mostRepeated * 2 > compact.length || counts.size < 4)
    return "Your password must not repeat the same characters, like aaaaaaaaaaaa";

  let predictable = 0;
  for (let i = 1; i < compact.length; i++) {
    if (isPredictableStep(compact[i - 1]!, compact[i]!)) predictable++;
  }
  if (predictable * 4 >= (compact.length - 1) * 3)
    return "Your password must not be a run of letters, numbers or keys, like abcdefghijkl, 123456789012 or qwertyuiop";

  // A common password with digits or symbols added around it ("Password1234!") is still guessed early.
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
  if (isCommon(lower) || isCommon(lower.trim()) || (core.length >= 4 && isCommon(core)))
    return "Your password is too common. Choose one that is harder to guess, such as 3 random words";

  if (context.email && emailNames(context.email).some((name) => lower.includes(name)))
    return "Your password must not contain your email address";
  return null;
}

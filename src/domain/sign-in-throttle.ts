// Sign-in throttling as OWASP's authentication cheat sheet advises: a hard limit only where the
// attacker and the victim cannot be the same party (one account from one address), and for the
// account as a whole a growing delay instead of a lockout, so that someone hammering an account from
// elsewhere slows their own guessing without shutting the real user out.

/** Failed sign-ins of one account from one address are counted over this window. */
export const PAIR_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins of one account from anywhere are counted over this window. */
export const ACCOUNT_WINDOW_MS = 60 * 60 * 1000;
/** The longest an attempt is held back, so a slowed account still answers in a few seconds. */
export const MAX_DELAY_MS = 8000;
const BASE_DELAY_MS = 1000;
/** The delay doubles after every this many failures above the account's ceiling. */
const FAILURES_PER_DOUBLING = 10;

export interface SignInLimits {
  /** Failures of one account from one address per 15 minutes; beyond, that pair is refused. */
  perAccountAndAddress: number;
  /** Failures of one account from anywhere per hour; beyond, every attempt on it waits. */
  perAccount: number;
}

export interface FailureCounts {
  pair: number;
  account: number;
}

export type ThrottleDecision = { refuse: true } | { refuse: false; delayMs: number };

export function signInThrottle(failures: FailureCounts, limits: SignInLimits): ThrottleDecision {
  if (failures.pair >= limits.perAccountAndAddress) return { refuse: true };
  if (failures.account < limits.perAccount) return { refuse: false, delayMs: 0 };
  const doublings = Math.floor((failures.account - limits.perAccount) / FAILURES_PER_DOUBLING);
  return { refuse: false, delayMs: Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.min(doublings, 8)) };
}

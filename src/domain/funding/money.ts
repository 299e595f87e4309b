// Money as whole pence (JavaScript integers, exact up to Number.MAX_SAFE_INTEGER pence — about £90
// trillion). Parsing, formatting, summing and variance use integer (BigInt where a product could pass
// that bound) arithmetic only: a float never touches an amount, so 10,000 allocations add up to the
// penny and a percentage is rounded only when it is shown.

/** The largest amount held exactly. */
export const MAX_PENCE = Number.MAX_SAFE_INTEGER;

export type ParsedPounds = { ok: true; pence: number } | { ok: false; error: string };

export interface ParsePoundsOptions {
  /** Allow a minus sign (an adjustment or a refund); amounts are never negative otherwise. */
  allowNegative?: boolean;
}

// "£8,000.50", "8000.5", "8000", "-£1,500", "£-1,500": optional sign, optional £, digits with or
// without correct thousands commas, at most two decimals (a third would be a fraction of a penny,
// refused on its own so the message can say so).
const AMOUNT = /^([-−]?)£?([-−]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** "£8,000.50" → 800050 pence; a message for a fraction of a penny, a refused minus, or anything else. */
export function parsePounds(input: string, options: ParsePoundsOptions = {}): ParsedPounds {
  // Spaces next to the £ or a minus are fine ("£ 8,000"); inside the digits they are not ("8 000").
  const text = input.trim().replace(/\s*([£\-−])\s*/g, "$1");
  const match = AMOUNT.exec(text);
  if (!match || (match[1] && match[2])) {
    return { ok: false, error: "Enter an amount in pounds, like £8,000 or £8,000.50" };
  }
  const negative = Boolean(match[1] || match[2]);
  const whole = match[3]!.replaceAll(",", "");
  const fraction = match[4] ?? "";
  if (fraction.length > 2) {
    return { ok: false, error: "Enter an amount in whole pence, like £8,000.50 (at most 2 decimal places)" };
  }
  const pence = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, "0") || "0");
  if (pence > BigInt(MAX_PENCE)) return { ok: false, error: "Enter a smaller amount" };
  if (negative && pence !== 0n && !options.allowNegative) {
    return { ok: false, error: "Enter an amount of £0 or more" };
  }
  const value = Number(pence);
  return { ok: true, pence: negative && value !== 0 ? -value : value };
}

function requirePence(pence: number): void {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`Not a whole number of pence: ${pence}`);
}

export interface FormatPoundsOptions {
  /** Always show pence ("£8,000.00"), for columns of figures that should line up. */
  alwaysPence?: boolean;
}

/** 800000 → "£8,000"; 800050 → "£8,000.50"; -150000 → "-£1,500". */
export function formatPounds(pence: number, options: FormatPoundsOptions = {}): string {
  requirePence(pence);
  const negative = pence < 0;
  const magnitude = BigInt(Math.abs(pence));
  const pounds = (magnitude / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const rest = Number(magnitude % 100n);
  const tail = rest === 0 && !options.alwaysPence ? "" : `.${String(rest).padStart(2, "0")}`;
  return `${negative ? "-" : ""}£${pounds}${tail}`;
}

/** A form's value for an amount: "8000.50" or "8000" (no £ or commas, so it edits cleanly). */
export function poundsInputValue(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  return formatPounds(pence).replace("£", "").replaceAll(",", "");
}

/** The exact sum; RangeError if it would pass the largest amount held exactly. */
export function sumPence(values: Iterable<number>): number {
  let total = 0n;
  for (const value of values) {
    requirePence(value);
    total += BigInt(value);
  }
  if (total > BigInt(MAX_PENCE) || total < -BigInt(MAX_PENCE)) {
    throw new RangeError("The total is larger than Waymark can hold exactly");
  }
  return Number(total);
}

export interface Variance {
  /** value − reference in pence: positive is over (spending more than budgeted), negative under. */
  amountPence: number;
  /** The variance as a fraction amount / reference, exact; null when the reference is £0. */
  ratio: { numerator: number; denominator: number } | null;
}

/** The variance of an actual or forecast against a budget (or forecast). */
export function variance(referencePence: number, valuePence: number): Variance {
  requirePence(referencePence);
  requirePence(valuePence);
  const amountPence = sumPence([valuePence, -referencePence]);
  return {
    amountPence,
    ratio: referencePence === 0 ? null : { numerator: amountPence, denominator: referencePence },
  };
}

/** The variance's percentage in tenths, rounded half away from zero (display only); null with no base. */
export function variancePercentTenths(v: Variance): number | null {
  if (!v.ratio) return null;
  const numerator = BigInt(v.ratio.numerator) * 1000n;
  const denominator = BigInt(v.ratio.denominator);
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const rounded = (n * 2n + d) / (d * 2n);
  return Number(negative ? -rounded : rounded);
}

/** "+12.5%", "-3%", "0%"; "" when there is no base to compare with. */
export function formatVariancePercent(v: Variance): string {
  const tenths = variancePercentTenths(v);
  if (tenths === null) return "";
  const magnitude = Math.abs(tenths);
  const body =
    magnitude % 10 === 0 ? String(magnitude / 10) : `${Math.floor(magnitude / 10)}.${magnitude % 10}`;
  return `${tenths > 0 ? "+" : tenths < 0 ? "-" : ""}${body}%`;
}

/** "+£1,500", "-£250.50", "£0". */
export function formatVarianceAmount(v: Variance): string {
  return `${v.amountPence > 0 ? "+" : ""}${formatPounds(v.amountPence)}`;
}

export interface VarianceThreshold {
  /** A variance of at least this whole percent of the reference… */
  percent: number | null;
  /** …or at least this many pence, whichever is reached first. */
  pence: number | null;
}

/**
 * Whether a variance is large enough to need an explanation: |amount| ≥ percent × |reference| / 100
 * (compared exactly, as integers) or |amount| ≥ pence. A zero variance never needs one; a variance on
 * a £0 reference passes any percent threshold.
 */
export function needsExplanation(v: Variance, threshold: VarianceThreshold): boolean {
  if (v.amountPence === 0) return false;
  const amount = BigInt(Math.abs(v.amountPence));
  if (threshold.pence !== null && amount >= BigInt(threshold.pence)) return true;
  if (threshold.percent === null) return false;
  if (!v.ratio) return true;
  return amount * 100n >= BigInt(threshold.percent) * BigInt(Math.abs(v.ratio.denominator));
}

/**
 * How a total is made up, equal parts grouped in order of first appearance:
 * [800000, 800000, 800000, 1050000] → "£34,500 = 3 × £8,000 + £10,500". One part or none: the total.
 */
export function partsSentence(parts: readonly number[]): string {
  const total = formatPounds(sumPence(parts));
  if (parts.length <= 1) return total;
  const counts = new Map<number, number>();
  for (const part of parts) counts.set(part, (counts.get(part) ?? 0) + 1);
  const terms = [...counts].map(([amount, count]) =>
    count === 1 ? formatPounds(amount) : `${count} × ${formatPounds(amount)}`,
  );
  return `${total} = ${terms.join(" + ")}`;
}

/** "8000.50", "-1200.00": the exact decimal text of an amount, for CSV and spreadsheet cells. */
export function decimalPounds(pence: number): string {
  requirePence(pence);
  const magnitude = BigInt(Math.abs(pence));
  const rest = String(Number(magnitude % 100n)).padStart(2, "0");
  return `${pence < 0 ? "-" : ""}${magnitude / 100n}.${rest}`;
}

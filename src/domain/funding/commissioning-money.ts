// The contract register's form helpers, over domain/funding/money.ts (whole pence, integer arithmetic).
import { formatPounds, parsePounds, poundsInputValue } from "./money.ts";

/** "£8,000.50", "8000.5", "8,000" → 800050, 800000; null when it is not an amount of money. */
export function parsePoundsToPence(text: string): number | null {
  const parsed = parsePounds(text);
  return parsed.ok ? parsed.pence : null;
}

/** 800000 → "£8,000"; 800050 → "£8,000.50". */
export const formatPence = (pence: number): string => formatPounds(pence);

/** 800050 → "8000.50" for a form field the person edits again (no £, no commas). */
export const penceForInput = (pence: number | null): string => poundsInputValue(pence);

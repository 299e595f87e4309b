// Pounds and pence for the contract register: whole pence, integer arithmetic only. Kept here until
// helper F's domain/funding/money.ts is merged, when these two calls move to it (the coordinator folds).

const MAX_PENCE = Number.MAX_SAFE_INTEGER;

/** "£8,000.50", "8000.5", "8,000" → 800050, 800000; null when it is not an amount of money. */
export function parsePoundsToPence(text: string): number | null {
  const cleaned = text.trim().replace(/^£/, "").replace(/,/g, "").trim();
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!m) return null;
  const pounds = Number(m[1]);
  const pence = Number((m[2] ?? "").padEnd(2, "0") || "0");
  const total = pounds * 100 + pence;
  return Number.isSafeInteger(total) && total <= MAX_PENCE ? total : null;
}

/** 800000 → "£8,000"; 800050 → "£8,000.50"; negative amounts keep their sign before the £. */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(pounds).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}£${grouped}${rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`}`;
}

/** 800050 → "8000.50" for a form field the person edits again (no £, no commas). */
export function penceForInput(pence: number | null): string {
  if (pence === null) return "";
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? String(pounds) : `${pounds}.${String(rest).padStart(2, "0")}`;
}

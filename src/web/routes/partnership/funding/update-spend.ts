// The Spend section of the partner's quarterly update form (routes/partnership/updates.ts): its
// fields are named spend-<allocationId>-committed, -actual, -forecast and -explanation, one group per
// allocation of the action, read here into the update's input and filled from what is stored.
import { parsePounds, poundsInputValue } from "../../../../domain/funding/money.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { UpdateSpendEntry } from "../../../../services/funding/update-spend.ts";
import type { FormValues } from "../../../forms.ts";

const FIELD = /^spend-(\d{1,9})-(committed|actual|forecast|explanation)$/;
const LABELS = {
  committed: "Committed",
  actual: "Actual spend to date",
  forecast: "The forecast outturn",
} as const;

/** The spend entries typed into the form, or the fields' errors. */
export function readUpdateSpend(values: FormValues): { entries: UpdateSpendEntry[]; errors: FieldError[] } {
  const byAllocation = new Map<number, UpdateSpendEntry>();
  const errors: FieldError[] = [];
  for (const [name, raw] of Object.entries(values)) {
    const match = FIELD.exec(name);
    if (!match) continue;
    const allocationId = Number(match[1]);
    const field = match[2] as "committed" | "actual" | "forecast" | "explanation";
    const text = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? "";
    const entry = byAllocation.get(allocationId) ?? {
      allocationId,
      committedPence: null,
      actualPence: null,
      forecastPence: null,
      explanation: "",
    };
    byAllocation.set(allocationId, entry);
    if (field === "explanation") {
      if (text.length > TEXT_LIMITS.spendExplanation) {
        errors.push({
          field: name,
          message: `The explanation must be ${TEXT_LIMITS.spendExplanation} characters or fewer`,
        });
      }
      entry.explanation = text;
      continue;
    }
    if (text === "") continue;
    const parsed = parsePounds(text.slice(0, 40));
    if (!parsed.ok || text.length > 40) {
      errors.push({
        field: name,
        message: `${LABELS[field]}: ${parsed.ok ? "enter a smaller amount" : parsed.error.replace(/^Enter/, "enter")}`,
      });
      continue;
    }
    entry[`${field}Pence`] = parsed.pence;
  }
  return { entries: [...byAllocation.values()], errors };
}

/** The form's values from what is stored for the quarter. */
export function updateSpendValues(
  section: {
    items: {
      allocation: { id: number };
      spend: {
        committedPence: number;
        actualPence: number;
        forecastPence: number;
        explanation: string;
      } | null;
    }[];
  } | null,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const item of section?.items ?? []) {
    const prefix = `spend-${item.allocation.id}-`;
    values[`${prefix}committed`] = poundsInputValue(item.spend?.committedPence);
    values[`${prefix}actual`] = poundsInputValue(item.spend?.actualPence);
    values[`${prefix}forecast`] = poundsInputValue(item.spend?.forecastPence);
    values[`${prefix}explanation`] = item.spend?.explanation ?? "";
  }
  return values;
}

// The standards pages' form schemas (shape and messages); business rules are the service's.
import { z } from "zod";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";

const text = (limit: number, what: string) =>
  z.string().trim().max(limit, `${what} must be ${limit} characters or fewer`).default("");
const required = (limit: number, message: string, what: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(limit, `${what} must be ${limit} characters or fewer`);
export const versionField = z.coerce.number({ error: "Reload the page and try again" }).int().min(1);

export const newStandardSchema = z.object({
  source: z
    .string({ error: "Select where the standard starts from" })
    .min(1, "Select where the standard starts from"),
  name: text(TEXT_LIMITS.standardName, "The name"),
  scale: z.enum(["four-level", "one-to-five"]).default("four-level"),
});

export const standardSchema = z.object({
  name: required(TEXT_LIMITS.standardName, "Enter the standard's name", "The name"),
  summary: text(TEXT_LIMITS.standardSummary, "The summary"),
  cycleMonths: z.coerce
    .number({ error: "Enter the months between cycles as a number" })
    .int("Enter a whole number of months")
    .min(1, "A cycle is at least 1 month")
    .max(120, "A cycle is at most 120 months"),
  version: versionField,
});

export const themeSchema = z.object({
  title: required(TEXT_LIMITS.themeTitle, "Enter the theme's title", "The title"),
  description: text(TEXT_LIMITS.themeDescription, "The description"),
});

export const criterionSchema = z.object({
  title: required(TEXT_LIMITS.criterionTitle, "Enter the criterion", "The criterion"),
  whatGoodLooksLike: text(TEXT_LIMITS.criterionGood, "What good looks like"),
  howEvidenced: text(TEXT_LIMITS.criterionEvidence, "How it is evidenced"),
});

export const cycleSchema = z.object({
  name: required(TEXT_LIMITS.cycleName, "Enter the cycle's name, for example 2025–27", "The name"),
});

export const structureSchema = z.object({
  step: z.enum([
    "theme-up",
    "theme-down",
    "theme-remove",
    "criterion-up",
    "criterion-down",
    "criterion-remove",
  ]),
  id: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number),
});

/** The scale form's rows (label-1, description-1, meets-1 …); rows left blank are dropped. */
export const SCALE_ROWS = 7;
export function readScale(values: Record<string, unknown>) {
  const levels: Array<{ label: string; description: string; meetsStandard: boolean }> = [];
  const errors: Array<{ field: string; message: string }> = [];
  for (let i = 1; i <= SCALE_ROWS; i++) {
    const label = String(values[`label-${i}`] ?? "").trim();
    const description = String(values[`description-${i}`] ?? "").trim();
    if (!label && !description) continue;
    if (!label) errors.push({ field: `label-${i}`, message: `Enter a label for level ${i}` });
    if (label.length > TEXT_LIMITS.levelLabel)
      errors.push({
        field: `label-${i}`,
        message: `A label must be ${TEXT_LIMITS.levelLabel} characters or fewer`,
      });
    if (description.length > TEXT_LIMITS.levelDescription)
      errors.push({
        field: `description-${i}`,
        message: `A description must be ${TEXT_LIMITS.levelDescription} characters or fewer`,
      });
    levels.push({ label, description, meetsStandard: values[`meets-${i}`] === "yes" });
  }
  return { levels, errors };
}

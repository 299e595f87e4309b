// Form schemas for key statistics (the GOV.UK form pattern: zod for shape and messages; the
// indicator service checks the rules that need the database).
import { z } from "zod";
import type { IndicatorRow } from "../../../data/indicators.ts";
import { FREQUENCIES, INDICATOR_KINDS, POLARITIES, UNITS } from "../../../domain/indicators.ts";
import { MAX_SUPPRESSION_THRESHOLD, MIN_SUPPRESSION_THRESHOLD } from "../../../domain/suppression.ts";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import { defaultThresholds, readThresholds, type Thresholds } from "../../../domain/thresholds.ts";
import type { FieldError } from "../../../services/errors.ts";
import type { IndicatorInput } from "../../../services/indicator-service.ts";
import { dateParts, type FormValues, parseForm, readDate } from "../../forms.ts";

const text = (message: string, max = 4000) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max = 4000) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
export const versionField = z.coerce.number().int().positive();

/** A number as typed: "1,234" and "46.9%" are read; "" is null. */
export const optionalNumber = (message: string) =>
  z
    .string()
    .trim()
    .default("")
    .transform((s) => s.replace(/,(?=\d{3}(\D|$))/g, "").replace(/%$/, ""))
    .refine((s) => s === "" || /^-?\d+(\.\d+)?$/.test(s), message)
    .transform((s) => (s === "" ? null : Number(s)));

const optionalId = z
  .union([z.literal("").transform(() => null), z.coerce.number().int().positive()])
  .default(null);

export const indicatorSchema = z.object({
  name: text("Enter the indicator's name", 200),
  definition: text("Enter what the indicator counts, in plain English", TEXT_LIMITS.indicatorDefinition),
  unit: z.enum(UNITS, { message: "Select the unit" }),
  numeratorLabel: optionalText(200),
  denominatorLabel: optionalText(200),
  rateBase: optionalId,
  populationLabel: optionalText(200),
  source: text("Enter where the figures come from", 1000),
  ownerOrganisationId: optionalId,
  frequency: z.enum(FREQUENCIES, { message: "Select how often there is a figure" }),
  polarity: z.enum(POLARITIES, { message: "Select whether up is good, down is good, or neither" }),
  kind: z.enum(INDICATOR_KINDS, { message: "Select performance or contextual" }),
  baselinePeriod: optionalText(40),
  baselineValue: optionalNumber("Enter the baseline as a number, like 46.9"),
  targetValue: optionalNumber("Enter the target as a number, like 40"),
  thresholdMeasure: z
    .enum(["relative", "absolute"], { message: "Select how a shortfall is measured" })
    .default("relative"),
  greenShortfall: optionalNumber("Enter the Green threshold as a number").refine(
    (n) => n === null || n >= 0,
    "Must be 0 or more",
  ),
  amberShortfall: optionalNumber("Enter the Amber threshold as a number").refine(
    (n) => n === null || n >= 0,
    "Must be 0 or more",
  ),
  noChangeMeasure: z.enum(["relative", "absolute"]).default("relative"),
  noChangeAmount: optionalNumber("Enter the size of change as a number").refine(
    (n) => n === null || n >= 0,
    "Must be 0 or more",
  ),
  partOfIndicatorId: optionalId,
});

export const DATE_ANCHORS = { targetDate: "targetDate-day", changedOn: "changedOn-day" };

/** Reads the indicator form into the service's input, or the field errors. */
export function readIndicatorForm(
  values: FormValues,
): { ok: true; input: IndicatorInput } | { ok: false; errors: FieldError[] } {
  const parsed = parseForm(indicatorSchema, values);
  const date = readDate(values, "targetDate", "The target date");
  const errors = [...(parsed.ok ? [] : parsed.errors)];
  if ("error" in date) errors.push({ field: "targetDate", message: date.error });
  if (!parsed.ok || "error" in date) return { ok: false, errors };
  const d = parsed.data;
  const defaults = defaultThresholds(d.unit);
  const thresholds: Thresholds = {
    measure: d.thresholdMeasure,
    bands: [
      { rating: "green", shortfall: d.greenShortfall ?? 0 },
      { rating: "amber", shortfall: d.amberShortfall ?? defaults.bands[1]!.shortfall },
    ],
    noChange: { measure: d.noChangeMeasure, amount: d.noChangeAmount ?? defaults.noChange.amount },
  };
  if (!readThresholds(thresholds).ok) {
    return {
      ok: false,
      errors: [
        {
          field: "amberShortfall",
          message: "The Amber threshold must allow a larger shortfall than the Green one",
        },
      ],
    };
  }
  return {
    ok: true,
    input: {
      name: d.name,
      definition: d.definition,
      unit: d.unit,
      numeratorLabel: d.numeratorLabel,
      denominatorLabel: d.denominatorLabel,
      rateBase: d.rateBase,
      populationLabel: d.populationLabel,
      source: d.source,
      ownerOrganisationId: d.ownerOrganisationId,
      frequency: d.frequency,
      polarity: d.polarity,
      kind: d.kind,
      baselinePeriod: d.baselinePeriod,
      baselineValue: d.baselineValue,
      targetValue: d.targetValue,
      targetDate: date.value || null,
      thresholds,
      partOfIndicatorId: d.partOfIndicatorId,
    },
  };
}

const numberText = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

/** A stored indicator as the form's values. */
export function indicatorFormValues(row: IndicatorRow): Record<string, unknown> {
  const t = readThresholds(row.thresholds);
  const thresholds = t.ok ? t.value : defaultThresholds(row.unit);
  return {
    ...row,
    rateBase: numberText(row.rateBase),
    ownerOrganisationId: numberText(row.ownerOrganisationId),
    partOfIndicatorId: numberText(row.partOfIndicatorId),
    baselinePeriod: row.baselinePeriodLabel ?? "",
    baselineValue: numberText(row.baselineValue),
    targetValue: numberText(row.targetValue),
    targetDate: dateParts(row.targetDate),
    thresholdMeasure: thresholds.measure,
    greenShortfall: numberText(thresholds.bands.find((b) => b.rating === "green")?.shortfall),
    amberShortfall: numberText(thresholds.bands.find((b) => b.rating === "amber")?.shortfall),
    noChangeMeasure: thresholds.noChange.measure,
    noChangeAmount: numberText(thresholds.noChange.amount),
    version: String(row.version),
  };
}

/** Values typed into the form, with the date input's three boxes kept together for re-display. */
export function withDateParts(values: FormValues, name: string): Record<string, unknown> {
  return {
    ...values,
    [name]: { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] },
  };
}

export const newIndicatorValues = (): Record<string, unknown> => {
  const t = defaultThresholds("count");
  return {
    unit: "count",
    frequency: "quarterly",
    polarity: "neither",
    kind: "contextual",
    thresholdMeasure: t.measure,
    greenShortfall: "0",
    amberShortfall: String(t.bands[1]!.shortfall),
    noChangeMeasure: t.noChange.measure,
    noChangeAmount: String(t.noChange.amount),
    targetDate: dateParts(null),
  };
};

export const observationSchema = z.object({
  period: text("Enter the period, like Q2 2024/25", 40),
  areaId: z.coerce.number({ message: "Select the area" }).int().positive("Select the area"),
  value: optionalNumber("Enter the value as a number"),
  numerator: optionalNumber("Enter the numerator as a whole number"),
  denominator: optionalNumber("Enter the denominator as a whole number"),
});

export const observationEditSchema = observationSchema
  .omit({ period: true, areaId: true })
  .extend({ version: versionField });

export const noteSchema = z.object({
  note: text("Enter what changed in the definition", TEXT_LIMITS.indicatorNote),
});

export function readNoteDate(values: FormValues): { value: string } | { error: string } {
  const date = readDate(values, "changedOn", "The date the definition changed");
  if ("error" in date) return date;
  return date.value ? date : { error: "Enter the date the definition changed" };
}

export const linksSchema = z.object({
  commitmentIds: z.array(z.coerce.number().int().positive()).default([]),
  actionIds: z.array(z.coerce.number().int().positive()).default([]),
  version: versionField,
});

export const areaSchema = z.object({
  name: text("Enter the area's name, like England", 120),
  kind: z.enum(["police_force_area", "region", "england", "other"], {
    message: "Select what kind of area it is",
  }),
});

export const templateSchema = z.object({ templateKey: text("Select a built-in indicator to switch on", 80) });

export const thresholdSchema = z.object({
  suppressionThreshold: z.coerce
    .number({ message: "Enter the threshold as a whole number, like 5" })
    .int("Enter the threshold as a whole number, like 5")
    .min(MIN_SUPPRESSION_THRESHOLD, `The threshold must be ${MIN_SUPPRESSION_THRESHOLD} or more`)
    .max(MAX_SUPPRESSION_THRESHOLD, `The threshold must be ${MAX_SUPPRESSION_THRESHOLD} or less`),
  version: versionField,
});

// The funding forms' schemas (the GOV.UK pattern: zod for shape and messages; the services check the
// rules that need the database). Amounts are typed in pounds and read as whole pence by parsePounds.
import { z } from "zod";
import { ALLOCATION_TARGET_KINDS, type AllocationTarget } from "../../../../domain/funding/allocation.ts";
import { parsePounds } from "../../../../domain/funding/money.ts";
import { FUNDING_KINDS } from "../../../../domain/funding/vocabulary.ts";
import { formatFinancialYear } from "../../../../domain/periods.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import { type FormValues, parseForm, readDate } from "../../../forms.ts";
import { serviceTypeField } from "./service-type-field.ts";

const text = (message: string, max: number) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const optionalId = z
  .union([z.literal("").transform(() => null), z.coerce.number().int().positive().max(2_147_483_647)])
  .default(null);
const year = (message: string) =>
  z.coerce.number({ message }).int(message).min(2000, message).max(2100, message);
export const versionField = z.coerce.number().int().positive().max(2_147_483_647);

const amountText = (label: string) =>
  z.string().trim().max(40, `${label} must be an amount in pounds, like £8,000`).default("");

function readPounds(label: string, s: string, ctx: z.RefinementCtx): number {
  const parsed = parsePounds(s);
  if (parsed.ok) return parsed.pence;
  ctx.addIssue({ code: "custom", message: `${label}: ${parsed.error.replace(/^Enter/, "enter")}` });
  return 0;
}

/** An amount in pounds: "£8,000.50" → 800050; blank is refused. */
export function pounds(label: string) {
  return amountText(label).transform((s, ctx) => {
    if (s !== "") return readPounds(label, s, ctx);
    ctx.addIssue({
      code: "custom",
      message: `Enter ${label.replace(/^The /, "the ").replace(/^([A-Z])/, (c) => c.toLowerCase())}`,
    });
    return 0;
  });
}

/** An amount in pounds that may be left blank (null). */
export function optionalPounds(label: string) {
  return amountText(label).transform((s, ctx) => (s === "" ? null : readPounds(label, s, ctx)));
}

/** Financial years for a select: a few back and several ahead of the current one. */
export function yearOptions(chosen: unknown, today = new Date()) {
  const now = today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  const years: number[] = [];
  for (let y = now - 5; y <= now + 5; y += 1) years.push(y);
  const pick = Number(chosen);
  if (Number.isInteger(pick) && pick >= 2000 && pick <= 2100 && !years.includes(pick)) years.push(pick);
  return years
    .sort((a, b) => a - b)
    .map((y) => ({
      value: String(y),
      text: formatFinancialYear({ startYear: y }),
      selected: String(chosen) === String(y),
    }));
}

export const streamSchema = z.object({
  name: text("Enter the stream's name", 200),
  kind: z.enum(FUNDING_KINDS.map((k) => k.value) as [string, ...string[]], {
    message: "Select the kind of funding",
  }),
  funderOrganisationId: optionalId,
  funderName: optionalText(200),
  firstYearStart: year("Select the first financial year"),
  lastYearStart: year("Select the last financial year"),
  conditions: optionalText(TEXT_LIMITS.fundingConditions),
  reportingRequirements: optionalText(TEXT_LIMITS.fundingReporting),
  decisionReference: optionalText(200),
  decisionLink: z
    .string()
    .trim()
    .max(1000, "The link must be 1000 characters or fewer")
    .default("")
    .refine(
      (s) => s === "" || /^https?:\/\/[^\s]+$/i.test(s),
      "Enter the link as a web address starting https://",
    ),
  award: optionalPounds("The amount awarded"),
});

export const STREAM_DATES = [
  { name: "awardedOn", label: "The award date" },
  { name: "startsOn", label: "The start date" },
  { name: "endsOn", label: "The end date" },
] as const;

/** Reads the dates of a form (GOV.UK date inputs), with their errors. */
export function readDates<N extends string>(
  values: FormValues,
  dates: readonly { name: N; label: string }[],
) {
  const out = {} as Record<N, string | null>;
  const errors: FieldError[] = [];
  for (const d of dates) {
    const read = readDate(values, d.name, d.label);
    if ("error" in read) errors.push({ field: d.name, message: read.error });
    else out[d.name] = read.value === "" ? null : read.value;
  }
  return { dates: out, errors };
}

export const contributionSchema = z.object({
  contributorOrganisationId: optionalId,
  contributorName: optionalText(200),
  yearStart: year("Select the financial year"),
  amount: pounds("The amount"),
  received: z.enum(["yes", "no"], { message: "Select whether the money has been received" }),
});

const TARGET_VALUES = ALLOCATION_TARGET_KINDS.map((k) => k.value) as [string, ...string[]];

export const allocationSchema = z.object({
  yearStart: year("Select the financial year"),
  targetKind: z.enum(TARGET_VALUES, { message: "Select what the money pays for" }),
  actionId: optionalId,
  commitmentId: optionalId,
  contractId: optionalId,
  projectName: optionalText(200),
  serviceType: serviceTypeField,
  amount: pounds("The amount"),
  notes: optionalText(TEXT_LIMITS.allocationNotes),
});

/** The allocation form's target, or the error on the field that should have named it. */
export function readTarget(
  data: z.infer<typeof allocationSchema>,
): { target: AllocationTarget } | { error: FieldError } {
  switch (data.targetKind) {
    case "action":
      return data.actionId
        ? { target: { kind: "action", actionId: data.actionId } }
        : { error: { field: "actionId", message: "Select the action" } };
    case "commitment":
      return data.commitmentId
        ? { target: { kind: "commitment", commitmentId: data.commitmentId } }
        : { error: { field: "commitmentId", message: "Select the commitment" } };
    case "contract":
      return data.contractId
        ? { target: { kind: "contract", contractId: data.contractId } }
        : { error: { field: "contractId", message: "Select the contract" } };
    default:
      return data.projectName
        ? { target: { kind: "project", projectName: data.projectName } }
        : { error: { field: "projectName", message: "Enter the project's name" } };
  }
}

/** The spend figures: budget, committed, actual to date, forecast outturn, explanation. */
export function spendSchema(prefix = "", withBudget = true) {
  return z.object({
    ...(withBudget ? { [`${prefix}budget`]: pounds("The budget") } : {}),
    [`${prefix}committed`]: optionalPounds("Committed"),
    [`${prefix}actual`]: optionalPounds("Actual spend to date"),
    [`${prefix}forecast`]: pounds("The forecast outturn"),
    [`${prefix}explanation`]: optionalText(TEXT_LIMITS.spendExplanation),
  });
}

export const quarterSchema = z.object({
  quarter: z.coerce
    .number({ message: "Select the quarter" })
    .int()
    .min(1, "Select the quarter")
    .max(4, "Select the quarter"),
  version: z.union([z.literal("").transform(() => null), versionField]).default(null),
});

export const settingsSchema = z.object({
  percent: z.coerce
    .number({ message: "Enter the percentage as a whole number, like 10" })
    .int("Enter the percentage as a whole number, like 10")
    .min(0, "Enter a percentage from 0 to 100")
    .max(100, "Enter a percentage from 0 to 100"),
  pence: optionalPounds("The amount"),
  version: z.union([z.literal("").transform(() => null), versionField]).default(null),
});

export { parseForm };

// The contract register's forms: the contract (dates as GOV.UK date inputs, value in pounds) and the
// editable milestone list (rows, move up / down buttons that work without JavaScript).
import { z } from "zod";
import type { ContractRow, MilestoneRow } from "../../../../data/funding/commissioning.ts";
import { parsePoundsToPence, penceForInput } from "../../../../domain/funding/commissioning-money.ts";
import { DEFAULT_REMINDER_MONTHS } from "../../../../domain/funding/contract-reminders.ts";
import { COMMISSIONING_STAGES } from "../../../../domain/funding/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { ContractInput, MilestoneInput } from "../../../../services/funding/commissioning-service.ts";
import { dateParts, type FormValues, parseForm, readDate } from "../../../forms.ts";
import { serviceTypeField } from "./service-type-field.ts";

const optionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const optionalId = (message: string) =>
  z
    .union([z.literal("").transform(() => null), z.coerce.number({ message }).int(message).positive(message)])
    .default(null);

export const contractSchema = z.object({
  service: z
    .string()
    .trim()
    .min(1, "Enter the service")
    .max(TEXT_LIMITS.contractService, `Must be ${TEXT_LIMITS.contractService} characters or fewer`),
  reference: optionalText(100),
  providerOrganisationId: optionalId("Select the provider from the list"),
  providerName: optionalText(200),
  fundingStreamId: optionalId("Select a funding stream from the list"),
  serviceType: serviceTypeField,
  stage: z.enum(COMMISSIONING_STAGES.map((s) => s.value) as [string, ...string[]], {
    message: "Select the commissioning stage",
  }),
  annualValue: z
    .string()
    .trim()
    .max(30, "Enter the value in pounds, like £120,000")
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      const pence = parsePoundsToPence(value);
      if (pence === null) {
        ctx.addIssue({
          code: "custom",
          message: "Enter the value per year in pounds, like £120,000 or £8,000.50",
        });
        return z.NEVER;
      }
      return pence;
    }),
  reminderMonths: z
    .string()
    .trim()
    .max(40, "Enter up to a few numbers of months, like 12, 6")
    .default("")
    .transform((value, ctx) => {
      if (value === "") return [...DEFAULT_REMINDER_MONTHS];
      const parts = value.split(/[\s,]+/).filter(Boolean);
      const months = parts.map(Number);
      if (parts.length > 6 || months.some((m) => !Number.isInteger(m) || m < 1 || m > 36)) {
        ctx.addIssue({
          code: "custom",
          message: "Enter whole months from 1 to 36, separated by commas, like 12, 6",
        });
        return z.NEVER;
      }
      return months;
    }),
  notes: optionalText(TEXT_LIMITS.contractNotes),
  procurement: z.enum(["yes", "no"]).optional(),
});

export const DATE_FIELDS = ["startsOn", "endsOn", "latestEndOn", "extensionDecisionDueOn"] as const;
const DATE_LABELS: Record<(typeof DATE_FIELDS)[number], string> = {
  startsOn: "The start date",
  endsOn: "The end date",
  latestEndOn: "The latest possible end",
  extensionDecisionDueOn: "The extension decision date",
};
export const CONTRACT_ANCHORS = {
  ...Object.fromEntries(DATE_FIELDS.map((f) => [f, `${f}-day`])),
  stage: "stage",
  procurement: "procurement",
};

/** The contract form → the service's input, or every problem at once. */
export function readContractForm(
  values: FormValues,
  isNew: boolean,
): { ok: true; input: ContractInput; procurement: boolean } | { ok: false; errors: FieldError[] } {
  const parsed = parseForm(contractSchema, values);
  const errors: FieldError[] = parsed.ok ? [] : [...parsed.errors];
  const dates: Record<string, string | null> = {};
  for (const field of DATE_FIELDS) {
    const result = readDate(values, field, DATE_LABELS[field]);
    if ("error" in result) errors.push({ field, message: result.error });
    else dates[field] = result.value || null;
  }
  if (isNew && parsed.ok && !parsed.data.procurement)
    errors.push({ field: "procurement", message: "Select whether the service is being procured" });
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const { annualValue, procurement, ...rest } = parsed.data;
  return {
    ok: true,
    procurement: procurement === "yes",
    input: {
      ...rest,
      annualValuePence: annualValue,
      startsOn: dates.startsOn ?? null,
      endsOn: dates.endsOn ?? null,
      latestEndOn: dates.latestEndOn ?? null,
      extensionDecisionDueOn: dates.extensionDecisionDueOn ?? null,
    },
  };
}

/** What the form's date inputs show back after a refusal: the boxes as typed. */
export function contractFormValues(values: FormValues): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...values };
  for (const f of DATE_FIELDS) {
    shown[f] = { day: values[`${f}-day`], month: values[`${f}-month`], year: values[`${f}-year`] };
  }
  return shown;
}

/** A stored contract as the form's values. */
export function contractToForm(c: ContractRow): Record<string, unknown> {
  return {
    ...c,
    providerOrganisationId: c.providerOrganisationId === null ? "" : String(c.providerOrganisationId),
    fundingStreamId: c.fundingStreamId === null ? "" : String(c.fundingStreamId),
    annualValue: penceForInput(c.annualValuePence),
    reminderMonths: c.reminderMonths.join(", "),
    ...Object.fromEntries(DATE_FIELDS.map((f) => [f, dateParts(c[f])])),
  };
}

// ── The milestone list ───────────────────────────────────────────────────────────────────────────

/** Rows the form may carry: the contract's milestones and blank rows to add, well within this. */
export const MAX_MILESTONE_ROWS = 60;
/** Blank rows offered for new milestones each time the list is shown. */
export const BLANK_MILESTONE_ROWS = 3;

export interface MilestoneFormRow {
  id: string;
  name: string;
  plannedOn: { day: string; month: string; year: string };
  actualOn: { day: string; month: string; year: string };
  remove: boolean;
}

export function milestoneRowsOf(list: MilestoneRow[]): MilestoneFormRow[] {
  return [
    ...list.map((m) => ({
      id: String(m.id),
      name: m.name,
      plannedOn: dateParts(m.plannedOn),
      actualOn: dateParts(m.actualOn),
      remove: false,
    })),
    ...Array.from({ length: BLANK_MILESTONE_ROWS }, () => ({
      id: "",
      name: "",
      plannedOn: dateParts(null),
      actualOn: dateParts(null),
      remove: false,
    })),
  ];
}

const str = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/** The rows as typed, for showing the form again. */
export function milestoneRowsTyped(values: FormValues): MilestoneFormRow[] {
  const rows: MilestoneFormRow[] = [];
  for (let i = 0; i < MAX_MILESTONE_ROWS; i++) {
    if (!(`milestone-${i}-name` in values) && !(`milestone-${i}-id` in values)) continue;
    const date = (name: string) => ({
      day: str(values[`milestone-${i}-${name}-day`]),
      month: str(values[`milestone-${i}-${name}-month`]),
      year: str(values[`milestone-${i}-${name}-year`]),
    });
    rows.push({
      id: str(values[`milestone-${i}-id`]),
      name: str(values[`milestone-${i}-name`]),
      plannedOn: date("plannedOn"),
      actualOn: date("actualOn"),
      remove: values[`milestone-${i}-remove`] === "yes",
    });
  }
  return rows;
}

/**
 * The posted list → the rows to save, in order: removed rows and blank new rows dropped, and the row a
 * "Move up" / "Move down" button named moved one place. Dates are checked per row; errors name the
 * row's field as the form numbers it.
 */
export function readMilestoneForm(values: FormValues): {
  rows: MilestoneInput[];
  errors: FieldError[];
  moved: boolean;
} {
  const errors: FieldError[] = [];
  const kept: { index: number; row: MilestoneInput }[] = [];
  for (let i = 0; i < MAX_MILESTONE_ROWS; i++) {
    const rawId = str(values[`milestone-${i}-id`]).trim();
    const name = str(values[`milestone-${i}-name`]).trim();
    if (!(`milestone-${i}-name` in values) && !rawId) continue;
    const planned = readDate(values, `milestone-${i}-plannedOn`, `Milestone ${i + 1}'s planned date`);
    const actual = readDate(values, `milestone-${i}-actualOn`, `Milestone ${i + 1}'s actual date`);
    const blankDates = "value" in planned && !planned.value && "value" in actual && !actual.value;
    if (!rawId && !name && blankDates) continue;
    if (values[`milestone-${i}-remove`] === "yes") continue;
    if (rawId && !/^\d{1,9}$/.test(rawId)) {
      errors.push({
        field: `milestone-${i}-name`,
        message: `Milestone ${i + 1} is not one of this contract's`,
      });
      continue;
    }
    if (!name) errors.push({ field: `milestone-${i}-name`, message: `Enter milestone ${i + 1}'s name` });
    else if (name.length > TEXT_LIMITS.milestoneName)
      errors.push({
        field: `milestone-${i}-name`,
        message: `Milestone ${i + 1}'s name must be ${TEXT_LIMITS.milestoneName} characters or fewer`,
      });
    if ("error" in planned) errors.push({ field: `milestone-${i}-plannedOn`, message: planned.error });
    if ("error" in actual) errors.push({ field: `milestone-${i}-actualOn`, message: actual.error });
    kept.push({
      index: i,
      row: {
        id: rawId ? Number(rawId) : null,
        name,
        plannedOn: "value" in planned && planned.value ? planned.value : null,
        actualOn: "value" in actual && actual.value ? actual.value : null,
      },
    });
  }
  const move = /^(up|down)-(\d{1,3})$/.exec(str(values.move));
  let moved = false;
  if (move) {
    const at = kept.findIndex((k) => k.index === Number(move[2]));
    const to = move[1] === "up" ? at - 1 : at + 1;
    if (at >= 0 && to >= 0 && to < kept.length) {
      [kept[at], kept[to]] = [kept[to]!, kept[at]!];
      moved = true;
    }
  }
  return { rows: kept.map((k) => k.row), errors, moved };
}

export const MILESTONE_ANCHORS = (rows: number) =>
  Object.fromEntries(
    Array.from({ length: rows }, (_, i) => [
      [`milestone-${i}-plannedOn`, `milestone-${i}-plannedOn-day`],
      [`milestone-${i}-actualOn`, `milestone-${i}-actualOn-day`],
    ]).flat(),
  ) as Record<string, string>;

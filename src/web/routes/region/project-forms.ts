// The regional project forms' schemas (zod: shape and messages) and how stored rows fill them again.
// The rules needing the database (the host is the region's, the stream the host's) are the service's.
import { z } from "zod";
import type { DeliverableRow, ProjectRow } from "../../../data/region/projects.ts";
import { PROJECT_STATUSES } from "../../../domain/region/vocabulary.ts";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { FieldError } from "../../../services/errors.ts";
import { dateParts, type FormValues, parseForm, readDate, statesIdentifiesNobody } from "../../forms.ts";

const text = (message: string, max: number) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const id = (message: string) =>
  z.coerce.number({ message }).int(message).positive(message).max(2_147_483_647, message);
export const versionField = z.coerce.number().int().positive().max(2_147_483_647);

export const projectSchema = z.object({
  name: text("Enter the project's name", TEXT_LIMITS.projectName),
  purpose: optionalText(TEXT_LIMITS.projectPurpose),
  hostPartnershipId: id("Select the partnership that hosts the project"),
  fundingStreamId: z
    .union([z.literal("").transform(() => null), id("Select a funding stream, or none")])
    .default(null),
  status: z.enum(PROJECT_STATUSES, { message: "Select the project's status" }),
});

export const deliverableSchema = z.object({
  title: text("Enter the deliverable's title", TEXT_LIMITS.deliverableTitle),
  description: optionalText(TEXT_LIMITS.deliverableDescription),
});

export const PROJECT_DATES = [
  { name: "startsOn", label: "The start date" },
  { name: "endsOn", label: "The end date" },
] as const;
export const DELIVERABLE_DATES = [{ name: "dueOn", label: "The due date" }] as const;

/** Field → element id for the error summary: a date links to its day box. */
export const dateAnchors = (dates: readonly { name: string }[]) =>
  Object.fromEntries(dates.map((d) => [d.name, `${d.name}-day`]));

function readDates<N extends string>(values: FormValues, dates: readonly { name: N; label: string }[]) {
  const out = {} as Record<N, string | null>;
  const errors: FieldError[] = [];
  for (const d of dates) {
    const read = readDate(values, d.name, d.label);
    if ("error" in read) errors.push({ field: d.name, message: read.error });
    else out[d.name] = read.value === "" ? null : read.value;
  }
  return { dates: out, errors };
}

/** A form's schema and its dates, every error at once; the input with "identifies nobody" when valid. */
export function readForm<S extends z.ZodType<Record<string, unknown>>, N extends string>(
  schema: S,
  dates: readonly { name: N; label: string }[],
  values: FormValues,
) {
  const parsed = parseForm(schema, values);
  const read = readDates(values, dates);
  const errors = [...(parsed.ok ? [] : parsed.errors), ...read.errors];
  if (!parsed.ok || errors.length > 0) return { ok: false as const, errors };
  return {
    ok: true as const,
    input: {
      ...(parsed.data as z.infer<S>),
      ...read.dates,
      identifiesNobody: statesIdentifiesNobody(values),
    },
  };
}

/** The version an edit form was opened at; a missing or broken one is an out-of-date form. */
export function readVersion(
  values: FormValues,
): { ok: true; version: number } | { ok: false; errors: FieldError[] } {
  const version = versionField.safeParse(values.version);
  return version.success
    ? { ok: true, version: version.data }
    : { ok: false, errors: [{ field: "form", message: "The form is out of date; open it again" }] };
}

function withDates(values: Record<string, unknown>, row: Record<string, unknown>, names: readonly string[]) {
  for (const name of names) {
    const parts = dateParts(row[name] as string | null);
    values[`${name}-day`] = parts.day;
    values[`${name}-month`] = parts.month;
    values[`${name}-year`] = parts.year;
  }
  return values;
}

export function projectValues(project: ProjectRow): Record<string, unknown> {
  return withDates(
    {
      name: project.name,
      purpose: project.purpose,
      hostPartnershipId: String(project.hostPartnershipId),
      fundingStreamId: project.fundingStreamId === null ? "" : String(project.fundingStreamId),
      status: project.status,
      version: String(project.version),
    },
    project,
    ["startsOn", "endsOn"],
  );
}

export function deliverableValues(deliverable: DeliverableRow): Record<string, unknown> {
  return withDates(
    {
      title: deliverable.title,
      description: deliverable.description,
      version: String(deliverable.version),
    },
    deliverable,
    ["dueOn"],
  );
}

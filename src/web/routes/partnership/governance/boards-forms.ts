import { z } from "zod";
import type { BoardTermsRow } from "../../../../data/governance/boards.ts";
import type { MeetingRow } from "../../../../data/governance/boards-meetings.ts";
import {
  ATTENDANCE_STATUSES,
  BOARD_KINDS,
  MEETING_FREQUENCIES,
  MEETING_STATUSES,
  S58_CATEGORIES,
  valuesOf,
} from "../../../../domain/governance/vocabulary.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { FieldError } from "../../../../services/errors.ts";
import type { BoardInput, SeatInput } from "../../../../services/governance/boards.ts";
import type { AttendanceInput, MeetingInput } from "../../../../services/governance/boards-meetings.ts";
import {
  asArray,
  dateParts,
  type FormValues,
  parseForm,
  readDate,
  refusedFieldErrors,
} from "../../../forms.ts";

// The forms of boards, seats and meetings: zod for the shape and messages, the GOV.UK date inputs
// read beside it. Business rules (a parent in the partnership, no loop) are the service's.

const text = (message: string, max: number) =>
  z.string().trim().min(1, message).max(max, `Must be ${max} characters or fewer`);
const optionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const optionalId = (message: string) =>
  z
    .union([z.literal("").transform(() => null), z.coerce.number({ message }).int().positive(message)])
    .default(null);
export const version = z.coerce.number().int().positive();

export const boardSchema = z.object({
  name: text("Enter the board's name", 200),
  description: optionalText(TEXT_LIMITS.boardDescription),
  parentBoardId: optionalId("Select a board from the list"),
  kind: z.enum(valuesOf(BOARD_KINDS), { message: "Select what kind of board it is" }),
  purpose: optionalText(TEXT_LIMITS.boardPurpose),
  chair: optionalText(200),
  quorum: z
    .union([
      z.literal("").transform(() => null),
      z.coerce
        .number({ message: "Enter the quorum as a whole number, like 5" })
        .int("Enter the quorum as a whole number, like 5")
        .min(1, "The quorum must be at least 1")
        .max(200, "The quorum must be 200 or fewer"),
    ])
    .default(null),
  meetingFrequency: z.enum(valuesOf(MEETING_FREQUENCIES), { message: "Select how often the board meets" }),
  packLeadDays: z.coerce
    .number({ message: "Enter the days as a whole number, like 7" })
    .int("Enter the days as a whole number, like 7")
    .min(0, "Enter 0 days or more")
    .max(60, "Enter 60 days or fewer"),
});

export const BOARD_ANCHORS = { reviewOn: "reviewOn-day" };

/** The board form → the service's input, or every error at once. */
export function readBoardForm(
  values: FormValues,
): { ok: true; data: BoardInput } | { ok: false; errors: FieldError[] } {
  const parsed = parseForm(boardSchema, values);
  const review = readDate(values, "reviewOn", "The review date");
  const errors = [...(parsed.ok ? [] : parsed.errors)];
  if ("error" in review) errors.push({ field: "reviewOn", message: review.error });
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    data: { ...parsed.data, reviewOn: "value" in review && review.value ? review.value : null },
  };
}

/** A stored board and its terms as the form shows them. */
export function boardFormValues(
  board: { name: string; description: string; parentBoardId: number | null; version: number },
  terms: BoardTermsRow,
) {
  return {
    name: board.name,
    description: board.description,
    parentBoardId: board.parentBoardId === null ? "" : String(board.parentBoardId),
    kind: terms.kind,
    purpose: terms.purpose,
    chair: terms.chair,
    quorum: terms.quorum === null ? "" : String(terms.quorum),
    meetingFrequency: terms.meetingFrequency,
    packLeadDays: String(terms.packLeadDays),
    reviewOn: dateParts(terms.reviewOn),
    version: String(board.version),
    termsVersion: String(terms.version),
  };
}

/** The date inputs' values as the template shows them again: {day, month, year}. */
export function shownDate(values: FormValues, field: string) {
  return {
    day: values[`${field}-day`] ?? "",
    month: values[`${field}-month`] ?? "",
    year: values[`${field}-year`] ?? "",
  };
}

export const seatSchema = z.object({
  title: text("Enter what the seat is, like Police or Chair", 200),
  organisationId: optionalId("Select an organisation from the list"),
  holderUserId: optionalId("Select a person from the list"),
  holderName: optionalText(200),
  holderRole: optionalText(200),
  deputyUserId: optionalId("Select a person from the list"),
  deputyName: optionalText(200),
  categories: z
    .array(z.enum(valuesOf(S58_CATEGORIES), { message: "Select categories from the list" }))
    .max(20),
  voting: z
    .enum(["yes", "no"], { message: "Select whether the seat has a vote" })
    .transform((v) => v === "yes"),
});

export const SEAT_ANCHORS = { categories: "categories", voting: "voting" };

export function readSeatForm(
  values: FormValues,
): { ok: true; data: SeatInput } | { ok: false; errors: FieldError[] } {
  const parsed = parseForm(seatSchema, { ...values, categories: asArray(values.categories) });
  if (!parsed.ok) return parsed;
  const data = parsed.data;
  // A Waymark member in the seat is named by their account; a typed name is for someone who never signs in.
  return {
    ok: true,
    data: {
      ...data,
      holderName: data.holderUserId === null ? data.holderName : "",
      deputyName: data.deputyUserId === null ? data.deputyName : "",
    },
  };
}

const time = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx) => {
    if (value === "") return null;
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(value);
    const hours = Number(m?.[1]);
    const minutes = Number(m?.[2]);
    if (!m || hours > 23 || minutes > 59) {
      ctx.addIssue({ code: "custom", message: "Enter a time like 14:00" });
      return z.NEVER;
    }
    return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
  });

export const meetingSchema = z.object({
  startsAt: time,
  endsAt: time,
  location: optionalText(500),
  onlineLink: z
    .string()
    .trim()
    .max(2000, "Must be 2000 characters or fewer")
    .default("")
    .refine((v) => v === "" || /^https:\/\/[^\s]+$/.test(v), "Enter the link starting https://"),
  status: z.enum(valuesOf(MEETING_STATUSES), { message: "Select the meeting's status" }).default("planned"),
});

export const MEETING_ANCHORS = { meetsOn: "meetsOn-day", packDueOn: "packDueOn-day", status: "status" };

export function readMeetingForm(
  values: FormValues,
): { ok: true; data: MeetingInput } | { ok: false; errors: FieldError[] } {
  const parsed = parseForm(meetingSchema, values);
  const errors: FieldError[] = [];
  const meets = readDate(values, "meetsOn", "The meeting date");
  if ("error" in meets) errors.push({ field: "meetsOn", message: meets.error });
  else if (!meets.value) errors.push({ field: "meetsOn", message: "Enter the meeting date" });
  const due = readDate(values, "packDueOn", "The pack due date");
  if ("error" in due) errors.push({ field: "packDueOn", message: due.error });
  const meetsOn = "value" in meets ? meets.value : "";
  const packDueOn = "value" in due && due.value ? due.value : null;
  if (packDueOn && meetsOn && packDueOn > meetsOn)
    errors.push({ field: "packDueOn", message: "The pack must be due on or before the meeting date" });
  if (!parsed.ok) errors.unshift(...parsed.errors);
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  return { ok: true, data: { ...parsed.data, meetsOn, packDueOn } };
}

export function meetingFormValues(m: MeetingRow) {
  return {
    meetsOn: dateParts(m.meetsOn),
    packDueOn: dateParts(m.packDueOn),
    startsAt: m.startsAt ?? "",
    endsAt: m.endsAt ?? "",
    location: m.location,
    onlineLink: m.onlineLink,
    status: m.status,
    version: String(m.version),
  };
}

const ATTENDANCE_VALUES = new Set<string>(ATTENDANCE_STATUSES.map((s) => s.value));

/** The attendance form: `status-<seatId>` radios and `attendee-<seatId>` names, for the board's seats. */
export function readAttendanceForm(
  values: FormValues,
  seatIds: readonly number[],
): { ok: true; data: AttendanceInput[] } | { ok: false; errors: FieldError[] } {
  // Characters Waymark cannot store are refused first, as parseForm does for the other forms.
  const errors: FieldError[] = refusedFieldErrors(values);
  const data: AttendanceInput[] = seatIds.map((seatId) => {
    const raw = String(values[`status-${seatId}`] ?? "");
    const attendeeName = String(values[`attendee-${seatId}`] ?? "").trim();
    if (raw !== "" && !ATTENDANCE_VALUES.has(raw))
      errors.push({ field: `status-${seatId}`, message: "Select how the seat was attended" });
    if (attendeeName.length > 200)
      errors.push({ field: `attendee-${seatId}`, message: "Must be 200 characters or fewer" });
    return {
      seatId,
      status: raw === "" || !ATTENDANCE_VALUES.has(raw) ? undefined : (raw as AttendanceInput["status"]),
      attendeeName,
    };
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, data };
}

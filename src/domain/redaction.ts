// Redaction: a passage (the exact words a coordinator picks) replaced by "[redacted]" wherever a
// copy of it is kept. Pure: the service finds the copies, these functions rewrite them.

import { TEXT_LIMITS } from "./text-limits.ts";

export const REDACTED = "[redacted]";

/** Longest passage accepted: a redaction removes a passage, not a whole record. */
export const PASSAGE_MAX = TEXT_LIMITS.redactionPassage;

/** The text with every occurrence of the passage replaced, and how many there were. */
export function redactText(text: string, passage: string): { text: string; count: number } {
  if (passage === "" || !text.includes(passage)) return { text, count: 0 };
  const parts = text.split(passage);
  return { text: parts.join(REDACTED), count: parts.length - 1 };
}

/**
 * A JSON value (an audit entry's before or after) with the passage replaced in every string at any
 * depth — object keys too, since a record's copy could be keyed by its text — and how many there were.
 */
export function redactJson(value: unknown, passage: string): { value: unknown; count: number } {
  let count = 0;
  const visit = (v: unknown): unknown => {
    if (typeof v === "string") {
      const r = redactText(v, passage);
      count += r.count;
      return r.text;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(v)) out[visit(key) as string] = visit(inner);
      return out;
    }
    return v;
  };
  const result = visit(value);
  return { value: count > 0 ? result : value, count };
}

/** The passage as it is stored in JSON text (quotes, back-slashes and control characters escaped). */
export function jsonEscaped(passage: string): string {
  return JSON.stringify(passage).slice(1, -1);
}

export interface PassageProblem {
  field: "passage" | "reason";
  message: string;
}

/**
 * What is wrong with a request to redact `passage` from `held` (the field's current text) for
 * `reason`, or null. The reason is kept for ever, so it must not repeat the passage.
 */
export function passageProblems(held: string, passage: string, reason: string): PassageProblem[] {
  const problems: PassageProblem[] = [];
  if (passage.trim() === "") {
    problems.push({ field: "passage", message: "Enter the passage to remove, exactly as it is written" });
  } else if (passage.length > PASSAGE_MAX) {
    problems.push({ field: "passage", message: `The passage must be ${PASSAGE_MAX} characters or fewer` });
  } else if (passage.includes(REDACTED)) {
    problems.push({ field: "passage", message: `The passage must not include ${REDACTED}` });
  } else if (!held.includes(passage)) {
    problems.push({
      field: "passage",
      message: "The passage is not in the field you chose: copy it exactly, including punctuation",
    });
  }
  if (reason.trim() === "") {
    problems.push({ field: "reason", message: "Enter why the passage must be removed" });
  } else if (passage.trim() !== "" && reason.includes(passage.trim())) {
    problems.push({
      field: "reason",
      message: "The reason must not repeat the passage: say what kind of detail it is",
    });
  }
  return problems;
}

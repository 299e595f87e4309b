// Characters Waymark refuses to store, wherever text comes from (forms, addresses, the API, imported
// files). PostgreSQL refuses U+0000 outright (an error, which used to surface as a server error).
// A lone UTF-16 surrogate ("\uD800") cannot be encoded in UTF-8 at all: the driver would silently
// store U+FFFD instead, so the text saved would not be the text sent. The other C0 control codes
// (all but tab, line feed and carriage return) and U+FFFE/U+FFFF are not allowed in XML 1.0, so text
// holding them would break the Word and Excel files the board pack is made of; nobody types them,
// they arrive by pasting from other systems. DEL and the C1 controls are valid in both, so are kept.

const REFUSED_SOURCE =
  "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]" + // C0 controls but tab, LF, CR; XML's non-characters
  "|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]"; // lone surrogates
const REFUSED = new RegExp(REFUSED_SOURCE);
const REFUSED_ALL = new RegExp(REFUSED.source, "g");

/** True when the text holds a character Waymark cannot store. */
export function hasRefusedCharacters(text: string): boolean {
  return REFUSED.test(text);
}

/** The text without the characters Waymark cannot store (for showing it back, or importing a cell). */
export function withoutRefusedCharacters(text: string): string {
  return text.replace(REFUSED_ALL, "");
}

/**
 * Where a value holds refused characters: the paths ("name", "milestones.0.text") of every string
 * inside it (objects and arrays are walked; other values are ignored).
 */
export function refusedPaths(value: unknown, path = "", found: string[] = []): string[] {
  if (typeof value === "string") {
    if (hasRefusedCharacters(value)) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) refusedPaths(item, path ? `${path}.${i}` : String(i), found);
  } else if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !ArrayBuffer.isView(value) // an uploaded file's bytes: its text is checked when it is read
  ) {
    for (const [key, item] of Object.entries(value)) {
      if (hasRefusedCharacters(key)) found.push(path ? `${path}.${key}` : key);
      refusedPaths(item, path ? `${path}.${key}` : key, found);
    }
  }
  return found;
}

/** Fields whose name alone does not say what a person filled in. */
const LABELS: Record<string, string> = {
  what: "What we will do",
  how: "How we will do it",
  text: "The text",
  toNote: "What to note",
  csv: "The figures",
  file: "The file name",
  comment: "The comment",
  reason: "The reason",
  note: "The note",
  value: "The value",
};

/** "performanceTarget" / "startsOn-day" / "evidenceLinks" → "Performance target" / "Starts on" / … */
export function fieldLabel(field: string): string {
  const known = LABELS[field];
  if (known) return known;
  const words = field
    .replace(/^milestone-\d+-/, "milestone ")
    .replace(/-(day|month|year)$/, "")
    .replace(/Ids?$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .trim()
    .toLowerCase();
  if (!words) return "The text";
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The message a person sees for a field that held refused characters. */
export function refusedCharactersMessage(field: string): string {
  return `${fieldLabel(field)} must not contain hidden or control characters – they have been removed, check it and submit again`;
}

import { normaliseText } from "../domain/text-match.ts";
import { columnLetter, FileProblem, type TableRow } from "./read-table.ts";

// Column headings as councils write them, matched case-insensitively and ignoring punctuation:
// "Who will lead", "Lead", "Lead organisation(s)", "Lead agency" all mean the lead column. Also the
// small parsers every importer needs: lead lists, numbered texts ("1.4 Train…"), dates.

export type ColumnKey =
  | "priority"
  | "commitment"
  | "number"
  | "what"
  | "how"
  | "lead"
  | "target"
  | "due"
  | "outcome";

/** Our own wording of each column, used in messages when the file's heading is not known. */
export const COLUMN_NAMES: Record<ColumnKey, string> = {
  priority: "Priority",
  commitment: "Commitment",
  number: "Number",
  what: "What we will do",
  how: "How we will do it",
  lead: "Who will lead",
  target: "Performance target",
  due: "Due date",
  outcome: "Outcome",
};

const ALIASES: Record<ColumnKey, string[]> = {
  priority: [
    "priority",
    "priorities",
    "strategic priority",
    "strategic priorities",
    "theme",
    "strategic theme",
  ],
  commitment: [
    "commitment",
    "commitments",
    "strategic commitment",
    "strategic commitments",
    "recommendation",
    "recommendations",
    "objective",
  ],
  number: ["number", "no", "no.", "num", "ref", "ref.", "reference", "#"],
  what: ["what we will do", "what will we do", "what", "action", "actions", "action to be taken"],
  how: ["how we will do it", "how will we do it", "how", "how we will do this"],
  lead: [
    "who will lead",
    "lead",
    "leads",
    "lead organisation",
    "lead organisations",
    "lead organisation(s)",
    "lead agency",
    "lead agencies",
    "lead partner",
    "lead partners",
    "responsible organisation",
  ],
  target: [
    "performance target",
    "performance targets",
    "target",
    "targets",
    "measure",
    "measures",
    "performance measure",
  ],
  due: ["due", "due date", "by when", "deadline", "target date", "completion date", "date due"],
  outcome: ["outcome", "outcomes", "priority outcome"],
};

const ALIAS_INDEX = new Map<string, ColumnKey>(
  (Object.entries(ALIASES) as [ColumnKey, string[]][]).flatMap(([key, names]) =>
    names.map((n) => [normaliseText(n) || n, key] as [string, ColumnKey]),
  ),
);

/** Looser rules for headings no alias covers, tried in this order. */
const KEYWORDS: [RegExp, ColumnKey][] = [
  [/\b(due|deadline|by when)\b/, "due"],
  [/\b(lead|leads|who)\b/, "lead"],
  [/\b(target|targets|measure|measures|kpi)\b/, "target"],
  [/^how\b/, "how"],
  [/^what\b|\bactions?\b/, "what"],
  [/\b(commitment|recommendation)s?\b/, "commitment"],
  [/\bpriorit/, "priority"],
  [/\boutcomes?\b/, "outcome"],
];

/** Which column a heading names, or null for a heading we do not read (e.g. "RAG rating"). */
export function columnFor(heading: string): ColumnKey | null {
  const plain = normaliseText(heading.replace(/\(s\)/gi, "s"));
  if (!plain && heading.trim() === "#") return "number";
  if (!plain) return null;
  const exact = ALIAS_INDEX.get(plain) ?? ALIAS_INDEX.get(normaliseText(heading));
  if (exact) return exact;
  if (/\blead (officer|contact|person)\b/.test(plain)) return null; // names a person; never imported
  for (const [pattern, key] of KEYWORDS) if (pattern.test(plain)) return key;
  return null;
}

export interface HeaderMap {
  /** The spreadsheet row the headings are on. */
  rowNumber: number;
  /** Column key → its index in a row's cells. */
  index: Partial<Record<ColumnKey, number>>;
  /** Column key → the heading as the file writes it, for messages ("Row 7, Lead agency: …"). */
  label: Partial<Record<ColumnKey, string>>;
  /** Headings we do not read, as written (shown so nobody wonders where a column went). */
  ignored: string[];
}

export interface HeaderRequirement {
  /** Each inner list is satisfied by any one of its columns. */
  required: ColumnKey[][];
  /** What to tell people the file should look like. */
  expected: string;
}

export type ExtraAliases = Partial<Record<ColumnKey, string[]>>;

function mapHeadings(row: TableRow, extra: ExtraAliases): HeaderMap {
  const map: HeaderMap = { rowNumber: row.rowNumber, index: {}, label: {}, ignored: [] };
  const extraKey = (heading: string) =>
    (Object.entries(extra) as [ColumnKey, string[]][]).find(([, names]) =>
      names.some((n) => normaliseText(n) !== "" && normaliseText(n) === normaliseText(heading)),
    )?.[0];
  row.cells.forEach((cell, i) => {
    const heading = cell.trim();
    if (!heading) return;
    const key = extraKey(heading) ?? columnFor(heading);
    if (key && map.index[key] === undefined) {
      map.index[key] = i;
      map.label[key] = heading.replace(/\s+/g, " ");
    } else {
      map.ignored.push(`${heading.replace(/\s+/g, " ")} (column ${columnLetter(i)})`);
    }
  });
  return map;
}

const satisfies = (map: HeaderMap, requirement: HeaderRequirement) =>
  requirement.required.every((any) => any.some((k) => map.index[k] !== undefined));

/**
 * Finds the heading row among the first rows (a title, notes or a blank row may come first). `extra`
 * adds the partnership's own words (a strategy that calls its items "Promises"). Throws a
 * FileProblem naming what was expected and what the first row holds when no row fits.
 */
export function findHeader(
  rows: TableRow[],
  requirement: HeaderRequirement,
  scan = 30,
  extra: ExtraAliases = {},
): HeaderMap {
  // A title above the table ("Strategy review: recommendations") can read as one heading; a row
  // naming two or more columns is the heading row when there is one.
  let single: HeaderMap | undefined;
  for (const row of rows.slice(0, scan)) {
    const map = mapHeadings(row, extra);
    if (!satisfies(map, requirement)) continue;
    if (Object.keys(map.index).length >= 2) return map;
    single ??= map;
  }
  if (single) return single;
  const first = rows[0]?.cells
    .filter((c) => c.trim())
    .map((c) => `"${c.trim().replace(/\s+/g, " ").slice(0, 40)}"`);
  throw new FileProblem(
    `The file does not have the column headings Waymark needs. Its first row must name the columns: ` +
      `${requirement.expected}. The first row of this file holds ${first?.length ? first.join(", ") : "nothing"}`,
  );
}

/** The cell of a column in a row, trimmed; "" when the file has no such column. */
export function cellOf(row: TableRow, map: HeaderMap, key: ColumnKey): string {
  const i = map.index[key];
  return i === undefined ? "" : (row.cells[i] ?? "").trim();
}

/** The heading to name in a message about a column: the file's own, else ours. */
export function labelOf(map: HeaderMap, key: ColumnKey): string {
  return map.label[key] ?? COLUMN_NAMES[key];
}

/** Between organisations on one line. */
const SEPARATORS = /\s*(?:\/|,|;|&|\+|\s+and\s+)\s*/i;
/** Between organisations when the cell has one per line (as Waymark's exports write them). */
const LINE_SEPARATORS = /\s*(?:\n|\/|;)\s*/;
/** Words of public bodies that contain "and" or "&", kept whole when splitting a line on them. */
const PHRASES = [
  /police\s+(?:and|&)\s+crime/gi,
  /health\s+(?:and|&)\s+(?:wellbeing|social\s+care|care)/gi,
  /children\s+(?:and|&)\s+(?:families|young\s+people)/gi,
  /(?:adults|people)\s+(?:and|&)\s+(?:health|communities)/gi,
];
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Lead organisations in one cell, trimmed and de-duplicated (ignoring case and punctuation). A cell
 * with several lines has one organisation per line ("/" and ";" also separate). A single line is
 * split on "/", ",", ";", "&", "+" and " and ", except inside the names of known organisations that
 * contain them ("Ashvale and Marston Hospitals NHS Foundation Trust") and common phrases of public
 * bodies ("Police and Crime Commissioner", "Health and Wellbeing Board").
 */
export function splitLeads(cell: string, knownNames: readonly string[] = []): string[] {
  let text = cell.replace(/\r\n?/g, "\n").trim();
  const multiline = text.includes("\n");
  const kept: string[] = [];
  const keep = (whole: string) => {
    kept.push(whole);
    return `\uE000${kept.length - 1}\uE001`;
  };
  if (!multiline) {
    const protect = knownNames.filter((n) => SEPARATORS.test(n)).sort((a, b) => b.length - a.length);
    for (const name of protect) {
      const pattern = new RegExp(
        `(^|[\\s/,;&+])${escapeRegExp(name.trim()).replace(/\s+/g, "\\s+")}(?=$|[\\s/,;&+.])`,
        "gi",
      );
      text = text.replace(pattern, (_match, before: string) => `${before}${keep(name.trim())}`);
    }
    for (const phrase of PHRASES) text = text.replace(phrase, (match) => keep(match));
  }
  const seen = new Set<string>();
  const leads: string[] = [];
  for (const part of text.split(multiline ? LINE_SEPARATORS : SEPARATORS)) {
    let restored = part;
    while (/\uE000\d+\uE001/.test(restored)) {
      restored = restored.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => kept[Number(i)] ?? "");
    }
    restored = restored
      .replace(/^[\s•*·–-]+/, "")
      .replace(/[\s.]+$/, "")
      .replace(/\s+/g, " ");
    const key = normaliseText(restored);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    leads.push(restored);
  }
  return leads;
}

export interface Numbered {
  /** "1.4", "3", or null when the text has no number in front. */
  number: string | null;
  text: string;
}

/** "1.4 Train staff", "1.4. Train staff", "Commitment 1.4: Train staff", "1.4" → number and text. */
export function splitNumbered(cell: string): Numbered {
  const trimmed = cell.trim();
  const match =
    /^(?:(?:commitment|recommendation|rec|no|number|ref)\.?\s*)?(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)(?:[.):\-–—]+)?(?:\s+([\s\S]*))?$/i.exec(
      trimmed,
    );
  if (!match?.[1]) return { number: null, text: trimmed };
  return { number: match[1].toLowerCase(), text: (match[2] ?? "").trim() };
}

export interface PriorityHeading {
  number: string | null;
  title: string;
  outcome: string;
}

/**
 * A group heading row of the councils' tables: "Priority 1: Culture change", optionally followed (same
 * cell or next cell) by "Outcome: …". Null when the text is not such a heading.
 */
export function parsePriorityHeading(text: string): PriorityHeading | null {
  const match = /^\s*(?:strategic\s+)?priority\s+(\d{1,3}|[ivx]{1,5}|[a-z])\b\s*[:.\-–—]?\s*([\s\S]*)$/i.exec(
    text,
  );
  if (!match?.[1]) return null;
  const rest = match[2] ?? "";
  const [titlePart = "", ...outcomeParts] = rest.split(/(?:^|\n|\s[-–—]\s|\s)\s*outcomes?\s*:\s*/i);
  return {
    number: match[1].toLowerCase(),
    title: titlePart.replace(/\s+/g, " ").trim(),
    outcome: outcomeParts.join(" ").replace(/\s+/g, " ").trim(),
  };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function validIso(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/** "2025-12-31", "31/12/2025", "31-12-25", "31 December 2025", "31 Dec 2025" → ISO; null if not a date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return validIso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(t);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return validIso(year, Number(m[2]), Number(m[1]));
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?\s+(\d{4})$/.exec(t);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    return month === -1 ? null : validIso(Number(m[3]), month + 1, Number(m[1]));
  }
  return null;
}

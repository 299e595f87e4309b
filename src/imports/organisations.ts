import { bestMatch, diceCoefficient, normaliseText } from "../domain/text-match.ts";

// The leads an action plan names, resolved against the partnership's organisations: an exact name
// is that organisation; anything else is offered as a new organisation with, where one is close, the
// existing organisation it probably is ("Police" → "Marbridge Police", "OPCC" → "Office of the
// Police and Crime Commissioner for …"), preselected on the preview so the coordinator confirms it.
//
// "All partners" (and "All agencies", "All DASG members"…) is not an organisation. It means every
// partner shares the action, so it stands for every organisation of the partnership when the import
// is written, including those the same file adds. We chose this over "the coordinating organisation"
// because Waymark has no such role, and because it keeps the plan's meaning: every partner's editors
// can then report on the action. The preview says so.

export interface OrganisationSnapshot {
  id: number;
  name: string;
}

export type LeadRef =
  | { kind: "existing"; id: number; name: string }
  | { kind: "new"; key: string; name: string }
  /** Every organisation of the partnership, as at the import. */
  | { kind: "all"; name: string };

export interface NewOrganisation {
  /** Normalised name: how rows refer to it, and the form field's key. */
  key: string;
  name: string;
  rows: number[];
  /** An existing organisation it may be the same as, preselected in the preview when close. */
  suggestion: { id: number; name: string; score: number } | null;
}

/** More than any partnership has; each would need its own choice on the preview page. */
export const MAX_NEW_ORGANISATIONS = 200;

const ALL_PARTNERS =
  /^all(?:\s+(?:the\s+)?(?:partners?|partner\s+(?:agencies|organisations)|agencies|organisations|(?:dasg|steering\s+group)\s+members|members))?$/i;

/** Whether a lead means every partner ("All partners", "All agencies", "All"). */
export function meansAllPartners(name: string): boolean {
  return ALL_PARTNERS.test(name.trim().replace(/\s+/g, " "));
}

const MINOR_WORDS = new Set(["of", "the", "for", "and", "in", "on"]);
/** "Office of the Police and Crime Commissioner for Cleveland" → "OPCCC". */
const initials = (name: string) =>
  normaliseText(name)
    .split(" ")
    .filter((w) => w && !MINOR_WORDS.has(w))
    .map((w) => w[0]!.toUpperCase())
    .join("");

export class Organisations {
  readonly added = new Map<string, NewOrganisation>();
  /** Set when the file names more new organisations than MAX_NEW_ORGANISATIONS. */
  refused = false;
  /** Rows whose leads include "All partners". */
  readonly allPartnersRows: number[] = [];
  private readonly byName: Map<string, OrganisationSnapshot>;
  constructor(readonly existing: OrganisationSnapshot[]) {
    this.byName = new Map(existing.map((o) => [normaliseText(o.name), o]));
  }

  resolve(row: number, name: string): LeadRef {
    const key = normaliseText(name);
    const found = this.byName.get(key);
    if (found) return { kind: "existing", id: found.id, name: found.name };
    if (meansAllPartners(name)) {
      if (!this.allPartnersRows.includes(row)) this.allPartnersRows.push(row);
      return { kind: "all", name };
    }
    const known = this.added.get(key);
    if (known) {
      if (!known.rows.includes(row)) known.rows.push(row);
      return { kind: "new", key, name: known.name };
    }
    if (this.added.size >= MAX_NEW_ORGANISATIONS) {
      this.refused = true;
      return { kind: "new", key, name };
    }
    this.added.set(key, { key, name, rows: [row], suggestion: this.suggest(name) });
    return { kind: "new", key, name };
  }

  /**
   * An abbreviation of exactly one organisation's initials ("OPCC", "ICB"); else the one organisation
   * whose words contain the name's or are contained in it ("Police" and "Marbridge Police"), the
   * fewest-worded when several do; else a close spelling.
   */
  private suggest(name: string): NewOrganisation["suggestion"] {
    const suggestion = (o: OrganisationSnapshot) => ({
      id: o.id,
      name: o.name,
      score: diceCoefficient(name, o.name),
    });
    const trimmed = name.trim();
    if (/^[A-Z]{2,8}$/.test(trimmed)) {
      const abbreviated = this.existing.filter((o) => initials(o.name).includes(trimmed));
      if (abbreviated.length === 1) return suggestion(abbreviated[0]!);
    }
    const words = new Set(normaliseText(name).split(" "));
    const containing = this.existing
      .map((o) => ({ o, theirs: normaliseText(o.name).split(" ") }))
      .filter(
        ({ theirs }) => theirs.every((w) => words.has(w)) || [...words].every((w) => theirs.includes(w)),
      )
      .sort((a, b) => a.theirs.length - b.theirs.length);
    if (
      containing.length === 1 ||
      (containing.length > 1 && containing[0]!.theirs.length < containing[1]!.theirs.length)
    ) {
      return suggestion(containing[0]!.o);
    }
    const best = bestMatch(name, this.existing, (o) => o.name);
    return best && best.score >= 0.6 ? suggestion(best.item) : null;
  }
}

// Text already held: every stored passage people wrote that trips the personal-data guard, named by
// record, field and kind with a masked excerpt, never the passage itself.

import { auditTexts, definitionNotes, overrideReasons, updateTexts } from "../../data/privacy-scan.ts";
import type { Db } from "../../db/database.ts";
import { kindsOf, maskExcerpt, type PersonalDataKind } from "../../domain/privacy/index.ts";
import { checkFreeText, type FreeTextFields, updateFreeText } from "./guard.ts";

export interface StoredFinding {
  /** The partnership's slug. */
  partnership: string;
  /** What holds the text, e.g. "update 12 (Q3 2025/26, submitted)". */
  record: string;
  /** The record's type and id, for the redaction that follows. */
  entityType: "update" | "rating_override" | "indicator_definition_note" | "audit_log";
  entityId: number;
  field: string;
  kinds: PersonalDataKind[];
  /** The first finding, masked ("J••• S••••"), so the passage can be found without being repeated. */
  excerpt: string;
}

/** The fields people write, as an audit entry's before or after value holds them. */
const WRITTEN_FIELDS = ["narrative", "remedy", "toNote", "evidenceLinks", "reviewComment", "reason", "note"];

function writtenFieldsOf(value: unknown): FreeTextFields {
  if (!value || typeof value !== "object") return {};
  const fields: FreeTextFields = {};
  for (const name of WRITTEN_FIELDS) {
    const field = (value as Record<string, unknown>)[name];
    if (typeof field === "string") fields[name] = field;
    else if (Array.isArray(field)) fields[name] = field.filter((v): v is string => typeof v === "string");
  }
  return fields;
}

export function createPrivacyService(db: Db) {
  return {
    /**
     * Four queries, however many records: updates, override reasons, definition notes, and the audit
     * entries that copy them (a passage removed from a record stays in its audit entries until redacted).
     */
    async scan(partnershipId: number | null): Promise<StoredFinding[]> {
      const found: StoredFinding[] = [];
      const add = (
        base: Omit<StoredFinding, "field" | "kinds" | "excerpt">,
        fields: FreeTextFields,
      ): void => {
        for (const { field, findings } of checkFreeText(fields)) {
          found.push({
            ...base,
            field,
            kinds: kindsOf(findings),
            excerpt: maskExcerpt(findings[0]?.excerpt ?? ""),
          });
        }
      };
      for (const u of await updateTexts(db, partnershipId)) {
        add(
          {
            partnership: u.partnership,
            record: `update ${u.id} (${u.round}, ${u.status})`,
            entityType: "update",
            entityId: u.id,
          },
          { ...updateFreeText(u), reviewComment: u.reviewComment },
        );
      }
      for (const o of await overrideReasons(db, partnershipId)) {
        add(
          {
            partnership: o.partnership,
            record: `rating override ${o.id} (commitment ${o.commitment})`,
            entityType: "rating_override",
            entityId: o.id,
          },
          { reason: o.reason },
        );
      }
      for (const n of await definitionNotes(db, partnershipId)) {
        add(
          {
            partnership: n.partnership,
            record: `definition note ${n.id} (${n.indicator})`,
            entityType: "indicator_definition_note",
            entityId: n.id,
          },
          { note: n.note },
        );
      }
      for (const a of await auditTexts(db, partnershipId)) {
        for (const [side, value] of [
          ["before", a.before],
          ["after", a.after],
        ] as const) {
          add(
            {
              partnership: a.partnership,
              record: `audit entry ${a.id} (${a.action} of ${a.entityType} ${a.entityId ?? "?"}, ${side})`,
              entityType: "audit_log",
              entityId: a.id,
            },
            writtenFieldsOf(value),
          );
        }
      }
      return found;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

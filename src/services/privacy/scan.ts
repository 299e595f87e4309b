// Text already held: every stored passage people wrote that trips the personal-data guard, named by
// record, field and kind with a masked excerpt, never the passage itself.

import { definitionNotes, overrideReasons, updateTexts } from "../../data/privacy-scan.ts";
import type { Db } from "../../db/database.ts";
import { kindsOf, maskExcerpt, type PersonalDataKind } from "../../domain/privacy/index.ts";
import { checkFreeText, type FreeTextFields, updateFreeText } from "./guard.ts";

export interface StoredFinding {
  /** The partnership's slug. */
  partnership: string;
  /** What holds the text, e.g. "update 12 (Q3 2025/26, submitted)". */
  record: string;
  /** The record's type and id, for the redaction that follows. */
  entityType: "update" | "rating_override" | "indicator_definition_note";
  entityId: number;
  field: string;
  kinds: PersonalDataKind[];
  /** The first finding, masked ("J••• S••••"), so the passage can be found without being repeated. */
  excerpt: string;
}

export function createPrivacyService(db: Db) {
  return {
    /** Three queries, however many records: updates, override reasons, definition notes. */
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
      return found;
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;

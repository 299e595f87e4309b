// The public site (issue 17): whether a partnership's public pages are on, and the coordinator's
// approvals for publication. An approval stores the hash of exactly what the public would see of the
// item (services/publication/public-content.ts); when the item changes its hash no longer matches and
// it is unapproved, whatever path changed it. Approvals are never edited, only replaced or withdrawn,
// and each is audited with who approved what and when.
import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { partnerships, users } from "./schema.ts";

/** One row per partnership that has ever switched public pages on; none means off. */
export const publicSites = pgTable("public_sites", {
  partnershipId: integer()
    .primaryKey()
    .references(() => partnerships.id),
  enabled: boolean().notNull().default(false),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  version: integer().notNull().default(1),
});

/** A section (item id 0) or an item approved for publication, with the hash of what was approved. */
export const publicationApprovals = pgTable(
  "publication_approvals",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    partnershipId: integer()
      .notNull()
      .references(() => partnerships.id),
    /** domain/public-site.ts PUBLIC_SECTIONS or PUBLIC_ITEM_KINDS. */
    kind: text().notNull(),
    itemId: integer().notNull(),
    contentHash: text().notNull(),
    approvedByUserId: integer().references(() => users.id),
    approvedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("publication_approvals_item").on(t.partnershipId, t.kind, t.itemId)],
);

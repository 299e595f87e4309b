// Two-factor sign-in (issue 17): a person's authenticator secret and their recovery codes. Kept apart
// from `users`, so turning two-factor on or using a code never changes the account's row or version.
import { bigint, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./schema.ts";

/** One row per person who has set up two-factor; none while it is off. */
export const userTwoFactor = pgTable("user_two_factor", {
  userId: integer()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** The TOTP secret, encrypted (AES-256-GCM, services/two-factor/secret-box.ts); never shown again. */
  secretEncrypted: text().notNull(),
  enabledAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** The last 30-second step whose code was accepted: a code of that step or before is refused. */
  lastStep: bigint({ mode: "number" }).notNull().default(0),
});

/** Ten single-use codes per person, stored as SHA-256 of the code (each is 50 random bits). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("recovery_codes_user_code").on(t.userId, t.codeHash)],
);

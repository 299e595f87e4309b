import { eq } from "drizzle-orm";
import { organisations, partnerships } from "../../src/db/schema.ts";
import { systemActor } from "../../src/services/actor.ts";
import { newTotpSecret, totpCodeAt } from "../../src/services/two-factor/totp.ts";
import type { TestApp } from "../support/app.ts";

export const PASSWORD = "kettle orbit lantern";
let counter = 0;

/** A new person in Ashvale with this role, signed in nowhere. */
export async function newPerson(t: TestApp, role: "admin" | "editor" | "viewer") {
  const [ashvale] = await t.database.db.select().from(partnerships).where(eq(partnerships.slug, "ashvale"));
  const [org] = await t.database.db
    .select()
    .from(organisations)
    .where(eq(organisations.partnershipId, ashvale!.id))
    .limit(1);
  const email = `two-factor-${role}-${++counter}@ashvale.example`;
  const { user } = await t.services.people.add(
    systemActor("test", ashvale!.id),
    { email, name: `Person ${counter}`, organisationId: org!.id, role },
    PASSWORD,
  );
  return { id: user.id, email, name: `Person ${counter}`, partnershipId: ashvale!.id };
}

/** Turns two-factor on for a person as the set-up page does (this step's code is used); the secret. */
export async function enrol(t: TestApp, person: { id: number; email: string }) {
  const secret = newTotpSecret();
  const codes = await t.services.twoFactor.confirmSetup(
    { kind: "account", userId: person.id, email: person.email },
    secret,
    totpCodeAt(secret),
    "no-session",
  );
  return { secret, codes };
}

/** The code of the next 30-second step: accepted (one step of clock drift) and not yet used. */
export const nextCode = (secret: string) => totpCodeAt(secret, Date.now() + 30_000);

/** The text key shown on the set-up page, without its spaces. */
export function keyOnPage(body: string): string {
  const match = /id="totp-key">([A-Z2-7 ]+)</.exec(body);
  if (!match?.[1]) throw new Error("no key on the set-up page");
  return match[1].replace(/ /g, "");
}

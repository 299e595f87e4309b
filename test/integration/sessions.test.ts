import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../../src/db/schema.ts";
import { browserLabel, coarseAddress } from "../../src/domain/session-client.ts";
import { createTestApp, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { newPerson, PASSWORD } from "./two-factor-fixture.ts";

// Issue 17: "Your sessions" — where and when you are signed in; sign out of any one or all others.

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

describe.each(testDatabaseKinds())("your sessions (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ kind });
  });
  afterAll(async () => t?.close());

  async function signedIn(email: string, userAgent: string, remoteAddress: string) {
    const client = new TestClient(t.app, { remoteAddress });
    client.extraHeaders = { "user-agent": userAgent };
    await client.signIn(email, PASSWORD);
    return client;
  }

  it("lists each session with when, the browser and the address coarsely, this one marked", async () => {
    const person = await newPerson(t, "editor");
    const laptop = await signedIn(person.email, FIREFOX, "192.0.2.45");
    await signedIn(person.email, SAFARI, "198.51.100.7");
    const page = await laptop.get("/account/sessions");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Firefox on Windows, from 192.0.2.x");
    expect(page.body).toContain("Safari on iPhone, from 198.51.100.x");
    expect(page.body).not.toContain("192.0.2.45");
    expect(page.body.match(/This session/g)).toHaveLength(1);
    // This session has no sign-out button of its own; the other has one.
    expect(page.body.match(/name="session" value="[0-9a-f]{64}"/g)).toHaveLength(1);
    expect(page.body).toContain("Sign out of all other sessions");
  });

  it("signs out of one other session, and then of all others, keeping this one", async () => {
    const person = await newPerson(t, "viewer");
    const here = await signedIn(person.email, FIREFOX, "192.0.2.1");
    const phone = await signedIn(person.email, SAFARI, "198.51.100.2");
    const tablet = await signedIn(person.email, SAFARI.replace("iPhone;", "iPad;"), "198.51.100.3");
    const page = await here.get("/account/sessions");
    const refs = [...page.body.matchAll(/name="session" value="([0-9a-f]{64})"/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(2);
    const phonePage = await phone.get("/account/sessions");
    // The phone's own session is the one its page offers no button for.
    const phoneRef = refs.find((r) => !phonePage.body.includes(`value="${r}"`));
    expect(phoneRef).toBeDefined();
    const one = await here.post("/account/sessions/sign-out", { session: phoneRef! });
    expect(one.statusCode).toBe(303);
    expect((await phone.get("/account")).statusCode).toBe(303);
    expect((await tablet.get("/account")).statusCode).toBe(200);
    expect((await here.get("/account/sessions")).body).toContain("That session has been signed out");
    // The same one again has already ended; someone else's session cannot be named.
    const again = await here.post("/account/sessions/sign-out", { session: phoneRef! });
    expect(again.statusCode).toBe(303);
    expect((await here.get("/account/sessions")).body).toContain("That session had already ended");
    const others = await here.post("/account/sessions/sign-out-others");
    expect(others.statusCode).toBe(303);
    expect((await tablet.get("/account")).statusCode).toBe(303);
    expect((await here.get("/account")).statusCode).toBe(200);
    expect(await t.database.db.select().from(sessions).where(eq(sessions.userId, person.id))).toHaveLength(1);
  });

  it("never signs out another person's session", async () => {
    const person = await newPerson(t, "viewer");
    const other = await newPerson(t, "viewer");
    const mine = await signedIn(person.email, FIREFOX, "192.0.2.9");
    const theirs = await signedIn(other.email, FIREFOX, "192.0.2.10");
    const [row] = await t.database.db.select().from(sessions).where(eq(sessions.userId, other.id));
    await mine.get("/account/sessions");
    await mine.post("/account/sessions/sign-out", { session: row!.idHash });
    expect((await theirs.get("/account")).statusCode).toBe(200);
  });

  it("names browsers and addresses coarsely", () => {
    expect(browserLabel(FIREFOX)).toBe("Firefox on Windows");
    expect(browserLabel(undefined)).toBe("An unknown browser");
    expect(coarseAddress("::ffff:10.1.2.3")).toBe("10.1.2.x");
    expect(coarseAddress("2001:db8:85a3::8a2e:370:7334")).toBe("2001:db8:85a3:…");
  });
});

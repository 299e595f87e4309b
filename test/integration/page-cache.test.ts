import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commitments } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// The page cache serves a page again without rendering it while the partnership's data version is
// unchanged. These tests pin down what must never go wrong: a stale page after a write, one person's
// page shown to another, a cached form token that does not work, a lost confirmation banner.

describe.each(testDatabaseKinds())("page cache (%s)", (kind) => {
  let t: TestApp;
  let coordinator: TestClient;
  let commitment: typeof commitments.$inferSelect;
  let url: string;

  /** Statements sent to the database while `run` runs. */
  async function queriesDuring(run: () => Promise<LightMyRequestResponse>) {
    const before = t.database.queryCount();
    const response = await run();
    return { response, queries: t.database.queryCount() - before };
  }

  beforeAll(async () => {
    t = await createTestApp({ kind });
    coordinator = new TestClient(t.app);
    await coordinator.signIn(demoUser("admin").email);
    const [row] = await t.database.db.select().from(commitments).where(eq(commitments.number, "1.1"));
    if (!row) throw new Error("the demo has no commitment 1.1");
    commitment = row;
    url = `/p/ashvale/commitments/${row.id}`;
  });
  afterAll(async () => t?.close());
  afterEach(() => vi.useRealTimers());

  it("serves an unchanged page again from the partnership's data version: only the session and membership are read", async () => {
    const first = await queriesDuring(() => coordinator.get(url));
    expect(first.response.statusCode).toBe(200);
    const second = await queriesDuring(() => coordinator.get(url));
    expect(second.response.statusCode).toBe(200);
    // Session, then membership with the data version: nothing else, and no session write.
    expect(second.queries).toBe(2);
    expect(first.queries).toBeGreaterThan(second.queries);
    expect(second.response.body).toContain(commitment.text);
    expect(second.response.headers["set-cookie"]).toBeUndefined();
  });

  it("puts a fresh, working CSRF token into a page served from the cache", async () => {
    await coordinator.get(url);
    const cached = await coordinator.get(url);
    const token = /name="_csrf" value="([^"]+)"/.exec(cached.body)?.[1];
    expect(token).toBeTruthy();
    expect(cached.body).not.toContain("__waymark_csrf_");
    const other = new TestClient(t.app);
    await other.signIn(demoUser("admin").email);
    const theirs = await other.get(url);
    const theirToken = /name="_csrf" value="([^"]+)"/.exec(theirs.body)?.[1];
    // Another session's copy of the same page carries that session's own token.
    expect(theirToken).toBeTruthy();
    expect(theirToken).not.toBe(token);
    const signOut = await other.post("/sign-out", { _csrf: theirToken ?? "" });
    expect(signOut.statusCode).toBe(303);
  });

  it("shows a change made through the app at once, with its confirmation banner once", async () => {
    await coordinator.get(url);
    const edit = await coordinator.get(`${url}/edit`);
    const version = /name="version" value="(\d+)"/.exec(edit.body)?.[1] ?? "";
    const saved = await coordinator.post(`${url}/edit`, {
      priorityId: String(commitment.priorityId),
      number: commitment.number,
      text: "Every partner trains its frontline staff every year",
      version,
    });
    expect(saved.statusCode).toBe(303);
    const after = await coordinator.get(url);
    expect(after.body).toContain("Every partner trains its frontline staff every year");
    expect(after.body).toContain("govuk-notification-banner--success");
    const again = await coordinator.get(url);
    expect(again.body).toContain("Every partner trains its frontline staff every year");
    expect(again.body).not.toContain("govuk-notification-banner--success");
  });

  it("never shows one person's copy to another: a viewer gets the viewer's page after the coordinator's is cached", async () => {
    const mine = await coordinator.get(url);
    await coordinator.get(url);
    expect(mine.body).toContain(`${url}/edit`);
    const viewer = new TestClient(t.app);
    await viewer.signIn(demoUser("viewer").email);
    const theirs = await viewer.get(url);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(`${url}/edit`);
    expect(theirs.body).toContain(demoUser("viewer").name);
    expect(theirs.body).not.toContain(demoUser("admin").name);
  });

  it("renews a signed-in session at most once a minute, and only then writes it", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 60 * 1000);
    const renewed = await queriesDuring(() => coordinator.get(url));
    expect(renewed.response.statusCode).toBe(200);
    expect(String(renewed.response.headers["set-cookie"])).toContain("waymark_session=");
    expect(renewed.queries).toBe(3);
    const quiet = await queriesDuring(() => coordinator.get(url));
    expect(quiet.response.headers["set-cookie"]).toBeUndefined();
    expect(quiet.queries).toBe(2);
  });
});

import { gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { commitments } from "../../src/db/schema.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
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
    // The copy goes out with the same security headers as the page rendered.
    expect(second.response.headers["content-security-policy"]).toBe(
      first.response.headers["content-security-policy"],
    );
    expect(String(second.response.headers["content-security-policy"])).toContain("style-src 'self'");
    expect(second.response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("keeps a copy per session: its CSRF token is that session's own and works, another session gets its own", async () => {
    const rendered = await coordinator.get(url);
    const cached = await coordinator.get(url);
    const token = /name="_csrf" value="([^"]+)"/.exec(cached.body)?.[1];
    expect(token).toBeTruthy();
    expect(cached.body).toBe(rendered.body);
    const other = new TestClient(t.app);
    await other.signIn(demoUser("admin").email);
    await other.get(url);
    const theirs = await other.get(url);
    const theirToken = /name="_csrf" value="([^"]+)"/.exec(theirs.body)?.[1];
    // Same user, same page, another session: that session's own token, not the first session's.
    expect(theirToken).toBeTruthy();
    expect(theirToken).not.toBe(token);
    expect(theirs.body).toContain(commitment.text);
    // The first session's token does not work for the second session…
    const refused = await other.post("/sign-out", { _csrf: token ?? "" });
    expect(refused.statusCode).toBe(403);
    // …and each cached page's own token does.
    const signOut = await other.post("/sign-out", { _csrf: theirToken ?? "" });
    expect(signOut.statusCode).toBe(303);
  });

  it("gives a browser the stored page gzipped (compressed once), and other clients the page itself", async () => {
    const client = new TestClient(t.app);
    await client.signIn(demoUser("admin").email);
    const accept = { "accept-encoding": "gzip, deflate, br, zstd" };
    const first = await client.get(url, accept);
    const again = await client.get(url, accept);
    const plain = await client.get(url);
    for (const zipped of [first, again]) {
      expect(zipped.statusCode).toBe(200);
      expect(zipped.headers["content-encoding"]).toBe("gzip");
      expect(zipped.headers.vary).toContain("accept-encoding");
      expect(gunzipSync(zipped.rawPayload).toString("utf8")).toBe(plain.body);
      expect(zipped.rawPayload.length).toBeLessThan(plain.body.length / 3);
    }
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toContain(commitment.text);
    // A client that refuses gzip outright gets the page itself.
    const refusing = await client.get(url, { "accept-encoding": "gzip;q=0, identity" });
    expect(refusing.headers["content-encoding"]).toBeUndefined();
    expect(refusing.body).toBe(plain.body);
  });

  it("renders a page once when several requests for it arrive together; the others get its copy", async () => {
    const miss = async () => {
      await bumpDataVersion(t.database, commitment.partnershipId);
      return queriesDuring(() => coordinator.get(url));
    };
    const alone = await miss();
    const renderQueries = alone.queries - 2;
    expect(renderQueries).toBeGreaterThan(0);
    await bumpDataVersion(t.database, commitment.partnershipId);
    const before = t.database.queryCount();
    const together = await Promise.all(Array.from({ length: 5 }, () => coordinator.get(url)));
    const queries = t.database.queryCount() - before;
    for (const response of together) {
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe(together[0]?.body);
      expect(response.body).toContain(commitment.text);
    }
    // Each request reads its session and membership; the page's own queries run once, not five times.
    expect(queries).toBe(5 * 2 + renderQueries);
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

import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { commitments } from "../../src/db/schema.ts";
import { createServices, type Services } from "../../src/services/index.ts";
import { createApp } from "../../src/web/app.ts";
import { createTestApp, demoUser, type TestApp, TestClient, testConfig } from "../support/app.ts";

// Two complete instances of Waymark (each its own pool, services, app and page cache) on one
// PostgreSQL database, as behind a load balancer or with `serve --workers`: a session made on one is
// valid on the other, and a change made through one is on the other's pages at once — however warm
// the other's page cache is (pages are cached per partnership data version, read from the database
// on every request).

const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)("two instances on one PostgreSQL database", () => {
  let a: TestApp;
  let b: { app: FastifyInstance; services: Services; close(): Promise<void> };
  let commitment: typeof commitments.$inferSelect;
  let strategyPage: string;
  let commitmentPage: string;

  beforeAll(async () => {
    a = await createTestApp({ kind: "postgres" });
    // Instance B opens the same database as A, with its own pool.
    const name = String((await a.database.execute("select current_database() as name")).rows[0]?.name);
    const url = new URL(adminUrl ?? "");
    url.pathname = `/${name}`;
    const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 3 });
    const services = createServices(database, testConfig());
    const app = await createApp({ services, logger: false });
    await app.ready();
    b = {
      app,
      services,
      async close() {
        await app.close();
        await services.mail.close();
        await database.close();
      },
    };
    const [row] = await a.database.db.select().from(commitments).where(eq(commitments.number, "1.2"));
    if (!row) throw new Error("the demo has no commitment 1.2");
    commitment = row;
    strategyPage = `/p/ashvale/strategies/${row.strategyId}`;
    commitmentPage = `/p/ashvale/commitments/${row.id}`;
  });
  // B first: closing A drops the database, which waits for B's connections to go.
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it("accepts a session made on either instance on the other, and ends it on both at sign-out", async () => {
    const onA = new TestClient(a.app);
    await onA.signIn(demoUser("admin").email);
    const onB = new TestClient(b.app);
    await onB.signIn(demoUser("viewer").email);
    for (const [client, app] of [
      [onA, b.app],
      [onB, a.app],
    ] as const) {
      const page = await app.inject({
        method: "GET",
        url: "/p/ashvale",
        headers: { cookie: client.cookieHeader() },
      });
      expect(page.statusCode).toBe(200);
    }
    // Signed out through A: the same cookie is refused by B too.
    const cookie = onA.cookieHeader();
    await onA.get("/p/ashvale");
    expect((await onA.post("/sign-out")).statusCode).toBe(303);
    const after = await b.app.inject({ method: "GET", url: "/p/ashvale", headers: { cookie } });
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
  });

  it("shows a change made through A on B's next page view, with B's page cache warm", async () => {
    const writer = new TestClient(a.app);
    await writer.signIn(demoUser("admin").email);
    const reader = new TestClient(b.app);
    await reader.signIn(demoUser("viewer").email);

    // Each page twice on B: the second view is the one a page cache would serve.
    for (const url of [strategyPage, commitmentPage]) {
      let queries = b.services.database.queryCount();
      const first = await reader.get(url);
      const firstQueries = b.services.database.queryCount() - queries;
      expect(first.statusCode).toBe(200);
      expect(first.body).toContain(commitment.text);
      queries = b.services.database.queryCount();
      const second = await reader.get(url);
      const secondQueries = b.services.database.queryCount() - queries;
      expect(second.statusCode).toBe(200);
      expect(second.body).toContain(commitment.text);
      // With the page cache on, the second view came from B's cache: only the request's own checks
      // (session, membership, data version) reached the database. So the cache is in play below.
      if (testConfig().pageCache) expect(secondQueries).toBeLessThan(firstQueries);
    }

    const newText = `Changed through instance A at ${Date.now()}`;
    await writer.get(`${commitmentPage}/edit`);
    const saved = await writer.post(`${commitmentPage}/edit`, {
      priorityId: String(commitment.priorityId),
      number: commitment.number,
      text: newText,
      version: String(commitment.version),
    });
    expect(saved.statusCode).toBe(303);

    for (const url of [strategyPage, commitmentPage]) {
      const page = await reader.get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(newText);
      expect(page.body).not.toContain(commitment.text);
    }
  });
});

import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, commitments, partnerships } from "../../src/db/schema.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

describe.each(testDatabaseKinds())("coordinator forms (%s)", (kind) => {
  let t: TestApp;
  let client: TestClient;
  let strategyId: number;
  let priorityId: number;

  const auditCount = async () => Number((await t.database.db.select({ n: count() }).from(auditLog))[0]?.n);

  beforeAll(async () => {
    t = await createTestApp({ kind });
    client = new TestClient(t.app);
    await client.signIn(demoUser("admin").email);
    const page = await client.get("/p/ashvale/strategies");
    strategyId = Number(/\/strategies\/(\d+)"/.exec(page.body)?.[1]);
    const outline = await client.get(`/p/ashvale/strategies/${strategyId}`);
    priorityId = Number(/priorities\/(\d+)\/edit/.exec(outline.body)?.[1]);
  });
  afterAll(async () => t?.close());

  it("creates a commitment: 303 to its page, a confirmation banner, an audit entry", async () => {
    const before = await auditCount();
    const response = await client.post(`/p/ashvale/strategies/${strategyId}/commitments`, {
      priorityId: String(priorityId),
      number: "1.9",
      text: "Run an annual campaign with local sports clubs",
    });
    expect(response.statusCode).toBe(303);
    const page = await client.get(String(response.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Commitment 1.9 added");
    expect(page.body).toContain("Run an annual campaign with local sports clubs");
    expect(await auditCount()).toBe(before + 1);
    const [entry] = await t.database.db.select().from(auditLog).orderBy(auditLog.id).limit(1).offset(before);
    expect(entry?.action).toBe("commitment.create");
    expect(entry?.actor).toBe(demoUser("admin").email);
    expect((entry?.after as { number: string }).number).toBe("1.9");
  });

  it("shows every problem at once, linked to its field, keeps what was typed, and changes nothing", async () => {
    const before = await auditCount();
    const [versionBefore] = await t.database.db.select({ v: partnerships.dataVersion }).from(partnerships);
    const response = await client.post(`/p/ashvale/strategies/${strategyId}/commitments`, {
      priorityId: "",
      number: "1.1",
      text: "",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/<title>\s*Error: Add a commitment/);
    expect(response.body).toContain("govuk-error-summary");
    expect(response.body).toContain('href="#text"');
    expect(response.body).toContain("Enter what the partnership commits to");
    expect(response.body).toContain('value="1.1"');
    expect(await auditCount()).toBe(before);
    const [versionAfter] = await t.database.db.select({ v: partnerships.dataVersion }).from(partnerships);
    expect(versionAfter?.v).toBe(versionBefore?.v);
  });

  it("refuses a number already used in the strategy, on the number field", async () => {
    const response = await client.post(`/p/ashvale/strategies/${strategyId}/commitments`, {
      priorityId: String(priorityId),
      number: "1.1",
      text: "A duplicate",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#number"');
    expect(response.body).toContain("Number 1.1 is already used in this strategy");
  });

  it("never overwrites a newer save: the second editor sees the newer values and nothing is lost", async () => {
    const [c] = await t.database.db.select().from(commitments).where(eq(commitments.number, "1.2"));
    if (!c) throw new Error("demo has no 1.2");
    const other = new TestClient(t.app);
    await other.signIn(demoUser("admin").email);
    await client.get(`/p/ashvale/commitments/${c.id}/edit`);
    await other.get(`/p/ashvale/commitments/${c.id}/edit`);
    const base = { priorityId: String(c.priorityId), number: c.number, version: String(c.version) };
    const first = await client.post(`/p/ashvale/commitments/${c.id}/edit`, {
      ...base,
      text: "First editor's wording",
    });
    expect(first.statusCode).toBe(303);
    const before = await auditCount();
    const second = await other.post(`/p/ashvale/commitments/${c.id}/edit`, {
      ...base,
      text: "Second editor's wording",
    });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain("Someone else changed this while you were editing");
    expect(second.body).toContain("First editor&#39;s wording");
    expect(second.body).toContain("Second editor&#39;s wording");
    expect(second.body).toContain(`name="version" value="${c.version + 1}"`);
    const [stored] = await t.database.db.select().from(commitments).where(eq(commitments.id, c.id));
    expect(stored?.text).toBe("First editor's wording");
    expect(await auditCount()).toBe(before);
  });

  it("keeps the audit log append-only", async () => {
    await expect(t.database.execute("delete from audit_log")).rejects.toThrow(/append-only/);
    await expect(t.database.execute("update audit_log set actor = 'x'")).rejects.toThrow(/append-only/);
  });
});

import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ratingOverrides } from "../../src/db/schema.ts";
import { figureFreshness } from "../../src/domain/figure-freshness.ts";
import { parsePeriod, ukDateOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import { API_PREFIX, CommitmentDetail, StrategyDetail } from "../../src/web/openapi.ts";
import { bumpDataVersion, createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { workbook } from "./reports-fixture.ts";

// Issue 11: a commitment with no rated action in the current action plan keeps the rating of the
// last round that rated it, and every page, report and API answer must say so ("Amber — from Q4
// 2024/25; no update since"), and count them ("27 rated in …; 11 carried from earlier rounds").
// What is expected is worked out from the demo's rows here, independently of the rating code.

interface Expected {
  latestRound: { id: number; name: string };
  /** Commitment number → the note its rating must carry (null: the latest round's own rating). */
  notes: Map<string, string | null>;
  ids: Map<string, number>;
  strategyId: number;
  current: number;
  carried: number;
}

/** Text of a page or Word document with the markup taken out and white space folded. */
const plainText = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&rsquo;/g, "’")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .replace(/ ([:.,;])/g, "$1");

describe.each(testDatabaseKinds())("ratings say how old they are (%s)", (kind) => {
  let t: TestApp;
  let client: TestClient;
  let expected: Expected;
  let pid: number;
  let token: string;

  const rows = async (text: string, values: unknown[] = []) => (await t.database.execute(text, values)).rows;

  /** From the rows: which round each commitment's rating comes from, by the rule written in SQL. */
  async function derive(): Promise<Expected> {
    const [latest] = await rows(
      "select id, name, action_plan_id from rounds where partnership_id = $1 order by opened_at desc, id desc limit 1",
      [pid],
    );
    // The latest accepted update of each commitment, and the last round of that update's plan.
    const last = await rows(
      `select c.id, c.number, c.strategy_id,
         (select r.action_plan_id from updates u join actions a on a.id = u.action_id join rounds r on r.id = u.round_id
          where a.commitment_id = c.id and u.status = 'accepted' order by r.opened_at desc limit 1) as plan_id
       from commitments c where c.partnership_id = $1 order by c.position`,
      [pid],
    );
    const lastRoundOfPlan = new Map(
      (
        await rows(
          `select distinct on (action_plan_id) action_plan_id, name from rounds
           where partnership_id = $1 order by action_plan_id, opened_at desc`,
          [pid],
        )
      ).map((r) => [Number(r.action_plan_id), String(r.name)]),
    );
    const notes = new Map<string, string | null>();
    const ids = new Map<string, number>();
    let current = 0;
    let carried = 0;
    for (const c of last) {
      ids.set(String(c.number), Number(c.id));
      if (c.plan_id === null) continue;
      if (Number(c.plan_id) === Number(latest!.action_plan_id)) {
        notes.set(String(c.number), null);
        current += 1;
      } else {
        notes.set(String(c.number), `from ${lastRoundOfPlan.get(Number(c.plan_id))}; no update since`);
        carried += 1;
      }
    }
    return {
      latestRound: { id: Number(latest!.id), name: String(latest!.name) },
      notes,
      ids,
      strategyId: Number(last[0]!.strategy_id),
      current,
      carried,
    };
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demoProgress: true });
    const [p] = await rows("select id from partnerships where slug = 'ashvale'");
    pid = Number(p!.id);
    expected = await derive();
    client = new TestClient(t.app);
    await client.signIn(demoUser("viewer").email);
    token = (await t.services.auth.createToken(systemActor("test", pid), "ashvale", "Provenance")).token;
  });
  afterAll(async () => t?.close());

  const headline = () =>
    `${expected.current} rated in ${expected.latestRound.name}; ${expected.carried} carried from earlier rounds`;

  it("the demo has commitments carried from an earlier plan, among them 1.3 (Amber from Q4 2024/25)", () => {
    // The issue counted 11 of 38 on its day; with the story as written the rows say the same.
    expect(expected.carried).toBeGreaterThan(0);
    expect(expected.current + expected.carried).toBe(expected.notes.size);
    expect(expected.notes.get("1.3")).toBe("from Q4 2024/25; no update since");
    expect([expected.current, expected.carried, expected.ids.size]).toEqual([27, 11, 38]);
  });

  it("the home page counts them and lists the carried ones with their note", async () => {
    const page = await client.get("/p/ashvale");
    expect(page.statusCode).toBe(200);
    const text = plainText(page.body);
    expect(text).toContain(`${headline()}.`);
    for (const [number, note] of expected.notes) {
      if (note === null)
        expect(text).not.toMatch(new RegExp(`\\b${number.replace(".", "\\.")}: [A-Za-z]+ — `));
    }
    expect(text).toContain("1.3: Amber — from Q4 2024/25; no update since");
  });

  it("the strategy page shows each rating, with the note beside every carried one", async () => {
    const page = await client.get(`/p/ashvale/strategies/${expected.strategyId}`);
    expect(page.statusCode).toBe(200);
    expect(plainText(page.body)).toContain(`Ratings: ${headline()}.`);
    for (const [number, note] of expected.notes) {
      const id = expected.ids.get(number)!;
      const span = new RegExp(
        `<span[^>]*id="rating-${id}">([\\s\\S]*?)</span>\\s*<span class="govuk-hint`,
      ).exec(page.body)?.[1];
      expect(span, number).toBeDefined();
      if (note === null) expect(plainText(span!), number).not.toContain("—");
      else expect(plainText(span!), number).toContain(`— ${note}`);
    }
    expect(plainText(page.body)).toMatch(/Amber\s*— from Q4 2024\/25; no update since/);
  });

  it("the commitment page says where a carried rating comes from, and says nothing for a current one", async () => {
    const carried = await client.get(`/p/ashvale/commitments/${expected.ids.get("1.3")}`);
    expect(plainText(carried.body)).toContain("Amber — from Q4 2024/25; no update since");
    expect(carried.body).toContain('id="rating-provenance"');
    const currentNumber = [...expected.notes].find(([, note]) => note === null)![0];
    const current = await client.get(`/p/ashvale/commitments/${expected.ids.get(currentNumber)}`);
    expect(current.body).not.toContain('id="rating-provenance"');
    expect(plainText(current.body)).not.toContain("no update since");
  });

  it("the strategy review says so in every format: the page, Word, Excel and CSV", async () => {
    const base = `/p/ashvale/reports/strategy-review?strategy=${expected.strategyId}`;
    const html = await client.get(`${base}&format=html`);
    expect(html.statusCode).toBe(200);
    const htmlText = plainText(html.body);
    expect(htmlText).toContain(`Ratings this round. ${headline()}.`);
    expect(htmlText).toContain("— from Q4 2024/25; no update since");

    const docx = await client.get(`${base}&format=docx`);
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const word = plainText(await zip.file("word/document.xml")!.async("string"));
    expect(word).toContain(headline());
    const carriedInWord = word.match(/— from Q4 2024\/25; no update since/g) ?? [];
    expect(carriedInWord.length).toBe(
      [...expected.notes.values()].filter((n) => n?.includes("Q4 2024/25")).length,
    );

    const xlsx = await client.get(`${base}&format=xlsx`);
    const wb = await workbook(xlsx.rawPayload);
    const sheet = wb.getWorksheet("Strategy review")!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    // ExcelJS row values are 1-based (index 0 is empty), as getCell's column numbers are.
    const numberColumn = header.indexOf("Commitment");
    const ratingColumn = header.indexOf("Rating");
    expect(numberColumn).toBeGreaterThan(0);
    expect(ratingColumn).toBeGreaterThan(0);
    const cells = new Map<string, string>();
    sheet.eachRow((row, i) => {
      if (i === 1) return;
      const number = String(row.getCell(numberColumn).value).split(" ")[0]!;
      cells.set(number, String(row.getCell(ratingColumn).value));
    });
    expect(cells.get("1.3")).toBe("Amber — from Q4 2024/25; no update since");
    for (const [number, note] of expected.notes) {
      if (note === null) expect(cells.get(number), number).not.toContain("—");
      else expect(cells.get(number), number).toMatch(new RegExp(`— ${note.replace(/[/()]/g, "\\$&")}$`));
    }
    const about = wb.getWorksheet("About this report")!;
    const aboutText: string[] = [];
    about.eachRow((row) => aboutText.push((row.values as unknown[]).map(String).join(" ")));
    expect(aboutText.join("\n")).toContain(headline());

    const csv = await client.get(`${base}&format=csv`);
    expect(csv.body).toContain("Amber — from Q4 2024/25; no update since");
    const csvCarried = csv.body.match(/— from [^;"]+; no update since/g) ?? [];
    expect(csvCarried.length).toBe(expected.carried);
  });

  it("a report as at a day when only the first plan had rounds carries nothing: the notes follow its round", async () => {
    const [firstPlanLast] = await rows(
      `select name, opened_at::date::text as opened from rounds where partnership_id = $1
       and action_plan_id = (select action_plan_id from rounds where partnership_id = $1 order by opened_at limit 1)
       order by opened_at desc limit 1`,
      [pid],
    );
    const asAt = String(firstPlanLast!.opened);
    const csv = await client.get(
      `/p/ashvale/reports/strategy-review?strategy=${expected.strategyId}&asAt=${asAt}&format=csv`,
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.body).not.toContain("no update since");
    const html = await client.get(
      `/p/ashvale/reports/strategy-review?strategy=${expected.strategyId}&asAt=${asAt}&format=html`,
    );
    const text = plainText(html.body);
    expect(text).toMatch(
      new RegExp(`Ratings this round\\. \\d+ rated in ${firstPlanLast!.name}(; \\d+ not yet rated)?\\.`),
    );
    expect(text).not.toContain("carried from");
  });

  it("the round summary's headline counts them, in Word too", async () => {
    const docx = await client.get("/p/ashvale/reports/round-summary?format=docx");
    expect(docx.statusCode).toBe(200);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const word = plainText(await zip.file("word/document.xml")!.async("string"));
    expect(word).toContain(`Ratings this round. ${headline()}.`);
    expect(word).toContain("1.3 Amber — from Q4 2024/25; no update since");
  });

  it("the API gives each commitment's rating round, whether it is current, and the note", async () => {
    const get = async (url: string) => {
      const response = await t.app.inject({
        url: `${API_PREFIX}${url}`,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode).toBe(200);
      return response.json();
    };
    const one = CommitmentDetail.parse(await get(`/commitments/${expected.ids.get("1.3")}`));
    expect(one.rating).toEqual({
      rating: "amber",
      overridden: false,
      currentRound: expected.latestRound.name,
      ratingRound: "Q4 2024/25",
      ratingIsCurrent: false,
      ratingNote: "from Q4 2024/25; no update since",
      label: "Amber — from Q4 2024/25; no update since",
    });
    const strategy = StrategyDetail.parse(await get(`/strategies/${expected.strategyId}`));
    expect(strategy.ratingsHeadline).toBe(headline());
    const all = [...strategy.priorities.flatMap((p) => p.commitments), ...strategy.unassignedCommitments];
    for (const c of all) {
      const note = expected.notes.get(c.number) ?? null;
      expect(c.rating.ratingNote, c.number).toBe(note);
      expect(c.rating.ratingIsCurrent, c.number).toBe(expected.notes.has(c.number) && note === null);
    }
  });

  it("an override made now is current; one carried from an earlier round says so", async () => {
    const admin = new TestClient(t.app);
    await admin.signIn(demoUser("admin").email);
    const id = expected.ids.get("1.3")!;
    const form = await admin.get(`/p/ashvale/commitments/${id}/rating`);
    expect(form.statusCode).toBe(200);
    const saved = await admin.post(`/p/ashvale/commitments/${id}/rating`, {
      rating: "green",
      reason: "The last two policies were signed off at the March board.",
    });
    expect(saved.statusCode).toBe(303);
    const now = await client.get("/p/ashvale");
    expect(plainText(now.body)).toContain(
      `${expected.current + 1} rated in ${expected.latestRound.name}; ${expected.carried - 1} carried from earlier rounds.`,
    );
    const page = await client.get(`/p/ashvale/commitments/${id}`);
    expect(page.body).not.toContain('id="rating-provenance"');

    // The same override, as if made in the Q4 2024/25 round and not reviewed since.
    const [q4] = await rows("select id from rounds where partnership_id = $1 and name = 'Q4 2024/25'", [pid]);
    await t.database.db.insert(ratingOverrides).values({
      partnershipId: pid,
      commitmentId: id,
      roundId: Number(q4!.id),
      rating: "green",
      reason: "Carried judgement from the year-end review.",
      userId: null,
      createdAt: new Date(Date.now() + 1000),
    });
    await bumpDataVersion(t.database, pid);
    const later = await client.get(`/p/ashvale/commitments/${id}`);
    expect(plainText(later.body)).toContain(
      "Green — set by the coordinator in Q4 2024/25; not reviewed since",
    );
  });

  it("a key statistic whose latest figure is more than two periods old is marked on its page and in the pack", async () => {
    // One indicator loses its recent figures: its latest is then more than a year old.
    const [indicator] = await rows(
      "select id, name, frequency from indicators where partnership_id = $1 and frequency = 'quarterly' order by id limit 1",
      [pid],
    );
    const indicatorId = Number(indicator!.id);
    const today = ukDateOf(new Date());
    const [kept] = await rows(
      `select max(period_start)::text as start from observations where indicator_id = $1
       and period_end < ($2::date - interval '15 months')`,
      [indicatorId, today],
    );
    await t.database.execute("delete from observations where indicator_id = $1 and period_start > $2::date", [
      indicatorId,
      kept!.start,
    ]);
    await bumpDataVersion(t.database, pid);
    const [latest] = await rows(
      "select period_label from observations where indicator_id = $1 order by period_start desc limit 1",
      [indicatorId],
    );
    const label = String(latest!.period_label);
    expect(figureFreshness(parsePeriod(label), today)?.stale).toBe(true);

    const page = await client.get(`/p/ashvale/indicators/${indicatorId}`);
    expect(page.body).toContain('id="figure-out-of-date"');
    expect(plainText(page.body)).toContain(`Latest figure: ${label}`);

    const docx = await client.get("/p/ashvale/reports/round-summary?format=docx");
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const word = plainText(await zip.file("word/document.xml")!.async("string"));
    expect(word).toContain(`${indicator!.name}: Out of date — latest figure: ${label}`);
    const html = await client.get("/p/ashvale/reports/round-summary?format=html");
    expect(plainText(html.body)).toContain(`Out of date — latest figure: ${label}`);
    // Only the indicators whose own-area figures the rule finds old are listed, each once.
    const latestByIndicator = await rows(
      `select distinct on (o.indicator_id) o.indicator_id, o.period_label from observations o
       join areas a on a.id = o.area_id
       where o.partnership_id = $1 and a.kind = 'own' order by o.indicator_id, o.period_start desc`,
      [pid],
    );
    const stale = latestByIndicator.filter(
      (r) => figureFreshness(parsePeriod(String(r.period_label)), today)?.stale,
    );
    expect(stale.map((r) => Number(r.indicator_id))).toContain(indicatorId);
    const listed = plainText(html.body).match(/: Out of date — latest figure:/g) ?? [];
    expect(listed.length).toBe(stale.length);
  });
});

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boards, partnerships } from "../../src/db/schema.ts";
import { contracts, fundingAllocations, fundingStreams } from "../../src/db/schema-funding.ts";
import { boardTerms } from "../../src/db/schema-governance.ts";
import { regionSharing } from "../../src/db/schema-region.ts";
import { demoUser, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import {
  AS_AT,
  createRegionFiguresFixture,
  type RegionFiguresFixture,
  WINDOW_END,
} from "./region-figures-fixture.ts";

// Issue 15, the region's figures: spend and capacity, key statistics and the governance view read
// only the partnerships of the region that share that kind of data; the others show by name only,
// and a partnership of another region never shows at all.

describe.each(testDatabaseKinds())("regional figures (%s)", (kind) => {
  let f: RegionFiguresFixture;
  beforeAll(async () => {
    f = await createRegionFiguresFixture(kind);
  }, 60_000);
  afterAll(async () => f?.t.close());

  it("spend: by service type and funder, per 10,000 people exactly, only what is shared", async () => {
    const spend = await f.t.services.regionFigures.spendAndCapacity(f.actor, AS_AT);
    const names = spend.partnerships.map((p) => p.name);
    expect(names).not.toContain("Farland DA Partnership");
    const carrow = spend.partnerships.find((p) => p.id === f.ids.carrow)!;
    expect(carrow).toEqual({ id: f.ids.carrow, name: "Carrow DA Partnership", shared: false });
    const brook = spend.partnerships.find((p) => p.id === f.ids.brookfield)!;
    if (!brook.shared) throw new Error("Brookfield shares its funding");
    expect(brook.population).toBe(333_333);
    expect(brook.populationSource).toBe("ONS mid-2024 estimate");
    const year = brook.years.find((y) => y.yearStart === 2026)!;
    expect(year.yearLabel).toBe("2026/27");
    // The money reports' rule: the latest return gives spend (Q2: £6,000.01) and forecast (£13,000);
    // no return is nothing spent, on budget.
    expect(year.allocatedPence).toBe(1_334_567);
    expect(year.spentPence).toBe(600_001);
    expect(year.forecastPence).toBe(1_400_000);
    const idva = year.byServiceType.find((l) => l.key === "idva")!;
    expect(idva.label).toBe("Independent domestic violence advisers (Idvas)");
    expect(idva.allocatedPence).toBe(1_234_567);
    // 1,234,567p × 10,000 ÷ 333,333 = 37,037.07…p → £370.37; 600,001p → 18,000.048…p → £180.00.
    expect(idva.perTenThousand).toEqual({
      allocatedPence: 37_037,
      spentPence: 18_000,
      forecastPence: 39_000,
    });
    expect(year.byServiceType.find((l) => l.key === "helpline")?.allocatedPence).toBe(100_000);
    expect(year.byFunder.map((l) => l.label)).toEqual(["Brookfield Office of the PCC"]);
    // The region's totals hold no partnership that does not share, nor one outside the region.
    const regionYear = spend.region.find((y) => y.yearStart === 2026)!;
    const ashvale = spend.partnerships.find((p) => p.id === f.ids.ashvale)!;
    const ashvaleYear = ashvale.shared ? ashvale.years.find((y) => y.yearStart === 2026) : undefined;
    expect(regionYear.allocatedPence).toBe(1_334_567 + (ashvaleYear?.allocatedPence ?? 0));
    // Only Brookfield gave a population: the region's rate is its own.
    expect(regionYear.populationPartnerships).toBe(1);
    expect(regionYear.perTenThousand?.allocatedPence).toBe(
      Number((BigInt(1_334_567) * 10_000n * 2n + 333_333n) / (333_333n * 2n)),
    );
  });

  it("spend: contracts ending in the next 18 months, across the region's sharing partnerships", async () => {
    const spend = await f.t.services.regionFigures.spendAndCapacity(f.actor, AS_AT);
    expect(spend.windowEnd).toBe(WINDOW_END);
    const brook = spend.contractsEnding.filter((c) => c.partnershipId === f.ids.brookfield);
    expect(brook.map((c) => c.service)).toEqual([
      "Brookfield helpline (ends on the day)",
      "Brookfield Idva service",
    ]);
    expect(brook[1]).toMatchObject({
      provider: "Brookfield Idva service provider",
      endsOn: WINDOW_END,
      latestEndOn: "2029-03-31",
      annualValuePence: 4_000_000,
      serviceTypeLabel: "Independent domestic violence advisers (Idvas)",
    });
    const services = spend.contractsEnding.map((c) => c.service);
    expect(services).not.toContain("Farland hidden contract");
    expect(services).not.toContain("Carrow unshared contract");
  });

  it("statistics: published figures only, each partnership's suppression, comparators once", async () => {
    const stats = await f.t.services.regionFigures.statistics(f.actor, { draw: false });
    const all = JSON.stringify(stats);
    expect(all).not.toContain("Farland");
    expect(all).not.toContain("Carrow unshared statistic");
    expect(all).not.toContain("5,151");
    expect(stats.partnerships.find((p) => p.id === f.ids.carrow)?.shared).toBe(false);
    // Matched by template across Ashvale and Brookfield, whatever each calls it.
    const repeat = stats.indicators.find((i) => i.key === "template:marac-repeat-rate")!;
    expect(repeat.rows.find((r) => r.name === "Brookfield DA Partnership")?.kind).toBe("partnership");
    expect(repeat.rows.find((r) => r.name.startsWith("Ashvale"))?.kind).toBe("partnership");
    const accepted = stats.indicators.find((i) => i.name === "Outreach referrals accepted")!;
    const brook = accepted.rows.find((r) => r.name === "Brookfield DA Partnership")!;
    if (brook.kind !== "partnership") throw new Error("Brookfield holds the rate");
    expect(accepted.periods.map((p) => p.label)).toEqual(["2024/25", "2025/26"]);
    expect(brook.cells[0]?.text).toBe("31.7%");
    // 3 of 6: numerator below Brookfield's threshold of 5 → suppressed (primary).
    expect(brook.cells[1]).toEqual({ text: "suppressed", status: "suppressed", value: null });
    expect(accepted.rows.find((r) => r.name.startsWith("Ashvale"))?.kind).toBe("not-held");
    expect(accepted.rows.filter((r) => r.name === "England")).toHaveLength(1);
    expect(repeat.rows.find((r) => r.name === "Carrow DA Partnership")?.kind).toBe("not-shared");
    expect(repeat.rows.filter((r) => r.name === "England")).toHaveLength(1);
    // Matched by name, whatever its case.
    const referrals = stats.indicators.find(
      (i) => i.key === "name:children's social care referrals where domestic abuse is a factor",
    )!;
    expect(referrals.rows.find((r) => r.name === "Brookfield DA Partnership")?.kind).toBe("partnership");
    expect(referrals.rows.find((r) => r.name.startsWith("Ashvale"))?.kind).toBe("partnership");
    // A total and its parts: 3 is "fewer than 5", so the smallest other part (1,717) is hidden too.
    const part = (name: string) => {
      const row = stats.indicators
        .find((i) => i.name === name)!
        .rows.find((r) => r.name === "Brookfield DA Partnership")!;
      return row.kind === "partnership" ? row.cells.at(-1) : undefined;
    };
    expect(part("Refuge bed spaces for men")?.text).toBe("fewer than 5");
    expect(part("Refuge bed spaces for women")).toEqual({
      text: "suppressed",
      status: "suppressed",
      value: null,
    });
    expect(part("Refuge bed spaces")?.text).toBe("1,720");
    expect(all).not.toContain("1717");
  });

  it("governance: the chain of boards and s58 coverage in words, never seat holders", async () => {
    const gov = await f.t.services.regionFigures.governance(f.actor);
    const all = JSON.stringify(gov);
    expect(all).not.toContain("Seatholder");
    expect(all).not.toContain("Farland");
    // Ashvale shares no governance by default: its name only.
    expect(gov.partnerships.find((p) => p.id === f.ids.ashvale)).toEqual({
      id: f.ids.ashvale,
      name: expect.stringContaining("Ashvale"),
      shared: false,
    });
    const brook = gov.partnerships.find((p) => p.id === f.ids.brookfield)!;
    if (!brook.shared) throw new Error("Brookfield shares governance");
    expect(brook.chain.map((b) => [b.name, b.depth, b.reportsTo])).toEqual([
      ["Brookfield DA Local Partnership Board", 0, null],
      ["Brookfield Operational Group", 1, "Brookfield DA Local Partnership Board"],
    ]);
    expect(brook.localPartnershipBoards).toHaveLength(1);
    expect(brook.localPartnershipBoards[0]).toMatchObject({
      covered: false,
      text: "Missing: Children of victims of domestic abuse",
    });
  });
});

describe.each(testDatabaseKinds())("regional figures pages (%s)", (kind) => {
  let f: RegionFiguresFixture;
  beforeAll(async () => {
    f = await createRegionFiguresFixture(kind);
  }, 60_000);
  afterAll(async () => f?.t.close());

  it("shows the three pages to the region's people, never what is not shared", async () => {
    const spend = await f.regional.get(`/r/${f.regionSlug}/spend?asAt=${AS_AT}`);
    expect(spend.statusCode).toBe(200);
    expect(spend.body).toContain("Brookfield Idva service");
    expect(spend.body).toContain("Per 10,000 population: £400.37 allocated, £180 spent to date.");
    expect(spend.body).toContain("ONS mid-2024 estimate");
    expect(spend.body).toMatch(
      /Carrow DA Partnership<\/h3>\s*<p class="govuk-body">Not shared with the region/,
    );
    for (const hidden of ["Farland", "Carrow unshared", "Carrow private grant"])
      expect(spend.body).not.toContain(hidden);
    const stats = await f.regional.get(`/r/${f.regionSlug}/statistics`);
    expect(stats.statusCode).toBe(200);
    expect(stats.body).toContain("Outreach referrals accepted");
    expect(stats.body).toContain("fewer than 5");
    expect(stats.body).toContain("<svg");
    expect(stats.body).not.toContain("1,717");
    expect(stats.body).not.toContain("Farland");
    const gov = await f.regional.get(`/r/${f.regionSlug}/governance`);
    expect(gov.statusCode).toBe(200);
    expect(gov.body).toContain("Missing: Children of victims of domestic abuse");
    expect(gov.body).not.toContain("Seatholder");
    expect(gov.body).not.toContain("Farland");
  });

  it("answers 404 to someone with no place in the region, and for another region", async () => {
    for (const page of ["spend", "statistics", "governance"]) {
      expect((await f.outsider.get(`/r/${f.regionSlug}/${page}`)).statusCode).toBe(404);
      expect((await f.regional.get(`/r/farland/${page}`)).statusCode).toBe(404);
    }
  });
});

describe.each(testDatabaseKinds())("service types on the funding forms (%s)", (kind) => {
  let f: RegionFiguresFixture;
  beforeAll(async () => {
    f = await createRegionFiguresFixture(kind);
  }, 60_000);
  afterAll(async () => f?.t.close());

  it("lets the coordinator set a contract's and an allocation's type of service", async () => {
    const admin = new TestClient(f.t.app);
    await admin.signIn(demoUser("admin").email);
    const form = {
      service: "Regional Idva service",
      providerOrganisationId: "",
      providerName: "A provider",
      fundingStreamId: "",
      stage: "do",
      procurement: "no",
    };
    await admin.get("/p/ashvale/contracts/new");
    const refused = await admin.post("/p/ashvale/contracts/new", { ...form, serviceType: "spaceships" });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Select the type of service from the list");
    const saved = await admin.post("/p/ashvale/contracts/new", { ...form, serviceType: "idva" });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const [row] = await f.db.select().from(contracts).where(eq(contracts.service, "Regional Idva service"));
    expect(row?.serviceType).toBe("idva");
    const [stream] = await f.db
      .select()
      .from(fundingStreams)
      .where(eq(fundingStreams.partnershipId, f.ids.ashvale))
      .limit(1);
    const allocationForm = await admin.get(`/p/ashvale/funding/${stream!.id}/allocations/new`);
    expect(allocationForm.body).toContain('name="serviceType"');
    expect(allocationForm.body).toContain("Perpetrator programmes");
  });
});

describe.each(testDatabaseKinds())("regional figures' queries do not grow with the region (%s)", (kind) => {
  let f: RegionFiguresFixture;
  beforeAll(async () => {
    f = await createRegionFiguresFixture(kind);
  }, 60_000);
  afterAll(async () => f?.t.close());

  const measure = async (url: string) => {
    const start = f.t.database.queryCount();
    const response = await f.regional.get(url);
    return { queries: f.t.database.queryCount() - start, status: response.statusCode, body: response.body };
  };

  it("costs as many queries with more partnerships sharing more", async () => {
    const pages = ["spend", "statistics", "governance"].map((p) => `/r/${f.regionSlug}/${p}?asAt=${AS_AT}`);
    // Once to warm up (the session's touch, the first chart's modules), then measured.
    for (const url of pages) await measure(url);
    const before = [];
    for (const url of pages) before.push(await measure(url));
    // Three more partnerships of the region, each sharing everything with its own figures.
    const [ashvale] = await f.db.select().from(partnerships).where(eq(partnerships.id, f.ids.ashvale));
    for (const n of [1, 2, 3]) {
      const [p] = await f.db
        .insert(partnerships)
        .values({
          slug: `grown-${n}`,
          name: `Grown ${n} Partnership`,
          areaName: `Grown ${n}`,
          regionId: ashvale!.regionId,
        })
        .returning();
      await f.db
        .insert(regionSharing)
        .values({ partnershipId: p!.id, shareGovernance: true, population: 1000 * n });
      const [s] = await f.db
        .insert(fundingStreams)
        .values({
          partnershipId: p!.id,
          name: `Grown ${n} grant`,
          kind: "grant",
          funderName: `Grown funder ${n}`,
          firstYearStart: 2026,
          lastYearStart: 2026,
        })
        .returning();
      await f.db.insert(fundingAllocations).values({
        partnershipId: p!.id,
        streamId: s!.id,
        yearStart: 2026,
        projectName: "p",
        amountPence: 10_000 * n,
      });
      await f.db
        .insert(contracts)
        .values({ partnershipId: p!.id, service: `Grown ${n} contract`, endsOn: "2027-01-31" });
      const [b] = await f.db
        .insert(boards)
        .values({ partnershipId: p!.id, name: `Grown ${n} board` })
        .returning();
      await f.db.insert(boardTerms).values({ boardId: b!.id, partnershipId: p!.id, kind: "strategic" });
    }
    for (const [i, url] of pages.entries()) {
      const after = await measure(url);
      expect(after.status).toBe(200);
      expect(after.body).toContain("Grown 3 Partnership");
      expect(after.queries, url).toBe(before[i]!.queries);
      expect(after.queries, url).toBeLessThanOrEqual(12);
    }
  });
});

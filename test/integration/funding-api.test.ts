import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { demoCalendar } from "../../src/demo/calendar.ts";
import { ukDateOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import {
  AllocationList,
  API_PREFIX,
  ContractList,
  FundingStreamList,
  GrantPackage360,
  OcdsReleasePackage,
  SpendList,
} from "../../src/web/openapi.ts";
import { createTestApp, type TestApp } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";

// Money and commissioning in the API (issue 14), on the demo: the Waymark shapes validate against
// their OpenAPI components, and the 360Giving and OCDS shapes against the standards' JSON schemas
// (test/fixtures/standards/, README there names the sources and what was kept).

// The demo is loaded for today: the milestones' statuses follow the real day, as the API's do.
const TODAY = ukDateOf(new Date());
const LIVE_YEAR = demoCalendar(TODAY).liveQuarter.startYear;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const standards = path.resolve(import.meta.dirname, "../fixtures/standards");
function standard(file: string): ValidateFunction {
  const ajv = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }));
  return ajv.compile(JSON.parse(readFileSync(path.join(standards, file), "utf8")));
}

describe.each(testDatabaseKinds())("the funding API (%s)", (kind) => {
  let t: TestApp;
  let token: string;
  let publicToken: string;
  let otherToken: string;

  async function get(url: string, bearer = token) {
    return t.app.inject({
      method: "GET",
      url: `${API_PREFIX}${url}`,
      headers: { authorization: `Bearer ${bearer}` },
    });
  }
  async function ok<S extends z.ZodType>(url: string, schema: S, bearer = token): Promise<z.output<S>> {
    const response = await get(url, bearer);
    expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
    const parsed = schema.safeParse(response.json());
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
    return parsed.data as z.output<S>;
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demoToday: TODAY });
    const { services } = t;
    const [a] = (await services.partnerships.listAll()).filter((p) => p.slug === "ashvale");
    const sys = systemActor("test", a!.id);
    token = (await services.auth.createToken(sys, "ashvale", "Finance dashboard")).token;
    publicToken = (await services.auth.createToken(sys, "ashvale", "Open data", { public: true })).token;
    const b = await services.partnerships.create(systemActor("test"), {
      slug: "kelmoor",
      name: "Kelmoor Partnership",
      areaName: "Kelmoor",
    });
    otherToken = (await services.auth.createToken(systemActor("test", b.id), "kelmoor", "Kelmoor BI")).token;
  });
  afterAll(async () => t?.close());

  it("lists the streams with each year's total made of its contributions", async () => {
    const { streams } = await ok("/funding-streams", FundingStreamList);
    expect(streams).toHaveLength(3);
    const pot = streams.find((s) => s.kind === "pooled_budget")!;
    expect(pot.years).toEqual([
      { yearStart: LIVE_YEAR, heldPence: 3_450_000, parts: "£34,500 = 3 × £8,000 + £10,500" },
    ]);
    expect(pot.contributions.filter((c) => !c.received)).toHaveLength(1);
    for (const s of streams)
      for (const y of s.years)
        expect(y.heldPence).toBe(
          s.contributions.filter((c) => c.yearStart === y.yearStart).reduce((n, c) => n + c.amountPence, 0),
        );
    const only = await ok(`/funding-streams?year=${LIVE_YEAR - 1}`, FundingStreamList);
    expect(only.streams.map((s) => s.kind).sort()).toEqual(["grant", "partner_contribution"]);
    expect((await get("/funding-streams?year=twenty")).statusCode).toBe(400);
  });

  it("gives allocations with their measures, and spend returns that agree with them", async () => {
    const { allocations } = await ok(`/allocations?year=${LIVE_YEAR}`, AllocationList);
    expect(allocations.filter((a) => a.paysFor.kind === "action")).toHaveLength(12);
    const explained = allocations.filter((a) => a.needsExplanation);
    expect(explained).toHaveLength(1);
    expect(explained[0]!.explanation).not.toBe("");
    const { returns } = await ok(`/spend?year=${LIVE_YEAR}`, SpendList);
    for (const a of allocations) {
      expect(a.remainingPence).toBe(a.allocatedPence - a.spentPence);
      expect(a.variancePence).toBe(a.forecastPence - a.budgetPence);
      const own = returns.filter((r) => r.allocationId === a.id);
      const latest = own.at(-1);
      expect(a.latestQuarter).toBe(latest?.quarter ?? null);
      if (latest) expect(a.spentPence).toBe(latest.actualPence);
    }
  });

  it("keeps each partnership's money to itself", async () => {
    expect((await ok("/funding-streams", FundingStreamList, otherToken)).streams).toEqual([]);
    expect((await ok("/allocations", AllocationList, otherToken)).allocations).toEqual([]);
    expect((await ok("/contracts", ContractList, otherToken)).contracts).toEqual([]);
  });

  it("lets a public token read streams and contracts, not allocations or spend", async () => {
    await ok("/funding-streams", FundingStreamList, publicToken);
    await ok("/contracts", ContractList, publicToken);
    await ok("/funding-streams.360giving.json", GrantPackage360, publicToken);
    for (const url of ["/allocations", "/spend"]) expect((await get(url, publicToken)).statusCode).toBe(403);
  });

  it("gives the contracts with milestone statuses from their dates", async () => {
    const { contracts } = await ok("/contracts", ContractList);
    expect(contracts).toHaveLength(2);
    const procuring = contracts.find((c) => c.provider === null)!;
    expect(procuring.milestones.filter((m) => m.status === "overdue")).toHaveLength(1);
    expect(procuring.milestones.filter((m) => m.status === "done").length).toBeGreaterThanOrEqual(2);
  });

  it("publishes the contributions as 360Giving grants that validate against the 360Giving package schema", async () => {
    const body = await ok("/funding-streams.360giving.json", GrantPackage360);
    const validate = standard("360giving-package-schema.json");
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    const grants = body.grants as { id: string; amountAwarded: number }[];
    expect(grants).toHaveLength(8);
    expect(new Set(grants.map((g) => g.id)).size).toBe(grants.length);
    expect(grants.map((g) => g.amountAwarded)).toContain(10_500);
    // The validator is not a rubber stamp: a grant without its funder fails.
    const broken = { grants: [{ ...body.grants[0], fundingOrganization: undefined }] };
    expect(validate(JSON.parse(JSON.stringify(broken)))).toBe(false);
  });

  it("publishes the contract register as an OCDS 1.1 release package that validates against its schema", async () => {
    const body = await ok("/contracts.ocds.json", OcdsReleasePackage);
    const validate = standard("ocds-1.1-release-package-schema.json");
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    expect(body.releases).toHaveLength(2);
    const running = body.releases.find((r) => r.tag.includes("contract")) as unknown as {
      contracts: { status: string; period: { maxExtentDate: string } }[];
    };
    expect(running.contracts[0]!.status).toBe("active");
    expect(running.contracts[0]!.period.maxExtentDate).toMatch(/T00:00:00Z$/);
    const broken = JSON.parse(JSON.stringify(body));
    broken.releases[0].tender.status = "open";
    expect(validate(broken)).toBe(false);
  });
});

// The contract register's and the Part 4 return's part of the permission matrix (permissions.test.ts):
// the ids their routes need in each partnership, and a valid body for each POST route, so a refusal
// proves the permission check and not validation.
import { eq } from "drizzle-orm";
import { contractMilestones, contracts } from "../../src/db/schema-funding.ts";
import type { Actor } from "../../src/services/actor.ts";
import { returnYears } from "../../src/services/funding/part4-service.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/**
 * A contract in procurement (so it has milestones). The return's year: the partnership's own is the
 * last financial year; the other partnership's "id" is a year before Part 4, which has no return
 * anywhere, so the route answers 404 there as for any foreign id.
 */
export async function commissioningMatrixIds(t: TestApp, actor: Actor, foreign = false): Promise<Ids> {
  const contract = await t.services.commissioning.create(
    actor,
    {
      service: "Matrix refuge service",
      reference: "",
      providerOrganisationId: null,
      providerName: "Matrix Provider",
      fundingStreamId: null,
      stage: "plan",
      annualValuePence: 1_000_000,
      startsOn: "2025-04-01",
      endsOn: "2028-03-31",
      latestEndOn: null,
      extensionDecisionDueOn: null,
      reminderMonths: [12, 6],
      notes: "",
    },
    { procurement: true },
  );
  return { contractId: contract.id, returnYear: foreign ? 2019 : (returnYears()[1] ?? 2024) };
}

export function commissioningMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const contract = async (id: number) =>
    (await db().select().from(contracts).where(eq(contracts.id, id)))[0]!;
  const contractBody = (n: number) => ({
    service: `Matrix contract ${n}`,
    reference: `M-${n}`,
    providerOrganisationId: "",
    providerName: "Matrix Provider",
    fundingStreamId: "",
    stage: "do",
    annualValue: "12,500.50",
    "endsOn-day": "31",
    "endsOn-month": "3",
    "endsOn-year": "2029",
    reminderMonths: "12, 6",
    notes: "",
  });
  return {
    "POST /p/:slug/contracts/new": async () => ({ ...contractBody(next()), procurement: "yes" }),
    "POST /p/:slug/contracts/:contractId/edit": async (ids) => ({
      ...contractBody(next()),
      version: String((await contract(ids.contractId!)).version),
    }),
    "POST /p/:slug/contracts/:contractId/milestones": async (ids) => {
      const milestones = await db()
        .select()
        .from(contractMilestones)
        .where(eq(contractMilestones.contractId, ids.contractId!));
      const body: Record<string, string> = { version: String((await contract(ids.contractId!)).version) };
      milestones.forEach((m, i) => {
        body[`milestone-${i}-id`] = String(m.id);
        body[`milestone-${i}-name`] = `${m.name} ${next()}`;
      });
      return body;
    },
    "POST /p/:slug/safe-accommodation/:returnYear": async () => ({
      women: String(next()),
      children: "12",
      notes: "",
      status: "draft",
      version: "",
    }),
  };
}

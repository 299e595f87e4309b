// The money reports' part of the permission matrix (permissions.test.ts). Their routes
// (/reports/use-of-funding, /reports/commissioning-timeline) are GET pages for every member and take
// no ids, so the matrix walks them with every role as they are; what each role sees on them (every
// allocation, their organisation's, or totals only) is content, tested in funding-reports.test.ts.
// The ids here make sure the partnership the matrix walks holds money, so the pages are not empty.
import { eq } from "drizzle-orm";
import { contracts, fundingStreams } from "../../src/db/schema-funding.ts";
import type { Actor } from "../../src/services/actor.ts";
import { partnershipOf } from "../../src/services/permissions.ts";
import type { TestApp } from "../support/app.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/** A stream and a contract of the actor's partnership (made if it has none): reports with content. */
export async function fundingReportsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const db = t.database.db;
  const pid = partnershipOf(actor);
  const [stream] =
    (await db.select().from(fundingStreams).where(eq(fundingStreams.partnershipId, pid)).limit(1)) ?? [];
  const streamId =
    stream?.id ??
    (
      await db
        .insert(fundingStreams)
        .values({
          partnershipId: pid,
          name: "Matrix stream",
          kind: "grant",
          firstYearStart: 2025,
          lastYearStart: 2026,
        })
        .returning({ id: fundingStreams.id })
    )[0]!.id;
  const [contract] = await db.select().from(contracts).where(eq(contracts.partnershipId, pid)).limit(1);
  const contractId =
    contract?.id ??
    (
      await db
        .insert(contracts)
        .values({ partnershipId: pid, service: "Matrix service" })
        .returning({ id: contracts.id })
    )[0]!.id;
  return { reportStreamId: streamId, reportContractId: contractId };
}

/** The money reports have no POST routes. */
export function fundingReportsMatrixBodies(_app: () => TestApp, _next: () => number): Record<string, Body> {
  return {};
}

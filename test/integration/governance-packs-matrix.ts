// The meeting packs part of the permission matrix (permissions.test.ts): a meeting with an agenda
// and a published pack in each partnership, and a valid body for the publish route, so a refusal
// proves the permission check and not validation.
import { and, eq } from "drizzle-orm";
import { partnerships } from "../../src/db/schema.ts";
import { meetingPacks } from "../../src/db/schema-governance.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { partnershipOf } from "../../src/services/permissions.ts";
import type { TestApp } from "../support/app.ts";
import { seedPackFixture } from "./governance-packs-fixture.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

export async function governancePacksMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const pid = partnershipOf(actor);
  const [p] = await t.database.db.select().from(partnerships).where(eq(partnerships.id, pid));
  const f = await seedPackFixture(t.database.db, p!.slug);
  const { pack } = await t.services.governancePacks.publish(systemActor("test", pid), f.meetingId, {
    reason: "",
    seenVersions: 0,
  });
  return { meetingId: f.meetingId, packId: pack.id };
}

export function governancePacksMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  return {
    "POST /p/:slug/meetings/:meetingId/pack/publish": async (ids) => {
      const versions = await app()
        .database.db.select({ id: meetingPacks.id })
        .from(meetingPacks)
        .where(and(eq(meetingPacks.meetingId, ids.meetingId!)));
      return { reason: `Matrix version ${next()}`, seenVersions: String(versions.length) };
    },
  };
}

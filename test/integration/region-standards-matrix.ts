// The quality standards' part of both route matrices: the region's pages (region-matrix.test.ts
// gathers `regionMatrix`) and a partnership's own (permissions.test.ts imports the two functions
// below). Each side gets a published standard from the Marac template with a theme, a criterion and
// an open cycle, and a valid body for every POST route, so a refusal proves the permission check.
import { eq } from "drizzle-orm";
import type { Db } from "../../src/db/database.ts";
import {
  assessmentCycles,
  qualityStandards,
  standardCriteria,
  standardThemes,
} from "../../src/db/schema-region.ts";
import type { Actor, RegionActor } from "../../src/services/actor.ts";
import type { Services } from "../../src/services/index.ts";
import type { TestApp } from "../support/app.ts";
import type { RegionFixture } from "./region-fixture.ts";
import type { RegionMatrixPart } from "./region-matrix-part.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

/** A published standard of the actor's region or partnership, with its first theme and criterion and a cycle. */
async function standardIds(services: Services, actor: Actor): Promise<Ids> {
  const standard = await services.standards.create(actor, {
    source: { kind: "template", key: "marac-ten-principles" },
    name: "Matrix standard",
  });
  await services.standards.publish(actor, standard.id);
  const cycle = await services.standards.createCycle(actor, standard.id, {
    name: "Matrix 2025–26",
    opensOn: "2025-04-01",
    dueOn: "2026-03-31",
  });
  const { outline } = await services.standards.view(actor, standard.id);
  const theme = outline.themes[0]!;
  return {
    standardId: standard.id,
    themeId: theme.id,
    standardCriterionId: theme.criteria[0]!.id,
    standardCycleId: cycle.id,
  };
}

function bodies(db: () => Db, next: () => number, prefix: string): Record<string, Body> {
  const version = async (
    table: typeof qualityStandards | typeof standardThemes | typeof standardCriteria,
    id: number,
  ) => {
    const [row] = await db().select({ v: table.version }).from(table).where(eq(table.id, id));
    return String(row?.v ?? 1);
  };
  const scale = {
    "label-1": "Not met",
    "label-2": "Partly met",
    "label-3": "Met",
    "meets-3": "yes",
    "label-4": "Exceeded",
    "meets-4": "yes",
  };
  return {
    [`POST ${prefix}/standards/new`]: async () => ({
      source: "blank",
      scale: "four-level",
      name: `Matrix blank ${next()}`,
    }),
    [`POST ${prefix}/standards/:standardId/edit`]: async (ids) => ({
      name: `Matrix standard ${next()}`,
      summary: "",
      cycleMonths: "12",
      version: await version(qualityStandards, ids.standardId!),
    }),
    [`POST ${prefix}/standards/:standardId/scale`]: async (ids) => ({
      ...scale,
      "description-1": `Not in place (${next()})`,
      version: await version(qualityStandards, ids.standardId!),
    }),
    [`POST ${prefix}/standards/:standardId/themes/new`]: async () => ({ title: `Matrix theme ${next()}` }),
    [`POST ${prefix}/standards/:standardId/themes/:themeId/edit`]: async (ids) => ({
      title: `Matrix theme ${next()}`,
      version: await version(standardThemes, ids.themeId!),
    }),
    [`POST ${prefix}/standards/:standardId/themes/:themeId/criteria/new`]: async () => ({
      title: `Matrix criterion ${next()}`,
    }),
    [`POST ${prefix}/standards/:standardId/criteria/:standardCriterionId/edit`]: async (ids) => ({
      title: `Matrix criterion ${next()}`,
      whatGoodLooksLike: "",
      howEvidenced: "",
      version: await version(standardCriteria, ids.standardCriterionId!),
    }),
    [`POST ${prefix}/standards/:standardId/structure`]: async (ids) => ({
      step: next() % 2 === 0 ? "theme-down" : "theme-up",
      id: String(ids.themeId),
    }),
    // Published already: the step answers "already published" and changes nothing.
    [`POST ${prefix}/standards/:standardId/publish`]: async () => ({}),
    [`POST ${prefix}/standards/:standardId/cycles/new`]: async () => ({
      name: `Matrix cycle ${next()}`,
      "opensOn-day": "1",
      "opensOn-month": "4",
      "opensOn-year": "2030",
      "dueOn-day": "31",
      "dueOn-month": "3",
      "dueOn-year": "2031",
    }),
    // Every role meets the cycle open (the permitted one closes it).
    [`POST ${prefix}/standards/:standardId/cycles/:standardCycleId/close`]: async (ids) => {
      await db()
        .update(assessmentCycles)
        .set({ closedAt: null })
        .where(eq(assessmentCycles.id, ids.standardCycleId!));
      return {};
    },
  };
}

function leadOf(fx: RegionFixture, region: "A" | "B"): RegionActor {
  const r = region === "A" ? fx.regionA : fx.regionB;
  const person = region === "A" ? fx.people.leadA : fx.people.leadB;
  return {
    kind: "region",
    role: "lead",
    regionId: r.id,
    regionSlug: r.slug,
    userId: person.id,
    email: person.email,
    name: person.name,
  };
}

export const regionMatrix: RegionMatrixPart = {
  ids: async (fx) => {
    // The region's cycle page takes :cycleId; the matrix's cycle is the standard's own.
    const withCycle = (ids: Ids) => ({ ...ids, cycleId: ids.standardCycleId! });
    return {
      own: withCycle(await standardIds(fx.t.services, leadOf(fx, "A"))),
      foreign: withCycle(await standardIds(fx.t.services, leadOf(fx, "B"))),
      // A partnership's own standard is no region's: outside region A as much as region B's.
      outside: withCycle(await standardIds(fx.t.services, fx.p4.actor)),
    };
  },
  bodies: (fx, next) => bodies(() => fx.t.database.db, next, "/r/:regionSlug"),
};

/** Ashvale's (or Brookfield's) own published standard, for the partnership side of permissions.test.ts. */
export async function regionStandardsMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  return standardIds(t.services, actor);
}

export function regionStandardsMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  return bodies(() => app().database.db, next, "/p/:slug");
}

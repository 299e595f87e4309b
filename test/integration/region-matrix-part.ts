// What a `region-*-matrix.ts` file gives the region route matrix (region-matrix.test.ts explains how
// they are gathered). Kept apart from the test so a part's file imports types, not the test.
import type { RegionFixture } from "./region-fixture.ts";

export type RegionIds = Record<string, number>;
export type RegionRouteKey = `POST /r/:regionSlug/${string}`;
export type RegionBody = (ids: RegionIds) => Promise<Record<string, string | string[]>>;

export interface RegionMatrixPart {
  /**
   * Ids for the part's `:params`: `own` — records of region A or of its partnerships (P1, P2);
   * `foreign` — the same kind of record of region B or its partnership P3; `outside` — one of P4, the
   * partnership in no region (left out: the matrix uses `foreign` for it). Called once per database,
   * after the fixture is built; build records through `fx.t.services` where you can.
   */
  ids?: (fx: RegionFixture) => Promise<{ own: RegionIds; foreign: RegionIds; outside?: RegionIds }>;
  /**
   * A valid body for each of the part's POST routes, keyed "POST /r/:regionSlug/…", so a refusal
   * proves the permission check, not validation. A body may first put its record in the state the
   * step needs, straight in the database (it runs before the matrix's "nothing changed" fingerprint).
   * `next()` gives a new number each call, for names that must be unique.
   */
  bodies?: (fx: RegionFixture, next: () => number) => Partial<Record<RegionRouteKey, RegionBody>>;
  /**
   * The status a permitted role gets where it is not 200 (GET) or 303 (POST), keyed "METHOD /r/…":
   * e.g. 200 for a POST that answers with a preview.
   */
  success?: Record<string, number>;
}

// What a partnership shares with its region (issue 15), decided by its coordinator: the five switches
// of domain/region/vocabulary.ts and the population (with its source) that turns regional spend into
// spend per 10,000 people. Every member reads it; only the coordinator changes it, with optimistic
// concurrency on region_sharing.version. The change is the partnership's and the region's at once, so
// its audit entry names both (it is in the partnership's log, not the region's own).
import { z } from "zod";
import { findSharingOf, lockSharing, type SharingValues, saveSharing } from "../../data/region/sharing.ts";
import type { Db } from "../../db/database.ts";
import { hasRefusedCharacters, refusedCharactersMessage } from "../../domain/text-safety.ts";
import type { Actor } from "../actor.ts";
import { ConflictError, NotFoundError, parseOrRefuse, ValidationError } from "../errors.ts";
import { partnershipOf, requireAdmin } from "../permissions.ts";
import { type GuardOptions, guardText, recordAcknowledgement } from "../privacy/guard.ts";
import { inTransaction } from "../unit-of-work.ts";

/** The largest population Waymark accepts for one partnership's area (England is about 57 million). */
export const MAX_POPULATION = 100_000_000;
export const POPULATION_SOURCE_MAX = 200;

export const sharingSchema = z
  .object({
    shareStatistics: z.boolean(),
    shareRatings: z.boolean(),
    shareFunding: z.boolean(),
    shareAssessments: z.boolean(),
    shareGovernance: z.boolean(),
    population: z
      .number()
      .int("Enter the population as a whole number, like 165300")
      .min(1, "Enter the population as a whole number, like 165300")
      .max(MAX_POPULATION, "Enter a population of 100,000,000 or fewer")
      .nullable(),
    populationSource: z
      .string()
      .trim()
      .max(POPULATION_SOURCE_MAX, `The source must be ${POPULATION_SOURCE_MAX} characters or fewer`)
      .refine((v) => !hasRefusedCharacters(v), refusedCharactersMessage("populationSource")),
  })
  .superRefine((v, ctx) => {
    if (v.population !== null && v.populationSource === "")
      ctx.addIssue({
        code: "custom",
        path: ["populationSource"],
        message: "Enter where the population comes from, like ONS mid-2024 estimate",
      });
    if (v.population === null && v.populationSource !== "")
      ctx.addIssue({
        code: "custom",
        path: ["population"],
        message: "Enter the population the source gives, or clear the source",
      });
  });

export type SharingInput = z.input<typeof sharingSchema>;

export function createRegionSharingService(db: Db) {
  return {
    /** The partnership's region (null when it is in none) and what it shares; every member reads it. */
    async view(actor: Actor) {
      const found = await findSharingOf(db, partnershipOf(actor));
      if (!found) throw new NotFoundError("That partnership");
      return found;
    },

    /** The coordinator saves the switches and the population, if nobody saved since `expectedVersion`. */
    async save(actor: Actor, expectedVersion: number, input: SharingInput, options: GuardOptions = {}) {
      requireAdmin(actor);
      const values = parseOrRefuse(sharingSchema, input);
      const flagged = guardText({ populationSource: values.populationSource }, options);
      const pid = partnershipOf(actor);
      return inTransaction(db, actor, async ({ tx, audit }) => {
        await lockSharing(tx, pid);
        const current = await findSharingOf(tx, pid);
        if (!current) throw new NotFoundError("That partnership");
        const { region, sharing: before } = current;
        if (!region)
          throw new ValidationError([
            { field: "form", message: "This partnership is in no region, so it shares nothing" },
          ]);
        if (before.version !== expectedVersion) throw new ConflictError(before);
        const after = await saveSharing(tx, pid, expectedVersion, values);
        if (!after) throw new ConflictError(before);
        const shown = (row: SharingValues & { version: number }) => ({
          shareStatistics: row.shareStatistics,
          shareRatings: row.shareRatings,
          shareFunding: row.shareFunding,
          shareAssessments: row.shareAssessments,
          shareGovernance: row.shareGovernance,
          population: row.population,
          populationSource: row.populationSource,
          version: row.version,
        });
        audit({
          partnershipId: pid,
          regionId: region.id,
          action: "region-sharing.update",
          entityType: "region-sharing",
          entityId: pid,
          before: shown(before),
          after: shown(after),
        });
        recordAcknowledgement(audit, flagged, {
          partnershipId: pid,
          entityType: "region-sharing",
          entityId: pid,
        });
        return { region, sharing: shown(after) };
      });
    },
  };
}

export type RegionSharingService = ReturnType<typeof createRegionSharingService>;

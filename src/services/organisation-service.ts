import * as data from "../data/organisations.ts";
import { updateVersioned } from "../data/versioned.ts";
import type { Db } from "../db/database.ts";
import { organisations } from "../db/schema.ts";
import type { Actor } from "./actor.ts";
import { ValidationError } from "./errors.ts";
import { found, partnershipOf, requireAdmin } from "./permissions.ts";
import { unwrapUpdate } from "./strategy-service.ts";
import { inTransaction } from "./unit-of-work.ts";

export interface OrganisationInput {
  name: string;
  kind: string;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } }).code ??
    (error as { cause?: { code?: string } }).cause?.code;
  return code === "23505";
}

const nameTaken = (name: string) =>
  new ValidationError([{ field: "name", message: `${name} is already a partner organisation` }]);

export function createOrganisationService(db: Db) {
  return {
    list: (actor: Actor) => data.listOrganisations(db, partnershipOf(actor)),

    get: async (actor: Actor, id: number) =>
      found(await data.findOrganisation(db, partnershipOf(actor), id), "That organisation"),

    async create(actor: Actor, input: OrganisationInput) {
      requireAdmin(actor);
      try {
        return await inTransaction(db, actor, async ({ tx, audit }) => {
          const pid = partnershipOf(actor);
          const [row] = await tx
            .insert(organisations)
            .values({ ...input, partnershipId: pid })
            .returning();
          if (!row) throw new Error("insert returned nothing");
          audit({
            partnershipId: pid,
            action: "organisation.create",
            entityType: "organisation",
            entityId: row.id,
            after: row,
          });
          return row;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    async update(actor: Actor, id: number, expectedVersion: number, input: OrganisationInput) {
      requireAdmin(actor);
      try {
        return await inTransaction(db, actor, async ({ tx, audit }) => {
          const pid = partnershipOf(actor);
          const { before, after } = unwrapUpdate(
            await updateVersioned(tx, organisations, { partnershipId: pid, id, expectedVersion }, input),
            "That organisation",
          );
          audit({
            partnershipId: pid,
            action: "organisation.update",
            entityType: "organisation",
            entityId: id,
            before,
            after,
          });
          return after;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(input.name);
        throw error;
      }
    },
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;

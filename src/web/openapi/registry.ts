// The API contract's building blocks: the registry of named components, the shared scalar schemas
// and the id parameters. Split from openapi.ts so no part of the contract passes 400 lines.
import { z } from "zod";

export const API_PREFIX = "/api/v1";

// ---------------------------------------------------------------------------------------------------
// Component schemas

/** Schemas that appear under components.schemas, keyed by their id there. */
export const componentRegistry = z.registry<{ id: string }>();

/** Registers a schema as a named OpenAPI component; other schemas using it refer to it by $ref. */
export function component<T extends z.ZodType>(id: string, description: string, schema: T): T {
  const described = schema.describe(description) as T;
  componentRegistry.add(described, { id });
  return described;
}

/** Database ids are PostgreSQL integers. */
export const Id = z.int().min(1).max(2_147_483_647);
export const DateTime = z.iso
  .datetime()
  .describe("An instant, ISO 8601 in UTC, e.g. 2025-04-01T09:30:00.000Z");
export const IsoDate = z.iso.date().describe("A calendar date, ISO 8601, e.g. 2025-03-31");
export const Version = z
  .int()
  .min(1)
  .describe("Increases by one with every change to the record; useful for noticing changes");

// ---------------------------------------------------------------------------------------------------
// Parameters

/**
 * A record id in a path or query string. Only 1–9 digits are accepted, so anything else (and any id
 * beyond PostgreSQL's integer range) is rejected before it reaches the database.
 */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, "must be a positive whole number")
  .transform(Number);
export const ID_PARAM_JSON = { type: "integer", minimum: 1, maximum: 999_999_999 } as const;

/** Id parameters, which the document describes as integers (describing a schema copies it). */
export const idParams = new WeakSet<z.ZodType>();
export function idParam(description: string) {
  const schema = IdParam.describe(description);
  idParams.add(schema);
  return schema;
}

export const idPath = (description: string) => z.object({ id: idParam(description) });

/** The five ratings, as stored. */
export const RatingEnum = z.enum(["red", "amber", "green", "grey", "complete"]);

// A partnership's place names as SQL expressions of its index p (see content/places.ts).
import {
  FORCE_CORES,
  FORCE_DIRECTIONS,
  HOUSING_ASSOCIATIONS,
  SPECIALIST_SERVICES,
  TOWN_PREFIXES,
  TOWN_SUFFIXES,
} from "./content/places.ts";
import { elementSql, pickSql, SALT } from "./model.ts";
import { textArray } from "./sql.ts";

/** "Ashbury": unique for the first 360 partnerships (prefix by p, suffix shifted by each block of 20). */
export function townSql(p: string): string {
  const prefix = elementSql(textArray(TOWN_PREFIXES), `(${p}) - 1`);
  const suffix = elementSql(
    textArray(TOWN_SUFFIXES),
    `((${p}) - 1) / ${TOWN_PREFIXES.length} + ((${p}) - 1) % ${TOWN_PREFIXES.length}`,
  );
  return `(${prefix} || ${suffix})`;
}

/** The police force area, shared by eight neighbouring partnerships: "North Marlowe". */
export function forceSql(p: string): string {
  const force = `(((${p}) - 1) / 8)`;
  const direction = elementSql(textArray(FORCE_DIRECTIONS), force);
  const core = elementSql(textArray(FORCE_CORES), `${force} / ${FORCE_DIRECTIONS.length}`);
  return `(${direction} || ' ' || ${core})`;
}

/** The region (1-based id into content/places.ts REGIONS), the same for a force's partnerships. */
export function regionSql(p: string, regions: number): string {
  return `(1 + (((${p}) - 1) / 8) % ${regions})`;
}

export function specialistSql(p: string): string {
  return elementSql(textArray(SPECIALIST_SERVICES), pickSql(p, SALT.names, SPECIALIST_SERVICES.length));
}

export function housingSql(p: string): string {
  return elementSql(textArray(HOUSING_ASSOCIATIONS), pickSql(p, SALT.texts, HOUSING_ASSOCIATIONS.length));
}

/**
 * The benchmark's shared facts: where the synthetic data lives, how big it is, and how to sign in to
 * it. `bench/generate/` writes to these places; `bench/run.ts` reads from them.
 */

/** The PostgreSQL server the bench uses (databases below are created on it). */
export const BENCH_SERVER_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Every partnership in England and Wales, roughly. */
export const NATIONAL_DATABASE = "waymark_bench_national";
/** The same generator with only the first partnership: the "one partnership loaded" comparison. */
export const SINGLE_DATABASE = "waymark_bench_single";
/** One partnership in the embedded database (gitignored folder). */
export const PGLITE_SINGLE_DIR = "bench/data/pglite-single";

export function benchDatabaseUrl(name: string): string {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const SCALE = {
  partnerships: 350,
  organisationsPerPartnership: 12,
  editorsPerOrganisation: 2,
  priorities: 6,
  commitments: 40,
  actionPlans: 5,
  actionsPerPlan: 30,
  /** Quarterly over five years; the last one is open (drafts and not-started updates). */
  rounds: 20,
  indicators: 30,
  /** Monthly over five years. */
  periods: 60,
} as const;

/** Reproducible: the same seed gives the same data. */
export const SEED = 20261123;

/** `bench-001` … `bench-350`; the pages are measured on the first. */
export function partnershipSlug(index: number): string {
  return `bench-${String(index).padStart(3, "0")}`;
}
export const MEASURED_SLUG = partnershipSlug(1);

/** One password for every synthetic user; hashed once at generation. */
export const BENCH_PASSWORD = "waymark-bench-password";
export const coordinatorEmail = (slug: string) => `coordinator@${slug}.example`;
export const viewerEmail = (slug: string) => `viewer@${slug}.example`;
/** organisation 1…12, editor 1…2 */
export const editorEmail = (slug: string, organisation: number, editor: number) =>
  `editor-${organisation}-${editor}@${slug}.example`;

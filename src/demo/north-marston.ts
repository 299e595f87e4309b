// The North Marston region (issue 15): the three smaller partnerships beside Ashvale, and what each
// brings to the loaders Ashvale's data goes through (load.ts, load-progress.ts, load-funding.ts,
// load-governance.ts, load-statistics.ts). The region's own data is in north-marston-standard.ts,
// north-marston-assessments.ts and north-marston-project.ts, loaded by load-region.ts.
import type { DemoFunding } from "./ashvale-funding.ts";
import type { GovernanceStory } from "./load-governance-records.ts";
import { brackenford } from "./north-marston-brackenford.ts";
import type { RegionPartnershipStory, RegionStatisticsSpec } from "./north-marston-builders.ts";
import { corrowVale } from "./north-marston-corrow-vale.ts";
import { deneholme } from "./north-marston-deneholme.ts";
import type { DemoProgress } from "./types.ts";

export const NORTH_MARSTON = { name: "North Marston", slug: "north-marston" } as const;

/** The three smaller partnerships, in the order they load. */
export const NORTH_MARSTON_PARTNERSHIPS: readonly RegionPartnershipStory[] = [
  brackenford,
  corrowVale,
  deneholme,
];

const storyOf = (slug: string) => NORTH_MARSTON_PARTNERSHIPS.find((p) => p.partnership.slug === slug);

export const northMarstonProgress: DemoProgress[] = NORTH_MARSTON_PARTNERSHIPS.map((p) => p.progress);
export const northMarstonFundingOf = (slug: string): DemoFunding | undefined => storyOf(slug)?.funding;
export const northMarstonGovernanceOf = (slug: string): GovernanceStory | undefined =>
  storyOf(slug)?.governance;
export const northMarstonStatisticsSpecOf = (slug: string): RegionStatisticsSpec | undefined =>
  storyOf(slug)?.statistics;

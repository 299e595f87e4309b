// The regional report's commitment ratings (issue 15): for each partnership sharing its ratings, how
// many commitments of its latest strategy stand at each rating — counts, never the commitments'
// words. Ratings are not rebuilt for an earlier day, so a report as at a past date says so instead.

import { RATING_LABELS, RATINGS } from "../../domain/rag.ts";
import type { PartnershipRatings } from "../../services/region/ratings-service.ts";
import type { Cell, ReportSection } from "../model.ts";

export interface RatingsInput {
  shared: readonly PartnershipRatings[];
  notShared: readonly string[];
}

export function ratingsSection(ratings: RatingsInput | null): ReportSection {
  const heading = "Commitment ratings";
  if (ratings === null) {
    return {
      id: "commitment-ratings",
      heading,
      blocks: [
        {
          kind: "paragraph",
          text: "Commitment ratings are shown in a report as at today only: Waymark does not rebuild a partnership's ratings as they stood on an earlier day.",
        },
      ],
    };
  }
  return {
    id: "commitment-ratings",
    heading,
    blocks: [
      {
        kind: "paragraph",
        text: "How many commitments of each partnership's latest strategy stand at each rating today, overrides applied, as its own strategy page shows them.",
      },
      {
        kind: "table",
        table: {
          caption: "Commitments at each rating, by partnership",
          sheetName: "Commitment ratings",
          columns: [
            { header: "Partnership", width: 26 },
            { header: "Strategy", width: 26 },
            ...RATINGS.map((r) => ({ header: RATING_LABELS[r], width: 10 })),
            { header: "Commitments", width: 13 },
          ],
          groupColumns: [],
          groups: [
            {
              heading: null,
              description: null,
              flat: [],
              rows: ratings.shared.map((p): Cell[] => [
                { kind: "text", text: p.name },
                { kind: "text", text: p.strategyTitle ?? "No strategy yet" },
                ...RATINGS.map((r): Cell => ({ kind: "number", value: p.counts[r] })),
                { kind: "number", value: p.commitments },
              ]),
            },
          ],
          landscape: false,
          emptyText: "No partnership of the region shares its commitment ratings.",
        },
      },
      ...(ratings.notShared.length === 0
        ? []
        : [
            {
              kind: "paragraph" as const,
              text: `Not shared with the region, so not included: ${ratings.notShared.join(", ")}.`,
            },
          ]),
    ],
  };
}

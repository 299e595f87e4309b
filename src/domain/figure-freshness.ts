// Whether an indicator's latest figure is as recent as its frequency allows.
//
// Pure: no I/O. WHY: figures arrive late (a quarter's police data a month or two after it ends), so a
// figure one or two periods behind is normal; one further behind is old news, and a board reading
// the key statistics must be told so in words beside it ("latest figure: Q4 2024/25"), not left to
// notice the date in a column.

import {
  financialYearOf,
  type IsoDate,
  monthOf,
  monthPeriod,
  type Period,
  type PeriodKind,
  quarterOf,
  quarterPeriod,
  shiftPeriod,
  yearPeriod,
} from "./periods.ts";

/** How many whole periods a figure may trail the last period that has ended before it is marked. */
export const PERIODS_ALLOWED_BEHIND = 2;

/** The period of `kind` that contains `date`. */
function periodContaining(kind: PeriodKind, date: IsoDate): Period {
  switch (kind) {
    case "year":
      return yearPeriod(financialYearOf(date));
    case "quarter":
      return quarterPeriod(quarterOf(date));
    case "month":
      return monthPeriod(monthOf(date));
  }
}

/** A period's position in a count of periods of its kind (consecutive periods differ by one). */
function periodIndex(p: Period): number {
  switch (p.kind) {
    case "year":
      return financialYearOf(p.start).startYear;
    case "quarter": {
      const q = quarterOf(p.start);
      return q.startYear * 4 + (q.quarter - 1);
    }
    case "month": {
      const m = monthOf(p.start);
      return m.year * 12 + (m.month - 1);
    }
  }
}

export interface FigureFreshness {
  /** The last period of the figure's kind that had ended by the reference date. */
  readonly lastEnded: Period;
  /** How many periods the latest figure trails `lastEnded` (0: it is that period's). */
  readonly behind: number;
  /** True when it trails by more than PERIODS_ALLOWED_BEHIND. */
  readonly stale: boolean;
  /** "latest figure: Q4 2024/25": what a page or pack says beside a stale figure. */
  readonly label: string;
}

/**
 * How far an indicator's latest figure (its period) trails `reference` (the day a page is shown, or
 * the as-at date of a pack). Null when there is no figure at all (that says itself: "No figures yet").
 */
export function figureFreshness(
  latest: Period | null,
  reference: IsoDate,
  allowed: number = PERIODS_ALLOWED_BEHIND,
): FigureFreshness | null {
  if (latest === null) return null;
  const lastEnded = shiftPeriod(periodContaining(latest.kind, reference), -1);
  const behind = Math.max(0, periodIndex(lastEnded) - periodIndex(latest));
  return { lastEnded, behind, stale: behind > allowed, label: `latest figure: ${latest.label}` };
}

// Regional spend and capacity (issue 15): per partnership that shares its funding and per financial
// year, what is allocated, spent and forecast by kind of service and by funder, per 10,000 people
// where the partnership gave its population; the region's totals; contracts ending in the next 18
// months. "Spend" is the money reports' rule (reports/funding/figures.ts: the latest return of the
// year gives spend and forecast), applied by its own functions, so the two never disagree.
import {
  type RegionAllocationRow,
  readContractsEnding,
  readRegionAllocations,
} from "../../data/region/figures-reads.ts";
import type { RegionPartnership } from "../../data/region/sharing.ts";
import type { Executor } from "../../db/database.ts";
import { sumPence, type VarianceThreshold } from "../../domain/funding/money.ts";
import { financialYear, formatFinancialYear, type IsoDate } from "../../domain/periods.ts";
import {
  contractWindowEnd,
  pencePerTenThousand,
  serviceTypeLabel,
  serviceTypeOf,
} from "../../domain/region/figures.ts";
import { SERVICE_TYPES, type ServiceType } from "../../domain/region/vocabulary.ts";
import { allocationFigures, type Measures, sumMeasures } from "../../reports/funding/figures.ts";

/** Allocated, spent to date and forecast outturn, in whole pence. */
export interface SpendAmounts {
  allocatedPence: number;
  spentPence: number;
  forecastPence: number;
}

/** The same per 10,000 people; null where no population was given. */
export type PerTenThousand = SpendAmounts | null;

export interface SpendLine extends SpendAmounts {
  key: string;
  label: string;
  perTenThousand: PerTenThousand;
}

export interface SpendYear extends SpendAmounts {
  yearStart: number;
  /** "2026/27" */
  yearLabel: string;
  perTenThousand: PerTenThousand;
  byServiceType: SpendLine[];
  byFunder: SpendLine[];
}

export type PartnershipSpend =
  | { id: number; name: string; shared: false }
  | {
      id: number;
      name: string;
      shared: true;
      population: number | null;
      populationSource: string;
      years: SpendYear[];
    };

export interface RegionSpendYear extends SpendYear {
  /** How many partnerships' figures make up the per 10,000 amounts (those that gave a population). */
  populationPartnerships: number;
  /** Their population added up. */
  population: number;
}

export interface EndingContract {
  partnershipId: number;
  partnershipName: string;
  service: string;
  serviceType: ServiceType;
  serviceTypeLabel: string;
  provider: string;
  endsOn: IsoDate;
  latestEndOn: IsoDate | null;
  annualValuePence: number | null;
}

export interface SpendAndCapacity {
  asAt: IsoDate;
  /** The last day of the contracts window (18 months on from asAt). */
  windowEnd: IsoDate;
  partnerships: PartnershipSpend[];
  /** The region's totals per year (latest first), over the partnerships that share their funding. */
  region: RegionSpendYear[];
  contractsEnding: EndingContract[];
}

// The money reports' explanation threshold plays no part in a region's totals; any value does.
const NO_THRESHOLD: VarianceThreshold = { percent: null, pence: null };

const amountsOf = (m: Measures): SpendAmounts => ({
  allocatedPence: m.allocatedPence,
  spentPence: m.spentPence,
  forecastPence: m.forecastPence,
});

const sumAmounts = (items: readonly SpendAmounts[]): SpendAmounts => ({
  allocatedPence: sumPence(items.map((i) => i.allocatedPence)),
  spentPence: sumPence(items.map((i) => i.spentPence)),
  forecastPence: sumPence(items.map((i) => i.forecastPence)),
});

function perTenThousand(amounts: SpendAmounts, population: number | null): PerTenThousand {
  if (population === null || population <= 0) return null;
  const each = (pence: number) => pencePerTenThousand(pence, population) ?? 0;
  return {
    allocatedPence: each(amounts.allocatedPence),
    spentPence: each(amounts.spentPence),
    forecastPence: each(amounts.forecastPence),
  };
}

interface Figured {
  row: RegionAllocationRow;
  amounts: SpendAmounts;
  serviceType: ServiceType;
}

function lines(
  items: readonly Figured[],
  keyOf: (f: Figured) => { key: string; label: string },
  order: (a: SpendLine, b: SpendLine) => number,
  population: number | null,
): SpendLine[] {
  const groups = new Map<string, { label: string; items: SpendAmounts[] }>();
  for (const f of items) {
    const k = keyOf(f);
    const group = groups.get(k.key) ?? { label: k.label, items: [] };
    group.items.push(f.amounts);
    groups.set(k.key, group);
  }
  return [...groups]
    .map(([key, g]) => {
      const amounts = sumAmounts(g.items);
      return { key, label: g.label, ...amounts, perTenThousand: perTenThousand(amounts, population) };
    })
    .sort(order);
}

const serviceOrder = (a: SpendLine, b: SpendLine) =>
  SERVICE_TYPES.indexOf(a.key as ServiceType) - SERVICE_TYPES.indexOf(b.key as ServiceType);
const funderOrder = (a: SpendLine, b: SpendLine) =>
  a.key === "" ? 1 : b.key === "" ? -1 : a.label.localeCompare(b.label, "en");

const NO_FUNDER = "Funder not named";

function spendYears(items: readonly Figured[], population: number | null): SpendYear[] {
  const years = [...new Set(items.map((f) => f.row.yearStart))].sort((a, b) => b - a);
  return years.map((yearStart) => {
    const mine = items.filter((f) => f.row.yearStart === yearStart);
    const amounts = sumAmounts(mine.map((f) => f.amounts));
    return {
      yearStart,
      yearLabel: formatFinancialYear(financialYear(yearStart)),
      ...amounts,
      perTenThousand: perTenThousand(amounts, population),
      byServiceType: lines(
        mine,
        (f) => ({ key: f.serviceType, label: serviceTypeLabel(f.serviceType) }),
        serviceOrder,
        population,
      ),
      byFunder: lines(
        mine,
        (f) => ({ key: f.row.funder.trim().toLowerCase(), label: f.row.funder.trim() || NO_FUNDER }),
        funderOrder,
        population,
      ),
    };
  });
}

/** Everything the spend page, its spreadsheet and the regional report show. Three queries. */
export async function readSpendAndCapacity(
  db: Executor,
  all: readonly RegionPartnership[],
  sharing: readonly RegionPartnership[],
  asAt: IsoDate,
): Promise<SpendAndCapacity> {
  const ids = sharing.map((p) => p.id);
  const windowEnd = contractWindowEnd(asAt);
  const [allocations, ending] = await Promise.all([
    readRegionAllocations(db, ids),
    readContractsEnding(db, ids, asAt, windowEnd),
  ]);
  const figured: Figured[] = allocations.map((row) => ({
    row,
    amounts: amountsOf(sumMeasures([allocationFigures(row, NO_THRESHOLD)])),
    serviceType: serviceTypeOf(row.serviceType, row.contractServiceType),
  }));
  const shared = new Map(sharing.map((p) => [p.id, p]));
  const partnerships: PartnershipSpend[] = all.map((p) => {
    const own = shared.get(p.id);
    if (!own) return { id: p.id, name: p.name, shared: false };
    return {
      id: p.id,
      name: p.name,
      shared: true,
      population: own.population,
      populationSource: own.populationSource,
      years: spendYears(
        figured.filter((f) => f.row.partnershipId === p.id),
        own.population,
      ),
    };
  });
  return {
    asAt,
    windowEnd,
    partnerships,
    region: regionYears(figured, sharing),
    contractsEnding: ending.flatMap((c) => {
      const p = shared.get(c.partnershipId);
      if (!p || c.endsOn === null) return [];
      const type = serviceTypeOf(c.serviceType, null);
      return [
        {
          partnershipId: p.id,
          partnershipName: p.name,
          service: c.service,
          serviceType: type,
          serviceTypeLabel: serviceTypeLabel(type),
          provider: c.provider,
          endsOn: c.endsOn,
          latestEndOn: c.latestEndOn,
          annualValuePence: c.annualValuePence,
        },
      ];
    }),
  };
}

/**
 * The region's years: every sharing partnership's amounts added up; per 10,000 people over the
 * partnerships that gave a population only (their spend over their people), so a partnership without
 * one neither inflates nor dilutes the rate.
 */
function regionYears(figured: readonly Figured[], sharing: readonly RegionPartnership[]): RegionSpendYear[] {
  const counted = sharing.filter((p) => p.population !== null && p.population > 0);
  const countedIds = new Set(counted.map((p) => p.id));
  const population = counted.reduce((sum, p) => sum + (p.population ?? 0), 0);
  const totals = spendYears(figured, null);
  const withPopulation = spendYears(
    figured.filter((f) => countedIds.has(f.row.partnershipId)),
    population > 0 ? population : null,
  );
  return totals.map((year) => {
    const rated = withPopulation.find((y) => y.yearStart === year.yearStart);
    const rate = (line: SpendLine, from: SpendLine[] | undefined) =>
      from?.find((l) => l.key === line.key)?.perTenThousand ?? null;
    return {
      ...year,
      perTenThousand: rated?.perTenThousand ?? null,
      byServiceType: year.byServiceType.map((l) => ({ ...l, perTenThousand: rate(l, rated?.byServiceType) })),
      byFunder: year.byFunder.map((l) => ({ ...l, perTenThousand: rate(l, rated?.byFunder) })),
      populationPartnerships: counted.length,
      population,
    };
  });
}

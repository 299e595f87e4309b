// The money reports built from live data for an actor: who may see which allocations is decided
// here, from the permission model (services/permissions.ts), before anything is drawn.
import {
  hasFunding,
  readContracts,
  readFundingYear,
  readFundingYears,
  readMilestones,
  readPartnershipName,
} from "../../data/funding/report-reads.ts";
import { readTogether } from "../../data/read-together.ts";
import type { Executor } from "../../db/database.ts";
import {
  financialYear,
  financialYearOf,
  formatFinancialYear,
  type IsoDate,
  ukDateOf,
} from "../../domain/periods.ts";
import type { Actor } from "../../services/actor.ts";
import { NotFoundError } from "../../services/errors.ts";
import { partnershipOf, roleOf } from "../../services/permissions.ts";
import type { ReportDocument } from "../model.ts";
import { commissioningTimelineDocument } from "./commissioning-timeline.ts";
import { type AllocationScope, useOfFundingDocument } from "./use-of-funding.ts";

/** The coordinator sees every allocation, an editor their organisation's, anyone else the totals. */
export function allocationScope(actor: Actor): AllocationScope {
  const role = roleOf(actor);
  if (role === "admin") return { kind: "all" };
  if (role === "editor" && actor.kind === "member")
    return { kind: "organisation", organisationId: actor.organisationId };
  return { kind: "totals" };
}

export interface UseOfFundingOptions {
  /** The financial year's start (2026 for 2026/27); default: the year of today. */
  yearStart?: number;
  today?: IsoDate;
  mainTable?: "allocations" | "streams";
}

export async function buildUseOfFunding(
  db: Executor,
  actor: Actor,
  options: UseOfFundingOptions = {},
): Promise<ReportDocument> {
  const pid = partnershipOf(actor);
  const today = options.today ?? ukDateOf(new Date());
  const yearStart = options.yearStart ?? financialYearOf(today).startYear;
  const [partnership, data] = await readTogether(db, [
    () => readPartnershipName(db, pid),
    () => readFundingYear(db, pid, yearStart),
  ] as const);
  if (!partnership) throw new NotFoundError("That partnership");
  return useOfFundingDocument({
    partnership,
    data,
    today,
    scope: allocationScope(actor),
    ...(options.mainTable ? { mainTable: options.mainTable } : {}),
  });
}

export async function buildCommissioningTimeline(
  db: Executor,
  actor: Actor,
  today: IsoDate = ukDateOf(new Date()),
): Promise<ReportDocument> {
  const pid = partnershipOf(actor);
  const [partnership, contracts, milestones] = await readTogether(db, [
    () => readPartnershipName(db, pid),
    () => readContracts(db, pid),
    () => readMilestones(db, pid),
  ] as const);
  if (!partnership) throw new NotFoundError("That partnership");
  return commissioningTimelineDocument({ partnership, contracts, milestones, today });
}

/**
 * What the reports page offers for money: whether the partnership holds any funding or contracts,
 * and the financial years with funding (the current one too), latest first.
 */
export async function fundingChoices(db: Executor, actor: Actor, today: IsoDate = ukDateOf(new Date())) {
  const pid = partnershipOf(actor);
  const [has, held] = await readTogether(db, [
    () => hasFunding(db, pid),
    () => readFundingYears(db, pid),
  ] as const);
  const current = financialYearOf(today).startYear;
  const years = [...new Set([...held, current])].sort((a, b) => b - a);
  return {
    has,
    current,
    years: years.map((y) => ({ value: String(y), text: formatFinancialYear(financialYear(y)) })),
  };
}

// Money and commissioning read for the API (issue 14): streams, allocations, spend and contracts of
// the actor's partnership. Who reads what: any member or token the streams and contracts; a token
// marked public (an open-data feed) not the allocations and spend, which name what each partner is
// given and spends — those stay with the partnership and the tokens it trusts.

import {
  readAllocations,
  readContracts,
  readContributions,
  readMilestones,
  readPartnershipName,
  readSpend,
  readStreams,
  readThreshold,
} from "../../data/funding/report-reads.ts";
import { isPublicToken } from "../../data/indicators.ts";
import { readTogether } from "../../data/read-together.ts";
import type { Db } from "../../db/database.ts";
import type { Actor } from "../actor.ts";
import { ForbiddenError, NotFoundError } from "../errors.ts";
import { partnershipOf } from "../permissions.ts";

export function createFundingReportService(db: Db) {
  async function refusePublic(actor: Actor): Promise<void> {
    if (actor.kind === "token" && (await isPublicToken(db, actor.partnershipId, actor.tokenId)))
      throw new ForbiddenError(
        "A public token reads funding streams and contracts, not allocations or spend",
      );
  }
  return {
    async streams(actor: Actor, yearStart?: number) {
      const pid = partnershipOf(actor);
      const [streams, contributions] = await readTogether(db, [
        () => readStreams(db, pid, yearStart),
        () => readContributions(db, pid, yearStart),
      ] as const);
      return { streams, contributions };
    },
    async allocations(actor: Actor, yearStart?: number) {
      await refusePublic(actor);
      const pid = partnershipOf(actor);
      const [allocations, threshold] = await readTogether(db, [
        () => readAllocations(db, pid, yearStart),
        () => readThreshold(db, pid),
      ] as const);
      return { allocations, threshold };
    },
    async spend(actor: Actor, yearStart?: number) {
      await refusePublic(actor);
      return readSpend(db, partnershipOf(actor), yearStart);
    },
    async contracts(actor: Actor) {
      const pid = partnershipOf(actor);
      const [partnership, contracts, milestones] = await readTogether(db, [
        () => readPartnershipName(db, pid),
        () => readContracts(db, pid),
        () => readMilestones(db, pid),
      ] as const);
      if (!partnership) throw new NotFoundError("That partnership");
      return { partnership, contracts, milestones };
    },
    async partnership(actor: Actor) {
      const row = await readPartnershipName(db, partnershipOf(actor));
      if (!row) throw new NotFoundError("That partnership");
      return row;
    },
  };
}

export type FundingReportService = ReturnType<typeof createFundingReportService>;

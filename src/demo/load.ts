import { eq } from "drizzle-orm";
import type { Db } from "../db/database.ts";
import {
  actionLeads,
  actionPlans,
  actions,
  boards,
  commitmentLinks,
  commitments,
  memberships,
  milestones,
  organisations,
  partnerships,
  priorities,
  regions,
  strategies,
  users,
} from "../db/schema.ts";
import type { IsoDate } from "../domain/periods.ts";
import { slugFromName } from "../domain/region/vocabulary.ts";
import { systemActor } from "../services/actor.ts";
import { hashPassword } from "../services/passwords.ts";
import { inTransaction } from "../services/unit-of-work.ts";
import { demoCalendar, partnershipOn } from "./calendar.ts";
import { fundingStoryOf, loadDemoFunding } from "./load-funding.ts";
import { governanceStoryOf, loadDemoGovernance } from "./load-governance.ts";
import { type DemoProgressIds, loadDemoProgress } from "./load-progress.ts";
import { loadDemoStatistics, statisticsStoryOf } from "./load-statistics.ts";
import type { DemoPartnership } from "./types.ts";

/** Every demo user signs in with this password; demo data is never loaded in production. */
export const DEMO_PASSWORD = "waymark-demo-password";

export interface DemoLoadResult {
  loaded: boolean;
  partnershipId: number;
  signIns: { email: string; role: string; purpose: string }[];
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Demo data refers to an unknown ${what}`);
  return value;
}

/**
 * Loads a demo partnership once (a second call finds its slug and does nothing), with set-based
 * inserts in one transaction so `npm start` stays fast on the embedded database.
 */
export interface DemoLoadOptions {
  /**
   * Load the history of update rounds and partners' updates too (default). Tests that build their own
   * rounds turn it off to start from a partnership with plans but no progress yet.
   */
  progress?: boolean;
  /**
   * The day the demo is loaded for (default: today). The story's dates move to it, so the live round is
   * always the quarter just ended (src/demo/calendar.ts). Tests pin it to get the same data every day.
   */
  today?: Date | IsoDate;
  /** The clock for the live round's deadline and opening (default: now). */
  now?: Date;
}

export async function loadDemoPartnership(
  db: Db,
  story: DemoPartnership,
  options: DemoLoadOptions = {},
): Promise<DemoLoadResult> {
  const signIns = story.users.map((u) => ({ email: u.email, role: u.role, purpose: u.purpose }));
  const [existing] = await db.select().from(partnerships).where(eq(partnerships.slug, story.slug));
  if (existing) return { loaded: false, partnershipId: existing.id, signIns };
  // Moved to the day only when it is loaded: a start on an existing data folder skips the copy.
  const calendar = demoCalendar(options.today ?? options.now ?? new Date());
  const demo = partnershipOn(story, calendar);

  // scrypt runs on libuv's thread pool: it hashes while the plans go in, and is awaited for the users.
  const passwordHash = hashPassword(DEMO_PASSWORD);
  passwordHash.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
  return inTransaction(db, systemActor("demo loader"), async ({ tx, audit }) => {
    await tx
      .insert(regions)
      .values({ name: demo.region, slug: slugFromName(demo.region) })
      .onConflictDoNothing();
    const [region] = await tx.select().from(regions).where(eq(regions.name, demo.region));
    const [partnership] = await tx
      .insert(partnerships)
      .values({ slug: demo.slug, name: demo.name, areaName: demo.areaName, regionId: region?.id ?? null })
      .returning();
    const pid = need(partnership, "partnership").id;

    const orgRows = await tx
      .insert(organisations)
      .values(demo.organisations.map((o) => ({ partnershipId: pid, name: o.name, kind: o.kind })))
      .returning({ id: organisations.id });
    const orgId = new Map(demo.organisations.map((o, i) => [o.key, need(orgRows[i], "organisation").id]));

    // Boards: insert in an order where parents come first.
    const boardId = new Map<string, number>();
    const pending = [...demo.boards];
    while (pending.length > 0) {
      const index = pending.findIndex((b) => !b.parent || boardId.has(b.parent));
      const board = need(pending.splice(index, 1)[0], "board parent");
      const [row] = await tx
        .insert(boards)
        .values({
          partnershipId: pid,
          name: board.name,
          description: board.description,
          parentBoardId: board.parent ? need(boardId.get(board.parent), `board ${board.parent}`) : null,
        })
        .returning({ id: boards.id });
      boardId.set(board.key, need(row, "board").id);
    }

    const s = demo.strategy;
    const [strategy] = await tx
      .insert(strategies)
      .values({
        partnershipId: pid,
        title: s.title,
        startYear: s.startYear,
        endYear: s.endYear,
        vision: s.vision,
        framework: "priorities",
        itemLabel: "Commitment",
      })
      .returning({ id: strategies.id });
    const strategyId = need(strategy, "strategy").id;
    const priorityRows = await tx
      .insert(priorities)
      .values(
        s.priorities.map((p, i) => ({
          partnershipId: pid,
          strategyId,
          number: p.number,
          title: p.title,
          outcome: p.outcome,
          position: i + 1,
        })),
      )
      .returning({ id: priorities.id });
    const flatCommitments = s.priorities.flatMap((p, pi) =>
      p.commitments.map((c) => ({ ...c, priorityId: need(priorityRows[pi], "priority").id })),
    );
    const commitmentRows = await tx
      .insert(commitments)
      .values(
        flatCommitments.map((c, i) => ({
          partnershipId: pid,
          strategyId,
          priorityId: c.priorityId,
          number: c.number,
          text: c.text,
          position: i + 1,
        })),
      )
      .returning({ id: commitments.id });
    const commitmentId = new Map(
      flatCommitments.map((c, i) => [c.number, need(commitmentRows[i], "commitment").id]),
    );
    const links = flatCommitments.flatMap((c) =>
      (c.seeAlso ?? []).map((to) => ({
        partnershipId: pid,
        fromCommitmentId: need(commitmentId.get(c.number), `commitment ${c.number}`),
        toCommitmentId: need(commitmentId.get(to), `commitment ${to}`),
      })),
    );
    if (links.length > 0) await tx.insert(commitmentLinks).values(links);

    const loadedPlans: DemoProgressIds["plans"] = [];
    for (const plan of demo.actionPlans) {
      const [planRow] = await tx
        .insert(actionPlans)
        .values({
          partnershipId: pid,
          strategyId,
          name: plan.name,
          startsOn: plan.startsOn,
          endsOn: plan.endsOn,
        })
        .returning({ id: actionPlans.id });
      const planId = need(planRow, "action plan").id;
      const actionRows = await tx
        .insert(actions)
        .values(
          plan.actions.map((a, i) => ({
            partnershipId: pid,
            actionPlanId: planId,
            commitmentId: need(commitmentId.get(a.commitment), `commitment ${a.commitment}`),
            what: a.what,
            how: a.how,
            performanceTarget: a.performanceTarget,
            dueOn: a.dueOn ?? null,
            position: i + 1,
          })),
        )
        .returning({ id: actions.id });
      loadedPlans.push({ name: plan.name, id: planId, actionIds: actionRows.map((r) => r.id) });
      const leadRows = plan.actions.flatMap((a, i) =>
        [...new Set(a.leads)].map((key) => ({
          partnershipId: pid,
          actionId: need(actionRows[i], "action").id,
          organisationId: need(orgId.get(key), `organisation ${key}`),
        })),
      );
      if (leadRows.length > 0) await tx.insert(actionLeads).values(leadRows);
      const milestoneRows = plan.actions.flatMap((a, i) =>
        (a.milestones ?? []).map((m, mi) => ({
          partnershipId: pid,
          actionId: need(actionRows[i], "action").id,
          description: m.description,
          dueOn: m.dueOn,
          done: m.done,
          position: mi + 1,
        })),
      );
      if (milestoneRows.length > 0) await tx.insert(milestones).values(milestoneRows);
    }
    // Demo users may already exist from another demo partnership; reuse them by e-mail.
    const hash = await passwordHash;
    await tx
      .insert(users)
      .values(demo.users.map((u) => ({ email: u.email, name: u.name, passwordHash: hash })))
      .onConflictDoNothing();
    const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
    const userId = new Map(userRows.map((u) => [u.email.toLowerCase(), u.id]));
    await tx.insert(memberships).values(
      demo.users.map((u) => ({
        partnershipId: pid,
        userId: need(userId.get(u.email.toLowerCase()), `user ${u.email}`),
        organisationId: need(orgId.get(u.organisation), `organisation ${u.organisation}`),
        role: u.role,
      })),
    );

    // The history of update rounds and partners' updates (src/demo/ashvale-progress.ts), if any.
    if (options.progress !== false)
      await loadDemoProgress(
        tx,
        {
          demo,
          partnershipId: pid,
          plans: loadedPlans,
          organisationIds: orgId,
          userIds: userId,
        },
        { calendar, now: options.now },
      );
    // Key statistics: indicators and five years of figures (src/demo/ashvale-statistics.ts).
    const statistics = statisticsStoryOf(demo.slug);
    if (statistics)
      await loadDemoStatistics(tx, statistics(calendar), {
        partnershipId: pid,
        areaName: demo.areaName,
        organisationIds: orgId,
        commitmentIds: commitmentId,
        calendar,
      });
    // Money and commissioning: streams, allocations, spend and contracts (src/demo/ashvale-funding.ts).
    const funding = fundingStoryOf(demo.slug);
    if (funding)
      await loadDemoFunding(tx, funding, {
        partnershipId: pid,
        organisationIds: orgId,
        plans: demo.actionPlans.map((plan, i) => ({
          plan,
          actionIds: need(loadedPlans[i], "plan").actionIds,
        })),
        calendar,
      });

    // Governance: terms, seats, a year of meetings, the forward plan (src/demo/ashvale-governance.ts).
    const governance = governanceStoryOf(demo.slug);
    if (governance)
      await loadDemoGovernance(tx, governance, {
        partnershipId: pid,
        today: calendar.today,
        boardIds: boardId,
        boardNames: new Map(demo.boards.map((b) => [b.key, b.name])),
        organisationIds: orgId,
        userIds: userId,
        userOrganisations: new Map(demo.users.map((u) => [u.email.toLowerCase(), u.organisation])),
        commitmentIds: commitmentId,
        strategyId,
        actionPlanIds: loadedPlans.map((p) => p.id),
      });

    audit({
      partnershipId: pid,
      action: "demo.load",
      entityType: "partnership",
      entityId: pid,
      after: { slug: demo.slug, commitments: flatCommitments.length, actionPlans: demo.actionPlans.length },
    });
    return { loaded: true, partnershipId: pid, signIns };
  });
}

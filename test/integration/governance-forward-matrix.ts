// The forward plan and context items part of the permission matrix (permissions.test.ts): the ids
// their routes need in each partnership (a meeting of the partnership's first board, a report on the
// forward plan routed from it, a context item), and a valid body for each POST route, so a refusal
// proves the permission check and not validation.
import { asc, eq } from "drizzle-orm";
import { boards, strategies } from "../../src/db/schema.ts";
import { contextItems, forwardPlanItems, meetings } from "../../src/db/schema-governance.ts";
import type { Actor } from "../../src/services/actor.ts";
import { partnershipOf } from "../../src/services/permissions.ts";
import type { TestApp } from "../support/app.ts";
import { ukDay } from "./mail-helpers.ts";

type Ids = Record<string, number>;
type Body = (ids: Ids) => Promise<Record<string, string | string[]>>;

export async function governanceForwardMatrixIds(t: TestApp, actor: Actor): Promise<Ids> {
  const db = t.database.db;
  const pid = partnershipOf(actor);
  const [board] = await db
    .select()
    .from(boards)
    .where(eq(boards.partnershipId, pid))
    .orderBy(asc(boards.id))
    .limit(1);
  if (!board) throw new Error("the matrix partnership has no board");
  const [meeting] = await db
    .insert(meetings)
    .values({ partnershipId: pid, boardId: board.id, meetsOn: ukDay(40), packDueOn: ukDay(30) })
    .returning();
  const item = await t.services.governanceForward.create(actor, {
    title: "Matrix report",
    reportKind: "other",
    subject: "",
    author: "",
    notes: "",
    firstMeetingId: meeting!.id,
  });
  const context = await t.services.governanceContext.create(actor, {
    title: "Matrix bill",
    kind: "bill",
    stage: "Second reading",
    stageOn: null,
    summary: "",
    link: "",
  });
  // Attached somewhere, so its edit page shows the detach form (the bad-input test reads forms from pages).
  await t.services.governanceContext.attach(actor, context.id, "report:key-statistics");
  return { forwardItemId: item.id, contextItemId: context.id, forwardMeetingId: meeting!.id };
}

export function governanceForwardMatrixBodies(app: () => TestApp, next: () => number): Record<string, Body> {
  const db = () => app().database.db;
  const strategyTarget = async (ids: Ids) => {
    const [s] = await db()
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.id, ids.strategyId!));
    return `report:strategy-review:strategy:${s?.id ?? ids.strategyId}`;
  };
  return {
    "POST /p/:slug/forward-plan/new": async (ids) => ({
      reportKind: "other",
      title: `Matrix report ${next()}`,
      firstMeetingId: String(ids.forwardMeetingId),
    }),
    "POST /p/:slug/forward-plan/:forwardItemId/edit": async (ids) => {
      const [item] = await db()
        .select()
        .from(forwardPlanItems)
        .where(eq(forwardPlanItems.id, ids.forwardItemId!));
      return {
        version: String(item?.version ?? 1),
        reportKind: "other",
        title: `Matrix report ${next()}`,
        author: "",
        notes: "",
      };
    },
    "POST /p/:slug/context-items/new": async () => ({ title: `Matrix bill ${next()}`, kind: "bill" }),
    "POST /p/:slug/context-items/:contextItemId/edit": async (ids) => {
      const [item] = await db().select().from(contextItems).where(eq(contextItems.id, ids.contextItemId!));
      return { version: String(item?.version ?? 1), title: `Matrix bill ${next()}`, kind: "act" };
    },
    "POST /p/:slug/context-items/:contextItemId/attach": async (ids) => ({
      target: await strategyTarget(ids),
    }),
    "POST /p/:slug/context-items/:contextItemId/detach": async (ids) => ({
      target: await strategyTarget(ids),
    }),
  };
}

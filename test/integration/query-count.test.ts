import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  actionLeads,
  actionPlans,
  actions,
  boards,
  memberships,
  roundActions,
  rounds,
  strategies,
  updates,
  users,
} from "../../src/db/schema.ts";
import { meetings } from "../../src/db/schema-governance.ts";
import { demoCalendar, STORY_DAY } from "../../src/demo/calendar.ts";
import { quarterOf } from "../../src/domain/periods.ts";
import { systemActor } from "../../src/services/actor.ts";
import { recomputeFromRound } from "../../src/services/rating-engine.ts";
import { createTestApp, demoUser, type TestApp, TestClient } from "../support/app.ts";
import { testDatabaseKinds } from "../support/database.ts";
import { fundingBaseline, growFunding } from "./funding-growth.ts";
import { growFunding as growReportFunding } from "./funding-report-growth.ts";
import { buildForwardFixture, type ForwardFixture } from "./governance-forward-fixture.ts";
import { type DemoMeeting, demoHeldMeeting, growMeeting } from "./governance-meetings-growth.ts";
import { seedPackFixture } from "./governance-packs-fixture.ts";
import {
  type AssessmentPagesFixture,
  assessmentPagesBaseline,
  growAssessmentPages,
} from "./query-count-assessments.ts";

/** The demo's live financial year (it loads on the story's day): the money reports' year. */
const FUNDING_YEAR = demoCalendar(STORY_DAY).liveQuarter.startYear;
// Issue 6: no page may cost more queries because it shows more commitments, actions, updates, rounds
// or ratings. Each page is fetched once on the demo (with its two years of progress), then again after
// a lot more of everything has been added; the number of statements sent must not change. The pages
// are checked to have grown, so the test cannot pass by showing nothing.

interface Page {
  name: string;
  who: "coordinator" | "editor" | "region lead";
  url: string;
}

interface Measured {
  queries: number;
  status: number;
  body: string;
}

describe.each(testDatabaseKinds())("queries per page do not grow with the data (%s)", (kind) => {
  let t: TestApp;
  let coordinator: TestClient;
  let editor: TestClient;
  let pid: number;
  let pages: Page[];
  const before = new Map<string, Measured>();
  const after = new Map<string, Measured>();
  const db = () => t.database.db;
  /** Ids the growth step refers to. */
  let ids: {
    boardId: number;
    meetingId: number;
    acceptedUpdateId: number;
    strategyId: number;
    planId: number;
    openRoundId: number;
    commitmentId: number;
    editorActionId: number;
    policeOrgId: number;
    otherOrgId: number;
    streamId: number;
    allocationId: number;
    fundingYear: number;
    contractId: number;
    standardId: number;
  };
  let meeting: DemoMeeting;
  let assessments: AssessmentPagesFixture;

  async function measure(page: Page): Promise<Measured> {
    const client =
      page.who === "coordinator" ? coordinator : page.who === "editor" ? editor : assessments.lead;
    const start = t.database.queryCount();
    const response = await client.get(page.url);
    const queries = t.database.queryCount() - start;
    return { queries, status: response.statusCode, body: response.body };
  }

  beforeAll(async () => {
    t = await createTestApp({ kind, demo: true, demoProgress: true, config: { pageCache: false } });
    const [strategy] = await db()
      .select()
      .from(strategies)
      .orderBy(desc(strategies.startYear), desc(strategies.id))
      .limit(1);
    if (!strategy) throw new Error("the demo has no strategy");
    pid = strategy.partnershipId;
    const [openRound] = await db()
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, pid), eq(rounds.status, "open")))
      .orderBy(desc(rounds.openedAt))
      .limit(1);
    if (!openRound) throw new Error("the demo has no open round");

    const police = demoUser("editor", "police");
    const [membership] = await db()
      .select({ organisationId: memberships.organisationId, userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.partnershipId, pid), eq(users.email, police.email)));
    if (!membership) throw new Error("the police editor has no membership");
    // An action of the open round that police lead and nobody has started: its update form.
    const [owed] = await db()
      .select({ actionId: roundActions.actionId, commitmentId: actions.commitmentId })
      .from(roundActions)
      .innerJoin(actions, eq(actions.id, roundActions.actionId))
      .innerJoin(actionLeads, eq(actionLeads.actionId, roundActions.actionId))
      .leftJoin(
        updates,
        and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
      )
      .where(
        and(
          eq(roundActions.roundId, openRound.id),
          eq(actionLeads.organisationId, membership.organisationId),
          isNull(updates.id),
        ),
      )
      .orderBy(asc(roundActions.actionId))
      .limit(1);
    if (!owed) throw new Error("the police owe nothing in the open round");
    const [other] = await db()
      .select({ organisationId: actionLeads.organisationId })
      .from(actionLeads)
      .where(eq(actionLeads.partnershipId, pid))
      .orderBy(desc(actionLeads.organisationId))
      .limit(1);
    const [accepted] = await db()
      .select({ id: updates.id })
      .from(updates)
      .where(and(eq(updates.partnershipId, pid), eq(updates.status, "accepted")))
      .orderBy(asc(updates.id))
      .limit(1);
    if (!accepted) throw new Error("the demo has no accepted update");
    const [board] = await db()
      .select()
      .from(boards)
      .where(eq(boards.partnershipId, pid))
      .orderBy(asc(boards.id))
      .limit(1);
    const [firstMeeting] = await db()
      .select()
      .from(meetings)
      .where(eq(meetings.boardId, board!.id))
      .orderBy(asc(meetings.id))
      .limit(1);
    ids = {
      boardId: board!.id,
      meetingId: firstMeeting!.id,
      acceptedUpdateId: accepted.id,
      strategyId: strategy.id,
      planId: openRound.actionPlanId,
      openRoundId: openRound.id,
      commitmentId: owed.commitmentId,
      editorActionId: owed.actionId,
      policeOrgId: membership.organisationId,
      otherOrgId:
        other && other.organisationId !== membership.organisationId
          ? other.organisationId
          : membership.organisationId,
      ...(await fundingBaseline(t, pid, owed.actionId, quarterOf(openRound.periodStart).startYear)),
      fundingYear: quarterOf(openRound.periodStart).startYear,
      contractId: 0,
      standardId: 0,
    };
    // A quality standard the partnership adopted for itself (issue 15).
    ids.standardId = (
      await t.services.standards.create(systemActor("query-count test", pid), {
        source: { kind: "template", key: "marac-ten-principles" },
        name: "Query-count standard",
      })
    ).id;

    // The forward plan's pages: a report routed up the chain and a context item attached to it.
    forward = await buildForwardFixture(db(), pid);
    forwardItemId = (await addForwardReport(0)).id;
    await addContextItem(0);

    coordinator = new TestClient(t.app);
    await coordinator.signIn(demoUser("admin").email);
    editor = new TestClient(t.app);
    await editor.signIn(police.email);

    // A meeting with an agenda (a strategy review, a commitment, free text) and a published pack.
    const packMeeting = await seedPackFixture(db(), "ashvale");
    const { pack } = await t.services.governancePacks.publish(
      systemActor("query-count test", pid),
      packMeeting.meetingId,
      {
        reason: "",
        seenVersions: 0,
      },
    );
    // The demo may not hold contracts yet: one in procurement (with its milestones) to measure.
    ids.contractId = (await growthContract(0)).id;
    meeting = await demoHeldMeeting(t, pid);
    assessments = await assessmentPagesBaseline(t, pid);
    pages = [
      { name: "partnership home", who: "coordinator", url: "/p/ashvale/" },
      {
        name: "meeting pack draft",
        who: "coordinator",
        url: `/p/ashvale/meetings/${packMeeting.meetingId}/pack`,
      },
      { name: "published meeting pack", who: "editor", url: `/p/ashvale/packs/${pack.id}` },
      { name: "strategy page", who: "coordinator", url: `/p/ashvale/strategies/${ids.strategyId}` },
      { name: "commitment page", who: "coordinator", url: `/p/ashvale/commitments/${ids.commitmentId}` },
      { name: "action plan page", who: "coordinator", url: `/p/ashvale/action-plans/${ids.planId}` },
      { name: "round status page", who: "coordinator", url: `/p/ashvale/rounds/${ids.openRoundId}` },
      {
        name: "strategy review report",
        who: "coordinator",
        url: `/p/ashvale/reports/strategy-review?strategy=${ids.strategyId}&format=html`,
      },
      {
        name: "strategy review report in summary mode",
        who: "coordinator",
        url: `/p/ashvale/reports/strategy-review?strategy=${ids.strategyId}&format=html&mode=summary`,
      },
      { name: "board paper form", who: "coordinator", url: "/p/ashvale/reports/strategy-review/paper" },
      {
        name: "board summaries form",
        who: "coordinator",
        url: `/p/ashvale/strategies/${ids.strategyId}/board-summaries`,
      },
      {
        name: "update form",
        who: "editor",
        url: `/p/ashvale/rounds/${ids.openRoundId}/actions/${ids.editorActionId}/update`,
      },
      { name: "your updates", who: "editor", url: "/p/ashvale/your-updates" },
      { name: "import a strategy", who: "coordinator", url: "/p/ashvale/strategies/import" },
      { name: "import an action plan", who: "coordinator", url: "/p/ashvale/action-plans/import" },
      { name: "people page", who: "coordinator", url: "/p/ashvale/people" },
      { name: "your account", who: "editor", url: "/account" },
      { name: "your two-factor sign-in", who: "editor", url: "/account/two-factor" },
      { name: "set up two-factor sign-in", who: "editor", url: "/account/two-factor/set-up" },
      { name: "your sessions", who: "editor", url: "/account/sessions" },
      {
        name: "reset a person's two-factor",
        who: "coordinator",
        url: `/p/ashvale/people/${membership.userId}/two-factor/reset`,
      },
      { name: "partner's home", who: "editor", url: "/p/ashvale/" },
      { name: "audit log", who: "coordinator", url: "/p/ashvale/audit" },
      {
        name: "redact a passage",
        who: "coordinator",
        url: `/p/ashvale/updates/${ids.acceptedUpdateId}/redact`,
      },
      { name: "manage", who: "coordinator", url: "/p/ashvale/manage" },
      { name: "sign-in settings", who: "coordinator", url: "/p/ashvale/sign-in-settings" },
      { name: "sharing with the region", who: "coordinator", url: "/p/ashvale/manage/region" },
      { name: "region's people", who: "region lead", url: `/r/${assessments.regionSlug}/people` },
      { name: "region's audit log", who: "region lead", url: `/r/${assessments.regionSlug}/audit` },
      {
        name: "use of funding",
        who: "coordinator",
        url: `/p/ashvale/reports/use-of-funding?year=${FUNDING_YEAR}`,
      },
      {
        name: "use of funding, a partner's",
        who: "editor",
        url: `/p/ashvale/reports/use-of-funding?year=${FUNDING_YEAR}`,
      },
      {
        name: "commissioning timeline",
        who: "coordinator",
        url: "/p/ashvale/reports/commissioning-timeline",
      },
      { name: "forward plan", who: "coordinator", url: "/p/ashvale/forward-plan" },
      { name: "forward plan by board", who: "editor", url: "/p/ashvale/forward-plan?group=board" },
      { name: "a report's route", who: "coordinator", url: `/p/ashvale/forward-plan/${forwardItemId}` },
      {
        name: "a board's forward plan",
        who: "editor",
        url: `/p/ashvale/boards/${forward.boards.dasg}/forward-plan`,
      },
      { name: "context items", who: "coordinator", url: "/p/ashvale/context-items" },
      {
        name: "context item form",
        who: "coordinator",
        url: `/p/ashvale/context-items/${contextItemId}/edit`,
      },
      { name: "boards", who: "editor", url: "/p/ashvale/boards" },
      { name: "board page", who: "editor", url: `/p/ashvale/boards/${ids.boardId}` },
      { name: "board page (coordinator)", who: "coordinator", url: `/p/ashvale/boards/${ids.boardId}` },
      { name: "attendance form", who: "coordinator", url: `/p/ashvale/meetings/${ids.meetingId}/attendance` },
      { name: "funding", who: "coordinator", url: "/p/ashvale/funding" },
      { name: "quality standards", who: "editor", url: "/p/ashvale/standards" },
      { name: "quality standard", who: "coordinator", url: `/p/ashvale/standards/${ids.standardId}` },
      { name: "funding stream", who: "coordinator", url: `/p/ashvale/funding/${ids.streamId}` },
      { name: "allocation's spend", who: "editor", url: `/p/ashvale/allocations/${ids.allocationId}` },
      { name: "contract register", who: "editor", url: "/p/ashvale/contracts" },
      { name: "contract page", who: "editor", url: `/p/ashvale/contracts/${ids.contractId}` },
      {
        name: "contract milestones form",
        who: "coordinator",
        url: `/p/ashvale/contracts/${ids.contractId}/milestones`,
      },
      { name: "meeting page", who: "coordinator", url: `/p/ashvale/meetings/${meeting.meetingId}` },
      { name: "decision log", who: "coordinator", url: "/p/ashvale/decisions" },
      {
        name: "board's decision log",
        who: "coordinator",
        url: `/p/ashvale/boards/${meeting.boardId}/decisions?key=no`,
      },
      { name: "action log", who: "coordinator", url: "/p/ashvale/meeting-actions" },
      { name: "meeting action page", who: "editor", url: `/p/ashvale/meeting-actions/${meeting.actionId}` },
      {
        name: "self-assessment page",
        who: "editor",
        url: `/p/ashvale/assessments/${assessments.assessmentId}`,
      },
      {
        name: "region's self-assessment page",
        who: "region lead",
        url: `/r/${assessments.regionSlug}/assessments/${assessments.assessmentId}`,
      },
    ];

    // Once to warm up anything that happens on a first visit, then the count that is compared.
    for (const page of pages) await measure(page);
    for (const page of pages) before.set(page.name, await measure(page));

    await grow();

    for (const page of pages) after.set(page.name, await measure(page));
  });
  afterAll(async () => t?.close());

  /** A contract in procurement, ending within the year so its reminder is in force. */
  function growthContract(n: number) {
    const ends = new Date(Date.now() + (100 + n) * 86_400_000).toISOString().slice(0, 10);
    return t.services.commissioning.create(
      systemActor("query-count test", pid),
      {
        service: `Growth contract ${n}`,
        reference: `G-${n}`,
        providerOrganisationId: null,
        providerName: `Growth provider ${n}`,
        fundingStreamId: null,
        stage: n % 2 === 0 ? "plan" : "do",
        annualValuePence: 1_000_000 + n,
        startsOn: null,
        endsOn: ends,
        latestEndOn: null,
        extensionDecisionDueOn: null,
        reminderMonths: [12, 6],
        notes: "",
      },
      { procurement: true },
    );
  }

  /**
   * Many more of everything: two priorities with 20 commitments (cross-referencing the measured one),
   * 30 actions with two leads and three milestones each, an extra closed round with an accepted update
   * on every action of the plan, accepted updates on most of the open round, and rating overrides.
   */
  async function grow() {
    const scoped = systemActor("query-count test", pid);
    // First: the standards' audit entries must not push the overrides off the audit log's first page.
    // More standards, and more themes and criteria in the one measured.
    for (let n = 1; n <= 5; n += 1) {
      await t.services.standards.create(scoped, {
        source: { kind: "blank", scale: "one-to-five" },
        name: `Growth standard ${n}`,
      });
      const theme = await t.services.standards.addTheme(scoped, ids.standardId, {
        title: `Growth theme ${n}`,
        description: "",
      });
      for (let c = 1; c <= 4; c += 1) {
        await t.services.standards.addCriterion(scoped, ids.standardId, theme.id, {
          title: `Growth criterion ${n}.${c}`,
          whatGoodLooksLike: "",
          howEvidenced: "",
        });
      }
    }
    await t.services.standards.publish(scoped, ids.standardId);
    await t.services.standards.createCycle(scoped, ids.standardId, {
      name: "Growth cycle",
      opensOn: "2025-04-01",
      dueOn: "2026-03-31",
    });
    await growMeeting(t, pid, meeting, ids.policeOrgId, 6);
    // The region: more of its own people, and more partnerships in it.
    const cli = systemActor("query-count test");
    for (let n = 1; n <= 4; n++) {
      await t.services.regionAdmin.addPersonByCli(cli, assessments.regionSlug, {
        email: `growth-viewer-${n}@query-count.example`,
        name: `Growth viewer ${n}`,
        organisationName: `Growth commissioner ${n}`,
        role: "viewer",
      });
      await t.services.partnerships.create(cli, {
        slug: `growth-region-${n}`,
        name: `Growth region partnership ${n}`,
        areaName: `Growth area ${n}`,
        region: assessments.regionSlug,
      });
    }
    await growAssessmentPages(t, pid, assessments);
    // Twenty more contracts with their milestones, and more milestones on the measured one.
    for (let n = 1; n <= 20; n++) await growthContract(n);
    const measured = await t.services.commissioning.detail(scoped, ids.contractId);
    await t.services.commissioning.saveMilestones(scoped, ids.contractId, measured.contract.version, [
      ...measured.milestones.map((m) => ({
        id: m.id,
        name: m.name,
        plannedOn: m.plannedOn,
        actualOn: m.actualOn,
      })),
      ...Array.from({ length: 10 }, (_, i) => ({
        id: null,
        name: `Growth milestone ${i + 1}`,
        plannedOn: "2030-01-01",
        actualOn: null,
      })),
    ]);
    const { strategies: strategyService, actionPlans: planService, ratings } = t.services;
    const newCommitments: number[] = [];
    for (const p of [91, 92]) {
      const priority = await strategyService.createPriority(scoped, ids.strategyId, {
        number: String(p),
        title: `Growth priority ${p}`,
        outcome: `Outcome of growth priority ${p}`,
      });
      for (let i = 1; i <= 10; i++) {
        const commitment = await strategyService.createCommitment(scoped, ids.strategyId, {
          priorityId: priority.id,
          number: `${p}.${i}`,
          text: `Growth commitment ${p}.${i}`,
          seeAlso: [ids.commitmentId],
        });
        newCommitments.push(commitment.id);
      }
    }
    const newActions: number[] = [];
    for (let i = 1; i <= 30; i++) {
      const action = await planService.createAction(scoped, ids.planId, {
        // Every third on the measured commitment, so its page gains actions and progress too.
        commitmentId: i % 3 === 0 ? ids.commitmentId : (newCommitments[i % newCommitments.length] ?? 0),
        what: `Growth action ${i}`,
        how: `How growth action ${i} is done`,
        leadOrganisationIds: [...new Set([ids.policeOrgId, ids.otherOrgId])],
        performanceTarget: `Target ${i}`,
        dueOn: "2027-03-31",
        closed: false,
        milestones: [1, 2, 3].map((m) => ({
          description: `Milestone ${m} of growth action ${i}`,
          dueOn: `2026-0${m + 3}-30`,
          done: m === 1,
        })),
      });
      newActions.push(action.id);
    }

    const [openRound] = await db().select().from(rounds).where(eq(rounds.id, ids.openRoundId));
    const [previousRound] = await db()
      .select()
      .from(rounds)
      .where(and(eq(rounds.partnershipId, pid), eq(rounds.actionPlanId, ids.planId)))
      .orderBy(desc(rounds.openedAt))
      .offset(1)
      .limit(1);
    if (!openRound || !previousRound) throw new Error("the plan needs two rounds");
    const planActions = await db()
      .select({ id: actions.id })
      .from(actions)
      .innerJoin(actionPlans, eq(actionPlans.id, actions.actionPlanId))
      .where(eq(actions.actionPlanId, ids.planId));
    const leadOf = new Map(
      (
        await db()
          .select()
          .from(actionLeads)
          .where(
            inArray(
              actionLeads.actionId,
              planActions.map((a) => a.id),
            ),
          )
      ).map((l) => [l.actionId, l.organisationId]),
    );

    // An extra round between the open round and the one before it, closed, every action answered.
    const openedAt = new Date((previousRound.openedAt.getTime() + openRound.openedAt.getTime()) / 2);
    const acceptedAt = new Date(openedAt.getTime() + 3 * 86_400_000);
    const [extra] = await db()
      .insert(rounds)
      .values({
        partnershipId: pid,
        actionPlanId: ids.planId,
        name: "Growth round",
        periodStart: previousRound.periodStart,
        periodEnd: previousRound.periodEnd,
        deadline: previousRound.deadline,
        status: "closed",
        openedAt,
        closedAt: acceptedAt,
      })
      .returning();
    if (!extra) throw new Error("no round");
    await db()
      .insert(roundActions)
      .values(planActions.map((a) => ({ partnershipId: pid, roundId: extra.id, actionId: a.id })));
    await db()
      .insert(updates)
      .values(
        planActions.map((a, i) => ({
          partnershipId: pid,
          roundId: extra.id,
          actionId: a.id,
          status: "accepted" as const,
          rating: i % 4 === 0 ? ("amber" as const) : ("green" as const),
          narrative: `Growth round progress on action ${a.id}.`,
          remedy: i % 4 === 0 ? "Catching up." : "",
          toNote: `Growth note ${a.id}`,
          authorOrganisationId: leadOf.get(a.id) ?? null,
          submittedAt: acceptedAt,
          reviewedAt: acceptedAt,
          acceptedAt,
        })),
      );

    // The open round asks about the new actions too; most of what nobody has started is accepted.
    await db()
      .insert(roundActions)
      .values(newActions.map((id) => ({ partnershipId: pid, roundId: ids.openRoundId, actionId: id })));
    const unanswered = await db()
      .select({ actionId: roundActions.actionId })
      .from(roundActions)
      .leftJoin(
        updates,
        and(eq(updates.roundId, roundActions.roundId), eq(updates.actionId, roundActions.actionId)),
      )
      .where(and(eq(roundActions.roundId, ids.openRoundId), isNull(updates.id)))
      .orderBy(asc(roundActions.actionId));
    const now = new Date();
    const toAccept = unanswered
      .map((u) => u.actionId)
      .filter((id, i) => id !== ids.editorActionId && i % 5 !== 0);
    await db()
      .insert(updates)
      .values(
        toAccept.map((actionId) => ({
          partnershipId: pid,
          roundId: ids.openRoundId,
          actionId,
          status: "accepted" as const,
          rating: "green" as const,
          narrative: `Open round progress on action ${actionId}.`,
          authorOrganisationId: leadOf.get(actionId) ?? null,
          submittedAt: now,
          reviewedAt: now,
          acceptedAt: now,
        })),
      );
    const rated = [...new Set([...newCommitments, ids.commitmentId, ...(await planCommitments())])];
    await db().transaction((tx) => recomputeFromRound(tx, pid, extra.id, rated));

    for (const commitmentId of [ids.commitmentId, ...newCommitments.slice(0, 10)]) {
      await ratings.override(scoped, commitmentId, { rating: "amber", reason: "Growth override reason" });
    }
    await ratings.override(scoped, ids.commitmentId, { rating: "red", reason: "Second growth override" });
    await growReportFunding(db(), pid, ids.planId, FUNDING_YEAR, ids.policeOrgId);

    // Boards: more boards under the measured one, 20 seats on it, 30 more meetings, attendance.
    const governance = t.services.governanceBoards;
    for (let i = 0; i < 6; i++) {
      await governance.create(scoped, {
        name: `Growth board ${i}`,
        description: "",
        parentBoardId: ids.boardId,
        kind: "task_and_finish",
        purpose: "",
        chair: "",
        quorum: null,
        meetingFrequency: "monthly",
        reviewOn: null,
        packLeadDays: 7,
      });
    }
    const orgIds = [ids.policeOrgId, ids.otherOrgId];
    for (let i = 0; i < 20; i++) {
      await governance.createSeat(scoped, ids.boardId, {
        title: `Growth seat ${i}`,
        organisationId: orgIds[i % 2] ?? null,
        holderUserId: null,
        holderName: `Holder ${i}`,
        holderRole: "",
        deputyUserId: null,
        deputyName: "",
        categories: ["health"],
        voting: i % 3 !== 0,
      });
    }
    await governance.addMeetings(
      scoped,
      ids.boardId,
      Array.from({ length: 30 }, (_, i) => ({
        meetsOn: `20${40 + i}-05-14`,
        startsAt: "14:00",
        endsAt: "16:00",
        location: "Growth hall",
        onlineLink: "",
        status: "planned",
        packDueOn: null,
      })),
    );
    const view = await governance.attendance(scoped, ids.meetingId);
    await governance.recordAttendance(
      scoped,
      ids.meetingId,
      view.entries.map((e, i) => ({
        seatId: e.seat.id,
        status: i % 2 ? "present" : "apology",
        attendeeName: "",
      })),
    );
    await growFunding(t, pid, ids, [ids.editorActionId, ...newActions], ids.fundingYear);

    for (let n = 1; n <= 30; n += 1) {
      await addForwardReport(n);
      await addContextItem(n);
    }
  }

  let forward: ForwardFixture;
  let forwardItemId: number;
  let contextItemId: number;

  async function addForwardReport(n: number) {
    return t.services.governanceForward.create(systemActor("query-count test", pid), {
      title: n === 0 ? "" : `Growth report ${n}`,
      reportKind: n === 0 ? "strategy-review" : "other",
      subject: n === 0 ? `strategy:${ids.strategyId}` : "",
      author: "Coordinator",
      notes: "",
      firstMeetingId: n % 2 === 0 ? forward.meetings.daog1 : forward.meetings.dasg1,
    });
  }

  async function addContextItem(n: number) {
    const service = t.services.governanceContext;
    const actor = systemActor("query-count test", pid);
    const item = await service.create(actor, {
      title: n === 0 ? "Domestic Abuse Act" : `Growth bill ${n}`,
      kind: "bill",
      stage: "Committee stage",
      stageOn: "2020-04-27",
      summary: "What it means for the partnership.",
      link: "https://www.legislation.gov.uk/",
    });
    if (n === 0) contextItemId = item.id;
    await service.attach(actor, item.id, `report:strategy-review:strategy:${ids.strategyId}`);
    await service.attach(actor, item.id, `agenda:${forward.agendaItemId}`);
  }

  async function planCommitments() {
    const rows = await db()
      .select({ commitmentId: actions.commitmentId })
      .from(actions)
      .where(eq(actions.actionPlanId, ids.planId));
    return rows.map((r) => r.commitmentId);
  }

  it("every page answers 200 before and after", () => {
    for (const page of pages) {
      expect(before.get(page.name)?.status, `${page.name} before`).toBe(200);
      expect(after.get(page.name)?.status, `${page.name} after`).toBe(200);
    }
  });

  it("every page shows the new rows", () => {
    const shows = (name: string, ...texts: string[]) => {
      const body = after.get(name)?.body ?? "";
      expect(body.length, `${name} is longer`).toBeGreaterThan(before.get(name)?.body.length ?? 0);
      for (const text of texts) expect(body, `${name} shows ${text}`).toContain(text);
    };
    shows("partnership home", "Growth priority 91");
    shows("strategy page", "Growth commitment 92.10", "Growth priority 92");
    shows("commitment page", "Growth action 30", "Growth round", "Second growth override");
    shows("action plan page", "Growth action 30", "Growth priority 92");
    shows("round status page", "Growth action 30");
    shows("strategy review report", "Growth commitment 92.10", "Growth round progress on action");
    shows("your updates", "Growth action 30");
    shows("audit log", "Rating overridden", "Second growth override");
    shows("use of funding", "Growth stream 5", "Growth explanation");
    shows("use of funding, a partner's", "Growth stream 5");
    shows("commissioning timeline", "Growth service 6", "Growth milestone 11");
    shows("forward plan", "Growth report 30");
    shows("forward plan by board", "Growth report 29");
    shows("a board's forward plan", "Growth report 30");
    shows("context items", "Growth bill 30");
    shows("funding", "Growth stream 10");
    shows("region's people", "Growth viewer 4", "Growth commissioner 4", "Growth region partnership 4");
    shows("region's audit log", "growth-viewer-4@query-count.example");
    shows("quality standards", "Growth standard 5");
    shows("quality standard", "Growth criterion 5.4", "Growth cycle");
    shows("funding stream", "Growth project 29", "Growth action 1");
    shows("allocation's spend", "Q4", "Imported from Excel");
    shows("contract register", "Growth contract 20", "Growth provider 20");
    shows("contract page", "Growth milestone 10");
    shows("contract milestones form", "Growth milestone 10");
    shows("meeting page", "Growth text item 6", "Minutes of growth 6");
    shows("decision log", "Growth decision 6");
    shows("board's decision log", "Growth decision 6");
    shows("action log", "Growth action from the meeting 6");
    shows("meeting action page", "Growth update 6");
    shows("self-assessment page", "Growth criterion 4.10", "Growth evidence 22", "Up from Not met");
    shows(
      "region's self-assessment page",
      "Growth criterion 4.10",
      "Growth agreed comment",
      "Growth narrative",
    );
    // The form carries forward the extra round's "to note".
    expect(after.get("update form")?.body).toContain(`Growth note ${ids.editorActionId}`);
  });

  it("every page costs exactly as many queries as it did with less data", () => {
    const changed = pages
      .map((p) => ({ name: p.name, before: before.get(p.name)?.queries, after: after.get(p.name)?.queries }))
      .filter((c) => c.before !== c.after)
      .map((c) => `${c.name}: ${c.before} queries before, ${c.after} after`);
    expect(changed, changed.join("; ")).toEqual([]);
  });

  it("every page costs a small number of queries", () => {
    // The sign-in check and session are a few of these; a report reads about a dozen kinds of row.
    // The summary-mode review reads the board summaries too; the board summaries form reads the
    // strategy's history to draft each summary, as a report does. The board pack's "Funding and
    // spend" section reads eight kinds of row more (threshold, streams, contributions, allocations,
    // their leads and latest returns, contracts, milestones), in parallel on the pool.
    const budgets: Record<string, number> = {
      "strategy review report": 24,
      "strategy review report in summary mode": 25,
      "board summaries form": 14,
      // The draft builds each report on its agenda (here a strategy review with its key statistics)
      // besides the agenda, the last meeting, context items, versions and receipts.
      "meeting pack draft": 40,
      // Home also gathers what a person's roles owe or may want: their boards' next meetings and
      // packs, meeting actions, contract and pack reminders — one set-based read each.
      "partnership home": 16,
      "partner's home": 16,
    };
    const budget = (name: string) => budgets[name] ?? 12;
    const costly = pages
      .map((p) => ({ name: p.name, queries: after.get(p.name)?.queries ?? 0 }))
      .filter((c) => c.queries > budget(c.name))
      .map((c) => `${c.name}: ${c.queries} queries, more than ${budget(c.name)}`);
    expect(costly, costly.join("; ")).toEqual([]);
  });
});

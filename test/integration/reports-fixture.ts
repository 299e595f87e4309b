import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ratingOverrides, roundActions, rounds, updates } from "../../src/db/schema.ts";
import type { Rating } from "../../src/domain/rag.ts";
import { buildReport } from "../../src/reports/build.ts";
import type { ReportDocument, ReportKind } from "../../src/reports/model.ts";
import { type Actor, systemActor } from "../../src/services/actor.ts";
import { recomputeCommitmentRatings } from "../../src/services/rating-engine.ts";
import { type TestApp, TestClient } from "../support/app.ts";

// The reports tests' own small partnership, "Reportsville", with exact expectations: two priorities,
// three commitments (1.2 cross-references 1.1 and has no actions), one action plan of three actions
// led by two organisations, two rounds of accepted updates and an override; and a flat framework of
// two recommendations with one round. History is written straight into the database with back-dated
// times, as the update workflow would have written it; derived ratings are recomputed with the same
// engine the workflow calls.
//
// Q1 2024/25 (opened 1 July 2024, due 15 July): a1 Green (accepted 20 July, with a "to note"),
//   a3 Amber (22 July); a2 never answered.
// Q2 2024/25 (opened 1 October, due 15 October): a1 Complete (20 October), a2 Red (submitted late on
//   18 October, accepted 25 October); a3 never answered. 2.1 overridden to Green on 28 October.
// Flat: Q3 2024/25 (opened 2 January 2025): recommendation 1 Complete (12 January).

export const PASSWORD = "reportsville-password";

export async function docxParts(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const read = async (name: string) => (await zip.file(name)?.async("string")) ?? "";
  const footers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/footer\d*\.xml$/.test(n))
      .map(read),
  );
  const headers = await Promise.all(
    Object.keys(zip.files)
      .filter((n) => /^word\/header\d*\.xml$/.test(n))
      .map(read),
  );
  return {
    document: await read("word/document.xml"),
    styles: await read("word/styles.xml"),
    numbering: await read("word/numbering.xml"),
    core: await read("docProps/core.xml"),
    footers: footers.join(""),
    headers: headers.join(""),
  };
}

export async function workbook(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

/** Every bullet text of the report's progress cells. */
export function progressTexts(doc: ReportDocument): string[] {
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === "table"
        ? b.table.groups.flatMap((g) =>
            g.rows.flatMap((row) =>
              row.flatMap((c) =>
                c.kind === "progress" ? c.years.flatMap((y) => y.entries.map((e) => e.text)) : [],
              ),
            ),
          )
        : [],
    ),
  );
}

/** The rating label of each commitment row, by number. */
export function ratingsByNumber(doc: ReportDocument): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of doc.sections)
    for (const b of s.blocks)
      if (b.kind === "table")
        for (const g of b.table.groups)
          for (const row of g.rows) {
            const first = row[0];
            const rating = row.find((c) => c.kind === "rating");
            if (first?.kind === "text" && first.lead && rating?.kind === "rating")
              out[first.lead] = rating.rating.label;
          }
  return out;
}

export interface Reportsville {
  readonly actor: Actor;
  readonly pid: number;
  readonly ids: Record<string, number>;
  addRound(
    key: string,
    planId: number,
    r: { name: string; start: string; end: string; deadline: string; opened: string },
  ): Promise<void>;
  accept(
    roundKey: string,
    actionKey: string,
    orgKey: string,
    u: { rating: Rating; narrative: string; toNote?: string; submitted: string; accepted: string },
  ): Promise<void>;
  build(
    kind: ReportKind,
    options?: { asAt?: string; roundId?: number; strategyId?: number },
  ): Promise<ReportDocument>;
  /** A board member (viewer) of Reportsville, signed in. */
  viewer(): Promise<TestClient>;
}

export async function seedReportsville(t: TestApp): Promise<Reportsville> {
  const db = () => t.database.db;
  const ids = {} as Record<string, number>;
  let pid = 0;
  async function addRound(
    key: string,
    planId: number,
    r: { name: string; start: string; end: string; deadline: string; opened: string },
  ) {
    const [row] = await db()
      .insert(rounds)
      .values({
        partnershipId: pid,
        actionPlanId: planId,
        name: r.name,
        periodStart: r.start,
        periodEnd: r.end,
        deadline: r.deadline,
        openedAt: new Date(r.opened),
      })
      .returning();
    ids[key] = row!.id;
    const actionKeys = planId === ids.plan ? ["a1", "a2", "a3"] : ["f1", "f2"];
    await db()
      .insert(roundActions)
      .values(actionKeys.map((k) => ({ partnershipId: pid, roundId: row!.id, actionId: ids[k]! })));
  }

  async function accept(
    roundKey: string,
    actionKey: string,
    orgKey: string,
    u: { rating: Rating; narrative: string; toNote?: string; submitted: string; accepted: string },
  ) {
    await db()
      .insert(updates)
      .values({
        partnershipId: pid,
        roundId: ids[roundKey]!,
        actionId: ids[actionKey]!,
        status: "accepted",
        rating: u.rating,
        narrative: u.narrative,
        toNote: u.toNote ?? "",
        authorOrganisationId: ids[orgKey]!,
        submittedAt: new Date(u.submitted),
        reviewedAt: new Date(u.accepted),
        acceptedAt: new Date(u.accepted),
      });
    await recomputeCommitmentRatings(db(), pid, ids[roundKey]!);
  }

  const s = t.services;
  const p = await s.partnerships.create(systemActor("test"), {
    slug: "reportsville",
    name: "Reportsville Domestic Abuse Partnership",
    areaName: "Reportsville",
  });
  pid = p.id;
  const actor = systemActor("test", pid);
  ids.orgA = (await s.organisations.create(actor, { name: "Alpha Police", kind: "Police" })).id;
  ids.orgB = (await s.organisations.create(actor, { name: "Beta Housing", kind: "Housing" })).id;
  const strategy = await s.strategies.create(actor, {
    title: "Reportsville Strategy 2024–2029",
    startYear: 2024,
    endYear: 2029,
    vision: "",
    framework: "priorities",
    itemLabel: "Commitment",
  });
  ids.strategy = strategy.id;
  const p1 = await s.strategies.createPriority(actor, strategy.id, {
    number: "1",
    title: "Culture change",
    outcome: "People know abuse is never acceptable.",
  });
  const p2 = await s.strategies.createPriority(actor, strategy.id, {
    number: "2",
    title: "Early help",
    outcome: "Abuse is spotted sooner.",
  });
  const base = { seeAlso: [] as number[] };
  ids.c11 = (
    await s.strategies.createCommitment(actor, strategy.id, {
      ...base,
      priorityId: p1.id,
      number: "1.1",
      text: "Train frontline staff",
    })
  ).id;
  ids.c12 = (
    await s.strategies.createCommitment(actor, strategy.id, {
      priorityId: p1.id,
      number: "1.2",
      text: "Train key social role models",
      seeAlso: [ids.c11],
    })
  ).id;
  ids.c21 = (
    await s.strategies.createCommitment(actor, strategy.id, {
      ...base,
      priorityId: p2.id,
      number: "2.1",
      text: "Refer victims early",
    })
  ).id;
  const plan = await s.actionPlans.create(actor, strategy.id, {
    name: "2024–25",
    startsOn: "2024-04-01",
    endsOn: "2025-03-31",
  });
  ids.plan = plan.id;
  const action = (commitmentId: number, what: string, leads: number[]) =>
    s.actionPlans.createAction(actor, plan.id, {
      commitmentId,
      what,
      how: `How: ${what}`,
      leadOrganisationIds: leads,
      performanceTarget: `Target for ${what}`,
      dueOn: "2025-03-31",
      closed: false,
      milestones: [],
    });
  ids.a1 = (await action(ids.c11, "Deliver level 1 training", [ids.orgA])).id;
  ids.a2 = (await action(ids.c11, "Deliver level 2 training", [ids.orgB])).id;
  ids.a3 = (await action(ids.c21, "Place a worker in GP surgeries", [ids.orgA, ids.orgB])).id;

  await addRound("r1", plan.id, {
    name: "Q1 2024/25",
    start: "2024-04-01",
    end: "2024-06-30",
    deadline: "2024-07-15",
    opened: "2024-07-01T09:00:00Z",
  });
  await accept("r1", "a1", "orgA", {
    rating: "green",
    narrative: "Forty staff trained at level 1.",
    toNote: "Champions to be picked up next year",
    submitted: "2024-07-10T10:00:00Z",
    accepted: "2024-07-20T10:00:00Z",
  });
  await accept("r1", "a3", "orgA", {
    rating: "amber",
    narrative: "Worker recruitment delayed.",
    submitted: "2024-07-12T10:00:00Z",
    accepted: "2024-07-22T10:00:00Z",
  });
  await addRound("r2", plan.id, {
    name: "Q2 2024/25",
    start: "2024-07-01",
    end: "2024-09-30",
    deadline: "2024-10-15",
    opened: "2024-10-01T09:00:00Z",
  });
  await accept("r2", "a1", "orgA", {
    rating: "complete",
    narrative: "Level 1 training finished.",
    submitted: "2024-10-14T10:00:00Z",
    accepted: "2024-10-20T10:00:00Z",
  });
  await accept("r2", "a2", "orgB", {
    rating: "red",
    narrative: "Level 2 trainer has left.",
    submitted: "2024-10-18T10:00:00Z",
    accepted: "2024-10-25T10:00:00Z",
  });
  await db()
    .insert(ratingOverrides)
    .values({
      partnershipId: pid,
      commitmentId: ids.c21,
      roundId: ids.r2,
      rating: "green",
      reason: "The worker started on 1 November",
      createdAt: new Date("2024-10-28T10:00:00Z"),
    });

  // A flat framework: nine recommendations in the councils' papers, two here.
  const flat = await s.strategies.create(actor, {
    title: "Reportsville Review Recommendations",
    startYear: 2024,
    endYear: 2026,
    vision: "",
    framework: "flat",
    itemLabel: "Recommendation",
  });
  ids.flat = flat.id;
  ids.rec1 = (
    await s.strategies.createCommitment(actor, flat.id, {
      priorityId: null,
      number: "1",
      text: "Publish a safe accommodation needs assessment",
      seeAlso: [],
    })
  ).id;
  ids.rec2 = (
    await s.strategies.createCommitment(actor, flat.id, {
      priorityId: null,
      number: "2",
      text: "Set up an Experts by Experience panel",
      seeAlso: [],
    })
  ).id;
  const flatPlan = await s.actionPlans.create(actor, flat.id, {
    name: "2024–25 recommendations",
    startsOn: "2024-04-01",
    endsOn: "2025-03-31",
  });
  ids.flatPlan = flatPlan.id;
  const flatAction = (commitmentId: number, what: string) =>
    s.actionPlans.createAction(actor, flatPlan.id, {
      commitmentId,
      what,
      how: "",
      leadOrganisationIds: [ids.orgA!],
      performanceTarget: "",
      dueOn: null,
      closed: false,
      milestones: [],
    });
  ids.f1 = (await flatAction(ids.rec1, "Commission the assessment")).id;
  ids.f2 = (await flatAction(ids.rec2, "Recruit the panel")).id;
  await addRound("fr", flatPlan.id, {
    name: "Q3 2024/25",
    start: "2024-10-01",
    end: "2024-12-31",
    deadline: "2025-01-15",
    opened: "2025-01-02T09:00:00Z",
  });
  await accept("fr", "f1", "orgA", {
    rating: "complete",
    narrative: "Needs assessment published in December.",
    submitted: "2025-01-10T10:00:00Z",
    accepted: "2025-01-12T10:00:00Z",
  });

  return {
    actor,
    pid,
    ids,
    addRound,
    accept,
    build: (kind, options = {}) =>
      buildReport(db(), actor, { kind, strategyId: options.strategyId ?? ids.strategy, ...options }),
    async viewer() {
      const email = `viewer${Object.keys(ids).length}-${Date.now()}@reportsville.example`;
      await s.people.add(
        actor,
        { email, name: "Board Member", organisationId: ids.orgA!, role: "viewer" },
        PASSWORD,
      );
      const client = new TestClient(t.app);
      await client.signIn(email, PASSWORD);
      return client;
    },
  };
}

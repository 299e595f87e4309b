// The pages a coordinator opens most, under fixed load, signed in, on one running server; and the
// same server's answer on a route that touches no database, as the ceiling they are compared with.

import type { MeasuredIds } from "./ids.ts";
import { type LoadFigures, type LoadSettings, measureLoad } from "./load.ts";
import type { Memory } from "./server.ts";

export interface PageFigure extends LoadFigures {
  key: string;
  label: string;
  path: string;
  /** The server's memory once this page's load was over. */
  memoryAfter?: Memory;
}

export interface PageSpec {
  key: string;
  label: string;
  path: string;
  /** Only the national data set has it (region 2 exists only when there are enough partnerships). */
  nationalOnly?: true;
}

export function pagesOf(ids: MeasuredIds): PageSpec[] {
  const p = `/p/${ids.slug}`;
  return [
    { key: "home", label: "Partnership home", path: p },
    { key: "manage", label: "Manage (the coordinator's set-up pages)", path: `${p}/manage` },
    { key: "strategy", label: "Strategy page", path: `${p}/strategies/${ids.strategyId}` },
    {
      key: "commitment",
      label: `Commitment page (${ids.commitmentNumber})`,
      path: `${p}/commitments/${ids.commitmentId}`,
    },
    { key: "plan", label: "Action plan page", path: `${p}/action-plans/${ids.actionPlanId}` },
    { key: "round", label: "Round status page", path: `${p}/rounds/${ids.roundId}` },
    {
      key: "review",
      label: "Strategy review report page",
      path: `${p}/reports/strategy-review?strategy=${ids.strategyId}&format=html`,
    },
    {
      key: "review-summary",
      label: "Strategy review, summary mode",
      path: `${p}/reports/strategy-review?strategy=${ids.strategyId}&format=html&mode=summary`,
    },
    {
      key: "board-summaries",
      label: "Board summaries form",
      path: `${p}/strategies/${ids.strategyId}/board-summaries`,
    },
    { key: "board-paper", label: "Board paper form", path: `${p}/reports/strategy-review/paper` },
    { key: "import-plan", label: "Import an action plan from a file", path: `${p}/action-plans/import` },
    { key: "account", label: "Your account", path: "/account" },
    ...(ids.meetingId === undefined
      ? []
      : [{ key: "pack-draft", label: "Meeting pack draft", path: `${p}/meetings/${ids.meetingId}/pack` }]),
    ...(ids.packId === undefined
      ? []
      : [{ key: "pack", label: "Published meeting pack", path: `${p}/packs/${ids.packId}` }]),
    {
      key: "use-of-funding",
      label: "Use of funding report page",
      path: `${p}/reports/use-of-funding?year=${ids.fundingYear}`,
    },
    {
      key: "commissioning",
      label: "Commissioning timeline page",
      path: `${p}/reports/commissioning-timeline`,
    },
    { key: "forward-plan", label: "Forward plan (every report's route)", path: `${p}/forward-plan` },
    {
      key: "context-items",
      label: "Context items (policy and legislation watch)",
      path: `${p}/context-items`,
    },
    // Governance (issue 13): a held meeting's page and the two logs.
    {
      key: "meeting",
      label: "Meeting page (agenda, minutes, decisions, actions)",
      path: `${p}/meetings/${ids.heldMeetingId}`,
    },
    { key: "decision-log", label: "Decision log (all boards)", path: `${p}/decisions` },
    { key: "action-log", label: "Action log (all boards)", path: `${p}/meeting-actions` },
    { key: "boards", label: "Boards (the chain, next meeting each)", path: `${p}/boards` },
    { key: "board", label: "Board page (terms, seats, s58, meetings)", path: `${p}/boards/${ids.boardId}` },
    { key: "funding", label: "Funding (streams and totals)", path: `${p}/funding` },
    {
      key: "standards",
      label: "Quality standards (the partnership's and its region's)",
      path: `${p}/standards`,
    },
    ...(ids.fundingStreamId === null
      ? []
      : [{ key: "funding-stream", label: "A funding stream", path: `${p}/funding/${ids.fundingStreamId}` }]),
    { key: "contracts", label: "Contract register", path: `${p}/contracts` },
    // The region (issue 15): the measured coordinator leads region 1 (four partnerships) and views
    // region 2 (about nine) — bench/generate/steps/region.ts. The same page for both, as a ratio.
    {
      key: "region-comparison-4",
      label: "Regional comparison, a region of 4",
      path: "/r/bench-region-01/comparison",
    },
    {
      key: "region-comparison-9",
      label: "Regional comparison, a region of 9",
      path: "/r/bench-region-02/comparison",
      nationalOnly: true,
    },
    {
      key: "region-spend",
      label: "Regional spend and capacity (region of 9)",
      path: "/r/bench-region-02/spend",
      nationalOnly: true,
    },
    {
      key: "region-statistics",
      label: "Regional key statistics (region of 9, charts)",
      path: "/r/bench-region-02/statistics",
      nationalOnly: true,
    },
    {
      key: "region-governance",
      label: "Regional governance (region of 9)",
      path: "/r/bench-region-02/governance",
      nationalOnly: true,
    },
    {
      key: "region-report",
      label: "Regional report (region of 9: every section)",
      path: "/r/bench-region-02/report",
      nationalOnly: true,
    },
    // A self-assessment of 24 criteria: the partnership's page and the region's page of it.
    ...(ids.assessment === undefined
      ? []
      : [
          {
            key: "self-assessment",
            label: "Self-assessment page (24 criteria)",
            path: `${p}/assessments/${ids.assessment.id}`,
          },
          {
            key: "region-self-assessment",
            label: "The region's page of a self-assessment",
            path: `/r/${ids.assessment.regionSlug}/assessments/${ids.assessment.id}`,
          },
        ]),
    ...(ids.contractId === null
      ? []
      : [
          {
            key: "contract",
            label: "Contract page (milestone timeline)",
            path: `${p}/contracts/${ids.contractId}`,
          },
        ]),
  ];
}

/** The no-database route: /health/live where the server has it, else the public accessibility page. */
export async function baselinePath(base: string): Promise<string> {
  try {
    const response = await fetch(`${base}/health/live`, { redirect: "manual" });
    await response.arrayBuffer();
    if (response.status === 200) return "/health/live";
  } catch {
    // fall through
  }
  return "/accessibility";
}

export async function measureBaseline(
  base: string,
  settings: LoadSettings,
): Promise<PageFigure & { path: string }> {
  const path = await baselinePath(base);
  const figures = await measureLoad(`${base}${path}`, "", settings);
  return { key: "baseline", label: `No-database baseline (GET ${path})`, path, ...figures };
}

export async function measurePages(
  base: string,
  cookie: string,
  pages: PageSpec[],
  settings: LoadSettings,
  log: (line: string) => void,
  memory?: () => Memory,
): Promise<PageFigure[]> {
  const out: PageFigure[] = [];
  for (const page of pages) {
    const figures: PageFigure = { ...page, ...(await measureLoad(`${base}${page.path}`, cookie, settings)) };
    if (memory) figures.memoryAfter = memory();
    log(
      `    ${page.label.padEnd(34)} p50 ${fmt(figures.p50)} ms  p99 ${fmt(figures.p99)} ms  ${figures.rps.toFixed(0)} req/s  ${(figures.bytes / 1024).toFixed(0)} KiB`,
    );
    out.push(figures);
  }
  return out;
}

const fmt = (n: number) => n.toFixed(1).padStart(7);

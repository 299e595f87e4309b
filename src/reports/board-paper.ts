// The board paper around a report (issue 12): the coordinator's covering report (purpose, summary,
// recommendations, achievements, priorities, free sections, contact officer) as report sections, and
// which report's paper is which. The paper is read as it was at the report's as-at instant.

import { type BoardPaperContent, boardPaperAt } from "../data/board-papers.ts";
import { BOARD_PAPER_SECTIONS } from "../domain/board-paper.ts";
import type { BuildContext } from "./build.ts";
import type { Block, ReportKind, ReportSection } from "./model.ts";

/**
 * The strategy, action plan or round a report's board paper belongs to: a strategy review's strategy,
 * an action plan's or annual report's plan, a round summary's round (the latest opened by the as-at
 * date when none is chosen). Null when the report has no such subject (no plan, no round yet).
 */
export function paperSubject(kind: ReportKind, context: BuildContext): number | null {
  switch (kind) {
    case "strategy-review":
      return context.strategy.id;
    case "action-plan":
    case "annual-report":
      return context.plan?.id ?? null;
    case "round-summary":
      return (
        context.round?.id ??
        context.rounds
          .filter((r) => r.strategyId === context.strategy.id && r.openedAt < context.before)
          .at(-1)?.id ??
        null
      );
  }
}

const BULLET = /^\s*(?:[-*•·▪➢➤]|\d+[.)])\s+/;

/**
 * A coordinator's text as blocks: paragraphs separated by a blank line; lines that start with a
 * bullet ("- ", "• ", "1. ") become a bulleted list, as people type them in a text box.
 */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    let paragraph: string[] = [];
    let bullets: string[] = [];
    const flush = () => {
      if (paragraph.length > 0) blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
      if (bullets.length > 0) blocks.push({ kind: "bullets", items: bullets });
      paragraph = [];
      bullets = [];
    };
    for (const line of lines) {
      if (BULLET.test(line)) {
        if (paragraph.length > 0) {
          blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
          paragraph = [];
        }
        bullets.push(line.replace(BULLET, "").trim());
      } else if (bullets.length > 0) {
        // A line after a bullet without its own bullet continues that bullet.
        bullets[bullets.length - 1] = `${bullets.at(-1)} ${line.trim()}`;
      } else paragraph.push(line.trim());
    }
    flush();
  }
  return blocks;
}

/** The covering report's sections, in the council's order; empty fields are left out. */
export function coverSections(paper: BoardPaperContent): ReportSection[] {
  const sections: ReportSection[] = [];
  for (const { key, heading } of BOARD_PAPER_SECTIONS) {
    const blocks = textBlocks(paper[key]);
    if (blocks.length > 0) sections.push({ id: `paper-${key}`, heading, blocks });
  }
  paper.freeSections.forEach((free, i) => {
    const blocks = textBlocks(free.text);
    if (free.title.trim() !== "" && blocks.length > 0)
      sections.push({ id: `paper-section-${i + 1}`, heading: free.title.trim(), blocks });
  });
  const contact: Block[] = (
    [
      ["Name of contact officer:", paper.contactName],
      ["Post title:", paper.contactRole],
      ["Telephone:", paper.contactPhone],
      ["E-mail:", paper.contactEmail],
    ] as const
  )
    .filter(([, value]) => value.trim() !== "")
    .map(([lead, value]) => ({ kind: "paragraph", lead, text: value.trim() }));
  if (contact.length > 0) sections.push({ id: "paper-contact", heading: "Contact officer", blocks: contact });
  return sections;
}

/** The report's covering report as it was at the as-at instant; empty when there was none. */
export async function readCover(kind: ReportKind, context: BuildContext): Promise<ReportSection[]> {
  const subject = paperSubject(kind, context);
  if (subject === null) return [];
  const paper = await boardPaperAt(context.db, context.partnershipId, kind, subject, context.before);
  return paper ? coverSections(paper) : [];
}

// A meeting pack's two frozen forms: the web page's content (the report document's HTML, without the
// site's layout, so the stored page keeps its content whatever later happens to navigation) and the
// Word file. Both are made once, when the pack is published, and stored in meeting_packs.

import { createNunjucksEnvironment } from "../../web/plugins/views.ts";
import type { ReportDocument } from "../model.ts";
import { htmlDocument } from "../render-html.ts";

export function renderPackHtml(doc: ReportDocument): string {
  return createNunjucksEnvironment().render("governance/packs/_frozen.njk", { doc: htmlDocument(doc) });
}

export async function renderPackDocx(doc: ReportDocument): Promise<Buffer> {
  return (await import("../render-docx.ts")).renderDocx(doc);
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import { FORMAT_DETAILS } from "../../../../reports/export.ts";
import { htmlDocument } from "../../../../reports/render-html.ts";
import { type FieldError, ValidationError } from "../../../../services/errors.ts";
import type { Services } from "../../../../services/index.ts";
import { requireAdmin } from "../../../../services/permissions.ts";
import { PersonalDataError } from "../../../../services/privacy/guard.ts";
import {
  errorMap,
  errorSummary,
  type FormValues,
  formValues,
  parseForm,
  statesIdentifiesNobody,
} from "../../../forms.ts";
import { actorOf, base, flash, idParam } from "../../helpers.ts";

// Meeting packs (issue 13, part D): the coordinator's draft with the publish form; the frozen pack
// as published (its stored page inside the site's layout, its stored Word file), which every member
// may read and whose first opening records a receipt. The frozen pages are never served from the page
// cache: opening one is what records the receipt.

const publishSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(TEXT_LIMITS.packReason, `Reason must be ${TEXT_LIMITS.packReason} characters or fewer`)
    .default(""),
  seenVersions: z.coerce
    .number({ message: "The page was out of date: look at the draft again before publishing" })
    .int("The page was out of date: look at the draft again before publishing")
    .min(0, "The page was out of date: look at the draft again before publishing")
    .max(10_000, "The page was out of date: look at the draft again before publishing")
    .default(0),
});

const safeFileName = (text: string) => text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");

export function registerGovernancePacksRoutes(app: FastifyInstance, services: Services): void {
  const admin = { config: { access: "admin" as const } };
  const member = { config: { access: "member" as const } };
  const packs = services.governancePacks;

  async function draftPage(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[],
    privacyCheck = false,
  ) {
    const actor = actorOf(request);
    requireAdmin(actor);
    const meetingId = idParam(request, "meetingId");
    const draft = await packs.draft(actor, meetingId);
    const openedBy = new Map<number, { name: string; firstOpenedAt: Date }[]>();
    for (const r of draft.receipts)
      openedBy.set(r.packId, [
        ...(openedBy.get(r.packId) ?? []),
        { name: r.name, firstOpenedAt: r.firstOpenedAt },
      ]);
    return reply.code(errors.length > 0 ? 400 : 200).page("governance/packs/draft", {
      title: `Pack: ${draft.doc.title}`,
      meeting: draft.meeting.meeting,
      boardName: draft.meeting.boardName,
      doc: htmlDocument(draft.doc),
      versions: draft.versions.map((v) => ({ ...v, openedBy: openedBy.get(v.id) ?? [] })),
      recipients: draft.recipients,
      values: { seenVersions: draft.versions.length, ...values },
      errors: errorSummary(errors),
      fieldErrors: errorMap(errors),
      privacyCheck,
    });
  }

  app.get("/meetings/:meetingId/pack", admin, (request, reply) => draftPage(request, reply, {}, []));

  app.post("/meetings/:meetingId/pack/publish", admin, async (request, reply) => {
    const actor = actorOf(request);
    const meetingId = idParam(request, "meetingId");
    const values: FormValues = formValues(request.body);
    const parsed = parseForm(publishSchema, values);
    if (!parsed.ok) return draftPage(request, reply, values, parsed.errors);
    try {
      const { pack, mailsQueued } = await packs.publish(
        actor,
        meetingId,
        { reason: parsed.data.reason, seenVersions: parsed.data.seenVersions },
        { identifiesNobody: statesIdentifiesNobody(values) },
      );
      flash(
        request,
        `Version ${pack.packVersion} of the pack is published`,
        mailsQueued > 0
          ? `${mailsQueued} board ${mailsQueued === 1 ? "member is" : "members are"} told by e-mail.`
          : undefined,
      );
      return reply.redirect(`${base(request)}/packs/${pack.id}`, 303);
    } catch (error) {
      // Refusals (a missing reason, a version published meanwhile, text that may identify someone)
      // come back to the draft page with the error summary, the reason kept.
      if (!(error instanceof ValidationError)) throw error;
      return draftPage(request, reply, values, error.errors, error instanceof PersonalDataError);
    }
  });

  app.get("/packs/:packId", member, async (request, reply) => {
    const actor = actorOf(request);
    const { pack, versions, meeting } = await packs.open(actor, idParam(request, "packId"));
    const latest = versions.at(-1);
    return reply.page("governance/packs/show", {
      title: pack.title,
      pack,
      html: pack.html,
      versions,
      latest,
      meeting: meeting.meeting,
      boardName: meeting.boardName,
      isAdmin: actor.role === "admin",
      docxLabel: FORMAT_DETAILS.docx.label,
    });
  });

  app.get("/packs/:packId/pack.docx", member, async (request, reply) => {
    const row = await packs.docx(actorOf(request), idParam(request, "packId"));
    const name = `${safeFileName(row.title)}-version-${row.packVersion}.docx`;
    return reply
      .type(FORMAT_DETAILS.docx.type)
      .header("cache-control", "private, no-store")
      .header("content-disposition", `attachment; filename="${name}"`)
      .send(row.docx);
  });
}

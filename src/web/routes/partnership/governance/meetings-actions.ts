// A meeting action's page with its history (every member) and its owner's update (the owner
// organisation's editors and the coordinator; other editors and viewers are refused by the service):
// GET /meeting-actions/:meetingActionId and GET/POST /meeting-actions/:meetingActionId/update.

import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { MEETING_ACTION_STATUSES, valuesOf } from "../../../../domain/governance/vocabulary.ts";
import { RATING_LABELS, RATING_MEANINGS, RATINGS } from "../../../../domain/rag.ts";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";
import type { Services } from "../../../../services/index.ts";
import { formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../../helpers.ts";
import { versionField } from "./meetings-shared.ts";

const RATING_OPTIONS = RATINGS.map((r) => ({
  value: r,
  text: r === "grey" ? "Grey (not started)" : RATING_LABELS[r],
  hint: RATING_MEANINGS[r],
}));

const progressSchema = z.object({
  version: versionField,
  status: z.enum(valuesOf(MEETING_ACTION_STATUSES), { message: "Select the action's status" }),
  rating: z.enum(RATINGS, { message: "Select how the action is going" }),
  narrative: z
    .string()
    .trim()
    .min(1, "Say what has happened since the action was set or last updated")
    .max(
      TEXT_LIMITS.meetingActionNarrative,
      `Must be ${TEXT_LIMITS.meetingActionNarrative} characters or fewer`,
    ),
});

export function registerMeetingActionRoutes(app: FastifyInstance, services: Services): void {
  const meetings = services.governanceMeetings;
  const member = { config: { access: "member" as const } };
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };

  app.get("/meeting-actions/:meetingActionId", memberPage, async (request, reply) => {
    const detail = await meetings.action(actorOf(request), idParam(request, "meetingActionId"));
    return reply.page("governance/meetings/action-show", {
      title: `Action ${detail.action.reference}`,
      ...detail,
      statuses: MEETING_ACTION_STATUSES,
    });
  });

  async function progressForm(
    request: FastifyRequest,
    values: Record<string, unknown> | null,
  ): Promise<FormPage> {
    const row = await meetings.actionForUpdate(actorOf(request), idParam(request, "meetingActionId"));
    return {
      template: "governance/meetings/action-update",
      title: `Update action ${row.action.reference}`,
      context: { ...row, statuses: MEETING_ACTION_STATUSES, ratingOptions: RATING_OPTIONS },
      values: values ?? { status: row.action.status, version: String(row.action.version) },
    };
  }

  app.get("/meeting-actions/:meetingActionId/update", member, async (request, reply) => {
    const form = await progressForm(request, null);
    return reply.page(form.template, { ...form.context, title: form.title, values: form.values });
  });

  app.post("/meeting-actions/:meetingActionId/update", member, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const form = await progressForm(request, values);
    const parsed = parseForm(progressSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, form, parsed.errors);
    const id = idParam(request, "meetingActionId");
    const { version, ...input } = parsed.data;
    const result = await handleFormErrors(reply, form, () =>
      meetings.progress(actor, id, version, input, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(request, `Action ${result.value.action.reference} updated`);
    return reply.redirect(`${base(request)}/meeting-actions/${id}`, 303);
  });
}

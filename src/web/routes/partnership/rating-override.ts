import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { RATING_LABELS, RATING_MEANINGS, RATINGS } from "../../../domain/rag.ts";
import type { Services } from "../../../services/index.ts";
import { requireAdmin } from "../../../services/permissions.ts";
import {
  OVERRIDE_REASON_MAX,
  OVERRIDE_REASON_MESSAGES,
  OVERRIDE_REASON_MIN,
} from "../../../services/rating-service.ts";
import { formValues, parseForm, statesIdentifiesNobody } from "../../forms.ts";
import { actorOf, base, flash, handleFormErrors, idParam, renderFormErrors } from "../helpers.ts";

/** The override form: a rating, or "derived" to clear the override, and the reason that is kept. */
export const overrideSchema = z.object({
  rating: z.enum([...RATINGS, "derived"] as const, {
    message: "Select the rating, or use the derived rating",
  }),
  reason: z
    .string()
    .trim()
    .min(1, OVERRIDE_REASON_MESSAGES.missing)
    .min(OVERRIDE_REASON_MIN, OVERRIDE_REASON_MESSAGES.short)
    .max(OVERRIDE_REASON_MAX, OVERRIDE_REASON_MESSAGES.long),
});

export function registerRatingOverrideRoutes(app: FastifyInstance, services: Services): void {
  const { strategies } = services;
  const admin = { config: { access: "admin" as const } };

  // The coordinator's override of a commitment's derived rating, with a reason that is kept.

  async function ratingFormContext(request: Parameters<typeof actorOf>[0], commitmentId: number) {
    const actor = actorOf(request);
    const detail = await strategies.getCommitment(actor, commitmentId);
    const rating = await services.ratings.commitmentRating(actor, commitmentId);
    return {
      ...detail,
      rating,
      ratingOptions: RATINGS.map((r) => ({ value: r, text: RATING_LABELS[r], hint: RATING_MEANINGS[r] })),
    };
  }

  const ratingPage = (context: Record<string, unknown>, values: Record<string, unknown>) => ({
    template: "commitments/rating",
    title: "Override the rating",
    context,
    values,
  });

  app.get("/commitments/:commitmentId/rating", admin, async (request, reply) => {
    requireAdmin(actorOf(request));
    const context = await ratingFormContext(request, idParam(request, "commitmentId"));
    return reply.page("commitments/rating", { title: "Override the rating", ...context, values: {} });
  });

  app.post("/commitments/:commitmentId/rating", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const commitmentId = idParam(request, "commitmentId");
    const context = await ratingFormContext(request, commitmentId);
    const values = formValues(request.body);
    const page = ratingPage(context, values);
    const parsed = parseForm(overrideSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const rating = parsed.data.rating === "derived" ? null : parsed.data.rating;
    const result = await handleFormErrors(reply, page, () =>
      services.ratings.override(actor, commitmentId, {
        rating,
        reason: parsed.data.reason,
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    flash(
      request,
      rating === null
        ? `The override is cleared: ${context.commitment.number} has its derived rating again`
        : `${context.commitment.number} is now rated ${RATING_LABELS[rating]}`,
    );
    return reply.redirect(`${base(request)}/commitments/${commitmentId}#rating`, 303);
  });
}

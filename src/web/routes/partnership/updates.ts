import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { describeKinds, kindsOf } from "../../../domain/privacy/index.ts";
import { isRating, RATING_LABELS, RATING_MEANINGS, RATINGS } from "../../../domain/rag.ts";
import { parseEvidenceLinks } from "../../../domain/round-rules.ts";
import { TEXT_LIMITS } from "../../../domain/text-limits.ts";
import type { FieldError } from "../../../services/errors.ts";
import type { Services } from "../../../services/index.ts";
import type { FieldFindings } from "../../../services/privacy/guard.ts";
import type { Intent, UpdateInput } from "../../../services/update-service.ts";
import { type FormValues, formValues, parseForm, statesIdentifiesNobody } from "../../forms.ts";
import {
  actorOf,
  base,
  type FormPage,
  flash,
  handleFormErrors,
  idParam,
  renderFormErrors,
} from "../helpers.ts";
import { readUpdateSpend, updateSpendValues } from "./funding/update-spend.ts";

const optionalText = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${what} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .default("");

const updateSchema = z.object({
  rating: z
    .union([z.literal("").transform(() => null), z.enum(RATINGS, { message: "Select a rating" })])
    .default(null),
  narrative: optionalText("The update", TEXT_LIMITS.updateNarrative),
  remedy: optionalText("What we are doing about it", TEXT_LIMITS.updateRemedy),
  toNote: optionalText("The points to note", TEXT_LIMITS.updateToNote),
  evidenceLinks: z.string().default(""),
  intent: z.enum(["draft", "submit"]).default("draft"),
  version: z.union([z.literal("").transform(() => null), z.coerce.number().int().positive()]).default(null),
});

const reviewSchema = z.object({ version: z.coerce.number().int().positive() });
const returnSchema = reviewSchema.extend({
  comment: z
    .string()
    .trim()
    .min(1, "Enter what the partner needs to change")
    .max(TEXT_LIMITS.reviewComment, `The comment must be ${TEXT_LIMITS.reviewComment} characters or fewer`),
});

/** The rating radios: each rating's word, with its plain-English meaning as the hint. */
const RATING_OPTIONS = RATINGS.map((r) => ({
  value: r,
  text: r === "grey" ? "Grey (not started)" : RATING_LABELS[r],
  hint: RATING_MEANINGS[r],
}));

const ANCHORS = { form: "update-form", rating: "rating" };

/** The update's fields as the review page names them, for the personal-data warning. */
const FIELD_NAMES: Record<string, string> = {
  narrative: "what has happened",
  remedy: "what we are doing about it",
  toNote: "the points to note",
  evidenceLinks: "the evidence links",
};

/** "This update may identify a person: a date of birth and an NHS number in what has happened." */
function privacyWarning(found: FieldFindings[], canReview: boolean): string | null {
  if (found.length === 0) return null;
  const parts = found.map(
    (f) => `${describeKinds(kindsOf(f.findings))} in ${FIELD_NAMES[f.field] ?? f.field}`,
  );
  return (
    `This update may identify a person: ${parts.join("; ")}.` +
    (canReview ? " Return it so that the partner can remove the details before you accept it." : "")
  );
}

function readUpdate(values: FormValues): {
  input?: UpdateInput;
  intent: Intent;
  version: number | null;
  errors: FieldError[];
} {
  const parsed = parseForm(updateSchema, values);
  const intent: Intent = values.intent === "submit" ? "submit" : "draft";
  const spend = readUpdateSpend(values);
  if (!parsed.ok) return { intent, version: null, errors: [...parsed.errors, ...spend.errors] };
  if (spend.errors.length > 0) return { intent, version: parsed.data.version, errors: spend.errors };
  const { rating, narrative, remedy, toNote } = parsed.data;
  const links = parseEvidenceLinks(parsed.data.evidenceLinks);
  if ("error" in links)
    return {
      intent,
      version: parsed.data.version,
      errors: [{ field: "evidenceLinks", message: links.error }],
    };
  return {
    input: {
      rating: isRating(rating) ? rating : null,
      narrative,
      remedy,
      toNote,
      evidenceLinks: links.links,
      identifiesNobody: statesIdentifiesNobody(values),
      spend: spend.entries,
    },
    intent: parsed.data.intent,
    version: parsed.data.version,
    errors: [],
  };
}

export function registerUpdateRoutes(app: FastifyInstance, services: Services): void {
  const { updates } = services;
  const member = { config: { access: "member" as const } };
  /** A page the page cache may serve again until the partnership\'s data changes. */
  const memberPage = { config: { access: "member" as const, cache: "page" as const } };
  const admin = { config: { access: "admin" as const } };

  app.get("/your-updates", memberPage, async (request, reply) => {
    const actor = actorOf(request);
    const owed = await updates.owed(actor);
    // The meeting actions the organisation owns sit beside the plan's actions (issue 13).
    const meetingActions = await services.governanceMeetings.owedActions(actor);
    return reply.page("updates/your-updates", { title: "Your updates", ...owed, meetingActions });
  });

  // The review page: the update, its history, and for the coordinator the accept and return forms.

  async function reviewPage(request: FastifyRequest, values: Record<string, unknown>): Promise<FormPage> {
    const detail = await updates.get(actorOf(request), idParam(request, "updateId"));
    return {
      template: "updates/show",
      title: `${detail.round.name} update`,
      context: {
        ...detail,
        privacyWarning: privacyWarning(detail.privacyFindings, detail.canReview),
      },
      values,
      anchors: { form: "review", comment: "comment" },
    };
  }

  app.get("/updates/:updateId", memberPage, async (request, reply) => {
    const page = await reviewPage(request, {});
    return reply.page(page.template, { title: page.title, ...page.context, values: page.values });
  });

  // The partner's form.

  async function formPage(request: FastifyRequest, values: Record<string, unknown>): Promise<FormPage> {
    const detail = await updates.form(
      actorOf(request),
      idParam(request, "roundId"),
      idParam(request, "actionId"),
    );
    return {
      template: "updates/form",
      title: `${detail.round.name} update`,
      context: { ...detail, ratingOptions: RATING_OPTIONS },
      values,
      anchors: ANCHORS,
    };
  }

  app.get("/rounds/:roundId/actions/:actionId/update", member, async (request, reply) => {
    const page = await formPage(request, {});
    const { update, previous, spend } = page.context as Awaited<ReturnType<typeof updates.form>>;
    const values = update
      ? {
          rating: update.rating ?? "",
          narrative: update.narrative,
          remedy: update.remedy,
          toNote: update.toNote,
          evidenceLinks: update.evidenceLinks.join("\n"),
          version: String(update.version),
          ...updateSpendValues(spend),
        }
      : { toNote: previous?.toNote ?? "", version: "", ...updateSpendValues(spend) };
    return reply.page(page.template, { title: page.title, ...page.context, values });
  });

  app.post("/rounds/:roundId/actions/:actionId/update", member, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const page = await formPage(request, values);
    const { input, intent, version, errors } = readUpdate(values);
    if (!input || errors.length > 0) return renderFormErrors(reply, page, errors);
    const roundId = idParam(request, "roundId");
    const result = await handleFormErrors(reply, page, () =>
      updates.save(actor, roundId, idParam(request, "actionId"), version, input, intent),
    );
    if (!result.ok) return reply;
    if (result.value.already) {
      flash(request, result.value.already.sentence);
    } else if (intent === "submit") {
      flash(
        request,
        "Update submitted for review",
        '<p class="govuk-body">The coordinator will accept it or return it to you with a comment.</p>',
      );
    } else {
      flash(request, "Draft saved");
    }
    return reply.redirect(`${base(request)}/your-updates`, 303);
  });

  // The coordinator's review.

  app.post("/updates/:updateId/accept", admin, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const page = await reviewPage(request, values);
    const parsed = parseForm(reviewSchema, values);
    if (!parsed.ok)
      return renderFormErrors(reply, page, [
        { field: "form", message: "The form is out of date; open it again" },
      ]);
    const result = await handleFormErrors(reply, page, () =>
      updates.accept(actor, idParam(request, "updateId"), parsed.data.version),
    );
    if (!result.ok) return reply;
    flash(request, result.value.already?.sentence ?? "Update accepted");
    return reply.redirect(`${base(request)}/rounds/${result.value.update.roundId}`, 303);
  });

  app.post("/updates/:updateId/return", admin, async (request, reply) => {
    const actor = actorOf(request);
    const values = formValues(request.body);
    const page = await reviewPage(request, values);
    const parsed = parseForm(returnSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, page, parsed.errors);
    const result = await handleFormErrors(reply, page, () =>
      updates.returnUpdate(actor, idParam(request, "updateId"), parsed.data.version, parsed.data.comment, {
        identifiesNobody: statesIdentifiesNobody(values),
      }),
    );
    if (!result.ok) return reply;
    if (result.value.already) flash(request, result.value.already.sentence);
    else
      flash(
        request,
        "Update returned to the partner",
        '<p class="govuk-body">They have been sent an e-mail with your comment.</p>',
      );
    return reply.redirect(`${base(request)}/rounds/${result.value.roundId}`, 303);
  });
}

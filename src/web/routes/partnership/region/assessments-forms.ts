// The self-assessment forms' shapes and messages (partnership and region sides alike).
import { z } from "zod";
import { TEXT_LIMITS } from "../../../../domain/text-limits.ts";

const optionalText = (max: number) =>
  z.string().trim().max(max, `Must be ${max} characters or fewer`).default("");
const pick = (message: string) =>
  z.coerce.number({ message }).int(message).positive(message).max(2_147_483_647);

/** A rating's version: 0 while the criterion has no rating yet. */
export const ratingVersion = z.coerce.number().int().min(0).max(2_147_483_647);
export const recordVersion = z.coerce.number().int().positive().max(2_147_483_647);

export const ratingSchema = z.object({
  levelId: pick("Select a level of the standard's scale"),
  narrative: optionalText(TEXT_LIMITS.assessmentNarrative),
  version: ratingVersion,
});

export const evidenceSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({ kind: z.literal("commitment"), commitmentId: pick("Select a commitment") }),
    z.object({ kind: z.literal("indicator"), indicatorId: pick("Select a key statistic") }),
    z.object({ kind: z.literal("decision"), decisionId: pick("Select a decision") }),
    z.object({
      kind: z.literal("document"),
      url: z
        .string()
        .trim()
        .max(TEXT_LIMITS.evidenceLink, `Must be ${TEXT_LIMITS.evidenceLink} characters or fewer`)
        .regex(/^https:\/\/[^\s/]+\.\S+$/i, "Enter a link starting https://"),
      title: z
        .string()
        .trim()
        .min(1, "Enter the document's title")
        .max(TEXT_LIMITS.evidenceTitle, `Must be ${TEXT_LIMITS.evidenceTitle} characters or fewer`),
    }),
  ],
  { error: "Select what kind of evidence to add" },
);

export const criterionActionSchema = z.object({
  commitmentId: pick("Select the commitment the action delivers"),
  what: z
    .string()
    .trim()
    .min(1, "Enter what we will do")
    .max(TEXT_LIMITS.actionWhat, `Must be ${TEXT_LIMITS.actionWhat} characters or fewer`),
  leadOrganisationIds: pick("Select the organisation to lead it"),
});

export const moderationSchema = z.object({
  agreedLevelId: pick("Select the level the region agrees"),
  comment: optionalText(TEXT_LIMITS.moderationComment),
  version: recordVersion,
});

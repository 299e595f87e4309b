// The partnership's sharing with its region (issue 15), under Manage: every member reads what the
// partnership shares; the coordinator switches each kind on or off and gives the population with
// its source. Saved with optimistic concurrency: a stale form shows the saved values and keeps what
// was typed. A partnership in no region is told how it joins one.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import type { SharingRow } from "../../../../data/region/sharing.ts";
import { SHARING_KINDS, SHARING_LABELS, type SharingKind } from "../../../../domain/region/vocabulary.ts";
import type { Services } from "../../../../services/index.ts";
import { isAdmin, requireAdmin } from "../../../../services/permissions.ts";
import { POPULATION_SOURCE_MAX } from "../../../../services/region/sharing-service.ts";
import { asArray, formValues, parseForm, statesIdentifiesNobody } from "../../../forms.ts";
import { actorOf, base, type FormPage, flash, handleFormErrors, renderFormErrors } from "../../helpers.ts";

const SWITCH = {
  statistics: "shareStatistics",
  ratings: "shareRatings",
  funding: "shareFunding",
  assessments: "shareAssessments",
  governance: "shareGovernance",
} as const satisfies Record<SharingKind, keyof SharingRow>;

const POPULATION = "Enter the population as a whole number, like 165300";

const formSchema = z.object({
  share: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => asArray(v))
    .pipe(z.array(z.enum(SHARING_KINDS, { message: "Select only the kinds of data listed" }))),
  population: z
    .string({ message: POPULATION })
    .trim()
    .regex(/^(?:\d+|\d{1,3}(?:,\d{3})+)?$/, POPULATION)
    .transform((v) => (v === "" ? null : Number(v.replaceAll(",", ""))))
    .default(null),
  populationSource: z
    .string()
    .max(POPULATION_SOURCE_MAX + 100)
    .default(""),
  version: z
    .string({ message: "The form is out of date; open it again" })
    .regex(/^\d{1,9}$/, "The form is out of date; open it again")
    .transform(Number),
});

/** What is stored, as the form's values. */
function storedValues(sharing: SharingRow): Record<string, unknown> {
  return {
    share: SHARING_KINDS.filter((k) => sharing[SWITCH[k]]),
    population: sharing.population === null ? "" : String(sharing.population),
    populationSource: sharing.populationSource,
    version: String(sharing.version),
  };
}

/** The switches as words, for the read-only view and the conflict's saved values. */
function sharedWords(sharing: SharingRow) {
  return SHARING_KINDS.map((k) => ({
    kind: k,
    label: SHARING_LABELS[k].label,
    hint: SHARING_LABELS[k].hint,
    shared: sharing[SWITCH[k]],
  }));
}

export function registerPartnershipSharingRoutes(app: FastifyInstance, services: Services): void {
  const sharingService = services.regionSharing;
  const member = { config: { access: "member" as const } };
  const admin = { config: { access: "admin" as const } };

  async function page(request: FastifyRequest, values: Record<string, unknown>): Promise<FormPage> {
    const actor = actorOf(request);
    const { region, sharing } = await sharingService.view(actor);
    return {
      template: "region/sharing/show",
      title: "Sharing with the region",
      context: {
        region,
        kinds: SHARING_KINDS.map((k) => ({
          value: k,
          key: SWITCH[k],
          text: SHARING_LABELS[k].label,
          hint: SHARING_LABELS[k].hint,
        })),
        stored: sharedWords(sharing),
        population: sharing.population,
        populationText: sharing.population === null ? "" : sharing.population.toLocaleString("en-GB"),
        populationSource: sharing.populationSource,
        canChange: isAdmin(actor),
        action: `${base(request)}/manage/region`,
      },
      values,
    };
  }

  app.get("/manage/region", member, async (request, reply) => {
    const { sharing } = await sharingService.view(actorOf(request));
    const p = await page(request, storedValues(sharing));
    return reply.page(p.template, { ...p.context, title: p.title, values: p.values });
  });

  app.post("/manage/region", admin, async (request, reply) => {
    const actor = actorOf(request);
    requireAdmin(actor);
    const values = formValues(request.body);
    const shown = { ...values, share: asArray(values.share) };
    const p = await page(request, shown);
    if (!p.context.region)
      return reply.code(400).page(p.template, { ...p.context, title: p.title, values: shown });
    const parsed = parseForm(formSchema, values);
    if (!parsed.ok) return renderFormErrors(reply, { ...p, anchors: { share: "share" } }, parsed.errors);
    const { share, population, populationSource, version } = parsed.data;
    const input = {
      shareStatistics: share.includes("statistics"),
      shareRatings: share.includes("ratings"),
      shareFunding: share.includes("funding"),
      shareAssessments: share.includes("assessments"),
      shareGovernance: share.includes("governance"),
      population,
      populationSource,
    };
    const result = await handleFormErrors(reply, p, () =>
      sharingService.save(actor, version, input, { identifiesNobody: statesIdentifiesNobody(values) }),
    );
    if (!result.ok) return reply;
    flash(
      request,
      `What ${request.partnership?.name ?? "the partnership"} shares with ${result.value.region.name} is saved`,
    );
    return reply.redirect(`${base(request)}/manage/region`, 303);
  });
}

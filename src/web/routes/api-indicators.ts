// Key statistics in the API: response shapes for /indicators and /indicators/{id}/observations.
// A token marked public reads the figures as published (suppression applied); any other token reads
// them as held, like a signed-in member.
import type { z } from "zod";
import type { Judgement } from "../../domain/judgement.ts";
import type { TokenActor } from "../../services/actor.ts";
import type { Services } from "../../services/index.ts";
import type { IndicatorView } from "../../services/indicator-reads.ts";
import type { IndicatorList, ObservationList } from "../openapi.ts";

type Out<T extends z.ZodType> = z.output<T>;

function judged<T extends string>(j: Judgement<T>) {
  return { outcome: j.judged ? j.outcome : null, summary: j.summary, rule: j.rule };
}

export async function indicatorList(
  services: Services,
  actor: TokenActor,
): Promise<Out<typeof IndicatorList>> {
  const mode = await services.indicators.publicationModeFor(actor);
  const [views, notes, organisations] = await Promise.all([
    services.indicators.loadViews(actor, mode),
    services.indicators.notesByIndicator(actor),
    services.organisations.list(actor),
  ]);
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return {
    published: mode === "published",
    indicators: views.map((v: IndicatorView) => {
      const i = v.indicator;
      const latest = v.assessment.latest;
      const latestObservation = latest
        ? v.observations.find((o) => o.own && o.period.start === latest.period.start)
        : undefined;
      return {
        id: i.id,
        name: i.name,
        definition: i.definition,
        unit: i.unit,
        numeratorLabel: i.numeratorLabel,
        denominatorLabel: i.denominatorLabel,
        rateBase: i.rateBase,
        populationLabel: i.populationLabel,
        source: i.source,
        owner:
          i.ownerOrganisationId === null
            ? null
            : { id: i.ownerOrganisationId, name: orgName.get(i.ownerOrganisationId) ?? "" },
        frequency: i.frequency,
        polarity: i.polarity,
        kind: i.kind,
        baseline:
          i.baselineValue === null || i.baselinePeriodLabel === null
            ? null
            : { period: i.baselinePeriodLabel, value: i.baselineValue },
        target: i.targetValue === null ? null : { value: i.targetValue, date: i.targetDate },
        partOfIndicatorId: i.partOfIndicatorId,
        definitionNotes: (notes.get(i.id) ?? []).map((n) => ({ changedOn: n.changedOn, note: n.note })),
        latest: latestObservation
          ? {
              period: latestObservation.period.label,
              value: latestObservation.value,
              suppressed: latestObservation.figure.state === "suppressed",
              shownAs: latestObservation.text,
            }
          : null,
        againstTarget: judged(v.assessment.target),
        sinceLastYear: judged(v.assessment.sinceLastYear),
        comparator: v.assessment.comparator.summary,
        version: i.version,
      };
    }),
  };
}

export async function observationList(
  services: Services,
  actor: TokenActor,
  id: number,
): Promise<Out<typeof ObservationList>> {
  const mode = await services.indicators.publicationModeFor(actor);
  const [detail, settings, areas] = await Promise.all([
    services.indicators.detail(actor, id, mode),
    services.indicators.settings(actor),
    services.indicators.listAreas(actor),
  ]);
  const areaKind = new Map(areas.map((a) => [a.id, a.kind]));
  return {
    indicator: { id: detail.indicator.id, name: detail.indicator.name, unit: detail.indicator.unit },
    published: mode === "published",
    suppressionThreshold: settings.suppressionThreshold,
    observations: detail.observations.map((o) => ({
      id: o.id,
      periodLabel: o.period.label,
      periodStart: o.period.start,
      periodEnd: o.period.end,
      areaId: o.areaId,
      areaName: o.areaName,
      areaKind: areaKind.get(o.areaId) ?? "other",
      value: o.value,
      numerator: o.numerator,
      denominator: o.denominator,
      suppressed: o.figure.state === "suppressed",
      shownAs: o.text,
    })),
  };
}

// Applies the safe-publication rules (suppression.ts) to a partnership's whole set of figures: first
// each observation on its own, then secondary suppression across every total and its parts for each
// period and area. Pure: no I/O.

import type { UnitSpec } from "./indicators.ts";
import {
  type ObservationNumbers,
  type PublishedFigure,
  publishObservation,
  secondarySuppression,
  withSecondary,
} from "./suppression.ts";

export interface PublishableIndicator {
  id: number;
  spec: UnitSpec;
  /** The indicator whose total this one is a part of (counts only). */
  partOfIndicatorId: number | null;
}

export interface PublishableObservation extends ObservationNumbers {
  id: number;
  indicatorId: number;
  areaId: number;
  periodStart: string;
  periodEnd: string;
}

/** Every observation's published figure, by observation id. */
export function publishAll(
  indicators: readonly PublishableIndicator[],
  observations: readonly PublishableObservation[],
  threshold: number,
): Map<number, PublishedFigure> {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const result = new Map<number, PublishedFigure>();
  for (const o of observations) {
    const indicator = byId.get(o.indicatorId);
    if (!indicator) continue;
    result.set(o.id, publishObservation(indicator.spec, o, threshold));
  }
  // Totals and their parts: counts only, grouped by the total, period and area.
  const cellKey = (indicatorId: number, o: PublishableObservation) =>
    `${indicatorId}|${o.areaId}|${o.periodStart}|${o.periodEnd}`;
  const observationAt = new Map(observations.map((o) => [cellKey(o.indicatorId, o), o]));
  const partsOf = new Map<number, PublishableIndicator[]>();
  for (const i of indicators) {
    if (i.partOfIndicatorId === null || i.spec.unit !== "count") continue;
    const total = byId.get(i.partOfIndicatorId);
    if (!total || total.spec.unit !== "count") continue;
    partsOf.set(total.id, [...(partsOf.get(total.id) ?? []), i]);
  }
  for (const [totalId, parts] of partsOf) {
    // Every period and area where the total or any part has a figure.
    const cells = new Map<string, PublishableObservation>();
    for (const o of observations) {
      if (o.indicatorId === totalId || parts.some((p) => p.id === o.indicatorId)) {
        cells.set(`${o.areaId}|${o.periodStart}|${o.periodEnd}`, o);
      }
    }
    for (const sample of cells.values()) {
      const total = observationAt.get(cellKey(totalId, sample));
      const partObservations = parts.map((p) => observationAt.get(cellKey(p.id, sample)));
      const statuses = secondarySuppression(
        total?.value ?? null,
        partObservations.map((o) => o?.value ?? null),
        threshold,
      );
      const apply = (o: PublishableObservation | undefined, status: typeof statuses.total) => {
        if (!o) return;
        const figure = result.get(o.id);
        if (figure) result.set(o.id, withSecondary(figure, status, threshold));
      };
      apply(total, statuses.total);
      partObservations.forEach((o, i) => {
        apply(o, statuses.parts[i] ?? "shown");
      });
    }
  }
  return result;
}

// The self-assessment tests' steps through the partnership's pages (region-assessments*.test.ts): a
// coordinator starting a cycle's self-assessment, rating a criterion and linking evidence, as a
// browser does (the form's page first, for its CSRF token), and reading a criterion's row in words.
import { expect } from "vitest";
import type { Db } from "../../src/db/database.ts";
import type { TestClient } from "../support/app.ts";
import { ratingVersionOf } from "./region-assessments-fixture.ts";

/** The text of an HTML fragment, tags dropped and spaces squeezed. */
export const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();

/** A criterion's row of an assessment page, in words. */
export function criterionRow(body: string, criterionId: number): string {
  const row = new RegExp(`<tr class="govuk-table__row" id="criterion-${criterionId}">([\\s\\S]*?)</tr>`).exec(
    body,
  );
  return text(row?.[1] ?? "");
}

/** A coordinator's steps on the self-assessment pages of the partnership `slug`. */
export function assessmentSteps(db: Db, client: TestClient, slug: string) {
  const criterionUrl = (assessmentId: number, criterionId: number) =>
    `/p/${slug}/assessments/${assessmentId}/criteria/${criterionId}`;
  return {
    criterionUrl,

    /** Starts the cycle's self-assessment; the new assessment's id. */
    async start(cycleId: number): Promise<number> {
      await client.get(`/p/${slug}/assessments`);
      const response = await client.post(`/p/${slug}/cycles/${cycleId}/assessment`);
      expect(response.statusCode).toBe(303);
      return Number(/\/assessments\/(\d+)$/.exec(String(response.headers.location))?.[1]);
    },

    /** Saves a rating under the stored version (0 before the first). */
    async rate(assessmentId: number, criterionId: number, levelId: number, narrative: string) {
      const url = criterionUrl(assessmentId, criterionId);
      await client.get(url);
      return client.post(url, {
        levelId: String(levelId),
        narrative,
        version: await ratingVersionOf(db, assessmentId, criterionId),
      });
    },

    async addEvidence(assessmentId: number, criterionId: number, form: Record<string, string>) {
      const url = criterionUrl(assessmentId, criterionId);
      await client.get(url);
      return client.post(`${url}/evidence`, form);
    },
  };
}

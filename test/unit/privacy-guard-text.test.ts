import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/services/errors.ts";
import {
  guardText,
  PersonalDataError,
  personalDataProblem,
  recordAcknowledgement,
} from "../../src/services/privacy/guard.ts";
import type { AuditRecord } from "../../src/services/unit-of-work.ts";

describe("guardText, the check every service makes before saving written text", () => {
  it("lets text through that identifies nobody, and reports nothing to audit", () => {
    expect(guardText({ narrative: "Repeat rate 36% against a target of 35%", toNote: "" })).toEqual([]);
  });

  it("refuses a hit with one field error per field, as a ValidationError the forms already show", () => {
    let caught: unknown;
    try {
      guardText({
        narrative: "Mrs Smith moved",
        remedy: "fine",
        evidenceLinks: ["https://a.example/report?tel=07700900123"],
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PersonalDataError);
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).errors).toEqual([
      {
        field: "narrative",
        message:
          "This may identify a person: a title with a surname, Mrs Smith. Remove it, or confirm below that it identifies nobody",
      },
      {
        field: "evidenceLinks",
        message:
          "This may identify a person: a phone number, 07700900123. Remove it, or confirm below that it identifies nobody",
      },
    ]);
  });

  it("reports a hit with the form's other errors, in the order of the form's fields", () => {
    let caught: unknown;
    try {
      guardText({ narrative: "Mrs Smith moved", remedy: "" }, {}, [
        { field: "remedy", message: "Enter what we are doing about it" },
        { field: "rating", message: "Select a rating" },
      ]);
    } catch (error) {
      caught = error;
    }
    expect((caught as ValidationError).errors.map((e) => e.field)).toEqual(["rating", "narrative", "remedy"]);
  });

  it("reports nothing of the others when there is no hit: the service goes on to its own checks", () => {
    expect(guardText({ narrative: "Fine" }, {}, [{ field: "rating", message: "Select a rating" }])).toEqual(
      [],
    );
  });

  it("saves when the writer states the text identifies nobody, and audits the fields and kinds only", () => {
    const found = guardText({ reason: "Her partner Dave, 07700 900123" }, { identifiesNobody: true });
    const records: AuditRecord[] = [];
    recordAcknowledgement((r) => records.push(r), found, {
      partnershipId: 1,
      entityType: "commitment",
      entityId: 7,
    });
    expect(records).toEqual([
      {
        partnershipId: 1,
        entityType: "commitment",
        entityId: 7,
        action: "privacy.acknowledged",
        after: {
          fields: { reason: ["nameWithFamilyWord", "phoneNumber"] },
          kinds: ["nameWithFamilyWord", "phoneNumber"],
        },
      },
    ]);
    expect(JSON.stringify(records)).not.toMatch(/Dave|07700/);
  });

  it("gives an API client the fields and kinds found", () => {
    const error = new PersonalDataError([
      { field: "narrative", findings: [{ kind: "nhsNumber", excerpt: "943 476 5919", index: 0 }] },
    ]);
    expect(personalDataProblem(error)).toMatchObject({
      findings: [
        { field: "narrative", kinds: ["nhsNumber"], message: expect.stringContaining("an NHS number") },
      ],
    });
  });
});

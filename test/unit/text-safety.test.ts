import { describe, expect, it } from "vitest";
import {
  fieldLabel,
  hasRefusedCharacters,
  refusedPaths,
  withoutRefusedCharacters,
} from "../../src/domain/text-safety.ts";
import { maskedUrl, serializeError } from "../../src/web/plugins/log-redaction.ts";
import { cleanForDisplay } from "../../src/web/plugins/refused-input.ts";

describe("characters Waymark cannot store", () => {
  it.each([
    ["NUL", "a\u0000b"],
    ["a C0 control", "a\u0001b"],
    ["vertical tab", "a\u000Bb"],
    ["form feed", "a\u000Cb"],
    ["escape", "a\u001Bb"],
    ["a lone high surrogate", "a\uD800b"],
    ["a lone high surrogate at the end", "a\uDBFF"],
    ["a lone low surrogate", "\uDC00b"],
    ["two high surrogates", "\uD83D\uD83D\uDE00"],
    ["U+FFFE", "a\uFFFEb"],
    ["U+FFFF", "\uFFFF"],
  ])("refuses %s", (_, text) => {
    expect(hasRefusedCharacters(text)).toBe(true);
    expect(hasRefusedCharacters(withoutRefusedCharacters(text))).toBe(false);
  });

  it.each([
    ["tab, line feed and carriage return", "a\tb\nc\r\nd"],
    ["astral characters (a surrogate pair)", "Progress 😀 𝔸"],
    ["accents and Welsh", "Café, Ynys Môn, ŵ ŷ"],
    ["U+FFFD itself", "a\uFFFDb"],
    ["DEL and C1 controls (valid in PostgreSQL and XML)", "a\u007Fb\u0085c"],
    ["an empty string", ""],
  ])("keeps %s", (_, text) => {
    expect(hasRefusedCharacters(text)).toBe(false);
    expect(withoutRefusedCharacters(text)).toBe(text);
  });

  it("strips every refused character and only those", () => {
    expect(withoutRefusedCharacters("a\u0000b\u0001c\uD800d😀\te")).toBe("abcd😀\te");
  });

  it("finds the paths of nested strings that hold them, skipping file bytes", () => {
    expect(
      refusedPaths({
        name: "ok",
        milestones: [{ text: "fine" }, { text: "bad\u0000" }],
        tags: ["x", "y\u0002"],
        file: Buffer.from("a\u0000b"),
        count: 3,
      }),
    ).toEqual(["milestones.1.text", "tags.1"]);
    expect(refusedPaths("\u0000")).toEqual([""]);
    expect(refusedPaths({ "bad\u0000key": "v" })).toEqual(["bad\u0000key"]);
  });

  it("names fields as a person reads them", () => {
    expect(fieldLabel("name")).toBe("Name");
    expect(fieldLabel("performanceTarget")).toBe("Performance target");
    expect(fieldLabel("startsOn-day")).toBe("Starts on");
    expect(fieldLabel("leadOrganisationIds")).toBe("Lead organisation");
    expect(fieldLabel("")).toBe("The text");
    expect(fieldLabel("what")).toBe("What we will do");
    expect(fieldLabel("milestone-2-description")).toBe("Milestone description");
  });
});

describe("a form shown again", () => {
  it("shows what was typed without the refused characters, leaving other values alone", () => {
    const at = new Date("2025-01-01T00:00:00Z");
    const values = Object.assign(Object.create(null), { name: "a\u0000b" });
    expect(cleanForDisplay({ values, list: ["x\u0001y"], at, n: 3, nested: { t: "\uD800z" } })).toEqual({
      values: { name: "ab" },
      list: ["xy"],
      at,
      n: 3,
      nested: { t: "z" },
    });
  });
});

describe("the log never holds submitted values", () => {
  it("masks every query-string value", () => {
    expect(maskedUrl("/p/x/audit?entityType=Jane&entityId=3")).toBe(
      "/p/x/audit?entityType=[hidden]&entityId=[hidden]",
    );
    expect(maskedUrl("/p/x/audit")).toBe("/p/x/audit");
  });

  it("drops a failed query's parameters and the values a database quotes", () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "Jane Smith"'), {
      code: "22P02",
      detail: "Key (email)=(jane@example.org) already exists.",
    });
    const error = Object.assign(
      new Error("Failed query: select 1 where email = $1\nparams: jane@example.org,Jane Smith", { cause }),
      { query: "select 1 where email = $1", params: ["jane@example.org", "Jane Smith"] },
    );
    const serialized = JSON.stringify(serializeError(error));
    expect(serialized).not.toMatch(/jane|smith/i);
    expect(serialized).toContain("select 1 where email = $1");
    expect(serialized).toContain("22P02");
  });

  it("drops the text JSON.parse quotes from a broken body", () => {
    let error: unknown;
    try {
      JSON.parse('{"name": Jane Smith of 12 Acacia Road, her son Tom}');
    } catch (e) {
      error = e;
    }
    expect(JSON.stringify(serializeError(error))).not.toMatch(/jane|acacia|tom/i);
  });
});

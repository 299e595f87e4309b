// The generated values of the bad-input property test (bad-input-property.test.ts): text that is
// long, empty, unicode (astral too), control characters with NUL, lone surrogates, numbers and dates
// no form should take, several values where one is expected, and wrong types in JSON.
import fc from "fast-check";

const controlText = fc
  .array(
    fc.constantFrom("\u0000", "\u0001", "\u0008", "\u000B", "\u001F", "\uFFFF", "\t", "\r\n", "a", "é"),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((chars) => chars.join(""));
const loneSurrogates = fc.constantFrom("\uD800", "a\uDBFFb", "\uDC00z", "\uDFFF\uD800");
const numbers = fc.oneof(
  fc.constantFrom("-1", "0", "-0", "1e309", "NaN", "Infinity", "9".repeat(40), "0x10", "1.5", " 7 ", "٣"),
  fc.integer().map(String),
  fc.double().map(String),
);
const dates = fc.constantFrom("2025-02-30", "0000-01-01", "31/12/2025", "9999-99-99", "2025-13-01");
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 30 }) }, // unicode, astral included
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) }, // any code unit, lone surrogates
  { weight: 3, arbitrary: controlText },
  { weight: 1, arbitrary: loneSurrogates },
  { weight: 2, arbitrary: numbers },
  { weight: 1, arbitrary: dates },
  { weight: 1, arbitrary: fc.constantFrom("", " ", "\n\n", "<script>alert(1)</script>", "' or 1=1 --") },
  { weight: 1, arbitrary: fc.nat({ max: 20_000 }).map((n) => "x".repeat(n)) }, // long
);
const formValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { weight: 5, arbitrary: text },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 4 }) }, // several values where one is expected
);
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
  text,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 3 }),
);

/** A change to a form's fields: some replaced, some dropped, some added. */
export function mutation(names: string[]) {
  const known = names.length > 0 ? fc.constantFrom(...names) : fc.string({ maxLength: 12 });
  return fc.record({
    replace: fc.array(fc.tuple(known, formValue), { minLength: 1, maxLength: 3 }),
    drop: fc.array(known, { maxLength: 2 }),
    extra: fc.array(fc.tuple(fc.oneof(fc.string({ maxLength: 12 }), controlText), formValue), {
      maxLength: 2,
    }),
    // Now and then the whole body as JSON instead, with wrong types.
    json: fc.oneof(
      { weight: 6, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.array(fc.tuple(known, jsonValue), { minLength: 1, maxLength: 4 }) },
    ),
  });
}

/** What reaches the server as text once a value is sent as UTF-8 (a lone surrogate becomes U+FFFD). */
export const asSent = (value: string) => Buffer.from(value, "utf8").toString("utf8");

import { defaultDeserialize, defaultSerialize } from "@keyv/serialize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deserialize } from "../../src/store/deserialize.js";

/** Strings rich in what matters here: leading colons, quotes, backslashes, `:base64:`, brackets and commas. */
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(":", '"', "\\", ",", "[", "{", " ", "a", "日", "b") }),
  fc.string().map((s) => `:${s}`),
  fc.string().map((s) => `::${s}`),
  fc.string().map((s) => `:base64:${s}`),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("deserialize (keyv's, with a plain JSON.parse where nothing is to undo)", () => {
  it("reads what keyv wrote exactly as keyv's own deserializer does", () => {
    fc.assert(
      fc.property(json, fc.option(fc.integer({ min: 0 })), (value, expires) => {
        const stored = defaultSerialize({ value, expires: expires ?? undefined });
        expect(deserialize(stored)).toStrictEqual(defaultDeserialize(stored));
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees with keyv's deserializer on any JSON text, formatted or not", () => {
    fc.assert(
      fc.property(json, fc.constantFrom(undefined, 1, "\t"), (value, space) => {
        const stored = JSON.stringify({ value }, null, space);
        expect(deserialize(stored)).toStrictEqual(defaultDeserialize(stored));
      }),
      { numRuns: 2000 },
    );
  });

  it("undoes keyv's escapes: a leading colon, a Buffer", () => {
    const stored = defaultSerialize({ value: { note: ":warning: late", file: Buffer.from("pdf") } });
    expect(deserialize(stored)).toEqual({ value: { note: ":warning: late", file: Buffer.from("pdf") } });
    expect(deserialize(defaultSerialize(":x"))).toBe(":x");
    expect(deserialize('{"value":{"a":"b: c","d":["e"]}}')).toEqual({ value: { a: "b: c", d: ["e"] } });
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { answerOf, evaluateCondition, isAnswered, questionsReferenced } from "../../src/rules/conditions.js";
import { Condition } from "../../src/rules/schema-eligibility.js";

describe("evaluateCondition: leaves", () => {
  it("`in` holds when the answer is one of the values", () => {
    expect(evaluateCondition({ q: "a", in: ["x", "y"] }, { a: "y" })).toBe(true);
    expect(evaluateCondition({ q: "a", in: ["x", "y"] }, { a: "z" })).toBe(false);
  });

  it("`notIn` holds when the answer is none of the values", () => {
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: "y" })).toBe(true);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: "x" })).toBe(false);
  });

  it("an unanswered question satisfies neither `in` nor `notIn`", () => {
    expect(evaluateCondition({ q: "a", in: ["x"] }, {})).toBe(false);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, {})).toBe(false);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: "" })).toBe(false);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: [] })).toBe(false);
  });

  it("`answered` tells whether there is a non-empty answer", () => {
    expect(evaluateCondition({ q: "a", answered: true }, { a: "x" })).toBe(true);
    expect(evaluateCondition({ q: "a", answered: true }, {})).toBe(false);
    expect(evaluateCondition({ q: "a", answered: true }, { a: "" })).toBe(false);
    expect(evaluateCondition({ q: "a", answered: true }, { a: [] })).toBe(false);
    expect(evaluateCondition({ q: "a", answered: false }, {})).toBe(true);
    expect(evaluateCondition({ q: "a", answered: false }, { a: ["x"] })).toBe(false);
  });

  it("a list answer meets `in` when any value is in it, and `notIn` only when no value is", () => {
    expect(evaluateCondition({ q: "a", in: ["x"] }, { a: ["y", "x"] })).toBe(true);
    expect(evaluateCondition({ q: "a", in: ["x"] }, { a: ["y", "z"] })).toBe(false);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: ["y", "z"] })).toBe(true);
    expect(evaluateCondition({ q: "a", notIn: ["x"] }, { a: ["y", "x"] })).toBe(false);
  });

  it("reads only the answers' own keys, never Object.prototype", () => {
    expect(evaluateCondition({ q: "constructor", answered: true }, {})).toBe(false);
    expect(evaluateCondition({ q: "toString", notIn: ["x"] }, {})).toBe(false);
    expect(answerOf({}, "hasOwnProperty")).toBeUndefined();
    expect(answerOf({ a: "x" }, "a")).toBe("x");
  });

  it("isAnswered accepts non-empty strings and lists only", () => {
    expect(isAnswered("x")).toBe(true);
    expect(isAnswered(["x"])).toBe(true);
    expect(isAnswered("")).toBe(false);
    expect(isAnswered([])).toBe(false);
    expect(isAnswered(undefined)).toBe(false);
    expect(isAnswered(3)).toBe(false);
  });
});

describe("evaluateCondition: combinators", () => {
  const answers = { a: "x", b: "y" };
  it("`all` needs every part", () => {
    expect(
      evaluateCondition(
        {
          all: [
            { q: "a", in: ["x"] },
            { q: "b", in: ["y"] },
          ],
        },
        answers,
      ),
    ).toBe(true);
    expect(
      evaluateCondition(
        {
          all: [
            { q: "a", in: ["x"] },
            { q: "b", in: ["z"] },
          ],
        },
        answers,
      ),
    ).toBe(false);
  });

  it("`any` needs one part", () => {
    expect(
      evaluateCondition(
        {
          any: [
            { q: "a", in: ["z"] },
            { q: "b", in: ["y"] },
          ],
        },
        answers,
      ),
    ).toBe(true);
    expect(
      evaluateCondition(
        {
          any: [
            { q: "a", in: ["z"] },
            { q: "c", answered: true },
          ],
        },
        answers,
      ),
    ).toBe(false);
  });

  it("`not` negates, so `not in` also holds for an unanswered question", () => {
    expect(evaluateCondition({ not: { q: "a", in: ["x"] } }, answers)).toBe(false);
    expect(evaluateCondition({ not: { q: "c", in: ["x"] } }, answers)).toBe(true);
  });

  it("nests", () => {
    const cond: Condition = {
      all: [{ q: "a", in: ["x"] }, { any: [{ q: "b", notIn: ["y"] }, { not: { q: "c", answered: true } }] }],
    };
    expect(evaluateCondition(cond, answers)).toBe(true);
    expect(evaluateCondition(cond, { ...answers, c: "w" })).toBe(false);
  });
});

describe("questionsReferenced", () => {
  it("lists each question once, in order of first mention", () => {
    const cond: Condition = {
      all: [
        { q: "b", in: ["1"] },
        { any: [{ q: "a", answered: true }, { not: { q: "b", notIn: ["2"] } }] },
        { q: "c", in: ["3"] },
      ],
    };
    expect(questionsReferenced(cond)).toEqual(["b", "a", "c"]);
  });

  it("a leaf references its own question", () => {
    expect(questionsReferenced({ q: "x", answered: false })).toEqual(["x"]);
  });
});

describe("properties", () => {
  const ids = fc.constantFrom("a", "b", "c");
  const values = fc.constantFrom("x", "y", "z");
  const leaf: fc.Arbitrary<Condition> = fc.oneof(
    fc.record({ q: ids, in: fc.array(values, { minLength: 1, maxLength: 2 }) }),
    fc.record({ q: ids, notIn: fc.array(values, { minLength: 1, maxLength: 2 }) }),
    fc.record({ q: ids, answered: fc.boolean() }),
  );
  const { cond } = fc.letrec<{ cond: Condition }>((tie) => ({
    cond: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie("cond"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie("cond"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie("cond") }),
    ),
  }));
  const answers = fc.dictionary(ids, fc.oneof(values, fc.constant(""), fc.array(values, { maxLength: 2 })));

  it("every generated condition is valid for the schema, and evaluates to a boolean", () => {
    fc.assert(
      fc.property(cond, answers, (c, a) => {
        expect(Condition.safeParse(c).success).toBe(true);
        expect(typeof evaluateCondition(c, a)).toBe("boolean");
      }),
    );
  });

  it("only the referenced questions matter", () => {
    fc.assert(
      fc.property(cond, answers, answers, (c, a, other) => {
        const referenced = new Set(questionsReferenced(c));
        const mixed: Record<string, string | string[]> = { ...other };
        for (const id of Object.keys(mixed)) if (referenced.has(id)) delete mixed[id];
        for (const id of referenced) if (Object.hasOwn(a, id)) mixed[id] = a[id] as string | string[];
        expect(evaluateCondition(c, mixed)).toBe(evaluateCondition(c, a));
      }),
    );
  });

  it("`not` is the exact negation", () => {
    fc.assert(
      fc.property(cond, answers, (c, a) => {
        expect(evaluateCondition({ not: c }, a)).toBe(!evaluateCondition(c, a));
      }),
    );
  });
});
